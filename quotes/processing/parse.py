"""The parsing every path shares: articles in, `Quote`s out.

`parse_articles` runs `nlp.pipe` over the articles, retries an article alone when the pipeline
failed on its batch, and reports what still fails; an article longer than one chunk
(`quotes.processing.chunking`) is parsed alone, a chunk at a time (each with some text before it
as context), so memory stays bounded.
Each article may be given a time budget (`time_budget`, SIGALRM: only where nothing but
parsing happens, a worker process), after which it is reported as failed.
`finish_quotes` marks those in trailing matter. The plain path, each forked worker of
`quotes.processing.pool` and each Dask worker run exactly this code, so they agree.
"""
from __future__ import annotations

import itertools
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..errors import ArticleTimeout
from ..models import Article, Quote
from .chunking import chunk_length, chunk_spans, chunk_windows, keep_quotes, shift_quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def drop_doc(name: str | None, proc: Any, docs: list[Doc] | None, exc: Exception) -> None:
    """spaCy error handler that lets the run go on: the Doc (or a failed worker's batch) is
    dropped, and `parse_articles` notices it missing and retries the article on its own.
    Module-level so that it survives spaCy's worker processes."""


def finish_quotes(article: Article, quotes: list[Quote]) -> list[Quote]:
    """`article`'s quotes, those starting where the reader found trailing matter
    (`Article.body_end`: related-article lists, captions) marked as not in the body (in place:
    the parse made them for this article alone)."""
    if article.body_end is not None:
        for quote in quotes:
            if quote.start >= article.body_end:
                quote.in_body = False
    return quotes


def _set_byline(doc: Doc, article: Article) -> None:
    if article.byline and doc.has_extension("byline"):
        doc._.byline = article.byline


def pipe_input(nlp: Language, article: Article, start: int, end: int) -> str | Doc:
    """What `nlp.pipe` gets for a piece of an article: its text, or, when the article has a
    byline (the author an op-ed's `I` stands for), a Doc carrying it in `doc._.byline` (set by
    the `quotes` component's module)."""
    if not article.byline:
        return article.text[start:end]
    doc = nlp.make_doc(article.text[start:end])
    if not doc.has_extension("byline"):
        return article.text[start:end]
    doc._.byline = article.byline
    return doc


BATCH_ALLOWANCE = 2.0
"""Seconds per article added to the budget of a batch parsed together (an ordinary article
takes well under one); past it the batch's articles are parsed again alone, each with its own."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `ArticleTimeout` in this (main) thread if the block runs longer than `seconds`
    (None: no limit). For worker processes only: the alarm may go off in any code the block
    runs, so it must run nothing but parsing."""
    if not seconds:
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def one_by_one(nlp: Language, article: Article, timeout: float | None = None) -> list[Quote] | str:
    """Parse `article` alone, component by component, a chunk at a time, within `timeout`
    seconds: its quotes, or what failed and how."""
    try:
        with time_budget(timeout):
            return _one_by_one(nlp, article)
    except ArticleTimeout as exc:
        return str(exc)


def _one_by_one(nlp: Language, article: Article) -> list[Quote] | str:
    quotes: list[Quote] = []
    for context, start, end in chunk_windows(article.text, chunk_length(nlp.max_length)):
        try:
            doc = nlp.make_doc(article.text[context:end])
        except ArticleTimeout:
            raise
        except Exception as exc:  # noqa: BLE001 - reported for this article, the run goes on
            return f"tokenizer raised {type(exc).__name__}: {exc}"
        _set_byline(doc, article)
        for name, proc in nlp.pipeline:
            try:
                doc = proc(doc)
            except ArticleTimeout:
                raise
            except Exception as exc:  # noqa: BLE001
                return f"{name} raised {type(exc).__name__}: {exc}"
        if doc._.quotes is None:
            return "the pipeline has no quotes component"
        quotes.extend(keep_quotes(doc._.quotes, context, start))
        del doc  # one chunk's parse in memory at a time
    return quotes


class _Source:
    """The articles as `nlp.pipe` takes them. An exception raised while reading them is kept
    and raised again by `parse_articles` as itself once the articles read before it are done:
    it is never taken for the pipeline failing on the articles in flight."""

    def __init__(self) -> None:
        self.error: BaseException | None = None

    def guard(self, articles: Iterable[Article]) -> Iterator[Article]:
        try:
            yield from articles
        except Exception as exc:  # noqa: BLE001 - re-raised by parse_articles
            self.error = exc


def parse_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None],
    window: int | None = 10_000,
    timeout: float | None = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`(article, quotes)` for each article, in order, parsed with `nlp.pipe` (with
    spaCy's own multiprocessing when `n_process` > 1): the parsing under
    `quotes.processing.pipeline.extract_articles`, also what each worker process of
    `quotes.processing.pool` runs on its batch. The quotes' offsets index the whole article;
    articles the pipeline fails on go to `on_error`. Every `window` articles get
    their own `nlp.pipe` call inside `nlp.memory_zone()`. An article longer than one chunk is
    parsed alone, a chunk at a time. `timeout`: each article's budget in seconds (worker
    processes only, see `time_budget`). An exception from `articles` itself is raised as it is,
    after the articles read before it."""
    max_length = chunk_length(nlp.max_length)
    # seq -> [article, chunks still to come, quotes so far]; insertion-ordered by seq.
    pending: dict[int, list[Any]] = {}
    source = _Source()
    budget = timeout and timeout + BATCH_ALLOWANCE * batch_size

    numbers = itertools.count()

    def chunks(part: Iterable[Article]) -> Iterator[tuple[str, tuple[int, int]]]:
        for seq, article in zip(numbers, source.guard(part)):
            spans = chunk_spans(article.text, max_length)
            pending[seq] = [article, len(spans), []]
            if len(spans) > 1:
                continue  # parsed alone when its turn comes (below), not a batch of chunks at once
            for start, end in spans:
                yield pipe_input(nlp, article, start, end), (seq, start)

    def retry(seq: int) -> Iterator[tuple[Article, list[Quote]]]:
        article = pending.pop(seq)[0]
        result = one_by_one(nlp, article, timeout)
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
    nlp.default_error_handler = drop_doc
    stream = iter(articles)
    try:
        while (head := next(stream, None)) is not None:
            part = itertools.chain([head], itertools.islice(stream, window - 1) if window else stream)
            with nlp.memory_zone():
                docs = nlp.pipe(chunks(part), as_tuples=True, n_process=n_process, batch_size=batch_size)
                while True:
                    try:
                        with time_budget(budget):
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
                    if doc._.quotes is None:  # not a pipeline with the quotes component
                        entry[1] = -1
                    elif entry[1] > 0:
                        entry[2].extend(shift_quote(q, offset) for q in doc._.quotes)
                        entry[1] -= 1
                    if entry[1] == 0:
                        article, _, quotes = pending.pop(seq)
                        yield article, quotes
                while pending:
                    yield from retry(next(iter(pending)))
            if source.error is not None:
                raise source.error
    finally:
        nlp.default_error_handler = previous
