"""Position lookups over one Doc: paragraphs, quotations, tokens and cue verbs by character
offset. Built once per Doc (bisect over sorted starts) and shared by every rule family."""
from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from ..ruleset import Rules
from .cues import VERB, Cue
from .marks import Quotation, find_quotations, paragraphs

LETTER = re.compile(r"\w")


def letters(text: str, s: int, e: int) -> int:
    """The number of letters and digits in `text[s:e]`."""
    return len(LETTER.findall(text, s, e))


class DocIndex:
    """The Doc's quotations, paragraphs, entities and cue verbs, looked up by character offset."""

    def __init__(self, doc: Doc, cues: list[Cue], rules: Rules):
        self.doc = doc
        self.text = doc.text
        self.quotations: list[Quotation] = find_quotations(self.text)
        self.q_outer = [(q.outer_start, q.outer_end) for q in self.quotations]
        self.q_starts = [q.outer_start for q in self.quotations]
        self.paras = paragraphs(self.text)
        self.para_starts = [p.start for p in self.paras]
        self.ents: tuple[Span, ...] = tuple(doc.ents)   # built once: each `doc.ents` makes every span again
        self.tok_starts = doc.to_array(IDX).tolist()
        self.cue_verb_starts = [c.head.idx for c in cues if c.form == VERB and c.head.pos_ == "VERB"
                                and c.cls not in rules.object_only]

    def para_of(self, char: int) -> int:
        """The paragraph holding `char`."""
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def quotation_at(self, char: int) -> int | None:
        """The quotation whose marks enclose `char`."""
        i = bisect.bisect_right(self.q_starts, char) - 1
        if i >= 0 and self.q_outer[i][0] <= char < self.q_outer[i][1]:
            return i
        return None

    def quotations_in(self, s: int, e: int) -> list[int]:
        """The quotations overlapping [s, e)."""
        return [i for i, (qs, qe) in enumerate(self.q_outer) if qs < e and qe > s]

    def quotation_before(self, char: int, *, past_overlapping: bool = False) -> tuple[int, str] | None:
        """The last quotation closing at or before `char` in the same line and sentence (no line
        break, no full stop between), with the text between. A quotation still open at `char`
        stops the search unless `past_overlapping`, which looks at the one before it."""
        i = bisect.bisect_right(self.q_starts, char) - 1
        if past_overlapping:
            while i >= 0 and self.q_outer[i][1] > char:
                i -= 1
        if i < 0 or self.q_outer[i][1] > char:
            return None
        gap = self.text[self.q_outer[i][1]:char]
        if "\n" in gap or "." in gap:
            return None
        return i, gap

    def quotation_from(self, char: int) -> int | None:
        """The first quotation opening at or after `char`."""
        i = bisect.bisect_left(self.q_starts, char)
        return i if i < len(self.quotations) else None

    def token_span_chars(self, start: int, end: int) -> tuple[int, int]:
        """The characters of tokens [start, end)."""
        doc = self.doc
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

    def tokens_between(self, s: int, e: int) -> Span:
        """The tokens starting in [s, e)."""
        return self.doc[bisect.bisect_left(self.tok_starts, s):bisect.bisect_left(self.tok_starts, e)]

    def has_cue(self, s: int, e: int) -> bool:
        """Is there a cue verb starting in [s, e)?"""
        i = bisect.bisect_left(self.cue_verb_starts, s)
        return i < len(self.cue_verb_starts) and self.cue_verb_starts[i] < e

    def holds_quotation(self, tok) -> bool:
        """Does the subtree of `tok` hold a quotation (`called Trump a “pathological liar”`)?"""
        s, e = self.token_span_chars(tok.left_edge.i, tok.right_edge.i + 1)
        return bool(self.quotations_in(s, e))

    def sentence_end(self, char: int) -> int:
        """Where the sentence holding the character before `char` ends."""
        span = self.doc.char_span(max(0, char - 1), char, alignment_mode="expand")
        if span is None or not len(span):
            return char
        return span[-1].sent.end_char

    def only_quotation(self, para: int) -> bool:
        """Is paragraph `para` nothing but quotation (no letter outside quote marks)?"""
        p = self.paras[para]
        rest = list(self.text[p.start:p.end])
        for qs, qe in self.q_outer:
            for i in range(max(qs, p.start), min(qe, p.end)):
                rest[i - p.start] = " "
        return not LETTER.search("".join(rest))
