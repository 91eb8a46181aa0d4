"""Nothing stale, nothing lost (issue: nothing lost, nothing stale, nothing runs): an article's
identity is its normalised source and id, and any change to it is an update; another program's
database, a device or a pipe named as the database are refused untouched; dates and links are
stored only when they are real; an export is all or nothing; a wrong Dask address fails at once;
a long article's quote just after a chunk cut keeps its speaker."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.errors import DatabaseUnusable
from quotes.ingest import ingest
from quotes.models import Article
from quotes.store import QuoteStore
from rows import table

ROOT = Path(__file__).resolve().parent.parent
QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
ONE = "“We can try,” Ben Wallace said on Tuesday."
TWO = "“Cooperation is close to zero,” Sergei Shoigu said."
NOTICE = "This article has been retracted."


def feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- item 5: updates ---------------------------------------------------------------------


def test_updating_to_a_text_another_article_has_is_an_update_and_drops_the_old_quotes(tmp_path):
    """Two retractions with the same notice: both are updates, neither keeps its quote."""
    path = feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE}, {"id": "b", "text": TWO}])
    db = tmp_path / "q.db"
    assert ingest([str(path)], db, processes=1).articles_stored == 2
    feed(path, [{"id": "a", "text": NOTICE}, {"id": "b", "text": NOTICE}])
    report = ingest([str(path)], db, processes=1)
    assert (report.articles_stored, report.articles_replaced, report.articles_skipped) == (2, 2, 0)
    assert "2 of them updates" in report.summary()
    assert table(db, "select source_id, text from articles order by source_id") == [("a", NOTICE), ("b", NOTICE)]
    assert table(db, "select count(*) from quotes") == [(0,)]
    assert table(db, "select count(*) from speakers") == [(0,)]


@pytest.mark.parametrize("field, old, new, column", [
    ("title", "Talks in Geneva", "Talks in Geneva (corrected)", "title"),
    ("published", "2024-06-01", "2024-06-02", "published"),
    ("url", "https://news.example/a", "https://news.example/a-corrected", "url"),
])
def test_a_changed_title_date_or_url_with_the_same_text_is_an_update(tmp_path, field, old, new, column):
    path = feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE, field: old}])
    db = tmp_path / "q.db"
    ingest([str(path)], db, processes=1)
    feed(path, [{"id": "a", "text": ONE, field: new}])
    report = ingest([str(path)], db, processes=1)
    assert (report.articles_stored, report.articles_replaced, report.articles_skipped) == (1, 1, 0)
    assert any(f"changed: {column}" in w for w in report.warnings), report.warnings
    assert table(db, f"select {column} from articles") == [(new,)]
    if column == "published":
        assert table(db, "select published from quotes") == [(new,)]
    again = ingest([str(path)], db, processes=1)  # unchanged now: skipped
    assert (again.articles_stored, again.articles_skipped) == (0, 1)


def test_the_same_feed_named_three_ways_or_from_another_folder_is_one_source(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "elsewhere").mkdir()
    path = feed(tmp_path / "news" / "feed.jsonl", [{"id": "a", "text": ONE}])
    db = tmp_path / "q.db"
    monkeypatch.chdir(tmp_path / "news")
    assert ingest(["feed.jsonl"], db, processes=1).articles_stored == 1
    feed(path, [{"id": "a", "text": ONE + " Corrected."}])
    assert ingest(["./feed.jsonl"], db, processes=1).articles_replaced == 1
    feed(path, [{"id": "a", "text": ONE + " Corrected twice."}])
    assert ingest([str(path)], db, processes=1).articles_replaced == 1
    monkeypatch.chdir(tmp_path / "elsewhere")
    feed(path, [{"id": "a", "text": TWO}])
    assert ingest(["../news/feed.jsonl"], db, processes=1).articles_replaced == 1
    assert table(db, "select source_path, source_id, text from articles") == [(str(path), "a", TWO)]
    assert table(db, "select speaker from quotes") == [("Sergei Shoigu",)]


def test_the_identity_lookup_is_indexed_from_the_first_article(tmp_path):
    """A first ingest must not scan `articles` for each article read (it slowed from ~350 to
    83 articles/s by 76,000 articles until the closing ANALYZE)."""
    with QuoteStore(tmp_path / "q.db") as store:
        plan = store.db.execute("explain query plan select id from articles where source_id = ?", ["x"]).fetchall()
    assert any("USING INDEX" in row[-1] or "USING COVERING INDEX" in row[-1] for row in plan), plan


# --- item 6: another program's database; item 11: a device or a pipe as --db --------------


def test_another_programs_database_is_refused_and_left_byte_for_byte(tmp_path):
    db = tmp_path / "someapp.db"
    conn = sqlite3.connect(db)
    conn.execute("create table customers (id integer primary key, name text)")
    conn.execute("insert into customers (name) values ('Ada')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    src = feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE}])
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "-p", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{db}: not a quote database" in result.output and "customers" in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl", "someapp.db"]  # no -wal, no -shm
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_database_from_a_newer_quotes_is_refused_without_switching_to_wal(tmp_path):
    db = tmp_path / "q.db"
    with QuoteStore(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("pragma journal_mode = delete")
    conn.execute("pragma user_version = 99")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(Exception, match="newer"):
        QuoteStore(db)
    assert db.read_bytes() == before


def test_dev_null_as_the_database_is_refused_and_leaves_no_journal():
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    with pytest.raises(DatabaseUnusable, match="/dev/null: a device"):
        QuoteStore("/dev/null")
    assert journal.exists() == existed


@pytest.mark.parametrize("command", [["export"], ["check", "anything"], ["serve", "--port", "0"]])
def test_a_named_pipe_as_the_database_is_refused_by_name_not_waited_on(tmp_path, command):
    fifo = tmp_path / "q.db"
    os.mkfifo(fifo)
    args = command[:1] + ([str(fifo)] if command[0] == "serve" else ["--db", str(fifo)]) + command[1:]
    try:
        out = subprocess.run(QUOTES + args, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"quotes {command[0]} waited on the named pipe")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{fifo}: a named pipe" in out.stderr


# --- item 8: dates; item 2: links (the store side) ---------------------------------------


def test_dates_are_stored_as_iso_and_raw_ones_left_out_of_filters(tmp_path):
    path = feed(tmp_path / "feed.jsonl", [
        {"id": "rss", "text": ONE, "published": "Tue, 10 Jun 2003 04:00:00 GMT"},
        {"id": "us", "text": TWO, "published": "06/01/2024"},
        {"id": "bad", "text": ONE + " Again.", "published": "2024-02-30"},
        {"id": "words", "text": TWO + " Again.", "published": "June 1, 2024"},
        {"id": "epoch", "text": ONE + " Thrice.", "published": 1717200000},
    ])
    db = tmp_path / "q.db"
    report = ingest([str(path)], db, processes=1)
    assert report.ok and report.input_warnings == 2
    assert [w.split(": ", 1)[0] for w in report.warnings if "date" in w] == [f"{path}:2", f"{path}:3"]
    rows = dict(table(db, "select source_id, published from articles"))
    assert rows == {"rss": "2003-06-10", "us": None, "bad": None, "words": "2024-06-01", "epoch": "2024-06-01"}
    meta = dict(table(db, "select source_id, json_extract(meta, '$.published_text') from articles"))
    assert (meta["us"], meta["bad"]) == ("06/01/2024", "2024-02-30")
    assert sorted(table(db, "select published from quotes"), key=str) == sorted(
        [("2003-06-10",), (None,), (None,), ("2024-06-01",), ("2024-06-01",)], key=str)
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--since", "2024-01-01", "--format", "jsonl"])
    exported = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["article_id"] for r in exported) == ["epoch", "words"]
    metadata = json.loads((ROOT / "datasette-metadata.json").read_text(encoding="utf-8"))
    canned = metadata["databases"]["quotes"]["queries"]["quotes_per_day"]["sql"]
    days = table(db, canned)
    assert [d for d, *_ in days] == ["2003-06-10", "2024-06-01"]


def test_a_script_link_never_reaches_the_url_column(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'id,url,text\n1,JaVaScRiPt:alert(document.cookie),"{ONE}"\n2,https://news.example/2,"{TWO}"\n',
                    encoding="utf-8")
    db = tmp_path / "q.db"
    report = ingest([str(path)], db, processes=1)
    assert any(w.startswith(f"{path}:2: url") for w in report.warnings), report.warnings
    assert table(db, "select source_id, url, json_extract(meta, '$.url_text') from articles order by 1") == [
        ("1", None, "JaVaScRiPt:alert(document.cookie)"), ("2", "https://news.example/2", None)]
    with QuoteStore(db) as store:  # the store keeps no other scheme either, whoever calls it
        store.save(Article(id="x", text=ONE, url="java\tscript:alert(1)", published="2024-02-30"), [])
    assert table(db, "select url, published, json_extract(meta, '$.url_text') from articles where id = 'x'") == [
        (None, None, "java\tscript:alert(1)")]


def test_an_older_database_with_raw_dates_and_script_links_is_cleaned_on_open(tmp_path):
    db = tmp_path / "q.db"
    path = feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE, "published": "2024-06-01"}])
    ingest([str(path)], db, processes=1)
    conn = sqlite3.connect(db)  # as version 3 stored them
    conn.execute("update articles set published = '2024-02-30', url = 'javascript:alert(1)'")
    conn.execute("update quotes set published = '2024-02-30'")
    conn.execute("pragma user_version = 3")
    conn.commit()
    conn.close()
    with QuoteStore(db):
        pass
    assert table(db, "select published, url, json_extract(meta, '$.published_text'), json_extract(meta, '$.url_text')"
                     " from articles") == [(None, None, "2024-02-30", "javascript:alert(1)")]
    assert table(db, "select published from quotes") == [(None,)]
    assert table(db, "select first_seen from speakers") == [(None,)]


# --- item 11: export, Dask, long articles -----------------------------------------------


@pytest.fixture
def small_db(tmp_path):
    db = tmp_path / "q.db"
    ingest([str(feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE}, {"id": "b", "text": TWO}]))], db,
           processes=1)
    return db


def test_an_export_that_fails_part_way_leaves_no_partial_file(small_db, tmp_path, monkeypatch):
    import quotes.export as export_mod

    out = tmp_path / "quotes.csv"
    out.write_text("the export of yesterday\n", encoding="utf-8")
    real = export_mod.write_csv

    def full_disk(rows, fp, **kw):
        fp.write("quote_id,text\n1,half a row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod, "write_csv", full_disk)
    result = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert out.read_text(encoding="utf-8") == "the export of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "quotes.csv" in p.name) == ["quotes.csv"]
    monkeypatch.setattr(export_mod, "write_csv", real)
    result = CliRunner().invoke(cli, ["export", "--db", str(small_db), "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8-sig").count("\n") == 3


def test_an_export_to_a_missing_folder_is_one_message(small_db):
    out = subprocess.run(QUOTES + ["export", "--db", str(small_db), "-o", "/nonexistent/x.csv"],
                         capture_output=True, text=True, timeout=120, cwd=small_db.parent)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == ["Error: cannot write /nonexistent/x.csv: No such file or directory; "
                                               "nothing was written under that name"]


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "http://x"])
def test_a_wrong_dask_address_fails_at_once_and_makes_no_database(tmp_path, address):
    src = feed(tmp_path / "feed.jsonl", [{"id": "a", "text": ONE}])
    db = tmp_path / "q.db"
    out = subprocess.run(QUOTES + ["ingest", str(src), "--db", str(db), "--dask", address],
                         capture_output=True, text=True, timeout=25, cwd=tmp_path)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert address in out.stderr
    assert not db.exists()


def test_a_quote_just_after_a_chunk_cut_keeps_its_speaker(monkeypatch, nlp):
    """Each surname's full name is only in the paragraph before its quote; cuts fall between
    the two (single line breaks join the units, so blank lines are the best cuts)."""
    from quotes.processing.pipeline import extract_articles
    from quotes.processing import chunking

    monkeypatch.setattr(chunking, "CHUNK_LENGTH", 2_000)
    names = ["Ben Wallace", "Sergei Shoigu", "Boris Johnson", "Rishi Sunak", "Liz Truss", "Dominic Raab",
             "James Cleverly", "Grant Shapps"]
    units = [f"{name} arrived in Geneva on the morning of day {i} for the talks with the delegation."
             + " The talks went on all day in the old hall by the lake." * 6
             + f"\n\n“We can try on day {i},” {name.split()[-1]} said. "
             + "The delegates listened and took notes of it. " * 3
             for i, name in enumerate(names + names[:4])]
    text = "\n".join(units)
    [(_, quotes)] = list(extract_articles([Article(id="long", text=text)], nlp=nlp))
    assert [(text[q.start:q.end], q.speaker) for q in quotes] == [
        (f"We can try on day {i}", name) for i, name in enumerate(names + names[:4])]
