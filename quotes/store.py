"""The quote database: the one place that writes SQL.

Tables (all created and migrated by `QuoteStore`, browsed with Datasette):

* `articles` - one row per article (`Article.id`), with its metadata, text and `text_hash`;
* `quotes` - one row per attributed quote, with its offsets (`start`, `end`, `spans` JSON), the
  cue, rule, confidence, speaker mention and role, and the sentence around it (`context`);
  `published` and `outlet` are copied from the article so Datasette can facet and sort on them;
* `speakers` - one row per real speaker across articles (see `quotes.speakers`), with the
  aliases and roles seen, quote count, first and last seen;
* `speaker_aliases`, `speaker_roles` - each alias and role with the article that gave it;
* `speaker_corrections` - the user's merges and renames, re-applied on every ingest;
* `quote_clusters` - the same quote carried by several articles (wire copy, syndication);
* `quotes_fts` - FTS5 over the quote text and the speaker's name, kept in step by triggers.

Saving an article replaces all of its rows, so ingesting it again never duplicates anything.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from pathlib import Path

import sqlite_utils

from . import speakers as speakers_mod
from .models import Article, Quote
from .site.schema import add_site_indexes

SCHEMA_VERSION = 1
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
CLUSTER_MIN_WORDS = 5
"""Quotes shorter than this cluster only with the same speaker's (a bare "negative" in two
unrelated articles is not the same quote)."""

TABLES: dict[str, dict] = {
    "articles": {
        "columns": {
            "id": str, "title": str, "url": str, "outlet": str, "published": str, "byline": str,
            "source_path": str, "text_hash": str, "body_end": int, "quote_count": int,
            "meta": str, "text": str, "ingested_at": str,
        },
        "pk": "id",
    },
    "speakers": {
        "columns": {
            "id": int, "key": str, "name": str, "is_person": int, "aliases": str, "roles": str,
            "quote_count": int, "article_count": int, "first_seen": str, "last_seen": str,
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
        "columns": {"speaker_id": int, "alias": str, "article_id": str},
        "pk": ("speaker_id", "alias", "article_id"),
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    "speaker_roles": {
        "columns": {"speaker_id": int, "role": str, "article_id": str, "published": str},
        "pk": ("speaker_id", "role", "article_id"),
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    "speaker_corrections": {
        "columns": {"key": str, "action": str, "target_key": str, "name": str, "created": str},
        "pk": ("key", "action"),
    },
}

INDEXES: list[tuple[str, list[str], bool]] = [
    ("articles", ["text_hash"], False),
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
    ("speaker_aliases", ["article_id"], False),
    ("speaker_roles", ["article_id"], False),
]


class StoreError(ValueError):
    """An article or quote that cannot be stored as given (the message names the article)."""


def iso_date(value: date | str | None) -> str | None:
    """`published` as `YYYY-MM-DD` where it parses, else as given (so nothing is lost)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def cluster_text_key(text: str) -> str:
    """The comparison form of a quote's text: case, quote marks, dashes and spacing ignored."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[^\w\s]", " ", norm)
    return " ".join(norm.split())


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around `[start, end)`: the context when the attributor gave none."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


class QuoteStore:
    """A SQLite quote database (sqlite-utils), in WAL mode so Datasette can read while we write."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.migrate()

    # -- schema ---------------------------------------------------------------------------

    def migrate(self) -> None:
        """Create missing tables, columns, indexes, the FTS index and its triggers."""
        with self.db.atomic():
            for name, spec in TABLES.items():
                table = self.db[name]
                if not table.exists():
                    table.create(
                        spec["columns"],
                        pk=spec["pk"],
                        foreign_keys=spec.get("foreign_keys"),
                        not_null=spec.get("not_null"),
                    )
                else:
                    have = set(table.columns_dict)
                    for column, kind in spec["columns"].items():
                        if column not in have:
                            table.add_column(column, kind)
            for name, columns, unique in INDEXES:
                self.db[name].create_index(columns, unique=unique, if_not_exists=True)
            # `quotes check --speaker` finds a speaker by any alias, in any case
            self.db.execute(
                "create index if not exists idx_speaker_aliases_alias_nocase "
                "on speaker_aliases(alias collate nocase)"
            )
            add_site_indexes(self.db)  # prototype: becomes a migration step of the store
        if not self.db["quotes_fts"].exists():
            self.db["quotes"].enable_fts(["text", "speaker"], create_triggers=True, tokenize=FTS_TOKENIZE)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- writing articles -----------------------------------------------------------------

    def save(self, article: Article, quotes: list[Quote]) -> None:
        """Store `article` and its quotes, replacing whatever was stored for it before."""
        with self.db.atomic():
            self._save(article, quotes)

    def save_many(
        self,
        items: Iterable[tuple[Article, list[Quote]]],
        *,
        on_error: Callable[[Article, Exception], None] | None = None,
    ) -> int:
        """Store many articles in ONE transaction; returns how many were saved.

        Without `on_error` the first bad article raises and nothing from this call is kept;
        with it, a bad article is rolled back alone, reported to `on_error(article, exc)`, and
        the rest are saved.
        """
        saved = 0
        with self.db.atomic():
            for article, quotes in items:
                if on_error is None:
                    self._save(article, quotes)
                    saved += 1
                    continue
                try:
                    with self.db.atomic():  # a savepoint per article
                        self._save(article, quotes)
                    saved += 1
                except Exception as exc:  # noqa: BLE001 - reported to the caller, run goes on
                    on_error(article, exc)
        return saved

    def _check(self, article: Article, quotes: list[Quote]) -> None:
        where = article.source_path or article.id
        n = len(article.text)
        for i, quote in enumerate(quotes):
            spans = [*quote.spans, *quote.cue_spans, *quote.speaker_spans, *quote.quoted_spans]
            if quote.context_span:
                spans.append(quote.context_span)
            if not quote.spans:
                raise StoreError(f"{where}: quote {i} has no spans")
            for start, end in spans:
                if not 0 <= start <= end <= n:
                    raise StoreError(
                        f"{where}: quote {i} ({quote.text[:40]!r}) has span ({start}, {end}) "
                        f"outside the article text (length {n})"
                    )

    def _save(self, article: Article, quotes: list[Quote]) -> None:
        self._check(article, quotes)
        db = self.db
        old = db.execute(
            "select distinct speaker_id, cluster_id from quotes where article_id = ?", [article.id]
        ).fetchall()
        old_speakers = {r[0] for r in old if r[0] is not None}
        old_speakers |= {r[0] for r in db.execute("select speaker_id from speaker_aliases where article_id = ?", [article.id])}
        old_clusters = {r[1] for r in old if r[1] is not None}
        for table in ("quotes", "speaker_aliases", "speaker_roles"):
            db.execute(f"delete from {table} where article_id = ?", [article.id])
        db.execute("update quote_clusters set first_article_id = null where first_article_id = ?", [article.id])

        published = iso_date(article.published)
        db["articles"].upsert(
            {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "outlet": article.outlet,
                "published": published,
                "byline": article.byline,
                "source_path": article.source_path,
                "text_hash": article.text_hash,
                "body_end": article.body_end,
                "quote_count": len(quotes),
                "meta": _json(article.meta) if article.meta else None,
                "text": article.text,
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            },
            pk="id",
        )

        rows, aliases, roles = [], set(), set()
        new_speakers, new_clusters = set(), set()
        text = article.text
        for seq, quote in enumerate(quotes):
            speaker_id = speaker_name = mention = None
            if quote.speaker:
                ref = speakers_mod.resolve(db, quote.speaker, quote.speaker_is_person, article.id)
                speaker_id, speaker_name = self._speaker_id(ref)
                new_speakers.add(speaker_id)
                aliases.add((speaker_id, speakers_mod.display_name(quote.speaker), article.id))
                for s, e in quote.speaker_spans:
                    mention = text[s:e]
                    if speakers_mod.is_alias(mention):
                        aliases.add((speaker_id, " ".join(mention.split()), article.id))
                if quote.speaker_role:
                    roles.add((speaker_id, " ".join(quote.speaker_role.split()), article.id, published))
            if quote.context_span:
                cs, ce = quote.context_span
            else:
                cs, ce = _paragraph_span(text, quote.start, quote.end)
            cluster_id = self._cluster_id(quote, speaker_id)
            new_clusters.add(cluster_id)
            rows.append(
                {
                    "article_id": article.id,
                    "seq": seq,
                    "text": quote.text,
                    "speaker_id": speaker_id,
                    "speaker": speaker_name,
                    "speaker_as_written": quote.speaker,
                    "speaker_mention": " ".join(text[s:e] for s, e in quote.speaker_spans) or None,
                    "speaker_role": quote.speaker_role,
                    "speaker_is_person": quote.speaker_is_person,
                    "kind": quote.kind,
                    "cue": quote.cue,
                    "cue_class": quote.cue_class,
                    "rule": quote.rule,
                    "confidence": quote.confidence,
                    "start": quote.start,
                    "end": quote.end,
                    "spans": _json(quote.spans),
                    "quoted_spans": _json(quote.quoted_spans),
                    "cue_spans": _json(quote.cue_spans),
                    "speaker_spans": _json(quote.speaker_spans),
                    "context": text[cs:ce],
                    "context_start": cs,
                    "context_end": ce,
                    "in_body": quote.in_body,
                    "published": published,
                    "outlet": article.outlet,
                    "cluster_id": cluster_id,
                }
            )
        if rows:
            db["quotes"].insert_all(rows)
        if aliases:
            db["speaker_aliases"].insert_all(
                [{"speaker_id": s, "alias": a, "article_id": art} for s, a, art in aliases], ignore=True
            )
        if roles:
            db["speaker_roles"].insert_all(
                [{"speaker_id": s, "role": r, "article_id": art, "published": p} for s, r, art, p in roles],
                ignore=True,
            )
        self._refresh_speakers(old_speakers | new_speakers)
        self._refresh_clusters(old_clusters | new_clusters)

    def _speaker_id(self, ref: speakers_mod.SpeakerRef) -> tuple[int, str]:
        row = self.db.execute("select id, name from speakers where key = ?", [ref.key]).fetchone()
        if row:
            return row[0], row[1]
        renamed = self.db.execute(
            "select name from speaker_corrections where key = ? and action = 'rename'", [ref.key]
        ).fetchone()
        if not renamed:  # a user's merge names the speaker that survives
            renamed = self.db.execute(
                "select name from speaker_corrections where target_key = ? and action = 'merge' "
                "and name is not null limit 1",
                [ref.key],
            ).fetchone()
        name = renamed[0] if renamed else ref.name
        cursor = self.db.execute(
            "insert into speakers (key, name, is_person, quote_count, article_count) values (?, ?, ?, 0, 0)",
            [ref.key, name, ref.is_person],
        )
        return cursor.lastrowid, name

    def _cluster_id(self, quote: Quote, speaker_id: int | None) -> int:
        norm = cluster_text_key(quote.text)
        if len(norm.split()) < CLUSTER_MIN_WORDS:
            norm = f"{norm}|speaker:{speaker_id}"
        key = hashlib.sha1(norm.encode("utf-8")).hexdigest()
        row = self.db.execute("select id from quote_clusters where key = ?", [key]).fetchone()
        if row:
            return row[0]
        cursor = self.db.execute(
            "insert into quote_clusters (key, text, quote_count, article_count) values (?, ?, 0, 0)",
            [key, quote.text],
        )
        return cursor.lastrowid

    # -- user corrections -----------------------------------------------------------------

    def find_speaker(self, spec: str | int) -> dict:
        """The `speakers` row named by `spec`: its id (`12` or `#12`), its name, or an alias.

        Raises `LookupError` naming the candidates when `spec` is unknown or ambiguous."""
        text = str(spec).strip()
        if text.lstrip("#").isdigit():
            try:
                return self.db["speakers"].get(int(text.lstrip("#")))
            except sqlite_utils.db.NotFoundError:
                raise LookupError(f"no speaker with id {text}") from None
        norm = speakers_mod.normalise(text)
        rows = list(self.db.query(
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

    def merge_speakers(self, source: str | int, target: str | int) -> dict:
        """Fold speaker `source` into `target` (the same person): its quotes, aliases and roles
        move over, and the merge is recorded so later ingests file `source`'s name under
        `target` too. Returns the updated target row."""
        with self.db.atomic():
            src, dst = self.find_speaker(source), self.find_speaker(target)
            if src["id"] == dst["id"]:
                raise LookupError(f"{source!r} and {target!r} are already the same speaker (#{dst['id']})")
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            db = self.db
            db.execute("update speaker_corrections set target_key = ? where target_key = ? and action = 'merge'",
                       [dst["key"], src["key"]])
            db["speaker_corrections"].upsert(
                {"key": src["key"], "action": "merge", "target_key": dst["key"], "name": dst["name"], "created": now},
                pk=("key", "action"),
            )
            db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [dst["id"], dst["name"], src["id"]])
            for table in ("speaker_aliases", "speaker_roles"):
                db.execute(f"update or ignore {table} set speaker_id = ? where speaker_id = ?", [dst["id"], src["id"]])
            self._refresh_speakers([src["id"], dst["id"]])
            return db["speakers"].get(dst["id"])

    def rename_speaker(self, spec: str | int, name: str) -> dict:
        """Give a speaker a new canonical name, kept across re-ingests. Returns the row."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("the new name is empty")
        with self.db.atomic():
            row = self.find_speaker(spec)
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            self.db["speaker_corrections"].upsert(
                {"key": row["key"], "action": "rename", "target_key": None, "name": name, "created": now},
                pk=("key", "action"),
            )
            self.db.execute("update speaker_corrections set name = ? where target_key = ? and action = 'merge'", [name, row["key"]])
            self.db.execute("update speakers set name = ? where id = ?", [name, row["id"]])
            self.db.execute("update quotes set speaker = ? where speaker_id = ?", [name, row["id"]])
            return self.db["speakers"].get(row["id"])

    # -- derived columns ------------------------------------------------------------------

    def _refresh_speakers(self, ids: Iterable[int]) -> None:
        """Recount a speaker's quotes, first/last seen, aliases and roles; drop empty ones."""
        db = self.db
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
                [stats[0], stats[1], stats[2], stats[3], _json(aliases), _json(roles), sid],
            )

    def _refresh_clusters(self, ids: Iterable[int]) -> None:
        """Recount a cluster's quotes and articles and where it was first seen; drop empty ones."""
        db = self.db
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

    # -- reading --------------------------------------------------------------------------

    def has_article(self, text_hash: str) -> bool:
        """Whether an article with this `Article.text_hash` is stored (so ingest can skip it)."""
        return self.db.execute("select 1 from articles where text_hash = ? limit 1", [text_hash]).fetchone() is not None

    def known_hashes(self) -> set[str]:
        """Every stored article's `text_hash`."""
        return {r[0] for r in self.db.execute("select text_hash from articles")}

    def close(self) -> None:
        """Checkpoint the WAL into the database file (so read-only readers see it all) and close."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()

    def __enter__(self) -> QuoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
