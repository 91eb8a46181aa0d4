"""Parsing in worker processes (`quotes.processing.pool`): the same rows as one process, a worker that dies
costs only the article that killed it, and no worker outlives the run."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal

import pytest

from quotes.processing import pool
from quotes.ingest import ingest
from quotes.models import Article
from quotes.processing.pipeline import extract_articles, get_nlp, load_nlp
from rows import QUOTE_COLUMNS, ROOT, SEED_TEXT, table


pytestmark = [pytest.mark.slow,  # whole ingests through worker pools
              pytest.mark.skipif(not pool.available(), reason="worker processes are forked")]


def articles(n: int) -> list[Article]:
    """`n` small distinct articles cut from the sample article's paragraphs."""
    paras = [p for p in SEED_TEXT.split("\n\n") if len(p) > 80]
    return [Article(id=f"w{i:02d}", text=f"Item {i}.\n\n" + "\n\n".join(paras[(i + k) % len(paras)] for k in range(3)))
            for i in range(n)]



def test_two_processes_store_the_same_rows_as_one(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles(9)), encoding="utf-8")
    inputs = [str(ROOT / "seeds"), str(src)]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest(inputs, one, processes=1).articles_stored == 10
    report = ingest(inputs, two, processes=2, batch_size=2)
    assert report.ok and report.articles_stored == 10
    quotes = f"select {QUOTE_COLUMNS} from quotes order by article_id, seq"
    assert len(table(one, quotes)) > 40
    assert table(two, quotes) == table(one, quotes)
    speakers = "select name, quote_count, article_count from speakers order by name"
    assert table(two, speakers) == table(one, speakers)


def _killing_nlp():
    """The real pipeline with one more component that kills its process on texts containing
    KILLME, as the kernel's out-of-memory killer would."""
    from spacy.language import Language

    if "kill_for_tests" not in Language.factories:
        @Language.component("kill_for_tests")
        def kill(doc):
            if "KILLME" in doc.text:
                os.kill(os.getpid(), signal.SIGKILL)
            return doc

    nlp = load_nlp()
    nlp.add_pipe("kill_for_tests", before="quotes")
    return nlp


def test_a_worker_that_dies_costs_only_the_article_it_was_parsing():
    batch = articles(7)
    batch[3] = Article(id="killer", text="KILLME. " + batch[3].text)
    failed = []
    out = list(extract_articles(batch, nlp=_killing_nlp(), n_process=2, batch_size=2,
                                on_error=lambda a, m: failed.append((a.id, m))))
    assert [(a_id, m.split(" (")[0]) for a_id, m in failed] == [("killer", "the worker process parsing it died")]
    expected = [(a.id, q) for a, q in extract_articles(batch[:3] + batch[4:], nlp=get_nlp())]
    assert [(a.id, q) for a, q in out] == expected


def test_stopping_early_leaves_no_worker_running():
    before = set(multiprocessing.active_children())
    results = extract_articles(articles(12), nlp=get_nlp(), n_process=2, batch_size=2)
    first, _ = next(results)
    assert first.id == "w00"
    assert set(multiprocessing.active_children()) - before  # the workers are running
    results.close()
    assert set(multiprocessing.active_children()) - before == set()


def test_spacys_own_multiprocessing_where_workers_cannot_be_forked(monkeypatch):
    batch = articles(5)
    expected = [(a.id, q) for a, q in extract_articles(batch, nlp=get_nlp())]
    monkeypatch.setattr(pool, "available", lambda: False)
    assert [(a.id, q) for a, q in extract_articles(batch, nlp=get_nlp(), n_process=2, batch_size=2)] == expected


def _crashing_nlp():
    """The real pipeline with one more component that, like spaCy's parser, has its own `pipe`
    method, out of reach of the Language's error handler, and raises on texts containing CRASH."""
    from spacy.language import Language

    class Crash:
        def __call__(self, doc):
            if "CRASH" in doc.text:
                raise RuntimeError("crashed")
            return doc

        def pipe(self, docs, batch_size=None):
            for doc in docs:
                yield self(doc)

    if "crash_for_tests" not in Language.factories:
        Language.factory("crash_for_tests", func=lambda nlp, name: Crash())

    nlp = load_nlp()
    nlp.add_pipe("crash_for_tests", before="quotes")
    return nlp


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_error_past_spacys_error_handler_costs_only_its_article(n_process):
    batch = articles(5)
    batch[1] = Article(id="crash", text="CRASH. " + batch[1].text)
    failed = []
    out = list(extract_articles(batch, nlp=_crashing_nlp(), n_process=n_process, batch_size=3,
                                on_error=lambda a, m: failed.append((a.id, m))))
    assert failed == [("crash", "crash_for_tests raised RuntimeError: crashed")]
    expected = [(a.id, q) for a, q in extract_articles(batch[:1] + batch[2:], nlp=get_nlp())]
    assert [(a.id, q) for a, q in out] == expected
