"""Phrase and noun cues (rules `according_to`, `noun_cue`): `according to X, …` / `…, according
to X`, and a nominal cue with an owner and a that-clause (`his warning that …`)."""
from __future__ import annotations

from . import rule_names as R
from .reports import GAP_OK, Report, Context, content_report, direct_report, trim_tokens
from .cues import Cue
from .sources import Mention, entity_bounds


def report_according(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Report | None:
    """The longer side of the sentence around `according to X` is the content; for `in the
    words of X`, the quotation right before or after the phrase."""
    if cue.head.lower_ != "according":
        return _words_of(ctx, cue, mention, frame)
    sent = cue.head.sent
    phrase_start = cue.head.i
    phrase_end = max(cue.head.right_edge.i, cue.tokens[-1].right_edge.i) + 1
    if mention is not None and mention.appos is not None and mention.appos.head.ent_type_ != "PERSON" \
            and ctx.doc[mention.end].text == "," and all(
                t.is_punct or t.is_space for t in ctx.doc[mention.appos.head.right_edge.i + 1:sent.end]):
        # `According to … Rush Limbaugh, the move reeks of “fear”`: the parse hung the content on
        # the source as an apposition
        mention.appos, phrase_end = None, mention.end
    named = _apposition_after(mention, phrase_end)
    if named is not None:
        # `According to the city engineer, Maria Lopez, construction …`: the parse took the name
        # for the subject of what follows; it is the source's apposition
        mention.appos, phrase_end = named, named.end + 1
        frame = (frame[0], max(frame[1], ctx.doc[named.end].idx + 1))
    before = (sent.start, phrase_start)
    after = (phrase_end, sent.end)
    best = max((before, after), key=lambda r: r[1] - r[0])
    start, end = trim_tokens(ctx, *best)
    if end - start < 3:
        return None
    s, e = ctx.ix.token_span_chars(start, end)
    rule = R.ACCORDING_TO if cue.head.lower_ == "according" else R.WORDS_OF
    return content_report(ctx, cue, mention, frame, [(s, e)], rule)


def _words_of(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Report | None:
    """`In the words of X, “…”`, `“…,” in the words of X`: the quotation next to the phrase."""
    ix = ctx.ix
    if mention is None:
        return None
    found = ix.quotation_before(frame[0])
    if found is not None and GAP_OK.match(found[1]) and found[0] not in ctx.taken:
        return direct_report(ctx, cue, mention, frame, found[0], R.WORDS_OF)
    end = ix.token_span_chars(mention.start, mention.end)[1]
    qi = ix.quotation_from(end)
    if qi is not None and GAP_OK.match(ctx.text[end:ix.q_outer[qi][0]]) and qi not in ctx.taken:
        return direct_report(ctx, cue, mention, (frame[0], max(frame[1], end)), qi, R.WORDS_OF)
    return None


def _apposition_after(mention: Mention | None, after: int) -> Mention | None:
    """A person's name set off by commas right after an `according to` phrase."""
    if mention is None or mention.appos is not None:
        return None
    doc = mention.head.doc
    if after + 2 >= len(doc) or after != mention.end or doc[after].text != ",":
        return None
    if doc[after + 1].ent_type_ != "PERSON" or doc[after + 1].ent_iob_ != "B":
        return None
    start, end = entity_bounds(doc[after + 1])
    if end >= len(doc) or doc[end].text != ",":
        return None
    return Mention(doc[end - 1], start, end, how="phrase")


def report_noun(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Report | None:
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
    return content_report(ctx, cue, mention, frame, [(s, e)], R.NOUN_CUE)
