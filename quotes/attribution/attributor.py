"""The attributor: from a parsed Doc to attributed `Quote`s, in two steps.

1. Every cue reports its content (`verb_cues`, `phrase_cues`; transcript and title lines in
   `line_labels`); a report inside another's content is part of it.
2. The reports become quotes, and the quotations no cue reported are placed in text order
   (`placement`): going on a quote before, signed, introduced by a colon, or left out.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..models import Quote
from ..ruleset import Rules
from . import rule_names as R
from . import surface_speakers as surface
from .asides import aside_subject_of_conjunct
from .reports import Report, Context, frame_of
from .cues import NOUN, PHRASE, Cue, find_cues
from .emit import Emitted, emit_report
from .index import DocIndex
from .makers import utterance_maker
from .line_labels import headline_reports, transcript_reports
from .phrase_cues import report_according, report_noun
from .placement import place_quotation
from .resolve import Resolver
from .sources import source_of
from .verb_cues import report_verb
from .works import title_quotations


class Attributor:
    """Callable over a parsed Doc, returning its quotes in text order."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> list[Quote]:
        rules = self.rules
        cues = find_cues(doc, rules)
        ix = DocIndex(doc, cues, rules)
        ctx = Context(ix, rules, Resolver(ix, rules))
        ctx.taken.update(title_quotations(ctx))      # a work's title is no one's words
        reports = report_all(ctx, cues)
        taken = ctx.taken
        for c in reports:
            taken.update(c.quotations)
        events: list[tuple[int, int, object]] = [(c.start, 0, c) for c in reports]
        events += [(q.start, 1, i) for i, q in enumerate(ix.quotations) if i not in taken]
        events.sort(key=lambda ev: (ev[0], ev[1]))
        out: list[Emitted] = []
        frames = [c.frame for c in reports]
        for _, typ, item in events:
            if typ == 0:
                out.append(emit_report(ctx, item))
            else:
                place_quotation(ctx, item, out, frames)
        return [e.quote for e in sorted(out, key=lambda e: e.quote.spans[0][0])]


def report_all(ctx: Context, cues: list[Cue]) -> list[Report]:
    """Every cue's report, in text order, then the title line's and the transcript lines'."""
    rules, ix, taken = ctx.rules, ctx.ix, ctx.taken
    reports: list[Report] = []
    transcript = transcript_reports(ctx) if rules.enabled(R.TRANSCRIPT_LABEL) else []
    spoken = [c.spans[0] for c in transcript]
    furniture = ctx.resolver.article.in_furniture
    for cue in cues:
        if ix.quotation_at(cue.head.idx) is not None or any(s <= cue.head.idx < e for s, e in spoken):
            continue              # a cue inside a quotation is the quoted person's own words
        if furniture(cue.head.idx):
            continue              # `READ MORE: “…,” mayor says`: a link to another story
        if cue.kind == "belief" and "belief" not in rules.class_kind:
            continue
        c = report_cue(ctx, cue)
        # a quotation is furniture by its opening mark (`“<b>Vote</b> for us,” she said` is a
        # quote whose words open with a tag; `<tweet author="…">` holds no quotation)
        if c is None or not rules.enabled(c.rule) or furniture(c.start if c.direct_idx is None else ix.q_outer[c.direct_idx][0]):
            continue
        if c.direct_idx is not None and c.direct_idx in taken:
            continue
        reports.append(c)
        if c.direct_idx is not None:
            taken.add(c.direct_idx)
    reports = [c for c in reports if not headline_paraphrase(ctx, c)]
    if rules.enabled(R.HEADLINE_COLON):
        reports.extend(c for c in headline_reports(ctx) if not any(
            o.start <= c.start < o.spans[-1][1] for o in reports))
    return drop_nested(reports) + transcript


def headline_paraphrase(ctx: Context, report: Report) -> bool:
    """`Mayor promises new bus lanes`: a headline (the article's first line, a few words ending
    in a word, with no closing punctuation, with more after it) in its own words is the editor's summary, not
    anyone's quote; only quoted words there (`Flynn says Trump 'absolutely right'`) or a
    `Mayor: …` title line (rule `headline_colon`) are."""
    ix = ctx.ix
    if len(ix.paras) < 2 or report.quotations or report.kind != "indirect":
        return False
    first = ix.paras[0]
    line = ctx.text[first.start:first.end].strip()
    return first.start <= report.start < first.end and bool(line) and line[-1].isalnum() and len(line.split()) <= 20


def report_cue(ctx: Context, cue: Cue) -> Report | None:
    """The content one cue reports, by its form (none for a naming in narrative)."""
    report = _report_cue(ctx, cue)
    if report is not None and naming_in_narrative(ctx, cue, report):
        ctx.taken.update(report.quotations)      # nor is it any other cue's quote
        return None
    return report


def naming_in_narrative(ctx: Context, cue: Cue, report: Report) -> bool:
    """`the rules, which some call “the nanny state,”`, `what opponents call “fraud”`: a naming
    verb (rules/words.toml `naming_verbs`) whose object is a relative pronoun and whose subject
    is people in general (`some`, a bare plural), with a quotation of a few words as content
    (rule `scare_quote`, `max_words`), is the writer's narrative, not a quote."""
    rules, head = ctx.rules, cue.head
    if head.lemma_.lower() not in rules.words["naming_verbs"] or not report.quotations or not rules.enabled(R.SCARE_QUOTE):
        return False
    max_words = rules.rule(R.SCARE_QUOTE).settings.get("max_words", 4)
    if any(ctx.ix.quotations[i].n_words(ctx.text) > max_words for i in report.quotations):
        return False
    relative = any(c.i < head.i and c.dep_ in ("dobj", "oprd", "attr") and c.lower_ in rules.words["naming_relatives"]
                   for c in head.children)
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    # only people in general name it so (`some`, `critics`): a named or resolved namer's words
    # (`what he called “sex tape”`) are a quote
    generic = subj is not None and (subj.lower_ in rules.words["group_members"] or subj.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in subj.children))
    return relative and generic


def _report_cue(ctx: Context, cue: Cue) -> Report | None:
    found = source_of(cue, ctx.rules, lambda noun: surface.judge_source(ctx, noun))
    mention = aside_subject_of_conjunct(ctx, cue, surface.subject_outside_quotation(ctx, cue, found))
    mention = utterance_maker(ctx, mention)
    frame = frame_of(ctx, cue, mention)
    if cue.form == PHRASE:
        return report_according(ctx, cue, mention, frame)
    if cue.form == NOUN:
        return report_noun(ctx, cue, mention, frame)
    return report_verb(ctx, cue, mention, frame)


def drop_nested(reports: list[Report]) -> list[Report]:
    """A report inside another report's content is part of it, not a new one: `Trump said that
    Clinton once described the deal as “the gold standard”` is Trump's report, not a quote of
    Clinton's. A noun cue's content inside another cue's content likewise; two cues reporting
    the same content keep the first (`said he told`)."""
    keep = []
    for c in reports:
        nested = False
        for o in reports:
            if o is c:
                continue
            if c.cue.form == NOUN and o.cue.form != NOUN and o.spans[0][0] <= c.spans[0][0] and c.spans[-1][1] <= o.spans[-1][1]:
                nested = True
            if c.direct_idx is None and o.spans == c.spans and o.cue.head.i < c.cue.head.i:
                nested = True
            if o.kind != "direct" and any(s <= c.cue.head.idx < e for s, e in o.spans):
                nested = True
        if not nested:
            keep.append(c)
    return keep
