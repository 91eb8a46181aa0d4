"""Which cue a quotation belongs to when the parse hung it on one further back (rule
`nearer_cue`): the writer puts a quote right after the words that introduce it."""
from __future__ import annotations

from . import rule_names as R
from .cues import Cue
from .reports import Context


def nearer_cue_takes(ctx: Context, cue: Cue, spans: list[tuple[int, int]]) -> bool:
    """`The spot concludes with footage of Trump saying during the debate, “That makes me
    smart”`: the parse made the quotation the complement of `concludes`, but a cue verb between
    the two, with no object or clause of its own, introduces it; the quotation is that cue's
    (it reports it as its direct quote), not the farther one's."""
    if not ctx.rules.enabled(R.NEARER_CUE) or len(spans) != 1:
        return False
    ix, doc = ctx.ix, ctx.doc
    s, e = spans[0]
    qi = ix.quotation_at(s)
    if qi is None or ix.quotations[qi].unclosed:
        return False
    qs, qe = ix.q_outer[qi]
    if not (qs <= s and e <= qe + 1):
        return False       # the content is more than the quotation
    head = cue.head
    for tok in doc[head.i + 1:head.sent.end]:
        if tok.idx >= qs:
            break
        if tok.pos_ == "VERB" and ix.has_cue(tok.idx, tok.idx + 1) and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "nsubjpass") for c in tok.children):
            return True
    return False
