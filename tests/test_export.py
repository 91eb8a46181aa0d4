"""`quotes export`: every stored quote once, text intact, in CSV (spreadsheet-safe) and JSON."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.export import FIELDS, export, export_rows, neutralise
from quotes.models import Article, Quote
from quotes.store import QuoteStore

# Quotes that break naive CSV: commas, double quotes, newlines, non-ASCII, and formula starts.
TRICKY = [
    ("Ben Wallace", "We can try, and we will, \"together\"."),
    ("Ben Wallace", "Line one\nline two — with a dash, and “curly” quotes"),
    ("Sergei Shoigu", "=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("Sergei Shoigu", "-5 degrees and falling"),
    ("Dmitry Kozak", "+1 for the talks; @everyone agrees"),
    ("Dmitry Kozak", "Ключевое разногласие — это Киев"),
]


def build(path, dates=("2022-02-10", "2022-02-11", "2022-02-12")):
    """Three articles, each with every TRICKY quote, offsets computed from the text."""
    with QuoteStore(path) as store:
        for n, published in enumerate(dates):
            text, quotes = "", []
            for speaker, words in TRICKY:
                start = len(text) + 1
                text += f"“{words}” {speaker} said.\n\n"
                quotes.append(Quote(text=words, spans=[(start, start + len(words))], speaker=speaker,
                                    speaker_is_person=True, cue="said"))
            store.save(Article(id=f"a{n}", text=text, title=f"Talks, day {n}", url=f"https://example.org/{n}",
                               outlet="The Guardian", published=published), quotes)
    return path


@pytest.fixture
def db(tmp_path):
    return build(tmp_path / "quotes.db")


def stored(db) -> list[tuple[int, str]]:
    with QuoteStore(db) as s:
        return sorted((r["id"], r["text"]) for r in s.db["quotes"].rows)


def read_csv(data: str) -> list[dict]:
    assert data.startswith("\ufeff")  # BOM: spreadsheets open it as UTF-8
    return list(csv.DictReader(io.StringIO(data[1:], newline="")))


def test_csv_raw_round_trips_every_quote_once(db):
    buf = io.StringIO(newline="")
    assert export(db, buf, format="csv", raw=True) == 18
    rows = read_csv(buf.getvalue())
    assert list(rows[0]) == FIELDS
    assert sorted((int(r["quote_id"]), r["text"]) for r in rows) == stored(db)
    assert {r["speaker"] for r in rows} == {"Ben Wallace", "Sergei Shoigu", "Dmitry Kozak"}


def test_csv_neutralises_formula_cells_by_default(db):
    buf = io.StringIO(newline="")
    export(db, buf, format="csv")
    rows = read_csv(buf.getvalue())
    texts = {r["text"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in texts
    assert "'-5 degrees and falling" in texts and "'+1 for the talks; @everyone agrees" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    # the rest untouched, and each neutralised cell is the stored text behind one quote mark
    assert sorted(t[1:] if t.startswith("'") else t for t in texts) == sorted({t for _, t in stored(db)})
    assert neutralise("@x") == "'@x" and neutralise("safe") == "safe" and neutralise(5) == 5


def test_csv_row_has_article_offsets_and_context(db):
    buf = io.StringIO(newline="")
    export(db, buf, format="csv", raw=True)
    row = next(r for r in read_csv(buf.getvalue()) if r["text"].startswith("We can try"))
    with QuoteStore(db) as s:
        text = s.db["articles"].get(row["article_id"])["text"]
    assert text[int(row["start"]):int(row["end"])] == row["text"]
    assert json.loads(row["spans"]) == [[int(row["start"]), int(row["end"])]]
    assert row["title"].startswith("Talks, day") and row["url"].startswith("https://example.org/")
    assert row["outlet"] == "The Guardian" and row["kind"] == "direct" and row["cue"] == "said"
    assert row["text"] in row["context"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_round_trips_every_quote_once(db, fmt):
    buf = io.StringIO()
    assert export(db, buf, format=fmt) == 18
    data = json.loads(buf.getvalue()) if fmt == "json" else [json.loads(line) for line in buf.getvalue().splitlines()]
    assert sorted((r["quote_id"], r["text"]) for r in data) == stored(db)
    assert all(set(r) == set(FIELDS) for r in data)


def test_filters_speaker_alias_and_dates(db):
    assert {r["speaker"] for r in export_rows(db, speaker="sergei shoigu")} == {"Sergei Shoigu"}
    shoigu = [r["quote_id"] for r in export_rows(db, speaker="sergei shoigu")]
    # the surname alone is the one person with that surname in the database
    assert [r["quote_id"] for r in export_rows(db, speaker="Shoigu")] == shoigu
    assert len(list(export_rows(db, speaker="Nobody Atall"))) == 0
    assert {r["published"] for r in export_rows(db, since="2022-02-11")} == {"2022-02-11", "2022-02-12"}
    assert {r["published"] for r in export_rows(db, until="2022-02-10")} == {"2022-02-10"}
    assert len(list(export_rows(db, speaker="Dmitry Kozak", since="2022-02-11", until="2022-02-11"))) == 2


def test_empty_json_is_valid(tmp_path):
    path = tmp_path / "empty.db"
    QuoteStore(path).close()
    buf = io.StringIO()
    assert export(path, buf, format="json") == 0
    assert json.loads(buf.getvalue()) == []


def test_cli_export_to_file_and_stdout(db, tmp_path):
    runner = CliRunner()
    out_file = tmp_path / "out.csv"
    result = runner.invoke(cli, ["export", "--db", str(db), "--speaker", "Ben Wallace", "-o", str(out_file)])
    assert result.exit_code == 0, result.output
    rows = read_csv(out_file.read_text(encoding="utf-8"))
    assert len(rows) == 6 and {r["speaker"] for r in rows} == {"Ben Wallace"}
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "--since", "2022-02-12"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 6 and {r["article_id"] for r in lines} == {"a2"}
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code != 0 and "nope.db: no such quote database" in result.output


def test_bad_date_is_a_clear_error(db):
    with pytest.raises(ValueError, match="--since 'last week' is not a date"):
        export(db, io.StringIO(), since="last week")
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--until", "2022-13-45"])
    assert result.exit_code == 2 and "--until '2022-13-45' is not a date: use YYYY-MM-DD" in result.output
