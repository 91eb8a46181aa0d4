"""`quotes export`: one row per quote, with its speaker, article and offsets, as CSV or JSON.

CSV is written for spreadsheet programs: UTF-8 with a byte-order mark (so Excel reads it as
UTF-8), every field quoted where needed by Python's `csv` module, and a cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return prefixed with `'` so it is shown as text and never
run as a formula (CSV injection), unless `raw=True`. JSON and JSON Lines are written as stored.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from .store.connect import connect_readonly
from .store.rows import iso_date
from .store.speakers import co_speakers_of, has_co_speakers, match_speaker

FIELDS = [
    "quote_id", "text", "speaker", "speaker_id", "speaker_role", "speaker_mention", "kind", "cue",
    "rule", "confidence", "in_body", "article_id", "title", "url", "outlet", "published",
    "start", "end", "spans", "context", "context_start", "context_end", "cluster_id", "speaker_aliases",
    "co_speakers", "as_co_speaker",
]
ALIAS_ARTICLES = 20
"""`speaker_aliases` names at most this many articles per alias."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SQL = """
select q.id as quote_id, q.text, q.speaker, q.speaker_id, q.speaker_role, q.speaker_mention,
       q.kind, q.cue, q.rule, q.confidence, q.in_body, q.article_id, a.title, a.url, a.outlet,
       a.published, q.start, q."end", q.spans, q.context, q.context_start, q.context_end,
       q.cluster_id
from quotes q join articles a on a.id = q.article_id
{where}
order by a.published is null, a.published, q.article_id, q.seq
"""


def search_expression(text: str) -> str | None:
    """An FTS5 query for every word of `text` (each quoted: no word is an operator), or None."""
    words = re.findall(r"\w+", text or "")
    return " ".join(f'"{w}"' for w in words) or None


def export_rows(
    db: str | Path | sqlite3.Connection,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    search: str | None = None,
) -> Iterator[dict]:
    """Every stored quote as a dict (keys `FIELDS`), oldest article first.

    `speaker` is who the quotes are by, as `quotes check` reads it
    (`quotes.store.speakers.match_speaker`: a name in any case, with or without honorifics, a
    surname, an alias or an id); a name that could be several people raises `LookupError` naming
    them with their quote counts, and an exact person never brings anyone else's quotes.
    `since`/`until` are inclusive ISO dates compared with the article's published date; `outlet`
    is the article's outlet; `search` keeps the quotes holding every one of its words (the
    full-text index: the site's search box).
    `speaker_aliases` holds the speaker's other names with the articles each came from
    (`Donald J. Trump [a1, a2]; Mr. Trump [a3]`), so a reader sees why two spellings were joined.
    `co_speakers` lists who said a joint quote with `speaker` (in CSV, `; `-separated); the
    quotes of a `speaker` asked about include those they said jointly as a co-speaker, marked
    `as_co_speaker`.
    """
    conn = db if isinstance(db, sqlite3.Connection) else connect_readonly(db)
    conn.row_factory = sqlite3.Row
    clauses, params = [], {}
    asked: set[int] = set()
    if speaker:
        found = match_speaker(conn, speaker)
        if found.ambiguous:
            if conn is not db:
                conn.close()
            raise LookupError(found.describe())
        asked = {int(i) for i in found.ids}
        ids = ",".join(str(i) for i in sorted(asked)) or "null"
        if has_co_speakers(conn):     # and the joint quotes they are a co-speaker of
            clauses.append(f"(q.speaker_id in ({ids}) or q.id in (select quote_id from quote_speakers where speaker_id in ({ids})))")
        else:
            clauses.append(f"q.speaker_id in ({ids})")
    if since:
        clauses.append("a.published >= :since")
        params["since"] = parse_date(since, "since")
    if until:
        clauses.append("a.published <= :until")
        params["until"] = parse_date(until, "until")
    if outlet:
        clauses.append("a.outlet = :outlet")
        params["outlet"] = outlet
    if search:
        clauses.append("q.id in (select rowid from quotes_fts where quotes_fts match :search)")
        params["search"] = search_expression(search) or '""'
    where = "where " + " and ".join(clauses) if clauses else ""
    aliases: dict[int, str] = {}
    joint = has_co_speakers(conn)
    try:
        for row in conn.execute(_SQL.format(where=where), params):
            out = dict(row)
            co = co_speakers_of(conn, [out["quote_id"]]).get(out["quote_id"], []) if joint else []
            out["co_speakers"] = [name for _sid, name in co]
            out["as_co_speaker"] = bool(speaker) and out["speaker_id"] not in asked and any(sid in asked for sid, _n in co)
            out["spans"] = json.loads(out["spans"] or "[]")
            out["in_body"] = bool(out["in_body"])
            sid = out["speaker_id"]
            if sid is not None and sid not in aliases:
                aliases[sid] = alias_sources(conn, sid, out["speaker"])
            out["speaker_aliases"] = aliases.get(sid, "") if sid is not None else ""
            yield out
    finally:
        if conn is not db:
            conn.close()


def alias_sources(conn: sqlite3.Connection, speaker_id: int, name: str | None) -> str:
    """A speaker's other names with the articles each came from: `Donald J. Trump [a1, a2]`."""
    rows = conn.execute(
        "select alias, group_concat(article_id, ', ') from (select alias, article_id from speaker_aliases "
        "where speaker_id = ? and alias is not ? order by alias, article_id) group by alias order by alias",
        [speaker_id, name]).fetchall()
    parts = []
    for alias, articles in rows:
        ids = (articles or "").split(", ")
        more = f", … {len(ids) - ALIAS_ARTICLES} more" if len(ids) > ALIAS_ARTICLES else ""
        parts.append(f"{alias} [{', '.join(ids[:ALIAS_ARTICLES])}{more}]")
    return "; ".join(parts)


def parse_date(value: str, name: str) -> str:
    """`value` as YYYY-MM-DD, or a ValueError that says which option was wrong."""
    text = iso_date(value)
    try:
        return date.fromisoformat(text).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"--{name} {value!r} is not a date: use YYYY-MM-DD") from None


def neutralise(value):
    """A spreadsheet-safe cell: text that would start a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict], fp: IO[str], *, raw: bool = False, bom: bool = True) -> int:
    """Write rows as CSV to a text stream; returns the number of rows. See the module docstring."""
    if bom:
        fp.write("\ufeff")
    writer = csv.DictWriter(fp, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        row = {**row, "spans": json.dumps(row["spans"]), "co_speakers": "; ".join(row["co_speakers"])}
        writer.writerow(row if raw else {k: neutralise(v) for k, v in row.items()})
        n += 1
    return n


def write_json(rows: Iterable[dict], fp: IO[str]) -> int:
    """Write rows as one JSON array (UTF-8, not ASCII-escaped); returns the number of rows."""
    n = 0
    fp.write("[")
    for row in rows:
        fp.write(",\n" if n else "\n")
        fp.write(json.dumps(row, ensure_ascii=False))
        n += 1
    fp.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(rows: Iterable[dict], fp: IO[str]) -> int:
    """Write rows as JSON Lines, one object per quote; returns the number of rows."""
    n = 0
    for row in rows:
        fp.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


WRITERS = {"csv": write_csv, "json": write_json, "jsonl": write_jsonl}


def export(
    db: str | Path,
    fp: IO[str],
    *,
    format: str = "csv",
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    search: str | None = None,
    raw: bool = False,
) -> int:
    """Export the quotes (filtered, see `export_rows`) to `fp` in `format` (csv, json or jsonl);
    returns the count."""
    for value, name in ((since, "since"), (until, "until")):
        if value:
            parse_date(value, name)
    rows = export_rows(db, speaker=speaker, since=since, until=until, outlet=outlet, search=search)
    if format == "csv":
        return write_csv(rows, fp, raw=raw)
    if format not in WRITERS:
        raise ValueError(f"unknown format {format!r}: choose csv, json or jsonl")
    return WRITERS[format](rows, fp)


def export_to_file(db: str | Path, output: str | Path, **options) -> int:
    """`export` into the file `output`, all or nothing: written to a temporary file beside it
    and renamed over it once complete, so an interrupted or failed export (a full disk) never
    leaves a partial file under the final name. Raises `OSError` when it cannot be written."""
    output = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fp:
            n = export(db, fp, **options)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
