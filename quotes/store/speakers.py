"""Speakers in the database: filing a quote's speaker under one row per real person or body
(`quotes.store.speaker_names` says who a name means), the user's corrections (merges and renames, recorded
in `speaker_corrections` and re-applied on every ingest), and the derived columns (quote
counts, first and last seen, aliases, roles).
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from .rows import now, to_json
from .speaker_names import SpeakerRef, display_name, is_indefinite, looks_like_person, normalise, surname_pattern


def speaker_id(db: sqlite_utils.Database, ref: SpeakerRef) -> tuple[int, str]:
    """The id and name of the `speakers` row for `ref`, made if new (named as the user's
    corrections say)."""
    row = db.execute("select id, name from speakers where key = ?", [ref.key]).fetchone()
    if row:
        return row[0], row[1]
    renamed = db.execute(
        "select name from speaker_corrections where key = ? and action = 'rename'", [ref.key]
    ).fetchone()
    if not renamed:  # a user's merge names the speaker that survives
        renamed = db.execute(
            "select name from speaker_corrections where target_key = ? and action = 'merge' "
            "and name is not null limit 1",
            [ref.key],
        ).fetchone()
    name = renamed[0] if renamed else ref.name
    cursor = db.execute(
        "insert into speakers (key, name, is_person, quote_count, article_count) values (?, ?, ?, 0, 0)",
        [ref.key, name, ref.is_person],
    )
    return cursor.lastrowid, name


def find_speaker(db: sqlite_utils.Database, spec: str | int) -> dict:
    """The `speakers` row named by `spec`: its id (`12` or `#12`), its name, or an alias.

    Raises `LookupError` naming the candidates when `spec` is unknown or ambiguous."""
    text = str(spec).strip()
    if text.lstrip("#").isdigit():
        try:
            return db["speakers"].get(int(text.lstrip("#")))
        except sqlite_utils.db.NotFoundError:
            raise LookupError(f"no speaker with id {text}") from None
    norm = normalise(text)
    rows = list(db.query(
        "select * from speakers where key = :n or key = 'desc:' || :n or lower(name) = lower(:t) "
        "or id in (select speaker_id from speaker_aliases where lower(alias) = lower(:t))",
        {"n": norm, "t": text},
    ))
    if not rows:
        raise LookupError(f"no speaker called {text!r}")
    if len(rows) > 1:
        names = ", ".join(f"#{r['id']} {r['name']} ({r['quote_count']} quotes)" for r in rows)
        raise LookupError(f"{text!r} is ambiguous: {names}; give the id instead")
    return rows[0]


def merge_speakers(db: sqlite_utils.Database, source: str | int, target: str | int) -> dict:
    """Fold speaker `source` into `target` (see `QuoteStore.merge_speakers`); returns the
    updated target row. Call inside a transaction."""
    src, dst = find_speaker(db, source), find_speaker(db, target)
    if src["id"] == dst["id"]:
        raise LookupError(f"{source!r} and {target!r} are already the same speaker (#{dst['id']})")
    db.execute("update speaker_corrections set target_key = ? where target_key = ? and action = 'merge'",
               [dst["key"], src["key"]])
    db["speaker_corrections"].upsert(
        {"key": src["key"], "action": "merge", "target_key": dst["key"], "name": dst["name"], "created": now()},
        pk=("key", "action"),
    )
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [dst["id"], dst["name"], src["id"]])
    for table in ("speaker_aliases", "speaker_roles"):
        db.execute(f"update or ignore {table} set speaker_id = ? where speaker_id = ?", [dst["id"], src["id"]])
    refresh_speakers(db, [src["id"], dst["id"]])
    return db["speakers"].get(dst["id"])


def rename_speaker(db: sqlite_utils.Database, spec: str | int, name: str) -> dict:
    """Give a speaker a new canonical name, recorded so re-ingests keep it; returns the row.
    Call inside a transaction."""
    row = find_speaker(db, spec)
    db["speaker_corrections"].upsert(
        {"key": row["key"], "action": "rename", "target_key": None, "name": name, "created": now()},
        pk=("key", "action"),
    )
    db.execute("update speaker_corrections set name = ? where target_key = ? and action = 'merge'", [name, row["key"]])
    db.execute("update speakers set name = ? where id = ?", [name, row["id"]])
    db.execute("update quotes set speaker = ? where speaker_id = ?", [name, row["id"]])
    return db["speakers"].get(row["id"])


def refresh_speakers(db: sqlite_utils.Database, ids: Iterable[int]) -> None:
    """Recount a speaker's quotes, first/last seen, aliases and roles; drop empty ones."""
    for sid in ids:
        stats = db.execute(
            "select count(*), count(distinct article_id), min(published), max(published) "
            "from quotes where speaker_id = ?",
            [sid],
        ).fetchone()
        if stats[0] == 0:
            db.execute("delete from speaker_aliases where speaker_id = ?", [sid])
            db.execute("delete from speaker_roles where speaker_id = ?", [sid])
            db.execute("delete from speakers where id = ?", [sid])
            continue
        aliases = [
            r[0]
            for r in db.execute(
                "select alias from speaker_aliases where speaker_id = ? group by alias "
                "order by count(*) desc, alias",
                [sid],
            )
        ]
        roles = [
            {"role": r[0], "first_seen": r[1], "last_seen": r[2]}
            for r in db.execute(
                "select role, min(published), max(published) from speaker_roles "
                "where speaker_id = ? group by role order by min(published), role",
                [sid],
            )
        ]
        db.execute(
            "update speakers set quote_count = ?, article_count = ?, first_seen = ?, "
            "last_seen = ?, aliases = ?, roles = ? where id = ?",
            [stats[0], stats[1], stats[2], stats[3], to_json(aliases), to_json(roles), sid],
        )


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


def people_with_surname(db, surname: str, exclude_id: int | None = None) -> list[str]:
    """Keys of the people filed under a full name ending in `surname` (a normalised word)."""
    rows = db.execute(
        "select key from speakers where is_person = 1 and key like ? escape '\\' and id is not ?",
        [surname_pattern(surname), exclude_id],
    ).fetchall()
    return [r[0] for r in rows]
