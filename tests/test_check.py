"""The fact-check lookup on the sample article, through the real attributor: the Python
function, `quotes check`, and the same lookup as Datasette's `fact_check` canned query."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.check import check
from quotes.cli import cli
from quotes.models import Article, Quote
from quotes.serve import PLUGINS_DIR, metadata_for
from quotes.store import QuoteStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"


def seed_article() -> Article:
    meta = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    return Article(text=SEED.read_text(encoding="utf-8"), source_path=str(SEED), **meta)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    """`seeds/` ingested as `quotes ingest` does it: the real readers, attributor and store."""
    from quotes.ingest import ingest

    path = tmp_path_factory.mktemp("check") / "quotes.db"
    report = ingest([str(SEED.parent)], path, processes=1)
    assert report.ok and report.articles_stored == 1, report.summary()
    return path


def test_speaker_facet_on_the_sample_article(seed_db):
    """Datasette's quotes table faceted by speaker: the sample's speakers, with their counts."""
    data = datasette_json(seed_db, "/quotes/quotes.json?_facet=speaker_id&_size=0")
    facet = {r["label"]: r["count"] for r in data["facet_results"]["speaker_id"]["results"]}
    with QuoteStore(seed_db) as store:
        stored = {r["name"]: r["quote_count"] for r in store.db["speakers"].rows}
    for name in ("Ben Wallace", "Sergei Shoigu", "Dmitry Kozak"):
        assert facet[name] == stored[name] >= 1
    assert facet["Ben Wallace"] > facet["Dmitry Kozak"] >= facet["Sergei Shoigu"]


def test_misattribution_names_the_russian_defence_minister(seed_db):
    result = check(seed_db, "cooperation is close to zero", speaker="Ben Wallace")
    assert result.verdict == "said by someone else"
    best = result.evidence[0]
    assert not best.speaker_matches
    who = f"{best.speaker} {best.speaker_role or ''}"
    assert "Shoigu" in who or "defence minister" in who
    assert "Ben Wallace" not in (best.speaker or "")
    assert "not by Ben Wallace" in result.summary and ("Shoigu" in result.summary or "defence minister" in result.summary)
    # the evidence is checkable: article, date, context and offsets into the text
    text = seed_article().text
    assert best.article_id == "000_311608aec32b352f" and best.published == "2022-02-11"
    assert best.title.startswith("Cooperation between UK and Russia")
    assert "close to zero" in text[best.start:best.end]
    assert all(text[s:e] in best.text for s, e in best.spans)
    assert best.context in text and "levels of cooperation with Britain" in best.context
    assert 70 <= best.score < 100


def test_said_word_for_word_by_that_speaker(seed_db):
    result = check(seed_db, "Shoigu is a professional and very experienced minister", speaker="Wallace")
    assert result.verdict == "said"
    assert result.evidence[0].speaker == "Ben Wallace" and result.evidence[0].score == 100


def test_said_near_reports_the_score(seed_db):
    result = check(seed_db, "Shoigu is a very experienced, professional minister", speaker="Ben Wallace")
    assert result.verdict == "said (near)"
    assert 70 <= result.evidence[0].score < 100
    assert result.evidence[0].text.startswith("Shoigu is a professional and very experienced minister")


def test_no_speaker_asks_who_said_it(seed_db):
    result = check(seed_db, "A negative result is still a result")
    assert result.verdict == "said"
    assert result.said_by[0].startswith("Dmitry Kozak")


def test_not_found(seed_db):
    result = check(seed_db, "The moon is made of green cheese", speaker="Sergei Shoigu")
    assert result.verdict == "not found" and result.evidence == []


def test_cli_check_json_and_text(seed_db):
    runner = CliRunner()
    out = runner.invoke(cli, ["check", "cooperation is close to zero", "--speaker", "Ben Wallace",
                              "--db", str(seed_db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["verdict"] == "said by someone else"
    assert data["evidence"][0]["url"] is None and data["evidence"][0]["context"]
    out = runner.invoke(cli, ["check", "cooperation is close to zero", "--speaker", "Ben Wallace", "--db", str(seed_db)])
    assert "Verdict: said by someone else" in out.output and "offsets " in out.output
    out = runner.invoke(cli, ["check", "anything", "--db", str(seed_db.parent / "missing.db")])
    assert out.exit_code != 0 and "missing.db: no such quote database" in out.output


def datasette_json(db: Path, path: str):
    from datasette.app import Datasette

    ds = Datasette([str(db)], immutables=[], metadata=metadata_for(db), plugins_dir=str(PLUGINS_DIR))

    async def get():
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def test_datasette_fact_check_canned_query_gives_the_same_verdict(seed_db):
    rows = datasette_json(seed_db, "/quotes/fact_check.json?_shape=array&claim=cooperation+is+close+to+zero&speaker=Ben+Wallace")
    assert rows[0]["verdict"] == "said by someone else"
    expected = check(seed_db, "cooperation is close to zero", speaker="Ben Wallace").evidence[0]
    assert rows[0]["quote_id"] == expected.quote_id and rows[0]["score"] == expected.score
    rows = datasette_json(seed_db, "/quotes/fact_check.json?_shape=array&claim=moon+green+cheese&speaker=")
    assert [r["verdict"] for r in rows] == ["not found"]
    rows = datasette_json(seed_db, "/quotes/fact_check.json?_shape=array&claim=&speaker=")
    assert [r["verdict"] for r in rows] == ["not found"]


TWENTY_CLAIMS = [
    ("cooperation is close to zero", "Ben Wallace"),
    ("cooperation is close to zero", "Sergei Shoigu"),
    ("cooperation is close to zero", ""),
    ("levels of cooperation with Britain", "Shoigu"),
    ("an invasion would be a massive miscalculation", "Boris Johnson"),
    ("an invasion would be a massive miscalculation", "Ben Wallace"),
    ("I would like to see the reason", "Sergei Shoigu"),
    ("I would like to see the reason", "Dmitry Kozak"),
    ("the talks were difficult", "Dmitry Kozak"),
    ("the talks were difficult", ""),
    ("Russia has no plans to invade", "Sergei Shoigu"),
    ("the moon is made of green cheese", "Ben Wallace"),
    ("the moon is made of green cheese", ""),
    ("above zero", "Ben Wallace"),
    ("Mr. Ben Wallace said cooperation", "Mr. Ben Wallace"),
    ("sabotaging the talks", ""),
    ("Kyiv", "Dmitry Kozak"),
    ("we will not give in", "Volodymyr Zelenskiy"),
    ("cooperation close zero", "wallace"),
    ("the defence secretary", "SHOIGU"),
]


@pytest.mark.parametrize(("claim", "speaker"), TWENTY_CLAIMS)
def test_the_canned_query_and_quotes_check_give_the_same_answer(seed_db, claim, speaker):
    """The site's fact check is the same lookup as `quotes check`: the same verdict, sentence and
    evidence in the same order, whatever the claim and speaker."""
    from urllib.parse import urlencode

    rows = datasette_json(seed_db, "/quotes/fact_check.json?" + urlencode(
        {"_shape": "array", "claim": claim, "speaker": speaker}))
    result = check(seed_db, claim, speaker=speaker or None, limit=20)
    assert {r["verdict"] for r in rows} == {result.verdict}
    assert {r["summary"] for r in rows} == {result.summary}
    assert [r["quote_id"] for r in rows if r["quote_id"] is not None] == [e.quote_id for e in result.evidence]
    assert [r["score"] for r in rows if r["quote_id"] is not None] == [e.score for e in result.evidence]


def test_misattribution_through_an_alias(tmp_path):
    text = "“The border will stay open,” Mr Smith said. Jones said the border would close."
    q1 = Quote(text="The border will stay open,", spans=[(1, 27)], speaker="John Smith",
               speaker_spans=[(29, 37)], speaker_is_person=True)
    with QuoteStore(tmp_path / "q.db") as store:
        store.save(Article(id="x", text=text), [q1])
    assert check(tmp_path / "q.db", "the border will stay open", speaker="Mr Smith").verdict == "said"
    result = check(tmp_path / "q.db", "the border will stay open", speaker="Jones")
    assert result.verdict == "said by someone else" and result.said_by == ["John Smith"]
