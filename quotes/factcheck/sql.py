"""The fact-check as SQL functions, registered on every connection the site opens, so the
site's `fact_check` canned query runs the same lookup as `quotes check`.

* `fact_check(claim, speaker, limit)` - the whole lookup (`lookup.check`) as a JSON array of
  rows, one per piece of evidence (or one `not found` row), each with the verdict and its
  sentence; the canned query reads it with `json_each`;
* `claim_score(claim, text)` - 0-100 similarity between a claim and a quote's text;
* `speaker_ids(name)` - the JSON list of the `speakers` ids a name a user typed means
  (`quotes.store.speakers.match_speaker`: the same person `quotes check` and `quotes export`
  answer for; every choice when the name could be several people), for the canned queries;
* `speaker_matches(wanted, name, aliases_json)` - 1 if the wanted speaker is this speaker;
* `claim_verdict(score, speaker_ok, wanted[, contradicts])` - said / said (near) / said by
  someone else / contradicts;
* `claim_contradicts(claim, text)` - 1 if the quote's stretch that says the claim negates it
  (or the claim negates it);
* `claim_fts_query(claim)`, `claim_fts_query_all(claim)` - FTS5 queries for a claim's content
  words, OR-ed and AND-ed, for queries of one's own.

Every function bounds its input before any work (see `scoring`).
"""
from __future__ import annotations

import json
import sqlite3

from ..store.speakers import match_speaker
from . import scoring, verdicts
from .lookup import check

MAX_EVIDENCE = 20
"""At most this many pieces of evidence are returned to the site."""

ROW_FIELDS = ("verdict", "summary", "score", "is_that_speaker", "speaker", "speaker_role", "text", "kind", "cue",
              "title", "outlet", "published", "url", "context", "start", "end", "article_id", "quote_id",
              "speaker_id")
"""The columns of the `fact_check` canned query, in order."""


def fts_query(claim: str, max_terms: int = 12) -> str:
    """An FTS5 query for candidates: the content words, each quoted, OR-ed together."""
    words = sorted(scoring.content_words(claim), key=len, reverse=True)[:max_terms]
    # An empty phrase matches nothing (a blank form in Datasette must not be an FTS error).
    return " OR ".join(scoring.phrase(w) for w in words) or '""'


def fts_query_all(claim: str) -> str:
    """An FTS5 query for the quotes that hold every content word of the claim (AND)."""
    return " AND ".join(scoring.phrase(w) for w in scoring.content_words(claim)) or '""'


def fact_check_rows(conn: sqlite3.Connection, claim, speaker=None, limit=MAX_EVIDENCE) -> list[dict]:
    """`lookup.check` on `conn` as rows of `ROW_FIELDS`: one per piece of evidence, best first,
    or a single `not found` row."""
    claim = scoring.bounded(claim, scoring.MAX_CLAIM_CHARS)
    speaker = scoring.bounded(speaker, scoring.MAX_NAME_CHARS).strip() or None
    try:
        limit = max(1, min(int(limit), MAX_EVIDENCE))
    except (TypeError, ValueError):
        limit = MAX_EVIDENCE
    result = check(conn, claim, speaker, limit=limit, timed=False) if claim.strip() else None
    if result is not None and result.verdict in (verdicts.REFUSED, verdicts.AMBIGUOUS):
        return [dict.fromkeys(ROW_FIELDS) | {"verdict": result.verdict, "summary": result.summary, "is_that_speaker": 0}]
    if result is None or not result.evidence:
        summary = result.summary if result else verdicts.summary(verdicts.NOT_FOUND, wanted=speaker)
        return [dict.fromkeys(ROW_FIELDS) | {"verdict": verdicts.NOT_FOUND, "summary": summary, "is_that_speaker": 0}]
    return [
        {"verdict": result.verdict, "summary": result.summary, "score": e.score, "is_that_speaker": int(e.speaker_matches),
         "speaker": e.speaker, "speaker_role": e.speaker_role, "text": e.text, "kind": e.kind, "cue": e.cue,
         "title": e.title, "outlet": e.outlet, "published": e.published, "url": e.url, "context": e.context,
         "start": e.start, "end": e.end, "article_id": e.article_id, "quote_id": e.quote_id,
         "speaker_id": e.speaker_id}
        for e in result.evidence
    ]


def speaker_ids(conn: sqlite3.Connection, name) -> str:
    """`match_speaker` as a JSON list of ids: the person's rows, or every choice of an ambiguous
    name (the canned queries show the speaker of each row)."""
    found = match_speaker(conn, scoring.bounded(name, scoring.MAX_NAME_CHARS))
    return json.dumps(found.ids or [c["id"] for c in found.choices])


def register(conn: sqlite3.Connection) -> None:
    """Register the SQL functions on a sqlite3 connection."""
    conn.create_function("fact_check", 3, lambda c, s, n: json.dumps(fact_check_rows(conn, c, s, n)))
    conn.create_function("speaker_ids", 1, lambda n: speaker_ids(conn, n))
    conn.create_function("claim_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("claim_fts_query_all", 1, fts_query_all, deterministic=True)
    conn.create_function("claim_score", 2, scoring.score, deterministic=True)
    conn.create_function(
        "speaker_matches", 3, lambda w, n, a: int(scoring.speaker_matches(w, n, a)), deterministic=True
    )
    conn.create_function(
        "claim_verdict", 3, lambda s, ok, w: verdicts.verdict(s, bool(ok), w), deterministic=True
    )
    conn.create_function(
        "claim_verdict", 4, lambda s, ok, w, c: verdicts.verdict(s, bool(ok), w, bool(c)), deterministic=True
    )
    conn.create_function(
        "claim_contradicts", 2, lambda c, t: int(scoring.contradicts(scoring.bounded(c, scoring.MAX_CLAIM_CHARS),
                                                                     scoring.bounded(t, scoring.MAX_TEXT_CHARS))),
        deterministic=True,
    )
