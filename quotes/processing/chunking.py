"""Cutting articles longer than spaCy's `max_length` into paragraph-aligned chunks.

spaCy refuses texts longer than `nlp.max_length` (and the parser needs about a gigabyte per
100,000 characters), so a long article is parsed piece by piece. Pieces end at paragraph breaks
where possible, because a quotation rarely crosses one, and the quotes found in a piece are
shifted back by the piece's start so that every offset still indexes the original text.
"""
from __future__ import annotations

import re
from typing import Any

# Places to cut, best first: after a blank line, after a line break, after a sentence end,
# after any whitespace. A chunk ends at the last cut of the best kind inside its window.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?…][\"'”’»)\]])\s+|(?<=[.!?…])\s+"),
    re.compile(r"\s+"),
)

_SPAN_LIST_FIELDS = ("spans", "speaker_spans", "cue_spans", "quoted_spans")


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


def shift_record(record: dict[str, Any], offset: int) -> dict[str, Any]:
    """A quote record (`Quote.model_dump(mode="json")`) with every offset moved by `offset`."""
    if not offset:
        return record
    out = dict(record)
    for field in _SPAN_LIST_FIELDS:
        if out.get(field):
            out[field] = [[s + offset, e + offset] for s, e in out[field]]
    if out.get("context_span"):
        s, e = out["context_span"]
        out["context_span"] = [s + offset, e + offset]
    return out
