"""Bad input that used to be lost in silence or to exhaust the machine (issue: nothing lost,
nothing hangs): each is reported by file and line, and every other input is read."""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from quotes.readers import InputError, ReadOptions, read_inputs

CLI = "from quotes.cli import cli; cli()"
GOOD = "“We can try,” Ben Wallace said on Tuesday."


def read(paths, **options):
    errors: list[InputError] = []
    articles = list(read_inputs([str(p) for p in paths], ReadOptions(**options), on_error=errors.append))
    return articles, errors


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# --- 1. a lone surrogate ---------------------------------------------------------------------

def test_a_lone_surrogate_is_replaced_with_a_warning_and_every_record_is_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(jsonl({"id": "a", "text": GOOD}, '{"id": "b", "text": "He said \\ud800 it."}',
                          {"id": "c", "text": GOOD + " Again."}), encoding="ascii")
    articles, [warning] = read([path])
    assert [(a.id, a.text) for a in articles] == [
        ("a", GOOD), ("b", "He said \ufffd it."), ("c", GOOD + " Again.")]
    assert (warning.line, warning.level, warning.kind) == (2, "warning", "encoding")
    assert all(a.text_hash for a in articles)  # encodable: hashing raised on the surrogate


def test_a_surrogate_pair_escape_is_one_character_not_a_warning(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[{"id": "a", "text": "Smile \\ud83d\\ude00 said Ann."}]', encoding="ascii")
    [article], errors = read([path])
    assert article.text == "Smile \U0001F600 said Ann." and errors == []


# --- 2. sizes checked while reading -------------------------------------------------------------

def test_an_overlong_line_is_skipped_without_being_held_in_memory(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    huge = '{"id": "big", "text": "' + "x" * (24 * 2**20) + '"}'
    with gzip.open(path, "wt", encoding="utf-8") as f:  # about 24 KB on disk
        f.write(jsonl({"id": "a", "text": GOOD}, huge, {"id": "c", "text": GOOD + " Again."}))
    del huge
    tracemalloc.start()
    try:
        articles, [err] = read([path], max_bytes=2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.id for a in articles] == ["a", "c"]
    assert (err.line, err.kind) == (2, "too-large") and "25,165,8" in err.message
    assert peak < 8 * 2**20, f"reading held {peak:,} bytes"


# --- 3. a run of quote marks -----------------------------------------------------------------------

def test_a_long_run_of_marks_is_tokenized_in_pieces_and_offsets_do_not_move():
    from quotes.processing.pipeline import get_nlp

    nlp = get_nlp()
    text = "He said “no”. " + '"' * 1000 + " And then (" + "!?" * 100 + ") left."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(doc.text[t.idx:t.idx + len(t)] == t.text for t in doc)
    assert [t.text for t in doc[:5]] == ["He", "said", "“", "no", "”"]
    assert len(doc) < 60  # one token per mark was 1,200 tokens, and quadratic time to find them


def test_ordinary_text_is_tokenized_exactly_as_by_spacy():
    from quotes.processing.pipeline import get_nlp

    nlp = get_nlp()
    text = "“It's -- well -- (unusual)!!!” said Dr. O'Neil... ***** ===== $5.00 “‘nested’” ''quoted''"
    inner = nlp.tokenizer.inner(text)
    assert [(t.text, t.whitespace_) for t in nlp.make_doc(text)] == [(t.text, t.whitespace_) for t in inner]


@pytest.mark.slow
def test_a_hundred_thousand_quote_marks_do_not_hang_extract(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text(GOOD + "\n\n" + '"' * 100_000 + "\n\n“And move on,” Ben Wallace added.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CLI, "extract", str(path)], capture_output=True,
                         text=True, timeout=300)  # before: the tokenizer ran for hours
    assert out.returncode == 0, out.stderr
    quotes = json.loads(out.stdout)["quotes"]
    text = path.read_text(encoding="utf-8")
    assert [(text[q["spans"][0][0]:q["spans"][0][1]], q["speaker"]) for q in quotes] == [
        ("We can try", "Ben Wallace"), ("And move on", "Ben Wallace")]


# --- 4. silent losses ------------------------------------------------------------------------------

def test_json_nested_too_deep_is_reported_by_line_and_the_next_lines_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(jsonl({"id": "a", "text": GOOD}, "[" * 10_000 + "]" * 10_000,
                          {"id": "c", "text": GOOD + " Again."}), encoding="utf-8")
    articles, [err] = read([path])
    assert [a.id for a in articles] == ["a", "c"]
    assert (err.line, err.kind) == (2, "malformed") and "nested too deeply" in err.message


def test_a_json_file_nested_too_deep_is_one_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"articles": ' + "[" * 10_000 + "]" * 10_000 + "}", encoding="utf-8")
    articles, [err] = read([path])
    assert articles == [] and err.kind == "malformed" and "nested too deeply" in err.message


def _warc(records) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, words in records:
        body = f"<html><body><article><p>{GOOD} {'Words of the article. ' * words}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                      http_headers=headers))
    return out.getvalue()


def test_a_truncated_warc_record_is_reported_and_nothing_of_it_read(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc([("https://a.example/1", 20), ("https://a.example/2", 40)])[:-300])
    [article], [err] = read([path])
    assert article.url == "https://a.example/1"
    assert err.kind == "truncated" and "https://a.example/2" in err.message and err.level == "error"


def test_an_unreadable_subdirectory_is_named(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):  # as a directory without read permission does (we may run as root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    [article], [err] = read([tmp_path])
    assert article.id == "ok/a"
    assert (err.path, err.kind, err.level) == (str(locked), "unreadable", "error")
    assert "Permission denied" in err.message


def test_an_unclosed_csv_quote_is_reported_and_the_rows_it_swallowed_are_read(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(
        "id,title,text\n"
        '1,First,"He said ""yes"" and left.\n'
        "2,Second,A good row with text.\n"
        '3,Third,"We can try," Ben said, "and move on."\n'
        "4,Fourth,Fine again.\n", encoding="utf-8")
    articles, errors = read([path])
    assert [(a.id, a.text) for a in articles] == [("2", "A good row with text."), ("4", "Fine again.")]
    assert [(e.line, e.kind) for e in errors] == [(2, "malformed"), (4, "malformed")]


def test_an_unclosed_quote_running_to_the_end_loses_only_its_row(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text('id,text\n1,"Never closed\n2,Good two.\n3,"Good, three."\n', encoding="utf-8")
    articles, [err] = read([path])
    assert [(a.id, a.text) for a in articles] == [("2", "Good two."), ("3", "Good, three.")]
    assert (err.line, err.kind) == (2, "malformed")


# --- 1. the input stream apart from the pipeline; 2. long articles a chunk at a time; 3. time budget

def _articles(n: int):
    from quotes.models import Article

    return [Article(id=f"a{i}", text=f"“Item {i} is ready,” Ben Wallace said.") for i in range(n)]


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_exception_from_the_input_stream_is_raised_as_itself(n_process):
    from quotes.processing.pipeline import extract_articles, get_nlp

    def stream():
        yield from _articles(3)
        raise ValueError("the reader broke")

    seen = []
    with pytest.raises(ValueError, match="the reader broke"):
        for article, quotes in extract_articles(stream(), nlp=get_nlp(), n_process=n_process, batch_size=2):
            seen.append((article.id, [q.speaker for q in quotes]))
    if n_process == 1:  # read before the break: parsed and given out first
        assert seen == [(f"a{i}", ["Ben Wallace"]) for i in range(3)]


def _spy_nlp(name: str, action):
    from spacy.language import Language

    from quotes.processing.pipeline import load_nlp

    if name not in Language.factories:
        Language.component(name, func=action)
    nlp = load_nlp()
    nlp.add_pipe(name, before="quotes")
    return nlp


SEEN_LENGTHS: list[int] = []


def _record_length(doc):
    SEEN_LENGTHS.append(len(doc.text))
    return doc


def test_a_long_article_is_parsed_alone_a_chunk_at_a_time(monkeypatch):
    from quotes.models import Article
    from quotes.processing.pipeline import extract_articles
    from quotes.processing import chunking

    monkeypatch.setattr(chunking, "CHUNK_LENGTH", 2_000)
    para = "“We can try,” Ben Wallace said on Tuesday. " + "The talks went on all day in Geneva. " * 8
    long = Article(id="long", text="\n\n".join(f"{i}. {para}" for i in range(20)))  # about 8,000 characters
    short = _articles(2)
    nlp = _spy_nlp("record_length_for_tests", _record_length)
    SEEN_LENGTHS.clear()
    out = list(extract_articles([short[0], long, short[1]], nlp=nlp))
    assert [a.id for a, _ in out] == ["a0", "long", "a1"]
    assert max(SEEN_LENGTHS) <= 2_000 and len(SEEN_LENGTHS) >= 2 + 4
    quotes = out[1][1]
    assert len(quotes) == 20
    assert all(long.text[q.start:q.end] == "We can try" and q.speaker == "Ben Wallace" for q in quotes)


def _sleep_on_slow(doc):
    if "SLOW" in doc.text:
        import time

        time.sleep(60)
    return doc


@pytest.mark.skipif(not __import__("quotes.processing.pool", fromlist=["available"]).available(),
                    reason="the time budget needs forked workers")
@pytest.mark.slow
def test_an_article_over_its_time_budget_is_reported_and_the_run_goes_on():
    from quotes.processing.pipeline import extract_articles

    batch = _articles(4)
    batch[1] = batch[1].model_copy(update={"id": "slow", "text": "SLOW. " + batch[1].text})
    failed = []
    out = list(extract_articles(batch, nlp=_spy_nlp("sleep_for_tests", _sleep_on_slow), batch_size=2,
                                timeout=1, on_error=lambda a, m: failed.append((a.id, m))))
    assert failed == [("slow", "took longer than 1 s to parse (--article-timeout); not stored")]
    assert [(a.id, [q.speaker for q in qs]) for a, qs in out] == [
        ("a0", ["Ben Wallace"]), ("a2", ["Ben Wallace"]), ("a3", ["Ben Wallace"])]


@pytest.mark.parametrize("processes", [1, 2])
def test_an_ingest_with_a_lone_surrogate_stores_every_record_and_names_the_line(tmp_path, processes):
    from quotes.ingest import ingest

    path = tmp_path / "dump.jsonl"
    path.write_text(jsonl({"id": "a", "text": GOOD}, '{"id": "b", "text": "He said \\ud800 it."}',
                          {"id": "c", "text": GOOD + " Again."}), encoding="ascii")
    report = ingest([str(path)], tmp_path / "q.db", processes=processes, batch_size=1)
    assert report.ok and (report.articles_stored, report.articles_failed) == (3, 0)
    assert [w.split(": ")[0] for w in report.warnings] == [f"{path}:2"]
