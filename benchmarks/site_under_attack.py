"""Benchmark: the front page while visitors send the URLs that used to hold the site.

    .venv/bin/python benchmarks/site_under_attack.py --db /tmp/bench.db [--requests 100]

Serves `--db` (any quote database; `benchmarks/site_pages.py` builds a 1,000,000-quote one) with
`quotes serve` on a free loopback port, times the front page `--requests` times alone, then
again while 3 clients send `/DB.json?sql=select length(printf('%.*c',900000000,'x'))` and 8
send `/nope`, each in a loop without pause. It prints p50/p95/max of the front page in both
cases, how many attack requests were answered and how (status counts, their p50 time), the
server's log lines per attack request, and the machine's load. The target: the front page's
p95 under 200 ms under attack.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_pages import serving  # noqa: E402

PRINTF = "select length(printf('%.*c',900000000,'x'))"


def get(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return (time.perf_counter() - t0) * 1000, status


def attack(kind: str, url: str, stop, results) -> None:
    """One client sending `url` in a loop until `stop`; puts (kind, [(ms, status), ...])."""
    got = []
    while not stop.is_set():
        got.append(get(url))
    results.put((kind, got))


def pct(times: list[float]) -> tuple[float, float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--requests", type=int, default=100, help="front-page requests in each phase")
    args = ap.parse_args(argv)
    name = urllib.parse.quote(args.db.stem)
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    with serving(args.db, stdout=log) as base:
        for _ in range(5):
            get(base + "/")
        print(f"machine: {os.cpu_count()} cores, load average {load()} (1 / 5 / 15 min)")
        quiet = [get(base + "/")[0] for _ in range(args.requests)]
        printf_url = f"{base}/{name}.json?" + urllib.parse.urlencode({"sql": PRINTF})
        log.flush()
        lines_before = Path(log.name).read_text(errors="replace").count("\n")
        ctx = multiprocessing.get_context("spawn")  # each client its own process: none waits on another's GIL
        stop, results = ctx.Event(), ctx.Queue()
        clients = [ctx.Process(target=attack, args=("printf", printf_url, stop, results)) for _ in range(3)]
        clients += [ctx.Process(target=attack, args=("nope", base + "/nope", stop, results)) for _ in range(8)]
        for c in clients:
            c.start()
        time.sleep(2)
        busy = [get(base + "/")[0] for _ in range(args.requests)]
        load_during = load()
        stop.set()
        answers: dict[str, list[tuple[float, int]]] = {"printf": [], "nope": []}
        for _ in clients:
            kind, got = results.get(timeout=180)
            answers[kind] += got
        for c in clients:
            c.join(timeout=60)
        time.sleep(0.5)
        lines = Path(log.name).read_text(errors="replace").count("\n") - lines_before
    print(f"{'front page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, times in (("alone", quiet), ("3 printf + 8 /nope clients", busy)):
        print(f"{label:32} " + " ".join(f"{v:8.1f}" for v in pct(times)))
    n_attack = sum(len(v) for v in answers.values())
    for kind, got in answers.items():
        statuses: dict[int, int] = {}
        for _, status in got:
            statuses[status] = statuses.get(status, 0) + 1
        p50 = statistics.median([t for t, _ in got]) if got else float("nan")
        print(f"attack {kind:8} {len(got):6} requests, p50 {p50:7.1f} ms, statuses {statuses}")
    print(f"server log: {lines} lines for {n_attack} attack requests ({lines / max(n_attack, 1):.2f} per request)")
    print(f"load average during the attack: {load_during}; target: front page p95 < 200 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
