"""Who a source mention really is: names, surnames, pronouns, roles and descriptions.

Over one article: a surname resolves to the fullest name the article uses for it
(`Shoigu` → `Sergei Shoigu`); a pronoun to the subject of its governing clause or the running
speaker before a merely nearer name, compatible in number and gender where known; an
apposition or a title gives a role, and a description that matches a role the article tied to a
name (`the defence secretary` after `the UK defence secretary, Ben Wallace`) resolves to that
name; any other description (`a source`, `British ministers`) is kept as written and marked as
not a named person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .ruleset import Rules
from .sources import Mention, _with_appos, entity_bounds, name_start

_ACRONYM = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
_ROLE_BREAK = {"of", "at", "for", "in", "from", "with", "on", "to", "--", "—", ",", "that", "who", "which", "whose"}
_CONNECTORS = {"and", "of", "for", "the", "on", "in", "&", "de", "du", "des", "la", "le"}
_NAME_WORD = re.compile(r"[\w’'-]+|&")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_INDEFINITE = {"a", "an", "one", "another", "some", "any"}
_STOP = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}


@dataclass
class Speaker:
    """A resolved speaker."""

    name: str | None
    is_person: bool | None
    role: str | None = None
    gender: str | None = None
    plural: bool = False


@dataclass
class _Name:
    words: tuple[str, ...]
    first_char: int
    count: int = 1
    gender: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", text.lower()) if w not in _STOP and not w.endswith("’s") and w not in ("'s", "s")}


class Resolver:
    """Name and role knowledge of one Doc, and the running speaker as attribution proceeds."""

    def __init__(self, doc: Doc, rules: Rules, ents: tuple[Span, ...] | None = None):
        self.doc = doc
        self.rules = rules
        self.names: dict[tuple[str, ...], _Name] = {}
        self.role_names: list[tuple[set[str], str, str]] = []   # (role words, role head, name)
        self.person_starts: list[tuple[int, tuple[str, ...]]] = []  # (token index, name words)
        self.last: Speaker | None = None
        self.last_char = -1
        self.acronyms: dict[str, str] = {}
        self.body_spans: list[tuple[tuple[int, int], str]] = []
        self._index_acronyms(doc.text)
        self.furniture = self._furniture_lines(doc.text)
        self._index(doc, doc.ents if ents is None else ents)
        self._index_surnames(doc)

    # -- knowledge of the article ------------------------------------------------------
    def clean_name(self, tokens: list[Token]) -> tuple[tuple[str, ...], str | None, str | None]:
        """Name words without honorifics, titles or possessive; plus gender and title words."""
        words = [t.text for t in tokens if not t.is_punct or t.text in ("-",)]
        gender = None
        title: list[str] = []
        # an honorific only before a name (`Mr. King`: `King` alone is a surname)
        while words and (words[0].lower() in self.rules.honorifics and len(words) > 1
                         or words[0].lower() in self.rules.title_words or words[0].lower() in _STOP):
            w = words.pop(0)
            g = self.rules.honorifics.get(w.lower())
            if g in ("male", "female"):
                gender = g
            if w.lower() not in _STOP:
                title.append(w)
        if words:
            words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
            if words[-1] in ("'s", "’s", "'", "’"):
                words.pop()
        return tuple(w for w in words if w), gender, " ".join(title) or None

    def _index(self, doc: Doc, ents) -> None:
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            start = name_start(doc, ent.start, with_titles=True)
            words, gender, title = self.clean_name(list(doc[start:ent.end]))
            if not words or len(words) > 5:
                continue
            n = self.names.get(words)
            if n is None:
                n = self.names[words] = _Name(words, ent.start_char)
            else:
                n.count += 1
            n.gender = n.gender or gender
            if not self.in_furniture(ent.start_char):
                self.person_starts.append((ent.start, words))
            # a title or role in front: `UK defence secretary Ben Wallace`, `Mr Wallace`
            head = ent.root
            pre = [t for t in head.lefts if t.dep_ == "compound" and t.i < start and (
                t.lower_ in self.rules.title_words or t.lower_ in self.rules.people_nouns)]
            if title or pre:
                self._add_role(" ".join([*(t.text for t in pre), *(title.split() if title else [])]), words)
            # apposition: `the UK defence secretary, Ben Wallace` / `Ben Wallace, the defence secretary`
            if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.ent_type_ != "PERSON" and self._role_like(head.head):
                role = _np_text(head.head)
                self._add_role(role, words)
            for c in head.children:
                if c.dep_ == "appos" and c.ent_type_ != "PERSON" and c.pos_ == "NOUN" and self._role_like(c):
                    self._add_role(_np_text(c), words)

    def _furniture_lines(self, text: str) -> list[tuple[int, int]]:
        """Char ranges of lines that are page furniture (credits, bylines: rules/furniture.toml)."""
        out, pos = [], 0
        for line in text.split("\n"):
            if line.strip() and len(line) < 200 and any(p.match(line) for p in self.rules.furniture):
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    def in_furniture(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.furniture)

    def _index_acronyms(self, text: str) -> None:
        """`Immigration, Refugees and Citizenship Canada (IRCC)`: the capitalised words before a
        bracketed acronym whose initials spell it are the body's full name."""
        for m in _ACRONYM.finditer(text):
            acr = m.group(1)
            letters = [c for c in acr if c.isalpha()]
            words = list(_NAME_WORD.finditer(text, max(0, m.start() - 160), m.start()))
            caps = [w for w in words if w.group()[:1].isupper()]
            i, used = len(caps), 0
            while i > 0 and used < len(letters):
                i -= 1
                if caps[i].group()[0] != letters[len(letters) - 1 - used]:
                    break
                used += 1
            if used != len(letters) or i < 0:
                continue
            start = caps[len(caps) - len(letters)].start()
            end = caps[-1].end()
            between = [w.group() for w in words if start <= w.start() < end]
            if "\n" in text[start:end] or text[end:m.start()].strip() or any(
                    not w[:1].isupper() and w.lower() not in _CONNECTORS for w in between):
                continue
            full = text[start:end]
            self.acronyms.setdefault(acr, full)
            self.body_spans.append(((start, end), self.acronyms[acr]))

    def _index_surnames(self, doc: Doc) -> None:
        """`Ham made it clear …` where the recognizer tagged `Norman Ham` but not `Ham`: a
        capitalised word that is the surname of a person named in full counts as a mention of
        them, for pronoun salience."""
        surnames = {n.words[-1] for n in self.names.values() if len(n.words) >= 2}
        if not surnames:
            return
        known = {i for i, _ in self.person_starts}
        found = [(t.i, (t.text,)) for t in doc if t.text in surnames and t.pos_ == "PROPN" and t.i not in known
                 and (not t.ent_type_ or t.ent_type_ != "PERSON" and entity_bounds(t) == (t.i, t.i + 1))
                 and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")]
        if found:
            self.person_starts = sorted(self.person_starts + found)

    def _role_like(self, noun: Token) -> bool:
        """Does an apposition read as a role: `the UK defence secretary`, `a broker`, `Russia’s
        representative`, `spokesman`? (Not a headline the parse read as one, `Ukrainian activist
        berates Boris Johnson`.)"""
        return noun.lower_ in self.rules.title_words or noun.lower_ in self.rules.people_nouns or any(
            c.dep_ in ("det", "poss") for c in noun.children)

    def _add_role(self, role: str, words: tuple[str, ...]) -> None:
        role = role.strip(" ,")
        cw = _content_words(role)
        if not cw:
            return
        self.role_names.append((cw, _role_head(role), " ".join(words)))
        n = self.names.get(words)
        if n is not None and role not in n.roles:
            n.roles.append(role)

    def full_name(self, words: tuple[str, ...], at_token: int) -> tuple[str, ...]:
        """The fullest name in the article that `words` is a short form of."""
        if not words:
            return words
        last = words[-1].lower()
        cands = [n for n in self.names.values() if len(n.words) > len(words) and (
            n.words[-1].lower() == last or (len(words) == 1 and n.words[0].lower() == last))]
        if len(words) > 1:
            cands = [n for n in cands if [w.lower() for w in n.words[-len(words):]] == [w.lower() for w in words]]
        if not cands:
            return words
        distinct = {n.words for n in cands}
        if len(distinct) == 1:
            return cands[0].words
        # several people share the surname (`Ted Cruz`, his wife `Heidi Cruz`): the one the
        # article names most, as a surname alone is kept for its main figure; on a tie the most
        # recent one named before
        top = max(n.count for n in cands)
        cands = [n for n in cands if n.count == top]
        if len({n.words for n in cands}) == 1:
            return cands[0].words
        before = [(i, w) for i, w in self.person_starts if i < at_token and w in {n.words for n in cands}]
        if before:
            return before[-1][1]
        return min(cands, key=lambda n: n.first_char).words

    def gender_of(self, name: str) -> str | None:
        """The gender the article gives a name (an honorific on it or on its surname alone:
        `Mrs. Clinton`), else the one its first name suggests (rules/first_names.toml)."""
        words = tuple(name.split())
        n = self.names.get(words)
        if n is not None and n.gender:
            return n.gender
        if len(words) >= 2:
            for short, m in self.names.items():
                if m.gender and len(short) < len(words) and words[-len(short):] == short \
                        and self.full_name(short, len(self.doc)) == words:
                    return m.gender
            return self.rules.first_names.get(words[0].lower())
        return None

    def note_gender(self, name: str, gender: str | None) -> None:
        n = self.names.get(tuple(name.split()))
        if n is not None and gender in ("male", "female") and n.gender is None:
            n.gender = gender

    def role_of(self, name: str) -> str | None:
        n = self.names.get(tuple(name.split()))
        return n.roles[0] if n and n.roles else None

    # -- resolving one mention ---------------------------------------------------------
    def resolve(self, mention: Mention, cue_head: Token | None = None) -> Speaker:
        doc = self.doc
        if mention.antecedent is not None:
            return self.resolve(mention.antecedent, cue_head)
        head = mention.head
        span = doc[mention.start:mention.end]
        role = None
        if mention.appos is not None:
            ap = mention.appos
            if _is_person_mention(ap) and not _is_person_mention(mention):
                role = _strip_det(mention.text)
                span, head, mention = doc[ap.start:ap.end], ap.head, ap
            elif _is_person_mention(mention):
                role = ap.text
        pron = self.rules.pronouns.get(head.lower_) if head.pos_ == "PRON" and mention.end - mention.start == 1 else None
        if pron is not None:
            return self._resolve_pronoun(head, pron, cue_head)
        body = self._body_named(span)
        if body is not None:
            return Speaker(body, False, role)
        if head.ent_type_ != "PERSON" and not _is_person_mention(mention):
            person = self.person_named(span)
            if person is not None:       # `Mills said`, the tagger taking a surname for a noun
                return Speaker(person, True, role or self.role_of(person), self.gender_of(person))
        if _is_person_mention(mention) or head.ent_type_ in ("", "PERSON") and (
                head.pos_ == "PROPN" or mention.how == "label" and head.text[:1].isupper()):
            words, gender, title = self.clean_name(list(span))
            if words and words[0][:1].isupper():      # (`Senator from Texas` is a role, not a name)
                full = self.full_name(words, mention.start)
                name = " ".join(full)
                if head.ent_type_ == "PERSON" or full != words or len(words) >= 2 or self.names.get(words):
                    g = gender or self.gender_of(name)
                    return Speaker(name, True, role or title or self.role_of(name), g)
                if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
                    return Speaker(name, False, role)
                return Speaker(name, True, role or title, gender)
        if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") and head.pos_ == "PROPN":
            person = self.person_named(span)
            if person is not None:       # `Fowler said`, the recognizer taking a surname for a body
                return Speaker(person, True, role or self.role_of(person), self.gender_of(person))
            return Speaker(_strip_det(span.text), False, role, plural=False)
        # a description: does it name a role the article tied to a person?
        text = _strip_det(span.text)
        named = self._role_match(text, span) or self._named_next(span)
        plural = head.tag_ in ("NNS", "NNPS")
        if named is not None:
            return Speaker(named, True, text, self.gender_of(named))
        return Speaker(text, False, role, plural=plural)

    def _body_named(self, span: Span) -> str | None:
        """A body the mention names: an organisation by its acronym or a part of its full name
        (`IRCC`, `Immigration` in `Immigration, Refugees and Citizenship Canada (IRCC)`) gives the
        full name; a seat of government (`Downing Street`, `the Kremlin`) or a capitalised name
        ending in a body word (`Justice Department`) gives itself."""
        text = span.text
        if text in self.acronyms:
            return self.acronyms[text]
        s, e = span.start_char, span.end_char
        for (fs, fe), full in self.body_spans:
            if fs <= s and e <= fe:
                return full
        if span.root.ent_type_ == "PERSON":
            return None
        words = [t.text for t in span if not t.is_punct]
        while words and words[0].lower() in _STOP:
            words.pop(0)
        if not words or not words[-1][:1].isupper():
            return None
        name = " ".join(words)
        if name.lower() in self.rules.body_names or (
                len(words) >= 2 and words[-1].lower() in self.rules.body_heads and span.root.pos_ == "PROPN"):
            return name
        return None

    def person_named(self, span: Span) -> str | None:
        """The person a one- or two-word proper name stands for when the article names someone
        by it elsewhere (`Fowler` after `Don Fowler`), whatever entity type it got here."""
        words, _, _ = self.clean_name(list(span))
        if not words or len(words) > 2 or not all(w[:1].isupper() for w in words):
            return None
        full = self.full_name(words, span.start)
        if full != words or (words in self.names and len(words) >= 2):
            return " ".join(full)
        return None

    def _role_match(self, text: str, span: Span) -> str | None:
        cw = _content_words(text)
        if not cw or span.root.tag_ in ("NNS", "NNPS"):
            return None
        head = span.root.lower_
        # `his lawyer` is someone’s lawyer the pronoun decides: not a role the article tied to a name
        owned = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in span)
        found = {name for words, role_head, name in self.role_names
                 if head == role_head and cw <= words and not owned}
        if len(found) == 1:
            return found.pop()
        return None

    def _named_next(self, span: Span) -> str | None:
        """`Russia’s defence minister has described …` then, a sentence or two on, `Sergei Shoigu
        began …`: a news lede gives the role first and the name next. A singular role with its
        owner (`Russia’s`) in the first lines of the article, a title word at its head, goes to
        the first person named in the two sentences after its own, if that person was not named
        before (then the role points back to someone else) and has no other role."""
        root = span.root
        if root.tag_ != "NN" or root.lower_ not in self.rules.title_words or span[0].lower_ in _INDEFINITE:
            return None
        if not any(c.dep_ == "poss" for c in root.children):
            return None
        if sum(1 for line in self.doc.text[:span.start_char].split("\n") if line.strip()) > 3:
            return None
        sent = root.sent
        nxt = sent.end
        limit = nxt
        for _ in range(2):
            if limit >= len(self.doc):
                break
            limit = self.doc[limit].sent.end
        for i, words in self.person_starts:
            if nxt <= i < limit:
                full = self.full_name(words, i)
                if any(j < span.start and (w == full or self.full_name(w, j) == full) for j, w in self.person_starts):
                    return None
                name = " ".join(full)
                role = self.role_of(name)
                if role is None or _content_words(role) & _content_words(span.text):
                    return name
                return None
        return None

    def _resolve_pronoun(self, tok: Token, pron: dict, cue_head: Token | None) -> Speaker:
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
            if sp is None or not sp.name:
                return False
            if number == "plural":
                return sp.plural or not sp.is_person
            if not sp.is_person:
                return False
            g = sp.gender or self.gender_of(sp.name)
            return g is None or gender is None or g == gender

        # 1. the subject of the governing clause, when it is a person before the pronoun
        node = cue_head if cue_head is not None else tok.head
        seen = 0
        while node is not None and node.head.i != node.i and seen < 8:
            node = node.head
            seen += 1
            for c in node.children:
                if c.dep_ == "nsubj" and c.i < tok.i and c.i != tok.i:
                    if c.pos_ == "PRON":
                        continue
                    sp = self.resolve(_with_appos(c, "subject"))
                    if fits(sp):
                        return self._pronoun_hit(sp, gender)
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        back2 = self.doc[prev_start - 1].sent.start if prev_start > 0 else prev_start
        # 2. a person who became the subject (or its owner: `Mr. Obama's bet is …`; or opens the
        # sentence, whatever the parse made of it) since the
        # running speaker's last words, in this or the two sentences before (`Ham made it clear he
        # had misgivings … “…,” he told the host`)
        for i, words in reversed(self.person_starts):
            if i >= tok.i:
                continue
            if i < back2 or self.doc[i].idx <= self.last_char:
                break
            after = self.doc[min(i + len(words), len(self.doc) - 1)]
            if self.doc[i].is_sent_start and after.pos_ in ("VERB", "AUX", "NOUN") or any(
                    x.dep_ in ("nsubj", "nsubjpass") and x.head.dep_ == "ROOT" or x.dep_ == "poss" and x.head.dep_ == "nsubj"
                    and x.head.head.dep_ == "ROOT" for x in self.doc[i:i + len(words) + 1]):
                name = " ".join(self.full_name(words, i))
                sp = Speaker(name, True, self.role_of(name), self.gender_of(name))
                if fits(sp):
                    return self._pronoun_hit(sp, gender)
        # 3. the running speaker, if recent
        if fits(self.last) and tok.idx - self.last_char < 1500:
            return self._pronoun_hit(self.last, gender)
        # 4. the nearest person named before, preferring subjects in this or the previous sentence
        best = None
        for i, words in reversed(self.person_starts):
            if i >= tok.i:
                continue
            name = " ".join(self.full_name(words, i))
            sp = Speaker(name, True, self.role_of(name), self.gender_of(name))
            if not fits(sp):
                continue
            if i >= prev_start and any(x.dep_ == "nsubj" for x in self.doc[i:i + len(words) + 1]):
                return self._pronoun_hit(sp, gender)
            if best is None:
                best = sp
        if best is not None and number != "plural":
            return self._pronoun_hit(best, gender)
        return Speaker(None, None)

    def author_of(self, tok: Token) -> Speaker | None:
        """The writer as a source: a first-person singular pronoun in the article's own voice
        stands for its byline, when that names one person (not `Breitbart News`, not two)."""
        pron = self.rules.pronouns.get(tok.lower_)
        byline = self.doc._.byline if self.doc.has_extension("byline") else None
        if not byline or tok.pos_ != "PRON" or not pron or not pron.get("first_person") or pron.get("number") != "singular":
            return None
        words = byline.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or any(
                w.lower().strip(".,") in self.rules.body_heads for w in words) or "," in byline:
            return None
        return Speaker(byline.strip(), True, None, self.gender_of(byline.strip()))

    def _thing_antecedent(self, tok: Token, plural: bool) -> Speaker | None:
        """`The city sent a letter. It says …`, `The report … It also points out`, `Several
        groups sued. They say …`: `it` or `they` as a source stands for the subject of this or
        the sentence before when that is a body, a document or a group (not a named person) of
        the same number; else for the running speaker when that is one."""
        sents = [tok.sent]
        while len(sents) < 4 and sents[-1].start > 0:
            sents.append(self.doc[sents[-1].start - 1].sent)
        for n, s in enumerate(sents):
            # the main clause's subject, or a coordinated clause's nearer one
            verbs = [s.root, *(c for c in s.root.children if c.dep_ == "conj")]
            subjs = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            if not subjs:
                continue
            subj = max(subjs, key=lambda c: c.i)
            if subj.pos_ == "PRON":
                if subj.lower_ == tok.lower_:
                    continue       # `They sent a letter … “…,” they wrote`: the same, further back
                break
            sp = self.resolve(_with_appos(subj, "subject"))
            if self._agrees_as_thing(sp, subj, plural):
                return sp
            if n >= 1:
                break
        last = self.last
        if last is not None and last.name and tok.idx - self.last_char < 800 and (
                (last.plural if plural else not last.is_person and not last.plural)):
            return last
        return None

    @staticmethod
    def _agrees_as_thing(sp: Speaker, subj: Token, plural: bool) -> bool:
        if not sp.name:
            return False
        if plural:     # a group, several named, or a body (`Politifact … they published`)
            return subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children) or (
                not sp.is_person and subj.ent_type_ == "ORG")
        return not sp.is_person and subj.tag_ in ("NN", "NNP")

    def _pronoun_hit(self, sp: Speaker, gender: str | None) -> Speaker:
        if sp.name and sp.is_person:
            self.note_gender(sp.name, gender)
        return Speaker(sp.name, sp.is_person, sp.role, sp.gender or gender, sp.plural)

    def note_speaker(self, sp: Speaker, at_char: int) -> None:
        """Remember the running speaker (the last one attributed)."""
        if sp.name:
            self.last = sp
            self.last_char = at_char


def _role_head(role: str) -> str:
    """The noun a role is about: its last word before a preposition or clause (`chairman` in
    `the state’s campaign chairman`, `senator` in `senator from Texas`)."""
    words = re.findall(r"[\w’'-]+|--|—|,", role.lower())
    head = ""
    for w in words:
        if w in _ROLE_BREAK:
            break
        head = w
    return head


def _strip_det(text: str) -> str:
    parts = text.split()
    while parts and parts[0].lower() in ("the", "a", "an"):
        # keep `a source`-style indefinites as written: they say the speaker is unnamed
        if parts[0].lower() in ("a", "an"):
            break
        parts.pop(0)
    return " ".join(parts) or text


def _np_text(tok: Token) -> str:
    doc = tok.doc
    start = tok.left_edge.i
    end = tok.i + 1
    for r in tok.rights:
        if r.dep_ in ("prep", "compound") and r.i == end:
            end = r.right_edge.i + 1
        else:
            break
    while start < end and doc[start].is_punct:
        start += 1
    return doc[start:end].text


def _is_person_mention(m: Mention) -> bool:
    doc = m.head.doc
    return any(t.ent_type_ == "PERSON" for t in doc[m.start:m.end]) and m.head.pos_ in ("PROPN", "NOUN") and (
        m.head.ent_type_ == "PERSON" or m.head.pos_ == "PROPN")
