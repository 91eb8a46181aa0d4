"""The quote database's tables, and the migrations that bring any older file up to date.

The version of a database file is SQLite's `PRAGMA user_version`. `migrate` runs, in order,
every step of `MIGRATIONS` numbered above it, and writes the new number after each step, so
a run stopped half-way starts again at the step that did not finish. A new database is
version 0 and runs them all. To change the schema: change `TABLES` / `INDEXES` (what a new
database gets), then append a step that makes the same change in an existing file; every
step must be safe to run where its change is already there (a new database got it from
`TABLES` in step 1), which `add_missing_columns` and `create index if not exists` are.

Tables (browsed with Datasette, documented in `quotes.store`): `articles`, `quotes`,
`speakers`, `quote_speakers` (a joint quote's co-speakers, position 1, 2, …: the first named is
the quote's own `speaker_id`), `speaker_aliases`, `speaker_roles`, `speaker_corrections`, `quote_clusters`, and
`quotes_fts`, FTS5 over the quote text and the speaker's name, kept in step by triggers; the
site's `quote_counts` and `speakers_fts` (`quotes.store.site_counts`).
"""
from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from ..errors import SchemaError

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

TABLES: dict[str, dict] = {
    "articles": {
        "columns": {
            "id": str, "title": str, "url": str, "outlet": str, "published": str, "byline": str,
            "source_path": str, "text_hash": str, "body_end": int, "quote_count": int,
            "meta": str, "text": str, "ingested_at": str, "source_id": str,
        },
        "pk": "id",
    },
    "speakers": {
        "columns": {
            "id": int, "key": str, "name": str, "is_person": int, "aliases": str, "roles": str,
            "quote_count": int, "article_count": int, "first_seen": str, "last_seen": str,
            "surname": str,
        },
        "pk": "id",
        "not_null": {"key", "name"},
    },
    "quote_clusters": {
        "columns": {
            "id": int, "key": str, "text": str, "quote_count": int, "article_count": int,
            "first_seen": str, "last_seen": str, "first_article_id": str,
        },
        "pk": "id",
        "foreign_keys": [("first_article_id", "articles", "id")],
    },
    "quotes": {
        "columns": {
            "id": int, "article_id": str, "seq": int, "text": str, "speaker_id": int,
            "speaker": str, "speaker_as_written": str, "speaker_mention": str,
            "speaker_role": str, "speaker_is_person": int, "kind": str, "cue": str,
            "cue_class": str, "rule": str, "confidence": float, "start": int, "end": int,
            "spans": str, "quoted_spans": str, "cue_spans": str, "speaker_spans": str,
            "context": str, "context_start": int, "context_end": int, "in_body": int,
            "published": str, "outlet": str, "cluster_id": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("cluster_id", "quote_clusters", "id"),
        ],
    },
    "speaker_aliases": {
        "columns": {"speaker_id": int, "alias": str, "article_id": str, "key": str},
        "pk": ("speaker_id", "alias", "article_id"),
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    "speaker_roles": {
        "columns": {"speaker_id": int, "role": str, "article_id": str, "published": str},
        "pk": ("speaker_id", "role", "article_id"),
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    "quote_speakers": {
        "columns": {"quote_id": int, "speaker_id": int, "position": int, "speaker_as_written": str},
        "pk": ("quote_id", "position"),
        "foreign_keys": [("quote_id", "quotes", "id"), ("speaker_id", "speakers", "id")],
    },
    "speaker_corrections": {
        "columns": {"key": str, "action": str, "target_key": str, "name": str, "created": str},
        "pk": ("key", "action"),
    },
}

INDEXES: list[tuple[str, list[str], bool]] = [
    ("articles", ["text_hash"], False),
    ("articles", ["source_path", "source_id"], False),
    ("articles", ["source_id"], False),  # the identity lookup of every article read (`identity`)
    ("articles", ["published"], False),
    ("speakers", ["key"], True),
    ("speakers", ["name"], False),
    ("quote_clusters", ["key"], True),
    ("quotes", ["article_id", "seq"], True),
    ("quotes", ["speaker_id"], False),
    ("quotes", ["cluster_id"], False),
    ("quotes", ["published"], False),
    ("quotes", ["kind"], False),
    ("quotes", ["outlet"], False),
    ("speaker_aliases", ["alias"], False),
    ("speaker_aliases", ["key"], False),
    ("speakers", ["surname"], False),
    ("speaker_aliases", ["article_id"], False),
    ("speaker_roles", ["article_id"], False),
    ("quote_speakers", ["speaker_id"], False),
]

SITE_INDEXES: list[tuple[str, list[str], bool]] = [
    ("quotes", ["in_body", "published"], False),  # the quotes table's default view and sort
    ("quotes", ["in_body", "speaker"], False),    # its facets, within body quotes ...
    ("quotes", ["in_body", "kind"], False),
    ("quotes", ["in_body", "outlet"], False),
    ("quotes", ["speaker"], False),               # the speaker facet over every quote
    ("quotes", ["speaker_id", "in_body", "published"], False),  # a speaker page, newest first
    ("speakers", ["quote_count"], False),         # the most quoted speakers
]
"""What the quote site's pages need to stay within Datasette's time limits on a million quotes."""
INDEXES += SITE_INDEXES

ANALYSIS_LIMIT = 1000
"""Rows sampled per index by `refresh_statistics`: a few milliseconds on any size of file."""


def add_missing_columns(db: sqlite_utils.Database, table: str, columns: dict[str, type]) -> None:
    """Add each of `columns` that `table` lacks (the table must exist)."""
    have = set(db[table].columns_dict)
    for column, kind in columns.items():
        if column not in have:
            db[table].add_column(column, kind)


def create_base_schema(db: sqlite_utils.Database) -> None:
    """Step 1: every table, column and index of `TABLES` / `INDEXES`, and the FTS index with its
    triggers; what was missing is added, nothing is dropped (also brings up to date a file made
    before the version was kept)."""
    with db.atomic():
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"),
                             not_null=spec.get("not_null"))
            else:
                add_missing_columns(db, name, spec["columns"])
        for name, columns, unique in INDEXES:
            db[name].create_index(columns, unique=unique, if_not_exists=True)
        # `quotes check --speaker` finds a speaker by any alias, in any case
        db.execute("create index if not exists idx_speaker_aliases_alias_nocase "
                   "on speaker_aliases(alias collate nocase)")
    if not db["quotes_fts"].exists():  # sqlite-utils commits around its FTS script
        db["quotes"].enable_fts(["text", "speaker"], create_triggers=True, tokenize=FTS_TOKENIZE)


def refresh_statistics(db: sqlite_utils.Database) -> None:
    """Sampled `ANALYZE`, so SQLite's planner knows that `in_body = 1` holds for most quotes
    and drives a search from the full-text index rather than from that index."""
    db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    db.execute("ANALYZE")


def add_site_indexes(db: sqlite_utils.Database) -> None:
    """Step 2: the indexes of `SITE_INDEXES` (facets, default sort, speaker pages, top
    speakers), and the planner's statistics."""
    with db.atomic():
        for name, columns, unique in SITE_INDEXES:
            db[name].create_index(columns, unique=unique, if_not_exists=True)
    refresh_statistics(db)


def article_identity(db: sqlite_utils.Database) -> None:
    """Step 3: an article is its source (`source_path`) and the id the input gave it
    (`source_id`), so the same id from two sources is two articles; `id` stays the row's key
    (the input's id, with a suffix for the source when another source has it already). Rows
    stored before keep their id as their source id."""
    with db.atomic():
        add_missing_columns(db, "articles", {"source_id": str})
        db.execute("update articles set source_id = id where source_id is null")
        db["articles"].create_index(["source_path", "source_id"], if_not_exists=True)


def identity_index_and_clean_values(db: sqlite_utils.Database) -> None:
    """Step 4: index `articles.source_id` (the identity lookup of every article read, which
    scanned the table before; `identity`), and move what earlier versions stored raw out of
    the date and link columns: a `published` that is not an ISO date (a 500 in the site's
    charts, wrong in date filters) and a `url` that is not an http(s) link go to `meta` as text
    (`published_text`, `url_text`), the quotes' copies of the date with them."""
    import json

    from . import clusters, speakers
    from .rows import iso_date, link

    with db.atomic():
        db["articles"].create_index(["source_id"], if_not_exists=True)
        touched: set[str] = set()
        rows = db.execute("select id, published, url from articles where published is not null or url is not null")
        for key, published, url in rows.fetchall():
            new_published = published if published is None or iso_date(published) == published else None
            new_url = url if url is None or link(url) == url else None
            if (new_published, new_url) == (published, url):
                continue
            meta_json = db.execute("select meta from articles where id = ?", [key]).fetchone()[0]
            meta = json.loads(meta_json) if meta_json else {}
            if new_published != published:
                meta.setdefault("published_text", published)
                touched.add(key)
            if new_url != url:
                meta.setdefault("url_text", url)
            db.execute("update articles set published = ?, url = ?, meta = ? where id = ?",
                       [new_published, new_url, json.dumps(meta, ensure_ascii=False), key])
        for key in touched:
            db.execute("update quotes set published = null where article_id = ?", [key])
            db.execute("update speaker_roles set published = null where article_id = ?", [key])
        if touched:
            marks = ",".join("?" * len(touched))
            ids = [r[0] for r in db.execute(f"select distinct speaker_id from quotes where article_id in ({marks}) "
                                            "and speaker_id is not null", list(touched))]
            cids = [r[0] for r in db.execute(f"select distinct cluster_id from quotes where article_id in ({marks}) "
                                             "and cluster_id is not null", list(touched))]
            speakers.refresh_speakers(db, ids)
            clusters.refresh_clusters(db, cids)


def site_counts(db: sqlite_utils.Database) -> None:
    """Step 5: the site's precomputed counts and speaker search (`quotes.store.site_counts`)."""
    from .site_counts import add_site_counts

    add_site_counts(db)


def speaker_keys(db: sqlite_utils.Database) -> None:
    """Step 6: who a name means is `quotes.store.speaker_names.key` everywhere: each speaker's
    `surname` (the bare surname finds its person by index) and each alias's `key` (a name a
    user types finds the speaker an article called that). Rows stored before get theirs."""
    from . import speaker_names

    with db.atomic():
        add_missing_columns(db, "speakers", {"surname": str})
        add_missing_columns(db, "speaker_aliases", {"key": str})
        for sid, key in db.execute("select id, key from speakers where surname is null").fetchall():
            if "@" not in key and not key.startswith("desc:"):
                db.execute("update speakers set surname = ? where id = ?", [speaker_names.surname(key), sid])
        for rowid, alias in db.execute("select rowid, alias from speaker_aliases where key is null").fetchall():
            db.execute("update speaker_aliases set key = ? where rowid = ?", [speaker_names.key(alias or ""), rowid])
        db["speakers"].create_index(["surname"], if_not_exists=True)
        db["speaker_aliases"].create_index(["key"], if_not_exists=True)


def quote_speakers(db: sqlite_utils.Database) -> None:
    """Step 7: `quote_speakers`, the co-speakers of a quote several named people or bodies said
    together (`Mr. Grassley and Mr. Leahy said`: Leahy at position 1; Grassley stays the quote's
    `speaker_id`), indexed by speaker so a speaker's joint quotes are found. Quotes stored before
    have none (re-ingest with `--force` to find them)."""
    spec = TABLES["quote_speakers"]
    with db.atomic():
        if not db["quote_speakers"].exists():
            db["quote_speakers"].create(spec["columns"], pk=spec["pk"], foreign_keys=spec["foreign_keys"])
        db["quote_speakers"].create_index(["speaker_id"], if_not_exists=True)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    create_base_schema,  # 1
    add_site_indexes,  # 2
    article_identity,  # 3
    identity_index_and_clean_values,  # 4
    site_counts,  # 5
    speaker_keys,  # 6
    quote_speakers,  # 7
]
"""Step N (1-based) takes a database from version N-1 to N."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The version this code writes and reads."""


def user_version(db: sqlite_utils.Database) -> int:
    """The file's schema version (`PRAGMA user_version`; 0 for a new file)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring `db` to `SCHEMA_VERSION`, running the steps it has not had; returns the version it
    had before. Raises `SchemaError` for a file made by a newer `quotes`."""
    before = user_version(db)
    if before > SCHEMA_VERSION:
        raise SchemaError(
            f"{db.conn.execute('PRAGMA database_list').fetchone()[2] or 'the database'}: schema "
            f"version {before} is newer than this quotes knows ({SCHEMA_VERSION}); upgrade quotes"
        )
    if before == SCHEMA_VERSION:
        return before
    from .connect import write_transaction

    with write_transaction(db):  # another process migrating the same file waits, then finds it done
        before = user_version(db)
        for number, step in enumerate(MIGRATIONS, start=1):
            if number > before:
                step(db)
                db.execute(f"PRAGMA user_version = {number}")
    return before
