"""Short forms of an organisation's name, resolved to the full name the article gave it before.

A story names a body in full once (`The United Nations Security Council`, `the coal mining giant
Peabody Energy`, `The International Monetary Fund`) and then shortens it: to the last words
(`the Security Council`), to the first word (`Peabody`), or to `the` and the last word's noun
(`the fund`). The database should file those quotes under the full name, as it files `Shoigu`
under `Sergei Shoigu`. Each short form counts only where exactly one organisation named earlier
in the article, outside quotation marks, page furniture and title-case headlines, fits it; a first word that is also a
person's name word in the article (`Trump` of `Trump Foundation`) is that person's, not the
body's. `the utility`, `the city` and other nouns of rules/words.toml `body_nouns` /
`place_nouns` are resolve.py's `_body_named_before` (which may also take the only body named).
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from .index import DocIndex
from .names import POSSESSIVE, ArticleNames
from .speaker import Speaker

BODY_LABELS = ("ORG",)


def bodies_before(names: ArticleNames, ix: DocIndex, before: int) -> list[tuple[str, ...]]:
    """The organisations named before token `before`, by their words (no leading `the`)."""
    out = []
    for e in ix.ents:
        if e.start >= before or e.label_ not in BODY_LABELS or ix.quotation_at(e.start_char) is not None \
                or names.in_furniture(e.start_char) or _title_case_line(names.doc.text, e.start_char):
            continue           # (a headline's capitals make names of anything: `Suspect Named By Police`)
        words = _words(e.text, names)
        if words and words not in out and words[0][:1].isupper():
            out.append(words)
    return out


def longer_body(names: ArticleNames, ix: DocIndex, span: Span) -> str | None:
    """`the Security Council` after `United Nations Security Council` (the last two or more
    words of one longer name), `Peabody` after `Peabody Energy` (the first word of one longer
    name, not a person's name word): that full name, else None."""
    words = _words(span.text, names)
    if not words or not all(w[:1].isupper() for w in words) or span.root.ent_type_ not in ("ORG", ""):
        return None          # (`British Columbia` is a place, `a Republican` a person)
    if len(words) == 1 and any(words[0] in n.words for n in names.names.values()):
        return None
    found = set()
    for full in bodies_before(names, ix, span.start):
        if len(full) <= len(words):
            continue
        if len(words) >= 2 and full[-len(words):] == words or len(words) == 1 and full[0] == words[0]:
            found.add(full)
    return " ".join(found.pop()) if len(found) == 1 else None


def body_by_head(names: ArticleNames, ix: DocIndex, span: Span) -> str | None:
    """`The International Monetary Fund announced … the fund warned`: `the` and a singular noun
    that is the last word of the name of exactly one organisation named before: that name."""
    root, rules = span.root, names.rules
    if root.tag_ != "NN" or len(span) != 2 or span[0].lower_ not in rules.words["definite_articles"]:
        return None
    if root.lower_ in rules.title_words or root.lower_ in rules.people_nouns:
        return None
    found = {full for full in bodies_before(names, ix, span.start)
             if len(full) >= 2 and full[-1].lower() == root.lower_}
    return " ".join(found.pop()) if len(found) == 1 else None


def members_of(span: Span, names: ArticleNames, resolve_subject: Callable) -> str | None:
    """`the members of the Security Council said`: `the` and a noun of rules/words.toml
    `member_nouns` with `of` and an organisation speak as that organisation (its full name, as
    `resolve_subject` gives it: `United Nations Security Council`); `some members of …`, `two
    members of …` are some of them, not the body."""
    root, words = span.root, names.rules.words
    if root.lower_ not in words["member_nouns"] or span[0].lower_ not in words["definite_articles"]:
        return None
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.ent_type_ not in BODY_LABELS or obj.pos_ != "PROPN":
        return None
    sp: Speaker = resolve_subject(obj)
    return sp.name if sp.name and not sp.is_person else None


def _title_case_line(text: str, char: int) -> bool:
    """Is the line around `char` a headline in title case (four words or more, nearly all
    capitalised)?"""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    words = [w for w in text[start:end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _words(text: str, names: ArticleNames) -> tuple[str, ...]:
    parts = [p for p in text.split() if any(c.isalnum() for c in p)]   # (not a dash before a name)
    while parts and (parts[0].lower() in names.rules.words["definite_articles"] or parts[0].lower() in names.stop):
        parts.pop(0)
    if parts:
        parts[-1] = POSSESSIVE.sub("", parts[-1]) or parts[-1]
    return tuple(p for p in parts if p)
