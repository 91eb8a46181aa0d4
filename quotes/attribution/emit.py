"""From reports and placed quotations to `Quote` models: the speaker resolved, the confidence
from the rule, the context sentence; and a quote going on over a further quotation."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ftfy import fix_encoding

from ..models import Quote
from .reports import Report, Context
from .cues import Cue
from .marks import Quotation
from . import rule_names as R
from .resolve import Speaker
from .sources import Mention


@dataclass
class Emitted:
    """A quote made, with what placement needs to know to extend it."""

    quote: Quote
    paragraph: int
    last_quotation: int | None
    frame_end: int
    speaker: Speaker | None = None


def emit_report(ctx: Context, c: Report) -> Emitted:
    """The quote a report makes, its speaker resolved (and noted as the running speaker)."""
    sp = _speaker(ctx, c)
    quotations = ctx.ix.quotations
    conf = ctx.rules.rule(c.rule).confidence
    if sp.name is None:
        conf *= ctx.rules.factor("no_speaker")
    if c.direct_idx is not None and quotations[c.direct_idx].unclosed:
        conf *= ctx.rules.factor("unclosed_quotation")
    quoted = list(c.spans) if c.verbatim else [sp_ for i in c.quotations for sp_ in quotations[i].spans]
    # the quoted parts of a content that stops inside a quotation (at its paragraph's end) end with it
    quoted = [(max(a, s), min(b, e)) for a, b in quoted for s, e in c.spans if max(a, s) < min(b, e)]
    kind = "belief" if c.cue.kind == "belief" else c.kind
    q = build_quote(ctx, c.spans, kind, sp, c.mention, c.cue, conf, c.rule, quoted)
    ctx.resolver.note_speaker(sp, c.spans[-1][1], c.mention)
    last = c.direct_idx if c.direct_idx is not None else (max(c.quotations) if c.quotations else None)
    return Emitted(q, ctx.ix.para_of(c.start), last, max(c.frame[1], c.spans[-1][1]), sp)


def _speaker(ctx: Context, c: Report) -> Speaker:
    m = c.mention
    if m is None:
        return Speaker(None, None)
    if m.end - m.start == 1 and ctx.ix.quotation_at(m.head.idx) is None:
        author = ctx.resolver.author_of(m.head)
        if author is not None:
            return author          # `I` outside quotation marks: the op-ed's author
    return ctx.resolver.resolve(m, c.cue.head)


def build_quote(ctx: Context, spans, kind, sp: Speaker, mention: Mention | None, cue: Cue | None, conf, rule, quoted) -> Quote:
    """The `Quote` model, with the sentences around content and cue as its context."""
    text, doc = ctx.text, ctx.doc
    lo = min([spans[0][0]] + ([cue.head.idx] if cue else []))
    hi = max([spans[-1][1]] + ([cue.head.idx + len(cue.head.text)] if cue else []))
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is not None and len(span):
        ctx_span = (span[0].sent.start_char, span[-1].sent.end_char)
    else:
        ctx_span = (lo, hi)
    return Quote(
        text=" … ".join(text[s:e] for s, e in spans),
        spans=spans,
        kind=kind,
        speaker=repaired(sp.name),
        co_speakers=[repaired(n) for n in sp.co] if sp.name else [],
        speaker_spans=_joint_spans(sp, mention) or mention_spans(mention),
        speaker_role=sp.role,
        speaker_is_person=sp.is_person if sp.name else None,
        cue=cue.text() if cue else None,
        cue_spans=cue.spans if cue else [],
        cue_class=cue.cls if cue else None,
        quoted_spans=quoted,
        context_span=ctx_span,
        confidence=round(conf, 3),
        rule=rule,
        speaker_rule=R.JOINT_SPEAKERS if sp.name and sp.co else None,
    )


def extend(ctx: Context, prev: Emitted, q: Quotation, qi: int) -> None:
    """Quotation `q` goes on the quote before as a further span."""
    quote = prev.quote
    quote.spans = [*quote.spans, *q.spans]
    quote.quoted_spans = [*quote.quoted_spans, *q.spans]
    quote.text = " … ".join(ctx.text[s:e] for s, e in quote.spans)
    if quote.context_span is not None:
        end_span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        end = end_span[-1].sent.end_char if end_span is not None and len(end_span) else q.end
        quote.context_span = (quote.context_span[0], max(quote.context_span[1], end))
    prev.last_quotation = qi
    prev.frame_end = q.outer_end
    if prev.speaker:
        ctx.resolver.note_speaker(prev.speaker, q.end)


MOJIBAKE_MARKS = "ÃÂ"     # what UTF-8 read as Latin-1 leaves before most accented letters


def repaired(name: str | None) -> str | None:
    """A speaker's name with mojibake undone (`FranÃÂ§ois Hollande`, UTF-8 read as Latin-1,
    maybe twice, is `François Hollande`), so the store files it under the person's real name;
    the article text and every offset stay as they are. ftfy's `fix_encoding` only reverses
    such decoding errors (it leaves curly quotes and legitimate accents alone)."""
    if name is None or name.isascii():
        return name
    composed = unicodedata.normalize("NFC", name)     # (`Ã` may come as `A` and a combining tilde)
    fixed = fix_encoding(composed)
    if fixed == composed or any(c in fixed for c in MOJIBAKE_MARKS):
        return name      # (a name the tokenizer cut inside a character, `Stefan KÃ`, stays as printed)
    return fixed


def _joint_spans(sp: Speaker, mention: Mention | None) -> list[tuple[int, int]]:
    """Joint speakers named by the mention itself: the whole coordination (`Mr. Grassley and Mr.
    Leahy`); an `each` or `they` standing for them keeps its own span (empty list)."""
    if mention is None or sp.span is None or not sp.co:
        return []
    a, b = mention.char_span
    return [sp.span] if sp.span[0] <= a and b <= sp.span[1] else []


def mention_spans(mention: Mention | None) -> list[tuple[int, int]]:
    """The speaker mention attached to the cue, and its apposition where there is one."""
    if mention is None:
        return []
    spans = [mention.char_span]
    if mention.appos is not None:
        spans.append(mention.appos.char_span)
    return sorted(spans)
