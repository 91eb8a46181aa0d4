"""Speaker identity across articles: which `speakers` row a quote's speaker belongs to.

An article already resolves its own mentions (`Wallace`, `he`, `the defence secretary`) to the
fullest name it gives (`Ben Wallace`); this module decides, conservatively, when two names from
different articles are the same person:

* the same name, ignoring case, punctuation and honorifics (`Mr Wallace` = `Wallace`), is the
  same speaker;
* a surname alone (`Johnson`) joins a full name (`Boris Johnson`) only when exactly one known
  person has that surname; with two Johnsons, or none, it stays a speaker of its own; in the
  other order, a full name filed for the first time takes in the speaker of its surname alone
  (`Holloway` in one article, `Jane Holloway` in a later one) when no other person has that
  surname and the user has not corrected it (`quotes.store.surnames.settle`, after every save, so the order of articles does not matter);
* a definite description or organisation (`British ministers`, `the Kremlin`) is one speaker
  across articles; an indefinite one (`a source`, `one official`) is a different speaker in
  each article, since two anonymous sources are not known to be the same person;
* a user's corrections (`quotes speakers merge`, `quotes speakers rename`) are kept in the
  `speaker_corrections` table, keyed by the normalised name, and win over all of the above on
  every later ingest.

Only `quotes.store` calls into here with a connection; the functions that touch SQL take a
`sqlite_utils.Database` and never commit (the store owns the transaction).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .ruleset import word_lists

# the word lists are data: rules/speakers.toml
_WORDS = word_lists("speakers.toml")
HONORIFICS = _WORDS["honorifics"]
PRONOUNS = _WORDS["pronouns"]
INDEFINITE = _WORDS["indefinites"]
ARTICLES = _WORDS["articles"]


@dataclass(frozen=True)
class SpeakerRef:
    """What the store needs to file a quote's speaker: the identity key and a display name."""

    key: str
    name: str
    is_person: bool | None


def normalise(name: str) -> str:
    """The comparison form of a name: NFKC, case-folded, no punctuation, no leading honorific.

    >>> normalise("Mr. Ben  Wallace")
    'ben wallace'
    >>> normalise("Russia’s defence minister")
    "russia's defence minister"
    """
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"[^\w\s'-]", " ", text)
    words = text.split()
    while len(words) > 1 and words[0].strip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def display_name(name: str) -> str:
    """The name as shown: the article's spelling with whitespace tidied and honorifics dropped."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def looks_like_person(name: str) -> bool:
    """A fallback when the attributor did not say: capitalised words, no leading article."""
    words = name.split()
    if not words or words[0].casefold() in ARTICLES | INDEFINITE:
        return False
    return all(w[:1].isupper() for w in words if w[:1].isalpha())


def is_indefinite(name: str) -> bool:
    """`a source`, `one official`, `some analysts`: not the same speaker in another article."""
    words = normalise(name).split()
    return bool(words) and words[0] in INDEFINITE


def is_alias(mention: str) -> bool:
    """Whether a mention is worth keeping as an alias (pronouns are not)."""
    norm = normalise(mention)
    return bool(norm) and norm not in PRONOUNS


def corrected_key(db, key: str) -> str:
    """Follow the user's merge corrections from `key` to the key that survives."""
    seen = {key}
    while True:
        row = db.execute(
            "select target_key from speaker_corrections where key = ? and action = 'merge'", [key]
        ).fetchone()
        if row is None or row[0] in seen:
            return key
        key = row[0]
        seen.add(key)


def resolve(db, speaker: str, is_person: bool | None, article_id: str) -> SpeakerRef:
    """The speaker identity for a quote's resolved speaker name in the given article."""
    name = display_name(speaker.strip())
    if is_person is None:
        is_person = looks_like_person(name)
    norm = normalise(name)
    if not is_person and is_indefinite(name):
        # Anonymous descriptions are scoped to their article.
        return SpeakerRef(f"{norm}@{article_id}", name, False)
    if not is_person:
        return SpeakerRef(corrected_key(db, f"desc:{norm}"), name, False)
    key = corrected_key(db, norm)
    if key != norm:
        return SpeakerRef(key, name, True)
    if db.execute("select 1 from speakers where key = ?", [norm]).fetchone():
        return SpeakerRef(norm, name, True)
    if " " not in norm:
        # A surname alone: join a full name only if it is the one person with that surname.
        rows = people_with_surname(db, norm)
        if len(rows) == 1:
            return SpeakerRef(rows[0], name, True)
    return SpeakerRef(norm, name, True)


def surname_pattern(surname: str) -> str:
    """A LIKE pattern (escape character `\\`) for the keys of full names ending in `surname`."""
    return "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_with_surname(db, surname: str, exclude_id: int | None = None) -> list[str]:
    """Keys of the people filed under a full name ending in `surname` (a normalised word)."""
    rows = db.execute(
        "select key from speakers where is_person = 1 and key like ? escape '\\' and id is not ?",
        [surname_pattern(surname), exclude_id],
    ).fetchall()
    return [r[0] for r in rows]
