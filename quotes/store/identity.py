"""Which row an article is stored in: an article is its source and the id its input gave it.

Two dumps that both number their records 1..N, or two texts piped in on standard input, are
different articles even where their ids agree; the same id from the same source again is that
article, and a changed text, title, date, url, byline or outlet makes it an update. The source is
the input's path made absolute (`feed.jsonl`, `./feed.jsonl` and `/abs/feed.jsonl`, or the same
file named from another folder, are one source), as `articles.source_path` stores it. The row's
key (`articles.id`) is the input's id, or, when another source has that id already, the id with
a suffix made from the source, stable across runs; `articles.source_id` always holds what the
input said. The lookup goes by `source_id`, which is indexed from the first article on.
"""
from __future__ import annotations

import hashlib
import os

import sqlite_utils

from ..models import Article
from .rows import link, iso_date

COMPARED = ("text", "title", "published", "url", "byline", "outlet")
"""What makes a stored article stale when it changes (its `meta`, which holds line numbers, does not)."""


def source_key(source_path: str | None) -> str | None:
    """The source as stored and compared: a file's absolute path (symbolic links resolved);
    `<stdin>` and other names in angle brackets as they are."""
    if not source_path or source_path.startswith("<"):
        return source_path
    path = os.path.abspath(source_path)
    return os.path.realpath(path) if os.path.isfile(path) else path


def _find(db: sqlite_utils.Database, article: Article) -> tuple | None:
    """The stored row `(id, text_hash, title, published, url, byline, outlet)` of the same
    source and id, or None."""
    wanted = source_key(article.source_path)
    rows = db.execute("select id, source_path, text_hash, title, published, url, byline, outlet "
                      "from articles where source_id = ?", [article.id]).fetchall()
    for key, source, *values in rows:
        if source == wanted or source_key(source) == wanted:  # rows stored with a relative path
            return (key, *values)
    return None


def changes(db: sqlite_utils.Database, article: Article) -> list[str] | None:
    """None when no article of this source and id is stored; else what differs from the stored
    one (`COMPARED`; empty when nothing does)."""
    row = _find(db, article)
    return None if row is None else _differences(row, article)


def _differences(row: tuple, article: Article) -> list[str]:
    now = (article.text_hash, article.title, iso_date(article.published), link(article.url),
           article.byline, article.outlet)
    return [name for name, old, new in zip(COMPARED, row[1:], now) if old != new]


def storage_key(db: sqlite_utils.Database, article: Article) -> tuple[str, list[str]]:
    """`(key, changed)`: the `articles.id` to store `article` under, and what changed from the
    article stored before from the same source with the same id (empty for a new article or an
    unchanged one)."""
    row = _find(db, article)
    if row is not None:
        return row[0], _differences(row, article)
    key = article.id
    suffix = hashlib.sha1((source_key(article.source_path) or "").encode("utf-8")).hexdigest()
    n = 8
    while db.execute("select 1 from articles where id = ?", [key]).fetchone() is not None:
        key = f"{article.id}@{suffix[:n]}"
        n += 4
        if n > len(suffix):  # every suffix taken: count on
            suffix += hashlib.sha1(suffix.encode()).hexdigest()
    return key, []
