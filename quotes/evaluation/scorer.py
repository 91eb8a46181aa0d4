"""Scoring quotes against annotated articles: the figures of the project's shared scorer.

`score()` computes exactly what `../shared/eval/score.py` computes, re-implemented here so
the package works on its own: a newsroom scores the tool on its own annotated articles with
`quotes evaluate GOLD`, and the numbers compare with every figure the project reports.

The rules, as in the shared scorer. Only letters and digits count as characters, so quote
marks, punctuation and white space never decide a match. A predicted quote and a gold
attribution match when the prediction covers more than 30% of the gold content ("lenient")
or, at the strict threshold, at least 80% of the gold content with at least 80% of the
prediction inside it. Pairs are matched one to one, best first. A matched pair's speaker is
right when the predicted speaker span overlaps the gold source span, or the predicted name
shares a word of three or more letters with the gold source text, or neither names a speaker;
where the gold lists `speaker_names` (resolved speakers), the predicted name must contain the
last word of one of them. Predictions starting at or after a gold article's `body_end` are
left out.

Gold records (one article each): `{"id", "text", "attributions": [{"content": [[s, e], ...],
"source": [...], "cue": [...], "quoted": bool, "speaker_names"?: [...]}], "body_end"?: int}`.
Prediction records: `{"id", "quotes": [{"spans": [[s, e], ...], "speaker", "speaker_spans"}]}`
— what `quotes extract --format jsonl` writes; `start`/`end` and `speaker_start`/`speaker_end`
are accepted for a single span.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .brat import read_brat_dir
from ..errors import EvaluationError
from .gold import (
    QUOTE_MARK,
    gold_attribution,
    is_quoted,
    prediction_record,
    problem,
    read_gold_jsonl,
    read_jsonl,
    read_predictions,
    spans_of,
    write_predictions,
)

__all__ = ["evaluate", "score", "format_figures", "read_gold", "read_gold_jsonl", "read_jsonl",
           "read_predictions", "write_predictions", "prediction_record", "gold_attribution",
           "predict", "is_quoted", "spans_of", "QUOTE_MARK", "EvaluationError", "Evaluation",
           "ErrorExample"]

WORD = re.compile(r"\w", re.UNICODE)
"""A character that counts: letters and digits (and `_`), as in the shared scorer."""
NAME_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
"""A word of a speaker's name: three or more letters."""
SKIP_WORDS = {"the", "and", "said", "says", "told", "his", "her", "their", "its", "who"}
"""Words that never make two speaker names agree."""

LENIENT_MIN_GOLD_COVER = 0.3
STRICT_MIN_COVER = 0.8
FIGURES = ("lenient", "strict", "attributed", "quoted")


class ErrorExample(NamedTuple):
    """One listed error: `kind` is "wrong speaker", "missed quote" or "spurious"."""

    kind: str
    article_id: str
    content: str
    gold_source: str | None
    predicted_speaker: str | None

    def __str__(self) -> str:
        return " | ".join(str(x) for x in self)


@dataclass
class Evaluation:
    """The figures (the same object as `score.py --json`), the errors asked for, and any
    problems met reading the input (each naming its file and line)."""

    figures: dict[str, Any]
    errors: list[ErrorExample] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# --- reading -------------------------------------------------------------------------------


def read_gold(path: str | Path, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """Gold articles from a gold JSONL file or a brat standoff directory (see `quotes.evaluation.brat`)."""
    path = Path(path)
    if path.is_dir():
        return read_brat_dir(path, problems)
    return read_gold_jsonl(path, problems)


def predict(gold: list[dict[str, Any]], *, model: str | None = None, nlp: Any = None,
            progress: bool = False, problems: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run the extractor on the gold texts: predicted quotes by article id.

    An article the pipeline fails on gets no prediction record (the figures count it under
    `articles_without_prediction`) and is reported in `problems`; `progress` shows a progress
    bar on stderr, for the minutes a large gold set takes."""
    from tqdm import tqdm

    from ..models import Article
    from ..processing.pipeline import extract_articles, get_nlp

    def failed(article: Article, message: str) -> None:
        problem(problems, f"article {article.id}: the extractor failed ({message}); no predictions for it")

    articles = (Article(id=str(doc["id"]), text=doc["text"]) for doc in gold)
    found = extract_articles(articles, nlp=nlp or get_nlp(model), on_error=failed)
    found = tqdm(found, total=len(gold), desc="extracting", unit="article", disable=not progress or None)
    return {article.id: [prediction_record(q) for q in quotes] for article, quotes in found}


# --- scoring -------------------------------------------------------------------------------


def char_set(text: str, spans: Iterable[Iterable[int]]) -> set[int]:
    """Offsets of the characters that count (letters, digits) inside `spans`."""
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in WORD.finditer(text, max(0, s), max(0, min(e, len(text)))))
    return out


def name_words(name: str | None) -> set[str]:
    """The lower-cased words of three or more letters in a name, common function words aside."""
    return {w.lower() for w in NAME_WORD.findall(name or "")} - SKIP_WORDS


def speaker_right(text: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether a matched prediction names the gold attribution's speaker (module docstring)."""
    if gold.get("speaker_names"):
        said = name_words(pred["speaker"])
        heads = (NAME_WORD.findall(n) for n in gold["speaker_names"])
        return any(h and h[-1].lower() in said for h in heads)
    if not gold["source"]:
        return not pred["speaker"] and not pred["speaker_spans"]
    if char_set(text, gold["source"]) & char_set(text, pred["speaker_spans"]):
        return True
    gold_words = name_words(" ".join(text[s:e] for s, e in gold["source"]))
    return bool(gold_words & name_words(pred["speaker"]))


def match(golds: list[dict[str, Any]], preds: list[dict[str, Any]], *, strict: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) content matches, best first.

    Candidates are ranked by gold coverage plus prediction coverage; ties go to the later gold
    attribution, then the later prediction, exactly as the shared scorer breaks them."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            inter = len(g["chars"] & p["chars"])
            if not inter:
                continue
            cover_gold = inter / len(g["chars"])
            cover_pred = inter / len(p["chars"])
            if strict:
                ok = cover_gold >= STRICT_MIN_COVER and cover_pred >= STRICT_MIN_COVER
            else:
                ok = cover_gold > LENIENT_MIN_GOLD_COVER
            if ok:
                candidates.append((cover_gold + cover_pred, gi, pi))
    candidates.sort(reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to four places: `{"p", "r", "f"}`."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def _gold_attributions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    text = doc["text"]
    out = []
    for a in doc["attributions"]:
        chars = char_set(text, a["content"])
        if chars:  # content with no letters or digits cannot be matched: not counted
            out.append(dict(a, chars=chars))
    return out


def _predicted_quotes(doc: dict[str, Any], quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    text = doc["text"]
    body_end = doc.get("body_end")
    body_end = len(text) if body_end is None else body_end
    out = []
    for q in quotes:
        spans = spans_of(q, "spans", "start", "end")
        if spans and min(s for s, _ in spans) >= body_end:
            continue  # trailing matter (related-article lists) is not scored
        chars = char_set(text, spans)
        if not chars:
            continue
        out.append({
            "chars": chars,
            "spans": spans,
            "speaker": q.get("speaker"),
            "speaker_spans": spans_of(q, "speaker_spans", "speaker_start", "speaker_end"),
            "quoted": is_quoted(text, spans, margin=1),
        })
    return out


def _joined(text: str, spans: Iterable[Iterable[int]]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def score(
    gold: Iterable[dict[str, Any]],
    predictions: dict[str, list[dict[str, Any]]],
    *,
    n_errors: int = 0,
) -> Evaluation:
    """Score `predictions` (quotes by article id) against `gold` articles.

    `figures` has the keys of `score.py --json`: gold_attributions, predicted_quotes,
    lenient/strict/attributed/quoted ({"p", "r", "f"}), speaker_accuracy,
    quoted_content_recall, articles_without_prediction; and, where the gold gives resolved
    speakers (`speaker_names`), `mention_level`: attributed, quoted and speaker_accuracy with
    the speaker judged by the mention alone, as the same gold without names would judge it. Up to `n_errors` error examples are
    listed, article by article: wrong speakers, then missed quoted content, then spurious
    predictions."""
    c = dict.fromkeys(
        ("gold", "gold_quoted", "pred", "pred_quoted", "lenient_tp", "strict_tp", "speaker_ok",
         "attributed_tp", "quoted_lenient_tp", "quoted_attributed_tp", "pred_quoted_tp",
         "missing_docs", "named", "mention_ok", "quoted_mention_ok", "pred_quoted_mention_ok"), 0)
    errors: list[ErrorExample] = []

    def note(*row: Any) -> None:
        if len(errors) < n_errors:
            errors.append(ErrorExample(*row))

    for doc in gold:
        text, doc_id = doc["text"], str(doc["id"])
        golds = _gold_attributions(doc)
        if doc_id not in predictions:
            c["missing_docs"] += 1
        preds = _predicted_quotes(doc, predictions.get(doc_id, []))
        c["gold"] += len(golds)
        c["named"] += sum(bool(g.get("speaker_names")) for g in golds)
        c["gold_quoted"] += sum(bool(g["quoted"]) for g in golds)
        c["pred"] += len(preds)
        c["pred_quoted"] += sum(p["quoted"] for p in preds)
        c["strict_tp"] += len(match(golds, preds, strict=True))
        lenient = match(golds, preds, strict=False)
        c["lenient_tp"] += len(lenient)
        for gi, pi in lenient:
            g, p = golds[gi], preds[pi]
            ok = speaker_right(text, g, p)
            # the same pair judged on the mention alone, as if the gold gave no speaker_names
            ok_mention = speaker_right(text, {**g, "speaker_names": None}, p) if g.get("speaker_names") else ok
            c["speaker_ok"] += ok
            c["attributed_tp"] += ok
            c["mention_ok"] += ok_mention
            if g["quoted"]:
                c["quoted_lenient_tp"] += 1
                c["quoted_attributed_tp"] += ok
                c["quoted_mention_ok"] += ok_mention
            if p["quoted"]:
                c["pred_quoted_tp"] += ok
                c["pred_quoted_mention_ok"] += ok_mention
            if not ok:
                note("wrong speaker", doc["id"], _joined(text, g["content"])[:160],
                     _joined(text, g["source"]), p["speaker"])
        if n_errors:
            found_gold = {gi for gi, _ in lenient}
            found_pred = {pi for _, pi in lenient}
            for gi, g in enumerate(golds):
                if gi not in found_gold and g["quoted"]:
                    note("missed quote", doc["id"], _joined(text, g["content"])[:160],
                         _joined(text, g["source"]), None)
            for pi, p in enumerate(preds):
                if pi not in found_pred:
                    note("spurious", doc["id"], _joined(text, p["spans"])[:160], None, p["speaker"])

    figures = {
        "gold_attributions": c["gold"],
        "predicted_quotes": c["pred"],
        "lenient": prf(c["lenient_tp"], c["pred"], c["lenient_tp"], c["gold"]),
        "strict": prf(c["strict_tp"], c["pred"], c["strict_tp"], c["gold"]),
        "speaker_accuracy": round(c["speaker_ok"] / c["lenient_tp"], 4) if c["lenient_tp"] else 0.0,
        "attributed": prf(c["attributed_tp"], c["pred"], c["attributed_tp"], c["gold"]),
        "quoted": prf(c["pred_quoted_tp"], c["pred_quoted"], c["quoted_attributed_tp"], c["gold_quoted"]),
        "quoted_content_recall": round(c["quoted_lenient_tp"] / c["gold_quoted"], 4) if c["gold_quoted"] else 0.0,
        "articles_without_prediction": c["missing_docs"],
    }
    if c["named"]:
        # a gold with resolved speakers: the figures above judge the person named; these judge
        # only the mention next to the cue (what the gold without speaker_names would give)
        figures["mention_level"] = {
            "speaker_accuracy": round(c["mention_ok"] / c["lenient_tp"], 4) if c["lenient_tp"] else 0.0,
            "attributed": prf(c["mention_ok"], c["pred"], c["mention_ok"], c["gold"]),
            "quoted": prf(c["pred_quoted_mention_ok"], c["pred_quoted"], c["quoted_mention_ok"], c["gold_quoted"]),
        }
    return Evaluation(figures, errors)


def evaluate(
    gold_path: str | Path,
    pred_path: str | Path | None = None,
    *,
    model: str | None = None,
    nlp: Any = None,
    n_errors: int = 0,
    save_pred: str | Path | None = None,
    progress: bool = False,
) -> Evaluation:
    """Score a prediction file, or the extractor itself when `pred_path` is None, against a
    gold JSONL file or brat directory. `save_pred` keeps the extractor's predictions as JSONL
    (to check the figures with `score.py`, or to look at them)."""
    problems: list[str] = []
    gold = read_gold(gold_path, problems)
    if pred_path is not None:
        predictions = read_predictions(pred_path, problems)
    else:
        predictions = predict(gold, model=model, nlp=nlp, progress=progress, problems=problems)
        if save_pred is not None:
            write_predictions(predictions, save_pred)
    result = score(gold, predictions, n_errors=n_errors)
    result.problems = problems
    return result


def format_figures(figures: dict[str, Any]) -> str:
    """The figures as `score.py` prints them, line for line."""
    lines = [f"gold attributions {figures['gold_attributions']}, predicted quotes {figures['predicted_quotes']}"]
    for name in FIGURES:
        v = figures[name]
        lines.append(f"{name:<11} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f']:.3f}")
    lines.append(f"speaker accuracy (on lenient matches) {figures['speaker_accuracy']:.3f}")
    lines.append(f"quoted-content recall {figures['quoted_content_recall']:.3f}")
    if figures["articles_without_prediction"]:
        lines.append(f"articles with no prediction record: {figures['articles_without_prediction']}")
    mention = figures.get("mention_level")
    if mention:
        lines.append("speakers above are judged by the person named (the gold's speaker_names); by the mention alone:")
        for name in ("attributed", "quoted"):
            v = mention[name]
            lines.append(f"  {name:<11} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f']:.3f}")
        lines.append(f"  speaker accuracy (on lenient matches) {mention['speaker_accuracy']:.3f}")
    return "\n".join(lines)
