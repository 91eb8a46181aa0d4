"""How closely a stored quote says a claim: normalising, content words, and the 0-100 score.

Every function bounds its input (`MAX_CLAIM_CHARS`, `MAX_WORDS`, `MAX_TEXT_CHARS`,
`MAX_NAME_CHARS`, `MAX_ALIASES`) before any work: the same functions run as SQL functions on the
site, where Datasette's time limit cannot interrupt Python, so one URL with a claim of thousands
of words must not hold a page for seconds.
"""
from __future__ import annotations

import json
import re
import unicodedata

from rapidfuzz import fuzz, process

from ..ruleset import word_lists
from ..store import speaker_names

EXACT = 97.0
"""Score from which a match counts as the claim's own words."""
NEAR = 70.0
"""Score from which a quote counts as saying the claim (paraphrase, shortened, reordered)."""

STOPWORDS = word_lists("factcheck.toml")["stopwords"]
"""Words that carry no meaning in a claim (rules/factcheck.toml)."""
NEGATIONS = word_lists("factcheck.toml")["negations"]
"""Words that turn a statement into its opposite (rules/factcheck.toml); `n't` counts as `not`."""
FUNCTION_WORDS = word_lists("factcheck.toml")["function_words"]
"""Words that do not count towards a claim's length (rules/factcheck.toml)."""
MIN_CONTENT_WORDS = 3
"""A claim with fewer content words than this is refused: `a`, `of` or `he said no` would match
thousands of quotes word for word and prove nothing."""
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_CLAIM_CHARS = 400
"""A claim is read up to this many characters (a long sentence; a claim is not an article)."""
MAX_WORDS = 24
"""At most this many content words of a claim are looked up and scored."""
MAX_TEXT_CHARS = 5000
"""A quote is compared up to this many characters (five long paragraphs)."""
MAX_NAME_CHARS = 200
MAX_ALIASES = 200
MAX_ALIASES_JSON = 100_000
"""An aliases list longer than this (as JSON) is not read: a thousand names would fit."""


def bounded(value, limit: int) -> str:
    """`value` as text, cut to `limit` characters (None is empty)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return value[:limit]


def normalise(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Case-folded words with punctuation and quote marks dropped: what the scores compare
    (of the first `limit` characters)."""
    text = unicodedata.normalize("NFKC", bounded(text, limit)).replace("’", "'").casefold()
    return " ".join(_WORD.findall(text))


def content_words(text: str) -> list[str]:
    """The claim's words that carry meaning (stopwords dropped; all words if nothing is left),
    at most `MAX_WORDS` of them from its first `MAX_CLAIM_CHARS` characters."""
    words = normalise(text, MAX_CLAIM_CHARS).split()
    content = [w for w in words if w not in STOPWORDS]
    return list(dict.fromkeys(content or words))[:MAX_WORDS]


def phrase(text: str) -> str:
    """`text` as one FTS5 phrase (double quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


def score(claim: str, text: str) -> float:
    """How closely a quote's text says the claim, 0 to 100.

    The mean of rapidfuzz's `partial_ratio` (the best-aligned stretch of the quote, so a claim
    may quote only part of it) and the share of the claim's content words found in the quote
    (fuzzily, so `cooperating` finds `cooperation`); 100 when the claim appears word for word.
    """
    c, t = normalise(claim, MAX_CLAIM_CHARS), normalise(text, MAX_TEXT_CHARS)
    if not c or not t:
        return 0.0
    if f" {c} " in f" {t} ":
        return 100.0
    words = content_words(claim)
    quote_words = list(set(t.split()))
    found = sum(
        1 for w in words if process.extractOne(w, quote_words, scorer=fuzz.ratio, score_cutoff=80) is not None
    )
    coverage = 100.0 * found / len(words) if words else 0.0
    return round(0.5 * fuzz.partial_ratio(c, t) + 0.5 * coverage, 1)


def content_count(claim: str) -> int:
    """How many different words of the claim count towards its length (not `FUNCTION_WORDS`)."""
    return len({w for w in normalise(claim, MAX_CLAIM_CHARS).split() if w not in FUNCTION_WORDS})


def claim_problem(claim: str, min_words: int = MIN_CONTENT_WORDS) -> str | None:
    """Why a claim cannot be checked (one line), or None."""
    n = content_count(claim)
    if n < min_words:
        return (f"the claim is too short to check: {n} content word{'' if n == 1 else 's'}, at least "
                f"{min_words} needed (`the`, `of`, `said` and the like do not count)")
    return None


def negations(text: str) -> frozenset[str]:
    """The negation words of `text` (`n't` read as `not`)."""
    text = unicodedata.normalize("NFKC", bounded(text, MAX_TEXT_CHARS)).replace("’", "'").casefold()
    words = re.findall(r"\w+(?:'\w+)?", text)
    found = {w for w in words if w in NEGATIONS}
    if any(w.endswith("n't") for w in words):
        found.add("not")
    return frozenset(found)


def _stretch(text: str, start: int, end: int) -> str:
    """`text[start:end]` widened to whole words, with the word before it (a `not` just before)."""
    lo = text.rfind(" ", 0, max(0, text.rfind(" ", 0, start))) + 1 if start else 0
    hi = text.find(" ", end)
    return text[lo: len(text) if hi < 0 else hi]


def contradicts(claim: str, text: str) -> bool:
    """Whether the claim and the stretch of the quote that says it hold different negations
    (`there is a plan to invade` / `there is no plan to invade anyone`): a negation in the
    aligned stretch of one that the other does not hold at all. Only the aligned parts are read,
    so a claim that goes on past the quote is judged on what the quote holds."""
    c, t = bounded(claim, MAX_CLAIM_CHARS).casefold(), bounded(text, MAX_TEXT_CHARS).casefold()
    if not c.strip() or not t.strip():
        return False
    al = fuzz.partial_ratio_alignment(c, t)
    if al is None:
        return False
    return bool(negations(_stretch(c, al.src_start, al.src_end)) - negations(t)
                or negations(_stretch(t, al.dest_start, al.dest_end)) - negations(c))


def speaker_matches(wanted: str | None, name: str | None, aliases: str | list | None = None) -> bool:
    """Whether `wanted` names this speaker by name alone (no database: the SQL function
    `speaker_matches`): its name or any alias compared by `quotes.store.speaker_names.key`, or a
    bare surname that is the surname of its name. `quotes check` and the canned queries match by
    the database's rows instead (`quotes.store.speakers.match_speaker`)."""
    w = speaker_names.key(bounded(wanted, MAX_NAME_CHARS))
    if not w:
        return False
    names = [name]
    if isinstance(aliases, str):
        try:
            aliases = json.loads(aliases) if len(aliases) <= MAX_ALIASES_JSON else []
        except ValueError:
            aliases = []
    names += list(aliases)[:MAX_ALIASES] if isinstance(aliases, list) else []
    for n in names:
        k = speaker_names.key(bounded(n, MAX_NAME_CHARS))
        if k and (k == w or (" " not in w and speaker_names.surname(k) == w)):
            return True
    return False
