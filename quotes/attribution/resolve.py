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

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..ruleset import Rules
from .names import ArticleNames, content_words
from .sources import Mention, with_appos


@dataclass
class Speaker:
    """A resolved speaker."""

    name: str | None
    is_person: bool | None
    role: str | None = None
    gender: str | None = None
    plural: bool = False


class Resolver(ArticleNames):
    """Resolves mentions over one Doc's names and roles, keeping the running speaker as
    attribution proceeds."""

    def __init__(self, doc: Doc, rules: Rules, ents: tuple[Span, ...] | None = None):
        super().__init__(doc, rules, ents)
        self.last: Speaker | None = None
        self.last_char = -1

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
                role = mention.text
                span, head, mention = doc[ap.start:ap.end], ap.head, ap
            elif _is_person_mention(mention):
                role = ap.text
        pron = self.rules.pronouns.get(head.lower_) if head.pos_ == "PRON" and mention.end - mention.start == 1 else None
        if pron is not None:
            return self._resolve_pronoun(head, pron, cue_head)
        if _is_person_mention(mention) or head.ent_type_ in ("", "PERSON") and (
                head.pos_ == "PROPN" or mention.how == "label" and head.text[:1].isupper()):
            words, gender, title = self.clean_name(list(span))
            if words:
                full = self.full_name(words, mention.start)
                name = " ".join(full)
                if head.ent_type_ == "PERSON" or full != words or len(words) >= 2 or self.names.get(words):
                    g = gender or self.gender_of(name)
                    return Speaker(name, True, role or title or self.role_of(name), g)
                if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
                    return Speaker(name, False, role)
                return Speaker(name, True, role or title, gender)
        if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") and head.pos_ == "PROPN":
            return Speaker(_strip_det(span.text), False, role, plural=False)
        # a description: does it name a role the article tied to a person?
        text = _strip_det(span.text)
        named = self._role_match(text, span) or self._named_next(span)
        plural = head.tag_ in ("NNS", "NNPS")
        if named is not None:
            return Speaker(named, True, text, self.gender_of(named))
        return Speaker(text, False, role, plural=plural)

    def _role_match(self, text: str, span: Span) -> str | None:
        cw = content_words(text, self.stop)
        if not cw or span.root.tag_ in ("NNS", "NNPS"):
            return None
        head = span.root.lower_
        found = {name for words, _, name in self.role_names if head in words and cw <= words}
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
        if root.tag_ != "NN" or root.lower_ not in self.rules.title_words or span[0].lower_ in self.rules.words["indefinites"]:
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
                if role is None or content_words(role, self.stop) & content_words(span.text, self.stop):
                    return name
                return None
        return None

    def _resolve_pronoun(self, tok: Token, pron: dict, cue_head: Token | None) -> Speaker:
        gender = pron.get("gender")
        number = pron.get("number")
        if pron.get("first_person") or gender == "neuter":
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
                    sp = self.resolve(with_appos(c, "subject", self.rules))
                    if fits(sp):
                        return self._pronoun_hit(sp, gender)
        # 2. the running speaker, if recent
        if fits(self.last) and tok.idx - self.last_char < 1500:
            return self._pronoun_hit(self.last, gender)
        # 3. the nearest person named before, preferring subjects in this or the previous sentence
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
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

    def _pronoun_hit(self, sp: Speaker, gender: str | None) -> Speaker:
        if sp.name and sp.is_person:
            self.note_gender(sp.name, gender)
        return Speaker(sp.name, sp.is_person, sp.role, sp.gender or gender, sp.plural)

    def note_speaker(self, sp: Speaker, at_char: int) -> None:
        """Remember the running speaker (the last one attributed)."""
        if sp.name:
            self.last = sp
            self.last_char = at_char


def _strip_det(text: str) -> str:
    parts = text.split()
    while parts and parts[0].lower() in ("the", "a", "an"):
        # keep `a source`-style indefinites as written: they say the speaker is unnamed
        if parts[0].lower() in ("a", "an"):
            break
        parts.pop(0)
    return " ".join(parts) or text


def _is_person_mention(m: Mention) -> bool:
    doc = m.head.doc
    return any(t.ent_type_ == "PERSON" for t in doc[m.start:m.end]) and m.head.pos_ in ("PROPN", "NOUN") and (
        m.head.ent_type_ == "PERSON" or m.head.pos_ == "PROPN")
