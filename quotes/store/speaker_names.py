"""Which person a speaker's name means: THE one module every path compares names by.

Ingest's filing of a quote's speaker, `quotes check --speaker`, `quotes export --speaker`, the
speaker pages' lookups, the fact-check form and the canned queries (through the SQL function
`speaker_ids`, `quotes.factcheck.sql`) all go through `tidy`, `key` and, with the database,
`quotes.store.speakers.match_speaker`. So `Mr. Ben Wallace`, `ben wallace`, `WALLACE`,
`Wallace's` and `Ben Wallace` mean the same person wherever a user types them.

* `tidy(name)`: the name as shown: invisible format characters (zero-width joiner, right-to-left
  override: Unicode category Cf) removed, its own spelling kept (`Ban Ki-moon`, not `Ban Ki -
  moon`; `D'Souza`), stray punctuation at its ends, honorifics and titles before it (`Mr.`,
  `Senators`, `Adviser`) and headline words around it (`Rival Hillary Clinton`, `Obama Says`)
  dropped.
* `key(name)`: what two names are compared by: `tidy`, then case, punctuation, a possessive
  (`Wallace's`), hyphens and a single middle initial (`Donald J. Trump` = `Donald Trump`)
  ignored. Suffixes stay (`Donald Trump Jr.` is someone else).
* `junk(name)`: why a resolved speaker is no one (a pronoun, quantifier, number, percentage,
  punctuation, markup, a headline word): the quote is stored with its mention and no speaker.
* `scope(name, is_person)`: whether a name is one speaker across the database (a person's name,
  an organisation: `Donald Trump`, `the Kremlin`, `Democrats`) or someone of one article alone (a
  description: `a source`, `experts`, `the Kentucky Republican`, `GOP nominee`).
* `description_key(name)`: what one article's descriptions of one speaker share, their core noun
  phrase (`The experts` = `Several experts`; `attorneys for the family` = `their attorneys`).
* `clean_role(role)`: a role only when it is a title or a noun phrase about a person
  (`Russia's defence minister`), cleaned of datelines and articles; never a sentence fragment.

Across articles, `quotes.store.speakers` and `quotes.store.surnames` use these keys: the same key
is the same speaker; a bare surname (`Johnson`) joins the one person of the database with that
surname, or stays apart (and is answered as ambiguous) when there are several; a user's
corrections (`quotes speakers merge/rename`, table `speaker_corrections`, keyed by `key`) win
over all of it on every later ingest. This module holds the name logic alone (no SQL).
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..ruleset import default_rules_dir, rule_file, word_lists

# the word lists are data: rules/speakers.toml (and the cue words of rules/cues.toml, the
# given names of rules/names.toml, the headline documents of rules/words.toml)
_WORDS = word_lists("speakers.toml")
HONORIFICS = _WORDS["honorifics"]
TITLES = _WORDS["titles"]
PRONOUNS = _WORDS["pronouns"]
INDEFINITE = _WORDS["indefinites"]
ARTICLES = _WORDS["articles"]
HEADLINE = _WORDS["headline_words"] | word_lists("words.toml")["headline_documents"]
QUANTIFIERS = _WORDS["quantifiers"] | PRONOUNS
SUFFIXES = _WORDS["suffixes"]
PARTICLES = _WORDS["particles"]
PERSON_HEADS = _WORDS["person_heads"]
_TITLES_TOML = word_lists("titles.toml")
ROLE_HEADS = (_WORDS["role_heads"] | PERSON_HEADS | _TITLES_TOML["people_nouns"] | _TITLES_TOML["titles"]) \
    - _WORDS["not_role_heads"]
NOT_ROLE_HEADS = _WORDS["not_role_heads"]
DETERMINERS = word_lists("words.toml")["determiners"]
GROUP_NOUNS = _WORDS["group_nouns"]
PARTY_HEADS = _WORDS["party_heads"]
_NAMES_ENDING_IN_A_VERB = _WORDS["names_ending_in_a_verb"]
_COUNT_WORDS = QUANTIFIERS | DETERMINERS
_ABBREVIATIONS = rule_file("speakers.toml")["abbreviations"]["titles"]
_IMPLIED = rule_file("speakers.toml").get("implied_roles", {})
_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z. ]{0,20}")
"""Abbreviated titles -> the title they stand for (`sen` -> `senator`): rules/speakers.toml."""


def _toml(name: str) -> dict:
    return tomllib.loads((default_rules_dir() / name).read_text(encoding="utf-8"))


_CUE_CLASSES = _toml("cues.toml").get("classes", {})


def _cue_forms(inflected_only: bool = False) -> frozenset[str]:
    """Cue verbs in the forms a headline uses (`Says`, `Slams`, `Warned`) and cue nouns; with
    `inflected_only`, the inflected verb forms alone (no base form, no noun: `Post`, `Pen`)."""
    forms, base = set(), set()
    for table in _CUE_CLASSES.values():
        for verb in table.get("verbs", []):
            v = verb.lower()
            base.add(v)
            forms |= {v + "s", v + "es", v + "d", v + "ed"}
            if v.endswith("y"):
                forms |= {v[:-1] + "ies", v[:-1] + "ied"}
        base |= {n.lower() for n in table.get("nouns", [])}
    return frozenset(forms - base) if inflected_only else frozenset(forms | base)


CUE_FORMS = _cue_forms()
CUE_INFLECTED = _cue_forms(inflected_only=True) | {n.lower() for n in _CUE_CLASSES.get("speech", {}).get("nouns", [])}
"""Cue verbs inflected as a headline uses them (`Says`, `Warned`, `Slams`) and the nouns of a
spoken statement (`Obama Speech`: his speech), not base forms or written works (`Post`, `Pen`,
`Report`): a headline's `Washington Post` or `Drudge Report` is a name."""
BODY_NAMES = frozenset(n.casefold() for n in _toml("names.toml").get("bodies", {}).get("names", []))
"""Places that stand for a body (`Kremlin`, `Downing Street`): never a person's surname alone."""
FIRST_NAME_GENDER = {n.lower(): g for g, names in _toml("names.toml").get("first_names", {}).items() for n in names}
FIRST_NAMES = frozenset(FIRST_NAME_GENDER)
_MENTION_GENDER = {w.lower().rstrip("."): g for g, words in _toml("titles.toml").get("honorifics", {}).items()
                   if g in ("male", "female") for w in words}
_MENTION_GENDER |= {w: v["gender"] for w, v in _toml("pronouns.toml").get("pronouns", {}).items()
                    if v.get("gender") in ("male", "female")}

_QUOTES = "\"“”„‘’'«»‹›`"
_EDGE_LEFT = _QUOTES + "-–—,;:()[]*•·.!?/\\|&+_~ "
_EDGE_RIGHT = _QUOTES + "-–—,;:()[]*•·!?/\\|&+_~ "
_MARKUP = re.compile(r"[=<>{}#@^$]|https?:|www\.")
_NUMBER = re.compile(r"^[\d.,%/:$£€]+$|^\d+(st|nd|rd|th|s)?$")
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’]*(?:\s+[A-Z][A-Z.'’]*)*,?(?:\s+[A-Z][a-z.]+)?\s*(?:\([A-Za-z. ]+\))?)\s*[-–—]+\s*")
_AGE = re.compile(r",\s*\d{1,3}$")


@dataclass(frozen=True)
class SpeakerRef:
    """What the store needs to file a quote's speaker: the identity key and a display name."""

    key: str
    name: str
    is_person: bool | None


def visible(text: str) -> str:
    """`text` without invisible format characters (Unicode category Cf: zero-width joiner and
    space, right-to-left override, soft hyphen, byte-order mark ...)."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _strip_edges(text: str) -> str:
    text = text.lstrip(_EDGE_LEFT).rstrip(_EDGE_RIGHT)
    if text.endswith(".") and not re.search(r"(\b[A-Z]|\b(?:Jr|Sr|St|Inc|Co|Ltd))\.$", text):
        text = text.rstrip(".").rstrip(_EDGE_RIGHT)
    return text


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _plain(word: str) -> str:
    """A word compared with the word lists: lower case, no dots or quote marks."""
    return word.casefold().strip(".,’'\"“”")


@lru_cache(maxsize=65536)
def tidy(name: str) -> str:
    """The name as shown. See the module docstring.

    >>> tidy("Mr. Ban Ki - moon")
    'Ban Ki-moon'
    >>> tidy("Rival Hillary Clinton")
    'Hillary Clinton'
    >>> tidy("Obama Says")
    'Obama'
    """
    text = visible(unicodedata.normalize("NFC", name or ""))
    text = " ".join(text.split())
    text = re.sub(r"(?<=\w) ?([-‐‑]) ?(?=\w)", r"\1", text)       # Ki - moon -> Ki-moon
    text = re.sub(r"(?<=\w) (['’]s)\b", r"\1", text)               # Trump ’s -> Trump’s
    text = _AGE.sub("", text)                                      # `Ramos, 58`
    text = _strip_edges(text)
    words = text.split()
    while words and _plain(words[0]) in ("and", "or", "by", "from", "with", "via"):
        words = words[1:]
    # honorifics and titles before a name, headline words around it
    while len(words) > 1 and (_plain(words[0]) in HONORIFICS | TITLES or _plain(words[0]) in HEADLINE) \
            and _is_cap(words[1]) and _is_cap(words[0]):
        words = words[1:]
    lead = next((i for i, w in enumerate(words) if _plain(w) in FIRST_NAMES), None)
    if lead and lead < len(words) - 1 and all(_is_cap(w) for w in words) \
            and not re.search(r"['’]s$", words[lead - 1]):
        words = words[lead:]                         # `Endorses Ted Cruz`, `Fox News Sean Hannity`
    if len(words) > 1 and all(_is_cap(w) for w in words):          # a title-case headline
        for i in range(1, len(words)):
            if _headline_verb(words, i):
                words = words[:i]                                  # `Obama Says`, `Rubio Responds To …`
                break
    return _strip_edges(" ".join(words))


def _headline_verb(words: list[str], i: int) -> bool:
    """Whether `words[i]` is a headline's verb after a name (`Obama Says`, `Maria Hinojosa
    Explained`, `Carly Fiorina Endorses Ted Cruz`; or a speech: `Obama Speech`): an inflected cue
    verb or a noun of a spoken statement (`Says`, `Speech`; not the `Post`
    of `Washington Post`, the `Pen` of `Marine Le Pen`, the `Wonder` of `Stevie Wonder`), or a
    headline word with more of the headline after it (not the `Watch` of `Judicial Watch`, the
    `Survey` of `U.S. Geological Survey`), unless the words up to it are a name that ends so
    (rules/speakers.toml `names_ending_in_a_verb`: `United States`)."""
    plain = _plain(words[i])
    if " ".join(_plain(w) for w in words[:i + 1]) in _NAMES_ENDING_IN_A_VERB:
        return False
    return plain in CUE_INFLECTED or plain in HEADLINE and i < len(words) - 1


def normalise(name: str) -> str:
    """The comparison form of a name as written: NFKC, case-folded, no punctuation, no
    invisible characters, no leading honorific.

    >>> normalise("Mr. Ben  Wallace")
    'ben wallace'
    >>> normalise("Russia’s defence minister")
    "russia's defence minister"
    """
    text = unicodedata.normalize("NFKC", visible(name or "")).replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"[^\w\s'-]", " ", text)
    words = text.split()
    while len(words) > 1 and words[0].strip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The key a name is filed and looked up under. See the module docstring.

    >>> key("Mr. Ben Wallace") == key("ben wallace") == key("Ben Wallace")
    True
    >>> key("Wallace's"), key("Donald J. Trump"), key("Bo\\u200dris Johnson")
    ('wallace', 'donald trump', 'boris johnson')
    """
    text = unicodedata.normalize("NFKC", tidy(name)).replace("’", "'").replace("‘", "'").casefold()
    owner = re.match(r"(?:the )?(\w+) (?:\w\. )?(\w+)'s ", text)
    if owner and owner.group(1) in FIRST_NAMES:      # `Donald Trump's campaign` = `Trump campaign`
        text = text[owner.start(2):]
    text = re.sub(r"'s\b", "", text)                 # possessives: `Wallace's`
    text = re.sub(r"[^\w\s']", " ", text.replace("-", " ")).replace("'", "")
    words = text.split()
    while len(words) > 1 and (words[0] in ARTICLES or words[0] in HONORIFICS):
        words = words[1:]
    middle = [i for i, w in enumerate(words[1:-1], 1) if len(w) == 1]
    if len(words) >= 3 and len(middle) == 1:
        del words[middle[0]]                          # `donald j trump` -> `donald trump`
    return " ".join(words)


def may_be_surname(k: str) -> bool:
    """Whether a key of one word may stand for a person's surname (not a body: `kremlin`)."""
    return bool(k) and " " not in k and k not in BODY_NAMES and k not in QUANTIFIERS


def gender_of_key(k: str) -> str | None:
    """`male` / `female` when a person's key starts with a given name that nearly always is one."""
    return FIRST_NAME_GENDER.get(k.split()[0]) if k else None


def gender_of_mention(mention: str | None) -> str | None:
    """The gender a mention gives its speaker: a pronoun (`he`) or an honorific (`Mrs Obama`)."""
    words = (mention or "").casefold().replace(".", "").split()
    return _MENTION_GENDER.get(words[0]) if words else None


def surname(k: str) -> str | None:
    """The surname of a person's key of two or more words (`donald trump jr` -> `trump`), or None."""
    words = [w for w in k.split() if w not in SUFFIXES]
    return words[-1] if len(words) >= 2 else None


def display_name(name: str) -> str:
    """The name as shown (kept for callers of the old name): `tidy`."""
    return tidy(name)


def junk(name: str) -> str | None:
    """Why `name` (as `tidy` leaves it) is no speaker at all, or None when it may be one.

    A headline word is junk only as written in a title line, capitalised (`Poll`); in lower case
    it is a description the attributor made of `the poll` or `the study`, one article's document.

    A number makes a speaker a quantity unless it is inside a word (`the 34-year-old mother of
    three`, `the 50-state poll`) or a name follows it (`1995 New York Times article`).

    >>> [junk(n) for n in ("Those", "29 percent", "’ she", "Poll", "poll", "Ben Wallace")]
    ['pronoun or quantifier', 'number or percentage', 'pronoun or quantifier', 'headline word', None, None]
    >>> [junk(n) for n in ("Nearly 6,000", "60 of them", "34-year-old mother of three", "1995 New York Times article")]
    ['number or percentage', 'number or percentage', None, None]
    """
    text = tidy(name)
    if not any(ch.isalpha() for ch in text):
        return "number or percentage" if any(ch.isdigit() for ch in text) else "punctuation"
    if _MARKUP.search(text):
        return "markup"
    words = [_plain(w) for w in text.replace("-", " ").split()]
    words = [w for w in words if w]
    if not words:
        return "punctuation"
    whole = [_plain(w) for w in text.split()]   # (`34-year-old`, `50-state`: a number in an adjective)
    named = any(_is_cap(w) and not _NUMBER.match(p) and p not in _COUNT_WORDS
                for w in text.replace("-", " ").split() if (p := _plain(w)))   # (`1995 New York Times article`)
    if any(_NUMBER.match(w) for w in whole) and not named \
            or "percent" in words or any(w.endswith("%") for w in words) or re.search(r"\b\w+ in (10|ten)\b", " ".join(words)):
        return "number or percentage"
    if all(w in QUANTIFIERS or w in DETERMINERS for w in words):
        return "pronoun or quantifier"
    if len(words) == 1 and words[0] in HEADLINE and any(ch.isupper() for ch in text):
        return "headline word"
    return None


def _head(words: list[str]) -> str | None:
    """The head of a noun phrase: its last word before a preposition or clause word."""
    cut = len(words)
    for i, w in enumerate(words):
        if i and w in ("of", "for", "at", "from", "in", "to", "with", "on", "who", "that", "which", "and", "since"):
            cut = i
            break
    return words[cut - 1] if cut else None


def is_person_name(name: str) -> bool:
    """A person's name by its form: two or more capitalised words (particles aside) whose head is
    no person noun (`Kentucky Republican` is a description), or a known given name first."""
    words = tidy(name).split()
    if not words or any(_plain(w) in ("and", "&") or re.search(r"['’]s$", w) for w in words):
        return False
    if _plain(words[0]) in FIRST_NAMES and len(words) >= 2:
        return True
    caps = [w for w in words if _plain(w) not in PARTICLES]
    return len(words) >= 2 and all(_is_cap(w) for w in caps) and _plain(words[-1]) not in PERSON_HEADS \
        and not any(_plain(w) in ("and", "&") for w in words)


def scope(name: str, is_person: bool | None) -> str:
    """`"database"` when `name` is one speaker across the whole database (a person's name, an
    organisation, a party), `"article"` when it is someone of its article alone (a description:
    `a source`, `experts`, `the Kentucky Republican`, `Donald Trump and Hillary Clinton`)."""
    words = tidy(name).split()
    if not words:
        return "article"
    first = _plain(words[0])
    if first in INDEFINITE or first in QUANTIFIERS - {"the"}:
        return "article"
    if first in ARTICLES or first in DETERMINERS:
        words = words[1:]
    if not words or not _is_cap(words[0]):
        return "article"                          # `experts`, `the campaign`
    plain = [_plain(w) for w in words]
    if "and" in plain or "&" in plain:
        return "article"                          # two people, or a group named by its members
    if not is_person and len(words) <= 4 and _head(plain) in PERSON_HEADS:
        return "article"                          # one person by role: `Kentucky Republican`
    if is_common_description(plain):
        return "article"                          # `Police`, `Retired General`, `Senator from Texas`
    if any(ch.isdigit() for ch in "".join(words)):
        return "article"
    return "database"


_POST_MODIFIER = _WORDS["post_modifiers"]
_OWN_PHRASE = _WORDS["own_phrase_adjectives"]


def is_common_description(plain: list[str]) -> bool:
    """Whether capitalised words (as `_plain` leaves them, any leading article gone) are a
    description in title or sentence case rather than a name: the head of the phrase is a noun
    of one person by role (`Retired General`, `Senator from Texas`, `Former White House Doctor`,
    `Member of House panel`), and no word is a given name; or it is a lone noun of an unnamed
    body of people opening a sentence (`Police`, `Officials`). A group its modifiers name
    (`U.S. officials`, `Sanders aides`) and a party (`Republicans`) stay names."""
    head = _head(plain)
    if not head or len(plain) > 6 or any(w in FIRST_NAMES for w in plain):
        return False
    if plain == [head] and head in GROUP_NOUNS:
        return True
    return head in PERSON_HEADS and head not in PARTY_HEADS


def description_key(name: str) -> str:
    """What one article's descriptions of one speaker share: the core noun phrase, without its
    determiners, quantifiers, possessive pronouns and numbers (`The experts`, `Several experts`,
    `all the experts`), its post-modifiers (`attorneys for the family`, `A slide from a
    presentation that ...`; an `of` phrase stays: `the secretary of state` is not `the secretary
    of defense`; nor a phrase that says whose side: `a person close to X`) and a common noun's possessive before it (`the ad’s narrator` =
    `a narrator in the Clinton ad`), and case. Inside one article `the source` and `another source` are
    filed as one speaker, `a Democratic source` apart from `a GOP source`, and `sources` (a
    group) apart from `a source` (one of them).

    >>> description_key("all the experts"), description_key("Experts on North Korea and nuclear arms")
    ('experts', 'experts')
    >>> description_key("attorneys for the family"), description_key("their attorneys")
    ('attorneys', 'attorneys')
    """
    written = tidy(name).split()
    owned = [i for i, w in enumerate(written[:-1]) if re.search(r"[a-z]['’]s?$", w) and not _is_cap(w)]
    if owned:  # `the ad’s narrator` = `the narrator in the ad`: a common noun's possessive is a modifier
        name = " ".join(written[owned[-1] + 1:])
    words = key(name).split()
    for i, w in enumerate(words):
        if i and w in _POST_MODIFIER and words[i - 1] not in _OWN_PHRASE:
            words = words[:i]
            break
    while words and (words[0] in QUANTIFIERS or words[0] in INDEFINITE or words[0] in DETERMINERS
                     or _NUMBER.match(words[0])):
        words = words[1:]
    return " ".join(words) if words else key(name)


DOCUMENT_HEADS = word_lists("words.toml")["document_nouns"] | _WORDS["document_heads"]
_OWNER_WORDS = ("from", "by")


def document_name(name: str) -> tuple[str, frozenset[str]] | None:
    """A description of one document (a poll, a study, an article: rules/words.toml
    `document_nouns`, rules/speakers.toml `document_heads`), as its head noun and the capitalised
    words that name it, before the head or after its `from`/`by` (`A Bloomberg poll` -> (`poll`,
    {bloomberg}); `the poll` -> (`poll`, {}); `The latest Reuters/Ipsos opinion poll` -> (`poll`,
    {reuters/ipsos}); `a report from the State Department` -> (`report`, {state, department})), or
    None. A plural (`exit polls`) is several documents, and a capitalised head is a name
    (`the Washington Post`), unless the phrase is indefinite (`a Morning Consult Poll`).

    >>> document_name("A Bloomberg poll"), document_name("the article"), document_name("exit polls")
    (('poll', frozenset({'bloomberg'})), ('article', frozenset()), None)
    >>> document_name("the Washington Post"), document_name("Tuttle’s article")
    (None, ('article', frozenset({'tuttle’s'})))
    """
    words = tidy(name).split()
    lead = bool(words) and (_plain(words[0]) in ARTICLES or _plain(words[0]) in INDEFINITE)
    indefinite = bool(words) and _plain(words[0]) in INDEFINITE
    while words and (_plain(words[0]) in ARTICLES or _plain(words[0]) in INDEFINITE):
        words = words[1:]
    plain = [_plain(w) for w in words]
    head = _head(plain)
    if not head or head not in DOCUMENT_HEADS or head.endswith("s") and head[:-1] in DOCUMENT_HEADS:
        return None
    at = plain.index(head)
    if _is_cap(words[at]) and not indefinite:
        return None
    # (a capitalised first word without an article may be sentence case: `Recent polls`)
    named = [w for i, w in enumerate(words[:at]) if _is_cap(w) and (i or lead or re.search(r"['’]s$", w))]
    if at + 1 < len(plain) and plain[at + 1] in _OWNER_WORDS:
        named += [w for w in words[at + 2:] if _is_cap(w)]
    return head, frozenset(_plain(w) for w in named)


TEAM_HEADS = _WORDS["team_heads"]


def team_owner(name: str) -> tuple[str, ...] | None:
    """The capitalised owner of a person's team as written (`The Trump team`, `Clinton’s team`
    -> (`Trump`,), (`Clinton`,); rules/speakers.toml `team_heads`), or None: no such team, or an
    owner that is no name (`his team`, `the new team`).

    >>> team_owner("The Trump team"), team_owner("Hillary Clinton's team"), team_owner("his team")
    (('Trump',), ('Hillary', 'Clinton'), None)
    """
    words = tidy(name).split()
    if words and _plain(words[0]) in ARTICLES:
        words = words[1:]
    if len(words) < 2 or _plain(words[-1]) not in TEAM_HEADS:
        return None
    owner = words[:-1]
    owner[-1] = re.sub(r"['’]s?$", "", owner[-1])
    if not all(_is_cap(w) and w.isalpha() and _plain(w) not in PRONOUNS for w in owner) or len(owner) > 3:
        return None
    return tuple(owner)


def implied_roles(words: set[str]) -> set[str]:
    """The role nouns titles imply (rules/speakers.toml `implied_roles`): `rep` -> lawmaker."""
    return {r for w in words for r in _IMPLIED.get(w, ())}


def person_words(text: str) -> set[str]:
    """The words of `text` that describe one person by role or side (rules/speakers.toml
    `person_heads`): `Republican nominee Donald Trump` -> {republican, nominee}."""
    words = (_ABBREVIATIONS.get(w, w) for w in (_plain(x) for x in visible(text).split()))
    return {w for w in words if w in PERSON_HEADS}


def titles_before(text: str, k: str) -> set[str]:
    """The capitalised title right before each place the article names the person of key `k`
    (`President Obama`, `Gov. Mike Pence`, `Sen. Bernie Sanders`): {president, governor, senator}."""
    last = surname(k) or k
    first = k.split()[0] if " " in k else None
    found = set()
    for m in re.finditer(r"\b" + re.escape(last) + r"\b", text, flags=re.IGNORECASE):
        words = text[max(0, m.start() - 60):m.start()].split()[-3:]
        if words and re.fullmatch(r"[A-Z]\.", words[-1]):  # a middle initial
            words = words[:-1]
        if words and _plain(words[-1]) == first:
            words = words[:-1]
        if words and words[-1][:1].isupper() and _plain(words[-1]) != first:
            found.add(_ABBREVIATIONS.get(_plain(words[-1]), _plain(words[-1])))
    return found


def description_head(name: str, indefinite: bool = False) -> str | None:
    """The head noun of a definite description of one person (`the GOP nominee` -> `nominee`,
    `the Vermont senator` -> `senator`), or None: indefinite (`a source`; unless `indefinite`:
    a headline's or lede's `A former DNC chairman says`), plural, someone else's (`Pagliano's
    lawyer`, `his attorney`) or no person noun."""
    words = tidy(name).split()
    if not words or re.search(r"['’]s\b", " ".join(words)):
        return None
    first = _plain(words[0])
    if indefinite and first in ("a", "an"):
        words = words[1:]
        first = _plain(words[0]) if words else ""
    if first in INDEFINITE or first in QUANTIFIERS - {"the"} or first in DETERMINERS - {"the"}:
        return None
    plain = [_plain(w) for w in words]
    head = _head(plain)
    return head if head in PERSON_HEADS and len(plain) <= 6 else None


_FROM = re.compile(r"(?i:an?|the|one)\s+([a-z][\w’'-]*(?:\s+[a-z][\w’'-]*)*)\s+from\s+(\S.*)")


def document_owner(name: str) -> str | None:
    """The key of the person a thing `from` them belongs to (`A lesson from Loretta Lynch` ->
    `loretta lynch`): what it says is theirs. None when the thing is a person (`an aide from
    Texas`) or what follows `from` is no capitalised name."""
    m = _FROM.fullmatch(tidy(name))
    if not m or _plain(m.group(1).split()[-1]) in PERSON_HEADS | ROLE_HEADS or not _is_cap(m.group(2)):
        return None
    return key(m.group(2))


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
    """Whether a mention is worth keeping as an alias (pronouns and junk are not)."""
    norm = normalise(mention)
    return bool(norm) and norm not in PRONOUNS and junk(mention) is None


_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ee", "crat", "ant", "person")


def clean_role(role: str | None) -> str | None:
    """A role as stored and shown, or None when it is no role (see the module docstring).

    >>> clean_role("NEW YORK - Republican presidential candidate")
    'Republican presidential candidate'
    >>> clean_role("the Republican presidential nominee"), clean_role("a three-person race between himself")
    ('Republican presidential nominee', None)
    >>> clean_role("Sen."), clean_role("R-Ky."), clean_role("Ky.")
    ('Senator', 'R-Ky.', None)
    """
    if not role:
        return None
    text = " ".join(visible(role).split())
    if _PARTY_STATE.fullmatch(text):
        return text                                   # `R-Ky.`: party and state, as US copy gives them
    if _plain(text) in _ABBREVIATIONS and " " not in text:
        return _ABBREVIATIONS[_plain(text)].capitalize()   # `Sen.` -> `Senator`
    text = _DATELINE.sub("", text) if re.match(r"^[A-Z]{2,}", text) else text
    text = _strip_edges(text)
    words = text.split()
    while words and _plain(words[0]) in ARTICLES:
        words = words[1:]
    while words and _plain(words[-1]) in ("and", "or", "of", "the", "a", "an", "for", "to", "in", "at", "with"):
        words = words[:-1]
    if not words or len(words) > 10 or re.search(r"[!?;:\"“”]|\.\s", " ".join(words)):
        return None
    plain = [_plain(w) for w in words]
    if any(w in ("said", "says", "told", "between", "because", "himself", "herself", "themselves", "is", "was",
                 "are", "were", "will", "would", "has", "have", "had", "not") for w in plain):
        return None
    head = _head(plain)
    if not head or not head.isalpha() and "-" not in head:
        return None
    if head in NOT_ROLE_HEADS:
        return None
    if head in ROLE_HEADS or head.rstrip("s") in ROLE_HEADS or (
            head.endswith(_PERSON_SUFFIXES) and len(head) > 4 and not head.endswith("ment")):
        return " ".join(words)
    return None


def surname_pattern(surname: str) -> str:
    """A LIKE pattern (escape character `\\`) for the keys of full names ending in `surname`."""
    return "% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
