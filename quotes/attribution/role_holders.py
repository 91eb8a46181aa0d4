"""A description of one person by role, resolved to the one person the article names in that role.

A news story names a person once with a title or an apposition (`Attorney General Eric
Schneiderman`, `An attorney for Pagliano, Mark MacDougall`, `Manhattan Supreme Court Justice
Frank Nervo`) and elsewhere calls them only by the role (`The New York state attorney general
said`, `Pagliano's lawyer has said`, `The judge wrote`). Where the article ties that role to
exactly one named person, the description is that person: the database then files the quote
under the name, and the description stays as the speaker's role. `role_match` (resolve.py) asks
for every word of the description in the role; this asks only for its head noun (and a title
word compounded with it: `attorney general`), because the description adds place and party
words the title leaves out. So that it does not guess:

- the head must be a person noun (rules/titles.toml `titles` or `people_nouns`), singular;
- the head and a title word just before it (`attorney general`, `press secretary`) must be the
  role's own head and words, read through rules/words.toml `role_synonyms` (`lawyer` is
  `attorney`, `justice` is `judge`, `gov` is `governor`, `spokeswoman` and `spokesman` are
  `spokesperson`); a role with a title phrase of `role_synonyms` is read also as the word it
  counts as, since news copy calls a communications director or press secretary "a spokeswoman
  for X" (`Clinton communications director Jennifer Palmieri` is `a spokeswoman for Hillary
  Clinton`), but not the other way (a named spokesman is not `the press secretary`);
- a head of a gender (rules/words.toml `gendered_role_heads`: `spokeswoman`) is not a person the
  article gives the other gender (an honorific, the usual gender of the given name, a pronoun):
  `a spokeswoman` is not `Clinton press secretary Brian Fallon`; unknown gender does not block;
- a place the description gives (`the New Jersey governor`) must be one the person's roles
  give, when they give any (`former Florida governor Jeb Bush` is someone else);
- an owner the description gives (`Pagliano's lawyer`, `a spokeswoman for Clinton`) must be one
  the role gives, when the role names one, and is never the person found (`Trump's lawyer` is
  not Trump); a party word (`the Republican nominee`) must be in the person's roles; a
  description with a name in it (`his best friend, Bruce Turry`) is that name's;
- an indefinite description (`A New York judge has rejected …`) counts only in a news lede (the
  first lines), where a story gives the role before the name, or with an owner that the role
  names too (`a spokeswoman for Hillary Clinton`, `Clinton spokeswoman Jennifer Palmieri`):
  elsewhere it is someone new;
- one person only: two named lawyers leave `the lawyer` as written;
- a description that says no more than its head (`the senator`, `the judge`) refers back: only
  to a holder named before it; a compound title (`the state attorney general`), an owner or a
  lede's indefinite may come before the name.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from . import rule_names as R
from .names import ArticleNames, content_words, role_head
from .speaker import Speaker

LEDE_LINES = 3        # an indefinite description counts only in the article's first lines


def role_holder(names: ArticleNames, span: Span, possessive: Callable[[Token], Speaker | None]) -> str | None:
    """The one person the article names in the role `span` describes, or None (`possessive`
    says whom a possessive pronoun stands for: `his lawyer`)."""
    rules, words = names.rules, names.rules.words
    root = span.root
    person_nouns = rules.title_words | rules.people_nouns
    owners = {t.i for c in root.children if c.dep_ in ("poss", "prep") for t in c.subtree}
    comma = next((t.i for t in span if t.text == ","), len(root.doc))
    if root.tag_ != "NN" or root.pos_ != "NOUN" or root.lower_ not in person_nouns \
            or any(t.ent_type_ == "PERSON" and t.i not in owners or t.pos_ == "PROPN" and t.i > comma for t in span):
        return None          # (`his best friend at Lehigh, Bruce Turry` is Bruce Turry)
    first = span[0].lower_
    owner = _owner_words(root, possessive)
    named_owner_only = False       # `a spokeswoman for Hillary Clinton`: only a role naming Clinton
    if first in words["indefinites"]:
        if not _in_lede(names, span):
            if not owner:
                return None
            named_owner_only = True
    elif first not in words["definite_articles"] and owner is None:
        return None
    synonyms, phrases = _synonyms(words["role_synonyms"])
    head = synonyms.get(root.lower_, root.lower_)
    gender = _head_gender(words.get("gendered_role_heads", ()), root.lower_)
    key = {head}
    before = root.doc[root.i - 1] if root.i > span.start else None
    if before is not None and before.dep_ == "compound" and before.lower_ in rules.title_words \
            and before.lower_ not in names.stop:
        key.add(synonyms.get(before.lower_, before.lower_))
    parties = {t.lower_ for t in span if t.ent_type_ == "NORP"}
    places = {t.lower_ for t in span if t.ent_type_ == "GPE"}
    article_places = {t.lower_ for e in names.ents if e.label_ == "GPE" for t in e}
    found = set()
    held_by: dict[str, set[str]] = {}
    for n in names.names.values():
        if not n.roles or owner and any(w.lower() in owner for w in n.words):
            continue
        held: set[str] = set()
        for role in (r for written in n.roles for r in _readings(written, phrases)):
            cw = {synonyms.get(w, w) for w in content_words(role, names.stop)}
            held |= cw
            rh = role_head(role, words["role_breaks"])
            if synonyms.get(rh, rh) != head or not key <= cw:
                continue
            role_owner = cw - person_nouns - names.stop
            if owner is not None and not _same_owner(owner, role_owner, role, names) or named_owner_only and not role_owner:
                continue
            found.add(n.text)
        if n.text in found and gender and names.gender_of(n.text) not in (None, gender):
            found.discard(n.text)     # (`a spokeswoman` is not a named `Brian Fallon`)
        if n.text in found and (parties - held or places - held and held & article_places):
            found.discard(n.text)     # (`the New Jersey governor` is not the `former Florida governor`)
        held_by[n.text] = held
    if len(found) > 1 and rules.enabled(R.TITLE_ROLE_HOLDER):
        # `the president` in `Obama on Climate Change …`: the title's person, when the description
        # says nothing their roles do not (`the Florida senator` is not the title's Bernie Sanders)
        titled = names.title_person(found)
        said = {synonyms.get(w, w) for w in content_words(span.text, names.stop)}
        found = {titled} if titled and said <= held_by[titled] else found
    if not found and first in words["definite_articles"] and owner is None and not parties | places \
            and not any(c.dep_ == "poss" for c in root.children):       # (`the party's secretary`)
        return _principal_in_office(names, span, head, held_by)
    if len(found) != 1:
        return None
    holder = found.pop()
    specific = len(key) >= 2 or bool(owner) or first in words["indefinites"]
    return holder if specific or _named_before(names, holder, span.start_char) else None


def _principal_in_office(names: ArticleNames, span: Span, head: str, held_by: dict[str, set[str]]) -> str | None:
    """`Hillary Clinton spoke out Tuesday about …` under the title `Hillary Clinton Speaks …`,
    then `the former secretary of state and current Democratic presidential nominee said`: an
    office no one the article names holds (rules/words.toml `principal_titles`) is the article's
    principal's (`names.principal`: the person its title and opening name), named before it, when
    the article gives the principal no role or this one (rule `principal_title`). Not a role
    word that is rarely the principal's own (`the spokesman`, `the host`, `the insider`), nor a
    description with a party or place (`the Mexican president` in a story on Trump)."""
    if not names.rules.enabled(R.PRINCIPAL_TITLE) or head not in names.rules.words["principal_titles"]:
        return None
    principal = names.principal
    if principal is None or held_by.get(principal) and head not in held_by[principal]:
        return None
    return principal if _named_before(names, principal, span.start_char) else None


def _named_before(names: ArticleNames, holder: str, char: int) -> bool:
    """Was `holder` named (in any form the article uses for them) before char `char`? A bare
    `the senator` refers back: to a senator named later it is most often someone else (`“…,” the
    senator said` of Bernie Sanders, before `Sen. Claire McCaskill` comes in)."""
    full = tuple(holder.split())
    return any(n.first_char < char and (n.words == full or names.full_name(n.words, len(names.doc)) == full)
               for n in names.names.values())


def _same_owner(owner: set[str], role_owner: set[str], role: str, names: ArticleNames) -> bool:
    """Whether a role of someone's (`Pagliano's lawyer`) is the one the article gave: a role
    naming the same owner (`an attorney for Pagliano`), or one owned by a pronoun (`his lawyer,
    Mark MacDougall`) where it names none; a role with no owner at all may be anyone's."""
    if role_owner:
        return bool(owner & role_owner)
    first = role.split()[0].lower() if role.split() else ""
    return any(b.split(":")[0] == first for b in names.rules.words["possessive_bases"])


def _owner_words(root: Token, possessive: Callable[[Token], Speaker | None]) -> set[str] | None:
    """The name words of whose the role is (`Pagliano's lawyer`, `a spokeswoman for Hillary
    Clinton`, `his lawyer`: whom `his` stands for; empty when that is unknown), or None when the
    description gives no owner."""
    out: set[str] | None = None
    for c in root.children:
        if c.dep_ == "poss" and c.pos_ == "PRON":
            sp = possessive(c)      # (a full name only: a lone `Clinton` may be a compound taken for him)
            full = sp is not None and sp.is_person and len((sp.name or "").split()) >= 2
            out = (out or set()) | (set(sp.name.lower().split()) if full else set())
        elif c.dep_ == "poss" and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ in ("for", "to", "of") and any(
                t.pos_ == "PROPN" for t in c.subtree):
            out = (out or set()) | {t.lower_ for t in c.subtree if t.pos_ == "PROPN"}
    return out


def _synonyms(entries) -> tuple[dict[str, str], dict[str, str]]:
    """rules/words.toml `role_synonyms` (`lawyer:attorney`, `communications director:spokesperson`)
    as word -> the word it counts as, and phrase (several words) -> the word it counts as."""
    pairs = [e.split(":", 1) for e in entries if ":" in e]
    return {a: b for a, b in pairs if " " not in a}, {a: b for a, b in pairs if " " in a}


def _readings(role: str, phrases: dict[str, str]) -> list[str]:
    """A role as written and, where it has a title phrase of `role_synonyms`, as the word that
    phrase counts as (`Clinton communications director` is also `clinton spokesperson`): a
    description matches either, so `the communications director` stays that title alone."""
    low = role.lower()
    for phrase, word in phrases.items():
        low = re.sub(rf"\b{re.escape(phrase)}\b", word, low)
    return [role] if low == role.lower() else [role, low]


def _head_gender(entries, head: str) -> str | None:
    """The gender a head says (rules/words.toml `gendered_role_heads`, `spokeswoman:female`)."""
    return next((e.split(":", 1)[1] for e in entries if e.split(":", 1)[0] == head), None)


def _in_lede(names: ArticleNames, span: Span) -> bool:
    lines = [line for line in names.doc.text[:span.start_char].split("\n") if line.strip()]
    return len(lines) <= LEDE_LINES
