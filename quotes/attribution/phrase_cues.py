"""Phrase and noun cues (rules `according_to`, `noun_cue`): `according to X, …` / `…, according
to X`, and a nominal cue with an owner and a that-clause (`his warning that …`)."""
from __future__ import annotations

from . import rule_names as R
from .claims import Claim, Context, content_claim, trim_tokens
from .cues import Cue
from .sources import Mention


def claim_according(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Claim | None:
    """The longer side of the sentence around `according to X` is the content."""
    sent = cue.head.sent
    phrase_start = cue.head.i
    phrase_end = max(cue.head.right_edge.i, cue.tokens[1].right_edge.i) + 1
    before = (sent.start, phrase_start)
    after = (phrase_end, sent.end)
    best = max((before, after), key=lambda r: r[1] - r[0])
    start, end = trim_tokens(ctx, *best)
    if end - start < 3:
        return None
    s, e = ctx.ix.token_span_chars(start, end)
    return content_claim(ctx, cue, mention, frame, [(s, e)], R.ACCORDING_TO)


def claim_noun(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Claim | None:
    """`his warning that …`, `the assurance from X that …`: the that-clause of an owned cue noun."""
    if mention is None:
        return None
    comps = [c for c in cue.head.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
        g.lower_ == "that" and g.dep_ == "mark" for g in c.children)]
    if not comps:
        return None
    c = comps[0]
    start, end = trim_tokens(ctx, c.left_edge.i, c.right_edge.i + 1)
    if end <= start:
        return None
    s, e = ctx.ix.token_span_chars(start, end)
    return content_claim(ctx, cue, mention, frame, [(s, e)], R.NOUN_CUE)
