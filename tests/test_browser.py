"""The quote site (`quotes serve`) in a real headless Chromium (Debian's, driven by Playwright).

The database holds the sample article and an article whose quote carries HTML and a script,
both parsed by the real attributor. `quotes serve` runs on a free loopback port as a
subprocess; the tests check what a journalist sees: the front page and its search, a speaker
page, the article view with its quotes marked, the quotes table's reader view, the fact-check
form and the charts. Each page is saved to tests/screenshots/ (ignored by git). Skipped, with
the reason, where chromium or Playwright is absent.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from quotes.store import QuoteStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"
ARTICLE = "000_311608aec32b352f"
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}
HTML_TEXT = ("The campaign began on Monday.\n\n“<script>document.title='pwned'</script><b>Vote</b> for us "
             "on Thursday,” said Jane Doe, the candidate.")
HTML_QUOTE = "<script>document.title='pwned'</script><b>Vote</b> for us on Thursday"


def _playwright():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(argv: list[str], base: str, timeout: float = 90) -> subprocess.Popen:
    """Run `argv` (a `quotes serve`) and wait until `base` answers."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"quotes serve did not start: {proc.stdout.read()}")
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def served_in_chromium(db: Path, sync_playwright):
    """`quotes serve DB` on a free port of 127.0.0.1 and a headless Chromium beside it:
    (base url, browser); both stopped on the way out."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_serve([sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(db),
                        "--port", str(port)], base)
    SHOTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            try:
                yield base, browser
            finally:
                browser.close()
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`quotes serve` on the seed article plus the HTML-quote article; yields (base url, db, browser)."""
    sync_playwright = _playwright()
    from quotes.ingest import ingest

    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "quotes.db"
    extra = tmp / "articles"
    extra.mkdir()
    (extra / "html-quote.txt").write_text(HTML_TEXT, encoding="utf-8")
    (extra / "html-quote.json").write_text(
        json.dumps({"id": "html-quote", "title": "A quote with markup", "published": "2022-02-12"}), encoding="utf-8")
    report = ingest([str(SEED.parent), str(extra)], db, processes=1)
    assert report.ok and report.articles_stored == 2, report.summary()
    with served_in_chromium(db, sync_playwright) as (base, browser):
        yield base, db, browser


def rows(db: Path, sql: str, params=()) -> list[dict]:
    with QuoteStore(db) as s:
        return [dict(r) for r in s.db.query(sql, params)]


def new_page(browser):
    return browser.new_page(viewport=VIEWPORT)


def shot(page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_served_database_is_read_live(site):
    """A file this user can write is served read-only but not immutable, so an ingest writing it
    shows up (see tests/test_site_live.py)."""
    base, _, _ = site
    databases = json.load(urllib.request.urlopen(base + "/-/databases.json"))
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("quotes", True)]


def test_front_page_search_finds_close_to_zero(site):
    base, db, browser = site
    page = new_page(browser)
    page.goto(base + "/")
    top = page.locator("ul.top-speakers li a.label").all_inner_texts()
    expected = [r["name"] for r in rows(db, "select name from speakers where is_person = 1 "
                                          "order by quote_count desc limit 12")]
    assert top == expected and top[0] == "Ben Wallace"
    n = {t: rows(db, f"select count(*) as n from {t}")[0]["n"] for t in ("quotes", "articles", "speakers")}
    assert page.locator("p.totals").inner_text() == f"{n['quotes']} quotes from 2 articles, {n['speakers']} speakers."
    latest = page.locator("ul.latest-quotes li")
    assert latest.count() == len(rows(db, "select id from quotes where in_body = 1 limit 12"))
    shot(page, "front-page", full=False)
    page.fill("#site-search", "close to zero")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/-/search?q=*")
    cells = page.locator("ul.search-quotes blockquote").all_inner_texts()
    assert any("close to zero" in c for c in cells), cells
    # the reader's view: the quote, speaker, cue, article, outlet and date; no offsets or JSON
    text = page.locator("section.content").inner_text()
    assert "[[" not in text and "spans" not in text
    shot(page, "search-close-to-zero", full=False)
    page.close()


def test_speaker_page_lists_every_body_quote_without_json(site):
    base, db, browser = site
    (wallace,) = rows(db, "select id from speakers where name = 'Ben Wallace'")
    body = rows(db, "select id, text from quotes where speaker_id = ? and in_body = 1", [wallace["id"]])
    trailing = rows(db, "select id, text from quotes where speaker_id = ? and in_body = 0", [wallace["id"]])
    # (the third trailing one: `Defence secretary’s leaked letter to PM warns …`, a document
    # speaking for its author since issue 18)
    assert len(body) == 10 and len(trailing) == 3
    page = new_page(browser)
    page.goto(f"{base}/quotes/speakers/{wallace['id']}")
    assert page.locator("h1").inner_text() == "Ben Wallace"
    items = page.locator("ul.speaker-quotes li")
    shown = {int(i.get_attribute("id")[2:]): i.locator("blockquote").inner_text() for i in items.all()}
    assert shown == {q["id"]: q["text"] for q in body}
    body_text = page.locator("section.content").inner_text()
    assert all(q["text"] not in body_text for q in trailing)
    assert "3 more quotes in related-headline lists" in body_text
    for fragment in ('["', '{"', '":', "[[", "null"):
        assert fragment not in body_text, fragment
    # a role written with and without `the` is listed once, with the articles that gave it
    stored_roles = {r["role"] for r in rows(db, "select role from speaker_roles where speaker_id = ?", [wallace["id"]])}
    assert "UK defence secretary" in stored_roles  # stored without its article (`the UK defence secretary`)
    assert not any(r.lower().startswith("the ") for r in stored_roles)
    listed = [t.split(" (")[0] for t in page.locator("ul.roles:not(.aliases) li").all_inner_texts()]
    assert sorted(listed, key=str.lower) == sorted({r.removeprefix("the ") for r in stored_roles}, key=str.lower)
    # every quote links to its own page, and its article link to its place in the article view
    hrefs = items.locator("blockquote a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert sorted(hrefs) == sorted(f"/quotes/quotes/{q['id']}" for q in body)
    places = items.locator(".meta a[title='See it in the article']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert sorted(places) == sorted(f"/quotes/articles/{ARTICLE}#q{q['id']}" for q in body)
    shot(page, "speaker-ben-wallace")
    # the CSV link gives the same quotes (and, marked, the trailing ones, as `quotes export` does)
    csv_href = page.locator("a", has_text="Download CSV").get_attribute("href")
    csv_text = urllib.request.urlopen(base + csv_href).read().decode("utf-8")
    assert all(q["text"].split("\n")[0] in csv_text for q in body)
    page.goto(f"{base}/quotes/speakers/{wallace['id']}")
    items.first.locator(".meta a[title='See it in the article']").click()
    page.wait_for_url(f"**#q{shown and next(iter(shown))}")
    target = page.evaluate("document.querySelector(':target').tagName")
    assert target == "MARK"
    page.close()


def test_article_view_marks_each_quote_with_its_speaker(site):
    base, db, browser = site
    page = new_page(browser)
    page.goto(f"{base}/quotes/articles/{ARTICLE}")
    (article,) = rows(db, "select text, body_end from articles where id = ?", [ARTICLE])
    quotes = rows(db, "select id, speaker, kind, rule, spans, in_body from quotes where article_id = ?", [ARTICLE])
    assert sum(q["in_body"] for q in quotes) == 20
    for q in quotes:
        mark = page.locator(f"mark#q{q['id']}")
        assert mark.count() == 1, q
        who = q["speaker"] or "unknown speaker"
        assert mark.get_attribute("data-speaker") == who
        assert mark.get_attribute("title") == f"{who} · {q['kind']} · {q['rule']}"
        last = page.locator(f"mark[data-quote='{q['id']}']").last
        assert last.locator(".who").inner_text().startswith(who)
        start, end = json.loads(q["spans"])[0]
        first_text = mark.evaluate("m => Array.from(m.childNodes).filter(n => !(n.classList && "
                                   "n.classList.contains('who'))).map(n => n.textContent).join('')")
        assert first_text == article["text"][start:end]
        assert (mark.evaluate("m => !!m.closest('.article-trailing')")) == (not q["in_body"])
    # a mixed quote's words in quote marks are set apart inside its mark
    mixed = page.locator("mark.kind-mixed q.verbatim", has_text="above zero")
    assert mixed.count() == 1
    assert page.locator(".article-trailing").inner_text().startswith(article["text"][article["body_end"]:][:40].strip()[:20])
    shot(page, "article-view", full=False)
    page.locator("mark", has_text="close to zero").first.scroll_into_view_if_needed()
    shot(page, "article-view-mark", full=False)
    page.close()


def test_quotes_table_reader_view(site):
    base, db, browser = site
    page = new_page(browser)
    page.goto(base + "/quotes/quotes")
    assert "in_body=1" in page.url
    page.goto(page.url + "&_facet=speaker")  # facets scan every quote: asked for, not run by default
    body = rows(db, "select count(*) as n from quotes where in_body = 1")[0]["n"]
    assert page.locator("table.rows-and-columns tbody tr").count() == body
    facet = page.locator(".facet-info", has_text="speaker")
    counts = {r["speaker"]: r["n"] for r in rows(
        db, "select speaker, count(*) as n from quotes where in_body = 1 group by speaker")}
    item = facet.locator("li", has=page.locator("a", has_text="Sergei Shoigu"))
    assert item.inner_text().strip() == f"Sergei Shoigu {counts['Sergei Shoigu']}"
    link = page.locator("td.col-text a").first.get_attribute("href")
    assert link.startswith("/quotes/articles/") and "#q" in link
    shot(page, "quotes-table", full=False)
    facet.locator("a", has_text="Sergei Shoigu").click()
    page.wait_for_url("**speaker=*")
    assert page.locator("table.rows-and-columns tbody tr").count() == counts["Sergei Shoigu"]
    page.close()
    # a quote's own page: the quote, its speaker, the evidence, and the way to its article
    (above,) = rows(db, "select id, article_id, rule from quotes where text = 'they were “above zero”'")
    page = new_page(browser)
    page.goto(f"{base}/quotes/quotes/{above['id']}")
    assert page.locator("blockquote").inner_text() == "they were “above zero”"
    assert page.locator("a.button").get_attribute("href") == f"/quotes/articles/{ARTICLE}#q{above['id']}"
    text = page.locator("section.content").inner_text()
    assert "Ben Wallace" in text and "[[" not in text
    page.locator("details summary", has_text="How it was found").click()
    assert f"Rule {above['rule']}" in page.locator("section.content").inner_text()
    shot(page, "quote-page", full=False)
    page.close()
    # the JSON API still has every column
    data = json.load(urllib.request.urlopen(base + "/quotes/quotes.json?_shape=objects&_size=1"))
    assert {"spans", "quoted_spans", "start", "end", "in_body"} <= set(data["rows"][0])


def test_fact_check_answers_above_the_fold(site):
    base, _, browser = site
    page = new_page(browser)
    page.goto(base + "/quotes/fact_check")
    assert page.locator("pre#sql-query, textarea#sql-editor").count() == 0  # no SQL in the way
    page.fill("input[name=claim]", "cooperation is close to zero")
    page.fill("input[name=speaker]", "Ben Wallace")
    page.locator("form.fact-check input[type=submit]").click()
    page.wait_for_url("**claim=*")
    verdict = page.locator("section.verdict")
    assert verdict.locator(".verdict-text").inner_text() == "said by someone else"
    summary = verdict.locator(".summary").inner_text()
    assert summary.startswith("Said, but not by Ben Wallace: Sergei Shoigu")
    box = verdict.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORT["height"]  # above the fold
    evidence = page.locator("ul.evidence li").first
    assert "close to zero" in evidence.inner_text()
    assert f"/quotes/articles/{ARTICLE}#q" in evidence.locator("blockquote a").get_attribute("href")
    shot(page, "fact-check", full=False)
    page.close()


def test_quote_with_html_and_script_shows_as_text(site):
    base, _, browser = site
    page = new_page(browser)
    page.goto(base + "/quotes/quotes?_search=thursday")
    cell = page.locator("table.rows-and-columns tbody td.col-text", has_text="Vote")
    assert cell.count() == 1
    assert cell.inner_text() == HTML_QUOTE  # the markup is shown, character for character
    assert cell.locator("script, b").count() == 0  # and nothing of it became elements
    page.goto(base + "/quotes/articles/html-quote")
    mark = page.locator("mark.quote")
    assert mark.count() == 1 and mark.locator("script, b").count() == 0
    assert HTML_QUOTE in mark.inner_text()
    assert page.title() != "pwned"
    assert page.evaluate("document.querySelectorAll('section.content script').length") == 0
    page.close()


def test_charts_by_count_and_a_sentence_for_one_date(site):
    base, db, browser = site
    page = new_page(browser)
    page.goto(base + "/quotes/quotes_per_speaker")
    values = [int(v.replace(",", "")) for v in page.locator("ul.chart li .n").all_inner_texts()]
    assert values == sorted(values, reverse=True) and values[0] == 13    # Ben Wallace: 10 in the body, 3 after it
    shot(page, "chart-quotes-per-speaker", full=False)
    page.goto(base + "/quotes/quotes_per_day")
    days = {r["published"]: r["n"] for r in rows(
        db, "select published, count(*) as n from quotes where in_body = 1 group by published")}
    assert len(days) == 2  # the sample's date and the HTML article's
    cols = page.locator(".columns .col")
    assert cols.count() == 2
    assert [c.get_attribute("title") for c in cols.all()] == [f"{d}: {n}" for d, n in sorted(days.items())]
    shot(page, "chart-quotes-per-day", full=False)
    page.goto(base + "/quotes/speaker_timeline?speaker=Ben+Wallace")
    note = page.locator(".chart-empty").inner_text()
    assert note.startswith("All 10 dated quotes are from one day, 2022-02-11")
    shot(page, "chart-speaker-timeline", full=False)
    page.close()


def test_speakers_table_shows_aliases_and_roles_as_text(site):
    base, db, browser = site
    page = new_page(browser)
    page.goto(base + "/quotes/speakers")
    names = page.locator("table.rows-and-columns tbody td.col-name").all_inner_texts()
    assert names[0] == "Ben Wallace"  # most quoted first
    (wallace,) = rows(db, "select id from speakers where name = 'Ben Wallace'")
    link = page.locator("td.col-name a", has_text="Ben Wallace").get_attribute("href")
    assert link == f"/quotes/speakers/{wallace['id']}"
    (lavrov,) = rows(db, "select aliases, roles from speakers where name = 'Sergei Lavrov'")
    row = page.locator("table.rows-and-columns tbody tr", has=page.locator("td.col-name", has_text="Sergei Lavrov"))
    aliases = row.locator("td.col-aliases").inner_text()
    assert aliases == ", ".join(json.loads(lavrov["aliases"]))
    roles = row.locator("td.col-roles").inner_text()
    role = json.loads(lavrov["roles"])[0]
    assert roles.startswith(role["role"]) and role["first_seen"] in roles
    cells = " ".join(page.locator("table.rows-and-columns tbody td.col-aliases, td.col-roles").all_inner_texts())
    assert '["' not in cells and '{"' not in cells
    shot(page, "speakers-table", full=False)
    page.close()
