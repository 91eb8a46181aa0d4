"""Who a source mention really is: names, surnames, pronouns, roles and descriptions.

Over one article: a surname resolves to the fullest name the article uses for it
(`Shoigu` → `Sergei Shoigu`); a pronoun to the subject of its governing clause or the running
speaker before a merely nearer name, compatible in number and gender where known; an
apposition or a title gives a role, and a description that matches a role the article tied to a
name (`the defence secretary` after `the UK defence secretary, Ben Wallace`) resolves to that
name, and one that only renames a person just named (`Donald Trump says … The Republican
nominee noted …`) as a `he`/`she` there would, and `the campaign` to the one of its owner
named just before (`Donald Trump’s campaign`); a description of one person by role to the one
person the article names in that role (`The judge` -> `Justice Frank Nervo`, role_holders.py);
an organisation's acronym or part of its full name to the full name, a short form to the longer
name given before (`the Security Council`, `Peabody`, `the fund`: bodies.py), and a seat of
government (`Downing Street`) to a body, not a person; a document to its author (`the IMF
report`); an op-ed's `I` to its byline; pronouns as `pronouns` decides; any other description (`a source`, `British ministers`) is kept as written
and marked as not a named person. Named people or bodies coordinated (`Mr. Grassley and Mr.
Leahy`) are joint speakers: the first named, with the others as its co-speakers (`_joint`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..ruleset import Rules
from .bodies import body_by_head, longer_body, members_of
from .index import DocIndex
from .names import POSSESSIVE, ArticleNames, content_words, role_head
from .pronouns import PronounResolver
from .role_holders import role_holder
from .sources import Mention, entity_bounds, with_appos
from . import rule_names as R
from .speaker import RunningSpeaker, Speaker

__all__ = ["Resolver", "Speaker"]


class Resolver:
    """Resolves mentions over one Doc: its names (`article`, built once), the running speaker
    (`running`, kept as attribution proceeds) and the pronoun rules (`pronouns`)."""

    def __init__(self, ix: DocIndex, rules: Rules):
        self.doc = ix.doc
        self.rules = rules
        self.article = ArticleNames(ix.doc, rules, ix.ents)
        # rules/words.toml `kin_nouns` (`mother:female`), read once per Doc, not per mention
        self.kin = dict((w.split(":") + [""])[:2] for w in rules.words.get("kin_nouns", ()))
        self.running = RunningSpeaker()
        self._joining: set[int] = set()      # coordinations being resolved (`_joint`), by first token
        self.pronouns = PronounResolver(self.article, ix, self.running, self.resolve_subject)

    def resolve(self, mention: Mention, cue_head: Token | None = None) -> Speaker:
        """Who `mention` (the source of the cue headed by `cue_head`) is."""
        doc, names = self.doc, self.article
        if mention.antecedent is not None:
            return self.resolve(mention.antecedent, cue_head)
        joint = self._joint(mention, cue_head)
        if joint is not None:
            return joint
        head = mention.head
        span = doc[mention.start:mention.end]
        role = None
        named = False          # an apposition that is a person's name by its given name alone
        if mention.appos is not None:
            ap = mention.appos
            named = not _is_person_mention(ap) and self._given_name_first(ap)
            if (_is_person_mention(ap) or named) and not _is_person_mention(mention):
                role = _strip_det(mention.text, self.rules)
                span, head, mention = doc[ap.start:ap.end], ap.head, ap
            elif _is_person_mention(mention):
                role = ap.text
        if mention.how == "document":        # a title line's `Poll:`: a document, not a person
            return Speaker(_strip_det(span.text, self.rules), False, role)
        pron = self.rules.pronouns.get(head.lower_) if head.pos_ == "PRON" and mention.end - mention.start == 1 else None
        if pron is not None:
            return self.pronouns.resolve(head, pron, cue_head)
        if mention.end - mention.start == 1 and head.lower_ in self.rules.words["distributives"]:
            group = self._distributed(head)
            if group is not None:
                return group
        if mention.end - mention.start == 1 and head.lower_ in self.rules.words["group_members"]:
            group = self._group_of(head)
            if group is not None:
                return group
        body = names.body_named(span)
        if head.pos_ == "PROPN" and not _is_person_mention(mention):   # `Peabody` of `Peabody Energy`
            body = longer_body(names, self.pronouns.ix, span) or body
        if body is not None:
            return Speaker(body, False, role)
        if head.ent_type_ != "PERSON" and not _is_person_mention(mention):
            person = names.person_named(span)
            if person is not None:       # `Mills said`, `Fowler said`: a surname taken for a noun or a body
                return Speaker(person, True, role or names.role_of(person), names.gender_of(person))
        if named or _is_person_mention(mention) or head.ent_type_ in ("", "PERSON") and (
                head.pos_ == "PROPN" or mention.how == "label" and head.text[:1].isupper()):
            words, gender, title = names.clean_name(list(span))
            gender = gender or self._honorific_before(span)
            if words and words[0][:1].isupper():      # (`Senator from Texas` is a role, not a name)
                full = names.full_name(words, mention.start, gender)
                name = " ".join(full)
                if head.ent_type_ == "PERSON" or full != words or len(words) >= 2 or names.names.get(words):
                    g = gender or names.gender_of(name)
                    return Speaker(name, True, role or title or names.role_of(name), g)
                if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
                    return Speaker(name, False, role)
                return Speaker(name, True, role or title, gender)
        if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") and head.pos_ == "PROPN":
            return Speaker(_strip_det(span.text, self.rules), False, role, plural=False)
        # a description: does it name a role the article tied to a person?
        text = _strip_det(span.text, self.rules)
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.rules.words["document_nouns"]:
            author = self._author_of_document(head)
            if author is not None and author.name:
                return Speaker(author.name, author.is_person, text, author.gender, author.plural, author.co)
        members = members_of(span, names, self.resolve_subject)
        if members is not None:
            return Speaker(members, False, text, plural=True)
        body = self._body_named_before(head, span) or body_by_head(names, self.pronouns.ix, span)
        if body is not None:
            return Speaker(body, False, text)
        named = role_match(names, text, span) or named_next(names, span)
        plural = head.tag_ in ("NNS", "NNPS")
        if named is not None:
            return Speaker(named, True, text, names.gender_of(named))
        owner = self._campaign_owner(span, cue_head)
        if owner is not None:
            return Speaker(f"{owner}’s {head.text}", False, text)
        sp = self._epithet(span, cue_head)
        if sp is not None:
            return Speaker(sp.name, True, text, sp.gender)
        holder = role_holder(names, span, self._possessive) if mention.appos is None else None
        if holder is not None:
            return Speaker(holder, True, text, names.gender_of(holder))
        kin = self._kin_gender(span)
        if kin is not None:          # `my mother`: one person of that gender, whom `she` can stand for
            return Speaker(text, True, role, kin)
        return Speaker(text, False, role, plural=plural)

    def _honorific_before(self, span: Span) -> str | None:
        """The gender an honorific right before a mention gives (`Mrs.` of `Mrs. Grant`, where the
        mention is the surname alone)."""
        if span.start == 0:
            return None
        g = self.rules.honorifics.get(self.doc[span.start - 1].lower_)
        return g if g in ("male", "female") else None

    def _kin_gender(self, span: Span) -> str | None:
        """The gender of a relative described by a singular head of rules/words.toml `kin_nouns`
        (`my mother`, `his late father`), or None when `span` is no such description."""
        root = span.root
        if root.tag_ != "NN" or root.pos_ != "NOUN":
            return None
        return self.kin.get(root.lower_) or None

    def _given_name_first(self, m: Mention) -> bool:
        """A proper-noun apposition the entity recogniser left untagged (`state Del. Ana Ruiz`)
        is a person's name when its words after any title are capitalised and the first is a
        given name (rules/names.toml, given_names.toml)."""
        words = [t for t in self.doc[m.start:m.end] if not t.is_punct and not t.is_quote]
        while words and (words[0].lower_ in self.rules.words["not_name"] or not words[0].text[:1].isupper()):
            words = words[1:]
        return len(words) >= 2 and m.head.pos_ in ("PROPN", "NOUN") and all(t.text[:1].isupper() for t in words) \
            and words[0].lower_ in self.rules.first_names

    def _campaign_owner(self, span: Span, cue_head: Token | None) -> str | None:
        """`A new ad from Donald Trump’s campaign … The campaign says …`: `the` and a noun of
        rules/words.toml `owned_bodies` alone stand for the one an owner named in this or the two
        sentences before has (`Donald Trump’s campaign`, `the Clinton campaign`), else for the
        campaign of whom a `he`/`she` there would stand for; `her campaign` is the one of whom
        `her` stands for. The owner's name, or None."""
        root = span.root
        if len(span) != 2 or root.tag_ != "NN" or root.lower_ not in self.rules.words["owned_bodies"]:
            return None
        if span[0].dep_ == "poss" and span[0].pos_ == "PRON":      # `her campaign`: whose she is
            owner = self._possessive(span[0])
            return owner.name if owner is not None and owner.is_person and not owner.plural else None
        if span[0].lower_ not in self.rules.words["definite_articles"]:
            return None
        start = root.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        ix = self.pronouns.ix
        for t in reversed(self.doc[start:span.start]):
            if t.lower_ != root.lower_ or ix.quotation_at(t.idx) is not None:
                continue
            for c in t.children:
                if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN":
                    sp = self.resolve_subject(c)
                    if sp.name and sp.is_person:
                        return POSSESSIVE.sub("", sp.name) or sp.name
        sp = self.pronouns.resolve(root, {"gender": None, "number": "singular"}, cue_head)
        return sp.name if sp.name and sp.is_person else None

    def _epithet(self, span: Span, cue_head: Token | None) -> Speaker | None:
        """`Donald Trump says … The Republican presidential nominee noted …`: a definite singular
        description with a modifier before a head in rules/words.toml `epithet_heads`, which no
        role in the article names, stands for whom a `he` or `she` there would (`first lady`:
        `she`), unless the article gave that person only other titles (`Justice Frank Nervo`)."""
        root = span.root
        heads = dict((w.split(":") + [""])[:2] for w in self.rules.words["epithet_heads"])
        if root.tag_ not in ("NN", "NNP") or root.lower_ not in heads:
            return None
        if span[0].lower_ not in self.rules.words["definite_articles"] or root.i - span.start < 2:
            return None
        if any(t.dep_ in ("prep", "relcl", "acl", "appos", "poss") for t in root.children):
            return None          # (`the party’s secretary` is someone the owner has, not who was named)
        sp = self.pronouns.resolve(root, {"gender": heads[root.lower_] or None, "number": "singular"}, cue_head)
        if not sp.name or not sp.is_person:
            return None
        n = self.article.names.get(tuple(sp.name.split()))
        titles = {role_head(r, self.rules.words["role_breaks"]) for r in (n.roles if n is not None else [])}
        titles &= self.rules.title_words
        if titles and not titles & heads.keys():
            return None
        return sp

    def resolve_subject(self, tok: Token) -> Speaker:
        """Who the subject noun `tok` (with its apposition) is."""
        return self.resolve(with_appos(tok, "subject", self.rules))

    def _joint(self, mention: Mention, cue_head: Token | None) -> Speaker | None:
        """`Mr. Grassley and Mr. Leahy said`, `Obama and Clinton call them …`: a mention whose
        noun is coordinated with others (the parse may hang the cue on any of them) stands for
        all of them, when each is a named person or a named body (an organisation, a country);
        the first named is the speaker, the others its co-speakers (rule `joint_speakers`). A
        coordination with a description in it (`Republicans and Democrats`, `Trump and his
        aides`) is None: resolved as before."""
        if mention.how == "conjunct" or mention.appos is not None and mention.appos.how == "conjunct":
            return None
        members = self._conjuncts(mention.head, cue_head)
        if len(members) < 2 or not self.rules.enabled(R.JOINT_SPEAKERS) or members[0].i in self._joining:
            return None          # (a member whose own resolution comes back to the pair: `Obama and his wife`)
        if mention.how in ("relative", "relative_last") and (len(members) > 2 or any(
                c.dep_ == "relcl" for m in members if m.i != mention.head.i for c in m.children)):
            return None          # (`…, Patti LaBelle and Stevie Wonder, who joked`; `Trump, who …, and Sanders, who says`)
        found, spans = [], []
        self._joining.add(members[0].i)
        try:
            for tok in members:
                m = with_appos(tok, "conjunct", self.rules)
                if m.appos is not None:
                    m.appos.how = "conjunct"
                sp = self.resolve(m, cue_head)
                if not self._named(sp, tok):
                    return None
                found.append(sp)
                spans += [m.char_span] + ([m.appos.char_span] if m.appos is not None else [])
        finally:
            self._joining.discard(members[0].i)
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        text = self.doc.text
        if text[start:end].count("(") > text[start:end].count(")") and text[end:end + 1] == ")":
            end += 1             # (`David Vitter (R-La.)`: the party's bracket closes too)
        return joint_of(found, (start, end))

    def _conjuncts(self, tok: Token, cue_head: Token | None = None) -> list[Token]:
        """The nouns coordinated with `tok` (itself included), in order; one noun alone if none."""
        root = tok
        while root.dep_ == "conj" and root.head.pos_ in ("PROPN", "NOUN") and root.head.i < root.i \
                and not _conjoined_across_comma(root, cue_head):
            root = root.head
        if root.pos_ not in ("PROPN", "NOUN"):
            return [tok]
        below = [c for c in root.conjuncts if c.i > root.i and root in c.ancestors] if _conjoined_across_comma(root, cue_head) \
            else root.conjuncts          # (not the noun the parse hung the names on)
        members = sorted([root, *(c for c in below if c.pos_ in ("PROPN", "NOUN"))], key=lambda t: t.i)
        joining = self.rules.words["joint_conjunctions"]
        if not any(c.dep_ == "cc" and c.lower_ in joining for m in members for c in m.children):
            return [tok]          # (`in Washington, Marc H. Morial`: no `and`, no joint source)
        return members

    def _named(self, sp: Speaker, tok: Token) -> bool:
        """Is `sp` (what conjunct `tok` resolved to) a person or body the article names there, not
        a description or group (`Republicans`, `local leaders`, `my mother`, `lobbyist`, even
        where a role rule resolves it to someone)?"""
        if not sp.name or not sp.name[:1].isupper() or sp.co:
            return False
        if sp.is_person:      # (by name here: `lobbyist and GOP strategist Charlie Black` is one person)
            words = sp.name.split()
            titles = self.rules.title_words
            return (tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON") and all(
                w[:1].isupper() or w.lower() in self.rules.words["name_connectors"] for w in words) \
                and words[-1].lower() not in titles and words[-1].lower().rstrip(".") not in titles
            # (a title coordinated in a role is no one: `Vice President for news and talk Dave
            # Gorab`, `former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell`)
        return tok.pos_ == "PROPN" and tok.tag_ == "NNP" and tok.ent_type_ in ("ORG", "GPE", "FAC")

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
        group = self.resolve_subject(subj)
        if group.co:
            return group          # named people or bodies: joint speakers
        found = [group, *(self.resolve_subject(m) for m in subj.conjuncts)]
        if not all(sp.name for sp in found):
            return None
        return Speaker(" and ".join(sp.name for sp in found), all(sp.is_person for sp in found), plural=True)

    def _author_of_document(self, noun: Token, depth: int = 0) -> Speaker | None:
        """`his office's statement said`, `a review from Acme Mining said`, `according to a speech
        Mrs. Clinton delivered`, `Acme released its annual review … The annual review said`: a
        document speaks for its author: its owner (through an office, campaign or spokesperson:
        rules/words.toml `office_nouns`), a named body or person before a definite document (`the
        IMF report`; `a Reuters survey` is an item of its own), the body after `from`/`by`, the subject of a clause on
        it that issued it, or, for a document named again (`the review`), the author given where
        it was named before. None when the article names no author."""
        owner = self.owner_of(noun)
        if owner is not None:
            return owner
        if depth == 0 and noun.i > 0 and any(c.dep_ == "det" and c.lower_ in self.rules.words["definite_articles"] for c in noun.children):
            lemma = noun.lemma_.lower()
            start = max(0, noun.i - 400)
            for t in reversed(self.doc[start:noun.i]):
                if t.pos_ == "NOUN" and t.lemma_.lower() == lemma and self.pronouns.ix.quotation_at(t.idx) is None:
                    author = self._author_of_document(t, depth + 1)
                    if author is not None:
                        return author       # (else an earlier mention may say whose it is)
        return None

    def owner_of(self, noun: Token) -> Speaker | None:
        """Who a document or an office belongs to, by its own words (see `_author_of_document`)."""
        words = self.rules.words
        for c in noun.children:
            if c.dep_ == "poss":
                if c.pos_ == "PRON":
                    owner = self._possessive(c)
                elif c.pos_ == "NOUN" and c.lemma_.lower() in words["office_nouns"]:
                    owner = self.owner_of(c) or self.resolve_subject(c)
                else:
                    owner = self.resolve_subject(c)
                if owner is not None and owner.name:
                    return replace(owner, name=POSSESSIVE.sub("", owner.name) or owner.name)
            elif c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON") and c.pos_ == "PROPN" and any(
                    d.dep_ == "det" and d.lower_ in words["definite_articles"] for d in noun.children):
                owner = self.resolve_subject(c)          # `the IMF report`: the IMF's (`a Reuters survey` is the survey)
                if owner.name:
                    return owner
            elif c.dep_ == "prep" and c.lower_ in words["owner_prepositions"]:
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
                    found = [self.resolve_subject(o) for o in (obj, *obj.conjuncts)]
                    if len(found) == 1 or found[0].co or not all(sp.name for sp in found):
                        return found[0]          # (`by Harvard and Berkeley`: joint speakers)
                    return Speaker(" and ".join(sp.name for sp in found), all(sp.is_person for sp in found), plural=True)
            elif c.dep_ in ("relcl", "acl") and c.i > noun.i and c.lemma_.lower() in words["issuing_verbs"]:
                subj = next((o for o in c.children if o.dep_ == "nsubj" and o.pos_ != "PRON"), None)
                if subj is not None:
                    return self.resolve_subject(subj)
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in words["issuing_verbs"]:
            subj = next((o for o in verb.children if o.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return self.resolve_subject(subj)
        return None

    def _body_named_before(self, head: Token, span: Span) -> str | None:
        """`Northgate Power … “Crews are on the way,” the utility said`: `the` and a body noun
        (rules/words.toml `body_nouns`; `place_nouns` for a city or province) alone stand for
        an organisation (place) the article named before, outside quotation marks, of that
        kind: the last one whose name or apposition holds the noun (`Acme Mining Company`,
        `Northgate, the utility`, `the bank, Wells Fargo`; `the city of Phoenix` as written), else
        the only one the article names. Any other noun that is not a person's (`the lender`) only
        where the article tied it to the name so."""
        words = self.rules.words
        lemma = head.lemma_.lower()
        if head.tag_ != "NN" or len(span) != 2 or span[0].lower_ not in words["definite_articles"]:
            return None
        labels = ("GPE",) if lemma in words["place_nouns"] else ("ORG",) if lemma in words["body_nouns"] else None
        tied_only = labels is None      # any other noun (`the lender`) only where the article tied it to the name
        if tied_only:         # (not a person's noun, nor a document's: `the CBS poll` is a poll)
            if head.lower_ in self.rules.title_words or head.lower_ in self.rules.people_nouns \
                    or lemma in words["document_nouns"]:
                return None
            labels = ("ORG",)
        ix = self.pronouns.ix
        named = [e for e in ix.ents if e.start < span.start and e.label_ in labels
                 and ix.quotation_at(e.start_char) is None and not self.article.in_furniture(e.start_char)]
        for ent in reversed(named):
            of = ent.root.head       # (a place only, right before its name: `forerunner companies of Mondelez` is no company)
            if labels == ("GPE",) and of.lower_ == "of" and of.dep_ == "prep" and of.head.lemma_.lower() == lemma \
                    and of.head.tag_ == "NN" and of.head.i == of.i - 1 and of.i == ent.start - 1:
                return _strip_det(self.doc[of.head.left_edge.i:ent.end].text, self.rules)   # `the city of Phoenix`
            around = [*(c for t in ent for c in t.children if c.dep_ == "appos"),
                      # (`X and Y Fund` ties no fund to Y; a name before a noun other than a body noun
                      # says whose it is, not what: `the Trump poll`)
                      *([ent.root.head] if ent.root.dep_ == "appos" or not tied_only and ent.root.dep_ != "conj" else []),
                      *_comma_neighbours(ent, words["definite_articles"] | words["indefinites"])]
            if not tied_only:        # (a name ending in the noun: bodies.body_by_head, if only one)
                around += list(ent)
            else:                    # (right next to the name: a parse's far apposition is no tie)
                around = [t for t in around if ent.start - 2 <= t.i < ent.start or ent.end <= t.left_edge.i <= ent.end + 1]
            if any(t.lemma_.lower() == lemma for t in around):
                return _strip_det(ent.text, self.rules)
        if tied_only:
            return None
        titled = _titled_name(self.doc.text, span.start_char, head.text, ix, words["definite_articles"])
        if titled is not None:     # a name the recognizer missed: `The Ridgeview Transit Authority`
            return titled
        distinct = {_strip_det(e.text, self.rules) for e in named}
        return distinct.pop() if len(distinct) == 1 else None

    def _possessive(self, tok: Token) -> Speaker | None:
        """Who a possessive pronoun (`his`, `her`, `its`, `their`) stands for."""
        base = self.rules.words["possessive_bases"]
        pron = next((self.rules.pronouns.get(b.split(":")[1]) for b in base if b.split(":")[0] == tok.lower_), None)
        if pron is None:
            return None
        sp = self.pronouns.resolve(tok, pron, None)
        return sp if sp.name else None

    def _group_of(self, tok: Token) -> Speaker | None:
        """`Three nurses spoke to the Herald. “We are exhausted,” one said`: `one`, `another`,
        `some`, `others` as a source stand for the group counted just before (a plural noun with
        a number or a quantity word, rules/words.toml `group_quantities`, as a subject or object
        in this or the sentence before, outside quotation marks) by its head noun."""
        doc, quantities = self.doc, self.rules.words["group_quantities"]
        if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children):
            return None          # `Obama, others vow …`: others than those named
        start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
        for t in reversed(doc[start:tok.i]):
            if t.tag_ != "NNS" or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or self.pronouns.ix.quotation_at(t.idx) is not None:
                continue
            if any(c.dep_ == "nummod" or c.lower_ in quantities for c in t.children):
                words = [c for c in t.lefts if c.dep_ in ("compound", "amod") and c.i > t.left_edge.i - 1
                         and c.lower_ not in quantities and c.dep_ != "nummod"]
                return Speaker(" ".join([*(w.text for w in words), t.text]), False, plural=True)
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
        return Speaker(byline.strip(), True, None, self.article.gender_of(byline.strip()))

    def note_speaker(self, sp: Speaker, at_char: int, mention: Mention | None = None) -> None:
        """Remember the running speaker (the last one attributed), and, with its source
        `mention`, where it was named and whether it is a body or document (for a later `it`)."""
        self.running.note(sp, at_char)
        while mention is not None and mention.antecedent is not None:
            mention = mention.antecedent      # (`Acme, which says …`: Acme)
        if mention is not None:
            self.running.note_source(sp, mention.start, self.pronouns.is_thing(sp, mention.head))


def _conjoined_across_comma(name: Token, cue_head: Token | None) -> bool:
    """`… of the radical Islamic terror war, Obama and Clinton call them …`: a name the parse
    conjoined, across a comma, to a common noun in a prepositional phrase before it starts a
    coordination of its own, right before a cue that has no subject: the subject the parse lost,
    not a list with that noun (`… of Miles, Millis and Harold Doley, a banker who …`)."""
    head, doc = name.head, name.doc
    if cue_head is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue_head.children):
        return False
    last = max((c.i for c in name.children if c.dep_ == "conj"), default=name.i)
    return name.pos_ == "PROPN" and head.pos_ == "NOUN" and head.dep_ == "pobj" and name.i > 0 \
        and doc[name.i - 1].text == "," and any(c.dep_ == "cc" for c in name.children) \
        and doc[last].right_edge.i + 1 == cue_head.i


def joint_of(found: list[Speaker], span: tuple[int, int] | None) -> Speaker | None:
    """Joint speakers of resolved people or bodies `found`, in order (a name given twice
    counts once): the first, with the others as co-speakers; None for fewer than two."""
    names = list(dict.fromkeys(sp.name for sp in found))
    if len(names) < 2:
        return None
    first = found[0]
    return Speaker(first.name, first.is_person, first.role, first.gender, plural=True, co=tuple(names[1:]), span=span)


def role_match(names: ArticleNames, text: str, span: Span) -> str | None:
    """The person a description names by a role the article tied to them (`the defence
    secretary` after `the UK defence secretary, Ben Wallace`), when exactly one."""
    cw = content_words(text, names.stop)
    if not cw or span.root.tag_ in ("NNS", "NNPS"):
        return None
    head = span.root.lower_
    # `his lawyer` is someone’s lawyer the pronoun decides: not a role the article tied to a name
    owned = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in span)
    if span[0].lower_ in names.rules.words["indefinites"]:
        # `an architect who said …`: someone new, not the architect named before; only a
        # name's own apposition (`John Bentel, a tech staffer who told …`) is that person
        return appos_name(names, span.root)
    found = {name for words, role_head, name in names.role_names
             if head == role_head and cw <= words and not owned}
    if len(found) == 1:
        return found.pop()
    return None


def appos_name(names: ArticleNames, root: Token) -> str | None:
    """The person a description stands in apposition to (`Megyn Kelly, a star anchor`)."""
    name = root.head
    if root.dep_ != "appos" or name.ent_type_ != "PERSON" or name.i > root.i:
        return None
    start, end = entity_bounds(name)
    words, _, _ = names.clean_name(list(names.doc[start:end]))
    return " ".join(names.full_name(words, start)) if words else None


def named_next(names: ArticleNames, span: Span) -> str | None:
    """`Russia’s defence minister has described …` then, a sentence or two on, `Sergei Shoigu
    began …`: a news lede gives the role first and the name next. A singular role with its
    owner (`Russia’s`) in the first lines of the article, a title word at its head, goes to
    the first person named in the two sentences after its own, if that person was not named
    before (then the role points back to someone else) and has no other role."""
    root = span.root
    if root.tag_ != "NN" or root.lower_ not in names.rules.title_words or span[0].lower_ in names.rules.words["indefinites"]:
        return None
    if not any(c.dep_ == "poss" for c in root.children):
        return None
    if sum(1 for line in names.doc.text[:span.start_char].split("\n") if line.strip()) > 3:
        return None
    sent = root.sent
    nxt = sent.end
    limit = nxt
    for _ in range(2):
        if limit >= len(names.doc):
            break
        limit = names.doc[limit].sent.end
    for i, words in names.person_starts:
        if nxt <= i < limit:
            full = names.full_name(words, i)
            if any(j < span.start and (w == full or names.full_name(w, j) == full) for j, w in names.person_starts):
                return None
            name = " ".join(full)
            role = names.role_of(name)
            if role is None or content_words(role, names.stop) & content_words(span.text, names.stop):
                return name
            return None
    return None



def _strip_det(text: str, rules: Rules) -> str:
    """A description without its leading `the` (rules/words.toml `definite_articles`); `a
    source`-style indefinites are kept as written: they say the speaker is unnamed."""
    parts = text.split()
    while parts and parts[0].lower() in rules.words["definite_articles"]:
        parts.pop(0)
    return " ".join(parts) or text


def _comma_neighbours(ent: Span, articles: frozenset[str]) -> list[Token]:
    """The nouns a comma ties to a name where the parse does not: `the bank, Wells Fargo,` (the
    word before the comma) and `Wells Fargo, the San Francisco bank` (the first noun after an
    article after it)."""
    doc, out = ent.doc, []
    closed = ent.end >= len(doc) or doc[ent.end].text in (",", ".", ";")   # (not `the summary, Mills and …`)
    if ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].pos_ == "NOUN" and closed:
        out.append(doc[ent.start - 2])
    if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ in articles:
        noun = next((t for t in doc[ent.end + 2:ent.end + 6] if t.pos_ == "NOUN"), None)
        after = doc[noun.i + 1] if noun is not None and noun.i + 1 < len(doc) else None
        if noun is not None and noun.dep_ not in ("nsubj", "nsubjpass") and (
                after is None or after.pos_ not in ("VERB", "AUX")):   # (`Trump, the poll found`: a new clause)
            out.append(noun)
    return out


def _titled_name(text: str, before: int, noun: str, ix: DocIndex, articles: frozenset[str]) -> str | None:
    """The last capitalised name ending in `noun` title-cased (`Ridgeview Transit Authority` for
    `authority`) before char `before`, outside quotation marks."""
    pattern = re.compile(r"((?:[A-Z][\w&'’.-]*[ \t]+){1,5}" + re.escape(noun[:1].upper() + noun[1:]) + r")\b")
    last = None
    for m in pattern.finditer(text, 0, before):
        if ix.quotation_at(m.start()) is None:
            last = m.group(1)
    if last is None:
        return None
    words = last.split()
    while words and words[0].lower() in articles:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


def _is_person_mention(m: Mention) -> bool:
    doc = m.head.doc
    return any(t.ent_type_ == "PERSON" for t in doc[m.start:m.end]) and m.head.pos_ in ("PROPN", "NOUN") and (
        m.head.ent_type_ == "PERSON" or m.head.pos_ == "PROPN")
