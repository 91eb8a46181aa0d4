"""Quote clusters: the same quote carried by several articles (wire copy, syndication).

A quote's cluster is keyed by its text with case, quote marks, dashes and spacing ignored;
a short quote clusters only with the same speaker's (a bare "negative" in two unrelated
articles is not the same quote).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import sqlite_utils

CLUSTER_MIN_WORDS = 5
"""Quotes shorter than this cluster only with the same speaker's."""


def cluster_text_key(text: str) -> str:
    """The comparison form of a quote's text: case, quote marks, dashes and spacing ignored."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[^\w\s]", " ", norm)
    return " ".join(norm.split())


def cluster_id(db: sqlite_utils.Database, text: str, speaker_id: int | None) -> int:
    """The id of the cluster of a quote with this text and speaker, made if new."""
    norm = cluster_text_key(text)
    if len(norm.split()) < CLUSTER_MIN_WORDS:
        norm = f"{norm}|speaker:{speaker_id}"
    key = hashlib.sha1(norm.encode("utf-8")).hexdigest()
    row = db.execute("select id from quote_clusters where key = ?", [key]).fetchone()
    if row:
        return row[0]
    cursor = db.execute(
        "insert into quote_clusters (key, text, quote_count, article_count) values (?, ?, 0, 0)",
        [key, text],
    )
    return cursor.lastrowid


def refresh_clusters(db: sqlite_utils.Database, ids: Iterable[int]) -> None:
    """Recount a cluster's quotes and articles and where it was first seen; drop empty ones."""
    for cid in ids:
        stats = db.execute(
            "select count(*), count(distinct article_id), min(published), max(published) "
            "from quotes where cluster_id = ?",
            [cid],
        ).fetchone()
        if stats[0] == 0:
            db.execute("delete from quote_clusters where id = ?", [cid])
            continue
        first = db.execute(
            "select article_id from quotes where cluster_id = ? "
            "order by published is null, published, article_id limit 1",
            [cid],
        ).fetchone()
        db.execute(
            "update quote_clusters set quote_count = ?, article_count = ?, first_seen = ?, "
            "last_seen = ?, first_article_id = ? where id = ?",
            [stats[0], stats[1], stats[2], stats[3], first[0], cid],
        )
