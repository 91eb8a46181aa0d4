"""What a pronoun source stands for: rules of agreement and salience, no coreference model.

`he`/`she` go to a person of that gender (from an honorific, or the usual gender of the given
name: rules/names.toml) who is, in order: the subject of the governing clause; a person who
became a main-clause subject (or opened a sentence) since the running speaker's last words, in
this or the two sentences before, by name or by a role that names them (`The president's …`) —
but the article's principal named in the sentence just before beats one two sentences back; the
running speaker; the nearest person named before. Names are read with their honorific (`Mrs.
Clinton`). `it`
and `they` go to a body, document or group that is the subject of this or the sentence before
(`The city sent a letter. It says …`), else to the running speaker when that is one; `it` (and
`its`) else to the body or document last quoted within three sentences, past people quoted since
(rule `quoted_thing_before`). Names in page furniture (credits, bylines) are never candidates.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from . import rule_names as R
from .index import DocIndex
from .names import ArticleNames
from .speaker import RunningSpeaker, Speaker, alone


class PronounResolver:
    """Resolves pronoun sources over one Doc's names (`ArticleNames`) and quotations (`DocIndex`),
    given the running speaker and a way to resolve a clause's subject (`subject`: a token to the
    speaker it names)."""

    def __init__(self, names: ArticleNames, ix: DocIndex, running: RunningSpeaker, subject: Callable[[Token], Speaker]):
        self.names = names
        self.ix = ix
        self.doc = names.doc
        self.rules = names.rules
        self.running = running
        self.subject = subject
        self._describing = False     # inside `_described` (a description may resolve through a pronoun)

    def _quoted(self, i: int) -> bool:
        """Is token `i` inside quotation marks? A name there is someone's words (`“Give the file
        to Omar,” she said`), never what a pronoun outside them stands for. (Not an unclosed
        quotation, which may be a stray mark.)"""
        qi = self.ix.quotation_at(self.doc[i].idx)
        return qi is not None and not self.ix.quotations[qi].unclosed

    def resolve(self, tok: Token, pron: dict, cue_head: Token | None) -> Speaker:
        """The speaker pronoun `tok` (its pronouns.toml entry `pron`) stands for as the source
        of the cue headed by `cue_head`; a nameless `Speaker` when none fits."""
        gender = pron.get("gender")
        number = pron.get("number")
        if pron.get("first_person"):
            return Speaker(None, None)
        if gender == "neuter" or number == "plural":
            thing = self._thing_antecedent(tok, plural=number == "plural")
            if thing is not None:
                return thing
            if gender == "neuter":
                return Speaker(None, None)

        def fits(sp: Speaker | None) -> bool:
            if number != "plural":
                sp = alone(sp)        # (`he` after `Trump and Clinton met`: the first, as ever)
            if sp is None or not sp.name:
                return False
            if number == "plural":
                return sp.plural or not sp.is_person
            if not sp.is_person:
                return False
            g = sp.gender or self.names.gender_of(sp.name)
            return g is None or gender is None or g == gender

        # 1. the subject of the governing clause, when it is a person before the pronoun
        node = cue_head if cue_head is not None else tok.head
        seen = 0
        while node is not None and node.head.i != node.i and seen < 8:
            node = node.head
            seen += 1
            for c in node.children:
                if c.dep_ == "nsubj" and c.i < tok.i and c.i != tok.i:
                    if c.pos_ == "PRON" or self._quoted(c.i):
                        continue
                    sp = self.subject(c)
                    if fits(sp):
                        return self._pronoun_hit(sp, gender, number == "plural")
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        back2 = self.doc[prev_start - 1].sent.start if prev_start > 0 else prev_start
        back2 = self._back_through_same_pronoun(tok, back2)
        # 2a. a person first named, with a role set off after the name, in the sentence just before
        # a sentence that opens with a quotation, where no person became a subject (`… that
        # concerns Henry Crespo, president of the caucus. / “No one is writing songs for her,” he
        # said`): the one just introduced speaks, not whoever spoke before
        intro = self._introduced(tok, prev_start, sent_start) if self.rules.enabled(R.INTRODUCED_PERSON) else None
        if intro is not None and fits(intro):
            return self._pronoun_hit(intro, gender, number == "plural")
        # 2. a person who became the subject (or its owner: `Mr. Obama's bet is …`; or opens the
        # sentence, whatever the parse made of it) since the running speaker's last words, in
        # this or the two sentences before (`Ham made it clear he had misgivings … “…,” he told`)
        described = self._described(back2, tok.i) if self.rules.enabled(R.DESCRIBED_SUBJECT) else []
        for i, words in sorted([*self.names.person_starts, *described], key=lambda c: c[0], reverse=True):
            if i >= tok.i or self._quoted(i):
                continue
            if i < back2 or self.doc[i].idx <= self.running.char:
                break
            if isinstance(words, Speaker):       # `The president's Pacific roots …`: the president
                if self._reporter(i, fits) is None and fits(words):
                    return self._pronoun_hit(words, gender)
                continue
            if self._salient_at(i, len(words)) and self._reporter(i, fits) is None:
                name = " ".join(self.names.person_at(i, words))
                sp = Speaker(name, True, self.names.role_of(name), self.names.gender_of(name))
                if fits(sp):
                    # (`“…,” Mr. Podesta said. But Mrs. Clinton will face the fire Mr. Obama has. He
                    # noted …` in an article on Obama: the principal named in the sentence between)
                    principal = self._principal_before(tok, prev_start) if i < prev_start and self.rules.enabled(
                        R.PRINCIPAL_BEFORE_RUNNING) else None
                    if principal is not None and fits(principal):
                        return self._pronoun_hit(principal, gender)
                    return self._pronoun_hit(sp, gender, number == "plural")
        # 2b. the article's principal, named in the sentence before since the running speaker's words
        principal = self._principal_before(tok, prev_start) if self.rules.enabled(R.PRINCIPAL_BEFORE_RUNNING) else None
        if principal is not None and fits(principal) and self.running.speaker is not None \
                and principal.name != self.running.speaker.name:
            return self._pronoun_hit(principal, gender)
        # 3. the running speaker, if recent
        if fits(self.running.speaker) and tok.idx - self.running.char < 1500:
            return self._pronoun_hit(self.running.speaker, gender, number == "plural")
        # 4. the nearest person named before, preferring subjects in this or the previous sentence
        best = None
        for i, words in reversed(self.names.person_starts):
            if i >= tok.i or self._quoted(i):
                continue
            reporter = self._reporter(i, fits)
            if reporter is not None:
                sp = reporter        # `Miller told the Post that Trump's policy …`: Miller
            else:
                name = " ".join(self.names.person_at(i, words))
                sp = Speaker(name, True, self.names.role_of(name), self.names.gender_of(name))
            if not fits(sp):
                continue
            if i >= prev_start and any(x.dep_ == "nsubj" for x in self.doc[i:i + len(words) + 1]):
                return self._pronoun_hit(sp, gender, number == "plural")
            if best is None:
                best = sp
        if best is not None and number != "plural":
            return self._pronoun_hit(best, gender, number == "plural")
        return Speaker(None, None)

    def _principal_before(self, tok: Token, prev_start: int) -> Speaker | None:
        """The article's principal (`ArticleNames.principal`) when named, outside quotation marks,
        in the sentence before the pronoun's and after the running speaker's last words, unless
        the same pronoun is a main-clause subject there (`this time he spoke of his friendship
        with Mr. Trump …. It is time …, he said`: the same he)."""
        name = self.names.principal
        if name is None or any(t.lower_ == tok.lower_ and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj")
                               and not self._quoted(t.i) for t in self.doc[prev_start:tok.sent.start]):
            return None
        words = tuple(name.split())
        for i, w in self.names.person_starts:
            if prev_start <= i < tok.sent.start and self.doc[i].idx > self.running.char and not self._quoted(i) \
                    and self.names.person_at(i, w) == words:
                return Speaker(name, True, self.names.role_of(name), self.names.gender_of(name))
        return None

    def _described(self, start: int, end: int) -> list[tuple[int, Speaker]]:
        """The main-clause subjects (or their owners) between tokens `start` and `end` that call a
        person the article names by a role alone (`The president's Pacific roots …`, `the senator
        said`), with that person (rule `described_subject`). A description resolved through a
        pronoun (an epithet) is not looked at again from inside it."""
        if self._describing:
            return []
        people = self.rules.title_words | self.rules.people_nouns
        out = []
        self._describing = True
        try:
            for t in self.doc[start:end]:
                if t.pos_ != "NOUN" or t.tag_ != "NN" or t.lower_ not in people or self._quoted(t.i) or not self._salient_at(t.i, 1):
                    continue
                sp = self.subject(t)
                if sp.name and sp.is_person and tuple(sp.name.split()) in self.names.names:
                    full = " ".join(self.names.full_name(tuple(sp.name.split()), t.i, sp.gender))
                    out.append((t.i, Speaker(full, True, sp.role, sp.gender or self.names.gender_of(full))))
        finally:
            self._describing = False
        return out

    def _introduced(self, tok: Token, prev_start: int, sent_start: int) -> Speaker | None:
        """The person whose name first appears in the article in the sentence before the
        pronoun's (after the running speaker's last words), followed by a comma and a role, when
        the pronoun's own sentence opens with a quotation and no person is a subject of the
        sentence before; the nearest such, or None."""
        doc = self.doc
        # the sentence the quotation the pronoun signs opens (the parse may split a long quotation)
        close = next((t for t in reversed(doc[max(sent_start, tok.i - 3):tok.i]) if t.is_quote), None)
        qi = self.ix.quotation_at(close.idx) if close is not None else None
        if qi is not None:
            opening = self.ix.tokens_between(self.ix.quotations[qi].outer_start, close.idx + 1)
            if len(opening):
                sent_start = opening[0].sent.start
                prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        if prev_start >= sent_start or not any(t.is_quote for t in doc[sent_start:min(sent_start + 2, tok.i)]):
            return None
        seen: set[str] = set()
        found = None
        for i, words in self.names.person_starts:
            if i >= sent_start:
                break
            name = " ".join(self.names.person_at(i, words))
            first = name not in seen
            seen.add(name)
            if i < prev_start or self._quoted(i):
                continue
            if self._salient_at(i, len(words)):
                return None            # `Mayor Dunn praised Crespo, …`: the subject, as step 2 says
            if not first or doc[i].idx <= self.running.char:
                continue
            after = doc[min(i + len(words), len(doc) - 1)]
            if after.text == "," and after.i + 1 < sent_start and doc[after.i + 1].pos_ in ("DET", "NOUN", "ADJ", "PROPN"):
                found = Speaker(name, True, self.names.role_of(name), self.names.gender_of(name))
        return found

    def _reporter(self, i: int, fits: Callable[[Speaker | None], bool]) -> Speaker | None:
        """The one who reported the clause the name at token `i` is inside (`Miller told the Post
        that Trump's policy would …`: Miller, the subject of the verb the clause hangs on), when
        the pronoun fits them: a pronoun goes back to the reporter, never to a name in what was
        reported (rule `reported_clause_name`). Else None."""
        if not self.rules.enabled(R.REPORTED_CLAUSE_NAME):
            return None
        node, steps = self.doc[i], 0
        while node.head.i != node.i and steps < 8:
            if node.dep_ == "ccomp":
                subj = next((c for c in node.head.children if c.dep_ == "nsubj" and c.i < i), None)
                if subj is None or subj.pos_ == "PRON" or self._quoted(subj.i):
                    return None
                sp = self.subject(subj)
                return sp if fits(sp) else None
            node, steps = node.head, steps + 1
        return None

    def _back_through_same_pronoun(self, tok: Token, start: int) -> int:
        """Further back while the earliest sentence looked at has the same pronoun as its main
        subject (`Mr. Clarke hopes … But right now, he is offsetting … “…,” he said`): the one
        before it may name them."""
        sent = self.doc[start].sent
        for _ in range(3):
            if sent.start == 0 or not any(t.lower_ == tok.lower_ and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" for t in sent):
                break
            sent = self.doc[sent.start - 1].sent
        return sent.start

    def _salient_at(self, i: int, n: int) -> bool:
        """Is the name at token `i` (`n` words) a main-clause subject, its owner, or the opening
        of a sentence (after its honorific or title) that goes on with a verb?"""
        doc = self.doc
        after = doc[min(i + n, len(doc) - 1)]
        first = i      # `Ms. LaBelle got …`: the sentence opens with the name's honorific or title
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i >= i and (
                doc[first - 1].lower_ in self.rules.honorifics or doc[first - 1].lower_ in self.rules.title_words):
            first -= 1
        if doc[first].is_sent_start and after.pos_ in ("VERB", "AUX", "NOUN"):
            return True
        return any(x.dep_ in ("nsubj", "nsubjpass") and x.head.dep_ == "ROOT" or x.dep_ == "poss" and x.head.dep_ == "nsubj"
                   and x.head.head.dep_ == "ROOT" for x in doc[i:i + n + 1])

    def _thing_antecedent(self, tok: Token, plural: bool) -> Speaker | None:
        """`The city sent a letter. It says …`, `The report … It also points out`, `Several
        groups sued. They say …`: `it` or `they` as a source stands for the subject of this or
        the sentence before when that is a body, a document or a group (not a named person) of
        the same number (a chain of `they` is followed back); else for the running speaker when
        that is one."""
        sents = [tok.sent]
        while len(sents) < 4 and sents[-1].start > 0:
            sents.append(self.doc[sents[-1].start - 1].sent)
        for n, s in enumerate(sents):
            # the main clause's subject, or a coordinated clause's nearer one
            verbs = [s.root, *(c for c in s.root.children if c.dep_ == "conj")]
            subjs = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
                     and not (n == 0 and self._in_interrupted_clause(c, tok))]
            if not subjs:
                continue
            subj = max(subjs, key=lambda c: c.i)
            if subj.pos_ == "PRON":
                if subj.lower_ == tok.lower_:
                    continue       # `They sent a letter … “…,” they wrote`: the same, further back
                if n >= 1 and subj.lower_ in ("this", "that") and self.rules.enabled(R.DEMONSTRATIVE_SUBJECT):
                    continue       # `This led to drastic losses.`: an event, not who `they` are
                break
            sp = self.subject(subj) if plural else alone(self.subject(subj))
            if _agrees_as_thing(sp, subj, plural):
                return sp
            if self._unnamed_body(sp, subj):
                return Speaker(sp.name, False, sp.role, None, False)
            if n >= 1:
                break
        last = self.running.speaker
        if last is not None and last.name and tok.idx - self.running.char < 800 and (
                last.plural if plural else not last.is_person and not last.plural):
            return last
        if not plural and self.rules.enabled(R.QUOTED_THING_BEFORE):
            return self._quoted_thing_before(tok)
        return None

    def _quoted_thing_before(self, tok: Token) -> Speaker | None:
        """`The Trump team has said … He also wants … The average weekly benefit, it says, would
        be $300`: `it` never means a person, so a source `it` nothing nearer stands for goes to the
        body or document last quoted (`is_thing`), from a mention within the rule's `sentences`
        before the pronoun's (rule `quoted_thing_before`), past people quoted since. None when
        there is none; when the nearest sentence with one has two different ones (either could be
        meant); or when someone quoted since may be a body misread as a person (a name the article
        gives no gender: `Twitter said …. It added …`)."""
        reach = self.rules.rule(R.QUOTED_THING_BEFORE).settings.get("sentences", 3)
        start = tok.sent.start
        for _ in range(reach):
            if start > 0:
                start = self.doc[start - 1].sent.start
        near = sorted((x for x in self.running.sources if start <= x[0] < tok.i and not self._quoted(x[0])),
                      key=lambda x: x[0], reverse=True)
        for i, sp, thing in near:
            if thing:
                sent = self.doc[i].sent
                names = {s.name for j, s, t in near if t and sent.start <= j < sent.end}
                return sp if len(names) == 1 else None
            if sp.is_person and not sp.gender and self.names.gender_of(sp.name) is None:
                return None
        return None

    def is_thing(self, sp: Speaker, head: Token) -> bool:
        """Is `sp`, resolved from a source mention headed by `head`, one body or document (an
        organisation, a campaign, a company, an agency, a place that speaks, a poll, a report):
        what `it` may stand for? Not a person, a group, or a description of a person (`a
        source`, which is not named either)."""
        if not sp.name or sp.is_person or sp.plural or sp.co:
            return False
        if head.pos_ == "PRON":
            return head.lower_ in ("it", "its")          # an `it` already resolved: the same one again
        low, words = head.lower_, self.rules.words
        if head.tag_ not in ("NN", "NNP") or low in self.rules.people_nouns or low in self.rules.title_words:
            return False
        if head.ent_type_ in ("ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"):
            return True
        lemma = head.lemma_.lower()
        return any(lemma in words[w] or low in words[w] for w in _THING_NOUNS) or low in self.rules.body_heads

    def _unnamed_body(self, sp: Speaker, subj: Token) -> bool:
        """`Politifact did a fact-check … they published`: a one-word capitalised name the
        recogniser took for a person, which the article never gives a longer form, honorific or
        gender of and whose word is no given name, is a body that `it` or `they` can stand for
        (rule `one_word_body`)."""
        if not self.rules.enabled(R.ONE_WORD_BODY) or not sp.name or not sp.is_person or sp.plural:
            return False
        words = sp.name.split()
        if len(words) != 1 or subj.tag_ != "NNP" or subj.ent_type_ not in ("PERSON", "") or not words[0][:1].isupper():
            return False
        if any(c.dep_ == "compound" for c in subj.children) or words[0].lower() in self.rules.first_names:
            return False
        return sp.gender is None and self.names.gender_of(sp.name) is None and words[0].lower() not in self.rules.honorifics

    def _in_interrupted_clause(self, subj: Token, tok: Token) -> bool:
        """`The average weekly benefit, it says, would be $300`: a subject of the clause that the
        pronoun's own cue interrupts is part of what was said, never who said it."""
        verb = tok.head
        return self.rules.enabled(R.CONTENT_NOT_SOURCE) and verb.dep_ == "parataxis" and subj.head.i == verb.head.i

    def _pronoun_hit(self, sp: Speaker, gender: str | None, plural: bool = False) -> Speaker:
        if not plural:
            sp = alone(sp)
        elif sp.co:
            return sp          # joint speakers, as `they`
        if sp.name and sp.is_person:
            self.names.note_gender(sp.name, gender)
        return Speaker(sp.name, sp.is_person, sp.role, sp.gender or gender, sp.plural)


_THING_NOUNS = ("document_nouns", "headline_documents", "body_nouns", "place_nouns", "owned_bodies", "office_nouns")
"""rules/words.toml lists whose nouns head a body or a document (`office_nouns` with its people
nouns left out by `is_thing`: `team`, `campaign`, `staff`)."""


def _agrees_as_thing(sp: Speaker, subj: Token, plural: bool) -> bool:
    if not sp.name:
        return False
    if plural:     # a group, several named, or a body (`Politifact … they published`)
        return subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children) or (
            not sp.is_person and subj.ent_type_ == "ORG")
    return not sp.is_person and subj.tag_ in ("NN", "NNP")
