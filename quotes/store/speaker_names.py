"""Who a speaker's name means across articles: the key a name is filed and looked up under.

An article already resolves its own mentions (`Wallace`, `he`, `the defence secretary`) to the
fullest name it gives (`Ben Wallace`); this module decides, conservatively, when two names from
different articles are the same person:

* the same name, ignoring case, punctuation and honorifics (`Mr Wallace` = `Wallace`), is the
  same speaker;
* a surname alone (`Johnson`) joins a full name (`Boris Johnson`) only when exactly one known
  person has that surname; with two Johnsons, or none, it stays a speaker of its own; in the
  other order, a full name filed for the first time takes in the speaker of its surname alone
  (`Holloway` in one article, `Jane Holloway` in a later one) when no other person has that
  surname and the user has not corrected it (`quotes.store.surnames.settle`, after every save,
  so the order of articles does not matter);
* a definite description or organisation (`British ministers`, `the Kremlin`) is one speaker
  across articles; an indefinite one (`a source`, `one official`) is a different speaker in
  each article, since two anonymous sources are not known to be the same person;
* a user's corrections (`quotes speakers merge`, `quotes speakers rename`) are kept in the
  `speaker_corrections` table, keyed by the normalised name, and win over all of the above on
  every later ingest.

This module holds the name logic alone (no SQL): the keys, display names and kinds of names
that every path compares by. `quotes.store.speakers` files quotes with it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..ruleset import word_lists

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


def surname_pattern(surname: str) -> str:
    """A LIKE pattern (escape character `\\`) for the keys of full names ending in `surname`."""
    return "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
