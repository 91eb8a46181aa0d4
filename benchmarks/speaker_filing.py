"""Share of `quotes ingest` time spent filing speakers (issue 17: under 5%).

Ingests the first N articles of a JSONL file in one process into a fresh database and times,
inside that run, every call of the speaker filing: `speakers.resolve_article` (who each quote's
speaker is), `speakers.speaker_id` (the row), `speakers.refresh_speakers` (counts, name,
person or not) and `surnames.settle` (bare surnames, again from the whole database). Prints the
filing time beside the whole ingest's.

    python benchmarks/speaker_filing.py [JSONL] [--limit N]

JSONL defaults to ../shared/eval/polnear-train.jsonl (relative to the project root).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSONL = ROOT.parent / "shared" / "eval" / "polnear-train.jsonl"


def main(argv: list[str] | None = None) -> int:
    from quotes import ingest as ingest_module
    from quotes.store import speakers, surnames

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", nargs="?", default=str(DEFAULT_JSONL))
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args(argv)
    spent = [0.0]

    def timed(module, name):
        inner = getattr(module, name)

        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return inner(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t0
        setattr(module, name, wrapper)

    for name in ("resolve_article", "speaker_id", "refresh_speakers"):
        timed(speakers, name)
    timed(surnames, "settle")
    with tempfile.TemporaryDirectory() as tmp:
        sub = Path(tmp) / "articles.jsonl"
        with open(args.jsonl, encoding="utf-8") as src, open(sub, "w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                out.write(line)
        t0 = time.perf_counter()
        report = ingest_module.ingest([str(sub)], Path(tmp) / "quotes.db", processes=1)
        total = time.perf_counter() - t0
    print(f"articles {report.articles_stored}, quotes {report.quotes_found}: ingest {total:.1f} s, "
          f"filing speakers {spent[0]:.2f} s = {100 * spent[0] / total:.1f}% (target under 5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
