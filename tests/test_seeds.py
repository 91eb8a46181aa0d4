"""A fresh clone checks itself: the sample article and its hand-made gold ship in `seeds/`."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from quotes.cli import cli
from quotes.readers import list_directory, read_inputs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD = SEEDS / "000_311608aec32b352f.gold.jsonl"


def test_the_gold_file_is_not_an_article_of_the_seeds_directory():
    assert list_directory(SEEDS) == [SEEDS / "000_311608aec32b352f.txt"]
    assert [a.id for a in read_inputs([str(SEEDS)])] == ["000_311608aec32b352f"]
    # named on its own, it is read like any JSONL file
    assert [a.id for a in read_inputs([str(GOLD)])] == ["000_311608aec32b352f"]


def test_ingest_check_and_export_the_seeds_as_the_readme_shows(tmp_path):
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(SEEDS), "--db", db])
    assert ingest.exit_code == 0, ingest.output
    stored = re.search(r"1 articles stored with (\d+) quotes", ingest.stderr)
    assert stored and "0 failed" in ingest.stderr, ingest.stderr
    check = runner.invoke(cli, ["check", "cooperation is close to zero", "--speaker", "Ben Wallace", "--db", db, "--json"])
    assert check.exit_code == 0, check.output
    verdict = json.loads(check.stdout)
    assert verdict["verdict"] == "said by someone else"
    assert verdict["evidence"][0]["article_id"] == "000_311608aec32b352f"
    export = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl"])
    assert export.exit_code == 0, export.output
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    text = (SEEDS / "000_311608aec32b352f.txt").read_text(encoding="utf-8")
    assert len(rows) == int(stored.group(1)) > 0 and f"{len(rows)} quotes exported" in export.stderr
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows if len(r["spans"]) == 1)


def test_evaluate_the_shipped_gold(tmp_path):
    run = CliRunner().invoke(cli, ["evaluate", str(GOLD), "--json"])
    assert run.exit_code == 0, run.output
    figures = json.loads(run.stdout)
    assert figures["gold_attributions"] == 18 and figures["articles_without_prediction"] == 0
    assert figures["lenient"]["r"] > 0.5
