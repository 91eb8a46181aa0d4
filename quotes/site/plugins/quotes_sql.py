"""SQL functions for the fact-check lookup, shared by `quotes check` and Datasette's canned query.

This file is a self-contained Datasette plugin (it needs only rapidfuzz), so the same lookup
runs in `quotes check`, in `quotes serve`, and in a deployment made with
`datasette publish ... --plugins-dir quotes/site/plugins --install rapidfuzz`.

SQL functions registered on every Datasette connection:

* `claim_fts_query_all(claim)`, `claim_fts_query(claim)` - FTS5 queries for candidates: the
  quotes holding all the claim's content words, and those holding any (ranked by bm25);
* `claim_score(claim, text)` - 0-100 similarity between a claim and a quote's text;
* `speaker_matches(wanted, name, aliases_json)` - 1 if the wanted speaker is this speaker;
* `claim_verdict(score, speaker_ok, wanted)` - said / said (near) / said by someone else.

Every function bounds its input (`MAX_CLAIM_CHARS`, `MAX_WORDS`, `MAX_TEXT_CHARS`,
`MAX_NAME_CHARS`, `MAX_ALIASES`) before any work: Datasette's time limit cannot interrupt a
Python function, so one URL with a claim of thousands of words must not hold a page for seconds.
"""
from __future__ import annotations

import json
import re
import unicodedata

from rapidfuzz import fuzz, process

EXACT = 97.0
"""Score from which a match counts as the claim's own words."""
NEAR = 70.0
"""Score from which a quote counts as saying the claim (paraphrase, shortened, reordered)."""

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say told""".split()
)
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


def _bounded(value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return value[:limit]


def normalise(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Case-folded words with punctuation and quote marks dropped: what the scores compare
    (of the first `limit` characters)."""
    text = unicodedata.normalize("NFKC", _bounded(text, limit)).replace("’", "'").casefold()
    return " ".join(_WORD.findall(text))


def content_words(text: str) -> list[str]:
    """The claim's words that carry meaning (stopwords dropped; all words if nothing is left),
    at most `MAX_WORDS` of them from its first `MAX_CLAIM_CHARS` characters."""
    words = normalise(text, MAX_CLAIM_CHARS).split()
    content = [w for w in words if w not in STOPWORDS]
    return list(dict.fromkeys(content or words))[:MAX_WORDS]


def fts_query(claim: str, max_terms: int = 12) -> str:
    """An FTS5 query for candidates: the content words, each quoted, OR-ed together."""
    words = sorted(content_words(claim), key=len, reverse=True)[:max_terms]
    # An empty phrase matches nothing (a blank form in Datasette must not be an FTS error).
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words) or '""'


def fts_query_all(claim: str) -> str:
    """An FTS5 query for the quotes that hold every content word of the claim (AND)."""
    words = content_words(claim)
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words) or '""'


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


def speaker_matches(wanted: str | None, name: str | None, aliases: str | list | None = None) -> bool:
    """Whether `wanted` names this speaker: its name or any alias, ignoring case and honorifics,
    or a surname that is the last word of its name."""
    w = normalise(wanted, MAX_NAME_CHARS)
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
        n = normalise(n, MAX_NAME_CHARS)
        if n and (n == w or (" " not in w and n.split()[-1] == w) or (" " in n and n.endswith(" " + w) and " " in w)):
            return True
    return False


def verdict(best_score: float | None, speaker_ok: bool, wanted: str | None) -> str:
    """The verdict for one piece of evidence: `said`, `said (near)`, `said by someone else`, or
    `not found`."""
    try:
        best_score = float(best_score)
    except (TypeError, ValueError):
        return "not found"
    if best_score < NEAR:
        return "not found"
    if wanted and not speaker_ok:
        return "said by someone else"
    return "said" if best_score >= EXACT else "said (near)"


def register(conn) -> None:
    """Register the SQL functions on a sqlite3 connection."""
    conn.create_function("claim_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("claim_fts_query_all", 1, fts_query_all, deterministic=True)
    conn.create_function("claim_score", 2, score, deterministic=True)
    conn.create_function(
        "speaker_matches", 3, lambda w, n, a: int(speaker_matches(w, n, a)), deterministic=True
    )
    conn.create_function(
        "claim_verdict", 3, lambda s, ok, w: verdict(s, bool(ok), w), deterministic=True
    )


try:
    from datasette import hookimpl
except ImportError:  # pragma: no cover - only the functions are needed outside Datasette
    pass
else:

    @hookimpl
    def prepare_connection(conn):
        register(conn)
