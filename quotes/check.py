"""The fact-check lookup: was this claim said, and by whom?

`check(db, claim, speaker)` takes full-text candidates from `quotes_fts` (the claim's content
words OR-ed, best bm25 first), scores each against the claim with rapidfuzz, and answers:

* `said` / `said (near)` - the speaker asked about (or anyone, when none is given) said it,
  word for word or close to it, with the score;
* `said by someone else` - it was said, but not by that speaker: a misattribution; the
  evidence names who really said it;
* `not found` - no stored quote is close enough.

Each piece of evidence names the article, date, url, context and offsets. The scoring
functions live in `quotes/datasette_plugins/quotes_sql.py`, so Datasette's `fact_check`
canned query runs exactly the same lookup.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .datasette_plugins import quotes_sql

CANDIDATES = 50
"""How many full-text candidates are scored per lookup."""
RARE = 2000
"""A word held by more quotes than this is too common to rank candidates by."""
MAX_TERMS = 6
"""At most this many of the claim's rarest words make the candidate query."""


@dataclass
class Evidence:
    """One stored quote that bears on the claim, with where to see it."""

    quote_id: int
    text: str
    score: float
    speaker: str | None
    speaker_role: str | None
    speaker_matches: bool
    kind: str
    cue: str | None
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    context: str | None
    start: int
    end: int
    spans: list[list[int]]


@dataclass
class CheckResult:
    """The verdict on a claim, and the evidence for it (best first)."""

    claim: str
    speaker: str | None
    verdict: str
    summary: str
    said_by: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


_EVIDENCE_SQL = """
select q.id as quote_id, q.text, q.speaker, coalesce(q.speaker_role, '') as quote_role,
       q.kind, q.cue, q.article_id, a.title, a.url, a.outlet, q.published, q.context,
       q.start, q."end", q.spans, s.aliases, s.roles
from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
where q.id in ({ids})
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a quote database read-only (a lookup never writes)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such quote database (create it with `quotes ingest`)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def candidates(conn: sqlite3.Connection, claim: str, limit: int = CANDIDATES) -> list[int]:
    """Quote ids whose text or speaker shares the claim's rarer words, best bm25 first.

    Each content word is probed for how many quotes hold it (stopping at `RARE`), so that the
    ranked query is built from the words that tell quotes apart: ranking every quote that
    contains a common word would cost a scan of a million rows.
    """
    words = quotes_sql.content_words(claim)
    if not words:
        return []
    probe = "select count(*) from (select rowid from quotes_fts where quotes_fts match ? limit ?)"
    df = {}
    for w in words:
        n = conn.execute(probe, [_phrase(w), RARE + 1]).fetchone()[0]
        if n:
            df[w] = n
    if not df:
        return []
    rare = sorted((w for w in df if df[w] <= RARE), key=df.get)[:MAX_TERMS]
    if rare:
        query = " OR ".join(_phrase(w) for w in rare)
    else:  # every word is common: only quotes holding all of them
        query = " AND ".join(_phrase(w) for w in sorted(df, key=df.get)[:MAX_TERMS])
    rows = conn.execute(
        "select rowid from quotes_fts where quotes_fts match ? order by rank limit ?", [query, limit]
    ).fetchall()
    return [r[0] for r in rows]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _role(row) -> str | None:
    if row["quote_role"]:
        return row["quote_role"]
    roles = json.loads(row["roles"] or "[]")
    return roles[-1]["role"] if roles else None


def _who(ev: Evidence) -> str:
    name = ev.speaker or "an unattributed source"
    if ev.speaker_role and ev.speaker_role.casefold() != name.casefold():
        return f"{name} ({ev.speaker_role})"
    return name


def check(
    db: str | Path | sqlite3.Connection,
    claim: str,
    speaker: str | None = None,
    *,
    limit: int = 5,
    candidates_limit: int = CANDIDATES,
) -> CheckResult:
    """Look a claim up in the quote database; see the module docstring for the verdicts."""
    conn = db if isinstance(db, sqlite3.Connection) else connect(db)
    try:
        conn.row_factory = sqlite3.Row
        ids = candidates(conn, claim, candidates_limit)
        evidence: list[Evidence] = []
        if ids:
            rows = conn.execute(_EVIDENCE_SQL.format(ids=",".join("?" * len(ids))), ids).fetchall()
            for row in rows:
                s = quotes_sql.score(claim, row["text"])
                if s < quotes_sql.NEAR:
                    continue
                evidence.append(
                    Evidence(
                        quote_id=row["quote_id"], text=row["text"], score=s, speaker=row["speaker"],
                        speaker_role=_role(row),
                        speaker_matches=bool(speaker) and quotes_sql.speaker_matches(speaker, row["speaker"], row["aliases"]),
                        kind=row["kind"], cue=row["cue"], article_id=row["article_id"],
                        title=row["title"], url=row["url"], outlet=row["outlet"],
                        published=row["published"], context=row["context"], start=row["start"],
                        end=row["end"], spans=json.loads(row["spans"] or "[]"),
                    )
                )
    finally:
        if conn is not db:
            conn.close()
    # The asked-about speaker's own quotes first, then by score, then the earliest.
    evidence.sort(key=lambda e: (not e.speaker_matches, -e.score, e.published or "", e.quote_id))
    if not evidence:
        who = f" from {speaker}" if speaker else ""
        return CheckResult(claim, speaker, "not found", f"No stored quote{who} is close to this claim.")
    best = evidence[0]
    verdict = quotes_sql.verdict(best.score, best.speaker_matches, speaker)
    said_by = list(dict.fromkeys(_who(e) for e in evidence))
    where = f"{best.title or best.article_id}" + (f", {best.published}" if best.published else "")
    if verdict == "said by someone else":
        summary = (
            f"Said, but not by {speaker}: {said_by[0]} said it "
            f"(score {best.score:.0f}, {where})."
        )
    elif verdict == "said":
        summary = f"{_who(best)} said this, word for word ({where})."
    else:
        summary = f"{_who(best)} said something close to this (score {best.score:.0f}, {where})."
    return CheckResult(claim, speaker, verdict, summary, said_by, evidence[:limit])


def format_result(result: CheckResult) -> str:
    """The verdict and its evidence as plain text for the terminal."""
    lines = [f"Claim: {result.claim}"]
    if result.speaker:
        lines.append(f"Speaker asked about: {result.speaker}")
    lines += [f"Verdict: {result.verdict}", result.summary]
    for i, ev in enumerate(result.evidence, 1):
        lines += [
            "",
            f"[{i}] “{ev.text}” — {_who(ev)}  (score {ev.score:.0f}, {ev.kind})",
            f"    {ev.title or ev.article_id} | {ev.outlet or '-'} | {ev.published or 'undated'} | {ev.url or '-'}",
            f"    offsets {ev.start}-{ev.end} in article {ev.article_id}",
            f"    context: {ev.context}",
        ]
    return "\n".join(lines)
