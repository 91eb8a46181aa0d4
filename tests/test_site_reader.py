"""The quote site as a journalist uses it, in real Chromium, on a generated database the size of
a train run (`tests/site_db.py`: 3,010 quotes, 300 articles, a speaker quoted 630 times):
find a person from the front page's one box, page past 500 quotes, filter by date, read a quote
in its context with its cue, take the CSV away (the same bytes as `quotes export`), read on a
390 px screen, meet no machinery, and run no script from any stored field.

Screenshots go to tests/screenshots/ (ignored by git).
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import SHOTS, _playwright, served_in_chromium

import site_db
from quotes.cli import cli
from quotes.store import QuoteStore

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    sync_playwright = _playwright()
    db = site_db.build(tmp_path_factory.mktemp("reader") / "news.db")
    with served_in_chromium(db, sync_playwright) as (base, browser):
        yield base, db, browser


def rows(db: Path, sql: str, params=()) -> list[dict]:
    with QuoteStore(db) as s:
        return [dict(r) for r in s.db.query(sql, params)]


def open_page(browser, viewport=WIDE):
    page = browser.new_page(viewport=viewport, accept_downloads=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    return page


def shot(page, name: str, full: bool = False) -> None:
    page.screenshot(path=str(SHOTS / f"reader-{name}.png"), full_page=full)


def test_one_box_finds_the_people_first_then_their_quotes(served):
    base, db, browser = served
    page = open_page(browser)
    page.goto(base + "/")
    page.fill("#site-search", "Trump")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/-/search?q=Trump*")
    people = page.locator("ul.speaker-hits li a.label").all_inner_texts()
    assert people == ["Donald Trump", "Eric Trump"]  # by how often they are quoted
    counts = page.locator("ul.speaker-hits li .meta").all_inner_texts()
    assert counts[0].startswith("630 quotes") and counts[1].startswith("40 quotes")
    quotes = page.locator("ul.search-quotes > li")
    assert quotes.count() == 50  # a page of them, then the next
    assert page.locator("a.button", has_text="Older").count() == 1
    # a prefix finds the person too, and a search by alias: `the president` is Donald Trump
    page.goto(base + "/-/search?q=Trum")
    assert page.locator("ul.speaker-hits li a.label").all_inner_texts() == ["Donald Trump", "Eric Trump"]
    page.goto(base + "/-/search?q=president")
    assert page.locator("ul.speaker-hits li a.label").all_inner_texts() == ["Donald Trump"]
    page.goto(base + "/-/search?q=Trump")
    shot(page, "search-trump")
    page.locator("ul.speaker-hits li a.label", has_text="Donald Trump").click()
    page.wait_for_url("**/speakers/1")
    assert page.locator("h1").inner_text() == "Donald Trump"
    assert not page.dialogs
    page.close()


def test_speaker_page_pages_past_500(served):
    base, db, browser = served
    body = rows(db, "select id from quotes where speaker_id = 1 and in_body = 1 order by published desc, id desc")
    assert len(body) == 620
    page = open_page(browser)
    page.goto(base + "/news/speakers/1")
    seen = []
    for n in range(1, 14):
        ids = [int(i[2:]) for i in page.locator("ul.speaker-quotes > li").evaluate_all("els => els.map(e => e.id)")]
        seen += ids
        pager = page.locator("p.pager").inner_text()
        assert f"{(n - 1) * 50 + 1:,}–{(n - 1) * 50 + len(ids):,} of 620" in pager
        older = page.locator("a.button", has_text="Older")
        if n == 13:
            assert older.count() == 0
            break
        older.click()
        page.wait_for_url(f"**page={n + 1}*")
    assert seen == [r["id"] for r in body]  # every quote, newest first, each once, past 500
    shot(page, "speaker-page-13")
    page.close()


def test_date_filter_on_speaker_page_and_search(served):
    base, db, browser = served
    page = open_page(browser)
    page.goto(base + "/news/speakers/1")
    page.fill("input[name=since]", "2018-01-01")
    page.fill("input[name=until]", "2018-12-31")
    page.locator("form.filters button").click()
    page.wait_for_url("**since=2018-01-01*")
    want = rows(db, "select id from quotes where speaker_id = 1 and in_body = 1 and published between "
                    "'2018-01-01' and '2018-12-31' order by published desc, id desc")
    assert 0 < len(want) < 620
    dates = [t.rsplit(" · ", 1)[-1] for t in page.locator("ul.speaker-quotes > li .meta").all_inner_texts()]
    assert dates and all(d.startswith("2018-") for d in dates), dates
    assert f"of {len(want):,} in these dates" in page.locator("p.pager").inner_text()
    shot(page, "speaker-2018")
    # the search page: words, a date range and an outlet, set in the form
    page.goto(base + "/-/search?q=budget&since=2020-01-01&until=2020-06-30&outlet=Daily")
    want = rows(db, "select q.id from quotes_fts f join quotes q on q.id = f.rowid where quotes_fts match 'budget' "
                    "and q.in_body = 1 and q.published between '2020-01-01' and '2020-06-30' and q.outlet = 'Daily' "
                    "order by q.id desc")
    ids = [int(i[2:]) for i in page.locator("ul.search-quotes > li").evaluate_all("els => els.map(e => e.id)")]
    assert ids == [r["id"] for r in want][:50] and ids
    assert page.locator("select[name=outlet]").input_value() == "Daily"
    page.close()


def test_quote_page_has_its_context_and_cue(served):
    base, db, browser = served
    (q,) = rows(db, "select id, context from quotes where kind = 'indirect' and speaker_id = 1 order by id limit 1")
    page = open_page(browser)
    page.goto(base + "/news/speakers/1")
    item = page.locator("ul.speaker-quotes > li", has_text=site_db.INDIRECT[0]).first
    assert "suggested · indirect" in item.locator(".pill").inner_text()
    page.goto(f"{base}/news/quotes/{q['id']}")
    assert page.locator("h1").inner_text() == "Donald Trump, suggested"
    context = page.locator("p.in-context")
    assert context.inner_text() == q["context"]  # "Donald Trump falsely suggested that Obama was born ..."
    assert context.locator("mark").inner_text() == site_db.INDIRECT[0]
    assert "falsely suggested" in context.inner_text()
    assert page.locator("a.button", has_text="See it in the article").get_attribute("href").endswith(f"#q{q['id']}")
    assert page.locator("h2", has_text="other articles").count() == 0  # no cluster: nothing said about elsewhere
    shot(page, "quote-indirect")
    (dup,) = rows(db, "select id from quotes where cluster_id = 1 order by id limit 1")
    page.goto(f"{base}/news/quotes/{dup['id']}")
    assert page.locator("h2", has_text="The same quote in other articles").count() == 1
    assert page.locator("ul.elsewhere > li").count() == 2  # the two quotes of the other article
    page.close()


def test_csv_download_is_quotes_export_byte_for_byte(served, tmp_path):
    base, db, browser = served
    page = open_page(browser)
    page.goto(base + "/news/speakers/1")
    with page.expect_download() as info:
        page.locator("a", has_text="Download CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    site = Path(download.path()).read_bytes()
    out = tmp_path / "export.csv"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--speaker", "#1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert site == out.read_bytes()
    text = site.decode("utf-8")
    assert text.startswith("\ufeffquote_id,text,")  # BOM, then the header
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(table) == 630  # every quote of the speaker, trailing ones included and marked
    assert sum(r["in_body"] == "False" for r in table) == 10
    assert table[0]["title"] and table[0]["url"]
    # a search's download: the formula is guarded, the curly quotes survive
    page.goto(base + "/-/search?q=budget+says")
    with page.expect_download() as info:
        page.locator("a", has_text="Download these quotes").click()
    site = Path(info.value.path()).read_bytes()
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--search", "budget says", "-o", str(out)])
    assert site == out.read_bytes()
    assert "'=1+1 is what the budget says" in site.decode("utf-8")
    head = urllib.request.urlopen(base + "/-/quotes.csv?speaker=%231")
    assert head.headers["content-type"].startswith("text/csv")
    assert head.headers["content-disposition"].startswith("attachment;")
    page.close()


def test_no_horizontal_scroll_at_390_px(served):
    base, db, browser = served
    (q,) = rows(db, "select id, article_id from quotes where speaker_id = 1 and kind = 'indirect' limit 1")
    pages = {"front": "/", "search": "/-/search?q=Trump", "speaker": "/news/speakers/1",
             "quote": f"/news/quotes/{q['id']}", "article": f"/news/articles/{q['article_id']}",
             "fact-check": "/news/fact_check?claim=close+to+zero+cooperation", "chart": "/news/quotes_per_day",
             "quotes table": "/news/quotes?in_body=1", "speakers table": "/news/speakers"}
    page = open_page(browser, NARROW)
    wide = {}
    for name, path in pages.items():
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide[name] = width
        shot(page, f"390-{name}", full=True)
    assert wide == {}
    page.close()


MACHINERY = re.compile(r"\bselect |\bin_body\b|/srv/|/tmp/|\bNone\b|/work/")


def test_pages_reached_from_the_front_page_show_no_machinery(served):
    """Every page one or two clicks from the front page (leaving out the researchers' "Data"
    link, downloads and the article view's own anchors): no SQL, `in_body`, server path or None."""
    base, db, browser = served
    page = open_page(browser)
    todo, seen, bad = [(base + "/", 0)], set(), {}
    while todo:
        url, depth = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        text = page.title() + "\n" + page.locator("body").inner_text()
        found = MACHINERY.findall(text)
        if found:
            bad[url] = sorted(set(found))
        if depth < 2:
            hrefs = page.locator("section.content a[href]").evaluate_all("els => els.map(e => e.href)")
            for href in hrefs:
                href = href.split("#")[0]
                if (href.startswith(base) and not href.endswith((".csv", ".json")) and "data-link" not in href
                        and href.rstrip("/") != base + "/news" and "/-/quotes.csv" not in href
                        and ".json" not in href and ".csv" not in href and "_shape" not in href):
                    todo.append((href, depth + 1))
        if len(seen) > 60:
            break
    assert len(seen) > 15
    assert bad == {}
    page.close()


def test_no_script_runs_from_any_stored_field(served):
    base, db, browser = served
    hostile = rows(db, "select id, url from articles where id in ('art-000', 'art-001', 'art-002') order by id")
    assert [a["url"] for a in hostile] == [site_db.HOSTILE_URL, *site_db.HOSTILE_URLS]
    (script_quote,) = rows(db, "select id from quotes where text = ?", [site_db.SCRIPT_QUOTE])
    page = open_page(browser)
    visited = ["/", "/-/search?q=win", "/-/search", f"/news/quotes/{script_quote['id']}", "/news/speakers/1",
               "/news/articles", "/news/quotes?in_body=1", "/news/fact_check?claim=we+will+win+it"]
    visited += [f"/news/articles/{a['id']}" for a in hostile]
    for path in visited:
        page.goto(base + path)
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        scripted = [h for h in hrefs if re.sub(r"[\s\x00-\x1f]", "", h).lower().startswith(("javascript:", "data:", "vbscript:"))]
        assert scripted == [], (path, scripted)
        assert page.evaluate("document.querySelectorAll('section.content script').length") == 0
    for a in hostile:  # the hostile URL is shown as text, not as a link
        page.goto(f"{base}/news/articles/{a['id']}")
        assert page.locator(".not-a-link").count() == 1
        assert page.locator("a[rel~=nofollow]").count() == 0
    assert page.dialogs == []
    page.close()


def test_safe_url_only_links_http():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "quotes" / "site" / "plugins"))
    from quotes_guard import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
                "data:text/html,<script>", "vbscript:x", "//evil.example/", "/relative", "http:/x", None, 3,
                "https://example.org/\nx"):
        assert safe_url(bad) is None, bad


def test_articles_list_without_full_texts(served):
    base, db, browser = served
    page = open_page(browser)
    page.goto(base + "/news/articles")
    assert "_nocol=text" in page.url
    shown = page.locator("body").inner_text()
    newest = rows(db, "select id, text from articles order by published desc limit 5")
    assert all(a["id"] in shown and a["text"][:60] not in shown for a in newest)
    assert page.locator("table.rows-and-columns tbody tr").count() == 100
    assert page.evaluate("document.documentElement.scrollHeight") < 20_000
    page.close()


def test_nocol_of_the_sort_column_and_a_doubled_slash(served):
    base, _, _ = served
    for path in ("/news/quotes?_nocol=published", "/news/quotes?in_body=1&_nocol=published&_size=10",
                 "/news/articles?_nocol=published"):
        with urllib.request.urlopen(base + path) as r:
            assert r.status == 200, path

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(base + "//news/quotes")
    location = err.value.headers["location"]
    assert err.value.code == 302 and location.startswith("/") and not location.startswith("//"), location
    assert urllib.parse.urlsplit(urllib.parse.urljoin(base + "//news/quotes", location)).netloc == base.split("//")[1]


def test_huge_values_fail_fast_and_errors_log_one_line(served):
    base, _, _ = served
    for sql in ("select length(printf('%.*c', 900000000, 'x'))", "select length(format('%900000000d', 1))",
                "select length(zeroblob(900000000))", "select length(randomblob(900000000))",
                "select length(replace(hex(zeroblob(5000000)), '0', 'abcdefghij'))"):
        url = base + "/news.json?" + urllib.parse.urlencode({"sql": sql})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url, timeout=30)
        assert err.value.code == 400, sql
        body = json.loads(err.value.read())
        assert body["ok"] is False and body["error"], body
    # bounded printf still formats
    url = base + "/news.json?" + urllib.parse.urlencode({"sql": "select printf('%05.1f|%-3d|%s', 2.25, 7, 'ab') as v",
                                                          "_shape": "array"})
    assert json.load(urllib.request.urlopen(url)) == [{"v": "002.2|7  |ab"}] or json.load(
        urllib.request.urlopen(url)) == [{"v": "002.3|7  |ab"}]
