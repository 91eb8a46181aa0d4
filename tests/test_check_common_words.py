"""The fact-check lookup when every word of the claim is common (held by more than `RARE`
quotes), so that neither the pool of quotes holding all the words nor a bm25 ranking finds the
quote that says it: the content words near each other (FTS5 NEAR) and the rarest word beside
its neighbour (a two-word phrase) must still find it, word for word."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotes.check import check
from quotes.factcheck import lookup
from quotes.store import QuoteStore

N = lookup.RARE + 100
EXACT_NEAR = "they said the alpha of the beta yesterday"
EXACT_AROUND = "there was a lot of gamma to be had"


@pytest.fixture(scope="module")
def common_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("common") / "quotes.db"
    texts = [f"alpha one two three four five six seven eight nine ten beta number {i}" for i in range(N)]
    texts += [f"gamma and more gamma number {i}" for i in range(N)]
    texts += [EXACT_NEAR, EXACT_AROUND]  # the last rowids: outside the first POOL of any search
    with QuoteStore(path) as store:
        db = store.db
        db["articles"].insert({"id": "a", "title": "Common words", "text": "", "text_hash": "0"})
        db["speakers"].insert_all([{"id": 1, "key": "ann other", "name": "Ann Other", "is_person": 1,
                                    "aliases": '["Ann Other"]', "roles": "[]"}])
        db["quotes"].insert_all(
            {"id": i + 1, "article_id": "a", "seq": i, "text": t, "speaker_id": 1, "speaker": "Ann Other",
             "kind": "direct", "start": 0, "end": len(t), "spans": f"[[0, {len(t)}]]", "in_body": 1}
            for i, t in enumerate(texts))
    return path


@pytest.mark.parametrize(("claim", "said", "found_by"), [
    ("the alpha of the beta", EXACT_NEAR, 'NEAR("alpha" "beta", 5)'),
    ("of gamma to", EXACT_AROUND, '"of gamma"'),
])
def test_a_claim_of_common_words_is_found_word_for_word(common_db, claim, said, found_by, monkeypatch):
    searches = []
    within = lookup.Search.within_budget

    def spy(search, sql, params, budget_ms):
        searches.append(params[0])
        return within(search, sql, params, budget_ms)

    monkeypatch.setattr(lookup.Search, "within_budget", spy)
    result = check(common_db, claim, min_words=1)  # no speaker: no scan of a speaker's own quotes; short on purpose
    assert result.verdict == "said"
    assert result.evidence[0].text == said and result.evidence[0].score == 100.0
    assert found_by in searches
    assert f'"{claim}"' not in searches  # the slow whole-claim phrase was not needed
