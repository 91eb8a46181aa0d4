"""The attributor: from a parsed Doc to attributed `Quote`s.

Four questions, each answered by its own module: where are the quote marks (`marks`), which
cue introduces this content (`cues`), who is the grammatical source (`sources`), and who is that
source really (`resolve`). This module ties them together and decides each quote's content
and kind, recording the rule (from `rules/patterns.toml`) that made the decision:

1. every cue claims its content: an adjacent quotation (`“…,” X said`, `X said: “…”`), else its
   complement clause (`X said (that) …`, `…, X said`, `Trump, Sexton said, has …`), else an
   object holding a quoted fragment (`described it as “close to zero”`); the content's quote
   marks make it direct, mixed or indirect; a report inside another's content is part of it;
   transcript lines (`PENCE: …`) and title lines (`Graham: …`) are claims of their own;
2. quotations no cue claimed are attributed, in text order: as the quote before going on after
   its attribution or in the next paragraph (a further span of that quote), by a dash signature
   or a colon introduction, or left out when they are a few words (scare quotes, titles) with
   no speaker.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from .cues import Cue, find_cues
from .marks import Quotation, find_quotations, paragraphs
from .models import Quote
from .resolve import Resolver, Speaker
from .ruleset import Rules
from .sources import Mention, _outside_brackets, _with_appos, _within_line, entity_bounds, name_start, source_of

_LETTER = re.compile(r"\w")
_GAP_OK = re.compile(r"^[\s,:;.\-—–]*$")
_GAP_AS = re.compile(r"^[\s,]*as\s+$", re.IGNORECASE)      # `“…,” as a Homeland Security memo put it`
_CONTENT_DEPS = {"ccomp"}
_OBJECT_DEPS = {"dobj", "prep", "oprd", "attr", "xcomp", "acomp", "dative", "conj", "ccomp"}
_SKIP_START = {"that", ",", ":", "—", "–", "-"}


@dataclass
class _Claim:
    """A cue's claim on some content, before the speaker is resolved."""

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


@dataclass
class _Emitted:
    quote: Quote
    paragraph: int
    last_quotation: int | None
    frame_end: int
    speaker: Speaker | None = None


def _letters(text: str, s: int, e: int) -> int:
    return len(_LETTER.findall(text, s, e))


def _trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading complementizer or punctuation and trailing punctuation from a token range."""
    while start < end and (doc[start].lower_ in _SKIP_START and doc[start].dep_ in ("mark", "punct", "advmod") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ("”", "’", '"', "'", "»") or doc[end - 1].is_space):
        end -= 1
    return start, end


class Attributor:
    """Callable over a parsed Doc, returning its quotes in text order."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> list[Quote]:
        return _Run(doc, self.rules).run()


class _Run:
    def __init__(self, doc: Doc, rules: Rules):
        self.doc = doc
        self.text = doc.text
        self.rules = rules
        self.quotations: list[Quotation] = find_quotations(self.text)
        self.q_outer = [(q.outer_start, q.outer_end) for q in self.quotations]
        self.q_starts = [q.outer_start for q in self.quotations]
        self.paras = paragraphs(self.text)
        self.para_starts = [p.start for p in self.paras]
        self.ents = tuple(doc.ents)      # built once: each `doc.ents` makes every span again
        self.resolver = Resolver(doc, rules, self.ents)
        self.max_words = rules.rule("scare_quote").settings.get("max_words", 4)
        self.cues = find_cues(doc, rules)
        self.cue_verb_starts = [c.head.idx for c in self.cues if c.form == "verb" and c.head.pos_ == "VERB"
                                and c.cls not in rules.object_only]
        self.tok_starts = doc.to_array(IDX).tolist()
        self.taken: set[int] = set()     # quotations a cue has claimed as its direct quote

    # -- positions -------------------------------------------------------------------------
    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def quotation_at(self, char: int) -> int | None:
        i = bisect.bisect_right(self.q_starts, char) - 1
        if i >= 0 and self.q_outer[i][0] <= char < self.q_outer[i][1]:
            return i
        return None

    def quotations_in(self, s: int, e: int) -> list[int]:
        return [i for i, (qs, qe) in enumerate(self.q_outer) if qs < e and qe > s]

    def token_span_chars(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

    # -- step 1: cues claim content ------------------------------------------------------------
    def frame_of(self, cue: Cue, mention: Mention | None) -> tuple[int, int]:
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
            if me <= s and _GAP_OK.match(self.text[me:s]) or ms >= e and _GAP_OK.match(self.text[e:ms]) or ms >= s - 60 and me <= e + 60:
                s, e = min(s, ms), max(e, me)
        return s, e

    def adjacent_before(self, frame: tuple[int, int]) -> int | None:
        """A quotation ending right before the attribution: `“…,” Wallace said`."""
        i = bisect.bisect_right(self.q_starts, frame[0]) - 1
        while i >= 0 and self.q_outer[i][1] > frame[0]:
            i -= 1
        if i < 0:
            return None
        gap = self.text[self.q_outer[i][1]:frame[0]]
        if (_GAP_OK.match(gap) or _GAP_AS.match(gap)) and "\n" not in gap and "." not in gap and i not in self.taken:
            return i
        return None

    def adjacent_after(self, frame: tuple[int, int], cue: Cue) -> int | None:
        """A quotation right after the attribution: `Wallace said: “…”`, `said Wallace, “…”`."""
        i = bisect.bisect_left(self.q_starts, frame[1])
        if i >= len(self.quotations):
            return None
        qs = self.q_outer[i][0]
        gap = self.text[frame[1]:qs]
        if "\n" in gap.strip("\n") or gap.count("\n") > 2:
            return None
        if _GAP_OK.match(gap):
            if "." in gap:
                return None
            if "\n" in gap and not gap.strip().endswith(":"):
                return None
            return i
        # `said on Friday: “…”`, `told reporters, “…”`: only the cue's own dependents between
        stripped = gap.rstrip()
        if not stripped or stripped[-1] not in ":,":
            return None
        toks = [t for t in self._tokens_between(frame[1], qs) if not t.is_space]
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

    def claim(self, cue: Cue) -> _Claim | None:
        doc, text = self.doc, self.text
        head = cue.head
        mention = self._subject_outside_quotation(cue, source_of(cue, self._judge_source))
        frame = self.frame_of(cue, mention)
        if cue.form == "according_to":
            return self._claim_according(cue, mention, frame)
        if cue.form == "noun":
            return self._claim_noun(cue, mention, frame)
        if head.tag_ == "VBN" and head.dep_ == "advcl" and head.i < head.head.i:
            return None          # `Asked whether ..., X said`: a question by someone not named
        if head.tag_ == "VB" and (head.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in head.children)
                                  or any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
                                  and head.head.lemma_.lower() not in ("have", "continue", "go", "begin", "start")):
            return None          # `tell me ...`, `wants to say ...`: no report of what was said
        if head.head.lower_ == "worth":
            return None          # `it is worth noting that ...`: the writer's aside
        if mention is None and cue.form == "verb" and not any(c.dep_ in ("nsubjpass", "agent") for c in head.children):
            mention = self._surface_subject_before(cue)
        nouns = self.rules.subject_nouns.get(cue.cls)
        if nouns is not None:
            found = mention or (self._surface_speaker_before(cue) or (None, None))[1]
            if found is None or found.head.lemma_.lower() not in nouns:
                return None      # `Wallace read “War and Peace”`: only a document's words count
        if cue.cls in self.rules.object_only:
            return self._claim_object(cue, mention, frame, quoted_only=True)
        trailing = self._claim_trailing(cue)
        if trailing is not None:
            return trailing
        # 1. an adjacent quotation
        rule = "cue_quote"
        # a cue with a reported clause of its own after it (`“…” He writes that …`) does not
        # take the quotation before it
        leave_before = any(c.i > head.i and self.quotation_at(c.left_edge.idx) is None and not c.left_edge.is_punct
                         and (c.dep_ == "ccomp" or c.dep_ in ("dobj", "oprd", "prep") and self._holds_quotation(c))
                         for c in head.children)
        inverted = self._inverted_after(head)
        if inverted is not None:
            # `“…,” said David Brock, a confidant who heads …`: the cue right after the quotation,
            # whatever clause the parse made of the words after it
            qi, leave_before = inverted, False
            if mention is None or mention.head.i < head.i or mention.head.i > head.i + 8:
                mention = self._surface_speaker_after(cue) or mention
                frame = self.frame_of(cue, mention)
        else:
            qi = None if leave_before else self.adjacent_before(frame)
        if qi is not None and self._part_of_clause(head, qi):
            qi, leave_before = None, True      # `Teachers … are “very, very pro-Bernie,” Kilfoyle said`: mixed
        if qi is not None and mention is None:
            mention = self._surface_speaker_after(cue)   # `“…,” said Skelly` parsed without a subject
        if qi is None and head.dep_ == "parataxis" and head.head.i > head.i and self.rules.enabled("parenthetical"):
            claim = self._claim_parenthetical(cue, mention, frame)
            if claim is not None:
                return claim
        if qi is None or self.quotations[qi].n_words(text) < 2:
            qi = self.adjacent_after(frame, cue)
            if qi is not None and self._part_of_clause(head, qi):
                qi = None        # `he said "budget reforms" and unpaid taxes would pay for it`: mixed
        if qi is not None and mention is not None:
            ms, me = mention.char_span
            if self.q_outer[qi][0] <= ms and me <= self.q_outer[qi][1]:
                qi = None        # `as “The Wall Street Journal” wrote`: the quotation is the source
        if qi is None and not leave_before:
            found = self._surface_speaker_before(cue)
            if found is not None:
                qi, mention = found
                frame = (mention.char_span[0], frame[1])
        if qi is not None:
            q = self.quotations[qi]
            return _Claim(cue, mention, list(q.spans), [qi], "direct", rule, frame, direct_idx=qi)
        # 2. the complement clause
        head = cue.head
        comps = [c for c in head.children if c.dep_ in _CONTENT_DEPS or _that_clause(c, head)]
        if not comps:
            comps = _that_clause_in_phrase(head)
        if head.dep_ == "parataxis" and head.head.i < head.i:
            comps.append(head.head)
        if comps:
            start = min(c.left_edge.i for c in comps)
            end = max(c.right_edge.i for c in comps) + 1
            rest = None
            # a complement before the cue ends where the attribution (its speaker, the cue and
            # the cue's own words) starts, and goes on after it: `X, he said, Y`
            if end > head.i and start < head.i:
                cut = head.i
                if mention is not None and mention.head.sent == head.sent and start < mention.start < head.i:
                    cut = mention.start
                    lead = mention.head.left_edge      # its title: `Mr. Clarke`
                    if start < lead.i < cut and cut - lead.i <= 3:
                        cut = lead.i
                after = head.right_edge.i + 1
                if after < end and head.dep_ == "parataxis":
                    rest = _trim_tokens(doc, after, self._cut_nested_reports(comps, after, end))
                end = cut
            end = self._cut_nested_reports(comps, start, end)
            start, end = _trim_tokens(doc, start, end)
            if end > start:
                spans = [self.token_span_chars(start, end)]
                if rest is not None and rest[1] - rest[0] >= 2:
                    spans.append(self.token_span_chars(*rest))
                return self._content_claim(cue, mention, frame, spans, "relative_clause" if head.dep_ == "relcl" else "cue_complement")
        return self._claim_object(cue, mention, frame)

    def _claim_object(self, cue: Cue, mention: Mention | None, frame, quoted_only: bool = False) -> _Claim | None:
        """3. the cue's object as content: when it holds a quoted fragment (`described it as
        “close to zero”`), or for `object_verbs` (`called him a fraud`)."""
        doc, head = self.doc, cue.head
        objs = [c for c in head.children if (c.dep_ in _OBJECT_DEPS or _to_clause(c, head))
                and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        if any(c.i < head.i for c in objs) and any(c.i > head.i for c in objs):
            objs = [c for c in objs if c.i > head.i]
        if objs:
            start = min(c.left_edge.i for c in objs)
            end = max(c.right_edge.i for c in objs) + 1
            start, end = _trim_tokens(doc, start, end)
            if end > start:
                s, e = self.token_span_chars(start, end)
                if self._has_cue(s, e):
                    return None
                if self.quotations_in(s, e):
                    return self._content_claim(cue, mention, frame, [(s, e)], "cue_object")
                if not quoted_only and head.lemma_.lower() in self.rules.object_verbs and mention is not None:
                    return self._content_claim(cue, mention, frame, [(s, e)], "object_content")
        return None

    def _judge_source(self, noun: Token) -> str | None:
        """Can this noun be a source: a name, a pronoun, people (`voters`, `officials`), or a
        document its issuer speaks through (`a statement`, `ads`)? `one point`, `first taste`,
        `Morning Joe` cannot."""
        rules, lemma = self.rules, noun.lemma_.lower()
        if lemma in rules.noun_class or any(lemma in nouns for nouns in rules.subject_nouns.values()):
            return "document"
        if noun.pos_ == "PRON" or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or noun.lower_ in rules.people_nouns \
                or noun.pos_ == "NOUN" and noun.tag_ == "NNS" and not noun.ent_type_:
            return "speaker"
        return None

    def _subject_outside_quotation(self, cue: Cue, mention: Mention | None) -> Mention | None:
        """`“… Full panic mode,” said Leslie Wimes`: where the parse took a word of the quotation
        as a subject, the subject outside it is the source; with none, there is no source from the
        parse (`“… Donald can't,” the email read`) unless the quotation is the subject's name
        itself (`as “The Wall Street Journal” wrote`)."""
        if mention is None or mention.how != "subject":
            return mention
        qi = self.quotation_at(mention.head.idx)
        if qi is None or self.quotation_at(cue.head.idx) == qi:
            return mention
        qs, qe = self.q_outer[qi]
        other = next((c for c in cue.head.children if c.dep_ == "nsubj" and not qs <= c.idx < qe), None)
        if other is not None:
            return _with_appos(_outside_brackets(other), "subject")
        ms, me = mention.char_span
        return mention if 2 * _letters(self.text, ms, me) >= _letters(self.text, qs, qe) else None

    def _inverted_after(self, head: Token) -> int | None:
        """The quotation a cue follows with only a comma or dash between (`“…,” said X`), with
        the cue's subject after it."""
        if head.i + 1 >= len(self.doc) or self.doc[head.i + 1].is_punct or any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i for c in head.children):
            return None
        i = bisect.bisect_right(self.q_starts, head.idx) - 1
        if i < 0 or self.q_outer[i][1] > head.idx or i in self.taken:
            return None
        gap = self.text[self.q_outer[i][1]:head.idx]
        return i if _GAP_OK.match(gap) and "\n" not in gap and "." not in gap else None

    def _part_of_clause(self, head: Token, qi: int) -> bool:
        """Is quotation `qi` only a part of the cue's complement clause, which goes on past it?"""
        q = self.quotations[qi]
        qs, qe = q.start, q.end
        for c in head.children:
            if c.dep_ not in _CONTENT_DEPS:
                continue
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if lo < head.i < hi:
                hi = head.i          # a complement before the cue ends where the attribution starts
            s, e = self.token_span_chars(lo, hi)
            if s <= qs and qe <= e + 2 and _letters(self.text, s, e) - _letters(self.text, qs, qe) >= 12:
                return True
        return False

    def _holds_quotation(self, tok: Token) -> bool:
        """Does the subtree of `tok` hold a quotation (`called Trump a “pathological liar”`)?"""
        s, e = self.token_span_chars(tok.left_edge.i, tok.right_edge.i + 1)
        return bool(self.quotations_in(s, e))

    def _surface_speaker_before(self, cue: Cue) -> tuple[int, Mention] | None:
        """`“…,” Tulsa police Chief Chuck Jordan said`, when the parse does not link the name to
        the cue: a quotation closes, then only a short noun phrase stands before the cue."""
        head = cue.head
        if head.tag_ == "VBN" or any(c.dep_ in ("agent", "nsubjpass") for c in head.children):
            return None          # `…, Wallace told by the Kremlin`: the name before is the hearer
        i = bisect.bisect_right(self.q_starts, head.idx) - 1
        if i < 0 or self.q_outer[i][1] > head.idx:
            return None
        qe = self.q_outer[i][1]
        gap = self.text[qe:head.idx]
        if "\n" in gap or "." in gap or len(gap) > 80:
            return None
        toks = [t for t in self._tokens_between(qe, head.idx) if not t.is_space]
        words = [t for t in toks if not t.is_punct]
        if not 1 <= len(words) <= 8 or any(t.text not in (",", "-", "(", ")") for t in toks if t.is_punct):
            return None
        people = [t for t in words if t.ent_type_ == "PERSON"]
        if not people and not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") for t in words):
            return None
        if people:
            root = people[-1]
            ent_start, ent_end = entity_bounds(root)
            return i, Mention(root, max(ent_start, words[0].i), ent_end, how="subject")
        return i, Mention(words[-1], words[0].i, words[-1].i + 1, how="subject")

    def _surface_subject_before(self, cue: Cue) -> Mention | None:
        """`... the editorial board of the Washington Post Trump said that ...`: a person named
        right before the cue (adverbs between) when the parse gave the cue no subject."""
        doc = self.doc
        i = cue.head.i - 1
        while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and cue.head.i - i <= 3:
            i -= 1
        if i < 0 or doc[i].sent.start != cue.head.sent.start:
            return None
        if doc[i].ent_type_ != "PERSON":
            # a surname the recognizer took for a body, or ran into one (`… of the Washington
            # Post Trump said`): the surname alone
            if doc[i].pos_ != "PROPN" or entity_bounds(doc[i])[1] != i + 1 or self.resolver.person_named(doc[i:i + 1]) is None:
                return None
            return _within_line(Mention(doc[i], i, i + 1, how="subject"))
        ent_start, ent_end = entity_bounds(doc[i])
        return _within_line(Mention(doc[ent_end - 1], ent_start, ent_end, how="subject"))

    def _surface_speaker_after(self, cue: Cue) -> Mention | None:
        """`“…,” added another New Hampshire Democrat`: the noun phrase right after the cue,
        when the parse gave the cue no subject."""
        doc = self.doc
        end = cue.head.i + 1
        sent_end = cue.head.sent.end
        while end < sent_end and end - cue.head.i <= 6 and not doc[end].is_punct and (
                doc[end].pos_ not in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") or doc[end].dep_ == "amod"):
            end += 1
        words = doc[cue.head.i + 1:end]
        if not len(words) or self.quotation_at(words[0].idx) is not None:
            return None
        people = [t for t in words if t.ent_type_ == "PERSON"]
        nouns = [t for t in words if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ or t.text[:1].isupper()]
        if not nouns or words[-1] not in nouns and not people:
            return None
        if people:
            # the name, not the description before it (`retired neurosurgeon Ben Carson`)
            root = people[-1]
            ent_start, ent_end = entity_bounds(root)
            return _within_line(Mention(root, max(words.start, name_start(doc, ent_start)), min(words.end, ent_end), how="subject"))
        return _within_line(Mention(nouns[-1], words.start, words.end, how="subject"))

    def _cut_nested_reports(self, comps: list[Token], start: int, end: int) -> int:
        """End the content before a trailing adverbial or coordinated clause that holds a cue of
        its own (`…, pointing to X and saying Y`, `… as he warns of Z`): that is another report."""
        doc = self.doc
        verbs = self.rules.verb_class
        for comp in comps:
            for tok in comp.subtree:
                if tok.dep_ in ("advcl", "conj") and tok.i > comp.i and start < tok.left_edge.i < end:
                    if any(t.lemma_.lower() in verbs and t.pos_ == "VERB" for t in tok.subtree):
                        end = min(end, tok.left_edge.i)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc" or doc[end - 1].is_space):
            end -= 1
        return end

    def _content_claim(self, cue, mention, frame, spans: list[tuple[int, int]], rule) -> _Claim | None:
        text = self.text
        spans = [self._with_own_marks(s, e) for s, e in spans]
        inside = sorted({i for s, e in spans for i in self.quotations_in(s, e)})
        total = sum(_letters(text, s, e) for s, e in spans)
        if not total:
            return None
        if inside:
            quoted = sum(_letters(text, max(s, a), min(e, b)) for s, e in spans for i in inside for a, b in self.quotations[i].spans)
            if len(inside) == 1 and total - quoted < 4:
                qi = inside[0]
                return _Claim(cue, mention, list(self.quotations[qi].spans), [qi], "direct", rule, frame, direct_idx=qi)
            return _Claim(cue, mention, spans, inside, "mixed", rule, frame)
        if rule == "cue_object":
            return None
        if total < 8 or sum(len(text[s:e].split()) for s, e in spans) < 3:
            return None
        return _Claim(cue, mention, spans, [], "indirect", rule, frame)

    def _with_own_marks(self, s: int, e: int) -> tuple[int, int]:
        """Widen a content span over the marks of a quotation it starts or ends in: `they were
        “above zero”.` keeps its closing mark."""
        for i in self.quotations_in(s, e):
            qs, qe = self.q_outer[i]
            if qe > e and self.quotations[i].end <= e + 1:
                e = qe
            if qs < s and self.quotations[i].start >= s - 1:
                s = qs
        return s, e

    def _claim_parenthetical(self, cue: Cue, mention: Mention | None, frame) -> _Claim | None:
        """`Trump, Sexton said, has created a “…”`: the attribution stands inside the clause it
        reports; the content is that clause on both sides of it."""
        doc, head = self.doc, cue.head
        main, sent = head.head, head.sent
        lo, hi = max(main.left_edge.i, sent.start), min(main.right_edge.i + 1, sent.end)
        # the attribution is the cue with its subject and what follows it; a clause the parse
        # hung on the cue before its subject (`Putting the show together, Butz said, …`) is content
        subjects = [c for c in head.lefts if c.dep_ in ("nsubj", "nsubjpass")]
        cut_lo = min([c.left_edge.i for c in subjects] + [head.i])
        cut_hi = head.right_edge.i + 1
        if not lo < cut_lo or not cut_hi < hi:
            return None
        left = _trim_tokens(doc, lo, cut_lo)
        right = _trim_tokens(doc, cut_hi, hi)
        parts = [self.token_span_chars(a, b) for a, b in (left, right) if b > a]
        if len(parts) < 2 or _letters(self.text, *parts[1]) < 8:
            return None
        return self._content_claim(cue, mention, frame, parts, "parenthetical")

    def _claim_trailing(self, cue: Cue) -> _Claim | None:
        """`CONTENT, UK defence secretary says`: the cue ends its sentence, a short noun phrase
        stands between it and a comma, and the content is all before the comma."""
        if not self.rules.enabled("trailing_cue"):
            return None
        doc, head = self.doc, cue.head
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
        start, end = _trim_tokens(doc, sent.start, comma)
        s, e = self.token_span_chars(start, end)
        frame = (doc[comma + 1].idx, head.idx + len(head.text))
        return self._content_claim(cue, mention, frame, [(s, e)], "trailing_cue")

    def _headline_claims(self) -> list[_Claim]:
        """`Graham: Trump’s rhetoric destroying GOP’s chance`: a title line whose first words,
        before a colon, name the source, and the rest of the line is what it said."""
        doc, text = self.doc, self.text
        out = []
        for para in self.paras[:1]:
            line = text[para.start:para.end]
            colon = line.find(":")
            if colon <= 0 or len(line.split()) > 30:
                continue
            span = doc.char_span(para.start, para.start + colon, alignment_mode="expand")
            if span is None or not 1 <= len(span) <= 5 or any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            ents = [e for e in self.ents if span.start <= e.start and e.end <= span.end and e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
            if ents:
                root = ents[0].root
            elif len(span) <= 3 and all(t.text[:1].isupper() for t in span) and self._names_person(span):
                root = span[-1]      # `Trump: …` in a title-case headline the recognizer read as a word
            else:
                continue
            colon_tok = doc[span.end] if span.end < len(doc) else None
            if colon_tok is None or colon_tok.text != ":":
                continue
            start, end = _trim_tokens(doc, span.end + 1, doc.char_span(para.start, para.end, alignment_mode="expand").end)
            if end - start < 3:
                continue
            s, e = self.token_span_chars(start, end)
            cue = Cue(colon_tok, [colon_tok], "speech", "speech", "colon")
            mention = Mention(root, span.start, span.end, how="label")
            claim = self._content_claim(cue, mention, (para.start, colon_tok.idx + 1), [(s, e)], "headline_colon")
            if claim is not None:
                out.append(claim)
        return out

    _LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t\u00a0]+")

    def _transcript_claims(self) -> list[_Claim]:
        """`PENCE: Well, look, …`, `JAKE TAPPER: …`: a transcript line, opened by the speaker's
        name in capitals and a colon; the name must be a person the article names (so that
        `UPDATE:`, `CORRECTION:` or `EXCLUSIVE:` are not speakers)."""
        doc, text = self.doc, self.text
        out = []
        for para in self.paras[1:]:
            m = self._LABEL.match(text, para.start, para.end)
            if m is None:
                continue
            label = doc.char_span(*m.span(1), alignment_mode="expand")
            s, e = m.end(), para.end
            while e > s and (text[e - 1].isspace() or text[e - 1] in "\"”"):
                e -= 1
            if label is None or len(text[s:e].split()) < 3 or not self._names_person(label, any_case=True):
                continue
            colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
            cue = Cue(colon[0], [colon[0]], "speech", "speech", "colon")
            mention = Mention(label[-1], label.start, label.end, how="label")
            out.append(_Claim(cue, mention, [(s, e)], self.quotations_in(s, e), "direct", "transcript_label",
                              (label.start_char, m.end(1) + 1), verbatim=True))
        return out

    def _names_person(self, span, any_case: bool = False) -> bool:
        """Are these words (a surname, a full name) a person the article names elsewhere?"""
        words, _, _ = self.resolver.clean_name(list(span))
        if not words:
            return False
        if any_case:
            low = [w.lower() for w in words]
            return any([w.lower() for w in n[-len(low):]] == low for n in self.resolver.names)
        return words in self.resolver.names or self.resolver.full_name(words, span.start) != words

    def _claim_according(self, cue, mention, frame) -> _Claim | None:
        doc = self.doc
        sent = cue.head.sent
        phrase_start = cue.head.i
        phrase_end = max(cue.head.right_edge.i, cue.tokens[1].right_edge.i) + 1
        named = self._according_apposition(mention, phrase_end)
        if named is not None:
            # `According to the city engineer, Maria Lopez, construction …`: the parse took the
            # name for the subject of what follows; it is the source's apposition
            mention.appos, phrase_end = named, named.end + 1
            frame = (frame[0], max(frame[1], doc[named.end].idx + 1))
        before = (sent.start, phrase_start)
        after = (phrase_end, sent.end)
        best = max((before, after), key=lambda r: r[1] - r[0])
        start, end = _trim_tokens(doc, *best)
        if end - start < 3:
            return None
        s, e = self.token_span_chars(start, end)
        return self._content_claim(cue, mention, frame, [(s, e)], "according_to")

    def _according_apposition(self, mention: Mention | None, after: int) -> Mention | None:
        """A person's name set off by commas right after an `according to` phrase."""
        doc = self.doc
        if mention is None or mention.appos is not None or after + 2 >= len(doc) or doc[after - 1].i != mention.end - 1:
            return None
        if doc[after].text != "," or doc[after + 1].ent_type_ != "PERSON" or doc[after + 1].ent_iob_ != "B":
            return None
        start, end = entity_bounds(doc[after + 1])
        if end >= len(doc) or doc[end].text != ",":
            return None
        return Mention(doc[end - 1], start, end, how="according_to")

    def _claim_noun(self, cue, mention, frame) -> _Claim | None:
        if mention is None:
            return None
        comps = [c for c in cue.head.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
            g.lower_ == "that" and g.dep_ == "mark" for g in c.children)]
        if not comps:
            return None
        c = comps[0]
        start, end = _trim_tokens(self.doc, c.left_edge.i, c.right_edge.i + 1)
        if end <= start:
            return None
        s, e = self.token_span_chars(start, end)
        return self._content_claim(cue, mention, frame, [(s, e)], "noun_cue")

    # -- step 2: order, resolve, and attribute the quotations left ---------------------------
    def run(self) -> list[Quote]:
        rules = self.rules
        claims: list[_Claim] = []
        taken = self.taken
        transcript = self._transcript_claims() if rules.enabled("transcript_label") else []
        spoken = [c.spans[0] for c in transcript]
        for cue in self.cues:
            if self.quotation_at(cue.head.idx) is not None or any(s <= cue.head.idx < e for s, e in spoken):
                continue              # a cue inside a quotation is the quoted person's own words
            if cue.kind == "belief" and "belief" not in rules.class_kind:
                continue
            c = self.claim(cue)
            if c is None or not rules.enabled(c.rule):
                continue
            if c.direct_idx is not None and c.direct_idx in taken:
                continue
            claims.append(c)
            if c.direct_idx is not None:
                taken.add(c.direct_idx)
        if rules.enabled("headline_colon"):
            claims.extend(c for c in self._headline_claims() if not any(
                o.start <= c.start < o.spans[-1][1] for o in claims))
        claims = self._drop_nested(claims) + transcript
        for c in claims:
            taken.update(c.quotations)

        events: list[tuple[int, int, object]] = [(c.start, 0, c) for c in claims]
        events += [(q.start, 1, i) for i, q in enumerate(self.quotations) if i not in taken]
        events.sort(key=lambda ev: (ev[0], ev[1]))
        out: list[_Emitted] = []
        frames = [c.frame for c in claims]
        for _, typ, item in events:
            if typ == 0:
                out.append(self._emit_claim(item))
            else:
                self._place_quotation(item, out, frames)
        return [e.quote for e in sorted(out, key=lambda e: e.quote.spans[0][0])]

    def _drop_nested(self, claims: list[_Claim]) -> list[_Claim]:
        """A report inside another report's content is part of it, not a new one: `Trump said that
        Clinton once described the deal as “the gold standard”` is Trump's claim, not a quote of
        Clinton's. A noun cue's content inside another cue's content likewise; two cues claiming
        the same content keep the first (`said he told`)."""
        keep = []
        for c in claims:
            nested = False
            for o in claims:
                if o is c:
                    continue
                if c.cue.form == "noun" and o.cue.form != "noun" and o.spans[0][0] <= c.spans[0][0] and c.spans[-1][1] <= o.spans[-1][1]:
                    nested = True
                if c.direct_idx is None and o.spans == c.spans and o.cue.head.i < c.cue.head.i:
                    nested = True
                if o.kind != "direct" and any(s <= c.cue.head.idx < e for s, e in o.spans):
                    nested = True
            if not nested:
                keep.append(c)
        return keep

    def _speaker_for(self, mention: Mention | None, cue_head: Token | None) -> Speaker:
        if mention is None:
            return Speaker(None, None)
        if mention.end - mention.start == 1 and self.quotation_at(mention.head.idx) is None:
            author = self.resolver.author_of(mention.head)
            if author is not None:
                return author          # `I` outside quotation marks: the op-ed's author
        return self.resolver.resolve(mention, cue_head)

    def _emit_claim(self, c: _Claim) -> _Emitted:
        sp = self._speaker_for(c.mention, c.cue.head)
        rule = self.rules.rule(c.rule)
        conf = rule.confidence
        if sp.name is None:
            conf *= 0.6
        if c.direct_idx is not None and self.quotations[c.direct_idx].unclosed:
            conf *= 0.8
        quoted = list(c.spans) if c.verbatim else [sp_ for i in c.quotations for sp_ in self.quotations[i].spans]
        kind = "belief" if c.cue.kind == "belief" else c.kind
        q = self._quote(c.spans, kind, sp, c.mention, c.cue, conf, c.rule, quoted)
        self.resolver.note_speaker(sp, c.spans[-1][1])
        last = c.direct_idx if c.direct_idx is not None else (max(c.quotations) if c.quotations else None)
        return _Emitted(q, self.para_of(c.start), last, max(c.frame[1], c.spans[-1][1]), sp)

    def _quote(self, spans, kind, sp: Speaker, mention: Mention | None, cue: Cue | None, conf, rule, quoted) -> Quote:
        text = self.text
        doc = self.doc
        lo = min([spans[0][0]] + ([cue.head.idx] if cue else []))
        hi = max([spans[-1][1]] + ([cue.head.idx + len(cue.head.text)] if cue else []))
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None and len(span):
            ctx = (span[0].sent.start_char, span[-1].sent.end_char)
        else:
            ctx = (lo, hi)
        return Quote(
            text=" … ".join(text[s:e] for s, e in spans),
            spans=spans,
            kind=kind,
            speaker=sp.name,
            speaker_spans=_mention_spans(mention),
            speaker_role=sp.role,
            speaker_is_person=sp.is_person if sp.name else None,
            cue=cue.text() if cue else None,
            cue_spans=cue.spans if cue else [],
            cue_class=cue.cls if cue else None,
            quoted_spans=quoted,
            context_span=ctx,
            confidence=round(conf, 3),
            rule=rule,
        )

    def _place_quotation(self, qi: int, out: list[_Emitted], frames: list[tuple[int, int]]) -> None:
        text = self.text
        q = self.quotations[qi]
        para = self.para_of(q.start)
        # scare quotes inside an attribution (`said following the “frank” talks`) are not quotes
        if any(fs <= q.outer_start and q.outer_end <= fe for fs, fe in frames):
            return
        prev = out[-1] if out else None
        # `“X,” he said, “Y.”`, `“X,” Wallace said. “Y.”`, `“X,'' said Y, who ... ''Z''`: the quote
        # goes on after its attribution, in the same paragraph, until another cue; a quotation
        # of a few words inside the rest of the attribution sentence is a scare quote
        if prev is not None and prev.quote.kind == "direct" and prev.paragraph == para and prev.last_quotation is not None:
            gap = text[prev.frame_end:q.outer_start]
            sent_end = self._sentence_end(prev.frame_end)
            in_attribution = q.start < sent_end and not _GAP_OK.match(gap)   # (an opening mark may end the sentence before)
            if in_attribution and q.n_words(text) <= self.max_words:
                return
            if (in_attribution or _GAP_OK.match(gap) or not text[sent_end:q.outer_start].strip()) \
                    and all(self.quotations[i].n_words(text) <= self.max_words for i in self.quotations_in(prev.frame_end, q.outer_start)) \
                    and not self._has_cue(prev.frame_end, q.outer_start):
                self._extend(prev, q, qi)
                return
        # a pull quote or a tweet signed after a dash: `“…” ― Sonya Herridge`
        sp, mention = self._dash_source(q)
        if sp is not None and self.rules.enabled("dash_source"):
            quote = self._quote(list(q.spans), "direct", sp, mention, None, self.rules.rule("dash_source").confidence, "dash_source", list(q.spans))
            self.resolver.note_speaker(sp, q.end)
            out.append(_Emitted(quote, para, qi, q.outer_end, sp))
            return
        # a colon introduction: `Kozak was blunt: “…”`
        before = text[:q.outer_start].rstrip()
        if before.endswith(":") and self.rules.enabled("colon_intro"):
            colon = len(before) - 1
            sp, mention = self._colon_speaker(colon)
            if sp is not None and sp.name:
                quote = self._quote(list(q.spans), "direct", sp, mention, None, self.rules.rule("colon_intro").confidence, "colon_intro", list(q.spans))
                self.resolver.note_speaker(sp, q.end)
                out.append(_Emitted(quote, para, qi, q.outer_end, sp))
                return
        # continuation of the quote before (same paragraph, or a paragraph of only quotation): it
        # goes on that quote as a further span, as annotators and readers take it
        if prev is not None and prev.speaker is not None and prev.speaker.name and self.rules.enabled("continuation") and (q.n_words(text) > self.max_words or self._sentence_like(q)):
            if prev.paragraph == para or (para - prev.paragraph == 1 and self._only_quotation(para)):
                if prev.quote.kind == "indirect":
                    prev.quote.kind = "mixed"
                self._extend(prev, q, qi)
                return
        # a few words with no speaker: a title or a scare quote
        if q.n_words(text) <= self.max_words or not self.rules.enabled("unattributed"):
            return
        first = text[q.start:q.start + 1]
        if not (first.isupper() or first.isdigit()):
            return
        rule = self.rules.rule("unattributed")
        quote = self._quote(list(q.spans), "direct", Speaker(None, None), None, None, rule.confidence, "unattributed", list(q.spans))
        out.append(_Emitted(quote, para, qi, q.outer_end, None))

    _DASH = re.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(?=[A-Z])")

    def _dash_source(self, q: Quotation) -> tuple[Speaker | None, Mention | None]:
        """The name after a dash that signs a quotation, up to the end of its line or a bracket."""
        m = self._DASH.match(self.text, q.outer_end)
        if m is None:
            return None, None
        line_end = self.text.find("\n", m.end())
        line_end = len(self.text) if line_end < 0 else line_end
        span = self.doc.char_span(m.end(), line_end, alignment_mode="expand")
        if span is None or not len(span):
            return None, None
        people = [e for e in self.ents if e.label_ in ("PERSON", "ORG") and span.start <= e.start < span.start + 2]
        if people:
            mention = _within_line(Mention(people[0].root, people[0].start, people[0].end, how="signature"))
        else:
            # a signature the recognizer missed: two to four capitalised names
            end = span.start
            while end < span.end and end - span.start < 4 and self.doc[end].pos_ == "PROPN" and self.doc[end].text[:1].isupper():
                end += 1
            if end - span.start < 2:
                return None, None
            mention = _within_line(Mention(self.doc[end - 1], span.start, end, how="signature"))
        sp = self.resolver.resolve(mention, None)
        return (sp, mention) if sp.name else (None, None)

    def _sentence_like(self, q: Quotation) -> bool:
        """Starts like a sentence; with `strict`, also ends like one (`“Nobody wants a war.”`)."""
        first = self.text[q.start:q.start + 1]
        return (first.isupper() or first.isdigit()) and self.text[q.end - 1:q.end] in ".?!…"

    def _extend(self, prev: _Emitted, q: Quotation, qi: int) -> None:
        quote = prev.quote
        quote.spans = [*quote.spans, *q.spans]
        quote.quoted_spans = [*quote.quoted_spans, *q.spans]
        quote.text = " … ".join(self.text[s:e] for s, e in quote.spans)
        if quote.context_span is not None:
            end_span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            end = end_span[-1].sent.end_char if end_span is not None and len(end_span) else q.end
            quote.context_span = (quote.context_span[0], max(quote.context_span[1], end))
        prev.last_quotation = qi
        prev.frame_end = q.outer_end
        self.resolver.note_speaker(prev.speaker, q.end) if prev.speaker else None

    def _tokens_between(self, s: int, e: int):
        """The tokens starting in [s, e)."""
        return self.doc[bisect.bisect_left(self.tok_starts, s):bisect.bisect_left(self.tok_starts, e)]

    def _has_cue(self, s: int, e: int) -> bool:
        """Is there a cue verb starting in [s, e)?"""
        i = bisect.bisect_left(self.cue_verb_starts, s)
        return i < len(self.cue_verb_starts) and self.cue_verb_starts[i] < e

    def _sentence_end(self, char: int) -> int:
        span = self.doc.char_span(max(0, char - 1), char, alignment_mode="expand")
        if span is None or not len(span):
            return char
        return span[-1].sent.end_char

    def _only_quotation(self, para: int) -> bool:
        p = self.paras[para]
        rest = list(self.text[p.start:p.end])
        for qs, qe in self.q_outer:
            for i in range(max(qs, p.start), min(qe, p.end)):
                rest[i - p.start] = " "
        return not _LETTER.search("".join(rest))

    def _colon_speaker(self, colon: int) -> tuple[Speaker | None, Mention | None]:
        span = self.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None, None
        sent = span[0].sent
        lead = self.doc[sent.start:span[0].i]
        if 0 < len(lead) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in lead):
            # `Name: “…”`, `Name, 34, of Tulsa: “…”`: a name standing alone before the colon
            people = [e for e in self.ents if e.label_ == "PERSON" and lead.start <= e.start and e.end <= lead.end]
            if people:
                mention = _with_appos(people[0].root, "label")
                return self.resolver.resolve(mention, None), mention
            return None, None
        colon_tok = span[0]
        if colon_tok.i == sent.start:
            return None, None
        root = self.doc[colon_tok.i - 1]
        while root.head.i != root.i and sent.start <= root.head.i < colon_tok.i:
            root = root.head
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.i > colon_tok.i:
            return None, None
        mention = _with_appos(subj, "subject")
        sp = self.resolver.resolve(mention, root)
        if sp.name is None:
            return None, None
        if not sp.is_person and not (subj.ent_type_ in ("ORG", "PERSON") or subj.lower_ in self.rules.people_nouns or subj.pos_ == "PRON"):
            return None, None
        return sp, mention


def _that_clause(tok: Token, cue_head: Token) -> bool:
    """`tweeted in the early hours that Machado was …`: a that-clause the parse hung on the cue
    as an adverbial clause is its complement."""
    return tok.dep_ == "advcl" and tok.i > cue_head.i and tok.left_edge.lower_ == "that"


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


def _mention_spans(mention: Mention | None) -> list[tuple[int, int]]:
    """The speaker mention attached to the cue, and its apposition where there is one."""
    if mention is None:
        return []
    spans = [mention.char_span]
    if mention.appos is not None:
        spans.append(mention.appos.char_span)
    return sorted(spans)
