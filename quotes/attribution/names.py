"""Name and role knowledge of one article: the people it names (fullest form, gender, roles from
titles and appositions), read once from its entities, for the resolver to look names up in."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..ruleset import Rules
from .sources import name_start

_POSSESSIVE = re.compile(r"\s*['’]s?$")


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
    """The people one Doc names, by name words, and the roles it ties to them."""

    def __init__(self, doc: Doc, rules: Rules, ents: tuple[Span, ...] | None = None):
        self.doc = doc
        self.rules = rules
        self.stop = rules.words["determiners"]
        self.names: dict[tuple[str, ...], Name] = {}
        self.role_names: list[tuple[set[str], str, str]] = []   # (role words, role text, name)
        self.person_starts: list[tuple[int, tuple[str, ...]]] = []  # (token index, name words)
        self._index(doc, doc.ents if ents is None else ents)

    def clean_name(self, tokens: list[Token]) -> tuple[tuple[str, ...], str | None, str | None]:
        """Name words without honorifics, titles or possessive; plus gender and title words."""
        words = [t.text for t in tokens if not t.is_punct or t.text in ("-",)]
        gender = None
        title: list[str] = []
        while words and (words[0].lower() in self.rules.honorifics or words[0].lower() in self.rules.title_words or words[0].lower() in self.stop):
            w = words.pop(0)
            g = self.rules.honorifics.get(w.lower())
            if g in ("male", "female"):
                gender = g
            if w.lower() not in self.stop:
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
            start = name_start(doc, ent.start, self.rules, with_titles=True)
            words, gender, title = self.clean_name(list(doc[start:ent.end]))
            if not words or len(words) > 5:
                continue
            n = self.names.get(words)
            if n is None:
                n = self.names[words] = Name(words, ent.start_char)
            else:
                n.count += 1
            n.gender = n.gender or gender
            self.person_starts.append((ent.start, words))
            # a title or role in front: `UK defence secretary Ben Wallace`, `Mr Wallace`
            head = ent.root
            pre = [t for t in head.lefts if t.dep_ == "compound" and t.i < start and (
                t.lower_ in self.rules.title_words or t.lower_ in self.rules.people_nouns)]
            if title or pre:
                self._add_role(" ".join([*(t.text for t in pre), *(title.split() if title else [])]), words)
            # apposition: `the UK defence secretary, Ben Wallace` / `Ben Wallace, the defence secretary`
            if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.ent_type_ != "PERSON" and self._role_like(head.head):
                role = np_text(head.head)
                self._add_role(role, words)
            for c in head.children:
                if c.dep_ == "appos" and c.ent_type_ != "PERSON" and c.pos_ == "NOUN" and self._role_like(c):
                    self._add_role(np_text(c), words)

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
        self.role_names.append((cw, role, " ".join(words)))
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
        # several people share the surname: the most recent one mentioned before, else the most frequent
        before = [(i, w) for i, w in self.person_starts if i < at_token and w in distinct]
        if before:
            return before[-1][1]
        return max(cands, key=lambda n: n.count).words

    def gender_of(self, name: str) -> str | None:
        n = self.names.get(tuple(name.split()))
        return n.gender if n else None

    def note_gender(self, name: str, gender: str | None) -> None:
        n = self.names.get(tuple(name.split()))
        if n is not None and gender in ("male", "female") and n.gender is None:
            n.gender = gender

    def role_of(self, name: str) -> str | None:
        n = self.names.get(tuple(name.split()))
        return n.roles[0] if n and n.roles else None


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
