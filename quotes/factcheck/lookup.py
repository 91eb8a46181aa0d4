"""The fact-check lookup: was this claim said, and by whom?

`check(db, claim, speaker)` takes full-text candidates from `quotes_fts`, scores each against the
claim (`scoring.score`), and answers with a verdict (`verdicts`):

* `said` / `said (near)` - the speaker asked about (or anyone, when none is given) said it,
  word for word or close to it, with the score;
* `said by someone else` - it was said, but not by that speaker: a misattribution; the
  evidence names who really said it;
* `not found` - no stored quote is close enough.

Each piece of evidence names the article, date, url, context and offsets. `quotes check` and the
site's `fact_check` canned query (through the SQL function `fact_check`, see `factcheck.sql`)
both run this one lookup.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from ..store.connect import connect_readonly
from ..store import speaker_names
from ..store.speakers import co_speakers_of, match_speaker, said_by_sql
from . import scoring, verdicts
from .scoring import content_words, phrase

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
JOIN_MIN_WORDS = 8
"""A claim of fewer content words is never compared with several quotes joined."""
JOIN_PART = 55.0
"""Each quote joined must score at least this against the claim on its own."""
JOIN_MAX = 4
"""At most this many quotes of one article are joined."""
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
    speaker_id: int | None = None
    contradicts: bool = False
    co_speakers: list[str] = field(default_factory=list)
    """Who said it with `speaker` (a joint quote: `speaker` is the first named)."""
    jointly_as: str | None = None
    """The co-speaker who is the speaker asked about (their name), when it is not `speaker`."""

    @property
    def who(self) -> str:
        return verdicts.who(self.speaker, self.speaker_role)

    def joint(self) -> tuple[str, list[str]]:
        """Who to name as having said it and with whom: the one asked about when a co-speaker
        (`Hillary Clinton`, with `Obama`), else the speaker with the co-speakers."""
        if self.jointly_as:
            return self.jointly_as, [self.who, *(n for n in self.co_speakers if n != self.jointly_as)]
        return self.who, list(self.co_speakers)


@dataclass
class CheckResult:
    """The verdict on a claim, and the evidence for it (best first)."""

    claim: str
    speaker: str | None
    verdict: str
    summary: str
    said_by: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    choices: list[dict] = field(default_factory=list)
    """When the speaker asked about could be several people: each `{id, name, quote_count}`."""

    def to_dict(self) -> dict:
        return asdict(self)


_EVIDENCE_SQL = """
select q.id as quote_id, q.text, q.speaker, coalesce(q.speaker_role, '') as quote_role,
       q.kind, q.cue, q.article_id, a.title, a.url, a.outlet, q.published, q.context,
       q.start, q."end", q.spans, q.speaker_id, s.aliases, s.roles, s.key as speaker_key
from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
where q.id in ({ids})
"""


class Search:
    """The candidate searches of one lookup on one connection.

    `timed`: whether the searches that may read long posting lists are cut off by a progress
    handler of their own (`quotes check`); inside a Datasette query (`timed=False`) the site's
    own time limit, already on the connection, bounds them instead and must not be replaced.
    """

    def __init__(self, conn: sqlite3.Connection, *, timed: bool = True):
        self.conn = conn
        self.timed = timed

    def candidates(self, claim: str, limit: int = CANDIDATES) -> list[int]:
        """Quote ids that may say the claim.

        Each of the claim's content words is probed for how many quotes hold it (stopping at
        `RARE`). Then: up to `POOL` quotes that hold every content word (cheap: the rarest word
        drives the intersection), of which the closest by rapidfuzz are kept; they include any
        quote that says the claim word for word, and if one does that is all. Else the quotes
        holding the rarest words, ranked by bm25, for claims that reword or shorten a quote.
        Ranking every quote that holds a common word would cost a scan of a million rows, so when
        every word is common and the first step was cut short at `POOL`, the quotes holding the
        content words within the claim's length of each other (FTS5 `NEAR`, which reads only
        those words' lists, not the stopwords') are compared instead, or else those holding the
        rarest word beside a neighbour of it in the claim (`around`); where they are too many
        too, an FTS phrase search for the claim's exact words, given at most `PHRASE_BUDGET_MS`.
        (A pool not cut short holds every quote with all the words, so a phrase search could add
        nothing.)
        """
        conn = self.conn
        probe = "select count(*) from (select rowid from quotes_fts where quotes_fts match ? limit ?)"
        df = {}
        for w in content_words(claim):
            n = conn.execute(probe, [phrase(w), RARE + 1]).fetchone()[0]
            if n:
                df[w] = n
        if not df:
            return []
        by_rarity = sorted(df, key=df.get)
        unranked = "select rowid from quotes_fts where quotes_fts match ? limit ?"
        pool = [r[0] for r in conn.execute(unranked, [" AND ".join(phrase(w) for w in by_rarity), POOL])]
        ids, exact = self.closest(claim, pool, limit)
        if exact:
            return ids  # said word for word: no need to rank rewordings
        rare = [w for w in by_rarity if df[w] <= RARE][:MAX_TERMS]
        if rare:
            ranked = "select rowid from quotes_fts where quotes_fts match ? order by rank limit ?"
            ids += [r[0] for r in conn.execute(ranked, [" OR ".join(phrase(w) for w in rare), limit])]
        elif len(pool) >= POOL:
            near = None
            if not all(w in scoring.STOPWORDS for w in by_rarity):  # stopwords' lists are never cheap
                deadline = time.perf_counter() + PHRASE_BUDGET_MS / 1000  # for NEAR and around together
                if len(by_rarity) > 1:
                    span = len(scoring.normalise(claim, scoring.MAX_CLAIM_CHARS).split())
                    query = f"NEAR({' '.join(phrase(w) for w in by_rarity)}, {span})"
                    near, finished = self.within_budget(unranked, [query, POOL], _left(deadline))
                    near = near if finished else None
                if not near or len(near) >= POOL:
                    near = self.around(claim, by_rarity[0], deadline)
            if near is not None and len(near) < POOL:
                closest, _ = self.closest(claim, near, limit)
                ids = closest + ids
            else:
                exact_words = [phrase(scoring.normalise(claim)), limit]
                ids += self.within_budget(unranked, exact_words, PHRASE_BUDGET_MS)[0]
        return list(dict.fromkeys(ids))

    def around(self, claim: str, word: str, deadline: float) -> list[int] | None:
        """Every quote holding `word` next to a word it has beside it in the claim (a two-word FTS
        phrase: a few milliseconds, where the whole claim as a phrase reads every stopword's list),
        from the narrower side; None when each side holds `POOL` quotes or more."""
        tokens = scoring.normalise(claim, scoring.MAX_CLAIM_CHARS).split()
        query = "select rowid from quotes_fts where quotes_fts match ? limit ?"
        best = None
        for i in [i for i, t in enumerate(tokens) if t == word][:2]:
            for a, b in ((i - 1, i), (i, i + 1)):
                if a >= 0 and b < len(tokens):
                    found, finished = self.within_budget(query, [phrase(f"{tokens[a]} {tokens[b]}"), POOL],
                                                         _left(deadline))
                    if finished and len(found) < POOL and (best is None or len(found) < len(best)):
                        best = found
        return best

    def closest(self, claim: str, ids: list[int], limit: int) -> tuple[list[int], bool]:
        """The `limit` quotes among `ids` whose best-aligned stretch is closest to the claim
        (rapidfuzz's `partial_ratio`, in C), and whether one holds it word for word."""
        if not ids:
            return [], False
        texts = dict(self.conn.execute(
            f"select id, text from quotes where id in ({','.join('?' * len(ids))})", ids).fetchall())
        best = process.extract(claim, texts, scorer=fuzz.partial_ratio, processor=utils.default_process, limit=limit)
        return [key for _, _, key in best], bool(best) and best[0][1] >= 100

    def within_budget(self, sql: str, params: list, budget_ms: float) -> tuple[list[int], bool]:
        """The ids `sql` finds before `budget_ms` runs out (SQLite's progress handler stops it), and
        whether it finished (a stopped search may have missed some)."""
        found: list[int] = []
        if self.timed:
            deadline = time.perf_counter() + budget_ms / 1000
            self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, 1000)
        try:
            for row in self.conn.execute(sql, params):
                found.append(row[0])
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            return found, False
        finally:
            if self.timed:
                self.conn.set_progress_handler(None, 0)
        return found, True

    def own_candidates(self, claim: str, ids: list[int], limit: int = 20) -> list[int]:
        """The quotes of the speakers `ids` closest to the claim, so that a speaker's own words are
        never missed because other speakers' quotes ranked higher (which would read as a
        misattribution). Up to `OWN_SCAN` quotes are all scored; beyond that, full-text first."""
        if not ids:
            return []
        said = said_by_sql(self.conn, ",".join("?" * len(ids)))     # (joint quotes too)
        n = self.conn.execute(f"select count(*) from ({said})", [*ids, *ids]).fetchone()[0]
        if n > OWN_SCAN:
            words = content_words(claim)
            if not words:
                return []
            return [r[0] for r in self.conn.execute(
                f"select id from quotes where id in ({said}) and id in "
                f"(select rowid from quotes_fts where quotes_fts match ?) limit ?",
                [*ids, *ids, " OR ".join(phrase(w) for w in words), OWN_SCAN])]
        texts = dict(self.conn.execute(f"select id, text from quotes where id in ({said})", [*ids, *ids]).fetchall())
        best = process.extract(claim, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
                               limit=limit, score_cutoff=50)
        return [key for _, _, key in best]


def _left(deadline: float) -> float:
    """Milliseconds left before `deadline` (a `time.perf_counter()` value)."""
    return max(0.0, (deadline - time.perf_counter()) * 1000)


def _described_as(conn: sqlite3.Connection, speaker_ids: list[int] | None, rows) -> set[int]:
    """The quotes among `rows` whose speaker is a description of one person in its article (`the
    New York businessman`) that the database ties to the one person asked about: every word of it
    is in that person's names and roles seen elsewhere, and the article names the person."""
    if not speaker_ids or not any("@" in (r["speaker_key"] or "") for r in rows):
        return set()
    people = conn.execute(
        f"select name, surname, aliases, roles from speakers where id in ({','.join('?' * len(speaker_ids))}) "
        "and is_person = 1 and surname is not null", speaker_ids).fetchall()
    if len({p["surname"] for p in people}) != 1:
        return set()
    seen = " ".join(" ".join([p["name"], *json.loads(p["aliases"] or "[]"),
                              *(r.get("role", "") for r in json.loads(p["roles"] or "[]"))]) for p in people)
    words = set(speaker_names.key(seen).split())
    found = set()
    for row in rows:
        if "@" not in (row["speaker_key"] or "") or speaker_names.description_head(row["speaker"] or "") is None:
            continue
        described = set(speaker_names.key(row["speaker"]).split()) - speaker_names.DETERMINERS
        if described and described <= words:
            text = conn.execute("select text from articles where id = ?", [row["article_id"]]).fetchone()[0] or ""
            if people[0]["surname"] in text.casefold():
                found.add(row["quote_id"])
    return found


def _role(row) -> str | None:
    """The role the quote's own article gave its speaker, or None: a quote never borrows a
    role seen elsewhere (`Donald Trump (his running mate)`)."""
    return row["quote_role"] or None


def check(
    db: str | Path | sqlite3.Connection,
    claim: str,
    speaker: str | None = None,
    *,
    limit: int = 5,
    candidates_limit: int = CANDIDATES,
    timed: bool = True,
    min_words: int = scoring.MIN_CONTENT_WORDS,
) -> CheckResult:
    """Look a claim up in the quote database; see the module docstring for the verdicts.

    A claim of fewer than `min_words` content words is `refused` (the summary says why) unless a
    speaker is asked about whose own quotes hold it word for word (`said`); a speaker who could
    be several people is `ambiguous speaker`, with `choices`."""
    conn = db if isinstance(db, sqlite3.Connection) else connect_readonly(db)
    row_factory = conn.row_factory
    try:
        problem = scoring.claim_problem(claim, min_words)
        if problem and not (speaker and scoring.content_count(claim)):
            return CheckResult(claim, speaker, verdicts.REFUSED, problem[:1].upper() + problem[1:] + ".")
        conn.row_factory = sqlite3.Row
        wanted = match_speaker(conn, speaker) if speaker else None
        if wanted is not None and wanted.ambiguous:
            return CheckResult(claim, speaker, verdicts.AMBIGUOUS, wanted.describe() + ".", choices=wanted.choices)
        if problem:
            # A short claim (`U-S-A! U-S-A!`, `burning the Constitution`) is only looked for word
            # for word in the asked speaker's own quotes: found there it was said, and nothing
            # shorter than three content words is weighed against anyone else's quotes.
            evidence = _word_for_word(conn, claim, wanted.ids if wanted else [])
            if not evidence:
                return CheckResult(claim, speaker, verdicts.REFUSED, problem[:1].upper() + problem[1:]
                                   + f"; {speaker}'s own quotes do not hold it word for word.")
        else:
            evidence = _evidence(Search(conn, timed=timed), claim, wanted.ids if wanted else None, candidates_limit)
    finally:
        conn.row_factory = row_factory
        if conn is not db:
            conn.close()
    # The asked-about speaker's own quotes first, then by score, then the earliest.
    evidence.sort(key=lambda e: (not e.speaker_matches, -e.score, e.published or "", e.quote_id))
    if not evidence:
        return CheckResult(claim, speaker, verdicts.NOT_FOUND, verdicts.summary(verdicts.NOT_FOUND, wanted=speaker))
    best = evidence[0]
    if best.contradicts:  # another quote that says the claim more closely, and does not negate it
        best = next((e for e in evidence if not e.contradicts and e.score > best.score), best)
    verdict = verdicts.verdict(best.score, best.speaker_matches, speaker, best.contradicts)
    said_by = list(dict.fromkeys(e.who for e in evidence))
    who, jointly_with = best.joint()
    summary = verdicts.summary(verdict, wanted=speaker, said_by=who, score=best.score,
                               title=best.title or best.article_id, published=best.published,
                               jointly_with=jointly_with)
    return CheckResult(claim, speaker, verdict, summary, said_by, evidence[:limit])


def _evidence(search: Search, claim: str, speaker_ids: list[int] | None, candidates_limit: int) -> list[Evidence]:
    """The quotes close to the claim; `speaker_ids`: the rows of the speaker asked about (None
    when none was), whose own quotes are always scored and whose evidence `speaker_matches`."""
    conn = search.conn
    ids = search.candidates(claim, candidates_limit)
    if speaker_ids is not None:
        ids = list(dict.fromkeys(ids + search.own_candidates(claim, speaker_ids)))
    # Score on the quote text alone; only the quotes close enough are joined to their
    # article and speaker (most candidates are not, and each join reads two more rows).
    scored = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for quote_id, text in conn.execute(f"select id, text from quotes where id in ({marks})", ids):
            scored[quote_id] = scoring.score(claim, text)
    scores = {quote_id: s for quote_id, s in scored.items() if s >= scoring.NEAR}
    joined = _joined(conn, claim, ids, speaker_ids, scored) if speaker_ids else {}
    for first, (score, _members) in joined.items():
        scores[first] = score
    evidence = _evidence_of(conn, scores, speaker_ids, claim)
    for e in evidence:
        if e.quote_id in joined:
            members = joined[e.quote_id][1]
            e.text = " … ".join(text for _id, text, _spans in members)
            e.spans = [span for _id, _text, spans in members for span in spans]
            e.end = e.spans[-1][1]
    return evidence


def _joined(conn: sqlite3.Connection, claim: str, ids: list[int], speaker_ids: list[int],
            scored: dict[int, float]) -> dict[int, tuple[float, list]]:
    """A claim that runs over two or more quotes the asked speaker gave in one article (`“You went
    on television to blame …” … “It’s gutless leadership,” Warren said`): those quotes, in text
    order, scored as one; kept, under the first quote's id, where they say it more closely than
    any one of them. `scored`: each candidate's own score. `{first quote id: (score, [(id, text,
    spans), ...])}`."""
    if len(ids) < 2 or len(content_words(claim)) < JOIN_MIN_WORDS:
        return {}
    marks, said = ",".join("?" * len(ids)), said_by_sql(conn, ",".join("?" * len(speaker_ids)))
    rows = conn.execute(
        f"select id, article_id, text, spans from quotes where id in ({marks}) and id in ({said}) "
        "order by article_id, start", [*ids, *speaker_ids, *speaker_ids]).fetchall()
    by_article: dict[str, list] = {}
    for quote_id, article_id, text, spans in rows:
        by_article.setdefault(article_id, []).append((quote_id, text, json.loads(spans or "[]")))
    found = {}
    for members in by_article.values():
        # only quotes that each say a part of the claim: joining every quote of a talkative
        # speaker would hold any claim's words somewhere
        members = [m for m in members if scored.get(m[0], 0.0) >= JOIN_PART]
        if not 2 <= len(members) <= JOIN_MAX:
            continue
        joined = " ".join(text for _id, text, _spans in members)
        score = scoring.score(claim, joined)
        best = max(scored.get(quote_id, 0.0) for quote_id, _t, _s in members)
        if score >= scoring.NEAR and score >= best + 10 and not scoring.contradicts(claim, joined):
            found[members[0][0]] = (min(score, scoring.EXACT - 0.1), members)
    return found


def _word_for_word(conn: sqlite3.Connection, claim: str, speaker_ids: list[int]) -> list[Evidence]:
    """The asked speaker's quotes that hold the claim word for word (an FTS phrase search within
    their rows, each confirmed by `scoring.score`). Function words at the claim's edges do not
    count (`as unhinged` is said where the quote is “unhinged, even for him”)."""
    words = scoring.normalise(claim, scoring.MAX_CLAIM_CHARS).split()
    while words and words[0] in scoring.FUNCTION_WORDS:
        words = words[1:]
    while words and words[-1] in scoring.FUNCTION_WORDS:
        words = words[:-1]
    core = " ".join(words)
    if not speaker_ids or not core:
        return []
    said = said_by_sql(conn, ",".join("?" * len(speaker_ids)))
    rows = conn.execute(
        f"select id, text from quotes where id in ({said}) and id in "
        "(select rowid from quotes_fts where quotes_fts match ?) limit ?",
        [*speaker_ids, *speaker_ids, phrase(core), OWN_SCAN]).fetchall()
    scores = {r[0]: 100.0 for r in rows if scoring.score(core, r[1]) >= 100}
    return _evidence_of(conn, scores, speaker_ids, claim)


def _evidence_of(conn: sqlite3.Connection, scores: dict[int, float], speaker_ids: list[int] | None,
                 claim: str) -> list[Evidence]:
    """Evidence for the quotes scored `scores` (quote id -> score), joined to article and speaker."""
    if not scores:
        return []
    wanted = set(speaker_ids or ())
    keep = list(scores)
    rows = conn.execute(_EVIDENCE_SQL.format(ids=",".join("?" * len(keep))), keep).fetchall()
    described = _described_as(conn, speaker_ids, rows)
    co = co_speakers_of(conn, keep)
    return [
        Evidence(
            quote_id=row["quote_id"], text=row["text"], score=scores[row["quote_id"]], speaker=row["speaker"],
            speaker_role=_role(row),
            speaker_matches=row["speaker_id"] in wanted or row["quote_id"] in described
            or any(sid in wanted for sid, _n in co.get(row["quote_id"], ())),
            co_speakers=[n for _sid, n in co.get(row["quote_id"], ())],
            jointly_as=None if row["speaker_id"] in wanted else next(
                (n for sid, n in co.get(row["quote_id"], ()) if sid in wanted), None),
            kind=row["kind"], cue=row["cue"], article_id=row["article_id"],
            title=row["title"], url=row["url"], outlet=row["outlet"],
            published=row["published"], context=row["context"], start=row["start"],
            end=row["end"], spans=json.loads(row["spans"] or "[]"), speaker_id=row["speaker_id"],
            contradicts=scores[row["quote_id"]] < 100 and scoring.contradicts(claim, row["text"]),
        )
        for row in rows
    ]
