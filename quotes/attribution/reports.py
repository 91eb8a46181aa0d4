"""A cue's report on some content, and the steps every rule family shares to make one: the
attribution's frame, the content's kind from its quote marks (direct, mixed, indirect), and the
state of one Doc's attribution (its index, rules, resolver, and the quotations already taken)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..ruleset import Rules
from . import rule_names as R
from .cues import Cue
from .index import DocIndex, letters
from .resolve import Resolver
from .sources import Mention

GAP_OK = re.compile(r"^[\s,:;.\-—–]*$")
_DESCRIPTION_BEFORE = re.compile(r"[\s,]*(?:the|a|an|his|her|their|its|[A-Z][\w.-]*['’]s)\s[^\n.;:\"“”]{1,60},\s*")
"""`“…,” the panel's chair, Rep. Jo Smith, told`: a description between a quotation and the name."""
_PARENTHESIS = re.compile(r"\s*\([^()\n]{0,40}\)|\)")


@dataclass
class Context:
    """One Doc's attribution in progress."""

    ix: DocIndex
    rules: Rules
    resolver: Resolver
    taken: set[int] = field(default_factory=set)   # quotations a cue has reported as its direct quote

    @property
    def doc(self) -> Doc:
        return self.ix.doc

    @property
    def text(self) -> str:
        return self.ix.text


@dataclass
class Report:
    """A cue's report on some content, before the speaker is resolved."""

    cue: Cue
    mention: Mention | None
    spans: list[tuple[int, int]]
    quotations: list[int]            # indices of quotations that are the content or inside it
    kind: str
    rule: str
    frame: tuple[int, int]           # char range of the attribution (speaker + cue)
    direct_idx: int | None = None    # the quotation a direct quote was built from
    verbatim: bool = False           # direct without quote marks: a transcript line

    @property
    def start(self) -> int:
        return self.spans[0][0]


def trim_tokens(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Drop a leading complementizer or punctuation and trailing punctuation from a token range."""
    doc, openers = ctx.doc, ctx.rules.words["content_openers"]
    while start < end and (doc[start].lower_ in openers and doc[start].dep_ in ("mark", "punct", "advmod") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("”", "’", '"', "'", "»") or doc[end - 1].is_space):
        end -= 1
    return start, end


def frame_of(ctx: Context, cue: Cue, mention: Mention | None) -> tuple[int, int]:
    """The characters of the attribution: the cue, with its speaker mention when that is close."""
    s = min(t.idx for t in cue.tokens)
    e = max(t.idx + len(t.text) for t in cue.tokens)
    if mention is not None and mention.head.sent == cue.head.sent:
        ms, me = mention.char_span
        lead = mention.head.left_edge      # titles the name leaves out: `Ms. Moore`, `Rep. Cummings`
        if mention.start - 4 <= lead.i < mention.start:
            ms = lead.idx
        if mention.appos is not None:
            ap_s, ap_e = mention.appos.char_span
            ms, me = min(ms, ap_s), max(me, ap_e)
        for c in cue.head.children:         # `Scott's niece, state Del. Marcia Price, shouted`:
            if c.dep_ == "nsubj" and c.i < mention.start and ms - 60 <= c.left_edge.idx < ms \
                    and not ctx.ix.quotations_in(c.left_edge.idx, ms) \
                    and ctx.text[c.right_edge.idx + len(c.right_edge.text):ms].lstrip().startswith(","):
                ms = c.left_edge.idx        # a description the parse made a second subject
        before = ctx.ix.quotation_before(ms)
        if before is not None and _DESCRIPTION_BEFORE.fullmatch(before[1]):
            gap = before[1]                 # `“…,” the panel's chair, Jo Smith, told`
            ms -= len(gap.lstrip(" ,\n"))
        text = ctx.text
        paren = _PARENTHESIS.match(text, me, s)
        if paren:                           # `Rep. Jo Smith (D-Calif.), said`: the party and state
            me = paren.end()
        if me <= s and GAP_OK.match(text[me:s]) or ms >= e and GAP_OK.match(text[e:ms]) or ms >= s - 60 and me <= e + 60:
            s, e = min(s, ms), max(e, me)
    return s, e


def direct_report(ctx: Context, cue: Cue, mention: Mention | None, frame, qi: int, rule: str) -> Report:
    """The cue's content is quotation `qi`, whole."""
    return Report(cue, mention, list(ctx.ix.quotations[qi].spans), [qi], "direct", rule, frame, direct_idx=qi)


def content_report(ctx: Context, cue: Cue, mention: Mention | None, frame, spans: list[tuple[int, int]], rule: str) -> Report | None:
    """A report on content spans: direct when they are one quotation, mixed when they hold
    quotations, else indirect (if long enough to be a statement)."""
    text, ix = ctx.text, ctx.ix
    spans = [with_own_marks(ix, s, e) for s, e in spans]
    inside = sorted({i for s, e in spans for i in ix.quotations_in(s, e)})
    total = sum(letters(text, s, e) for s, e in spans)
    if not total:
        return None
    if inside:
        quoted = sum(letters(text, max(s, a), min(e, b)) for s, e in spans for i in inside for a, b in ix.quotations[i].spans)
        if len(inside) == 1 and total - quoted < 4:
            return direct_report(ctx, cue, mention, frame, inside[0], rule)
        return Report(cue, mention, spans, inside, "mixed", rule, frame)
    if rule == R.CUE_OBJECT:
        return None
    if total < 8 or sum(len(text[s:e].split()) for s, e in spans) < 3:
        return None
    return Report(cue, mention, spans, [], "indirect", rule, frame)


def with_own_marks(ix: DocIndex, s: int, e: int) -> tuple[int, int]:
    """Widen a content span over the marks of a quotation it starts or ends in: `they were
    “above zero”.` keeps its closing mark. Content that opens a quotation and ends inside it
    (the parse ended the sentence at a full stop within the quotation: `Kent said the council
    “has done its homework. The bridge will open on time.”`) runs to the quotation's close, or to
    the end of its paragraph where the quotation goes on into the next."""
    for i in ix.quotations_in(s, e):
        qs, qe = ix.q_outer[i]
        q = ix.quotations[i]
        if qe > e and q.end <= e + 1:
            e = qe
        elif s <= qs and qe > e and q.start < e:
            part = next(((a, b) for a, b in q.spans if a < e <= b), None)
            if part is not None and "\n" not in ix.text[e:part[1]]:
                e = qe if part[1] == q.end else part[1]
        if qs < s and ix.quotations[i].start >= s - 1:
            s = qs
    return s, e
