"""`quotes ingest` and what it is built on: chunking long articles, `extract_articles`, the
`ingest()` library function and the command, over the real attributor and store."""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.processing.chunking import chunk_spans, shift_quote
from quotes.cli import cli
from quotes.ingest import ingest
from quotes.models import Article, Quote
from quotes.processing.pipeline import ArticleFailed, extract_articles, get_nlp, load_nlp

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def joined(text: str, spans) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def paragraph_articles(n: int) -> list[dict]:
    """`n` small distinct articles cut from the sample article's paragraphs, as JSONL records."""
    paras = [p for p in SEED_TEXT.split("\n\n") if len(p) > 80][:12]
    out = []
    for i in range(n):
        body = "\n\n".join(paras[(i + k) % len(paras)] for k in range(3))
        out.append({"id": f"p{i:03d}", "text": f"Report number {i}.\n\n{body}"})
    return out


# -- chunking ---------------------------------------------------------------------------------

def test_chunks_cover_the_text_and_end_at_paragraph_breaks():
    spans = chunk_spans(SEED_TEXT, 1500)
    assert len(spans) > 4
    assert spans[0][0] == 0 and spans[-1][1] == len(SEED_TEXT)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))  # contiguous, nothing lost
    assert all(e - s <= 1500 for s, e in spans)
    for _, end in spans[:-1]:
        assert SEED_TEXT[:end].endswith("\n\n")  # each cut right after a blank line


def test_chunks_fall_back_to_sentences_then_spaces_then_characters():
    text = "One sentence here. Another one there. " * 5
    spans = chunk_spans(text, 45)
    assert all(text[s:e].rstrip().endswith(".") for s, e in spans[:-1])
    assert chunk_spans("aaaa bbbb cccc", 10) == [(0, 10), (10, 14)]
    assert chunk_spans("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert chunk_spans("short", 100) == [(0, 5)]


def test_shift_quote_moves_every_offset():
    quote = Quote(text="x", spans=[(1, 2)], speaker_spans=[(3, 4)], quoted_spans=[(1, 2)], context_span=(0, 9),
                  speaker="A")
    shifted = shift_quote(quote, 100)
    assert shifted.spans == [(101, 102)] and shifted.speaker_spans == [(103, 104)]
    assert shifted.quoted_spans == [(101, 102)] and shifted.context_span == (100, 109)
    assert shifted.cue_spans == [] and shifted.speaker == "A"
    assert quote.spans == [(1, 2)]  # the original is left alone


@pytest.mark.slow
def test_long_article_is_parsed_in_chunks_with_offsets_into_the_original():
    article = Article(id="seed", text=SEED_TEXT)
    [(_, whole)] = list(extract_articles([article], nlp=get_nlp()))
    nlp = load_nlp()
    nlp.max_length = 1500  # the sample article is 7,910 characters: six chunks
    [(_, chunked)] = list(extract_articles([article], nlp=nlp))
    assert chunked, "no quotes found in chunks"
    for q in chunked:
        assert joined(SEED_TEXT, q.spans) == q.text
        for s, e in q.speaker_spans + q.cue_spans:
            assert 0 <= s < e <= len(SEED_TEXT)
        if q.context_span:
            s, e = q.context_span
            assert SEED_TEXT[s:e].strip()
    # Quotes do not cross paragraph breaks, so chunking finds the same quotes at the same places.
    assert [q.spans for q in chunked] == [q.spans for q in whole]
    assert any(q.speaker == "Ben Wallace" for q in chunked)


# -- extract_articles -------------------------------------------------------------------------

def test_extract_articles_yields_each_article_with_its_quotes_in_order():
    articles = [Article(id=r["id"], text=r["text"]) for r in paragraph_articles(4)]
    out = list(extract_articles(articles, nlp=get_nlp(), batch_size=2))
    assert [a.id for a, _ in out] == ["p000", "p001", "p002", "p003"]
    for article, quotes in out:
        for q in quotes:
            assert joined(article.text, q.spans) == q.text


def test_windows_of_articles_give_the_same_results():
    # Each window is its own nlp.pipe call in a spaCy memory zone (and, here, its own workers).
    articles = [Article(id=r["id"], text=r["text"]) for r in paragraph_articles(5)]
    whole = [(a.id, q) for a, q in extract_articles(articles, nlp=get_nlp(), window=None)]
    windowed = [(a.id, q) for a, q in extract_articles(articles, nlp=get_nlp(), window=2, n_process=2)]
    assert windowed == whole
    assert sum(len(q) for _, q in whole) > 10


def test_quotes_after_body_end_are_marked_outside_the_body():
    article = Article(id="seed", text=SEED_TEXT, body_end=SEED_TEXT.index("\n\n", 2000) + 2)
    [(_, quotes)] = list(extract_articles([article], nlp=get_nlp()))
    assert {q.in_body for q in quotes} == {True, False}
    assert all(q.in_body == (q.start < article.body_end) for q in quotes)


def _exploding_nlp():
    """The real pipeline with one more component that raises on texts containing BOOM, to see
    what a failing article does to a run."""
    from spacy.language import Language

    if "boom_for_tests" not in Language.factories:
        @Language.component("boom_for_tests")
        def boom(doc):
            if "BOOM" in doc.text:
                raise RuntimeError("component blew up")
            return doc

    nlp = load_nlp()
    nlp.add_pipe("boom_for_tests", before="quotes")
    return nlp


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_article_the_pipeline_fails_on_is_reported_and_the_rest_go_on(n_process):
    nlp = _exploding_nlp()
    articles = [Article(id=r["id"], text=r["text"]) for r in paragraph_articles(5)]
    articles[2] = Article(id="bad", text="BOOM. " + articles[2].text)
    failed = []
    out = list(extract_articles(articles, nlp=nlp, n_process=n_process, batch_size=2,
                                on_error=lambda a, m: failed.append((a.id, m))))
    assert [a.id for a, _ in out] == ["p000", "p001", "p003", "p004"]
    assert failed == [("bad", "boom_for_tests raised RuntimeError: component blew up")]
    with pytest.raises(ArticleFailed, match="bad"):
        list(extract_articles(articles, nlp=nlp))


# -- ingest() ---------------------------------------------------------------------------------

def test_ingest_stores_the_sample_article_and_skips_it_next_time(tmp_path):
    db = tmp_path / "q.db"
    report = ingest([str(ROOT / "seeds")], db, processes=1)
    assert report.ok and report.articles_read == 1 and report.articles_stored == 1
    stored = rows(db, "select count(*) from quotes")[0][0]
    assert report.quotes_found == stored > 10
    # Offsets index the stored article text.
    [(text,)] = rows(db, "select text from articles")
    for qtext, spans in rows(db, "select text, spans from quotes"):
        assert joined(text, json.loads(spans)) == qtext
    speakers = {r[0] for r in rows(db, "select speaker from quotes")}
    assert {"Ben Wallace", "Sergei Shoigu"} <= speakers

    again = ingest([str(ROOT / "seeds")], db, processes=1)
    assert (again.articles_read, again.articles_skipped, again.articles_stored) == (1, 1, 0)
    forced = ingest([str(ROOT / "seeds")], db, processes=1, force=True)
    assert forced.articles_stored == 1
    assert rows(db, "select count(*) from quotes")[0][0] == stored  # replaced, not duplicated
    assert rows(db, "select count(*) from articles")[0][0] == 1


def test_ingest_skips_the_same_text_twice_in_one_run(tmp_path):
    records = paragraph_articles(3)
    records.append({"id": "copy", "text": records[0]["text"]})
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = ingest([str(src)], tmp_path / "q.db", processes=1)
    assert (report.articles_read, report.articles_stored, report.articles_skipped) == (4, 3, 1)
    assert rows(tmp_path / "q.db", "select id from articles order by id") == [("p000",), ("p001",), ("p002",)]


def test_ingest_reports_a_failing_article_and_stores_the_others(tmp_path):
    records = paragraph_articles(3)
    records[1]["text"] = "BOOM. " + records[1]["text"]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = ingest([str(src)], tmp_path / "q.db", nlp=_exploding_nlp(), processes=1)
    assert not report.ok and report.articles_failed == 1 and report.articles_stored == 2
    assert report.errors == [f"{src} (article p001): boom_for_tests raised RuntimeError: component blew up"]
    assert rows(tmp_path / "q.db", "select id from articles order by id") == [("p000",), ("p002",)]


def test_progress_bar_shows_articles_rate_and_quotes(tmp_path, capsys):
    ingest([str(SEED)], tmp_path / "q.db", processes=1, progress=True)
    err = capsys.readouterr().err
    assert "articles/s" in err and "quotes=" in err
    ingest([str(SEED)], tmp_path / "q2.db", processes=1, progress=False)
    assert capsys.readouterr().err == ""


# -- the command ------------------------------------------------------------------------------

def test_command_over_good_and_bad_inputs_stores_the_good_names_the_bad_and_fails(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(SEED_TEXT, encoding="utf-8")
    records = paragraph_articles(3)
    (src / "records.jsonl").write_text(
        json.dumps(records[0]) + "\n{not json\n" + json.dumps({"id": "nt", "title": "no text"}) + "\n"
        + json.dumps(records[1]) + "\n", encoding="utf-8")
    (src / "table.csv").write_text('id,text\nc1,"' + records[2]["text"].replace('"', '""') + '"\n', encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (src / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (src / "big.txt").write_text("word " * 3000, encoding="utf-8")
    db = tmp_path / "q.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(src), str(tmp_path / "missing.jsonl"), "--db", str(db), "-p", "1",
              "--max-size", "10000"])
    assert result.exit_code == 1, result.output
    stored = {r[0] for r in rows(db, "select id from articles")}
    assert stored == {"000_311608aec32b352f", "p000", "p001", "c1"} or stored == {"good", "p000", "p001", "c1"}
    out = result.output
    assert "4 articles stored" in out
    for name in (f"{src / 'records.jsonl'}:2:", f"{src / 'records.jsonl'}:3:", "empty.txt", "binary.txt",
                 "nobody.html", "big.txt", "missing.jsonl"):
        assert name in out, f"{name} not named in:\n{out}"


def test_command_rerun_skips_and_exits_zero(tmp_path):
    db = tmp_path / "q.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(SEED), "--db", str(db), "-p", "1"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["ingest", str(SEED), "--db", str(db), "-p", "1"])
    assert second.exit_code == 0 and "0 articles stored" in second.output and "1 skipped" in second.output
    quiet = runner.invoke(cli, ["ingest", str(SEED), "--db", str(db), "-p", "1", "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_dask_missing_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask[distributed] were not installed
    result = CliRunner().invoke(cli, ["ingest", str(SEED), "--db", str(tmp_path / "q.db"), "--dask", "local:2"])
    assert result.exit_code == 1
    assert "pip install 'quotes[dask]'" in result.output
    bad = CliRunner().invoke(cli, ["ingest", str(SEED), "--db", str(tmp_path / "q.db"), "--dask", "local:x"])
    assert bad.exit_code == 2 and "local:N" in bad.output
