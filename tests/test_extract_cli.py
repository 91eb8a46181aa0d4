"""`quotes extract`: the stable JSONL shape, JSON and CSV, inputs by kind, and a missing model."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from quotes.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_jsonl_is_one_article_a_line_in_the_scorer_shape():
    result = run("extract", str(SEED))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["id"] for r in lines] == ["000_311608aec32b352f"]
    text = SEED.read_text(encoding="utf-8")
    quotes = lines[0]["quotes"]
    shoigu = [q for q in quotes if q["text"].startswith("I would like to see the reason")]
    assert len(shoigu) == 1
    q = shoigu[0]
    assert q["speaker"] == "Sergei Shoigu" and q["kind"] == "direct" and q["cue"] == "said"
    (s, e), = q["spans"]
    assert text[s:e] == q["text"]
    assert [text[a:b] for a, b in q["speaker_spans"]] == ["Shoigu"]
    assert {"spans", "speaker", "speaker_spans", "cue_spans", "rule", "confidence", "context_span"} <= set(q)


def test_jsonl_records_keep_their_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [{"id": "a1", "text": "“We will win,” Ben Wallace said."},
               {"id": 7, "text": "Nothing was said here."}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a1", "7"]
    assert [(q["text"], q["speaker"]) for q in out[0]["quotes"]] == [("We will win", "Ben Wallace")]
    assert out[1]["quotes"] == []


def test_json_and_csv_formats(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ben Wallace said: “=SUM(A1) is not a plan.”\n", encoding="utf-8")
    as_json = json.loads(run("extract", str(path), "--format", "json").stdout)
    assert as_json[0]["quotes"][0]["speaker"] == "Ben Wallace"
    rows = list(csv.DictReader(io.StringIO(run("extract", str(path), "--format", "csv").stdout)))
    assert len(rows) == 1
    assert rows[0]["speaker"] == "Ben Wallace"
    assert rows[0]["text"] == "'=SUM(A1) is not a plan."          # a formula is neutralised
    assert json.loads(rows[0]["spans"]) == as_json[0]["quotes"][0]["spans"]


def test_missing_model_is_a_one_line_error_saying_how_to_install(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--model", "no_such_model_xyz"])
    assert result.exit_code != 0
    message = result.output.strip()
    assert len(message.splitlines()) == 1, message
    assert "no_such_model_xyz" in message and "pip install" in message
