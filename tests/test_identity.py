"""Article identity (issue: nothing lost): an article is its source and its id, so the same id
from two sources is two articles and the same id from one source is an update; and the same
articles give the same rows whatever order they come in."""
from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest import ingest
from quotes.models import Article
from rows import QUOTE_COLUMNS, table

ONE = "“We can try,” Ben Wallace said on Tuesday."
TWO = "“Cooperation is close to zero,” Sergei Shoigu said."


def dump(path: Path, texts: list[str]) -> Path:
    """A dump that numbers its records 1..N, as many exports do."""
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts, 1)),
                    encoding="utf-8")
    return path


def test_standard_input_gets_an_id_from_its_text_unless_one_is_given(tmp_path):
    db = tmp_path / "q.db"
    runner = CliRunner()
    for text in (ONE, TWO):
        result = runner.invoke(cli, ["ingest", "-", "--db", str(db), "-p", "1", "--quiet"], input=text)
        assert result.exit_code == 0, result.output
    named = runner.invoke(cli, ["ingest", "-", "--db", str(db), "-p", "1", "--quiet", "--id", "wire-7"],
                          input=ONE + " Again.")
    assert named.exit_code == 0, named.output
    ids = dict(table(db, "select text, id from articles"))
    assert set(ids) == {ONE, TWO, ONE + " Again."}
    assert ids[ONE + " Again."] == "wire-7"
    assert ids[ONE].startswith("stdin-") and ids[TWO].startswith("stdin-") and ids[ONE] != ids[TWO]


def test_the_same_id_from_two_sources_is_two_articles_both_kept(tmp_path):
    a = dump(tmp_path / "a.jsonl", [ONE, "No quotes here."])
    b = dump(tmp_path / "b.jsonl", [TWO, "Nothing quoted either."])
    db = tmp_path / "q.db"
    assert ingest([str(a), str(b)], db, processes=1).articles_stored == 4
    by_source = "select source_id, source_path, text from articles order by source_path, source_id"
    assert table(db, by_source) == [("1", str(a), ONE), ("2", str(a), "No quotes here."),
                                    ("1", str(b), TWO), ("2", str(b), "Nothing quoted either.")]
    speakers = "select a.source_path, q.speaker from quotes q join articles a on a.id = q.article_id order by 1"
    assert table(db, speakers) == [(str(a), "Ben Wallace"), (str(b), "Sergei Shoigu")]
    before = table(db, f"select {QUOTE_COLUMNS} from quotes order by article_id, seq")
    again = ingest([str(b), str(a)], db, processes=1)  # a rerun, in the other order, swaps nothing
    assert (again.articles_stored, again.articles_skipped) == (0, 4)
    assert table(db, f"select {QUOTE_COLUMNS} from quotes order by article_id, seq") == before


def test_the_same_id_from_the_same_source_is_an_update_and_said_so(tmp_path):
    a = dump(tmp_path / "a.jsonl", [ONE])
    db = tmp_path / "q.db"
    ingest([str(a)], db, processes=1)
    dump(a, [TWO])
    report = ingest([str(a)], db, processes=1)
    assert (report.articles_stored, report.articles_replaced) == (1, 1)
    assert any("article 1" in w and "replaced" in w for w in report.warnings), report.warnings
    assert table(db, "select source_id, text from articles") == [("1", TWO)]
    assert table(db, "select speaker from quotes") == [("Sergei Shoigu",)]


SURNAME = Article(id="s", text="“We will not back down,” Johnson said on Monday.")
BORIS = Article(id="b", text="“Taxes will fall next year,” Boris Johnson said.")
DAKOTA = Article(id="d", text="“The film is done,” Dakota Johnson said.")


@pytest.mark.parametrize("articles", [[SURNAME, BORIS], [SURNAME, BORIS, DAKOTA]], ids=["one", "two"])
def test_the_same_articles_give_the_same_speakers_in_any_order(tmp_path, articles):
    from quotes.store import QuoteStore

    from quotes.processing.pipeline import extract_articles, get_nlp

    parsed = dict((a.id, q) for a, q in extract_articles(articles, nlp=get_nlp()))
    results = set()
    for n, order in enumerate(itertools.permutations(articles)):
        db = tmp_path / f"{n}.db"
        with QuoteStore(db) as store:
            for article in order:  # one commit each, as a run with --commit-every 1 does
                store.save(article, parsed[article.id])
        results.add(tuple(table(db, "select article_id, speaker from quotes order by article_id")))
    assert len(results) == 1
    expected = {"one": ("Boris Johnson", "Boris Johnson"), "two": ("Boris Johnson", "Dakota Johnson", "Johnson")}
    assert tuple(sorted(s for _, s in next(iter(results)))) == expected["one" if len(articles) == 2 else "two"]


def test_a_database_from_before_keeps_its_articles_as_their_sources_ids(tmp_path):
    from quotes.store import SCHEMA_VERSION, QuoteStore

    a = dump(tmp_path / "a.jsonl", [ONE])
    db = tmp_path / "q.db"
    ingest([str(a)], db, processes=1)
    con = sqlite3.connect(db)  # back to version 1: articles without a source id
    indexes = [r[0] for r in con.execute("select name from sqlite_master where type = 'index' "
                                          "and tbl_name = 'articles' and sql like '%source_id%'")]
    for name in indexes:
        con.execute(f"drop index [{name}]")
    con.execute("alter table articles drop column source_id")
    con.execute("pragma user_version = 1")
    con.commit()
    con.close()
    with QuoteStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION >= 2
    assert table(db, "select id, source_id from articles") == [("1", "1")]
    dump(a, [TWO])
    report = ingest([str(a)], db, processes=1)
    assert report.articles_replaced == 1
    assert table(db, "select id, source_id, text from articles") == [("1", "1", TWO)]
