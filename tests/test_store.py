"""The quote database: schema, replace-on-reingest, offsets, clusters, FTS, one transaction."""
from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.models import Article, Quote
from quotes.store import QuoteStore, StoreError, iso_date

TEXT = (
    "“We will win,” Ben Wallace said on Friday.\n\n"
    "Mr Wallace, the defence secretary, added: “It is close to zero.”\n\n"
    "A source said the talks were difficult."
)


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_quotes(text: str = TEXT) -> list[Quote]:
    return [
        Quote(
            text="We will win,",
            spans=[span(text, "We will win,")],
            speaker="Ben Wallace",
            speaker_spans=[span(text, "Ben Wallace")],
            speaker_is_person=True,
            cue="said",
            cue_spans=[span(text, "said")],
            context_span=span(text, "“We will win,” Ben Wallace said on Friday."),
            rule="direct-said",
            confidence=0.9,
        ),
        Quote(
            text="It is close to zero.",
            spans=[span(text, "It is close to zero.")],
            speaker="Ben Wallace",
            speaker_spans=[span(text, "Mr Wallace")],
            speaker_role="the defence secretary",
            speaker_is_person=True,
            cue="added",
            cue_spans=[span(text, "added")],
            rule="direct-added",
        ),
        Quote(
            text="the talks were difficult",
            spans=[span(text, "the talks were difficult")],
            kind="indirect",
            speaker="A source",
            speaker_spans=[span(text, "A source")],
            speaker_is_person=False,
            cue="said",
            cue_spans=[span(text, "said", 1)],
        ),
    ]


def article(id="a1", text=TEXT, **kw) -> Article:
    kw.setdefault("title", "Talks")
    kw.setdefault("outlet", "The Guardian")
    kw.setdefault("published", "2022-02-11")
    return Article(id=id, text=text, **kw)


@pytest.fixture
def store(tmp_path):
    s = QuoteStore(tmp_path / "q.db")
    yield s
    s.close()


def test_schema_tables_fts_and_wal(store):
    names = set(store.db.table_names())
    assert {"articles", "quotes", "speakers", "quote_clusters", "speaker_aliases", "speaker_roles",
            "speaker_corrections", "quotes_fts"} <= names
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fks = {(fk.column, fk.other_table) for fk in store.db["quotes"].foreign_keys}
    assert fks == {("article_id", "articles"), ("speaker_id", "speakers"), ("cluster_id", "quote_clusters")}
    assert store.db["quotes"].detect_fts() == "quotes_fts"


def test_save_stores_offsets_context_and_speaker(store):
    a = article()
    store.save(a, make_quotes())
    rows = list(store.db.query("select * from quotes order by seq"))
    assert [r["text"] for r in rows] == ["We will win,", "It is close to zero.", "the talks were difficult"]
    for r in rows:
        assert TEXT[r["start"]:r["end"]] == r["text"]
        assert [TEXT[s:e] for s, e in json.loads(r["spans"])] == [r["text"]]
        assert TEXT[r["context_start"]:r["context_end"]] == r["context"]
        assert r["text"] in r["context"]
    assert rows[0]["context"] == "“We will win,” Ben Wallace said on Friday."
    # no context span from the attributor: the paragraph around the quote
    assert rows[1]["context"] == "Mr Wallace, the defence secretary, added: “It is close to zero.”"
    assert rows[1]["speaker_mention"] == "Mr Wallace"
    assert rows[1]["speaker_role"] == "defence secretary"  # a role is stored without its article
    assert [TEXT[s:e] for s, e in json.loads(rows[1]["cue_spans"])] == ["added"]
    assert rows[0]["rule"] == "direct-said" and rows[0]["confidence"] == 0.9
    assert rows[0]["published"] == "2022-02-11" and rows[0]["outlet"] == "The Guardian"
    assert rows[0]["speaker_id"] == rows[1]["speaker_id"] != rows[2]["speaker_id"]
    art = store.db["articles"].get("a1")
    assert art["text_hash"] == a.text_hash and art["quote_count"] == 3 and art["text"] == TEXT


def test_reingest_replaces_rows_never_duplicates(store):
    a = article()
    store.save(a, make_quotes())
    ids = {r["key"]: r["id"] for r in store.db["speakers"].rows}
    store.save(a, make_quotes())
    assert store.save_many([(a, make_quotes())]) == 1
    assert store.db["articles"].count == 1
    assert store.db["quotes"].count == 3
    assert store.db["speaker_aliases"].count == 3  # Ben Wallace, Mr Wallace, A source
    assert {r["key"]: r["id"] for r in store.db["speakers"].rows} == ids
    # fewer quotes the second time: the old ones go, and so does a speaker left with none
    store.save(a, make_quotes()[:1])
    assert [r["text"] for r in store.db["quotes"].rows] == ["We will win,"]
    assert [r["name"] for r in store.db["speakers"].rows] == ["Ben Wallace"]
    assert store.db["speakers"].get(ids["ben wallace"])["quote_count"] == 1
    assert store.db.execute("select count(*) from quotes_fts").fetchone()[0] == 1


def test_has_article_and_known_hashes(store):
    a = article()
    assert not store.has_article(a.text_hash)
    store.save(a, [])
    assert store.has_article(a.text_hash)
    assert store.known_hashes() == {a.text_hash}


def test_speaker_row_aliases_roles_counts(store):
    store.save(article(), make_quotes())
    wallace = next(store.db.query("select * from speakers where name = 'Ben Wallace'"))
    assert json.loads(wallace["aliases"]) == ["Ben Wallace", "Mr Wallace"]
    assert json.loads(wallace["roles"]) == [
        {"role": "defence secretary", "first_seen": "2022-02-11", "last_seen": "2022-02-11"}
    ]
    assert wallace["quote_count"] == 2 and wallace["is_person"] == 1
    assert wallace["first_seen"] == wallace["last_seen"] == "2022-02-11"


def test_fts_searches_text_and_speaker_name(store):
    store.save(article(), make_quotes())
    hits = [r["text"] for r in store.db["quotes"].search("wallace")]
    assert sorted(hits) == ["It is close to zero.", "We will win,"]
    assert [r["text"] for r in store.db["quotes"].search("difficult")] == ["the talks were difficult"]
    # porter stemming: "winning" finds "win"
    assert [r["text"] for r in store.db["quotes"].search("winning")] == ["We will win,"]


def test_same_quote_in_two_articles_shares_a_cluster(store):
    store.save(article("a1", published="2022-02-12"), make_quotes())
    wire = "Agency copy. " + TEXT
    store.save(article("a2", text=wire, outlet="Wire", published="2022-02-11"), make_quotes(wire))
    rows = list(store.db.query(
        "select q.cluster_id, c.article_count, c.first_seen, c.first_article_id from quotes q "
        "join quote_clusters c on c.id = q.cluster_id where q.text = 'It is close to zero.'"
    ))
    assert len(rows) == 2 and rows[0] == rows[1]
    assert rows[0]["article_count"] == 2
    assert rows[0]["first_seen"] == "2022-02-11" and rows[0]["first_article_id"] == "a2"
    # a short quote ("We will win,") clusters only with the same speaker's
    other = "“We will win,” Liz Truss said."
    q = Quote(text="We will win,", spans=[span(other, "We will win,")], speaker="Liz Truss", speaker_is_person=True)
    store.save(article("a3", text=other), [q])
    clusters = {r["speaker"]: r["cluster_id"] for r in store.db.query("select speaker, cluster_id from quotes where text = 'We will win,'")}
    assert clusters["Liz Truss"] != clusters["Ben Wallace"]


def test_bad_offsets_raise_naming_the_article_and_keep_what_was_stored(store):
    good = article()
    store.save(good, make_quotes())
    bad_quote = Quote(text="x", spans=[(5, 10_000)], speaker="X")
    bad = article("bad", text="short", source_path="feeds/bad.txt")
    with pytest.raises(StoreError, match="feeds/bad.txt"):
        store.save(bad, [bad_quote])
    assert store.db["quotes"].count == 3
    assert store.db["articles"].get("a1") is not None
    assert list(store.db.query("select id from articles")) == [{"id": "a1"}]


def test_save_many_is_one_transaction_and_reports_bad_articles(store):
    bad = (article("bad", text="short", source_path="bad.txt"), [Quote(text="x", spans=[(0, 99)])])
    good2 = article("a2", text="Other. " + TEXT)
    with pytest.raises(StoreError):
        store.save_many([(article(), make_quotes()), bad])
    assert store.db["articles"].count == 0  # all or nothing without on_error
    errors = []
    n = store.save_many(
        [(article(), make_quotes()), bad, (good2, make_quotes(good2.text))],
        on_error=lambda a, exc: errors.append((a.id, str(exc))),
    )
    assert n == 2
    assert [e[0] for e in errors] == ["bad"] and "bad.txt" in errors[0][1]
    assert {r["id"] for r in store.db["articles"].rows} == {"a1", "a2"}
    assert store.db["quotes"].count == 6


def test_reopen_migrates_and_keeps_data(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as s:
        s.save(article(), make_quotes())
    # an older database (an earlier schema version) without a column gains it on open, data kept
    conn = sqlite3.connect(path)
    conn.execute("alter table articles drop column byline")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with QuoteStore(path) as s:
        assert "byline" in s.db["articles"].columns_dict
        assert s.db["quotes"].count == 3
    # after close the WAL is checkpointed: a read-only reader sees everything
    ro = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    assert ro.execute("select count(*) from quotes").fetchone()[0] == 3


@pytest.mark.parametrize(
    "value, expected",
    [("2022-02-11", "2022-02-11"), ("2022-02-11T10:00:00Z", "2022-02-11"), (None, None), ("Feb 2022", None),
     ("2024-02-30", None)],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected



@settings(max_examples=25, deadline=None)
@given(
    words=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
                   min_size=2, max_size=12),
    data=st.data(),
)
def test_offsets_never_drift_through_the_store(tmp_path_factory, words, data):
    """Whatever the text (any unicode, newlines, markup), stored offsets index it exactly."""
    text = " ".join(words)
    n = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), min_size=2, max_size=6, unique=True)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    quote = Quote(text=" … ".join(text[s:e] for s, e in spans), spans=spans, speaker="X Y",
                  speaker_is_person=True)
    path = tmp_path_factory.mktemp("prop") / "q.db"
    with QuoteStore(path) as s:
        s.save(Article(id="p", text=text), [quote])
        row = next(s.db["quotes"].rows)
        assert s.db["articles"].get("p")["text"] == text
    assert row["text"] == quote.text
    assert [text[a:b] for a, b in json.loads(row["spans"])] == [text[a:b] for a, b in spans]
    assert (row["start"], row["end"]) == (spans[0][0], spans[-1][1])
    assert text[row["context_start"]:row["context_end"]] == row["context"]
