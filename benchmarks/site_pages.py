"""Benchmark: the quote site's pages on the 1,000,000-quote database, served on 127.0.0.1.

    .venv/bin/python benchmarks/site_pages.py --db /tmp/bench.db [--requests 40] [--lookups 300]

Builds the database of `benchmarks/check_lookup.py` (1,000,000 quotes, 20,000 speakers, 50,000
articles whose text holds their quotes) unless `--db` exists, adds the site's indexes and
statistics (opening it with `QuoteStore` runs the migrations), starts `quotes serve` on a free loopback port and requests each page
`--requests` times, one at a time (a bounded loop, no load test): every page a reader reaches -
the front page, speaker pages (also paged and filtered by date), quote pages, article views, all
quotes with the precomputed facets (also filtered and paged), searches from the front page's box
(a speaker's surname, the longest word of a random quote, and `the` as the worst case; each with
its number of hits), the fact-check form, the charts, the quotes table for researchers and a
speaker's CSV. It prints the machine's load, then p50/p95 per page beside Datasette's limits
(1,000 ms per query, 200 ms per facet) and says whether any page reported a timed-out facet or
query; then p50/p95 of the fact-check lookup (`quotes.check.check`) in-process.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_lookup import build, claims  # noqa: E402

READER = "in_body=1&" + "&".join(f"_col={c}" for c in ("text", "speaker_id", "kind", "outlet", "published", "article_id"))
TIMEOUT_SIGNS = ("These facets timed out", "SQL query took too long", "interrupted")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, stdout=subprocess.DEVNULL):
    """`quotes serve DB` on a free port of 127.0.0.1, started and answering: yields its base url;
    stopped on the way out."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(db),
                             "--port", str(port)], stdout=stdout, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("quotes serve did not start") from None
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def prepare(db: Path, n_quotes: int) -> None:
    if not db.exists():
        t0 = time.perf_counter()
        build(db, n_quotes)
        print(f"built {n_quotes:,} quotes in {time.perf_counter() - t0:.0f} s", flush=True)
    from quotes.store import QuoteStore

    t0 = time.perf_counter()
    QuoteStore(db).close()  # the schema's migrations (the site's indexes) and the planner's statistics
    print(f"indexes and statistics ready in {time.perf_counter() - t0:.1f} s", flush=True)


def page_urls(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """A few URLs per page kind, drawn from the database."""
    name = urllib.parse.quote(db.stem)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    top = conn.execute("select max(id) from speakers").fetchone()[0]
    speakers = [rng.randint(1, top) for _ in range(20)] + [
        r[0] for r in conn.execute("select id from speakers order by quote_count desc limit 5")]
    narts = conn.execute("select count(*) from articles").fetchone()[0]
    some_speakers = [rng.randint(1, top) for _ in range(10)]
    surnames = [r[0].split()[-1] for r in conn.execute(
        f"select name from speakers where id in ({','.join('?' * 10)})", some_speakers)]
    some_quotes = [rng.randint(1, 1_000_000) for _ in range(10)]
    rare = [r[0] for r in conn.execute(f"select text from quotes where id in ({','.join('?' * 10)})", some_quotes)]
    rare = [max(t.rstrip(".").split(), key=len) for t in rare]

    def matches(words: list[str]) -> str:
        n = [conn.execute("select count(*) from quotes_fts where quotes_fts match ?", [f'"{w}"']).fetchone()[0]
             for w in words]
        return f"{min(n):,}-{max(n):,} hits" if min(n) != max(n) else f"{n[0]:,} hits"

    labels = {"surname": matches(surnames), "word": matches(rare), "the": matches(["the"])}
    conn.close()
    q = urllib.parse.quote
    top_speaker = speakers[-5]
    return {
        "front page": ["/"],
        "speaker page": [f"/{name}/speakers/{s}" for s in speakers],
        "speaker page, 2nd page, a year": [f"/{name}/speakers/{s}?page=2&since=2018&until=2020" for s in speakers[-5:]],
        "quote page (context, cue)": [f"/{name}/quotes/{rng.randint(1, 1_000_000)}" for _ in range(20)],
        "article view": [f"/{name}/articles/gen-{rng.randrange(narts)}" for _ in range(20)],
        "all quotes + precomputed facets": ["/-/search"],
        "all quotes, filtered by outlet+year": ["/-/search?outlet=Daily&since=2019&until=2019",
                                                "/-/search?kind=indirect", "/-/search?since=2020-01&until=2020-03"],
        "all quotes, page 50": ["/-/search?page=50"],
        f"search: surname ({labels['surname']})": [f"/-/search?q={q(s)}" for s in surnames],
        f"search: word ({labels['word']})": [f"/-/search?q={q(w)}" for w in rare],
        f"search: 'the', worst case ({labels['the']})": ["/-/search?q=the"],
        "search: 'the', 2020, page 3": ["/-/search?q=the&since=2020&until=2020&page=3"],
        "fact-check form": [f"/{name}/fact_check?claim={q(c)}&speaker={q(s or '')}"
                            for c, s in claims(db, 10, seed=5)],
        "chart: quotes per speaker": [f"/{name}/quotes_per_speaker"],
        "chart: quotes per day": [f"/{name}/quotes_per_day"],
        "data: quotes table (reader columns)": [f"/{name}/quotes?{READER}"],
        f"CSV: a speaker's quotes (#{top_speaker})": [f"/-/quotes.csv?speaker=%23{top_speaker}"],
    }


def timed_get(url: str) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            body, status = r.read().decode("utf-8", "replace"), r.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read().decode("utf-8", "replace"), exc.code
    return (time.perf_counter() - t0) * 1000, status, body


def pct(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="the benchmark database (built there if missing)")
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=40, help="requests per page kind")
    ap.add_argument("--lookups", type=int, default=300, help="in-process fact-check lookups")
    args = ap.parse_args(argv)
    prepare(args.db, args.quotes)
    rng = random.Random(3)
    pages = page_urls(args.db, rng)
    with serving(args.db) as base:
        t0 = time.perf_counter()
        timed_get(base + "/")
        print(f"first request: {(time.perf_counter() - t0) * 1000:.0f} ms")
        print(f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())} "
              "(1 / 5 / 15 min) before the run")
        print(f"{'page':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  status / time limits")
        for kind, urls in pages.items():
            for url in urls[:3]:
                timed_get(base + url)  # warm the page cache for this kind once
            times, problems = [], {}
            for i in range(args.requests):
                ms, status, body = timed_get(base + urls[i % len(urls)])
                times.append(ms)
                for problem in [f"HTTP {status}"] * (status != 200) + [s for s in TIMEOUT_SIGNS if s in body]:
                    problems[problem] = problems.get(problem, 0) + 1
            p50, p95 = pct(times)
            said = ", ".join(f"{k}: {n} of {len(times)}" for k, n in sorted(problems.items())) or "ok, no timeouts"
            print(f"{kind:44} {p50:8.1f} {p95:8.1f} {max(times):8.1f}  {said}", flush=True)
        print(f"load average after the pages: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    from quotes.check import check

    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    todo = claims(args.db, args.lookups)
    check(conn, *todo[0])
    times = []
    for claim, speaker in todo:
        t0 = time.perf_counter()
        check(conn, claim, speaker)
        times.append((time.perf_counter() - t0) * 1000)
    p50, p95 = pct(times)
    print(f"{'fact-check lookup (in-process)':44} {p50:8.1f} {p95:8.1f} {max(times):8.1f}  target p95 <= 20 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
