"""`QuoteStore`: a quote database opened for writing; saves articles with their quotes and
applies the user's speaker corrections."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import Article, Quote
from ..errors import DatabaseUnusable
from . import clusters, identity, schema, speaker_names, speakers, surnames
from .connect import describe, open_for_writing, write_transaction
from .rows import article_row, check_spans, iso_date, quote_row


class QuoteStore:
    """A SQLite quote database (sqlite-utils), in WAL mode so Datasette can read while we write.
    Opening it creates or migrates the schema (`quotes.store.schema`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.replaced: list[tuple[Article, list[str]]] = []
        """Articles saved over an older version from the same source and id (an update), each
        with what changed (`text`, `title`, `published`, ...), for the caller to report; it may
        clear the list."""
        self._surnames: set[str] = set()
        self.db = open_for_writing(self.path, schema.SCHEMA_VERSION)
        try:
            self.migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise DatabaseUnusable(describe(exc, self.path)) from None

    def migrate(self) -> None:
        """Bring the file's schema up to date (`quotes.store.schema.migrate`)."""
        schema.migrate(self.db)

    @property
    def schema_version(self) -> int:
        """The file's `PRAGMA user_version`."""
        return schema.user_version(self.db)

    # -- writing articles -----------------------------------------------------------------

    def save(self, article: Article, quotes: list[Quote]) -> None:
        """Store `article` and its quotes, replacing whatever was stored for it before."""
        with write_transaction(self.db):
            if changed := self._save(article, quotes):
                self.replaced.append((article, changed))
            self._settle()

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
        with write_transaction(self.db):
            for article, quotes in items:
                if on_error is None:
                    if changed := self._save(article, quotes):
                        self.replaced.append((article, changed))
                    saved += 1
                    continue
                try:
                    with self.db.atomic():  # a savepoint per article
                        if changed := self._save(article, quotes):
                            self.replaced.append((article, changed))
                    saved += 1
                except Exception as exc:  # noqa: BLE001 - reported to the caller, run goes on
                    on_error(article, exc)
            self._settle()
        return saved

    def _save(self, article: Article, quotes: list[Quote]) -> list[str]:
        """Store one article; what changed when it replaced an older version of the same source
        and id (`identity.COMPARED`), else an empty list."""
        check_spans(article, quotes)
        db = self.db
        source_id = article.id
        key, replaced = identity.storage_key(db, article)
        article = article.model_copy(update={"id": key, "source_path": identity.source_key(article.source_path)})
        old = db.execute(
            "select distinct speaker_id, cluster_id from quotes where article_id = ?", [article.id]
        ).fetchall()
        old_speakers = {r[0] for r in old if r[0] is not None}
        old_speakers |= {r[0] for r in db.execute("select speaker_id from speaker_aliases where article_id = ?", [article.id])}
        old_clusters = {r[1] for r in old if r[1] is not None}
        old_speakers |= speakers.drop_co_speakers(db, article.id)
        for table in ("quotes", "speaker_aliases", "speaker_roles"):
            db.execute(f"delete from {table} where article_id = ?", [article.id])
        db.execute("update quote_clusters set first_article_id = null where first_article_id = ?", [article.id])
        db["articles"].upsert(article_row(article, len(quotes), source_id=source_id), pk="id")

        published = iso_date(article.published)
        rows, aliases, roles = [], set(), set()
        new_speakers, new_clusters = set(), set()
        text = article.text
        refs = speakers.resolve_article(db, quotes, text, article.id)
        co_ids: dict[int, list[tuple[int, str]]] = {}   # quote seq -> its co-speakers (id, name as written)
        for seq, (quote, ref) in enumerate(zip(quotes, refs)):
            speaker_id = speaker_name = None
            role = speaker_names.clean_role(quote.speaker_role)
            if role != quote.speaker_role:
                quote = quote.model_copy(update={"speaker_role": role})
            if ref is not None:
                speaker_id, speaker_name = speakers.speaker_id(db, ref)
                new_speakers.add(speaker_id)
                aliases.add((speaker_id, speaker_names.tidy(quote.speaker), article.id))
                for s, e in [] if quote.co_speakers else quote.speaker_spans:   # (`X and Y` names no one)
                    mention = " ".join(speaker_names.visible(text[s:e]).split())
                    if speaker_names.is_alias(mention):
                        aliases.add((speaker_id, mention, article.id))
                if role:
                    roles.add((speaker_id, role, article.id, published))
                for name in quote.co_speakers:
                    co_id, _ = speakers.speaker_id(db, speakers.resolve(db, name, None, article.id))
                    if co_id != speaker_id and co_id not in [c for c, _n in co_ids.get(seq, [])]:
                        co_ids.setdefault(seq, []).append((co_id, name))
                        new_speakers.add(co_id)
                        aliases.add((co_id, speaker_names.tidy(name), article.id))
            cluster_id = clusters.cluster_id(db, quote.text, speaker_id)
            new_clusters.add(cluster_id)
            rows.append(quote_row(article, seq, quote, speaker_id=speaker_id, speaker_name=speaker_name,
                                  cluster_id=cluster_id))
        if rows:
            db["quotes"].insert_all(rows)
        if co_ids:
            speakers.link_co_speakers(db, article.id, co_ids)
        if aliases:
            db["speaker_aliases"].insert_all(
                [{"speaker_id": s, "alias": a, "article_id": art, "key": speaker_names.key(a)} for s, a, art in aliases],
                ignore=True,
            )
        if roles:
            db["speaker_roles"].insert_all(
                [{"speaker_id": s, "role": r, "article_id": art, "published": p} for s, r, art, p in roles],
                ignore=True,
            )
        self._surnames |= surnames.surnames(db, old_speakers | new_speakers)
        speakers.refresh_speakers(db, old_speakers | new_speakers)
        clusters.refresh_clusters(db, old_clusters | new_clusters)
        return replaced

    def _settle(self) -> None:
        """File the bare surnames this transaction touched as if every article were stored
        (`quotes.store.surnames`): the same rows whatever order articles come in."""
        if self._surnames:
            surnames.settle(self.db, self._surnames)
            self._surnames.clear()

    # -- user corrections -----------------------------------------------------------------

    def find_speaker(self, spec: str | int) -> dict:
        """The `speakers` row named by `spec`: its id (`12` or `#12`), its name, or an alias.

        Raises `LookupError` naming the candidates when `spec` is unknown or ambiguous."""
        return speakers.find_speaker(self.db, spec)

    def merge_speakers(self, source: str | int, target: str | int) -> dict:
        """Fold speaker `source` into `target` (the same person): its quotes, aliases and roles
        move over, and the merge is recorded so later ingests file `source`'s name under
        `target` too. Returns the updated target row."""
        with write_transaction(self.db):
            return speakers.merge_speakers(self.db, source, target)

    def rename_speaker(self, spec: str | int, name: str) -> dict:
        """Give a speaker a new canonical name, kept across re-ingests. Returns the row."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("the new name is empty")
        with write_transaction(self.db):
            return speakers.rename_speaker(self.db, spec, name)

    # -- reading --------------------------------------------------------------------------

    def changes(self, article: Article) -> list[str] | None:
        """None when no article of this source and id is stored (`quotes.store.identity`); else
        what differs from the stored one: empty when it is stored as it is (nothing to do)."""
        return identity.changes(self.db, article)

    def has_article(self, text_hash: str) -> bool:
        """Whether an article with this `Article.text_hash` is stored (so ingest can skip it)."""
        return self.db.execute("select 1 from articles where text_hash = ? limit 1", [text_hash]).fetchone() is not None

    def known_hashes(self) -> set[str]:
        """Every stored article's `text_hash`."""
        return {r[0] for r in self.db.execute("select text_hash from articles")}

    def close(self) -> None:
        """Checkpoint the WAL into the database file (so read-only readers see it all), refresh
        the planner's statistics (sampled, a few milliseconds) and close. A checkpoint that fails
        (a full disk) leaves the committed rows in the WAL, where the next open finds them:
        nothing is lost, so it is not an error."""
        try:
            schema.refresh_statistics(self.db)
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        finally:
            self.db.close()

    def __enter__(self) -> QuoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
