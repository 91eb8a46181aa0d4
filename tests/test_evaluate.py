"""`quotes evaluate` and `quotes.evaluation`: the figures of ../shared/eval/score.py, exactly."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.evaluation import evaluate, format_figures, read_gold, score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SCORE_PY = SHARED / "score.py"
SEED_GOLD = ROOT / "seeds" / "000_311608aec32b352f.gold.jsonl"  # our own annotation of the sample, shipped
POLNEAR_DEV = SHARED / "polnear-dev.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared evaluation data sits beside the project (../shared/eval)")
    return path


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- hand-written cases whose answers are known --------------------------------------------

TEXT = "Ben Wallace said the talks were useful. Shoigu said: “We are not planning an invasion.” Related: more"
#       0         1         2         3         4         5         6         7         8         9
WALLACE = [0, 11]
SAID = [12, 16]
TALKS = [17, 38]          # "the talks were useful"
SHOIGU = [40, 46]
QUOTE = [53, 87]          # “We are not planning an invasion.”


def gold_doc(**extra):
    doc = {
        "id": "a1",
        "text": TEXT,
        "attributions": [
            {"content": [TALKS], "source": [WALLACE], "cue": [SAID], "quoted": False},
            {"content": [QUOTE], "source": [SHOIGU], "cue": [[47, 51]], "quoted": True},
        ],
    }
    doc.update(extra)
    return doc


def test_offsets_of_the_hand_written_article():
    assert TEXT[slice(*WALLACE)] == "Ben Wallace"
    assert TEXT[slice(*TALKS)] == "the talks were useful"
    assert TEXT[slice(*SHOIGU)] == "Shoigu"
    assert TEXT[slice(*QUOTE)] == "“We are not planning an invasion.”"


def test_strict_match_with_right_speakers():
    preds = {"a1": [
        {"spans": [TALKS], "speaker": "Ben Wallace", "speaker_spans": [WALLACE]},
        {"spans": [[54, 86]], "speaker": "Shoigu", "speaker_spans": [SHOIGU]},  # marks left out
    ]}
    f = score([gold_doc()], preds).figures
    assert f["gold_attributions"] == 2 and f["predicted_quotes"] == 2
    assert f["strict"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert f["attributed"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    # the prediction without its marks still counts as quoted (one character either side)
    assert f["quoted"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert f["speaker_accuracy"] == 1.0 and f["quoted_content_recall"] == 1.0


def test_lenient_only_match():
    # "talks were" covers 9 of the gold's 18 letters: more than 30%, less than 80%
    preds = {"a1": [{"spans": [[21, 31]], "speaker": "Wallace", "speaker_spans": []}]}
    f = score([gold_doc()], preds).figures
    assert f["lenient"] == {"p": 1.0, "r": 0.5, "f": 0.6667}
    assert f["strict"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert f["attributed"] == {"p": 1.0, "r": 0.5, "f": 0.6667}  # right by a shared name word


def test_too_small_an_overlap_is_no_match():
    preds = {"a1": [{"spans": [[21, 26]], "speaker": "Ben Wallace"}]}  # "talks": 5 of 18 letters
    f = score([gold_doc()], preds).figures
    assert f["lenient"]["p"] == 0.0 and f["predicted_quotes"] == 1


def test_wrong_speaker_is_listed():
    preds = {"a1": [{"spans": [QUOTE], "speaker": "Ben Wallace", "speaker_spans": [WALLACE]}]}
    result = score([gold_doc()], preds, n_errors=10)
    f = result.figures
    assert f["lenient"]["r"] == 0.5 and f["attributed"]["r"] == 0.0
    assert f["speaker_accuracy"] == 0.0
    assert f["quoted"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    assert f["quoted_content_recall"] == 1.0
    assert [tuple(e) for e in result.errors] == [
        ("wrong speaker", "a1", "“We are not planning an invasion.”", "Shoigu", "Ben Wallace"),
    ]


def test_speaker_span_overlap_is_enough():
    preds = {"a1": [{"spans": [QUOTE], "speaker": "the Russian minister", "speaker_spans": [[42, 46]]}]}
    assert score([gold_doc()], preds).figures["attributed"]["p"] == 1.0


def test_missed_and_spurious_are_listed():
    preds = {"a1": [{"spans": [[0, 11]], "speaker": None}]}
    result = score([gold_doc()], preds, n_errors=10)
    assert [e.kind for e in result.errors] == ["missed quote", "spurious"]  # misses listed: quoted gold
    assert result.errors[0].content == "“We are not planning an invasion.”"
    assert result.errors[1].content == "Ben Wallace"
    assert len(score([gold_doc()], preds, n_errors=1).errors) == 1


def test_one_prediction_matches_one_gold_at_most():
    preds = {"a1": [
        {"spans": [QUOTE], "speaker": "Shoigu"},
        {"spans": [[54, 86]], "speaker": "Shoigu"},
    ]}
    f = score([gold_doc()], preds).figures
    assert f["lenient"] == {"p": 0.5, "r": 0.5, "f": 0.5}


def test_body_end_leaves_out_trailing_predictions():
    trailing = {"spans": [[89, 101]], "speaker": None}  # "Related: more"
    preds = {"a1": [{"spans": [QUOTE], "speaker": "Shoigu"}, trailing]}
    assert score([gold_doc()], preds).figures["predicted_quotes"] == 2
    f = score([gold_doc(body_end=88)], preds).figures
    assert f["predicted_quotes"] == 1 and f["lenient"]["p"] == 1.0


def test_speaker_names_need_the_head_of_a_resolved_name():
    doc = gold_doc()
    doc["attributions"][1]["speaker_names"] = ["Sergei Shoigu", "Russia’s defence minister"]
    right = score([doc], {"a1": [{"spans": [QUOTE], "speaker": "Shoigu", "speaker_spans": []}]})
    assert right.figures["attributed"]["p"] == 1.0
    also = score([doc], {"a1": [{"spans": [QUOTE], "speaker": "the defence minister"}]})
    assert also.figures["attributed"]["p"] == 1.0
    # the gold source span overlaps, but the name resolved is not Shoigu's: wrong
    wrong = score([doc], {"a1": [{"spans": [QUOTE], "speaker": "Sergei", "speaker_spans": [SHOIGU]}]})
    assert wrong.figures["attributed"]["p"] == 0.0


def test_names_gold_also_reports_the_mention_level_figures():
    doc = gold_doc()
    doc["attributions"][1]["speaker_names"] = ["Sergei Shoigu"]
    # the mention is the gold source (right by the mention), the person named is not Shoigu
    preds = {"a1": [{"spans": [TALKS], "speaker": "Ben Wallace", "speaker_spans": [WALLACE]},
                    {"spans": [QUOTE], "speaker": "Ben Wallace", "speaker_spans": [SHOIGU]}]}
    result = score([doc], preds)
    assert result.figures["speaker_accuracy"] == 0.5
    assert result.figures["quoted"] == {"p": 0.0, "r": 0.0, "f": 0.0}
    mention = result.figures["mention_level"]
    assert mention["speaker_accuracy"] == 1.0
    assert mention["attributed"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert mention["quoted"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    text = format_figures(result.figures)
    assert "speaker accuracy (on lenient matches) 0.500" in text
    assert "by the mention alone" in text and "  speaker accuracy (on lenient matches) 1.000" in text
    # a gold without names has no second block: the figures are score.py's, key for key
    assert "mention_level" not in score([gold_doc()], preds).figures


def test_unattributed_gold_wants_no_speaker():
    doc = gold_doc()
    doc["attributions"][0]["source"] = []
    assert score([doc], {"a1": [{"spans": [TALKS], "speaker": None}]}).figures["attributed"]["p"] == 1.0
    assert score([doc], {"a1": [{"spans": [TALKS], "speaker": "Wallace"}]}).figures["attributed"]["p"] == 0.0


def test_single_span_keys_and_missing_articles():
    preds = {"a1": [{"start": 53, "end": 87, "speaker": "X", "speaker_start": 40, "speaker_end": 46}]}
    f = score([gold_doc(), dict(gold_doc(), id="a2")], preds).figures
    assert f["attributed"] == {"p": 1.0, "r": 0.25, "f": 0.4}
    assert f["articles_without_prediction"] == 1
    assert format_figures(f).splitlines()[-1] == "articles with no prediction record: 1"


def test_bad_lines_are_reported_and_the_rest_scored(tmp_path):
    doc = gold_doc()
    doc["attributions"].append({"content": [[1, 2, 3]], "source": [], "cue": []})
    gold = write_jsonl(tmp_path / "gold.jsonl", [doc])
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(
        b'{"id": "a1", "quotes": [{"spans": [[0, 11]]}]}\n'
        b'{"id": "a1", "quotes": [{"spans": [[53, 87]], "speaker": "Shoigu"}, {"spans": "oops"}]}\n'
        b"{not json\n"
        b'{"id": "\xff"}\n'
        b'{"quotes": []}\n'
    )
    result = evaluate(gold, pred)
    assert result.figures["gold_attributions"] == 2
    assert result.figures["predicted_quotes"] == 1 and result.figures["attributed"]["p"] == 1.0
    assert result.problems == [
        f"{gold}:1: article 'a1', attribution 3: \"content\", \"source\" and \"cue\" must be lists of [start, end]; skipped",
        f"{pred}:2: article 'a1' again (first on line 1); this record replaces it",
        f"{pred}:2: article 'a1', quote 2: spans are not [start, end] pairs; quote skipped",
        f"{pred}:3: not valid JSON (Expecting property name enclosed in double quotes at column 2); line skipped",
        f"{pred}:4: not UTF-8 text (byte 9); line skipped",
        f"{pred}:5: not a JSON object with an \"id\"; line skipped",
    ]


def test_gold_without_quoted_flag_gets_it_from_the_marks(tmp_path):
    doc = gold_doc()
    for a in doc["attributions"]:
        del a["quoted"]
        del a["cue"]
    gold = read_gold(write_jsonl(tmp_path / "gold.jsonl", [doc]))
    assert [a["quoted"] for a in gold[0]["attributions"]] == [False, True]


def test_cli_reports_missing_and_unreadable_input_clearly(tmp_path):
    pred = write_jsonl(tmp_path / "pred.jsonl", [])
    missing = CliRunner().invoke(cli, ["evaluate", str(tmp_path / "none.jsonl"), "--pred", str(pred)])
    assert missing.exit_code == 2 and "none.jsonl' does not exist" in missing.output
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_doc()) + "\n" + '{"id": "b", "text": "x"}\n', encoding="utf-8")
    partly = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(pred)])
    assert partly.exit_code == 0
    assert f"warning: {gold}:2: article 'b' lacks \"text\" or \"attributions\"; skipped" in partly.stderr
    assert partly.stdout.splitlines()[0] == "gold attributions 2, predicted quotes 0"


# --- agreement with ../shared/eval/score.py ------------------------------------------------


def perturbed_predictions(gold_path: Path, seed: int = 7) -> list[dict]:
    """Predictions made from the gold, with every kind of error the scorer distinguishes:
    misses, partial and shifted content, wrong and missing speakers, duplicates, spurious
    quotes, quotes in trailing matter, single-span keys, and an article with no record."""
    rng = random.Random(seed)
    records = []
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines()):
        doc = json.loads(line)
        if n == 1:
            continue  # one article without a prediction record
        text, quotes = doc["text"], []
        for a in doc["attributions"]:
            roll = rng.random()
            if roll < 0.1:
                continue
            spans = [list(s) for s in a["content"]]
            if roll < 0.3:  # keep part of the content: lenient, or no match at all
                s, e = spans[0]
                cut = int((e - s) * rng.choice([0.2, 0.45, 0.7, 0.9]))
                spans = [[s, s + cut]] if rng.random() < 0.5 else [[e - cut, e]]
            elif roll < 0.4:  # run on past the content
                spans = [[spans[0][0], min(len(text), spans[-1][1] + rng.randint(5, 80))]]
            source = a["source"]
            choice = rng.random()
            if choice < 0.5 and source:
                quote = {"spans": spans, "speaker": " ".join(text[s:e] for s, e in source), "speaker_spans": source}
            elif choice < 0.6 and a.get("speaker_names"):
                quote = {"spans": spans, "speaker": a["speaker_names"][-1], "speaker_spans": []}
            elif choice < 0.75:
                quote = {"spans": spans, "speaker": None, "speaker_spans": []}
            else:
                s = rng.randrange(max(1, len(text) - 10))
                quote = {"spans": spans, "speaker": text[s:s + 8], "speaker_spans": [[s, s + 8]]}
            if len(spans) == 1 and rng.random() < 0.2:
                (s, e), = quote.pop("spans")
                quote.update(start=s, end=e)
                if quote["speaker_spans"] and len(quote["speaker_spans"]) == 1:
                    (s, e), = quote.pop("speaker_spans")
                    quote.update(speaker_start=s, speaker_end=e)
            quotes.append(quote)
            if rng.random() < 0.05:
                quotes.append(dict(quote))  # a duplicate
        for _ in range(rng.randint(0, 4)):  # spurious quotes anywhere, the trailing matter too
            s = rng.randrange(max(1, len(text) - 40))
            quotes.append({"spans": [[s, s + rng.randint(1, 120)]], "speaker": "Someone", "speaker_spans": []})
        rng.shuffle(quotes)
        records.append({"id": doc["id"], "quotes": quotes})
    return records


def run_score_py(gold: Path, pred: Path, *args: str) -> subprocess.CompletedProcess:
    need(SCORE_PY)
    return subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred), *args],
                          capture_output=True, text=True, check=True)


def score_py_part(figures: dict) -> dict:
    """The figures score.py also gives (a names gold adds `mention_level` beside them)."""
    return {k: v for k, v in figures.items() if k != "mention_level"}


def assert_same_as_score_py(gold: Path, pred: Path, n_errors: int = 40):
    expected_json = json.loads(run_score_py(gold, pred, "--json").stdout)
    cli_json = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(pred), "--json"])
    assert cli_json.exit_code == 0, cli_json.output
    assert score_py_part(json.loads(cli_json.stdout)) == expected_json

    expected = run_score_py(gold, pred, "--errors", str(n_errors))
    text = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(pred), "--errors", str(n_errors)])
    assert text.exit_code == 0, text.output
    figures, _, errors = text.stdout.partition("\n\nerrors (kind | article | content | gold source | predicted speaker):\n")
    figures = figures.partition("\nspeakers above are judged by the person named")[0]   # our addition for a names gold
    assert figures + "\n" == expected.stdout
    assert errors.splitlines() == expected.stderr.splitlines()
    return expected_json


# What score.py printed for `perturbed_predictions(SEED_GOLD)`, so a clone without ../shared
# still checks the figures (with ../shared, the test also runs score.py itself).
SAMPLE_PERTURBED_FIGURES = {
    "gold_attributions": 18, "predicted_quotes": 16,
    "lenient": {"p": 0.875, "r": 0.7778, "f": 0.8235}, "strict": {"p": 0.6875, "r": 0.6111, "f": 0.6471},
    "speaker_accuracy": 0.6429, "attributed": {"p": 0.5625, "r": 0.5, "f": 0.5294},
    "quoted": {"p": 0.6364, "r": 0.5385, "f": 0.5833}, "quoted_content_recall": 0.7692,
    "articles_without_prediction": 0,
}


def test_same_figures_as_score_py_on_the_sample_gold(tmp_path):
    gold = SEED_GOLD
    pred = write_jsonl(tmp_path / "pred.jsonl", perturbed_predictions(gold))
    run = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(pred), "--json"])
    assert run.exit_code == 0, run.output
    figures = score_py_part(json.loads(run.stdout))
    assert figures == SAMPLE_PERTURBED_FIGURES
    if SCORE_PY.exists():
        assert assert_same_as_score_py(gold, pred) == figures
    # the perturbations exercise every figure: none is trivially 0 or 1
    assert 0 < figures["strict"]["f"] < figures["lenient"]["f"] < 1
    assert 0 < figures["attributed"]["f"] < 1 and 0 < figures["quoted"]["f"] < 1


def test_same_figures_as_score_py_on_polnear_dev(tmp_path):
    gold = need(POLNEAR_DEV)
    pred = write_jsonl(tmp_path / "pred.jsonl", perturbed_predictions(gold, seed=11))
    figures = assert_same_as_score_py(gold, pred, n_errors=200)
    assert figures["articles_without_prediction"] == 1
    assert 0 < figures["attributed"]["f"] < figures["lenient"]["f"] < 1


def test_the_extractor_on_the_sample_gold_scores_as_score_py_says(tmp_path):
    """Without --pred the extractor runs on the gold texts; its saved predictions, scored by
    `--pred` (and by score.py where ../shared is), give the same figures it printed."""
    gold = SEED_GOLD
    saved = tmp_path / "pred.jsonl"
    run = CliRunner().invoke(cli, ["evaluate", str(gold), "--json", "--save-pred", str(saved)])
    assert run.exit_code == 0, run.output
    figures = json.loads(run.stdout)
    again = CliRunner().invoke(cli, ["evaluate", str(gold), "--pred", str(saved), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == figures
    if SCORE_PY.exists():
        assert json.loads(run_score_py(gold, saved, "--json").stdout) == score_py_part(figures)
    records = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["000_311608aec32b352f"]
    text = json.loads(gold.read_text(encoding="utf-8"))["text"]
    assert records[0]["quotes"] and all(0 <= s < e <= len(text) for q in records[0]["quotes"] for s, e in q["spans"])
    assert figures["gold_attributions"] == 18 and figures["articles_without_prediction"] == 0
