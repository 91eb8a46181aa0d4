"""`quotes serve` in a real headless Chromium (Debian's, driven by Playwright's Python API).

The database holds the sample article and an article whose quote carries HTML and a script,
both parsed by the real attributor. The test starts `quotes serve` on a free loopback port as a
subprocess and checks what the pages show: the speaker facet with its counts, filtering by it,
full-text search, the fact_check canned query, a datasette-vega chart, and the HTML quote shown
as text. Skipped, with the reason, where chromium or Playwright is absent.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quotes.serve import DEFAULT_HOST, datasette_args, metadata_for
from quotes.store import QuoteStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"
CHROMIUM = os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
HTML_TEXT = ("The campaign began on Monday.\n\n“<script>document.title='pwned'</script><b>Vote</b> for us "
             "on Thursday,” said Jane Doe, the candidate.")
HTML_QUOTE = "<script>document.title='pwned'</script><b>Vote</b> for us on Thursday"


# -- safe defaults (no browser needed) -------------------------------------------------------

def test_serve_defaults_are_loopback_and_immutable():
    args = datasette_args("quotes.db")
    assert DEFAULT_HOST == "127.0.0.1"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert "-i" in args and args[args.index("-i") + 1] == "quotes.db"
    assert "--plugins-dir" in args
    mutable = datasette_args("quotes.db", host="0.0.0.0", mutable=True)
    assert "-i" not in mutable and mutable[mutable.index("--host") + 1] == "0.0.0.0"


def test_metadata_follows_the_database_file_name():
    data = metadata_for("news.db")
    assert "news" in data["databases"] and "quotes" not in data["databases"]
    assert "href=\"/news/quotes_per_speaker" in data["description_html"]
    assert metadata_for("quotes.db")["databases"]["quotes"]["tables"]["speakers"]["label_column"] == "name"


# -- in the browser ------------------------------------------------------------------------

def _playwright():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`quotes serve` on the seed article plus the HTML-quote article; yields (base url, db)."""
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
    with QuoteStore(db) as store:
        assert [r["text"] for r in store.db["quotes"].rows_where("article_id = 'html-quote'")] == [HTML_QUOTE]
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(f"quotes serve did not start: {proc.stdout.read()}")
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            try:
                yield base, db, browser
            finally:
                browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def counts(db: Path) -> dict[str, int]:
    with QuoteStore(db) as s:
        return {r["name"]: r["quote_count"] for r in s.db["speakers"].rows}


def test_served_database_is_immutable(site):
    base, _, _ = site
    databases = json.load(urllib.request.urlopen(base + "/-/databases.json"))
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("quotes", False)]


def test_speaker_facet_shows_the_speakers_with_counts_and_filters(site):
    base, db, browser = site
    page = browser.new_page()
    page.goto(base + "/quotes/quotes")
    facet = page.locator(".facet-info", has_text="speaker_id")
    expected = counts(db)
    for name in ("Ben Wallace", "Sergei Shoigu", "Dmitry Kozak"):
        item = facet.locator("li", has=page.locator("a", has_text=name))
        assert item.count() == 1, name
        assert item.inner_text().strip() == f"{name} {expected[name]}"
    facet.locator("a", has_text="Sergei Shoigu").click()
    page.wait_for_url("**speaker_id=*")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == expected["Sergei Shoigu"]
    # quotes show their speaker by name (the label column), not an id
    assert all("Sergei Shoigu" in rows.nth(i).locator("td.col-speaker_id").inner_text() for i in range(rows.count()))
    page.close()


def test_full_text_search(site):
    base, _, browser = site
    page = browser.new_page()
    page.goto(base + "/quotes/quotes")
    page.fill("#_search", "experienced minister")
    page.press("#_search", "Enter")
    page.wait_for_url("**_search=*")
    cells = page.locator("table.rows-and-columns tbody td.col-text").all_inner_texts()
    assert cells and all("experienced minister" in c for c in cells)
    assert any(c.startswith("Shoigu is a professional and very experienced minister") for c in cells)
    page.close()


def test_fact_check_canned_query(site):
    base, _, browser = site
    page = browser.new_page()
    page.goto(base + "/quotes/fact_check")
    page.fill("input[name=claim]", "cooperation is close to zero")
    page.fill("input[name=speaker]", "Ben Wallace")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_url("**claim=*")
    first = page.locator("table.rows-and-columns tbody tr").first
    assert first.locator("td.col-verdict").inner_text() == "said by someone else"
    who = first.locator("td.col-speaker").inner_text() + first.locator("td.col-speaker_role").inner_text()
    assert "Shoigu" in who or "defence minister" in who
    assert "close to zero" in first.locator("td.col-context").inner_text()
    page.close()


def test_quote_with_html_and_script_shows_as_text(site):
    base, _, browser = site
    page = browser.new_page()
    page.goto(base + "/quotes/quotes?_search=thursday")
    cell = page.locator("table.rows-and-columns tbody td.col-text", has_text="Vote")
    assert cell.count() == 1
    assert cell.inner_text() == HTML_QUOTE  # the markup is shown, character for character
    assert cell.locator("script, b").count() == 0  # and nothing of it became elements
    assert page.title() != "pwned"
    assert page.evaluate("document.querySelectorAll('td script').length") == 0
    page.close()


def test_quotes_per_speaker_chart(site):
    base, _, browser = site
    page = browser.new_page()
    meta = metadata_for("quotes.db")
    link = meta["databases"]["quotes"]["queries"]["quotes_per_speaker"]["description_html"]
    href = link.split('href="')[1].split('"')[0]
    page.goto(base + href)
    page.wait_for_selector("svg.marks, canvas.marks", timeout=20_000)
    page.close()
