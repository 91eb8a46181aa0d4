"""Throughput of `quotes` against bare spaCy, and peak memory per process.

For each number of processes, three runs over the same texts with the same model:

* bare `nlp.pipe`: the model's default pipeline, no `quotes` component (what any spaCy-based
  tool pays for parsing);
* `quotes extract`: what the command runs (`quotes.extraction.extract_paths` + `write_results`,
  the components the attributor uses plus `quotes`), writing its JSONL to a temporary file;
* `quotes ingest`: `quotes.ingest.ingest()` into a fresh database.

Each run is its own Python process, so its peak RSS (and its spaCy workers') is its own; model
loading is outside the timed part of every run, process start-up of spaCy's workers inside.
Tokens per second use the token count of the bare run for all three.

    python benchmarks/throughput.py [JSONL] [--limit N] [--processes 1 2] [--repeat K]

On a machine shared with other work, wall-clock figures move with the load; the CPU-time
figures (all processes' user+system seconds) show what each run itself costs, and "other CPU"
(from /proc/stat: what the rest of the machine used, and the hypervisor took, during the timed
part) shows which runs were disturbed: on an idle machine it is well under a second.

JSONL defaults to ../shared/eval/polnear-train.jsonl (relative to the project root).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSONL = ROOT.parent / "shared" / "eval" / "polnear-train.jsonl"
MODES = ("bare", "extract", "ingest")


def _usage() -> tuple[float, float, float]:
    """CPU seconds used so far by this process and its finished children, and the peak RSS of
    this process and of its largest child, in MB."""
    multiprocessing.active_children()  # reap finished workers so RUSAGE_CHILDREN counts them
    own = resource.getrusage(resource.RUSAGE_SELF)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + child.ru_utime + child.ru_stime
    return cpu, own.ru_maxrss / 1024, child.ru_maxrss / 1024


def _system_busy() -> float | None:
    """CPU seconds all processes on the machine have used (and the hypervisor has taken from
    it, `steal`) since boot, from /proc/stat; None where there is no /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_one(mode: str, jsonl: str, processes: int, batch_size: int, model: str | None) -> dict:
    """One timed run, in this process; returns seconds, tokens (bare only) and peak RSS."""
    tokens = None
    cpu_before = busy_before = None
    if mode == "bare":
        import spacy

        from quotes.processing.pipeline import model_name

        nlp = spacy.load(model_name(model))
        cpu_before, busy_before = _usage()[0], _system_busy()
        start = time.perf_counter()
        with open(jsonl, encoding="utf-8") as f:
            texts = (json.loads(line)["text"] for line in f if line.strip())
            tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
        seconds = time.perf_counter() - start
        pipes = nlp.pipe_names
    elif mode == "extract":
        from quotes.extraction import extract_paths, write_results
        from quotes.processing.pipeline import get_nlp

        nlp = get_nlp(model)  # the cached pipeline that extract_paths (the command's library call) uses
        cpu_before, busy_before = _usage()[0], _system_busy()
        start = time.perf_counter()
        with tempfile.TemporaryFile("w", encoding="utf-8") as out:
            write_results(extract_paths([jsonl], model=model, n_process=processes), out, "jsonl")
        seconds = time.perf_counter() - start
        pipes = nlp.pipe_names
    elif mode == "ingest":
        from quotes.ingest import ingest
        from quotes.processing.pipeline import load_nlp

        nlp = load_nlp(model)
        with tempfile.TemporaryDirectory() as tmp:
            cpu_before, busy_before = _usage()[0], _system_busy()
            start = time.perf_counter()
            report = ingest([jsonl], Path(tmp) / "bench.db", nlp=nlp, processes=processes,
                            batch_size=batch_size)
            seconds = time.perf_counter() - start
        if not report.ok or not report.articles_stored:
            raise SystemExit(f"ingest failed: {report.summary()}")
        pipes = nlp.pipe_names
    else:
        raise ValueError(mode)
    cpu, own, child = _usage()
    busy_after = _system_busy()
    other = busy_after - busy_before - (cpu - cpu_before) if busy_before is not None else None
    return {"mode": mode, "processes": processes, "seconds": seconds, "tokens": tokens,
            "cpu_seconds": cpu - cpu_before, "other_cpu_seconds": other,
            "rss_main_mb": own, "rss_worker_mb": child if processes > 1 else None, "pipes": pipes}


def _subprocess(mode: str, jsonl: str, processes: int, batch_size: int, model: str | None) -> dict:
    cmd = [sys.executable, __file__, jsonl, "--_mode", mode, "--processes", str(processes),
           "--batch-size", str(batch_size)] + (["--model", model] if model else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", nargs="?", default=str(DEFAULT_JSONL), help="articles, one JSON object a line with a `text` field")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts to measure (default 1 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each (interleaved); the fastest counts")
    ap.add_argument("--model", default=None)
    ap.add_argument("--_mode", choices=MODES, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._mode:  # a child run: one mode, one process count, JSON on stdout
        print(json.dumps(run_one(args._mode, args.jsonl, args.processes[0], args.batch_size, args.model)))
        return

    if not Path(args.jsonl).exists():
        raise SystemExit(f"{args.jsonl} not found (the PolNeAR train split lives in ../shared/eval)")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = args.jsonl
        if args.limit:
            jsonl = str(Path(tmp) / "articles.jsonl")
            with open(args.jsonl, encoding="utf-8") as src, open(jsonl, "w", encoding="utf-8") as dst:
                for i, line in enumerate(src):
                    if i >= args.limit:
                        break
                    dst.write(line)
        n_articles = sum(1 for line in open(jsonl, encoding="utf-8") if line.strip())
        print(f"{n_articles} articles from {args.jsonl}; batch size {args.batch_size}; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", flush=True)
        rows = []
        for p in args.processes:
            best: dict[str, dict] = {}
            for _ in range(args.repeat):
                for mode in MODES:
                    r = _subprocess(mode, jsonl, p, args.batch_size, args.model)
                    other = r.get("other_cpu_seconds")
                    load = f" {other:5.1f} s other CPU" if other is not None else ""
                    print(f"  processes={p} {mode:8s} {r['seconds']:7.1f} s wall {r['cpu_seconds']:7.1f} s CPU{load}  "
                          f"pipes={','.join(r['pipes'])}", flush=True)
                    if mode not in best:
                        best[mode] = r
                    else:
                        b = best[mode]
                        if r["seconds"] < b["seconds"]:
                            b["other_cpu_seconds"] = r.get("other_cpu_seconds")
                        b["seconds"] = min(b["seconds"], r["seconds"])
                        b["cpu_seconds"] = min(b["cpu_seconds"], r["cpu_seconds"])
                        b["rss_main_mb"] = max(b["rss_main_mb"], r["rss_main_mb"])
                        if r["rss_worker_mb"]:
                            b["rss_worker_mb"] = max(b["rss_worker_mb"] or 0, r["rss_worker_mb"])
            tokens = best["bare"]["tokens"]
            for mode in MODES:
                r = best[mode]
                r["tokens_per_s"] = tokens / r["seconds"]
                r["ratio"] = best["bare"]["seconds"] / r["seconds"]
                r["tokens_per_cpu_s"] = tokens / r["cpu_seconds"]
                r["cpu_ratio"] = best["bare"]["cpu_seconds"] / r["cpu_seconds"]
                rows.append(r)

    print(f"\n{tokens} tokens per run; load average at the end {os.getloadavg()[0]:.1f}")
    print("ratio: bare nlp.pipe's time over this run's (1.00 = as fast as bare spaCy); CPU: the same in "
          "CPU seconds of all processes, which other load on the machine disturbs less")
    print(f"{'processes':>9}  {'run':16} {'wall s':>7} {'tokens/s':>9} {'ratio':>6} {'CPU s':>7} "
          f"{'tokens/CPU-s':>12} {'CPU ratio':>9} {'peak RSS main':>14} {'peak RSS worker':>16} {'other CPU s':>11}")
    names = {"bare": "bare nlp.pipe", "extract": "quotes extract", "ingest": "quotes ingest"}
    for r in rows:
        worker = f"{r['rss_worker_mb']:.0f} MB" if r["rss_worker_mb"] else "-"
        other = f"{r['other_cpu_seconds']:.1f}" if r.get("other_cpu_seconds") is not None else "-"
        print(f"{r['processes']:>9}  {names[r['mode']]:16} {r['seconds']:7.1f} {r['tokens_per_s']:9.0f} "
              f"{r['ratio']:6.2f} {r['cpu_seconds']:7.1f} {r['tokens_per_cpu_s']:12.0f} {r['cpu_ratio']:9.2f} "
              f"{r['rss_main_mb']:11.0f} MB {worker:>16} {other:>11}")
    by = {(r["processes"], r["mode"]): r for r in rows}
    for mode in ("bare", "ingest"):
        if (1, mode) in by and (2, mode) in by:
            print(f"{names[mode]} speed-up from 1 to 2 processes: "
                  f"{by[1, mode]['seconds'] / by[2, mode]['seconds']:.2f}x (wall clock)")


if __name__ == "__main__":
    main()
