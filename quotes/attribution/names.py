"""Name and role knowledge of one article: the people it names (fullest form, gender, roles from
titles and appositions), read once from its entities, for the resolver to look names up in."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from ..ruleset import Rules
from . import rule_names as R
from .sources import entity_bounds, name_start

POSSESSIVE = re.compile(r"\s*['’]s?$")
_ACRONYM = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
_BARE_ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}|[A-Z]{2,6}")
_NAME_WORD = re.compile(r"[\w’'-]+|&")
LEDE_CHARS = 600     # an article's title and lede: where its principal is named
TITLE_CHARS = 200    # a first line longer than this is body text, not a title


@dataclass
class Name:
    """A person the article names, with what it says of them."""

    words: tuple[str, ...]
    first_char: int
    count: int = 1
    gender: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def content_words(text: str, stop: frozenset[str]) -> set[str]:
    """The words of a role that tell it apart (no determiners, no possessives)."""
    return {w for w in re.findall(r"[\w-]+", text.lower()) if w not in stop and not w.endswith("’s") and w not in ("'s", "s")}


class ArticleNames:
    """The people one Doc names, by name words, and the roles it ties to them; the bodies it
    names by acronym; the lines that are page furniture (credits, bylines). Built once per Doc;
    the resolvers look names up in it (it learns only genders, from the pronouns resolved)."""

    def __init__(self, doc: Doc, rules: Rules, ents: tuple[Span, ...] | None = None):
        self.doc = doc
        self.rules = rules
        self.stop = rules.words["determiners"]
        self.title_phrases = {e.split(":")[0] for e in rules.words["role_synonyms"] if " " in e.split(":")[0]}
        self.names: dict[tuple[str, ...], Name] = {}
        self.role_names: list[tuple[set[str], str, str]] = []   # (role words, role head, name)
        self.person_starts: list[tuple[int, tuple[str, ...]]] = []  # (token index, name words)
        self.honorific_at: dict[int, str] = {}                  # person start -> its honorific's gender
        self.acronyms: dict[str, str] = {}                      # `IRCC` -> its full name
        self.body_spans: list[tuple[tuple[int, int], str]] = []  # where a full name stands, and it
        self._index_acronyms(doc.text)
        self.furniture = self._furniture_lines(doc.text)
        self.ents: tuple[Span, ...] = tuple(doc.ents) if ents is None else tuple(ents)   # built once
        self._index(doc, self.ents)
        self._index_surnames(doc)

    def clean_name(self, tokens: list[Token]) -> tuple[tuple[str, ...], str | None, str | None]:
        """Name words without honorifics, titles or possessive; plus gender and title words."""
        while tokens and tokens[0].pos_ in ("VERB", "AUX") and len(tokens) > 1:
            tokens = tokens[1:]       # `Said Ryan Ellis`: a verb the recognizer took into the name
        words = [t.text for i, t in enumerate(tokens) if (not t.is_punct or t.text in ("-",))
                 and not _nickname(tokens, i)]
        gender = None
        title: list[str] = []
        # an honorific only before a name (`Mr. King`: `King` alone is a surname)
        while words and (words[0].lower() in self.rules.honorifics and len(words) > 1
                         or words[0].lower() in self.rules.title_words or words[0].lower() in self.stop):
            w = words.pop(0)
            g = self.rules.honorifics.get(w.lower())
            if g in ("male", "female"):
                gender = g
            if w.lower() not in self.stop:
                title.append(w)
        if words:
            words[-1] = POSSESSIVE.sub("", words[-1]) or words[-1]
            if words[-1] in ("'s", "’s", "'", "’"):
                words.pop()
        return tuple(w for w in words if w), gender, " ".join(title) or None

    def _index(self, doc: Doc, ents) -> None:
        title_end = self._title_line_end(doc.text) if self.rules.enabled(R.HEADLINE_NAMES) else 0
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            start = name_start(doc, ent.start, self.rules, with_titles=True)
            words, gender, title = self.clean_name(list(doc[start:ent.end]))
            if ent.start_char < title_end:
                words = self._headline_name(words, doc.text[title_end:])
            if not words or len(words) > 5:
                continue
            n = self.names.get(words)
            if n is None:
                n = self.names[words] = Name(words, ent.start_char)
            else:
                n.count += 1
            n.gender = n.gender or gender
            if not self.in_furniture(ent.start_char):
                self.person_starts.append((ent.start, words))
                if gender:
                    self.honorific_at[ent.start] = gender
            # a title or role in front: `UK defence secretary Ben Wallace`, `Mr Wallace`
            head = ent.root
            pre = [t for t in head.lefts if t.dep_ == "compound" and t.i < start and (
                t.lower_ in self.rules.title_words or t.lower_ in self.rules.people_nouns)]
            # and whose the title is: `Clinton spokeswoman Jennifer Palmieri`; and the word of a
            # title phrase of rules/words.toml `role_synonyms`: `Clinton communications director`
            pre = sorted([*pre, *(c for t in pre for c in t.lefts if c.dep_ == "compound" and (
                c.pos_ == "PROPN" or f"{c.lower_} {t.lower_}" in self.title_phrases))], key=lambda t: t.i)
            if title or pre:
                self._add_role(" ".join([*(t.text for t in pre), *(title.split() if title else [])]), words)
            # apposition: `the UK defence secretary, Ben Wallace` / `Ben Wallace, the defence secretary`
            if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.ent_type_ != "PERSON" and self._role_like(head.head):
                role = np_text(head.head)
                self._add_role(role, words)
            owner = head.head if head.dep_ == "appos" and head.head.dep_ == "pobj" else None
            if owner is not None and owner.ent_type_ == "PERSON" and owner.head.dep_ == "prep" \
                    and owner.head.head.pos_ == "NOUN" and owner.head.head.i < owner.i \
                    and owner.head.head.lower_ in self.rules.title_words | self.rules.people_nouns:
                # `An attorney for Pagliano, Mark MacDougall`: the parse hangs the name on the owner
                role = doc[owner.head.head.left_edge.i:start].text.strip(" ,")
                self._add_role(role, words)
            for c in head.children:
                if c.dep_ == "appos" and c.ent_type_ != "PERSON" and c.pos_ == "NOUN" and self._role_like(c):
                    self._add_role(np_text(c), words)

    def _title_line_end(self, text: str) -> int:
        """Where the article's title line ends, when its first line is a headline in title case
        (`Clinton Hid Past Health Problems From Public`: every word of four letters or more capitalised); else 0. The recogniser takes headline
        words into names there (`Clinton Hid Past Health`, `Rival Hillary Clinton`, `Top Clinton`),
        and the article names its people again in its body (rule `headline_names`)."""
        line = text.split("\n", 1)[0]
        words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if w.lower() not in self.stop and len(w) > 3]
        if len(line) > 200 or len(words) < 2 or "\n" not in text:
            return 0
        caps = sum(w[0].isupper() for w in words)
        return len(line) if caps == len(words) else 0

    def _headline_name(self, words: tuple[str, ...], body: str) -> tuple[str, ...]:
        """A name in a title-case headline, from its first given name on (`Benghazi Widow Dorothy
        Woods`, `Rival Hillary Clinton`: the headline words before it are no part of it), when it
        reads as a person's name: two words, or found as such in the body (not `Clinton Hid Past
        Health`, `Top Clinton`, `Endorsed Tom Baxter Wins`); else no name."""
        while words and words[0].lower() not in self.rules.first_names:
            words = words[1:]
        if len(words) == 2 or len(words) > 2 and " ".join(words) in body:
            return words
        return ()

    def _furniture_lines(self, text: str) -> list[tuple[int, int]]:
        """Char ranges of lines that are page furniture (rules/names.toml `[furniture]`
        `line_patterns`), and of markup tags left in the text (`markup_patterns`: an embedded
        tweet's `<tweet author="…" date="…">`, whose attribute values are no quotations and whose
        tag name is no cue); the words between two tags are the article's."""
        out, pos = [], 0
        for line in text.split("\n"):
            if line.strip() and len(line) < 200 and any(p.match(line) for p in self.rules.furniture):
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        for p in self.rules.markup:
            out.extend(m.span() for m in p.finditer(text))
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
            if len(caps) < len(letters) or any(
                    w.group()[0] != c for w, c in zip(caps[len(caps) - len(letters):], letters)):
                continue
            start = caps[len(caps) - len(letters)].start()
            end = caps[-1].end()
            between = [w.group() for w in words if start <= w.start() < end]
            if "\n" in text[start:end] or text[end:m.start()].strip() or any(
                    not w[:1].isupper() and w.lower() not in self.rules.words["name_connectors"] for w in between):
                continue
            self.acronyms.setdefault(acr, text[start:end])
            self.body_spans.append(((start, end), self.acronyms[acr]))

    def _spelled_out(self, span: Span) -> str | None:
        """`the U.N.` after `the United Nations`, `RT` after `Russia Today`: an acronym alone (two
        to six capitals, dotted or not) stands for the one body or place the article named in
        full whose capitalised words' initials spell it, or the leading words of one (`the U.N.`
        after `the United Nations Security Council`: the United Nations)."""
        words = [t.text for t in span if not t.is_punct and t.lower_ not in self.stop]
        if len(words) != 1 or not _BARE_ACRONYM.fullmatch(words[0]):
            return None
        letters = words[0].replace(".", "")
        found = set()
        for ent in self.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC") or ent.start_char >= span.start_char:
                continue
            words = [w for w in ent.text.split() if w.lower() not in self.stop]
            if len(letters) >= 2 and len(words) >= len(letters) and all(w[:1].isupper() for w in words) \
                    and "".join(w[0] for w in words[:len(letters)]) == letters:
                found.add(" ".join(words[:len(letters)]))  # `the U.N.` in `the United Nations Security Council`
        return found.pop() if len(found) == 1 else None

    def _index_surnames(self, doc: Doc) -> None:
        """`Ham made it clear …` where the recognizer tagged `Norman Ham` but not `Ham` (or took
        `Trump` for a body): a capitalised word that is the surname of a person named in full
        counts as a mention of them, for pronoun salience."""
        surnames = {n.words[-1] for n in self.names.values() if len(n.words) >= 2}
        if not surnames:
            return
        known = {i for i, _ in self.person_starts}
        found = [(t.i, (t.text,)) for t in doc if t.text in surnames and t.pos_ == "PROPN" and t.i not in known
                 and (not t.ent_type_ or t.ent_type_ != "PERSON" and entity_bounds(t) == (t.i, t.i + 1))
                 and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")]
        if found:
            self.person_starts = sorted(self.person_starts + found)
            for i, _ in found:
                g = self.rules.honorifics.get(doc[i - 1].lower_) if i > 0 else None
                if g in ("male", "female"):
                    self.honorific_at[i] = g

    def _role_like(self, noun: Token) -> bool:
        """Does an apposition read as a role: `the UK defence secretary`, `a broker`, `Russia’s
        representative`, `spokesman`? (Not a headline the parse read as one, `Ukrainian activist
        berates Boris Johnson`.)"""
        return noun.lower_ in self.rules.title_words or noun.lower_ in self.rules.people_nouns or any(
            c.dep_ in ("det", "poss") for c in noun.children)

    def _add_role(self, role: str, words: tuple[str, ...]) -> None:
        role = role.strip(" ,")
        cw = content_words(role, self.stop)
        if not cw:
            return
        self.role_names.append((cw, role_head(role, self.rules.words["role_breaks"]), " ".join(words)))
        n = self.names.get(words)
        if n is not None and role not in n.roles:
            n.roles.append(role)

    def full_name(self, words: tuple[str, ...], at_token: int, gender: str | None = None) -> tuple[str, ...]:
        """The fullest name in the article that `words` is a short form of (`gender`: the one an
        honorific on it gives)."""
        if not words:
            return words
        last = words[-1].lower()
        cands = [n for n in self.names.values() if len(n.words) > len(words) and (
            n.words[-1].lower() == last or (len(words) == 1 and n.words[0].lower() == last))]
        if len(words) > 1:
            cands = [n for n in cands if [w.lower() for w in n.words[-len(words):]] == [w.lower() for w in words]]
        if not cands and len(words) == 1:
            cands = self._suffixed(last)
        if not cands:
            return self._misspelt(words[0]) or words if len(words) == 1 else words
        if self.rules.enabled(R.HONORIFIC_GENDER):
            cands = self._honorific_fits(cands, last, gender)
            if not cands:
                return words      # (`Mr. Obama` where the article names only `Michelle Obama` in full)
        distinct = {n.words for n in cands}
        if len(distinct) == 1:
            return cands[0].words
        principal = self._principal(cands, last) if len(words) == 1 and self.rules.enabled(R.PRINCIPAL_SURNAME) else None
        if principal is not None:
            return principal
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

    def person_at(self, i: int, words: tuple[str, ...]) -> tuple[str, ...]:
        """The full name of the person named at token `i` of `person_starts` (`words`), read with
        the honorific there (`Mrs. Clinton` where Bill and Hillary Clinton are named: Hillary)."""
        return self.full_name(words, i, self.honorific_at.get(i))

    def _principal(self, cands: list[Name], last: str) -> tuple[str, ...] | None:
        """A bare surname several people named in full share (`Trump` in an article on Donald
        Trump's plan that names Ivanka Trump; `Clinton` where Hillary and Bill Clinton are named)
        stands for the article's principal when its title names that surname: the first of them
        it names in full, when that is in its opening (title and lede), as a relative or namesake
        is introduced after (`his daughter Ivanka Trump`); of those with the word as their surname
        and a given name before it (not `Top Clinton`) (rule `principal_surname`). None when the
        title does not have the surname or none is named in the opening (a roundup of items)."""
        cands = [n for n in cands if n.words[-1].lower() == last and n.words[0].lower() in self.rules.first_names]
        if not cands or POSSESSIVE.sub("", last) not in self._title_words:
            return None
        first = min(cands, key=lambda n: n.first_char)
        return first.words if first.first_char < LEDE_CHARS else None

    def title_person(self, people: set[str]) -> str | None:
        """Of several people (full names), the article's principal: the one its title names by
        surname (`Obama on Climate Change …`) and its opening (title and lede) names, when no one
        else the article names in full has that surname (a title's `Clinton` may be Hillary or
        Bill); else None (rule `title_role_holder`). A roundup (`The Latest: Sanders wins …`)
        names its title's people only further down."""
        text = self.doc.text
        if "\n" not in text or text.find("\n") > TITLE_CHARS:
            return None          # no title line: one paragraph of text, or a first line that is body
        found = [p for p in people if p.split() and p.split()[-1].lower() in self._title_words]
        if len(found) != 1:
            return None
        words = tuple(found[0].split())
        if not any(n.first_char < LEDE_CHARS and (n.words == words or self.full_name(n.words, len(self.doc)) == words)
                   for n in self.names.values()):
            return None
        last = words[-1].lower()
        if any(len(n.words) >= 2 and n.words[-1].lower() == last and n.words != words for n in self.names.values()):
            return None
        return found[0]

    @cached_property
    def principal(self) -> str | None:
        """The person the article is about: of the people it names (fullest forms), the one
        `title_person` gives, or None."""
        people = {" ".join(self.full_name(n.words, len(self.doc))) for n in self.names.values()}
        return self.title_person(people)

    @cached_property
    def _title_words(self) -> frozenset[str]:
        """The words of the article's first line, lower case and without a possessive: read once
        per article, not once per surname looked up."""
        text = self.doc.text
        line = text[:text.find("\n")] if "\n" in text else text
        return frozenset(POSSESSIVE.sub("", w.lower()) for w in _NAME_WORD.findall(line))

    def _suffixed(self, last: str) -> list[Name]:
        """`Roberts` after `John G. Roberts Jr.`: the people named in full whose surname comes
        before a suffix (rules/words.toml `name_suffixes`), for a surname no one else has."""
        suffixes = self.rules.words.get("name_suffixes", frozenset())
        return [n for n in self.names.values() if len(n.words) > 2 and n.words[-1].lower().rstrip(".") in suffixes
                and n.words[-2].lower() == last]

    def _honorific_fits(self, cands: list[Name], last: str, gender: str | None) -> list[Name]:
        """`Mrs. Clinton` in an article that names Bill and Hillary Clinton: of the people named in
        full with that surname (not with it as a given name), those the honorific's gender fits
        (rule `honorific_gender`); none when it fits none (`Mr. Obama` where the article names only
        `Michelle Obama` in full)."""
        if gender not in ("male", "female"):
            return cands
        cands = [n for n in cands if n.words[-1].lower() == last] or cands
        return [n for n in cands if (n.gender or self.rules.first_names.get(n.words[0].lower())) in (gender, None)]

    def _misspelt(self, word: str) -> tuple[str, ...] | None:
        """`McLenney said …` after `Tyresha McClenney`: a capitalised word of five letters or more
        that is one edit from the surname of exactly one person named in full, with the same
        first letter, is a typo for that surname (news copy misspells names; a surname one edit
        from another one is rarer than the typo). Their full name, else None."""
        if len(word) < 5 or not word[:1].isupper():
            return None
        found = {n.words for n in self.names.values() if len(n.words) >= 2 and n.words[-1] != word
                 and n.words[-1][:1] == word[:1] and Levenshtein.distance(n.words[-1].lower(), word.lower()) <= 1}
        return found.pop() if len(found) == 1 else None

    def gender_of(self, name: str) -> str | None:
        """The gender the article gives a name: an honorific on it; else the usual gender of its
        given name (rules/names.toml: `Bill Clinton` is male whoever `Mrs. Clinton` is); else an
        honorific on a short form that, read with that honorific, stands for it (`Mr. Xi` for
        `Xi Jinping`; `Mrs. Clinton` for Hillary, never for every Clinton named)."""
        words = tuple(name.split())
        n = self.names.get(words)
        if n is not None and n.gender:
            return n.gender
        if len(words) >= 2:
            given = self.rules.first_names.get(words[0].lower())
            if given in ("male", "female"):
                return given
            for short, m in self.names.items():
                if m.gender and len(short) < len(words) and self.full_name(short, len(self.doc), m.gender) == words:
                    return m.gender
        return None

    def person_named(self, span: Span) -> str | None:
        """The person a one- or two-word proper name stands for when the article names someone
        by it elsewhere (`Fowler` after `Don Fowler`), whatever entity type it got here."""
        words, gender, _ = self.clean_name(list(span))
        if not words or len(words) > 2 or not all(w[:1].isupper() for w in words):
            return None
        if gender is None and span.start > 0:      # `Mrs.` before a `Clinton` tagged as a body
            gender = self.rules.honorifics.get(self.doc[span.start - 1].lower_)
        full = self.full_name(words, span.start, gender if gender in ("male", "female") else None)
        if full != words or (words in self.names and len(words) >= 2):
            return " ".join(full)
        return None

    def body_named(self, span: Span) -> str | None:
        """A body the mention names: an organisation by its acronym or a part of its full name
        (`IRCC`, `Immigration` in `Immigration, Refugees and Citizenship Canada (IRCC)`) gives the
        full name; a seat of government (`Downing Street`, `the Kremlin`) or a capitalised name
        ending in a body word (`Justice Department`) gives itself."""
        if span.text in self.acronyms:
            return self.acronyms[span.text]
        spelled = self._spelled_out(span)
        if spelled is not None:
            return spelled
        s, e = span.start_char, span.end_char
        for (fs, fe), full in self.body_spans:
            if fs <= s and e <= fe:
                return full
        if span.root.ent_type_ == "PERSON":
            return None
        words = [t.text for t in span if not t.is_punct]
        while words and words[0].lower() in self.stop:
            words.pop(0)
        if not words or not words[-1][:1].isupper():
            return None
        name = " ".join(words)
        if name.lower() in self.rules.body_names or (
                len(words) >= 2 and words[-1].lower() in self.rules.body_heads and span.root.pos_ == "PROPN"):
            return name
        return None

    def note_gender(self, name: str, gender: str | None) -> None:
        n = self.names.get(tuple(name.split()))
        if n is not None and gender in ("male", "female") and n.gender is None:
            n.gender = gender

    def role_of(self, name: str) -> str | None:
        n = self.names.get(tuple(name.split()))
        return n.roles[0] if n and n.roles else None


def role_head(role: str, breaks: frozenset[str]) -> str:
    """The noun a role is about: its last word before a preposition or clause (`chairman` in
    `the state’s campaign chairman`, `senator` in `senator from Texas`; rules/words.toml
    `role_breaks`)."""
    head = ""
    for w in re.findall(r"[\w’'-]+|--|—|,", role.lower()):
        if w in breaks:
            break
        head = w
    return head


def np_text(tok: Token) -> str:
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


def _nickname(tokens: list[Token], i: int) -> bool:
    """`Marcia "Cia" Price`, `Robert “Bobby” Tan`: a word in quote marks between two words of a
    name is a nickname, left out of the name (the person is Marcia Price, whatever the nickname)."""
    return 1 < i < len(tokens) - 2 and tokens[i - 1].is_quote and tokens[i + 1].is_quote
