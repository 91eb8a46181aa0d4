"""Which row an article is stored in: an article is its source and the id its input gave it.

Two dumps that both number their records 1..N, or two texts piped in on standard input, are
different articles even where their ids agree; the same id from the same source again, with a
new text, is an update of that article. The row's key (`articles.id`) is the input's id, or,
when another source has that id already, the id with a suffix made from the source, stable
across runs; `articles.source_id` and `source_path` always hold what the input said.
"""
from __future__ import annotations

import hashlib

import sqlite_utils

from ..models import Article


def storage_key(db: sqlite_utils.Database, article: Article) -> tuple[str, bool]:
    """`(key, replaces)`: the `articles.id` to store `article` under, and whether that replaces
    a different text from the same source (an update)."""
    rows = db.execute("select id, source_path, text_hash from articles where source_id = ?",
                      [article.id]).fetchall()
    for key, source, text_hash in rows:
        if source == article.source_path:
            return key, text_hash != article.text_hash
    key = article.id
    suffix = hashlib.sha1((article.source_path or "").encode("utf-8")).hexdigest()
    n = 8
    while db.execute("select 1 from articles where id = ?", [key]).fetchone() is not None:
        key = f"{article.id}@{suffix[:n]}"
        n += 4
        if n > len(suffix):  # every suffix taken: count on
            suffix += hashlib.sha1(suffix.encode()).hexdigest()
    return key, False
