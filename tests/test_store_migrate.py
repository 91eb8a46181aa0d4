"""Opening a database made by an earlier `quotes`: the schema is migrated (keyed on
`PRAGMA user_version`) and nothing stored is lost."""
from __future__ import annotations

import sqlite3

import pytest

from quotes.errors import SchemaError
from quotes.models import Article, Quote
from quotes.store import SCHEMA_VERSION, QuoteStore, connect_readonly

# The schema as the store wrote it before it was split into a package (commit b03ef70), which
# set user_version 1; a file from before the version was written has user_version 0.
OLD_SCHEMA = """
CREATE TABLE "articles" ("id" TEXT PRIMARY KEY, "title" TEXT, "url" TEXT, "outlet" TEXT,
  "published" TEXT, "byline" TEXT, "source_path" TEXT, "text_hash" TEXT, "body_end" INTEGER,
  "quote_count" INTEGER, "meta" TEXT, "text" TEXT, "ingested_at" TEXT);
CREATE TABLE "speakers" ("id" INTEGER PRIMARY KEY, "key" TEXT NOT NULL, "name" TEXT NOT NULL,
  "is_person" INTEGER, "aliases" TEXT, "roles" TEXT, "quote_count" INTEGER,
  "article_count" INTEGER, "first_seen" TEXT, "last_seen" TEXT);
CREATE TABLE "quote_clusters" ("id" INTEGER PRIMARY KEY, "key" TEXT, "text" TEXT,
  "quote_count" INTEGER, "article_count" INTEGER, "first_seen" TEXT, "last_seen" TEXT,
  "first_article_id" TEXT REFERENCES "articles"("id"));
CREATE TABLE "quotes" ("id" INTEGER PRIMARY KEY, "article_id" TEXT REFERENCES "articles"("id"),
  "seq" INTEGER, "text" TEXT, "speaker_id" INTEGER REFERENCES "speakers"("id"), "speaker" TEXT,
  "speaker_as_written" TEXT, "speaker_mention" TEXT, "speaker_role" TEXT,
  "speaker_is_person" INTEGER, "kind" TEXT, "cue" TEXT, "cue_class" TEXT, "rule" TEXT,
  "confidence" REAL, "start" INTEGER, "end" INTEGER, "spans" TEXT, "quoted_spans" TEXT,
  "cue_spans" TEXT, "speaker_spans" TEXT, "context" TEXT, "context_start" INTEGER,
  "context_end" INTEGER, "in_body" INTEGER, "published" TEXT, "outlet" TEXT,
  "cluster_id" INTEGER REFERENCES "quote_clusters"("id"));
CREATE TABLE "speaker_aliases" ("speaker_id" INTEGER REFERENCES "speakers"("id"), "alias" TEXT,
  "article_id" TEXT REFERENCES "articles"("id"), PRIMARY KEY ("speaker_id", "alias", "article_id"));
CREATE TABLE "speaker_roles" ("speaker_id" INTEGER REFERENCES "speakers"("id"), "role" TEXT,
  "article_id" TEXT REFERENCES "articles"("id"), "published" TEXT,
  PRIMARY KEY ("speaker_id", "role", "article_id"));
CREATE TABLE "speaker_corrections" ("key" TEXT, "action" TEXT, "target_key" TEXT, "name" TEXT,
  "created" TEXT, PRIMARY KEY ("key", "action"));
CREATE UNIQUE INDEX "idx_speakers_key" ON "speakers" ("key");
CREATE UNIQUE INDEX "idx_quote_clusters_key" ON "quote_clusters" ("key");
CREATE UNIQUE INDEX "idx_quotes_article_id_seq" ON "quotes" ("article_id", "seq");
CREATE VIRTUAL TABLE "quotes_fts" USING FTS5 ("text", "speaker",
  tokenize='porter unicode61 remove_diacritics 2', content="quotes");
CREATE TRIGGER "quotes_ai" AFTER INSERT ON "quotes" BEGIN
  INSERT INTO "quotes_fts" (rowid, "text", "speaker") VALUES (new.rowid, new."text", new."speaker");
END;
CREATE TRIGGER "quotes_ad" AFTER DELETE ON "quotes" BEGIN
  INSERT INTO "quotes_fts" ("quotes_fts", rowid, "text", "speaker") VALUES('delete', old.rowid, old."text", old."speaker");
END;
CREATE TRIGGER "quotes_au" AFTER UPDATE ON "quotes" BEGIN
  INSERT INTO "quotes_fts" ("quotes_fts", rowid, "text", "speaker") VALUES('delete', old.rowid, old."text", old."speaker");
  INSERT INTO "quotes_fts" (rowid, "text", "speaker") VALUES (new.rowid, new."text", new."speaker");
END;
"""

OLD_ROWS = """
INSERT INTO articles (id, title, published, text_hash, quote_count, text)
  VALUES ('a1', 'Talks', '2022-02-11', 'h1', 1, '“Cooperation is close to zero,” Ben Wallace said.');
INSERT INTO speakers (id, key, name, is_person, quote_count, article_count)
  VALUES (1, 'ben wallace', 'Defence Secretary Wallace', 1, 1, 1);
INSERT INTO quote_clusters (id, key, text, quote_count, article_count) VALUES (1, 'k1', 'Cooperation is close to zero,', 1, 1);
INSERT INTO quotes (article_id, seq, text, speaker_id, speaker, kind, start, "end", spans, published, cluster_id)
  VALUES ('a1', 0, 'Cooperation is close to zero,', 1, 'Defence Secretary Wallace', 'direct', 1, 30, '[[1, 30]]', '2022-02-11', 1);
INSERT INTO speaker_aliases VALUES (1, 'Ben Wallace', 'a1');
INSERT INTO speaker_corrections VALUES ('ben wallace', 'rename', NULL, 'Defence Secretary Wallace', '2022-03-01T00:00:00+00:00');
"""


def old_database(path, *, version: int, drop_fts: bool = False) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    if drop_fts:  # a file from before the search index (version 0)
        conn.executescript('DROP TRIGGER quotes_ai; DROP TRIGGER quotes_ad; DROP TRIGGER quotes_au; DROP TABLE quotes_fts;')
    conn.executescript(OLD_ROWS)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def indexes(conn) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'index' and name like 'idx_%'")}


@pytest.mark.parametrize("version, drop_fts", [(0, True), (0, False), (1, False)])
def test_an_old_database_opens_migrated_with_its_data(tmp_path, version, drop_fts):
    path = tmp_path / "old.db"
    old_database(path, version=version, drop_fts=drop_fts)
    with QuoteStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [r["text"] for r in store.db.query("select text from quotes")] == ["Cooperation is close to zero,"]
        # the search index covers the quote stored before the migration
        hits = store.db.execute("select rowid from quotes_fts where quotes_fts match 'cooperation'").fetchall()
        assert hits == [(1,)]
        # the user's correction still names the speaker of a new article's quote
        text = "“We can try,” Ben Wallace said."
        quote = Quote(text="We can try,", spans=[(1, 12)], speaker="Ben Wallace", speaker_spans=[(14, 25)],
                      speaker_is_person=True, cue="said", cue_spans=[(26, 30)])
        store.save(Article(id="a2", text=text, published="2022-03-02"), [quote])
        rows = list(store.db.query("select article_id, speaker from quotes order by article_id"))
        assert rows == [{"article_id": "a1", "speaker": "Defence Secretary Wallace"},
                        {"article_id": "a2", "speaker": "Defence Secretary Wallace"}]
    conn = connect_readonly(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    if version == 0:  # step 1 ran: the indexes an old file lacked are there
        assert {"idx_articles_text_hash", "idx_quotes_speaker_id", "idx_speaker_aliases_alias_nocase"} <= indexes(conn)
    assert tuple(conn.execute("select title, published from articles where id = 'a1'").fetchone()) == ("Talks", "2022-02-11")


def test_a_new_database_gets_the_current_version(tmp_path):
    with QuoteStore(tmp_path / "new.db") as store:
        assert store.schema_version == SCHEMA_VERSION >= 1
        assert store.db["quotes_fts"].exists()


def test_a_database_from_a_newer_quotes_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    old_database(path, version=SCHEMA_VERSION + 1)
    with pytest.raises(SchemaError, match=f"schema version {SCHEMA_VERSION + 1} is newer"):
        QuoteStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("select count(*) from quotes").fetchone()[0] == 1
    assert "idx_quotes_speaker_id" not in indexes(conn)


def test_the_read_only_connection_neither_writes_nor_creates(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such quote database"):
        connect_readonly(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    old_database(tmp_path / "q.db", version=1)
    conn = connect_readonly(tmp_path / "q.db")
    assert conn.execute("select id from articles").fetchone()["id"] == "a1"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("delete from quotes")
