"""The fact-check lookup: was this claim said, and by whom?

`check(db, claim, speaker)` takes full-text candidates from `quotes_fts` (the claim's content
words OR-ed, best bm25 first), scores each against the claim with rapidfuzz, and answers:

* `said` / `said (near)` - the speaker asked about (or anyone, when none is given) said it,
  word for word or close to it, with the score;
* `said by someone else` - it was said, but not by that speaker: a misattribution; the
  evidence names who really said it;
* `not found` - no stored quote is close enough.

Each piece of evidence names the article, date, url, context and offsets. The scoring
functions live in `quotes/site/plugins/quotes_sql.py`, so Datasette's `fact_check`
canned query runs exactly the same lookup.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from . import speakers as speakers_mod
from .site.plugins import quotes_sql
from .store.connect import connect_readonly

CANDIDATES = 50
"""How many full-text candidates are scored per lookup."""
RARE = 1000
"""A word held by more quotes than this is too common to rank candidates by."""
MAX_TERMS = 6
"""At most this many of the claim's rarest words make the candidate query."""
POOL = 300
"""At most this many quotes holding all the claim's content words are compared with it."""
PHRASE_BUDGET_MS = 15
"""Time allowed to the exact-words search when every word of the claim is common."""
OWN_SCAN = 5000
"""A speaker asked about with up to this many quotes has all of them scored."""


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


def candidates(conn: sqlite3.Connection, claim: str, limit: int = CANDIDATES) -> list[int]:
    """Quote ids that may say the claim.

    Each of the claim's content words is probed for how many quotes hold it (stopping at
    `RARE`). Then: up to `POOL` quotes that hold every content word (cheap: the rarest word
    drives the intersection), of which the closest by rapidfuzz are kept; they include any
    quote that says the claim word for word, and if one does that is all. Else the quotes
    holding the rarest words, ranked by bm25, for claims that reword or shorten a quote.
    Ranking every quote that holds a common word would cost a scan of a million rows, so when
    every word is common and the first step was cut short at `POOL`, the quotes holding the
    content words within the claim's length of each other (FTS5 `NEAR`, which reads only those
    words' lists, not the stopwords') are compared instead, or else those holding the rarest word
    beside a neighbour of it in the claim (`_around`); where they are too many too, an FTS
    phrase search for the claim's exact words, given at most `PHRASE_BUDGET_MS`. (A pool not cut
    short holds every quote with all the words, so a phrase search could add nothing.)
    """
    probe = "select count(*) from (select rowid from quotes_fts where quotes_fts match ? limit ?)"
    df = {}
    for w in quotes_sql.content_words(claim):
        n = conn.execute(probe, [_phrase(w), RARE + 1]).fetchone()[0]
        if n:
            df[w] = n
    if not df:
        return []
    by_rarity = sorted(df, key=df.get)
    unranked = "select rowid from quotes_fts where quotes_fts match ? limit ?"
    pool = [r[0] for r in conn.execute(unranked, [" AND ".join(_phrase(w) for w in by_rarity), POOL])]
    ids, exact = _closest(conn, claim, pool, limit)
    if exact:
        return ids  # said word for word: no need to rank rewordings
    rare = [w for w in by_rarity if df[w] <= RARE][:MAX_TERMS]
    if rare:
        ranked = "select rowid from quotes_fts where quotes_fts match ? order by rank limit ?"
        ids += [r[0] for r in conn.execute(ranked, [" OR ".join(_phrase(w) for w in rare), limit])]
    elif len(pool) >= POOL:
        near = None
        if not all(w in quotes_sql.STOPWORDS for w in by_rarity):  # stopwords' lists are never cheap
            deadline = time.perf_counter() + PHRASE_BUDGET_MS / 1000  # for NEAR and _around together
            if len(by_rarity) > 1:
                span = len(quotes_sql.normalise(claim, quotes_sql.MAX_CLAIM_CHARS).split())
                query = f"NEAR({' '.join(_phrase(w) for w in by_rarity)}, {span})"
                near, finished = _within_budget(conn, unranked, [query, POOL], _left(deadline))
                near = near if finished else None
            if not near or len(near) >= POOL:
                near = _around(conn, claim, by_rarity[0], deadline)
        if near is not None and len(near) < POOL:
            closest, _ = _closest(conn, claim, near, limit)
            ids = closest + ids
        else:
            ids += _within_budget(conn, unranked, [_phrase(quotes_sql.normalise(claim)), limit], PHRASE_BUDGET_MS)[0]
    return list(dict.fromkeys(ids))


def _left(deadline: float) -> float:
    """Milliseconds left before `deadline` (a `time.perf_counter()` value)."""
    return max(0.0, (deadline - time.perf_counter()) * 1000)


def _around(conn: sqlite3.Connection, claim: str, word: str, deadline: float) -> list[int] | None:
    """Every quote holding `word` next to a word it has beside it in the claim (a two-word FTS
    phrase: a few milliseconds, where the whole claim as a phrase reads every stopword's list),
    from the narrower side; None when each side holds `POOL` quotes or more."""
    tokens = quotes_sql.normalise(claim, quotes_sql.MAX_CLAIM_CHARS).split()
    query = "select rowid from quotes_fts where quotes_fts match ? limit ?"
    best = None
    for i in [i for i, t in enumerate(tokens) if t == word][:2]:
        for a, b in ((i - 1, i), (i, i + 1)):
            if a >= 0 and b < len(tokens):
                phrase = _phrase(f"{tokens[a]} {tokens[b]}")
                found, finished = _within_budget(conn, query, [phrase, POOL], _left(deadline))
                if finished and len(found) < POOL and (best is None or len(found) < len(best)):
                    best = found
    return best


def _closest(conn: sqlite3.Connection, claim: str, ids: list[int], limit: int) -> tuple[list[int], bool]:
    """The `limit` quotes among `ids` whose best-aligned stretch is closest to the claim
    (rapidfuzz's `partial_ratio`, in C), and whether one holds it word for word."""
    if not ids:
        return [], False
    texts = dict(conn.execute(f"select id, text from quotes where id in ({','.join('?' * len(ids))})", ids).fetchall())
    best = process.extract(claim, texts, scorer=fuzz.partial_ratio, processor=utils.default_process, limit=limit)
    return [key for _, _, key in best], bool(best) and best[0][1] >= 100


def _within_budget(conn: sqlite3.Connection, sql: str, params: list, budget_ms: float) -> tuple[list[int], bool]:
    """The ids `sql` finds before `budget_ms` runs out (SQLite's progress handler stops it), and
    whether it finished (a stopped search may have missed some)."""
    deadline = time.perf_counter() + budget_ms / 1000
    found: list[int] = []
    conn.set_progress_handler(lambda: time.perf_counter() > deadline, 1000)
    try:
        for row in conn.execute(sql, params):
            found.append(row[0])
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        return found, False
    finally:
        conn.set_progress_handler(None, 0)
    return found, True


def speaker_ids(conn: sqlite3.Connection, speaker: str) -> list[int]:
    """The `speakers` rows that `speaker` names: its normalised name or any alias seen (both
    found by index); a bare surname that is neither is looked for as the last word of a name."""
    key = speakers_mod.normalise(speaker)
    if not key:
        return []
    ids = [r[0] for r in conn.execute(
        "select id from speakers where key in (?, ?) union "
        "select speaker_id from speaker_aliases where alias = ? collate nocase",
        [key, "desc:" + key, " ".join(speaker.split())])]
    if not ids and " " not in key:
        ids = [r[0] for r in conn.execute(
            "select id from speakers where name like ? and is_person = 1", ["% " + key])]
    return ids


def own_candidates(conn: sqlite3.Connection, claim: str, ids: list[int], limit: int = 20) -> list[int]:
    """The quotes of the speakers `ids` closest to the claim, so that a speaker's own words are
    never missed because other speakers' quotes ranked higher (which would read as a
    misattribution). Up to `OWN_SCAN` quotes are all scored; beyond that, full-text first."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    n = conn.execute(f"select count(*) from quotes where speaker_id in ({marks})", ids).fetchone()[0]
    if n > OWN_SCAN:
        words = quotes_sql.content_words(claim)
        if not words:
            return []
        return [r[0] for r in conn.execute(
            f"select id from quotes where speaker_id in ({marks}) and id in "
            f"(select rowid from quotes_fts where quotes_fts match ?) limit ?",
            [*ids, " OR ".join(_phrase(w) for w in words), OWN_SCAN])]
    texts = dict(conn.execute(f"select id, text from quotes where speaker_id in ({marks})", ids).fetchall())
    best = process.extract(claim, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
                           limit=limit, score_cutoff=50)
    return [key for _, _, key in best]


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


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
    conn = db if isinstance(db, sqlite3.Connection) else connect_readonly(db)
    try:
        conn.row_factory = sqlite3.Row
        ids = candidates(conn, claim, candidates_limit)
        if speaker:
            ids = list(dict.fromkeys(ids + own_candidates(conn, claim, speaker_ids(conn, speaker))))
        evidence: list[Evidence] = []
        # Score on the quote text alone; only the quotes close enough are joined to their
        # article and speaker (most candidates are not, and each join reads two more rows).
        scores = {}
        if ids:
            marks = ",".join("?" * len(ids))
            for quote_id, text in conn.execute(f"select id, text from quotes where id in ({marks})", ids):
                s = quotes_sql.score(claim, text)
                if s >= quotes_sql.NEAR:
                    scores[quote_id] = s
        if scores:
            keep = list(scores)
            rows = conn.execute(_EVIDENCE_SQL.format(ids=",".join("?" * len(keep))), keep).fetchall()
            for row in rows:
                s = scores[row["quote_id"]]
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
