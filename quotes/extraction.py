"""`quotes extract`: quotes for every article in some inputs, written as JSONL, JSON or CSV.

The JSONL shape is a stable interface, one article a line:
`{"id": ..., "quotes": [Quote, ...]}` (see `quotes.models.Quote`), exactly what
`../shared/eval/score.py` and `quotes evaluate --pred` read.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO

from .models import Article, ArticleQuotes
from .processing.pipeline import extract_articles
from .readers import InputError, ReadOptions, read_inputs

CSV_FIELDS = ["article_id", "start", "end", "kind", "speaker", "co_speakers", "speaker_role", "speaker_is_person",
              "cue", "cue_class", "rule", "speaker_rule", "confidence", "in_body", "text", "spans", "speaker_spans",
              "cue_spans", "quoted_spans", "context_span"]


def extract_paths(
    paths: Sequence[str],
    *,
    model: str | None = None,
    read_options: ReadOptions | None = None,
    n_process: int = 1,
    on_input_error: Callable[[InputError], None] | None = None,
    on_article_error: Callable[[Article, str], None] | None = None,
) -> Iterator[ArticleQuotes]:
    """`ArticleQuotes` for every article read from `paths`, in input order."""
    articles = read_inputs(paths, read_options, on_error=on_input_error)
    for article, quotes in extract_articles(articles, model=model, n_process=n_process, on_error=on_article_error):
        yield ArticleQuotes(id=article.id, quotes=quotes)


def write_results(results: Iterable[ArticleQuotes], fp: IO[str], fmt: str = "jsonl") -> int:
    """Write results as `jsonl` (an article a line), `json` (one array of those objects) or
    `csv` (a quote a row, offsets as JSON); returns the number of articles written."""
    n = 0
    if fmt == "jsonl":
        for r in results:
            fp.write(r.model_dump_json() + "\n")
            n += 1
    elif fmt == "json":
        fp.write("[")
        for r in results:
            fp.write(("," if n else "") + "\n" + r.model_dump_json())
            n += 1
        fp.write("\n]\n")
    elif fmt == "csv":
        from .export import neutralise

        writer = csv.DictWriter(fp, fieldnames=CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for r in results:
            for q in r.quotes:
                row = q.model_dump(mode="json")
                row.update(article_id=r.id, start=q.start, end=q.end)
                for key in ("spans", "co_speakers", "speaker_spans", "cue_spans", "quoted_spans", "context_span"):
                    row[key] = json.dumps(row[key])
                writer.writerow({k: neutralise(row.get(k)) for k in CSV_FIELDS})
            n += 1
    else:
        raise ValueError(f"unknown format {fmt!r}: jsonl, json or csv")
    return n
