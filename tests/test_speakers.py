"""Speaker identity across articles: conservative merging, aliases, and user corrections."""
from __future__ import annotations

import json

import pytest

from quotes.models import Article, Quote
from quotes.store.speaker_names import is_alias, normalise
from quotes.store import QuoteStore


def said(article_id: str, speaker: str, words: str = "We must act now on this,", *, mention: str | None = None,
         role: str | None = None, person: bool | None = True, published: str = "2022-02-11") -> tuple[Article, list[Quote]]:
    """An article `“WORDS” MENTION said.` with its one quote, offsets computed from the text."""
    mention = mention or speaker
    text = f"“{words}” {mention} said."
    q = Quote(
        text=words, spans=[(1, 1 + len(words))], speaker=speaker,
        speaker_spans=[(len(words) + 3, len(words) + 3 + len(mention))], speaker_role=role,
        speaker_is_person=person, cue="said",
    )
    assert text[q.speaker_spans[0][0]:q.speaker_spans[0][1]] == mention
    return Article(id=article_id, text=text, published=published), [q]


@pytest.fixture
def store(tmp_path):
    s = QuoteStore(tmp_path / "q.db")
    yield s
    s.close()


def names(store) -> dict[str, int]:
    return {r["name"]: r["quote_count"] for r in store.db.query("select name, quote_count from speakers order by name")}


def test_normalise_drops_case_punctuation_and_honorifics():
    assert normalise("Mr. Ben  Wallace") == normalise("ben wallace") == "ben wallace"
    assert not is_alias("he") and is_alias("the defence secretary")


def test_same_person_across_articles_with_aliases_roles_and_dates(store):
    store.save(*said("a1", "Ben Wallace", mention="the defence secretary", role="UK defence secretary", published="2022-02-11"))
    store.save(*said("a2", "Ben Wallace", mention="Mr Wallace", published="2022-03-01"))
    store.save(*said("a3", "Mr Ben Wallace", mention="he", published="2021-12-25"))
    row = next(store.db.query("select * from speakers"))
    assert store.db["speakers"].count == 1
    assert row["name"] == "Ben Wallace" and row["quote_count"] == 3 and row["article_count"] == 3
    assert row["first_seen"] == "2021-12-25" and row["last_seen"] == "2022-03-01"
    assert set(json.loads(row["aliases"])) == {"Ben Wallace", "the defence secretary", "Mr Wallace"}  # not "he"
    assert json.loads(row["roles"]) == [{"role": "UK defence secretary", "first_seen": "2022-02-11", "last_seen": "2022-02-11"}]


def test_surname_joins_the_only_person_with_it(store):
    store.save(*said("a1", "Boris Johnson"))
    store.save(*said("a2", "Johnson"))
    assert names(store) == {"Boris Johnson": 2}


def test_two_johnsons_stay_two_and_a_bare_surname_stays_apart(store):
    store.save(*said("a1", "Boris Johnson"))
    store.save(*said("a2", "Dustin Johnson"))
    store.save(*said("a3", "Johnson"))
    assert names(store) == {"Boris Johnson": 1, "Dustin Johnson": 1, "Johnson": 1}


def test_descriptions_definite_shared_indefinite_per_article(store):
    store.save(*said("a1", "British ministers", person=False))
    store.save(*said("a2", "British ministers", person=False))
    store.save(*said("a1b", "a source", person=False, words="It will not happen this year,"))
    store.save(*said("a2b", "a source", person=False, words="It will not happen this year,"))
    rows = list(store.db.query("select name, quote_count, is_person from speakers order by name, id"))
    assert rows == [
        {"name": "British ministers", "quote_count": 2, "is_person": 0},
        {"name": "a source", "quote_count": 1, "is_person": 0},
        {"name": "a source", "quote_count": 1, "is_person": 0},
    ]


def test_merge_moves_quotes_and_survives_reingest(store):
    store.save(*said("a1", "Boris Johnson"))
    store.save(*said("a2", "Dustin Johnson"))
    store.save(*said("a3", "Johnson", words="The deal is done and dusted,"))
    merged = store.merge_speakers("Johnson", "Boris Johnson")
    assert merged["quote_count"] == 2
    assert names(store) == {"Boris Johnson": 2, "Dustin Johnson": 1}
    assert "Johnson" in json.loads(merged["aliases"])
    # ingest the same article again, and a new one that says "Johnson": both follow the merge
    store.save(*said("a3", "Johnson", words="The deal is done and dusted,"))
    store.save(*said("a4", "Johnson", words="Another thing entirely, I think,"))
    assert names(store) == {"Boris Johnson": 3, "Dustin Johnson": 1}
    # the FTS index follows: the quote is found under its new speaker's name
    hits = {r["text"] for r in store.db["quotes"].search('"boris"')}
    assert "The deal is done and dusted," in hits


def test_rename_is_kept_across_reingest_and_searchable(store):
    art, quotes = said("a1", "Sergei Shoygu")
    store.save(art, quotes)
    store.rename_speaker("Sergei Shoygu", "Sergei Shoigu")
    assert names(store) == {"Sergei Shoigu": 1}
    assert [r["speaker"] for r in store.db["quotes"].search("shoigu")] == ["Sergei Shoigu"]
    # the article goes and comes back: the speaker row is rebuilt, with the corrected name
    store.save(art, [])
    assert store.db["speakers"].count == 0
    store.save(art, quotes)
    assert names(store) == {"Sergei Shoigu": 1}


def test_ambiguous_name_asks_for_the_id(store):
    store.save(*said("a1", "a source", person=False))
    store.save(*said("a2", "a source", person=False))
    with pytest.raises(LookupError, match=r"could be: a source \(#1, 1 quotes\), a source \(#2, 1 quotes\)"):
        store.merge_speakers("a source", "a source")
    assert store.merge_speakers("#1", "#2")["quote_count"] == 2


def test_unknown_speaker_is_a_clear_error(store):
    with pytest.raises(LookupError, match="no speaker called 'Nobody'"):
        store.find_speaker("Nobody")
    with pytest.raises(LookupError, match="no speaker with id 99"):
        store.find_speaker("99")


def test_cli_speakers_merge_and_rename(tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    path = tmp_path / "q.db"
    with QuoteStore(path) as s:
        s.save(*said("a1", "Boris Johnson"))
        s.save(*said("a2", "Dustin Johnson"))
        s.save(*said("a3", "Johnson", words="The deal is done and dusted,"))
    runner = CliRunner()
    out = runner.invoke(cli, ["speakers", "merge", "Johnson", "Boris Johnson", "--db", str(path)])
    assert out.exit_code == 0, out.output
    assert "into #1 Boris Johnson (2 quotes)" in out.output
    out = runner.invoke(cli, ["speakers", "rename", "Boris Johnson", "Alexander Boris de Pfeffel Johnson", "--db", str(path)])
    assert out.exit_code == 0 and "Alexander Boris de Pfeffel Johnson" in out.output
    out = runner.invoke(cli, ["speakers", "merge", "Nobody", "Boris Johnson", "--db", str(path)])
    assert out.exit_code == 1 and "no speaker called 'Nobody'" in out.output
    with QuoteStore(path) as s:
        assert names(s) == {"Alexander Boris de Pfeffel Johnson": 2, "Dustin Johnson": 1}


def test_full_name_filed_later_takes_in_its_surname_alone(store):
    store.save(*said("a1", "Holloway", mention="Holloway", published="2022-01-05"))
    store.save(*said("a2", "Jane Holloway", published="2022-02-01"))
    assert names(store) == {"Jane Holloway": 2}
    rows = list(store.db.query("select article_id, speaker from quotes order by article_id"))
    assert rows == [{"article_id": "a1", "speaker": "Jane Holloway"}, {"article_id": "a2", "speaker": "Jane Holloway"}]
    row = next(store.db.query("select * from speakers"))
    assert row["article_count"] == 2 and row["first_seen"] == "2022-01-05"
    assert "Holloway" in json.loads(row["aliases"])
    # the surname alone in a later article joins the same person; so does a re-ingest of the first
    store.save(*said("a3", "Holloway", published="2022-03-01"))
    store.save(*said("a1", "Holloway", mention="Holloway", published="2022-01-05"))
    assert names(store) == {"Jane Holloway": 3}


def test_surname_alone_stays_apart_when_another_person_has_it(store):
    store.save(*said("a1", "Peter Holloway"))
    store.save(*said("a2", "Jane Holloway"))
    store.save(*said("a3", "Holloway"))          # two Holloways known: which one is not known
    store.save(*said("a4", "Ann Holloway"))      # a third: the surname alone still stays apart
    assert names(store) == {"Peter Holloway": 1, "Jane Holloway": 1, "Holloway": 1, "Ann Holloway": 1}


def test_a_corrected_surname_is_not_taken_in(store):
    store.save(*said("a1", "Holloway"))
    store.rename_speaker("Holloway", "Lord Holloway")
    store.save(*said("a2", "Jane Holloway"))
    assert names(store) == {"Lord Holloway": 1, "Jane Holloway": 1}


def test_a_description_is_never_taken_in_by_a_name(store):
    store.save(*said("a1", "Kremlin", person=False))
    store.save(*said("a2", "Moscow Kremlin", person=True))
    assert names(store) == {"Kremlin": 1, "Moscow Kremlin": 1}
