"""Quotations no cue reported (rules `continuation`, `dash_source`, `colon_intro`, `colon_noun`, `floating_quote`,
`unattributed`, `scare_quote`), placed in text order: as the quote before going on after its
attribution or in the next paragraph, signed after a dash, introduced by a colon, reported with
no speaker, or left out when they are a few words (scare quotes, titles)."""
from __future__ import annotations

import re

from . import rule_names as R
from .reports import GAP_OK, Context
from .emit import Emitted, build_quote, extend
from .index import letters
from .marks import Quotation
from .resolve import Speaker
from .sources import Mention, with_appos, within_line

DASH = re.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(?=[A-Z])")


def place_quotation(ctx: Context, qi: int, out: list[Emitted], frames: list[tuple[int, int]]) -> None:
    """Attribute quotation `qi`, appending to `out` or extending its last quote, or leave it out."""
    text, ix, rules = ctx.text, ctx.ix, ctx.rules
    max_words = rules.rule(R.SCARE_QUOTE).settings.get("max_words", 4)
    q = ix.quotations[qi]
    para = ix.para_of(q.start)
    # scare quotes inside an attribution (`said following the “frank” talks`) are not quotes,
    # nor is anything on a line of page furniture (`READ MORE: “…”`)
    if any(fs <= q.outer_start and q.outer_end <= fe for fs, fe in frames) or ctx.resolver.article.in_furniture(q.outer_start):
        return
    prev = out[-1] if out else None
    # `“X,” he said, “Y.”`, `“X,” Wallace said. “Y.”`, `“X,'' said Y, who ... ''Z''`: the quote
    # goes on after its attribution, in the same paragraph, until another cue; a quotation
    # of a few words inside the rest of the attribution sentence is a scare quote
    if prev is not None and prev.quote.kind == "direct" and prev.paragraph == para and prev.last_quotation is not None:
        gap = text[prev.frame_end:q.outer_start]
        sent_end = ix.sentence_end(prev.frame_end)
        in_attribution = q.start < sent_end and not GAP_OK.match(gap)   # (an opening mark may end the sentence before)
        if in_attribution and q.n_words(text) <= max_words:
            return
        if (in_attribution or GAP_OK.match(gap) or not text[sent_end:q.outer_start].strip()) \
                and all(ix.quotations[i].n_words(text) <= max_words for i in ix.quotations_in(prev.frame_end, q.outer_start)) \
                and not ix.has_cue(prev.frame_end, q.outer_start):
            extend(ctx, prev, q, qi)
            return
    # a pull quote or a tweet signed after a dash: `“…” ― Sonya Herridge`
    sp, mention = dash_source(ctx, q)
    if sp is not None and rules.enabled(R.DASH_SOURCE):
        _signed(ctx, out, q, qi, para, sp, mention, R.DASH_SOURCE)
        return
    # a colon introduction: `Kozak was blunt: “…”`
    before = text[:q.outer_start].rstrip()
    if before.endswith(":") and rules.enabled(R.COLON_INTRO):
        sp, mention = colon_speaker(ctx, len(before) - 1)
        if sp is not None and sp.name:
            _signed(ctx, out, q, qi, para, sp, mention, R.COLON_INTRO)
            return
        sp, mention = colon_owner(ctx, len(before) - 1)
        if sp is not None and rules.enabled(R.COLON_NOUN):
            _signed(ctx, out, q, qi, para, sp, mention, R.COLON_NOUN)
            return
    # continuation of the quote before (same paragraph, or a paragraph of only quotation): it
    # goes on that quote as a further span, as annotators and readers take it
    if prev is not None and prev.speaker is not None and prev.speaker.name and rules.enabled(R.CONTINUATION) \
            and (q.n_words(text) > max_words or _sentence_like(text, q)) and not _holds_governor(ctx, prev, q):
        if prev.paragraph == para or (para - prev.paragraph == 1 and ix.only_quotation(para)):
            if prev.quote.kind == "indirect":
                prev.quote.kind = "mixed"
            extend(ctx, prev, q, qi)
            return
    # a paragraph of only quotation a paragraph or two after a quote by a named speaker, no one
    # else named in between: that speaker's still (a floating quote)
    if prev is not None and _floating(ctx, prev, q, para, max_words) and rules.enabled(R.FLOATING_QUOTE):
        _signed(ctx, out, q, qi, para, prev.speaker, None, R.FLOATING_QUOTE)
        return
    # a few words with no speaker: a title or a scare quote
    if q.n_words(text) <= max_words or not rules.enabled(R.UNATTRIBUTED):
        return
    first = text[q.start:q.start + 1]
    if not (first.isupper() or first.isdigit()):
        return
    conf = rules.rule(R.UNATTRIBUTED).confidence
    quote = build_quote(ctx, list(q.spans), "direct", Speaker(None, None), None, None, conf, R.UNATTRIBUTED, list(q.spans))
    out.append(Emitted(quote, para, qi, q.outer_end, None))


def _holds_governor(ctx: Context, prev: Emitted, q: Quotation) -> bool:
    """`After saying her foot was “so swollen …,” she was “whisked … off to hospital”`: a quotation
    in the sentence of the quote before that holds the verb of the clause its cue hangs on, that
    clause's subject coming after the cue, is the writer's narrative around a report set before
    it (one with a clause of its own), not more of the reported words."""
    cue_spans = prev.quote.cue_spans
    if not cue_spans:
        return False
    doc = ctx.doc
    cue = doc.char_span(cue_spans[0][0], cue_spans[0][1], alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    head = cue.root
    if not any(c.dep_ == "ccomp" for c in head.children):
        return False     # `as the paper noted in an op-ed, the candidate “has …”`: the quotation is what it noted
    ancestors = {a.i for a in head.ancestors}
    for t in ctx.ix.tokens_between(q.start, q.end):
        if t.i in ancestors and t.pos_ in ("VERB", "AUX") and t.sent.start == head.sent.start and any(
                c.dep_ in ("nsubj", "nsubjpass") and head.i < c.i and c.idx < q.outer_start for c in t.children):
            return True
    return False


def _signed(ctx: Context, out: list[Emitted], q: Quotation, qi: int, para: int, sp: Speaker, mention, rule: str) -> None:
    conf = ctx.rules.rule(rule).confidence
    quote = build_quote(ctx, list(q.spans), "direct", sp, mention, None, conf, rule, list(q.spans))
    ctx.resolver.note_speaker(sp, q.end)
    out.append(Emitted(quote, para, qi, q.outer_end, sp))


def dash_source(ctx: Context, q: Quotation) -> tuple[Speaker | None, Mention | None]:
    """The name after a dash that signs a quotation, up to the end of its line or a bracket."""
    text, doc = ctx.text, ctx.doc
    m = DASH.match(text, q.outer_end)
    if m is None:
        return None, None
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    span = doc.char_span(m.end(), line_end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    people = [e for e in ctx.ix.ents if e.label_ in ("PERSON", "ORG") and span.start <= e.start < span.start + 2]
    if people:
        mention = within_line(Mention(people[0].root, people[0].start, people[0].end, how="signature"))
    else:
        # a signature the recognizer missed: two to four capitalised names
        end = span.start
        while end < span.end and end - span.start < 4 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end - span.start < 2:
            return None, None
        mention = within_line(Mention(doc[end - 1], span.start, end, how="signature"))
    sp = ctx.resolver.resolve(mention, None)
    return (sp, mention) if sp.name else (None, None)


def colon_speaker(ctx: Context, colon: int) -> tuple[Speaker | None, Mention | None]:
    """The speaker of `Kozak was blunt:` (the clause's subject) or `Name, 34, of Tulsa:` (a name alone)."""
    doc, rules, resolver = ctx.doc, ctx.rules, ctx.resolver
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    sent = span[0].sent
    lead = doc[sent.start:span[0].i]
    if 0 < len(lead) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in lead):
        # `Name: “…”`, `Name, 34, of Tulsa: “…”`: a name standing alone before the colon
        people = [e for e in ctx.ix.ents if e.label_ == "PERSON" and lead.start <= e.start and e.end <= lead.end]
        if people:
            mention = with_appos(people[0].root, "label", rules)
            return resolver.resolve(mention, None), mention
        return None, None
    colon_tok = span[0]
    if colon_tok.i == sent.start:
        return None, None
    named = _name_before_colon(ctx, colon_tok.i)
    if named is not None:
        mention = within_line(Mention(named.root, named.start, named.end, how="label"))
        sp = resolver.resolve(mention, None)
        if sp.name:
            return sp, mention
    root = doc[colon_tok.i - 1]
    while root.head.i != root.i and sent.start <= root.head.i < colon_tok.i:
        root = root.head
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > colon_tok.i:
        return None, None
    mention = with_appos(subj, "subject", rules)
    sp = resolver.resolve(mention, root)
    if sp.name is None:
        return None, None
    if not sp.is_person and not (subj.ent_type_ in ("ORG", "PERSON") or subj.lower_ in rules.people_nouns or subj.pos_ == "PRON"):
        return None, None
    return sp, mention


def _name_before_colon(ctx: Context, colon: int):
    """`… TOO EARLY - Mark Blumenthal: “…”`, `Said Ellis: “…”`: a person's or body's name right
    before the colon that opens its segment (after a dash or a line break) or follows a speech
    verb; not a name the clause before governs (`a blunt message to Trump: “…”`)."""
    doc, rules = ctx.doc, ctx.rules
    ent = next((e for e in ctx.ix.ents if e.end == colon and e.label_ in ("PERSON", "ORG")), None)
    if ent is None:
        return None
    if len(ent) > 1 and ent[0].lemma_.lower() in rules.verb_class:
        ent = ent[1:]          # `Said Ryan Ellis:`, the verb read as part of the name
    if ent.start == 0:
        return None
    before = doc[ent.start - 1]
    if before.text in ("-", "—", "–", "―") or "\n" in before.text + before.whitespace_:
        return ent
    if before.lemma_.lower() in rules.verb_class and rules.class_kind.get(rules.verb_class[before.lemma_.lower()]) == "speech" \
            and (before.i == 0 or before.is_sent_start or doc[before.i - 1].is_punct):
        return ent
    return None


def colon_owner(ctx: Context, colon: int) -> tuple[Speaker | None, Mention | None]:
    """`The coach's verdict: “…”`, `Her answer: “…”`: a noun phrase with an owner and no verb
    opens the sentence before the colon; the owner is the speaker."""
    doc = ctx.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].i == 0:
        return None, None
    colon_tok = span[0]
    lead = doc[colon_tok.sent.start:colon_tok.i]
    if not 0 < len(lead) <= 6 or any(t.pos_ in ("VERB", "AUX") for t in lead):
        return None, None
    noun = lead.root
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if noun.pos_ != "NOUN" or owner is None:
        return None, None
    sp = ctx.resolver.owner_of(noun)
    if sp is None or not sp.name:
        return None, None
    return sp, with_appos(owner, "owner", ctx.rules)


def _floating(ctx: Context, prev: Emitted, q: Quotation, para: int, max_words: int) -> bool:
    """Is `q` a floating quote of `prev`'s speaker: a paragraph of only quotation, a sentence or
    more, two or three paragraphs after `prev` (a named person's), with no person named and no
    other quotation between?"""
    ix, text = ctx.ix, ctx.text
    sp = prev.speaker
    if sp is None or not sp.name or not sp.is_person or not 2 <= para - prev.paragraph <= 3:
        return False
    if q.unclosed or not ix.only_quotation(para) or not (q.n_words(text) > max_words and _sentence_like(text, q)):
        return False
    if para + 1 < len(ix.paras) and DASH.match(text, ix.paras[para + 1].start) is not None:
        return False      # signed on the next line: `-President Obama, tweeting …`
    if any(letters(text, p.start, p.end) > 300 for p in ix.paras[prev.paragraph + 1:para]):
        return False      # a long passage between: the story has moved on
    between = (prev.frame_end, q.outer_start)
    if any(i != ix.quotation_at(q.start) for i in ix.quotations_in(*between)):
        return False
    return not any(e.label_ == "PERSON" and between[0] <= e.start_char < between[1] for e in ix.ents)


def _sentence_like(text: str, q: Quotation) -> bool:
    """Starts and ends like a sentence (`“Nobody wants a war.”`)."""
    first = text[q.start:q.start + 1]
    return (first.isupper() or first.isdigit()) and text[q.end - 1:q.end] in ".?!…"
