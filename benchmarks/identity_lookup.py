"""The identity lookup every article read makes (`QuoteStore.changes`: is this source and id
stored, and as it is?) against the number of articles already stored, with the
`articles(source_id)` index and without it (as before schema version 4, until the closing
`ANALYZE`). With the index it stays flat, so a first ingest of 200,000 tiny records does not slow
down as `articles` grows.

    python benchmarks/identity_lookup.py [--sizes 1000 100000] [--lookups 2000]
"""
from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

from quotes.models import Article
from quotes.store import QuoteStore


def fill(store: QuoteStore, n: int) -> None:
    rows = ({"id": f"r{i}", "source_id": f"r{i}", "source_path": "/feeds/feed.jsonl", "text": f"text {i}",
             "text_hash": hashlib.sha256(f"text {i}".encode()).hexdigest()} for i in range(n))
    with store.db.conn:
        store.db["articles"].insert_all(rows, batch_size=5000)


def per_lookup(store: QuoteStore, n: int, lookups: int) -> float:
    articles = [Article(id=f"r{(i * 7919) % n}", text="new text", source_path="/feeds/feed.jsonl")
                for i in range(lookups)]
    started = time.perf_counter()
    for article in articles:
        store.changes(article)
    return (time.perf_counter() - started) / lookups * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--lookups", type=int, default=2_000)
    args = parser.parse_args()
    print(f"{'articles stored':>16} {'indexed µs/lookup':>18} {'no index µs/lookup':>19} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            store = QuoteStore(Path(tmp) / f"q{n}.db")
            try:
                fill(store, n)
                indexed = per_lookup(store, n, args.lookups)
                store.db.execute("drop index idx_articles_source_id")
                scanned = per_lookup(store, n, max(20, args.lookups // 50))
            finally:
                store.db.close()
            print(f"{n:>16,} {indexed:>18.1f} {scanned:>19.1f} {scanned / indexed:>5.0f}x")


if __name__ == "__main__":
    main()
