"""Which cue a quotation belongs to when the parse hung it on one further back (rule
`nearer_cue`): the writer puts a quote right after the words that introduce it."""
from __future__ import annotations

from spacy.tokens import Token

from . import rule_names as R
from .cues import Cue
from .index import letters
from .reports import Context


def nearer_cue_takes(ctx: Context, cue: Cue, spans: list[tuple[int, int]]) -> bool:
    """`The spot concludes with footage of Trump saying during the debate, “That makes me
    smart”`: the parse made the quotation the complement of `concludes`, but a cue verb between
    the two, with no object or clause of its own, introduces it; the quotation that opens the
    complement is that cue's (it reports it as its direct quote), not the farther one's."""
    if not ctx.rules.enabled(R.NEARER_CUE) or len(spans) != 1:
        return False
    ix, doc = ctx.ix, ctx.doc
    s, e = spans[0]
    inside = ix.quotations_in(s, e)
    if not inside or ix.quotations[inside[0]].unclosed:
        return False
    qs, qe = ix.q_outer[inside[0]]
    if letters(ctx.text, s, max(s, qs)) > 4:
        return False       # the content opens with words of its own, not with the quotation
    head = cue.head
    if head.dep_ == "relcl":
        whole = len(inside) == 1 and letters(ctx.text, s, e) - letters(ctx.text, max(s, qs), min(e, qe)) <= 4
        return whole and _signed_after(ctx, qe, head)
    for tok in doc[head.i + 1:head.sent.end]:
        if tok.idx >= qs:
            break
        if tok.pos_ == "VERB" and ix.has_cue(tok.idx, tok.idx + 1) and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "nsubjpass") for c in tok.children) \
                and _introduces(ctx, tok, qs):
            return True
    return False


def _introduces(ctx: Context, verb: Token, qs: int) -> bool:
    """Does `verb` introduce the quotation at char `qs`: a comma or colon right before it, and
    only the verb's own words (`during the debate last week`, at most eight) between?"""
    if ctx.text[:qs].rstrip()[-1:] not in (",", ":"):
        return False
    between = [t for t in ctx.doc[verb.i + 1:] if t.idx < qs and not t.is_punct and not t.is_space]
    return len(between) <= 8 and all(verb in t.ancestors for t in between)


def _signed_after(ctx: Context, qe: int, head: Token) -> bool:
    """`The four “loopholes” he cited are “…,” The Hill reported`: a quotation that a cue in a
    relative clause before it seems to report, but that a short attribution right after it
    signs (a comma, one to five words naming the source, a cue verb), is the signer's."""
    doc = ctx.doc
    span = doc.char_span(qe, min(len(ctx.text), qe + 80), alignment_mode="expand")
    if span is None or "," not in ctx.text[qe - 3:span.start_char + 2]:
        return False       # (`“…,” The Hill reported`: a comma hands the quotation on)
    words = 0
    for tok in span:
        if tok.is_punct or tok.is_space:
            if words:
                return False       # the words after the quotation are not its attribution
            continue
        if tok.pos_ == "VERB" and ctx.ix.has_cue(tok.idx, tok.idx + 1):
            return 1 <= words <= 5
        if tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
            return False
        words += 1
    return False
