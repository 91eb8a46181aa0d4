"""Reading gold and prediction files for `quotes evaluate` (formats in `quotes.evaluation.scorer`'s
docstring), and the one rule both sides share: what counts as a quote mark. Below both
`quotes.evaluation.scorer` and `quotes.evaluation.brat`, so neither imports the other back."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import EvaluationError

QUOTE_MARK = re.compile(r'["\u201c\u201d\u00ab\u00bb]|(?:^|[\s(\[])\u2018')
"""A quote mark: straight or curly double quotes, guillemets, or an opening single curly quote
(an opening ‘ must follow white space or a bracket, so apostrophes do not count)."""


def is_quoted(text: str, spans: Iterable[Iterable[int]], *, margin: int = 0) -> bool:
    """Whether a quote mark lies in one of `spans` (widened by `margin` characters each side:
    the scorer uses 1 for predictions, so a span that excludes its marks still counts)."""
    return any(QUOTE_MARK.search(text[max(0, s - margin):e + margin]) for s, e in spans)


def spans_of(quote: dict[str, Any], key: str, start_key: str, end_key: str) -> list[list[int]]:
    """`quote[key]` as integer spans, else the single span `start_key`/`end_key`, else none."""
    spans = quote.get(key)
    if spans:
        return [[int(s), int(e)] for s, e in spans]
    if quote.get(start_key) is not None and quote.get(end_key) is not None:
        return [[int(quote[start_key]), int(quote[end_key])]]
    return []


def read_jsonl(path: str | Path, problems: list[str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each line of a JSON-lines file. A line that is not UTF-8 or
    not a JSON object with an "id" is reported in `problems` as `FILE:LINE: ...` and skipped,
    so one bad line does not lose the rest (with no `problems` list, it raises
    `EvaluationError`)."""
    path = Path(path)
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problem(problems, f"{path}:{n}: not UTF-8 text (byte {exc.start + 1}); line skipped")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problem(problems, f"{path}:{n}: not valid JSON ({exc.msg} at column {exc.colno}); line skipped")
                continue
            if not isinstance(record, dict) or "id" not in record:
                problem(problems, f"{path}:{n}: not a JSON object with an \"id\"; line skipped")
                continue
            yield n, record


def read_gold_jsonl(path: str | Path, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """Gold articles from a gold JSONL file (module docstring); bad lines and attributions are
    reported in `problems` and skipped."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(f"{path}: no such gold file or brat directory")
    gold = []
    for line, record in read_jsonl(path, problems):
        if not isinstance(record.get("text"), str) or not isinstance(record.get("attributions"), list):
            problem(problems, f"{path}:{line}: article {record['id']!r} lacks \"text\" or \"attributions\"; skipped")
            continue
        attributions = []
        for n, a in enumerate(record["attributions"], 1):
            if not isinstance(a, dict) or not _are_spans(a.get("content")) or \
                    not all(_are_spans(a.get(k, [])) for k in ("source", "cue")):
                problem(problems, f"{path}:{line}: article {record['id']!r}, attribution {n}: \"content\", "
                                  f"\"source\" and \"cue\" must be lists of [start, end]; skipped")
                continue
            attributions.append(gold_attribution(record["text"], a))
        record["attributions"] = attributions
        gold.append(record)
    return gold




def gold_attribution(text: str, a: dict[str, Any]) -> dict[str, Any]:
    """A gold attribution with every key the scorer reads: a missing `source` or `cue` is
    empty, a missing `quoted` is whether the content holds a quote mark (or has one just
    outside, as annotators who leave the marks out of the content write it)."""
    a = dict(a)
    a.setdefault("source", [])
    a.setdefault("cue", [])
    if "quoted" not in a:
        a["quoted"] = is_quoted(text, a["content"], margin=1)
    return a


def read_predictions(path: str | Path, problems: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Predicted quotes by article id from a JSONL file of `{"id", "quotes": [...]}` records
    (a later record for the same id replaces an earlier one, as in the shared scorer)."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(f"{path}: no such prediction file")
    predictions: dict[str, list[dict[str, Any]]] = {}
    first_line: dict[str, int] = {}
    for line, record in read_jsonl(path, problems):
        doc_id = str(record["id"])
        if doc_id in first_line:
            problem(problems, f"{path}:{line}: article {doc_id!r} again (first on line {first_line[doc_id]}); this record replaces it")
        first_line.setdefault(doc_id, line)
        if not isinstance(record.get("quotes") or [], list):
            problem(problems, f"{path}:{line}: article {doc_id!r}: \"quotes\" is not a list; no quotes read")
            predictions[doc_id] = []
            continue
        quotes = []
        for n, q in enumerate(record.get("quotes") or [], 1):
            try:
                spans_of(q, "spans", "start", "end")
                spans_of(q, "speaker_spans", "speaker_start", "speaker_end")
            except (TypeError, ValueError, AttributeError):
                problem(problems, f"{path}:{line}: article {record['id']!r}, quote {n}: spans are not [start, end] pairs; quote skipped")
                continue
            quotes.append(q)
        predictions[doc_id] = quotes
    return predictions


def _are_spans(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(sp, (list, tuple)) and len(sp) == 2 and all(isinstance(x, int) for x in sp) for sp in value)


def prediction_record(quote: Any) -> dict[str, Any]:
    """The prediction record of a `Quote` (or of a quote dict already in that shape)."""
    if hasattr(quote, "model_dump"):
        quote = quote.model_dump(mode="json")
    return {
        "spans": [list(s) for s in quote.get("spans") or []],
        "speaker": quote.get("speaker"),
        "speaker_spans": [list(s) for s in quote.get("speaker_spans") or []],
    }


def write_predictions(preds: dict[str, list[dict[str, Any]]], path: str | Path) -> None:
    """Write predictions as JSONL, the shape `score.py` and `--pred` read."""
    with Path(path).open("w", encoding="utf-8") as f:
        for doc_id, quotes in preds.items():
            f.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) + "\n")


def problem(problems: list[str] | None, message: str) -> None:
    """Add `message` to `problems`, or raise it as an `EvaluationError` when there is no list."""
    if problems is None:
        raise EvaluationError(message)
    problems.append(message)
