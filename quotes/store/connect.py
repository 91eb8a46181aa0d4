"""Connections to a quote database: the read-only one the lookups use (`quotes check`,
`quotes export`), the writer's settings, one transaction that waits its turn, and what SQLite's
errors mean to the person running the command.

Several processes may write one database (two ingests, a `speakers merge` during an ingest).
SQLite lets one write at a time; a writer that began with a plain `BEGIN` and read first is
refused at once (`database is locked`) when another wrote meanwhile, whatever the busy timeout.
So every write transaction here begins with `BEGIN IMMEDIATE`, which takes the write lock
first and waits for it (`BUSY_TIMEOUT_MS`).
"""
from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseUnusable

BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another to finish before giving up."""


def check_regular(path: str | Path) -> None:
    """Refuse, by name, a `path` that exists but is not a regular file: a named pipe would
    hang SQLite's open, a device (`/dev/null`) would get a `-journal` file beside it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a directory" if stat.S_ISDIR(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        raise DatabaseUnusable(f"{path}: {kind}, not a database file; name a file (made by `quotes ingest`)")


def refuse_foreign(path: str | Path, newest: int | None = None) -> None:
    """Before anything is written to an existing file (not even the switch to WAL mode): refuse
    one that is not a quote database, with tables of its own and none of ours (another
    program's database), or one whose schema version is above `newest` (a newer `quotes` made
    it); either is left byte-for-byte as it was."""
    from urllib.parse import quote

    from ..errors import SchemaError

    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    conn = None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.Error as exc:
        raise DatabaseUnusable(describe(exc, path)) from None
    finally:
        if conn is not None:
            conn.close()
    own = {t for t in tables if not t.startswith("sqlite_")}
    if own and not {"articles", "quotes"} <= own:
        shown = ", ".join(sorted(own)[:5]) + (", ..." if len(own) > 5 else "")
        raise DatabaseUnusable(f"{path}: not a quote database: it holds tables of its own ({shown}) and no quotes "
                               "schema; left as it was (name a new file, or one made by `quotes ingest`)")
    if newest is not None and version > newest:
        raise SchemaError(f"{path}: schema version {version} is newer than this quotes knows ({newest}); "
                          "upgrade quotes")


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open the quote database at `path` read-only, rows as `sqlite3.Row`. Raises `FileNotFoundError` naming the path when there is none (a
    read-only open must not create an empty file). Where the file cannot be written at all (a
    read-only file system, a folder you may not write: SQLite cannot make the `-shm` file WAL
    mode needs) it is opened `immutable`, which needs nothing beside it. Raises
    `DatabaseUnusable` when it is not a quote database."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such quote database (create it with `quotes ingest`)")
    check_regular(path)
    conn = None
    try:
        for mode in ("mode=ro", "immutable=1"):
            conn = sqlite3.connect(f"file:{path}?{mode}", uri=True)
            try:
                conn.execute("select count(*) from sqlite_master").fetchone()
                break
            except sqlite3.OperationalError:
                conn.close()
                if mode != "mode=ro":
                    raise
        conn.row_factory = sqlite3.Row
        conn.execute("select 1 from quotes limit 1").fetchall()
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise DatabaseUnusable(describe(exc, path)) from None
    return conn


def open_for_writing(path: str | Path, newest: int | None = None) -> sqlite_utils.Database:
    """The database at `path` (created if missing) for a writer: refused with a clear
    `DatabaseUnusable` where it cannot be written, or is not a regular file or not a quote
    database (`refuse_foreign`, before anything is written), waiting `BUSY_TIMEOUT_MS` for the
    write lock. `newest`: the schema version this code knows (a file above it is refused)."""
    path = Path(path)
    check_regular(path)
    folder = path.parent if str(path.parent) else Path(".")
    if (path.exists() and not os.access(path, os.W_OK)) or (folder.exists() and not os.access(folder, os.W_OK)):
        raise DatabaseUnusable(f"cannot write {path}: it is read-only (a read-only file system, or a file or folder "
                               "you may not write); quotes check, export and serve can still read it")
    refuse_foreign(path, newest)
    try:
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise DatabaseUnusable(describe(exc, path)) from None
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes the write lock first (`BEGIN IMMEDIATE`), waiting for another
    writer rather than failing; inside another transaction, a savepoint (`db.atomic()`)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    if db.conn.in_transaction:  # a script inside (sqlite-utils' FTS set-up) may have committed
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


def describe(exc: sqlite3.Error, path: str | Path) -> str:
    """What a SQLite error on the database at `path` means, in one line: which file, what is
    wrong, what to do."""
    message = str(exc)
    low = message.lower()
    if "full" in low or "disk i/o" in low:
        return (f"cannot write {path}: the disk is full, or the file may not grow ({message}); "
                "everything committed before is kept: free some space and run the same command again")
    if "readonly" in low or "read-only" in low:
        return (f"cannot write {path}: it is read-only (a read-only file system, or a file or folder you may "
                "not write); quotes check, export and serve can still read it")
    if "locked" in low or "busy" in low:
        return (f"cannot write {path}: another process held its write lock for over "
                f"{BUSY_TIMEOUT_MS // 1000} s; run the same command again when it is done")
    if "not a database" in low or "malformed" in low or "no such table" in low:
        return f"{path}: not a quote database, or a damaged one ({message})"
    if "unable to open" in low:
        return f"cannot open {path}: {message} (a folder that is missing or that you may not read)"
    return f"{path}: {message}"
