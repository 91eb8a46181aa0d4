"""Joint speakers in the store and its readers (rule `joint_speakers`: `Mr. Grassley and Mr.
Leahy said …` is said by Grassley, the first named, with Leahy as co-speaker): the rows and the
link, `quotes check` and `quotes export` asked about the co-speaker, and the speaker page. An
exact person never gets a quote they neither said nor co-said."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import quotes
from quotes.check import check
from quotes.export import export_rows
from quotes.models import Article
from quotes.serve import PLUGINS_DIR, metadata_for
from quotes.site import TEMPLATES_DIR
from quotes.store import QuoteStore

TEXT = ("Senators press for visa changes\n\n"
        "Senator Charles Grassley of Iowa and Senator Patrick Leahy of Vermont have pressed for changes to the "
        "visa program.\n\n"
        "Mr. Grassley and Mr. Leahy said the program “is riddled with fraud and must be shut down at once.”\n\n"
        "Mr. Leahy said separately that he “will not give up on the families who were cheated.”\n\n"
        "Senator Ann Ortiz and Senator Bo Lind wrote that the agency “has lost control of the regional centers.”\n\n"
        "Senator Chuck Schumer said the program “helps cities build new housing and hospitals.”")
JOINT = "the program “is riddled with fraud and must be shut down at once.”"
CLAIM = "the program is riddled with fraud and must be shut down at once"


def article(text: str = TEXT) -> Article:
    return Article(id="visas", text=text, title="Senators press for visa changes", published="2016-09-20",
                   source_path="/news/visas.txt")


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("joint") / "quotes.db"
    with QuoteStore(path) as store:
        store.save(article(), quotes.extract(TEXT))
    return path


def test_the_attributor_names_the_first_speaker_and_the_co_speaker(nlp):
    q = next(q for q in quotes.extract(TEXT) if q.text == JOINT)
    assert (q.speaker, q.co_speakers, q.speaker_rule) == ("Charles Grassley", ["Patrick Leahy"], "joint_speakers")
    start = TEXT.index("Grassley and Mr. Leahy")
    assert q.speaker_spans == [(start, start + len("Grassley and Mr. Leahy"))]
    assert '"co_speakers":["Patrick Leahy"]' in q.model_dump_json()


def test_the_quote_is_filed_under_the_first_and_linked_to_the_co_speaker(db):
    with QuoteStore(db) as store:
        con = store.db
        ids = {name: sid for sid, name in con.execute("select id, name from speakers")}
        qid, sid, speaker = con.execute("select id, speaker_id, speaker from quotes where text = ?", [JOINT]).fetchone()
        assert (sid, speaker) == (ids["Charles Grassley"], "Charles Grassley")
        assert con.execute("select speaker_id, position from quote_speakers where quote_id = ?", [qid]).fetchall() \
            == [(ids["Patrick Leahy"], 1)]
        # a person only ever a co-speaker is a speaker row too, with that quote counted
        lind = con.execute("select quote_count, is_person from speakers where name = 'Bo Lind'").fetchone()
        assert lind == (1, 1)
        counts = dict(con.execute("select name, quote_count from speakers"))
        assert counts["Patrick Leahy"] == 2 and counts["Charles Grassley"] == 1
        # the pair's mention is nobody's alias
        assert not con.execute("select 1 from speaker_aliases where alias like '%and%'").fetchall()
        assert store.schema_version == 7


def test_an_updated_article_drops_its_links_and_a_co_speaker_left_with_nothing(db, tmp_path, nlp):
    path = tmp_path / "update.db"
    with QuoteStore(path) as store:
        store.save(article(), quotes.extract(TEXT))
        changed = TEXT.replace("Senator Ann Ortiz and Senator Bo Lind wrote", "Senator Ann Ortiz wrote")
        store.save(article(changed), quotes.extract(changed))
        assert store.db.execute("select count(*) from speakers where name = 'Bo Lind'").fetchone()[0] == 0
        assert store.db.execute("select count(*) from quote_speakers").fetchone()[0] == 1


def test_check_asked_about_the_co_speaker_answers_said_jointly(db):
    result = check(db, CLAIM, speaker="Patrick Leahy")
    assert result.verdict == "said"
    assert result.summary.startswith("Patrick Leahy said this jointly with Charles Grassley")
    assert result.evidence[0].speaker == "Charles Grassley" and result.evidence[0].co_speakers == ["Patrick Leahy"]
    first = check(db, CLAIM, speaker="Charles Grassley")
    assert first.verdict == "said" and "jointly with Patrick Leahy" in first.summary
    other = check(db, CLAIM, speaker="Chuck Schumer")
    assert other.verdict == "said by someone else"


def test_export_of_the_co_speaker_holds_the_joint_quote_marked(db):
    rows = list(export_rows(db, speaker="Patrick Leahy"))
    assert [(r["text"], r["speaker"], r["co_speakers"], r["as_co_speaker"]) for r in rows] == [
        (JOINT, "Charles Grassley", ["Patrick Leahy"], True),
        ("will not give up on the families who were cheated.", "Patrick Leahy", [], False)]
    first = list(export_rows(db, speaker="Charles Grassley"))
    assert [(r["text"], r["as_co_speaker"]) for r in first] == [(JOINT, False)]
    assert all(r["text"] != JOINT for r in export_rows(db, speaker="Chuck Schumer"))
    assert all(r["text"] != JOINT for r in export_rows(db, speaker="Ann Ortiz"))


def test_the_speaker_page_lists_the_joint_quote(db):
    from datasette.app import Datasette

    with QuoteStore(db) as store:
        leahy = store.find_speaker("Patrick Leahy")["id"]
        schumer = store.find_speaker("Chuck Schumer")["id"]
    ds = Datasette([str(db)], immutables=[], metadata=metadata_for(db), plugins_dir=str(PLUGINS_DIR),
                   template_dir=str(TEMPLATES_DIR))

    async def page(sid):
        response = await ds.client.get(f"/quotes/speakers/{sid}")
        assert response.status_code == 200, response.text
        return response.text

    html = asyncio.run(page(leahy))
    assert "is riddled with fraud" in html and "co-speaker, jointly with Charles Grassley" in html
    assert "will not give up on the families" in html
    assert "is riddled with fraud" not in asyncio.run(page(schumer))


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_a_co_speaker_named_by_surname_alone_is_filed_the_same_in_any_order(tmp_path, nlp, order):
    texts = {"a": "Leaders meet in Ohio\n\nPresident Barack Obama spoke on Monday.\n\nObama and Clinton said the plan "
                  "“is good for every family in the state.”",
             "b": "Clinton speaks\n\nHillary Clinton said the plan “is good for workers and their children.”"}
    with QuoteStore(tmp_path / "q.db") as store:
        for key in order:
            store.save(Article(id=key, text=texts[key], source_path=f"/news/{key}.txt"), quotes.extract(texts[key]))
        links = store.db.execute("select q.article_id, s.name, l.position, l.speaker_as_written from quote_speakers l "
                                 "join speakers s on s.id = l.speaker_id join quotes q on q.id = l.quote_id").fetchall()
        assert links == [("a", "Hillary Clinton", 1, "Clinton")]
        assert dict(store.db.execute("select name, quote_count from speakers")) == {"Barack Obama": 1, "Hillary Clinton": 2}


def test_an_older_database_gets_the_link_table(tmp_path):
    path = tmp_path / "old.db"
    with QuoteStore(path) as store:
        store.db.execute("drop table quote_speakers")
        store.db.execute("PRAGMA user_version = 6")
    with QuoteStore(path) as store:
        assert store.schema_version == 7
        assert set(store.db["quote_speakers"].columns_dict) == {"quote_id", "speaker_id", "position", "speaker_as_written"}


def test_the_command_line_check_and_export_of_the_co_speaker(db, tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from quotes.cli import cli

    out = CliRunner().invoke(cli, ["check", CLAIM, "--speaker", "Patrick Leahy", "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "Verdict: said\nPatrick Leahy said this jointly with Charles Grassley (Senator), word for word" in out.output
    out = CliRunner().invoke(cli, ["export", "--speaker", "Patrick Leahy", "--db", str(db), "-o", str(tmp_path / "l.csv")])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "l.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["speaker"], r["co_speakers"], r["as_co_speaker"]) for r in rows] == [
        ("Charles Grassley", "Patrick Leahy", "True"), ("Patrick Leahy", "", "False")]
