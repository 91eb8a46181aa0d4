"""Verb cues and their content (rules `cue_quote`, `cue_complement`, `relative_clause`,
`cue_object`, `object_content`, `parenthetical`, `trailing_cue`).

A cue verb reports, in this order: an adjacent quotation (`“…,” X said`, `X said: “…”`), else
its complement clause (`X said (that) …`, `…, X said`, `Trump, Sexton said, has …`), else an
object holding a quoted fragment (`described it as “close to zero”`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from . import rule_names as R
from . import surface_speakers as surface
from .asides import subject_across_aside
from .nearer_cue import nearer_cue_takes
from .reports import GAP_OK, Report, Context, content_report, direct_report, frame_of, trim_tokens
from .cues import Cue, said_object
from .index import letters
from .sources import Mention
from .stray_subjects import stray_subject

GAP_AS = re.compile(r"^[\s,]*as\s+$", re.IGNORECASE)      # `“…,” as a Homeland Security memo put it`
CONTENT_DEPS = {"ccomp"}
OBJECT_DEPS = {"dobj", "prep", "oprd", "attr", "xcomp", "acomp", "dative", "conj", "ccomp"}


def report_verb(ctx: Context, cue: Cue, mention: Mention | None, frame: tuple[int, int]) -> Report | None:
    """The content a cue verb introduces, or None when it reports nothing."""
    if _reports_nothing(ctx, cue.head):
        return None
    head = cue.head
    passive = any(c.dep_ in ("nsubjpass", "agent") for c in head.children)
    subject = mention if mention is not None or passive else (
        surface.subject_before(ctx, cue) or subject_across_aside(ctx, cue) or stray_subject(ctx, cue))
    if not _subject_counts(ctx, cue, subject):
        return None      # `Wallace read “War and Peace”`: only a document's words count
    if cue.cls in ctx.rules.object_only:
        return report_object(ctx, cue, subject, frame, quoted_only=True)
    if cue.cls in ctx.rules.object_nouns:
        return report_named_object(ctx, cue, subject, frame)
    trailing = report_trailing(ctx, cue)
    if trailing is not None:
        return trailing
    # 1. an adjacent quotation
    near = quotation_before(ctx, cue, subject, frame)
    paren = report_parenthetical(ctx, cue, near.mention, near.frame) if near.qi is None else None
    if paren is not None:
        return paren
    direct = report_adjacent(ctx, cue, near)
    if direct is not None:
        return direct
    # 2. the complement clause
    comps = _complements(ctx, head)
    spans = _complement_spans(ctx, cue, near.mention, comps) if comps else []
    if spans and nearer_cue_takes(ctx, cue, spans):
        return None       # `The spot ends with footage of Trump saying, “…”`: saying's quote
    if spans:
        rule = R.RELATIVE_CLAUSE if head.dep_ == "relcl" else R.CUE_COMPLEMENT
        return content_report(ctx, cue, near.mention, near.frame, spans, rule)
    # 3. an object holding a quoted fragment
    return report_object(ctx, cue, near.mention, near.frame)


def _reports_nothing(ctx: Context, head: Token) -> bool:
    """A cue verb in a form or place that reports no one's words."""
    rules = ctx.rules
    if head.tag_ == "VBN" and head.dep_ == "advcl" and head.i < head.head.i:
        return True          # `Asked whether ..., X said`: a question by someone not named
    if head.tag_ == "VB" and (head.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in head.children)
                              or any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
                              and head.head.lemma_.lower() not in rules.words["aspect_verbs"]):
        return True          # `tell me ...`, `wants to say ...`: no report of what was said
    if head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "as" \
            and head.head.head.lemma_.lower() in rules.words["quality_verbs"]:
        return True          # `remarks viewed by some as disparaging toward the military`: a quality
    return head.head.lower_ in rules.words["aside_heads"]    # `it is worth noting that ...`: an aside


def _subject_counts(ctx: Context, cue: Cue, subject: Mention | None) -> bool:
    """Does the cue count with this subject? A class with `subject_nouns` (cues.toml) counts
    only with one of them (`the email read`)."""
    nouns = ctx.rules.subject_nouns.get(cue.cls)
    if nouns is None:
        return True
    found = subject or (surface.speaker_before(ctx, cue) or (None, None))[1]
    return found is not None and found.head.lemma_.lower() in nouns


@dataclass(frozen=True)
class Near:
    """The quotation right before a cue that is its content, if any, with the attribution as
    that reading makes it (its speaker mention and frame)."""

    qi: int | None
    mention: Mention | None
    frame: tuple[int, int]
    leave_before: bool = False   # no quotation before the cue may be its content


def quotation_before(ctx: Context, cue: Cue, mention: Mention | None, frame: tuple[int, int]) -> Near:
    """The quotation before the cue that it reports: inverted (`“…,” said X`) or adjacent
    (`“…,” X said`); none when it is only part of the cue's clause (then none before may be)."""
    qi = inverted_before(ctx, cue.head)
    near = _inverted(ctx, cue, mention, frame, qi) if qi is not None else _adjacent(ctx, cue, mention, frame)
    if near.qi is None:
        return near
    if part_of_clause(ctx, cue.head, near.qi, near.frame[0]):
        return Near(None, near.mention, near.frame, leave_before=True)   # `… are “very pro-Bernie,” Kilfoyle said`: mixed
    if near.mention is None:
        return replace(near, mention=surface.speaker_after(ctx, cue))   # `“…,” said Skelly` parsed without a subject
    return near


def _inverted(ctx: Context, cue: Cue, mention: Mention | None, frame: tuple[int, int], qi: int) -> Near:
    """`“…,” said David Brock, a confidant who heads …`: the cue right after the quotation,
    whatever clause the parse made of the words after it; its speaker is after it."""
    head = cue.head
    if mention is not None and head.i <= mention.head.i <= head.i + 8:
        return Near(qi, mention, frame)
    speaker = surface.speaker_after(ctx, cue) or mention
    return Near(qi, speaker, frame_of(ctx, cue, speaker))


def _adjacent(ctx: Context, cue: Cue, mention: Mention | None, frame: tuple[int, int]) -> Near:
    """`“…,” Wallace said`, unless the cue has a reported clause of its own after it (`“…” He
    writes that …`), or the quotation is part of a report made earlier in its sentence and a
    quotation follows the cue (`She says Trump represents the “…” She adds, “…”`)."""
    head, ix = cue.head, ctx.ix
    if any(c.i > head.i and ix.quotation_at(c.left_edge.idx) is None and not c.left_edge.is_punct
           and (c.dep_ == "ccomp" or c.dep_ in ("dobj", "oprd", "prep") and ix.holds_quotation(c))
           for c in head.children):
        return Near(None, mention, frame, leave_before=True)
    qi = adjacent_before(ctx, frame)
    if qi is not None and _in_earlier_report(ctx, qi) and adjacent_after(ctx, frame, cue) is not None:
        return Near(None, mention, frame)
    return Near(qi, mention, frame)


def report_adjacent(ctx: Context, cue: Cue, near: Near) -> Report | None:
    """The direct quote: the quotation before the cue when it has two words or more, else the
    one right after it (`X said: “…”`), unless that is the source itself (`as “The Wall Street
    Journal” wrote`); else one a speaker before the cue introduces."""
    short = near.qi is not None and ctx.ix.quotations[near.qi].n_words(ctx.text) < 2
    qi = _quotation_after(ctx, cue, near) if near.qi is None or short else near.qi
    if qi is not None and not _holds_mention(ctx, qi, near.mention):
        return direct_report(ctx, cue, near.mention, near.frame, qi, R.CUE_QUOTE)
    if qi is None and short and _opens_sentence(ctx, near.qi) and ctx.rules.enabled(R.ONE_WORD_QUOTE):
        return direct_report(ctx, cue, near.mention, near.frame, near.qi, R.ONE_WORD_QUOTE)   # `“Never,” said Alvarez`
    if near.leave_before:
        return None
    found = surface.speaker_before(ctx, cue)
    if found is None or found[0] in ctx.taken:
        return None       # (one an earlier cue took: the cue's clause may still be its content)
    before, speaker = found
    return direct_report(ctx, cue, speaker, (speaker.char_span[0], near.frame[1]), before, R.CUE_QUOTE)


def _opens_sentence(ctx: Context, qi: int) -> bool:
    """Does quotation `qi` open its paragraph or sentence (`“Never,” said Alvarez`), rather than
    stand inside narrative as a scare quote?"""
    text, start = ctx.text, ctx.ix.q_outer[qi][0]
    before = text[max(0, start - 200):start].rstrip(" \t\u00a0")
    return not before or before[-1] in "\n.!?:"


def _quotation_after(ctx: Context, cue: Cue, near: Near) -> int | None:
    """The quotation right after the attribution, unless only part of the cue's clause (`he said
    "budget reforms" and unpaid taxes would pay for it`: mixed)."""
    qi = adjacent_after(ctx, near.frame, cue)
    return None if qi is None or part_of_clause(ctx, cue.head, qi) or _attributed_after(ctx, qi) else qi


_PRONOUN_CUE = re.compile(r",?\s*(?:he|she|they|I|we)\s+$", re.IGNORECASE)


def _attributed_after(ctx: Context, qi: int) -> bool:
    """`McCaskill scolded him: “…,” she said`: the quotation after a colon has an attribution of
    its own right after it (a pronoun and a cue verb), which reports it."""
    end = ctx.ix.q_outer[qi][1]
    starts = ctx.ix.cue_verb_starts
    i = bisect.bisect_left(starts, end)
    return i < len(starts) and starts[i] - end <= 12 and bool(_PRONOUN_CUE.fullmatch(ctx.text[end:starts[i]]))


def _holds_mention(ctx: Context, qi: int, mention: Mention | None) -> bool:
    if mention is None:
        return False
    ms, me = mention.char_span
    return ctx.ix.q_outer[qi][0] <= ms and me <= ctx.ix.q_outer[qi][1]


def _complements(ctx: Context, head: Token) -> list[Token]:
    """The clauses a cue reports: its complements (`X said (that) …`), a that-clause the parse
    hung elsewhere, or the clause a parenthetical cue hangs on (`X, he said`)."""
    comps = [c for c in head.children if c.dep_ in CONTENT_DEPS or _that_clause(c, head)] or _that_clause_in_phrase(head)
    if ctx.rules.enabled(R.SEMICOLON_BOUND):
        comps = [c for c in comps if not _beyond_semicolon(ctx, c, head)]
    if not comps and head.dep_ == "parataxis" and head.head.i < head.i:
        governor = head.head        # `X, he said`
        if governor.dep_ in ("nsubj", "nsubjpass") and governor.head.i > head.i:
            return [governor.head]  # `The difference now, he told me, is that …`: the clause
        return [governor]
    if any(c.i > head.i for c in comps) and any(c.i < head.i for c in comps) and any(
            t.text == "(" for t in ctx.doc[max(c.right_edge.i for c in comps if c.i < head.i):head.i]):
        return [c for c in comps if c.i > head.i]   # `X (her campaign disclosed that Y)`: Y
    return comps


def _beyond_semicolon(ctx: Context, clause: Token, head: Token) -> bool:
    """A clause before the cue with a semicolon between them (outside quotation marks) is a
    sentence of its own, not what the cue reports: `World leaders denounce the test; Obama,
    others vow consequences`."""
    if clause.i > head.i:
        return False
    return any(t.text == ";" and ctx.ix.quotation_at(t.idx) is None for t in ctx.doc[clause.i + 1:head.i])


def _complement_spans(ctx: Context, cue: Cue, mention: Mention | None, comps: list[Token]) -> list[tuple[int, int]]:
    """The char spans of the complement clauses: one, or two around a parenthetical cue. A
    complement before the cue ends where the attribution (its speaker, the cue and the cue's
    own words) starts, and goes on after it: `X, he said, Y`."""
    head = cue.head
    first = min(c.left_edge.i for c in comps)
    last = max(c.right_edge.i for c in comps) + 1
    around = last > head.i and first < head.i
    rest = _rest_after(ctx, head, comps, last) if around else None
    if around and rest is None and ctx.rules.enabled(R.INTERRUPTED_CLAUSE):
        rest, first = _interrupted(ctx, head, comps, last, first, _attribution_start(head, mention, first))
    end = _attribution_start(head, mention, first) if around else last
    start, stop = trim_tokens(ctx, first, _cut_nested_reports(ctx, comps, first, end))
    start = _after_own_introduction(ctx, start, stop)
    if stop <= start:
        return []
    spans = [ctx.ix.token_span_chars(start, stop)]
    if rest is not None and rest[1] - rest[0] >= 2:
        spans.append(ctx.ix.token_span_chars(*rest))
    return spans


def _interrupted(ctx: Context, head: Token, comps: list[Token], last: int, first: int,
                 attribution: int) -> tuple[tuple[int, int] | None, int]:
    """A cue set off by commas inside the clause it reports, with a complement on each side (`…,
    but the air pollution there had become so bad, Mr. Obama noted, that the most-visited page
    …`): the words after it are the report's too, and of a clause before it coordinated with an
    earlier one (`China had historically resisted such agreements, but …`) only the last
    conjunct is: the cue interrupts that one (rule `interrupted_clause`). Returns the tokens after
    the cue and where the report starts."""
    right = [c for c in comps if c.i > head.i]
    left = [c for c in comps if c.i < head.i]
    doc = ctx.doc
    if not right or not left or attribution < 1 or doc[attribution - 1].text != "," \
            or head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
        return None, first
    after = min(c.left_edge.i for c in right)
    if after <= head.i + 1:
        return None, first
    for c in left:
        clauses = [k for k in c.conjuncts if head.i > k.i > c.i and k.pos_ in ("VERB", "AUX")
                   and any(d.dep_ in ("nsubj", "nsubjpass") for d in k.children)]
        if clauses:
            first = max(first, clauses[-1].left_edge.i)
    return trim_tokens(ctx, after, _cut_nested_reports(ctx, comps, after, last)), first


def _rest_after(ctx: Context, head: Token, comps: list[Token], last: int) -> tuple[int, int] | None:
    """The tokens of the complement after a parenthetical cue and its own words."""
    if head.dep_ != "parataxis" or head.right_edge.i + 1 >= last:
        return None
    after = head.right_edge.i + 1
    return trim_tokens(ctx, after, _cut_nested_reports(ctx, comps, after, last))


def adjacent_before(ctx: Context, frame: tuple[int, int]) -> int | None:
    """A quotation ending right before the attribution: `“…,” Wallace said`."""
    found = ctx.ix.quotation_before(frame[0], past_overlapping=True)
    if found is None:
        return None
    i, gap = found
    return i if (GAP_OK.match(gap) or GAP_AS.match(gap)) and i not in ctx.taken else None


def inverted_before(ctx: Context, head: Token) -> int | None:
    """The quotation a cue follows with only a comma or dash between (`“…,” said X`), with
    the cue's subject after it."""
    doc = ctx.doc
    if head.i + 1 >= len(doc) or doc[head.i + 1].is_punct or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i for c in head.children):
        return None
    found = ctx.ix.quotation_before(head.idx)
    if found is None:
        return None
    i, gap = found
    return i if GAP_OK.match(gap) and i not in ctx.taken else None


def adjacent_after(ctx: Context, frame: tuple[int, int], cue: Cue) -> int | None:
    """A quotation right after the attribution: `Wallace said: “…”`, `said Wallace, “…”`."""
    ix = ctx.ix
    i = ix.quotation_from(frame[1])
    if i is None:
        return None
    qs = ix.q_outer[i][0]
    gap = ctx.text[frame[1]:qs]
    if "\n" in gap.strip("\n") or gap.count("\n") > 2:
        return None
    if GAP_OK.match(gap):
        if "." in gap:
            return None
        if "\n" in gap and not gap.strip().endswith(":"):
            return None
        return i
    # `said on Friday: “…”`, `told reporters, “…”`: only the cue's own dependents between
    stripped = gap.rstrip()
    if not stripped or stripped[-1] not in ":,":
        return None
    toks = [t for t in ix.tokens_between(frame[1], qs) if not t.is_space]
    if len(toks) > 8:
        return None
    for t in toks:
        if t.is_punct:
            continue
        node, ok = t, False
        for _ in range(6):
            if node.i == cue.head.i:
                ok = True
                break
            if node.pos_ in ("VERB", "AUX") and node.i != cue.head.i:
                break
            if node.head.i == node.i:
                break
            node = node.head
        if not ok:
            return None
    return i


def part_of_clause(ctx: Context, head: Token, qi: int, frame_start: int | None = None) -> bool:
    """Is quotation `qi` only a part of the cue's complement clause, which goes on past it? The
    attribution's own words (from `frame_start`: `“…,” the panel's chair, Jo Smith, told`, which
    the parse may hang inside the clause) are not more of the clause."""
    q = ctx.ix.quotations[qi]
    qs, qe = q.start, q.end
    for c in head.children:
        if c.dep_ not in CONTENT_DEPS:
            continue
        lo, hi = c.left_edge.i, c.right_edge.i + 1
        if lo < head.i < hi:
            hi = head.i          # a complement before the cue ends where the attribution starts
        s, e = ctx.ix.token_span_chars(lo, hi)
        if frame_start is not None and qe <= frame_start < e:
            e = frame_start
        if s <= qs and qe <= e + 2 and letters(ctx.text, s, e) - letters(ctx.text, qs, qe) >= 12:
            if letters(ctx.text, qe, e) == 0 and ctx.text[s:q.outer_start].rstrip().endswith(":"):
                continue     # `X scolded him: “…,” she said`: an introduction and its quotation
            return True
    return False


def report_object(ctx: Context, cue: Cue, mention: Mention | None, frame, quoted_only: bool = False) -> Report | None:
    """The cue's object as content: when it holds a quoted fragment (`described it as “close to
    zero”`), or for `object_verbs` (`called him a fraud`)."""
    ix, head = ctx.ix, cue.head
    objs = [c for c in head.children if (c.dep_ in OBJECT_DEPS or _to_clause(c, head) or _as_predicate(c, head))
            and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
            and not (c.dep_ in ("dobj", "oprd", "npadvmod") and c.i == head.i + 1 and c.lower_ in ctx.rules.words.get("time_words", ()))]
    if any(c.i < head.i for c in objs) and any(c.i > head.i for c in objs):
        objs = [c for c in objs if c.i > head.i]
    if objs:
        start = min(c.left_edge.i for c in objs)
        end = max(c.right_edge.i for c in objs) + 1
        start, end = trim_tokens(ctx, start, end)
        start = _past_particle(ctx, head, start, end)
        if end > start:
            s, e = ix.token_span_chars(start, end)
            e = _as_quotation_first(ctx, objs, _with_as_quotation(ctx, e))
            # what the hearers were asked to do (`called on Trump to stop attacking …`) may hold
            # cue verbs of its own: only the words before it must not
            asked = [c.left_edge.idx for c in objs if c.dep_ == "xcomp" or _to_clause(c, head)]
            if _reports_inside(ctx, s, min([e, *asked])):
                return None
            if ix.quotations_in(s, e):
                return content_report(ctx, cue, mention, frame, [(s, e)], R.CUE_OBJECT)
            if not quoted_only and mention is not None and (head.lemma_.lower() in ctx.rules.object_verbs or _request(head, objs)):
                return content_report(ctx, cue, mention, frame, [(s, e)], R.OBJECT_CONTENT)
    return None


def report_named_object(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Report | None:
    """A class that reports only through an object naming something said (cues.toml
    `object_nouns`): `Pence echoed statements by Trump that …`, `echoing comments made earlier by
    President Obama`, `she pointed to reports that Trump called …` (the object of the phrasal
    verb's particle); the object is the content, whatever cues it holds (they are what was said).
    `the hall echoed`, `echoed the tone of Cruz`, `echoes the bloody fighting` report nothing."""
    obj = said_object(cue.tokens, ctx.rules.object_nouns[cue.cls])
    if mention is None or obj is None:
        return None
    # the object's own `that` clause, which the parse may hang on the verb
    clauses = [c for c in cue.head.children if c.dep_ == "ccomp" and c.i > obj.i]
    end = max([obj.right_edge.i, *(c.right_edge.i for c in clauses)]) + 1
    start, end = trim_tokens(ctx, obj.left_edge.i, end)
    if end <= start:
        return None
    s, e = ctx.ix.token_span_chars(start, end)
    return content_report(ctx, cue, mention, frame, [(s, e)], R.OBJECT_CONTENT)


def _as_predicate(tok: Token, head: Token) -> bool:
    """`describing the security team as highly accomplished`, parsed as an adverbial clause: an
    `as` phrase after the cue's object with no subject of its own says what the object was
    called, and is part of what was said (`as he left the room`, with a subject, is not)."""
    doc = tok.doc
    first = doc[tok.left_edge.i]
    return tok.dep_ == "advcl" and tok.i > head.i and first.lower_ == "as" and first.i > head.i \
        and tok.tag_ in ("VBN", "JJ") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) \
        and any(c.dep_ == "dobj" and c.i < first.i for c in head.children)


def _as_quotation_first(ctx: Context, objs: list[Token], e: int) -> int:
    """`describing as “unhinged” a Trump tweet attacking …`: where the first object is `as` and
    a quotation right after it, followed by more words (the object moved to the end), what was
    said ends with the quotation."""
    first = min(objs, key=lambda c: c.i)
    if first.dep_ != "prep" or first.lower_ != "as" or first.i + 1 >= len(ctx.doc):
        return e
    qi = ctx.ix.quotation_at(ctx.doc[first.i + 1].idx)
    if qi is None or ctx.ix.quotations[qi].unclosed:
        return e
    qe = ctx.ix.q_outer[qi][1]
    return qe if qe < e and letters(ctx.text, qe, e) >= 8 else e


def _reports_inside(ctx: Context, s: int, e: int) -> bool:
    """Does a cue verb between chars `s` and `e` make a report of its own? Not a participle
    that only says what a noun is (`described as “unhinged” a Trump tweet attacking a former
    Miss Universe`: the tweet is what was described)."""
    ix = ctx.ix
    if not ix.has_cue(s, e):
        return False
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return True
    return any(ix.has_cue(t.idx, t.idx + 1) and not _describes(t) for t in span)


def _describes(tok: Token) -> bool:
    """A participle that describes a noun (`a tweet attacking a nurse`) and reports no clause."""
    return tok.tag_ == "VBG" and tok.dep_ in ("acl", "pcomp") and not any(c.dep_ == "ccomp" for c in tok.children)


def _past_particle(ctx: Context, head: Token, start: int, end: int) -> int:
    """`called for releasing the videos`: a preposition that belongs to the cue (rules/words.toml
    `cue_particles`) is not part of what was asked for. (A day right after the cue, rules/words.toml
    `time_words`, is no object either: `called Friday for …`.)"""
    first = ctx.doc[start]
    pairs = ctx.rules.words.get("cue_particles", ())
    if first.dep_ != "prep" or first.head.i != head.i or f"{head.lemma_.lower()}:{first.lower_}" not in pairs:
        return start
    rest = [t for t in ctx.doc[start + 1:end] if not t.is_punct]
    # (only where what is left is still a statement: `called for the ban` stays as it is)
    return start + 1 if len(rest) >= 3 and sum(len(t.text) for t in rest) >= 8 else start


def report_parenthetical(ctx: Context, cue: Cue, mention: Mention | None, frame) -> Report | None:
    """`Trump, Sexton said, has created a “…”`: the attribution stands inside the clause it
    reports; the content is that clause on both sides of it."""
    head = cue.head
    if head.dep_ != "parataxis" or head.head.i <= head.i or not ctx.rules.enabled(R.PARENTHETICAL):
        return None
    main, sent = head.head, head.sent
    lo, hi = max(main.left_edge.i, sent.start), min(main.right_edge.i + 1, sent.end)
    # the attribution is the cue with its subject and what follows it; a clause the parse
    # hung on the cue before its subject (`Putting the show together, Butz said, …`) is content
    subjects = [c for c in head.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    cut_lo = min([c.left_edge.i for c in subjects] + [head.i])
    if mention is not None and cut_lo < mention.start < head.i:
        # `To understand the real Dred Scott, Chief Justice Roberts said, …`: the subject the parse
        # chose before the comma is content (sources.py `name_before_cue`)
        k = mention.start
        while k > cut_lo and ctx.doc[k - 1].pos_ == "PROPN":
            k -= 1
        if ctx.doc[k - 1].text == ",":
            cut_lo = k
    cut_hi = head.right_edge.i + 1
    if not lo < cut_lo or not cut_hi < hi:
        return None
    left = trim_tokens(ctx, lo, cut_lo)
    right = trim_tokens(ctx, cut_hi, hi)
    parts = [ctx.ix.token_span_chars(a, b) for a, b in (left, right) if b > a]
    if len(parts) < 2 or letters(ctx.text, *parts[1]) < 8:
        return None
    if _quoted_whole(ctx, parts[1]) and not ctx.ix.quotations_in(*parts[0]):
        # `So when the deal was signed, Barrett said, "we were floored."`: the words after the
        # cue are a quotation of their own and the clause before it the writer's narrative
        return None
    return content_report(ctx, cue, mention, frame, parts, R.PARENTHETICAL)


def _quoted_whole(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether one quotation holds every letter of `span`."""
    qi = ctx.ix.quotation_at(span[0]) if span[0] < len(ctx.text) else None
    if qi is None:
        nxt = ctx.ix.quotations_in(*span)
        qi = nxt[0] if nxt else None
    if qi is None:
        return False
    q = ctx.ix.quotations[qi]
    return letters(ctx.text, span[0], q.start) == 0 and letters(ctx.text, q.end, span[1]) == 0


def report_trailing(ctx: Context, cue: Cue) -> Report | None:
    """`CONTENT, UK defence secretary says`: the cue ends its sentence, a short noun phrase
    stands between it and a comma, and the content is all before the comma."""
    if not ctx.rules.enabled(R.TRAILING_CUE):
        return None
    doc, head = ctx.doc, cue.head
    sent = head.sent
    after = [t for t in doc[head.i + 1:sent.end] if not (t.is_punct or t.is_space)]
    if after:
        return None
    comma = None
    for i in range(head.i - 1, max(sent.start, head.i - 8) - 1, -1):
        if doc[i].text == ",":
            comma = i
            break
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].is_punct and doc[i].text not in ("'", "’", "-"):
            return None
    if comma is None or comma - sent.start < 3 or comma + 1 >= head.i:
        return None
    nouns = [t for t in doc[comma + 1:head.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns:
        return None
    mention = Mention(nouns[-1], comma + 1, head.i, how="subject")
    start, end = trim_tokens(ctx, sent.start, comma)
    s, e = ctx.ix.token_span_chars(start, end)
    frame = (doc[comma + 1].idx, head.idx + len(head.text))
    return content_report(ctx, cue, mention, frame, [(s, e)], R.TRAILING_CUE)


def _request(head: Token, objs: list[Token]) -> bool:
    """`told his advisers to figure out …`: a cue verb in a finite form with a hearer as object
    and what the hearer is to do (a controlled infinitive) reports a request."""
    return head.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ in ("dobj", "dative") for c in objs) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in objs)


_AS_QUOTATION = re.compile(r"\s+as,?\s+(?:(?:a|an|the)\s+)?(?=[“\"‘'])", re.IGNORECASE)


def _with_as_quotation(ctx: Context, e: int) -> int:
    """`pounding Trump as a “con artist”`, where the parse left the `as` phrase off the verb:
    the object goes on to the end of the quotation after `as`."""
    m = _AS_QUOTATION.match(ctx.text, e)
    if m is None:
        return e
    qi = ctx.ix.quotation_at(m.end())
    return ctx.ix.q_outer[qi][1] if qi is not None else e


def _in_earlier_report(ctx: Context, qi: int) -> bool:
    """Is quotation `qi` a fragment inside a report made earlier in its own sentence (a cue
    verb between the sentence's start and the quotation)?"""
    qs = ctx.ix.q_outer[qi][0]
    span = ctx.doc.char_span(qs, qs + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    return ctx.ix.has_cue(span[0].sent.start_char, qs)


def _attribution_start(head: Token, mention: Mention | None, start: int) -> int:
    """Where the attribution inside a clause begins: its speaker (with a title before it:
    `Mr. Clarke`) when that stands between the clause's start and the cue, else the cue."""
    if mention is None or mention.head.sent != head.sent or not start < mention.start < head.i:
        return head.i
    lead = mention.head.left_edge
    return lead.i if start < lead.i < mention.start and mention.start - lead.i <= 3 else mention.start


def _cut_nested_reports(ctx: Context, comps: list[Token], start: int, end: int) -> int:
    """End the content before a trailing adverbial or coordinated clause that holds a cue of
    its own (`…, pointing to X and saying Y`, `… as he warns of Z`): that is another report."""
    doc = ctx.doc
    verbs = ctx.rules.verb_class
    for comp in comps:
        for tok in comp.subtree:
            if tok.dep_ in ("advcl", "conj") and tok.i > comp.i and start < tok.left_edge.i < end:
                if _reports_again(tok, verbs, ctx.rules.words.get("reason_markers", ())):
                    end = min(end, tok.left_edge.i)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc" or doc[end - 1].is_space):
        end -= 1
    return end


def _after_own_introduction(ctx: Context, start: int, stop: int) -> int:
    """Where the content starts when the clause opens with a sentence of the writer's introducing
    a quotation after a colon (`McCaskill scolded him: “…,” she said`, `Okafor put it bluntly:
    “…,” he said`): at the quotation, not at its speaker."""
    doc = ctx.doc
    for tok in doc[start:stop]:
        if ctx.ix.quotation_at(tok.idx) is not None:
            return start
        if tok.text == ":":
            nxt = tok.i + 1
            while nxt < stop and doc[nxt].is_space:
                nxt += 1
            if nxt < stop and ctx.ix.quotation_at(doc[nxt].idx) is not None and any(
                    t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children) for t in doc[start:tok.i]):
                return nxt
            return start
    return start


def _reports_again(clause: Token, verbs: dict[str, str], reasons) -> bool:
    """Is this trailing clause another report, not part of the content? A cue verb at its head
    or right under it (`and saying Y`, `as he warns of Z`, `though she noted …`); not a cue
    buried deeper, nor one in a clause of reason, time or condition whose subject is someone
    else (`because Republicans had only asked …`), which goes on saying what was said."""
    near = [clause, *(c for c in clause.children if c.dep_ in ("xcomp", "conj", "advcl"))]
    if not any(t.lemma_.lower() in verbs and t.pos_ == "VERB" for t in near):
        return False
    marked = any(c.dep_ == "mark" and c.lower_ in reasons for c in clause.children)
    other = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in clause.children)
    return not (marked and other)


def _that_clause(tok: Token, cue_head: Token) -> bool:
    """`tweeted in the early hours that Machado was …`: a that-clause the parse hung on the cue
    as an adverbial clause is its complement."""
    if tok.dep_ != "advcl" or tok.i < cue_head.i:
        return False
    if tok.left_edge.lower_ == "that":
        return True
    # `said after the convention he would not accept …`: a clause with its own subject and no
    # subordinator (`if`, `because`, `when`) after a speech cue is what was said
    return cue_head.tag_ != "VBG" and any(c.dep_ == "nsubj" and c.i > cue_head.i for c in tok.children) and not any(
        c.dep_ in ("mark", "advmod") and c.i < tok.i and c.tag_ in ("IN", "WRB") for c in tok.children)


def _that_clause_in_phrase(cue_head: Token) -> list[Token]:
    """`said during a rally that Clinton once described …`: the parse hung the that-clause on the
    phrase after the cue as a relative clause; `that` as its complementizer (not its subject or
    object, as in `the rally that drew crowds`) shows it is the cue's complement."""
    for c in cue_head.children:
        if c.dep_ == "prep" and c.i > cue_head.i:
            for t in c.subtree:
                if t.dep_ == "relcl" and t.left_edge.lower_ == "that" and t.left_edge.dep_ == "mark":
                    return [t]
    return []


def _to_clause(tok: Token, cue_head: Token) -> bool:
    """`tells his supporters to “go to your place and vote”`: an infinitive after the cue that the
    parse made an adverbial clause is what the hearers were told."""
    return tok.dep_ == "advcl" and tok.i > cue_head.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
