"""Benchmark: `quotes check` lookups against a generated database of 1,000,000 quotes.

    .venv/bin/python benchmarks/check_lookup.py [--quotes 1000000] [--lookups 300] [--db PATH]

Builds (or reuses, with --reuse) a quote database with the real schema (`QuoteStore`), filled
in bulk with sqlite-utils `insert_all` (the FTS index is filled once at the end): generated
quotes from 20,000 speakers over a Zipf-like vocabulary, so that common words are common and
rare words rare, as in news text; each article's text holds its quotes at their offsets, dated,
with every tenth article ending in a related-headlines list (`in_body` 0), so
`benchmarks/site_pages.py` can serve the same database. Then it times
`quotes.check.check()` on claims of three kinds - a stretch of a stored quote, the same with a
word changed, and words that were never said - with a speaker named half the time, and prints
p50/p95 per lookup beside the database size. The target is p95 <= 20 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quotes.check import check
from quotes.store.speaker_names import key, surname
from quotes.store import FTS_TOKENIZE, QuoteStore

SYLLABLES = "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo der tin gam pol trek sun mar".split()
COMMON = "the of to and a in that is was he for it with as his on be at by i this had not are but from or have an they which one you were all we her she there would their".split()
FIRST = "Ben Sergei Dmitry Liz Boris Keir Olaf Emmanuel Joe Kamala Ursula Jens Volodymyr Antony Rishi Angela Justin Narendra Xi Recep".split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return COMMON + sorted(words)


def build(path: Path, n_quotes: int, seed: int = 1) -> None:
    """The real schema (`QuoteStore`), filled in bulk: FTS index built once at the end."""
    import numpy as np

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(rng, 40_000))
    weights = 1 / np.arange(1, len(vocab) + 1) ** 1.05
    probs = weights / weights.sum()
    n_speakers = max(10, n_quotes // 50)
    store = QuoteStore(path)
    db = store.db
    db.execute("PRAGMA synchronous = OFF")
    db["quotes"].disable_fts()  # re-enabled (and filled in one pass) after the bulk insert
    surnames = vocabulary(random.Random(seed + 1), n_speakers)[len(COMMON):]
    speakers = []
    seen = set()
    for i in range(n_speakers):
        name = f"{rng.choice(FIRST)} {surnames[i].title()}"
        if key(name) in seen:  # two generated names that are one person's (`Ann O'Hara`, `Ann Ohara`)
            name = f"{name} {i}"
        seen.add(key(name))
        speakers.append({"id": i + 1, "key": key(name), "surname": surname(key(name)), "name": name, "is_person": 1,
                         "aliases": json.dumps([name]), "roles": "[]", "quote_count": 0, "article_count": 0})
    db["speakers"].insert_all(speakers, batch_size=10_000)

    outlets = ["Wire", "Daily", "Herald", "Times"]
    kinds = ["direct"] * 7 + ["indirect"] * 2 + ["mixed"]

    def article(i: int) -> dict:
        return {"id": f"gen-{i}", "title": f"Generated article {i}", "url": f"https://example.org/{i}",
                "outlet": rng.choice(outlets),
                "published": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text_hash": f"{i:064x}", "quote_count": 0, "text": "", "body_end": None}

    def rows():
        """Per chunk: the articles and their quotes. An article's text is its quotes, one
        paragraph each (offsets index it); every tenth article ends with two quotes in a
        related-headlines list after `body_end` (`in_body` 0), as real pages do."""
        chunk = 50_000
        for base in range(0, n_quotes, chunk):
            size = min(chunk, n_quotes - base)
            words = vocab[nrng.choice(len(vocab), size=(size, 30), p=probs)]
            lengths = nrng.integers(8, 31, size=size)
            sids = nrng.integers(1, n_speakers + 1, size=size)
            arts: dict[int, dict] = {}
            parts: dict[int, list[str]] = {}
            quotes = []
            for j in range(size):
                i = base + j
                a = arts.get(i // 20) or arts.setdefault(i // 20, article(i // 20))
                paras = parts.setdefault(i // 20, [])
                text = " ".join(words[j, : lengths[j]]).capitalize() + "."
                sid = int(sids[j])
                in_body = not (a["id"].endswith("0") and i % 20 >= 18)
                if not in_body and a["body_end"] is None:
                    paras.append("Related Content")
                    a["body_end"] = sum(len(p) + 2 for p in paras[:-1])
                offset = sum(len(p) + 2 for p in paras)
                paras.append(f"\u201c{text}\u201d {speakers[sid - 1]['name']} said.")
                start, end = offset + 1, offset + 1 + len(text)
                a["quote_count"] += 1
                quotes.append({"id": i + 1, "article_id": a["id"], "seq": i % 20, "text": text,
                               "speaker_id": sid, "speaker": speakers[sid - 1]["name"], "kind": kinds[i % 10],
                               "cue": "said", "rule": "generated", "confidence": 0.9, "start": start,
                               "end": end, "spans": f"[[{start}, {end}]]", "quoted_spans": f"[[{start}, {end}]]",
                               "context": paras[-1], "context_start": offset, "context_end": offset + len(paras[-1]),
                               "in_body": int(in_body), "published": a["published"], "outlet": a["outlet"],
                               "speaker_is_person": 1, "cluster_id": None})
            for k, a in arts.items():
                a["text"] = "\n\n".join(parts[k])
            yield list(arts.values()), quotes

    for arts, quotes in rows():
        db["articles"].insert_all(arts, batch_size=5_000)
        db["quotes"].insert_all(quotes, batch_size=20_000)
    db.execute(
        "with c as (select speaker_id, count(*) as n, count(distinct article_id) as a, min(published) as f, "
        "max(published) as l from quotes group by speaker_id) update speakers set quote_count = c.n, "
        "article_count = c.a, first_seen = c.f, last_seen = c.l from c where c.speaker_id = speakers.id")
    db["quotes"].enable_fts(["text", "speaker"], create_triggers=True, tokenize=FTS_TOKENIZE)
    store.close()


def claims(path: Path, n: int, seed: int = 2) -> list[tuple[str, str | None]]:
    import sqlite3

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    top = conn.execute("select max(id) from quotes").fetchone()[0]
    out = []
    for i in range(n):
        text, speaker = conn.execute(
            "select text, speaker from quotes where id = ?", [rng.randint(1, top)]
        ).fetchone()
        words = text.rstrip(".").split()
        start = rng.randint(0, max(0, len(words) - 6))
        part = words[start:start + rng.randint(4, 8)]
        kind = i % 3
        if kind == 1:  # a word changed
            part[rng.randrange(len(part))] = "zorblat"
        elif kind == 2:  # never said
            part = ["quixotic", "marmalade", "referendum", "yesterday", "harbour"][: rng.randint(3, 5)]
        out.append((" ".join(part), speaker if i % 2 else None))
    conn.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--lookups", type=int, default=300)
    ap.add_argument("--db", type=Path, default=None, help="where to build the database (default: a temp dir)")
    ap.add_argument("--reuse", action="store_true", help="reuse --db if it exists")
    args = ap.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "bench.db"
    if not (args.reuse and args.db.exists()):
        args.db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(args.db, args.quotes)
        print(f"built {args.quotes:,} quotes in {time.perf_counter() - t0:.1f} s", flush=True)
    size = args.db.stat().st_size
    import sqlite3

    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    n = conn.execute("select count(*) from quotes").fetchone()[0]
    todo = claims(args.db, args.lookups)
    check(conn, *todo[0])  # warm the page cache once
    times, verdicts = [], {}
    for claim, speaker in todo:
        t0 = time.perf_counter()
        result = check(conn, claim, speaker)
        times.append((time.perf_counter() - t0) * 1000)
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"database: {n:,} quotes, {size / 2**20:.0f} MiB ({args.db})")
    print(f"lookups: {len(times)}  p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms  (target p95 <= 20 ms)")
    print(f"verdicts: {verdicts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
