"""Cutting articles longer than spaCy's `max_length` into paragraph-aligned chunks.

spaCy refuses texts longer than `nlp.max_length`, and its parser needs about 3 MB per 1,000
characters (a 10 MB text parsed in 1,000,000-character pieces, a batch of them at once, took
24 GB), so a long article is parsed piece by piece, `CHUNK_LENGTH` characters at most, one
piece at a time. Pieces end at paragraph breaks
where possible, because a quotation rarely crosses one, and the quotes found in a piece are
shifted back by the piece's start so that every offset still indexes the original text.

Each piece after the first is parsed with up to `OVERLAP` characters of the text before it (from
a paragraph or line start), so that a quote at the start of a piece still has the sentences
that name its speaker (`"…," he said.` after the paragraph naming him); only the quotes that
start in the piece itself are kept from it (`chunk_windows`), so none is found twice.
"""
from __future__ import annotations

import re

from ..models import Quote

# Places to cut, best first: after a blank line, after a line break, after a sentence end,
# after any whitespace. A chunk ends at the last cut of the best kind inside its window.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?…][\"'”’»)\]])\s+|(?<=[.!?…])\s+"),
    re.compile(r"\s+"),
)

_SPAN_LIST_FIELDS = ("spans", "speaker_spans", "cue_spans", "quoted_spans")

CHUNK_LENGTH = 50_000
"""The longest piece parsed at once: about 170 MB of parser memory beside the model, so a worker
stays well under 1.5 GB. Longer than any PolNeAR article (the longest is 33,672 characters), so
ordinary articles are parsed whole, as before."""


OVERLAP = 5_000
"""Characters of the text before a piece that are parsed with it, as context (at most a quarter
of the piece length)."""


def chunk_length(max_length: int) -> int:
    """The piece length for a pipeline whose `nlp.max_length` is `max_length`."""
    return min(max_length, CHUNK_LENGTH)


def chunk_spans(text: str, max_length: int) -> list[tuple[int, int]]:
    """`[start, end)` ranges that cover `text` in order, each at most `max_length` long.

    A text that fits is one range. Otherwise each chunk ends at the last paragraph break inside
    the window; failing that at a line break, a sentence end, a space, and only as a last resort
    in the middle of a word.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_length:
        limit = start + max_length
        end = limit
        for pattern in _CUTS:
            cut = None
            for m in pattern.finditer(text, start, limit + 1):
                if m.end() <= limit and m.end() > start:
                    cut = m.end()
            if cut is not None:
                end = cut
                break
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


def chunk_windows(text: str, max_length: int) -> list[tuple[int, int, int]]:
    """`(context_start, start, end)` for each piece of `text`: `[start, end)` cover the text in
    order (`chunk_spans`), and `text[context_start:end]`, at most `max_length` long, is what is
    parsed: the piece with up to `OVERLAP` characters before it, from the first paragraph start
    (else line start, sentence start, word start) in that stretch. A quote found in the piece
    is kept when it starts at or after `start`."""
    if len(text) <= max_length:
        return [(0, 0, len(text))]
    overlap = min(OVERLAP, max_length // 4)
    windows = []
    for start, end in chunk_spans(text, max_length - overlap):
        windows.append((_context_start(text, start, overlap), start, end))
    return windows


def _context_start(text: str, start: int, overlap: int) -> int:
    """Where the context before a piece starting at `start` begins: the first cut of the best
    kind in the `overlap` characters before it."""
    if start == 0:
        return 0
    lo = max(0, start - overlap)
    for pattern in _CUTS:
        m = pattern.search(text, lo, start)
        if m is not None and m.end() < start:
            return m.end()
    return lo


def keep_quotes(quotes: list[Quote], context_start: int, start: int) -> list[Quote]:
    """The quotes of a piece parsed from `context_start` that start in the piece itself (at or
    after `start`), shifted into the article's offsets."""
    return [shift_quote(q, context_start) for q in quotes if not q.spans or q.spans[0][0] + context_start >= start]


def shift_quote(quote: Quote, offset: int) -> Quote:
    """A chunk's quote with every offset moved by `offset`, so it indexes the whole article."""
    if not offset:
        return quote
    update = {f: [(s + offset, e + offset) for s, e in getattr(quote, f)] for f in _SPAN_LIST_FIELDS}
    if quote.context_span is not None:
        s, e = quote.context_span
        update["context_span"] = (s + offset, e + offset)
    return quote.model_copy(update=update)
