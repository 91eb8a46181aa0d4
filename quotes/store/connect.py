"""The one read-only connection to a quote database, for the lookups that never write
(`quotes check`, `quotes export`)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open the quote database at `path` read-only, rows as `sqlite3.Row`. Raises `FileNotFoundError` naming the path when there is none (a
    read-only open must not create an empty file)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such quote database (create it with `quotes ingest`)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn
