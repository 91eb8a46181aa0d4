"""A generated quote database the size of a train run (3,000 quotes, 300 articles), with what a
journalist's pages must handle: a speaker quoted 620 times (pages past 500), two speakers sharing
a surname, indirect quotes with their cue, aliases with the articles they came from, the same
quote in two articles, curly quotes and a formula-like quote for the CSV, and hostile stored
fields (a `javascript:` URL, markup in a title and a quote, a `None` byline).

Rows are written with sqlite-utils into the real schema (`QuoteStore`), so the triggers fill the
full-text indexes and the site's counts as an ingest would; no spaCy parse is needed.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from quotes.store import QuoteStore
from quotes.store.speaker_names import normalise

N_ARTICLES = 300
PER_ARTICLE = 10
TRUMP_QUOTES = 620
OUTLETS = ["Wire", "Daily", "Herald", "Times"]
WORDS = ("the plan is close to zero cooperation talks border wall tax vote budget army peace deal "
         "court jobs trade city bus lanes mayor report").split()
HOSTILE_URL = "javascript:alert(document.cookie)"
HOSTILE_URLS = ["JaVaScRiPt:alert(1)", "java\tscript:alert(2)"]
SCRIPT_QUOTE = '<img src=x onerror="alert(3)"><script>alert(4)</script> we will win'
FORMULA_QUOTE = "=1+1 is what the budget says"
CURLY_QUOTE = "It’s “close to zero”, the plan"
INDIRECT = ("Obama was born outside the United States", "suggested")

SPEAKERS = [("Donald Trump", ["Donald Trump", "Trump", "the president"]), ("Eric Trump", ["Eric Trump", "Trump"]),
            ("Ben Wallace", ["Ben Wallace", "Wallace"]), ("Sergei Shoigu", ["Sergei Shoigu", "Shoigu"])] + [
    (f"Speaker {chr(65 + i)}{chr(97 + i)}son", [f"Speaker {chr(65 + i)}{chr(97 + i)}son"]) for i in range(20)]


def build(path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    store = QuoteStore(path)
    db = store.db
    db["speakers"].insert_all(
        [{"id": i + 1, "key": normalise(name), "name": name, "is_person": 1, "aliases": json.dumps(aliases),
          "roles": "[]", "quote_count": 0, "article_count": 0} for i, (name, aliases) in enumerate(SPEAKERS)])
    # who says each quote: Trump 620 times (in body), Eric Trump 40, the rest spread over the others
    n = N_ARTICLES * PER_ARTICLE
    who = [1] * TRUMP_QUOTES + [2] * 40 + [3] * 60 + [4] * 60
    who += [rng.randint(5, len(SPEAKERS)) for _ in range(n - len(who))]
    rng.shuffle(who)
    articles, quotes, aliases = [], [], []
    qid = 0
    for i in range(N_ARTICLES):
        published = f"20{16 + i % 9:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        outlet = OUTLETS[i % len(OUTLETS)]
        url = f"https://example.org/news/{i}"
        if i in (0, 1, 2):
            url = [HOSTILE_URL, *HOSTILE_URLS][i]
        title = f"Report {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
        if i == 0:
            title = "<script>alert(5)</script>A title with markup"
        paras, article_quotes = [], []
        for k in range(PER_ARTICLE):
            sid = who[i * PER_ARTICLE + k]
            name = SPEAKERS[sid - 1][0]
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
            kind, cue = ("direct", "said")
            if i == 0 and k == 0:
                text = SCRIPT_QUOTE
            elif i == 3 and k == 0:
                text = FORMULA_QUOTE
            elif i == 4 and k == 0:
                text = CURLY_QUOTE
            elif k == 1 and sid == 1:
                text, cue = INDIRECT
                kind = "indirect"
            elif k in (5, 6) and i in (10, 11):
                text = "The same words carried by two articles on the wire"
            offset = sum(len(p) + 2 for p in paras)
            if kind == "indirect":
                para = f"{name} falsely {cue} that {text}."
                start = offset + len(f"{name} falsely {cue} that ")
            else:
                para = f"\u201c{text}\u201d {name} {cue}."
                start = offset + 1
            paras.append(para)
            qid += 1
            article_quotes.append({
                "id": qid, "article_id": f"art-{i:03d}", "seq": k, "text": text, "speaker_id": sid, "speaker": name,
                "speaker_as_written": name, "speaker_mention": name.split()[-1], "kind": kind, "cue": cue,
                "cue_class": "speech", "rule": "generated", "confidence": 0.9, "start": start,
                "end": start + len(text), "spans": json.dumps([[start, start + len(text)]]),
                "quoted_spans": json.dumps([[start, start + len(text)]] if kind == "direct" else []),
                "cue_spans": "[]", "speaker_spans": "[]", "context": para, "context_start": offset,
                "context_end": offset + len(para), "in_body": 1, "published": published, "outlet": outlet,
                "speaker_is_person": 1, "cluster_id": 1 if (k in (5, 6) and i in (10, 11)) else None})
            for alias in SPEAKERS[sid - 1][1][:2]:
                aliases.append({"speaker_id": sid, "alias": alias, "article_id": f"art-{i:03d}"})
        text = "\n\n".join(paras)
        for q in article_quotes:
            assert text[q["start"]:q["end"]] == q["text"], q
        # every 30th article ends with a related-headlines list holding one more quote (in_body 0)
        if i % 30 == 29:
            body_end = len(text) + 2
            text += "\n\nRelated\n\n“A headline quote from another story” Donald Trump said."
            start = text.index("A headline quote")
            qid += 1
            article_quotes.append({**article_quotes[0], "id": qid, "seq": PER_ARTICLE, "text": "A headline quote from another story",
                                   "speaker_id": 1, "speaker": "Donald Trump", "start": start, "end": start + 35,
                                   "spans": json.dumps([[start, start + 35]]), "in_body": 0, "kind": "direct",
                                   "cue": "said", "context": text[body_end:], "context_start": body_end,
                                   "context_end": len(text), "cluster_id": None})
        else:
            body_end = None
        articles.append({"id": f"art-{i:03d}", "title": title, "url": url, "outlet": outlet, "published": published,
                         "byline": "None" if i % 2 else "A. Reporter", "source_path": f"/srv/feeds/secret/feed-{i}.jsonl",
                         "source_id": f"art-{i:03d}", "text_hash": f"{i:064x}", "body_end": body_end,
                         "quote_count": len(article_quotes), "meta": "{}", "text": text,
                         "ingested_at": "2024-01-01T00:00:00Z"})
        quotes += article_quotes
    db["articles"].insert_all(articles)
    db["quote_clusters"].insert({"id": 1, "key": "k1", "text": "The same words carried by two articles on the wire",
                                 "quote_count": 4, "article_count": 2, "first_seen": articles[10]["published"],
                                 "last_seen": articles[11]["published"], "first_article_id": "art-010"})
    db["quotes"].insert_all(quotes)
    db["speaker_aliases"].insert_all(aliases, ignore=True)
    db.execute(
        "with c as (select speaker_id, count(*) as n, count(distinct article_id) as a, min(published) as f, "
        "max(published) as l from quotes group by speaker_id) update speakers set quote_count = c.n, "
        "article_count = c.a, first_seen = c.f, last_seen = c.l from c where c.speaker_id = speakers.id")
    db.conn.commit()
    store.close()
    return path
