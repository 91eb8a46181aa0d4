"""Where the article body ends in plain text: `find_body_end`.

Text copied or scraped from a news page often carries the page's trailing matter after the
article: the byline block, "Related Content" lists of other headlines with their standfirsts,
"Article image" caption stubs, "Follow X on Twitter" lines. Those headlines are full of quotes
said by other people in other stories; `Article.body_end` marks where they begin so the
quotes found there are marked `in_body=False` instead of being credited to this article.

The rules are conservative, since cutting a real article short loses its quotes:

1. A heading line that opens a list of other stories ("Related Content", "More on this story",
   "Read more", "Most popular", ...) or an "Article image" caption stub, after at least one
   body paragraph, when what follows it reads like a list (few lines end like a sentence).
   The byline lines just before it (short lines that do not end like a sentence) go with it.
2. Otherwise, the run of sign-off lines at the very end: "Follow X on Twitter @x",
   "Reporting by ...; Editing by ...", "Contact the author at ...".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ruleset import rule_file

_RULES = rule_file("trailing.toml")  # the word lists and patterns are data: rules/trailing.toml
LIST_HEADINGS = frozenset(w.lower() for w in _RULES["list_headings"]["words"])
"""Headings of the lists a news page puts after the article (compared case-insensitively,
without a trailing colon)."""
CAPTION = re.compile(_RULES["caption"]["pattern"], re.I)
"""Caption stubs left where a page had pictures: "Article image", "Image", "Photograph"."""
SIGN_OFF = re.compile(r"^\(?\s*(" + "|".join(_RULES["sign_off"]["patterns"]) + ")", re.I)
"""Sign-off lines: social handles, agency credits, contact lines."""
# A line that ends like a sentence of running text.
SENTENCE_END = re.compile(r"[.!?…:;][”’\"')\]]*\s*$|[”\"]\s*$")
MIN_BODY_CHARS = 200
MAX_BYLINE_LINES = 3
MAX_BYLINE_CHARS = 120
LIST_SENTENCE_SHARE = 0.34


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for part in text.split("\n"):
        lines.append(_Line(pos, pos + len(part), part.strip()))
        pos += len(part) + 1
    return lines


def _is_heading(line: _Line) -> bool:
    return line.text.rstrip(":").strip().lower() in LIST_HEADINGS or CAPTION.fullmatch(line.text) is not None


def _reads_like_list(lines: list[_Line]) -> bool:
    content = [ln for ln in lines if not ln.blank]
    if not content:
        return False
    sentences = sum(1 for ln in content if SENTENCE_END.search(ln.text) and not SIGN_OFF.match(ln.text))
    return sentences <= LIST_SENTENCE_SHARE * len(content)


def _is_byline(line: _Line) -> bool:
    t = line.text
    return (len(t) <= MAX_BYLINE_CHARS and not SENTENCE_END.search(t) and t[:1] not in "“\"‘'«—–-"
            and any(c.isupper() for c in t[:1]))


def _trailing_start(lines: list[_Line], index: int) -> int | None:
    """Where trailing matter that includes `lines[index]` starts: that line, or the byline
    and sign-off lines just before it; None when no body of some length is left before it."""
    first = index
    i = index - 1
    taken = 0
    while i >= 0:
        ln = lines[i]
        if ln.blank:
            i -= 1
            continue
        if SIGN_OFF.match(ln.text) or (_is_byline(ln) and taken < MAX_BYLINE_LINES):
            taken += 1
            first = i
            i -= 1
            continue
        break
    if i < 0 or lines[i].end < MIN_BODY_CHARS:
        return None
    return lines[first].start


def find_body_end(text: str) -> int | None:
    """The offset where trailing matter begins (the start of its first line), or None when
    the text has none. `text[:body_end]` is the article body and the blank lines after it."""
    if len(text) < MIN_BODY_CHARS:
        return None
    lines = _lines(text)
    for index, line in enumerate(lines):
        if line.blank or line.start < MIN_BODY_CHARS or not _is_heading(line):
            continue
        if _reads_like_list(lines[index + 1:]):
            start = _trailing_start(lines, index)
            if start is not None:
                return start
    # no list heading: the sign-off lines at the very end, if any
    i, first = len(lines) - 1, None
    while i >= 0 and (lines[i].blank or SIGN_OFF.match(lines[i].text)):
        if not lines[i].blank:
            first = i
        i -= 1
    if first is None or i < 0 or lines[i].end < MIN_BODY_CHARS:
        return None
    return lines[first].start
