"""One person, one speaker (issue 17) and corrections and verdicts (issue 20, items 9 and 10):
who a name means is decided by one module (`quotes.store.speaker_names`) on every path: ingest's
filing, `quotes check`, `quotes export --speaker` and the site's canned queries."""
from __future__ import annotations

import csv
import io
import itertools
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.check import check
from quotes.cli import cli
from quotes.export import export, export_rows
from quotes.models import Article, Quote
from quotes.store import QuoteStore
from quotes.store import speaker_names
from test_check import datasette_json

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def said(article_id: str, speaker: str, words: str, *, mention: str | None = None, role: str | None = None,
         person: bool | None = True, published: str = "2022-02-11") -> tuple[Article, list[Quote]]:
    """An article `“WORDS” MENTION said.` with its one quote, offsets computed from the text."""
    mention = mention or speaker
    text = f"“{words}” {mention} said."
    q = Quote(text=words, spans=[(1, 1 + len(words))], speaker=speaker,
              speaker_spans=[(len(words) + 3, len(words) + 3 + len(mention))], speaker_role=role,
              speaker_is_person=person, cue="said")
    assert text[q.speaker_spans[0][0]:q.speaker_spans[0][1]] == mention
    return Article(id=article_id, text=text, published=published), [q]


def canned(db: Path, query: str, **params) -> list[dict]:
    from urllib.parse import urlencode

    return datasette_json(db, f"/{db.stem}/{query}.json?" + urlencode({"_shape": "array", **params}))


WALLACE = "Cooperation with the Russian defence ministry is close to zero today"
SHOIGU = "There is no plan to invade anyone in the region this winter"


@pytest.fixture
def wallace_db(tmp_path) -> Path:
    path = tmp_path / "quotes.db"
    with QuoteStore(path) as store:
        store.save(*said("a1", "Ben Wallace", WALLACE, mention="Mr Wallace", role="UK defence secretary"))
        store.save(*said("a2", "Sergei Shoigu", SHOIGU, role="Russia’s defence minister"))
        store.save(*said("a3", "Ben Wallace", "Britain stands ready to help its allies in the east",
                         mention="Wallace", published="2022-02-12"))  # no article writes `Mr. Ben Wallace`
    return path


SEVEN_WAYS = ["Mr. Ben Wallace", "ben wallace", "WALLACE", "Wallace's", "Ben Wallace", "Wallace’s", "Mr Wallace"]


@pytest.mark.parametrize("asked", SEVEN_WAYS)
def test_seven_ways_of_writing_one_person_mean_him_everywhere(wallace_db, asked):
    # quotes check
    result = check(wallace_db, WALLACE, asked)
    assert result.verdict == "said", result.summary
    assert check(wallace_db, SHOIGU, asked).verdict == "said by someone else"
    # quotes export --speaker (the library and the command)
    assert sorted(r["text"] for r in export_rows(wallace_db, speaker=asked)) == sorted(
        [WALLACE, "Britain stands ready to help its allies in the east"])
    out = CliRunner().invoke(cli, ["export", "--db", str(wallace_db), "--speaker", asked, "--format", "jsonl"])
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == 2
    # the site's canned queries, through the SQL function speaker_ids
    rows = canned(wallace_db, "quotes_by_speaker", speaker=asked)
    assert {r["speaker"] for r in rows} == {"Ben Wallace"} and len(rows) == 2
    assert sum(r["quotes"] for r in canned(wallace_db, "speaker_timeline", speaker=asked)) == 2
    fact = canned(wallace_db, "fact_check", claim=WALLACE, speaker=asked)
    assert fact[0]["verdict"] == "said"


def test_a_middle_initial_is_the_same_person_and_no_false_verdict(tmp_path):
    """Two articles, `Donald J. Trump` in one and `Donald Trump` in the other: one row, and asking
    about `Donald Trump` for the first article's words is `said`, not `said by someone else`."""
    claim = "I think that my words represent toughness and strength"
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("nyt", "Donald J. Trump", claim + " for the country"))
        store.save(*said("ap", "Donald Trump", "We will build the wall and the other side will pay"))
        rows = store.db.execute("select name, quote_count from speakers").fetchall()
    assert rows == [("Donald J. Trump", 2)]  # one row, named by its fullest spelling on a tie of articles
    result = check(path, claim, "Donald Trump")
    assert result.verdict == "said" and result.said_by == ["Donald J. Trump"]


@pytest.fixture
def trumps(tmp_path) -> Path:
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("d1", "Donald Trump", "We are going to win so much you will get tired of winning"))
        store.save(*said("d2", "Donald Trump", "Nobody builds walls better than me, believe me"))
        store.save(*said("e1", "Eric Trump", "My father will be a great president for working people"))
        store.save(*said("t1", "Trump", "The hotel opens next spring on Pennsylvania Avenue"))
    return path


def test_an_ambiguous_surname_gives_the_choice_of_persons(trumps):
    result = check(trumps, "My father will be a great president for working people", "Trump")
    assert result.verdict == "ambiguous speaker" and not result.evidence
    assert [(c["name"], c["quote_count"]) for c in result.choices] == [("Donald Trump", 2), ("Eric Trump", 1),
                                                                        ("Trump", 1)]
    assert "Donald Trump (#" in result.summary and "2 quotes" in result.summary
    out = CliRunner().invoke(cli, ["check", "My father will be a great president", "--speaker", "Trump",
                                   "--db", str(trumps)])
    assert out.exit_code != 0 and "Eric Trump" in out.stdout
    with pytest.raises(LookupError, match=r"could be: Donald Trump \(#\d+, 2 quotes\), Eric Trump"):
        list(export_rows(trumps, speaker="trump"))
    out = CliRunner().invoke(cli, ["export", "--db", str(trumps), "--speaker", "Trump"])
    assert out.exit_code != 0 and "Donald Trump" in out.output and "Eric Trump" in out.output
    # an exact person never brings anyone else's quotes
    assert {r["speaker"] for r in export_rows(trumps, speaker="Donald Trump")} == {"Donald Trump"}
    assert len(list(export_rows(trumps, speaker="Donald Trump"))) == 2
    assert check(trumps, "My father will be a great president for working people", "Eric Trump").verdict == "said"
    assert check(trumps, "My father will be a great president for working people",
                 "Donald Trump").verdict == "said by someone else"
    # the site lists every choice, each row named
    rows = canned(trumps, "quotes_by_speaker", speaker="Trump")
    assert {r["speaker"] for r in rows} == {"Donald Trump", "Eric Trump", "Trump"}
    fact = canned(trumps, "fact_check", claim="My father will be a great president", speaker="Trump")
    assert fact[0]["verdict"] == "ambiguous speaker" and "Eric Trump" in fact[0]["summary"]


ARTICLES = [
    said("x1", "Holloway", "The budget will be balanced by the end of the decade"),
    said("x2", "Jane A. Holloway", "Our schools need more teachers and smaller classes", role="the education minister"),
    said("x3", "Mr. Jane Holloway", "The budget is a plan for growth and fairness", mention="Ms Holloway"),
]


def rows_of(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        speakers = conn.execute("select key, name, is_person, quote_count, article_count, aliases, roles "
                                "from speakers order by key").fetchall()
        quotes = conn.execute("select q.article_id, q.text, s.key, q.speaker from quotes q "
                              "left join speakers s on s.id = q.speaker_id order by q.article_id").fetchall()
        aliases = conn.execute("select s.key, a.alias, a.article_id from speaker_aliases a "
                               "join speakers s on s.id = a.speaker_id order by 1, 2, 3").fetchall()
    finally:
        conn.close()
    return [speakers, quotes, aliases]


def test_the_same_rows_whatever_order_articles_arrive_in(tmp_path):
    results = []
    for i, order in enumerate(itertools.permutations(ARTICLES)):
        path = tmp_path / f"q{i}.db"
        with QuoteStore(path) as store:
            for article, quotes in order:
                store.save(article, quotes)
            store.save(*ARTICLES[0])  # and after a re-ingest
        results.append(rows_of(path))
    assert all(r == results[0] for r in results)
    speakers = results[0][0]
    assert [(k, name, n) for k, name, _p, n, *_ in speakers] == [("jane holloway", "Jane A. Holloway", 3)]


@pytest.mark.parametrize(("role", "kept"), [
    ("a three-person race between himself", None),
    ("rhetoric", None),
    ("House", None),
    ("NEW YORK - Republican presidential candidate", "Republican presidential candidate"),
    ("the Republican presidential nominee", "Republican presidential nominee"),
    ("Russia’s defence minister", "Russia’s defence minister"),
    ("Vermont senator", "Vermont senator"),
    ("Sen.", "Senator"),                # an abbreviated title, written out
    ("R-Ky.", "R-Ky."),                 # party and state, as US copy gives them
    ("Ky.", None),                      # the state alone is no role
    ("D", None),
])
def test_a_role_is_a_title_or_a_noun_phrase_about_the_person(tmp_path, role, kept):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("r1", "Donald Trump", "We will make the country great again, believe me", role=role))
        stored = store.db.execute("select speaker_role from quotes").fetchone()[0]
        roles = json.loads(store.db.execute("select roles from speakers").fetchone()[0])
    assert stored == kept
    assert [r["role"] for r in roles] == ([kept] if kept else [])


def test_a_quote_with_no_role_shows_none(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("p1", "Mike Pence", "The governor has a record of cutting taxes for families",
                         role="his running mate", published="2016-09-01"))
        store.save(*said("p2", "Mike Pence", "We will stand with our allies and our troops abroad",
                         role="Indiana governor", published="2016-09-02"))
        store.save(*said("p3", "Mike Pence", "The economy needs lower taxes and fewer regulations now",
                         published="2016-09-03"))
    result = check(path, "The economy needs lower taxes and fewer regulations now", "Mike Pence")
    assert result.verdict == "said"
    assert result.evidence[0].speaker_role is None and result.said_by == ["Mike Pence"]
    assert "(" not in result.summary.split(" said")[0]


def test_junk_speakers_never_become_rows(tmp_path):
    junk = ["Those", "You", "this", "None", "Some", "60", "29 percent", "’ she", '"', "Poll", "Latest",
            "Six in 10", "A mere 9 percent"]
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        for i, name in enumerate(junk):
            store.save(*said(f"j{i}", name, f"Words number {i} were said about the vote today", person=None))
        store.save(*said("ok", "Ban Ki - moon", "The world must act on climate change this year"))
        names = [r[0] for r in store.db.execute("select name from speakers")]
        mentions = [r[0] for r in store.db.execute("select speaker_mention from quotes where speaker_id is null")]
    assert names == ["Ban Ki-moon"]
    assert len(mentions) == len(junk) and "29 percent" in mentions  # stored with the mention as written


@pytest.mark.parametrize(("name", "tidy"), [
    ("Ban Ki - moon", "Ban Ki-moon"), ("Douglas Holtz - Eakin", "Douglas Holtz-Eakin"),
    ("Rival Hillary Clinton", "Hillary Clinton"), ("Endorses Ted Cruz", "Ted Cruz"), ("Obama Says", "Obama"),
    ("Dinesh D'Souza", "Dinesh D'Souza"), ("Bo\u200dris Johnson", "Boris Johnson"),
    ("\u202eBoris Johnson", "Boris Johnson"), ("-Nate Cohn", "Nate Cohn"),
])
def test_names_keep_their_own_spelling(name, tidy):
    assert speaker_names.tidy(name) == tidy


def test_descriptions_are_never_one_person_across_articles(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("k", "the Kentucky Republican", "The coal jobs are not coming back soon", person=False))
        store.save(*said("a", "the Arizona Republican", "The border needs more agents and fences", person=False))
        store.save(*said("e1", "experts", "The tax plan would add trillions to the debt", person=False))
        store.save(*said("e2", "experts", "The polls are within the margin of error", person=False))
        store.save(*said("r1", "Republican", "We need a nominee who can win in November", person=False))
        store.save(*said("r2", "Republican", "The convention will be a fight on the floor", person=False))
        assert store.db.execute("select count(*), max(article_count) from speakers").fetchone() == (6, 1)


def test_invisible_characters_are_no_second_speaker(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("j1", "Bo\u200dris Johnson", "We will get Brexit done by the end of January"))
        store.save(*said("j2", "Boris Johnson", "The vaccine programme is a national success story"))
        store.save(*said("j3", "\u202eJohnson", "Parliament must respect the result of the vote"))
        rows = store.db.execute("select name, quote_count from speakers").fetchall()
    assert rows == [("Boris Johnson", 3)]
    assert check(path, "Parliament must respect the result of the vote", "Bo\u200dris Johnson").verdict == "said"


def test_a_users_merge_of_a_description_survives_reingest(tmp_path):
    path = tmp_path / "q.db"
    article = said("gs", "a government source", "The minister will resign before the weekend is out",
                   person=False)
    with QuoteStore(path) as store:
        store.save(*article)
        store.save(*said("bw", "Ben Wallace", "Cooperation with Russia is close to zero"))
        store.merge_speakers("a government source", "Ben Wallace")
        store.save(*article)  # the same article parsed again
        store.save(article[0].model_copy(update={"text": article[0].text + " "}), article[1])  # and updated
        rows = store.db.execute("select name, quote_count from speakers").fetchall()
    assert rows == [("Ben Wallace", 2)]
    assert check(path, "The minister will resign before the weekend is out", "Ben Wallace").verdict == "said"


def test_a_negated_near_match_contradicts(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("s", "Sergei Shoigu", "There is no plan to invade anyone"))
        store.save(*said("v", "Anna Smith", "The vaccine has never been tested on children"))
    result = check(path, "There is a plan to invade", "Sergei Shoigu")
    assert result.verdict == "contradicts" and result.evidence[0].text == "There is no plan to invade anyone"
    assert "opposite" in result.summary
    assert check(path, "The vaccine has been tested on children").verdict == "contradicts"
    assert check(path, "There is no plan to invade anyone", "Sergei Shoigu").verdict == "said"
    out = CliRunner().invoke(cli, ["check", "There is a plan to invade", "--speaker", "Sergei Shoigu",
                                   "--db", str(path)])
    assert "Verdict: contradicts" in out.stdout and "There is no plan to invade anyone" in out.stdout
    fact = canned(path, "fact_check", claim="There is a plan to invade", speaker="Sergei Shoigu")
    assert fact[0]["verdict"] == "contradicts" and fact[0]["text"] == "There is no plan to invade anyone"


@pytest.mark.parametrize("claim", ["a", "of", "of the", "said no"])
def test_a_claim_of_fewer_than_three_content_words_is_refused(tmp_path, claim):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("s", "Sergei Shoigu", "There is no plan of a kind to invade anyone, he said no"))
    result = check(path, claim)
    assert result.verdict == "refused" and "too short" in result.summary and not result.evidence
    out = CliRunner().invoke(cli, ["check", claim, "--db", str(path)])
    assert out.exit_code != 0 and "too short to check" in out.stdout
    fact = canned(path, "fact_check", claim=claim, speaker="")
    assert [r["verdict"] for r in fact] == ["refused"] and "too short" in fact[0]["summary"]


@pytest.mark.parametrize("claim", ["U-S-A! U-S-A!", "burning the Constitution", "a total disgrace"])
def test_a_short_claim_is_said_when_the_speaker_s_own_quotes_hold_it_word_for_word(tmp_path, claim):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("r", "Donald Trump", "The crowd chanted with him: U-S-A! U-S-A! and he waved"))
        store.save(*said("t", "Laurence Tribe", "They are burning the Constitution, and it is a total disgrace"))
        store.save(*said("w", "Anna Smith", "Nobody is burning anything, U-S-A! or not, a total disgrace is fine"))
    speaker = "Donald Trump" if claim.startswith("U-S-A") else "Laurence Tribe"
    result = check(path, claim, speaker)
    assert result.verdict == "said", result.summary
    assert [e.speaker for e in result.evidence] == [speaker] and "word for word" in result.summary
    fact = canned(path, "fact_check", claim=claim, speaker=speaker)
    assert fact[0]["verdict"] == "said"
    # asked about someone whose quotes do not hold it, or about nobody: too short to weigh
    other = check(path, claim, "Ben Wallace" if speaker != "Ben Wallace" else "Anna Smith")
    assert other.verdict in ("refused", "not found") and not other.evidence
    assert check(path, claim).verdict == "refused"
    assert check(path, "U-S-A", "Donald Trump").verdict == "said"
    assert check(path, "the crowd waved", "Donald Trump").verdict == "refused"   # not word for word
    # function words at the claim's edges do not count: `as a total disgrace`
    assert check(path, "as a total disgrace", "Laurence Tribe").verdict == "said"


def test_a_claim_over_two_quotes_of_one_article_is_said_near(tmp_path):
    """`“You went on television to blame thousands of workers.” … “It’s gutless leadership,”
    Warren said`: a claim joining two quotes the speaker gave in one article."""
    first, second = "You went on television to blame thousands of low-paid workers", "It is gutless leadership"
    text = f"“{first},” Warren said. The chief executive did not answer.\n\n“{second},” she said."
    a, b = text.index(first), text.index(second)
    quotes = [Quote(text=t, spans=[(s, s + len(t))], speaker="Elizabeth Warren", cue="said", speaker_is_person=True)
              for t, s in ((first, a), (second, b))]
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(Article(id="w", text=text), quotes)
        store.save(*said("x", "Anna Smith", "It is gutless leadership to blame the workers for the scandal"))
    claim = f"{first}. {second}"
    result = check(path, claim, "Elizabeth Warren")
    assert result.verdict == "said (near)", result.summary
    assert result.evidence[0].text == f"{first} … {second}"
    assert [tuple(s) for s in result.evidence[0].spans] == [(a, a + len(first)), (b, b + len(second))]
    assert text[a:a + len(first)] == first
    # each quote alone says only part of it; and no one else's quotes are joined
    assert check(path, claim, "Anna Smith").verdict in ("said by someone else", "not found")


def test_the_csv_shows_each_alias_with_its_articles(wallace_db):
    buf = io.StringIO()
    export(wallace_db, buf, speaker="Ben Wallace")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().lstrip("\ufeff"))))
    assert {r["speaker_aliases"] for r in rows} == {"Mr Wallace [a1]; Wallace [a3]"}
    conn = sqlite3.connect(wallace_db)
    assert conn.execute("select alias, article_id from speaker_aliases a join speakers s on s.id = a.speaker_id "
                        "where s.name = 'Ben Wallace' order by 2, 1").fetchall() == [
        ("Ben Wallace", "a1"), ("Mr Wallace", "a1"), ("Ben Wallace", "a3"), ("Wallace", "a3")]


TRAIN = EVAL / "polnear-train.jsonl"


@pytest.mark.skipif(not TRAIN.exists(), reason="needs ../shared/eval/polnear-train.jsonl (PolNeAR, not shipped)")
@pytest.mark.parametrize("name", ["Those", "You", "this", "None", "Some", "60", "29 percent", "’ she",
                                  '"Medicare', "-Nate Cohn", "Poll", "Polls", "Report", "Rival Hillary Clinton",
                                  "Endorses Ted Cruz", "Derelict Obama", "Ban Ki - moon"])
def test_train_names_of_the_issue_are_no_speaker_rows(name):
    """The examples the issue found on the train split, as the store files them (the whole
    train database is checked by hand: see the report)."""
    assert speaker_names.junk(name) is not None or speaker_names.tidy(name) != name


def test_a_bare_surname_goes_to_the_person_the_article_allows(tmp_path):
    """Two Obamas in the database: a bare `Obama` that the article calls `he` (or `the
    president`, a role of one of them) is Barack; one with no such word stays apart; in any order."""
    articles = [
        said("b", "Barack Obama", "We will close the prison at Guantanamo Bay soon", mention="the president"),
        said("m", "Michelle Obama", "When they go low, we go high, always and everywhere"),
        said("h", "Obama", "The economy has added jobs for seventy months in a row", mention="he"),
        said("p", "Obama", "The deal will keep Iran from building a nuclear weapon", mention="the president"),
        said("n", "Obama", "Change will not come if we wait for some other person"),
    ]
    seen = []
    for i, order in enumerate([articles, articles[::-1], articles[2:] + articles[:2]]):
        path = tmp_path / f"q{i}.db"
        with QuoteStore(path) as store:
            for article in order:
                store.save(*article)
            rows = dict(store.db.execute("select name, quote_count from speakers").fetchall())
        assert rows == {"Barack Obama": 3, "Michelle Obama": 1, "Obama": 1}
        seen.append(rows_of(path))
    assert seen[0] == seen[1] == seen[2]


def test_keys_of_one_name_written_otherwise():
    assert speaker_names.key("Donald Trump’s campaign") == speaker_names.key("The Trump campaign") == "trump campaign"
    assert speaker_names.key("Donald J. Trump") == "donald trump" != speaker_names.key("Donald Trump Jr.")
    assert speaker_names.key("George H.W. Bush") != speaker_names.key("George W. Bush")


def test_a_name_without_its_suffix_finds_the_one_person(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("v", "Vann R. Newkirk II", "Black voters have done above and beyond their part already"))
    assert check(path, "Black voters have done above and beyond their part", "Vann Newkirk").verdict == "said"


def story(article_id: str, text: str, *quotes: tuple) -> tuple[Article, list[Quote]]:
    """An article of several quotes: each `(words, speaker, mention, role, is_person)`, the words
    and the mention found in `text` (the mention's first occurrence after the words' own start
    when the words come first), so offsets are the article's own."""
    found = []
    for words, speaker, mention, role, person in quotes:
        w = text.index(words)
        m = text.index(mention)
        q = Quote(text=words, spans=[(w, w + len(words))], speaker=speaker, speaker_spans=[(m, m + len(mention))],
                  speaker_role=role, speaker_is_person=person, cue="says")
        assert text[q.spans[0][0]:q.spans[0][1]] == words and text[m:m + len(mention)] == mention
        found.append(q)
    return Article(id=article_id, text=text, published="2016-09-12"), found


def filed(path: Path) -> dict[str, str | None]:
    """Each quote's words -> the key of the speaker row it is filed under."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("select q.text, s.key from quotes q left join speakers s on s.id = q.speaker_id"))
    finally:
        conn.close()


TAX_STORY = story(
    "tax",
    "The experts praised the plan for small firms. Several experts cautioned that it might change. "
    "In the end all the experts agreed that it adds complexity. Their attorneys said the family would sue. "
    "The attorneys for the family said the video was incomplete. A Democratic source said the vote was close. "
    "A GOP source said the vote was lost. Sources said the count was wrong. A source said it was right. "
    "The ad’s narrator asks what he thinks of you. A narrator in the rival ad says taxes will rise.",
    ("praised the plan for small firms", "The experts", "The experts", None, False),
    ("it might change", "Several experts", "Several experts", None, False),
    ("it adds complexity", "all the experts", "all the experts", None, False),
    ("the family would sue", "Their attorneys", "Their attorneys", None, False),
    ("the video was incomplete", "attorneys for the family", "attorneys for the family", None, False),
    ("the vote was close", "A Democratic source", "A Democratic source", None, False),
    ("the vote was lost", "A GOP source", "A GOP source", None, False),
    ("the count was wrong", "Sources", "Sources", None, False),
    ("it was right", "A source", "A source said it", None, False),
    ("what he thinks of you", "The ad’s narrator", "The ad’s narrator", None, False),
    ("taxes will rise", "A narrator in the rival ad", "A narrator in the rival ad", None, False),
)


def test_one_articles_descriptions_are_filed_by_their_core_noun_phrase(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*TAX_STORY)
        store.save(*said("other", "experts", "The deficit will grow under either plan", person=False))
        names = dict(store.db.execute("select key, name from speakers"))
    rows = filed(path)
    experts = {rows["praised the plan for small firms"], rows["it might change"], rows["it adds complexity"]}
    assert experts == {"experts@tax"}
    assert rows["the family would sue"] == rows["the video was incomplete"] == "attorneys@tax"
    assert rows["the vote was close"] == "democratic source@tax" != rows["the vote was lost"] == "gop source@tax"
    assert rows["The deficit will grow under either plan"] == "experts@other"  # never one row across articles
    assert rows["the count was wrong"] == "sources@tax" != rows["it was right"] == "source@tax"  # a group, not one
    assert rows["what he thinks of you"] == rows["taxes will rise"] == "narrator@tax"  # the ad's = in the ad
    assert names["attorneys@tax"] == "attorneys for the family"  # shown as written, the fullest spelling


def test_a_phrase_that_says_whose_side_stays_part_of_the_description():
    key = speaker_names.description_key
    assert key("a person close to the campaign") != key("a person close to the governor")
    assert key("an aide loyal to the mayor") == "aide loyal to the mayor"
    assert key("people familiar with the talks") != key("people familiar with the budget")
    assert key("a lawyer for the family") == key("the lawyer") == "lawyer"  # `for` still a post-modifier


def test_capitalised_role_nouns_are_descriptions_not_names(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*said("p1", "Police", "The suspect was armed when officers arrived", person=None))
        store.save(*said("p2", "Police", "The road will stay closed until Monday morning", person=None))
        store.save(*said("g1", "Retired General", "The troops were demoralised by the orders", person=True))
        store.save(*said("g2", "Retired General", "The base needs more money for its repairs", person=True))
        store.save(*said("r1", "Republicans", "The nominee must release his tax returns", person=False))
        store.save(*said("r2", "Republicans", "The immunity deals were a scandal from the start", person=False))
        store.save(*story("pp", "Police say he was armed. Later police said the car was stolen.",
                          ("he was armed", "Police", "Police", None, False),
                          ("the car was stolen", "police", "police", None, False)))
        keys = sorted(r[0] for r in store.db.execute("select key from speakers"))
    assert keys == ["police@p1", "police@p2", "police@pp", "republicans", "retired general@g1", "retired general@g2"]


SCHIFF_LIKE = story(
    "drones",
    "Lawmaker urges ban on armed drones;\nMember of House panel says the skies are not safe.\n\n"
    "Rep. Jane Holloway, the top Democrat on the transport committee, called on the agency to act. "
    "Holloway said the rules were written for another age.\n\n"
    "Mayor Tom Rivera said the city would wait.",
    ("ban on armed drones", "Lawmaker", "Lawmaker", None, False),
    ("the skies are not safe", "Member of House panel", "Member of House panel", None, False),
    ("called on the agency to act", "Jane Holloway", "Rep. Jane Holloway", "Rep.", True),
    ("the rules were written for another age", "Holloway", "Holloway said", "Rep.", True),
    ("the city would wait", "Tom Rivera", "Mayor Tom Rivera", "Mayor", True),
)
FOWLER_LIKE = story(
    "union",
    "Former union chairman calls for a new vote.\n\n"
    "A former union chairman says President Ann Cole should call a new vote on the contract.\n\n"
    "“Now is the time,” said Mark Dunmore, who ran the union from 1995 to 1997. "
    "“We cannot wait,” said Lee Park, the union's treasurer.",
    ("calls for a new vote", "Former union chairman", "Former union chairman", None, False),
    ("should call a new vote on the contract", "A former union chairman", "A former union chairman", None, False),
    ("Now is the time", "Mark Dunmore", "Mark Dunmore", None, True),
    ("We cannot wait", "Lee Park", "Lee Park", "the union's treasurer", True),
)
RIVAL_STORY = story(
    "rival",
    "Rivera will back Cole, former rival says.\n\n"
    "Tom Rivera will back Ann Cole before the convention, predicted Ann Cole's former rival.\n\n"
    "“He is grumpy,” said Tom Rivera.",
    ("Rivera will back Cole", "former rival", "former rival", None, False),
    ("He is grumpy", "Tom Rivera", "Tom Rivera", None, True),
)


def test_a_headline_or_lede_description_goes_to_the_person_the_story_names_next(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        for article in (SCHIFF_LIKE, FOWLER_LIKE, RIVAL_STORY):
            store.save(*article)
    rows = filed(path)
    # a title implies a role (`Rep.`: a lawmaker, a member), the bare surname is the article's full name
    assert rows["ban on armed drones"] == rows["the skies are not safe"] == "jane holloway"
    assert rows["the rules were written for another age"] == "jane holloway"
    # named in the paragraph after the lede; the headline restates the lede
    assert rows["should call a new vote on the contract"] == rows["calls for a new vote"] == "mark dunmore"
    # the person the headline itself names is someone else than its `former rival`
    assert rows["Rivera will back Cole"] == "former rival@rival"


def test_a_description_filed_by_its_article_is_filed_so_in_any_order(tmp_path):
    seen = []
    others = [said("o1", "Ellen Holloway", "The harbour will reopen in the spring"),
              said("o2", "Sen. Tim Dunmore", "The farm bill will pass before the recess")]
    for i, order in enumerate([[SCHIFF_LIKE, FOWLER_LIKE, *others], [*others[::-1], FOWLER_LIKE, SCHIFF_LIKE]]):
        path = tmp_path / f"q{i}.db"
        with QuoteStore(path) as store:
            for article in order:
                store.save(*article)
        seen.append(rows_of(path))
        assert filed(path)["ban on armed drones"] == "jane holloway"
    assert seen[0] == seen[1]


def test_a_document_from_a_person_the_article_quotes_is_theirs(tmp_path):
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*story("lesson", "A lesson from Jane Holloway: be heard. Holloway said the firm ignored her. "
                                    "Jane Holloway said she spoke up.",
                          ("be heard", "A lesson from Jane Holloway", "A lesson from Jane Holloway", None, False),
                          ("the firm ignored her", "Jane Holloway", "Holloway said", None, True),
                          ("she spoke up", "Jane Holloway", "Jane Holloway said", None, True)))
        store.save(*story("memo", "A memo from Tom Rivera: cut costs. An aide from Texas said the memo leaked.",
                          ("cut costs", "A memo from Tom Rivera", "A memo from Tom Rivera", None, False),
                          ("the memo leaked", "An aide from Texas", "An aide from Texas", None, False)))
    rows = filed(path)
    assert rows["be heard"] == rows["she spoke up"] == "jane holloway"
    assert rows["cut costs"] == "memo@memo"          # its author is quoted nowhere in the article
    assert rows["the memo leaked"] == "aide@memo"    # a person from somewhere is not that place's


def test_one_articles_descriptions_of_one_document_are_one_speaker(tmp_path):
    """`A Bloomberg poll` and `the poll` of one article are one speaker; so are `The
    Reuters/Ipsos poll` and `The latest Reuters/Ipsos opinion poll`; with two named polls `a new
    poll` could be either and stays apart; with none named, one article's `study` descriptions are
    one; a poll is never one speaker with another article's poll, and a plural is no document."""
    path = tmp_path / "q.db"
    with QuoteStore(path) as store:
        store.save(*story(
            "bloomberg",
            "A Bloomberg poll shows wealthy voters moving. Clinton leads by four points, according to the poll. "
            "Exit polls showed the same split.",
            ("wealthy voters moving", "A Bloomberg poll", "A Bloomberg poll", None, False),
            ("Clinton leads by four points", "poll", "the poll", None, False),
            ("the same split", "exit polls", "Exit polls", None, False)))
        store.save(*story(
            "two",
            "A new poll shows a tight race. The latest Reuters/Ipsos opinion poll finds Clinton ahead. "
            "The Reuters/Ipsos poll says the gap is narrow. The USC Dornsife tracking poll puts Trump ahead.",
            ("a tight race", "A new poll", "A new poll", None, False),
            ("Clinton ahead", "latest Reuters/Ipsos opinion poll", "The latest Reuters/Ipsos opinion poll", None, False),
            ("the gap is narrow", "Reuters/Ipsos poll", "The Reuters/Ipsos poll", None, False),
            ("Trump ahead", "USC Dornsife tracking poll", "The USC Dornsife tracking poll", None, False)))
        store.save(*story(
            "study",
            "An exhaustive study found that few pay. The study also says rates rose. The poll of donors disagrees.",
            ("few pay", "An exhaustive study", "An exhaustive study", None, False),
            ("rates rose", "study", "The study", None, False),
            ("disagrees", "poll of donors", "The poll of donors", None, False)))
    rows = filed(path)
    assert rows["wealthy voters moving"] == rows["Clinton leads by four points"] == "bloomberg poll@bloomberg"
    assert rows["the same split"] == "exit polls@bloomberg"
    assert rows["Clinton ahead"] == rows["the gap is narrow"]
    assert rows["a tight race"] not in (rows["Clinton ahead"], rows["Trump ahead"])
    assert rows["few pay"] == rows["rates rose"] != rows["disagrees"]
    assert rows["disagrees"] != rows["Clinton leads by four points"]


@pytest.mark.parametrize("name, shown", [
    ("Washington Post", "Washington Post"), ("Judicial Watch", "Judicial Watch"), ("United States", "United States"),
    ("Marine Le Pen", "Marine Le Pen"), ("Stevie Wonder", "Stevie Wonder"), ("Islamic State", "Islamic State"),
    ("U.S. Geological Survey", "U.S. Geological Survey"), ("Ian Read", "Ian Read"),
    ("Obama Says", "Obama"), ("Obama Speech", "Obama"), ("Drudge Report", "Drudge Report"),
    ("Marco Rubio Responds To Question", "Marco Rubio"),
    ("Maria Hinojosa Explained", "Maria Hinojosa"), ("Derelict Obama", "Obama")])
def test_a_headline_verb_is_cut_from_a_name_but_a_name_ending_like_one_is_kept(name, shown):
    """A title-case headline's `Obama Says` is Obama; `Washington Post` (a cue noun), `Marine Le
    Pen` (a base verb), `Judicial Watch` (a headline word ending the name) and `United States`
    (rules/speakers.toml `names_ending_in_a_verb`) are names as written: on train the old cut
    filed the Washington Post under `Washington` and Judicial Watch under `Judicial`."""
    assert speaker_names.tidy(name) == shown


@pytest.mark.parametrize("name, is_junk", [
    ("the 34-year-old mother of three", False), ("the 50-state poll", False), ("a 52-count civil complaint", False),
    ("1995 New York Times article", False), ("Obama's 2009 speech", False),
    ("60", True), ("Nearly 6,000", True), ("About 60", True), ("29 percent", True), ("Six in 10", True)])
def test_a_number_inside_a_word_or_before_a_name_is_no_quantity(name, is_junk):
    """A number makes a speaker a count of people (`Nearly 6,000`), not when it is part of an
    adjective (`the 34-year-old mother of three`: the article's Ivanka Trump, whose quote was
    stored with no speaker) or a name follows it (`1995 New York Times article`)."""
    assert (speaker_names.junk(name) is not None) is is_junk


def test_a_persons_team_is_their_campaign_where_the_article_names_it(tmp_path):
    """`The Ruiz team` of an article that names `the Ruiz campaign` (and `Ana Ruiz`) is that
    campaign, one row with the campaign's other articles, whatever order they come in; in an
    article that names no Ruiz campaign the team stays a row of its own, and `his team` is no
    name's team."""
    campaign = story("camp", "Ana Ruiz spoke in Tulsa. The Ruiz campaign says she will win the state. "
                             "The Ruiz team has said families would qualify for the credit.",
                     ("she will win the state", "Ruiz campaign", "The Ruiz campaign", None, False),
                     ("families would qualify for the credit", "Ruiz team", "The Ruiz team", None, False))
    other = story("other", "Ana Ruiz’s campaign says the polls are wrong.",
                  ("the polls are wrong", "Ana Ruiz’s campaign", "Ana Ruiz’s campaign", None, False))
    alone = story("alone", "Ana Ruiz spoke in Tulsa. The Ruiz team said the rally drew thousands. "
                           "Tom Bell said his team would win.",
                  ("the rally drew thousands", "Ruiz team", "The Ruiz team", None, False),
                  ("would win", "his team", "his team", None, False))
    seen = []
    for i, order in enumerate([[campaign, other, alone], [alone, other, campaign]]):
        path = tmp_path / f"q{i}.db"
        with QuoteStore(path) as store:
            for article in order:
                store.save(*article)
        rows = filed(path)
        assert rows["families would qualify for the credit"] == rows["she will win the state"] == "ruiz campaign"
        assert rows["the polls are wrong"] == "ruiz campaign"
        assert rows["the rally drew thousands"] == "ruiz team"
        assert rows["would win"] == "team@alone"
        seen.append(rows_of(path))
    assert seen[0] == seen[1]
