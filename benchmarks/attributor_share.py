"""The attributor's share of the pipeline's time: parse articles once with the pipeline minus the
`quotes` component, then time the component alone on the parsed Docs.

    python benchmarks/attributor_share.py [JSONL] [--limit N] [--repeat K]

Prints the seconds of each part, the share of the attributor in their sum, and (beside it) the
budget of issue 18: under 10%. CPU time of this one process (no workers), best of K repeats for
the attributor. JSONL defaults to ../shared/eval/polnear-train.jsonl.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSONL = ROOT.parent / "shared" / "eval" / "polnear-train.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", nargs="?", default=str(DEFAULT_JSONL))
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    path = Path(args.jsonl)
    if not path.exists():
        raise SystemExit(f"{path} not found (the PolNeAR train split lives in ../shared/eval)")
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break

    from quotes.processing.pipeline import load_nlp
    nlp = load_nlp()
    quotes = nlp.get_pipe("quotes")
    t0 = time.process_time()
    with nlp.select_pipes(disable=["quotes"]):
        docs = list(nlp.pipe(texts))
    parse = time.process_time() - t0
    best = None
    for _ in range(args.repeat):
        t0 = time.process_time()
        for doc in docs:
            quotes(doc)
        took = time.process_time() - t0
        best = took if best is None else min(best, took)
    tokens = sum(len(d) for d in docs)
    share = best / (parse + best)
    print(f"{len(docs)} articles, {tokens} tokens")
    print(f"{'part':<22}{'CPU s':>8}")
    print(f"{'parse (spaCy)':<22}{parse:>8.2f}")
    print(f"{'attributor (quotes)':<22}{best:>8.2f}")
    print(f"attributor share {share:.1%}   (budget: under 10%)")


if __name__ == "__main__":
    main()
