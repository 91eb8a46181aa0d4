"""Who a source mention really is: names, surnames, pronouns, roles and descriptions.

Over one article: a surname resolves to the fullest name the article uses for it
(`Shoigu` → `Sergei Shoigu`); a pronoun to the subject of its governing clause or the running
speaker before a merely nearer name, compatible in number and gender where known; an
apposition or a title gives a role, and a description that matches a role the article tied to a
name (`the defence secretary` after `the UK defence secretary, Ben Wallace`) resolves to that
name; an organisation's acronym or part of its full name to the full name, and a seat of
government (`Downing Street`) to a body, not a person; an op-ed's `I` to its byline; pronouns as
`pronouns` decides; any other description (`a source`, `British ministers`) is kept as written
and marked as not a named person.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..ruleset import Rules
from .names import ArticleNames, content_words
from .pronouns import PronounResolution, Speaker
from .sources import Mention, entity_bounds, with_appos

__all__ = ["Resolver", "Speaker"]


class Resolver(PronounResolution, ArticleNames):
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
                role = _strip_det(mention.text)
                span, head, mention = doc[ap.start:ap.end], ap.head, ap
            elif _is_person_mention(mention):
                role = ap.text
        if mention.how == "document":        # a title line's `Poll:`: a document, not a person
            return Speaker(_strip_det(span.text), False, role)
        pron = self.rules.pronouns.get(head.lower_) if head.pos_ == "PRON" and mention.end - mention.start == 1 else None
        if pron is not None:
            return self.resolve_pronoun(head, pron, cue_head)
        if mention.end - mention.start == 1 and head.lower_ in self.rules.words["distributives"]:
            group = self._distributed(head)
            if group is not None:
                return group
        body = self.body_named(span)
        if body is not None:
            return Speaker(body, False, role)
        if head.ent_type_ != "PERSON" and not _is_person_mention(mention):
            person = self.person_named(span)
            if person is not None:       # `Mills said`, `Fowler said`: a surname taken for a noun or a body
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
        # `his lawyer` is someone’s lawyer the pronoun decides: not a role the article tied to a name
        owned = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in span)
        if span[0].lower_ in self.rules.words["indefinites"]:
            # `an architect who said …`: someone new, not the architect named before; only a
            # name's own apposition (`John Bentel, a tech staffer who told …`) is that person
            return self._appos_name(span.root)
        found = {name for words, role_head, name in self.role_names
                 if head == role_head and cw <= words and not owned}
        if len(found) == 1:
            return found.pop()
        return None

    def _distributed(self, tok: Token) -> Speaker | None:
        """`Donald Trump and Hillary Clinton vied …, each touting …`: `each` stands for the
        conjoined subject of the nearest clause above it that has a subject; as a sentence's own
        subject (`Smith and Jones met. Both said …`), for the one of the sentence before."""
        subj = None
        for node in list(tok.ancestors)[:4]:
            if node.pos_ in ("VERB", "AUX"):
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
                if subj is not None:
                    break
        if subj is None and tok.dep_ == "nsubj" and tok.sent.start > 0:
            root = self.doc[tok.sent.start - 1].sent.root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i > tok.i or not subj.conjuncts:
            return None
        found = [self.resolve(with_appos(m, "subject", self.rules)) for m in (subj, *subj.conjuncts)]
        if not all(sp.name for sp in found):
            return None
        return Speaker(" and ".join(sp.name for sp in found), all(sp.is_person for sp in found), plural=True)

    def _appos_name(self, root: Token) -> str | None:
        """The person a description stands in apposition to (`Megyn Kelly, a star anchor`)."""
        name = root.head
        if root.dep_ != "appos" or name.ent_type_ != "PERSON" or name.i > root.i:
            return None
        start, end = entity_bounds(name)
        words, _, _ = self.clean_name(list(self.doc[start:end]))
        return " ".join(self.full_name(words, start)) if words else None

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

    def author_of(self, tok: Token) -> Speaker | None:
        """The writer as a source: a first-person singular pronoun in the article's own voice
        stands for its byline (`doc._.byline`), when that names one person (not `Breitbart
        News`, not two)."""
        pron = self.rules.pronouns.get(tok.lower_)
        byline = self.doc._.byline if self.doc.has_extension("byline") else None
        if not byline or tok.pos_ != "PRON" or not pron or not pron.get("first_person") or pron.get("number") != "singular":
            return None
        words = byline.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or any(
                w.lower().strip(".,") in self.rules.body_heads for w in words) or "," in byline:
            return None
        return Speaker(byline.strip(), True, None, self.gender_of(byline.strip()))

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
