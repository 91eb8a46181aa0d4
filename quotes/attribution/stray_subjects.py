"""A cue's subject the parse hung on something else, found right before the cue (rules
`number_subject`, `plural_before_cue`).

`About 4 in 10 say …`: the parse makes the numbers modifiers of `say`; `the minimum $20 million
experts say it costs`: a reduced relative clause whose subject the parse made the object of `of`.
Either way the cue is left with no subject, and the words right before it are who spoke.
"""
from __future__ import annotations

from spacy.tokens import Token

from . import rule_names as R
from .cues import Cue
from .reports import Context
from .sources import Mention, mention_of, within_line

_FINITE = ("VBD", "VBZ", "VBP")
_COUNTS = ("PERCENT", "CARDINAL")


def stray_subject(ctx: Context, cue: Cue) -> Mention | None:
    """The number phrase or bare plural right before a finite cue with no subject, or None."""
    head = cue.head
    if head.tag_ not in _FINITE or head.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent", "expl") for c in head.children):
        return None
    before = ctx.doc[head.i - 1]
    if ctx.ix.quotation_at(before.idx) is not None or before.sent.start != head.sent.start:
        return None
    if ctx.rules.enabled(R.NUMBER_SUBJECT):
        found = _number_before(head, before)
        if found is not None:
            return found
    if ctx.rules.enabled(R.PLURAL_BEFORE_CUE):
        return _plural_before(ctx, head, before)
    return None


def _number_before(head: Token, before: Token) -> Mention | None:
    """`About 4 in 10 say`, `Nearly 60 percent said`: a count hung on the cue itself that ends
    right before it (the people counted said it)."""
    kid = next((c for c in head.lefts if c.right_edge.i == before.i), None)
    if kid is None or kid.dep_ not in ("nummod", "npadvmod", "quantmod", "dep", "advmod"):
        return None
    if not (kid.pos_ == "NUM" or kid.ent_type_ in _COUNTS):
        return None
    return within_line(Mention(kid, kid.left_edge.i, before.i + 1, how="subject"))


def _plural_before(ctx: Context, head: Token, before: Token) -> Mention | None:
    """`the $20 million experts say it costs`: a plural common noun (no entity) right before the
    cue, which the parse gave another role (there, the object of `of` with `the $20 million` as
    its modifiers): the noun alone. Right after its own preposition (`sources privy to
    negotiations say`, `a rolling average of polls shows`), it ends the subject's noun phrase:
    the phrase whole."""
    if before.tag_ != "NNS" or before.pos_ != "NOUN" or before.ent_type_ or before.head.i == head.i:
        return None
    if before.dep_ == "pobj" and before.head.i == before.i - 1 and before.head.dep_ == "prep":
        noun = before.head.head
        while noun.pos_ == "ADJ" and noun.dep_ == "amod":
            noun = noun.head          # `sources privy to …`
        if noun.pos_ not in ("NOUN", "PROPN") or noun.head.i == head.i or noun.i > before.i:
            return None
        m = mention_of(noun, ctx.rules)
        return Mention(noun, m.start, before.i + 1, how="subject") if m.start <= noun.i else None
    return within_line(Mention(before, before.i, before.i + 1, how="subject"))
