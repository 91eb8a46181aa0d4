"""The readers, each on small files written here: what is read, and how bad input is reported."""
from __future__ import annotations

import csv
import gzip
import io
import json
import pickle
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quotes.readers import InputError, ReadOptions, list_directory, read_inputs
from quotes.cli.input_options import input_options, read_options_from

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"

ARTICLE = (
    "Minister says talks were useful\n\n"
    "The foreign minister said on Tuesday that the talks in Geneva had been “useful and frank”, "
    "and that both delegations would meet again next month.\n\n"
    "“We have made progress on the hardest issues,” she told reporters outside the hall.\n"
)

PAGE = """<!DOCTYPE html>
<html><head><title>Minister says talks were useful | Daily Planet</title>
<meta property="og:title" content="Minister says talks were useful">
<meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://dailyplanet.example/politics/talks">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics desk</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav></header>
<main><article>
<h1>Minister says talks were useful</h1>
<p>The foreign minister said on Tuesday that the talks in Geneva had been “useful and frank”, and
that both delegations would meet again next month to settle the remaining questions.</p>
<p>“We have made progress on the hardest issues,” she told reporters outside the conference hall.
“Nobody expected a breakthrough in one day.”</p>
<p>Opposition leaders were less convinced. “This is a photo opportunity, not a policy,” said John
Smith, who leads the largest opposition party in parliament.</p>
</article>
<aside class="related"><h2>Related articles</h2><ul>
<li><a href="/a">Storm closes coastal roads as “worst winter in decades” bites</a></li>
<li><a href="/b">Mayor says budget is “not negotiable”</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<p>Great article, “totally agree” with the minister!</p></section>
</main>
<footer><p>© Daily Planet. All rights reserved.</p></footer>
</body></html>
"""
NAV_ONLY = "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def read(paths, **options):
    """Articles and problems from reading `paths`."""
    errors: list[InputError] = []
    articles = list(read_inputs([str(p) for p in paths], ReadOptions(**options), on_error=errors.append))
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- plain text ---------------------------------------------------------------------------

def test_txt_with_sidecar_metadata_and_trailing_matter():
    [article], errors = read([SEED])
    assert errors == []
    assert article.id == "000_311608aec32b352f"
    assert article.title == "Cooperation between UK and Russia ‘close to zero’, Wallace told by Kremlin"
    assert article.outlet == "The Guardian"
    assert str(article.published) == "2022-02-11"
    assert article.byline == "Andrew Roth, Dan Sabbagh and Shaun Walker"
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.body_end == 5255
    assert article.text[article.body_end:].startswith("Andrew Roth in Moscow")


def test_txt_without_sidecar_takes_stem_and_headline(tmp_path):
    write(tmp_path / "talks.txt", ARTICLE)
    write(tmp_path / "prose.txt", "The minister said on Tuesday that\nthe talks had been useful.\n")
    [prose, talks], errors = read([tmp_path / "prose.txt", tmp_path / "talks.txt"])
    assert errors == []
    assert (talks.id, talks.title, talks.text) == ("talks", "Minister says talks were useful", ARTICLE)
    assert talks.body_end is None
    assert prose.title is None  # a first line that runs on into the next is not a headline


def test_txt_crlf_is_read_as_newlines(tmp_path):
    write(tmp_path / "a.txt", ARTICLE.replace("\n", "\r\n"))
    [article], _ = read([tmp_path / "a.txt"])
    assert article.text == ARTICLE


def test_malformed_sidecar_is_a_warning_and_the_text_is_read(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.json", '{"title": "x",')
    [article], [err] = read([tmp_path / "a.txt"])
    assert article.id == "a" and article.title == "Minister says talks were useful"
    assert (err.level, err.kind, err.path) == ("warning", "sidecar", str(tmp_path / "a.json"))


def test_directory_recursive_sorted_with_glob_and_sidecars(tmp_path):
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "b.json", '{"id": "bee", "title": "B"}')  # sidecar: metadata, not an input
    write(tmp_path / "sub" / "a.txt", ARTICLE.replace("Geneva", "Vienna"))
    write(tmp_path / "sub" / "c.html", PAGE)
    write(tmp_path / ".hidden" / "d.txt", ARTICLE)
    write(tmp_path / "notes.md", "not an input")
    articles, errors = read([tmp_path])
    assert errors == []
    # sorted paths: b.txt, sub/a.txt, sub/c.html; ids are paths inside the directory
    assert [a.id for a in articles] == ["bee", "sub/a", "sub/c"]
    assert articles[0].title == "B"
    only_html, _ = read([tmp_path], glob="*.html")
    assert [a.id for a in only_html] == ["sub/c"]
    [alone], _ = read([tmp_path / "sub" / "a.txt"])
    assert alone.id == "a"
    assert list_directory(tmp_path, ReadOptions(glob="*.txt")) == [tmp_path / "b.txt", tmp_path / "sub" / "a.txt"]
    _, [err] = read([tmp_path], glob="*.xml")
    assert err.kind == "empty" and "no input files" in err.message


def test_same_name_in_two_subdirectories_are_two_articles(tmp_path):
    write(tmp_path / "2023" / "brief.txt", ARTICLE)
    write(tmp_path / "2024" / "brief.txt", ARTICLE.replace("Tuesday", "Friday"))
    articles, _ = read([tmp_path])
    assert [a.id for a in articles] == ["2023/brief", "2024/brief"]


def test_an_id_reused_for_another_text_is_a_warning_only_within_one_source(tmp_path):
    write(tmp_path / "guardian.csv", "id,text\n1,First paper's article.\n2,Same text in both.\n1,Corrected.\n")
    write(tmp_path / "times.csv", "id,text\n1,Second paper's article.\n2,Same text in both.\n")
    articles, [err] = read([tmp_path / "guardian.csv", tmp_path / "times.csv"])
    assert [a.id for a in articles] == ["1", "2", "1", "1", "2"]  # another source's "1" is another article
    assert (err.path, err.line, err.kind, err.level) == (str(tmp_path / "guardian.csv"), 4, "duplicate-id", "warning")
    assert f"already used by {tmp_path / 'guardian.csv'}:2" in err.message and "replaces it" in err.message


def test_stdin_text_and_gzipped_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    [article], errors = read(["-"])
    assert errors == [] and article.text == ARTICLE and article.title == "Minister says talks were useful"
    dump = b'{"id": "s1", "text": "One line."}\n{"id": "s2", "body": "Two lines."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(dump))))
    articles, errors = read(["-"])
    assert errors == [] and [(a.id, a.text) for a in articles] == [("s1", "One line."), ("s2", "Two lines.")]


# --- dumps --------------------------------------------------------------------------------

def test_jsonl_in_the_evaluation_shape(tmp_path):
    record = {"id": "g1", "text": ARTICLE + "\nRelated Content\n\nArticle image\nOther headline\n",
              "body_end": 120, "attributions": [{"content": [[0, 5]]}],
              "meta": {"publisher": "breitbart", "publication_date": "2016-09-12", "author": "Virgil",
                       "title": "Stealth Over Health"}}
    write(tmp_path / "gold.jsonl", json.dumps(record) + "\n")
    [article], errors = read([tmp_path / "gold.jsonl"])
    assert errors == []
    assert (article.id, article.text, article.title, article.outlet, article.byline) == (
        "g1", record["text"], "Stealth Over Health", "breitbart", "Virgil")
    assert str(article.published) == "2016-09-12"
    assert article.body_end == 120  # the record's own, not recomputed
    assert "attributions" not in article.meta and article.meta["line"] == 1


def test_jsonl_bad_lines_are_located_and_skipped(tmp_path):
    lines = ['{"id": "x", "text": "First article text."}', '{bad json', '',
             '{"id": "y", "body": "Second article text."}', '[1, 2]', '{"id": "z", "title": "no text"}',
             '{"id": "w", "content": "Third article text."}']
    write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    articles, errors = read([tmp_path / "dump.jsonl"])
    assert [a.id for a in articles] == ["x", "y", "w"]
    assert [(e.line, e.kind) for e in errors] == [(2, "malformed"), (5, "malformed"), (6, "no-text")]
    assert str(errors[0]).startswith(f"{tmp_path / 'dump.jsonl'}:2: malformed JSON")
    assert "--text-field" in errors[2].message


def test_json_list_with_field_options_and_default_names(tmp_path):
    items = [
        {"id": "a", "body": "Alpha text.", "headline": "Alpha", "link": "http://a.example",
         "published_at": "2024-01-02", "authors": ["Ann One", "Bob Two"], "source": {"id": None, "name": "Wire"}},
        {"id": "b", "summary": "no text field here"},
        {"id": "c", "content": "Gamma text."},
    ]
    dumped = json.dumps(items, indent=1)
    write(tmp_path / "dump.json", dumped)
    b_opens = next(n for n, line in enumerate(dumped.splitlines(), 1) if '"b"' in line) - 1  # its "{"
    articles, [err] = read([tmp_path / "dump.json"])
    assert [a.id for a in articles] == ["a", "c"]
    a = articles[0]
    assert (a.text, a.title, a.url, str(a.published), a.byline, a.outlet) == (
        "Alpha text.", "Alpha", "http://a.example", "2024-01-02", "Ann One, Bob Two", "Wire")
    assert (err.line, err.kind) == (b_opens, "no-text")  # the line where item "b" starts
    # chosen fields, including a dotted one into a nested object
    nested = [{"story": {"body": "Nested text.", "hed": "Nested"}, "key": 7}]
    write(tmp_path / "nested.json", json.dumps(nested))
    [n], errors = read([tmp_path / "nested.json"], text_field="story.body", title_field="story.hed", id_field="key")
    assert errors == [] and (n.id, n.text, n.title) == ("7", "Nested text.", "Nested")


def test_json_api_wrapper_and_malformed_json(tmp_path):
    write(tmp_path / "api.json", json.dumps({"status": "ok", "articles": [
        {"title": "N", "content": "News API text.", "publishedAt": "2024-01-01T10:00:00Z", "source": {"name": "API"}}]}))
    write(tmp_path / "broken.json", '[\n  {"id": "a", "text": "ok"},\n  {"id": "b" "text": "x"}\n]')
    articles, errors = read([tmp_path / "api.json", tmp_path / "broken.json"])
    assert [(a.title, a.text, a.outlet) for a in articles][0] == ("N", "News API text.", "API")
    assert articles[0].id.startswith("api-")  # no id field: the file stem and a hash of the text
    assert [a.id for a in articles[1:]] == ["a"]  # items before the break are kept
    [err] = errors
    assert (err.path, err.line, err.kind) == (str(tmp_path / "broken.json"), 3, "malformed")


def test_csv_dump_with_default_names_multiline_fields_and_bad_rows(tmp_path):
    path = tmp_path / "dump.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text", "date", "url"])
        w.writerow(["1", "First", 'He said, "yes".', "2024-01-01", "http://a"])
        w.writerow(["2", "Multi", "Line one\nline two", "2024-01-02", "http://b"])
    with open(path, "a", encoding="utf-8") as f:
        f.write("3,Short row,only three\n")
        f.write('4,"Bad quote"x,text,2024,u\n')
        f.write("5,Fifth,Fine again.,2024-01-05,http://e\n")
    articles, errors = read([path])
    assert [(a.id, a.title, a.text, a.url) for a in articles] == [
        ("1", "First", 'He said, "yes".', "http://a"), ("2", "Multi", "Line one\nline two", "http://b"),
        ("5", "Fifth", "Fine again.", "http://e")]
    assert [(e.line, e.kind) for e in errors] == [(5, "malformed"), (6, "malformed")]
    assert "3 fields, the header has 5" in errors[0].message


def test_csv_field_options(tmp_path):
    write(tmp_path / "scrape.csv", "guid,story,hed,when,who\nk1,Story text.,Hed,2023-05-06,Reporter Name\n")
    [a], errors = read([tmp_path / "scrape.csv"], text_field="story", id_field="guid", title_field="hed",
                       date_field="when", byline_field="who")
    assert errors == [] and (a.id, a.text, a.title, str(a.published), a.byline) == (
        "k1", "Story text.", "Hed", "2023-05-06", "Reporter Name")
    _, [err] = read([tmp_path / "scrape.csv"])
    assert (err.line, err.kind) == (2, "no-text")


def test_gz_of_each_format(tmp_path):
    write(tmp_path / "a.txt.gz", gzip.compress(ARTICLE.encode()))
    write(tmp_path / "b.jsonl.gz", gzip.compress(b'{"id": "b", "text": "Bee."}\n'))
    write(tmp_path / "c.csv.gz", gzip.compress(b"id,text\nc,Sea.\n"))
    write(tmp_path / "d.html.gz", gzip.compress(PAGE.encode()))
    write(tmp_path / "e.json.gz", gzip.compress(b'[{"id": "e", "text": "Eee."}]'))
    write(tmp_path / "f.txt", gzip.compress(b"Gzipped without saying so."))  # found by its magic number
    articles, errors = read([tmp_path])
    assert errors == []
    assert [a.id for a in articles] == ["a", "b", "c", "d", "e", "f"]
    assert articles[0].text == ARTICLE and articles[3].title == "Minister says talks were useful"
    assert articles[5].text == "Gzipped without saying so."


# --- web pages and archives ---------------------------------------------------------------

def test_html_body_and_metadata_without_nav_related_or_comments(tmp_path):
    [a], errors = read([write(tmp_path / "talks.html", PAGE)])
    assert errors == []
    assert a.id == "talks"
    assert (a.title, a.byline, str(a.published), a.url, a.outlet) == (
        "Minister says talks were useful", "Lois Lane", "2024-03-05",
        "https://dailyplanet.example/politics/talks", "Daily Planet")
    assert a.text.startswith("Minister says talks were useful\n\nThe foreign minister said")
    assert "“We have made progress on the hardest issues,” she told reporters" in a.text
    assert a.text.rstrip().endswith("largest opposition party in parliament.")
    for outside in ("Politics desk", "worst winter", "not negotiable", "totally agree", "All rights"):
        assert outside not in a.text


def test_html_with_no_article_body(tmp_path):
    write(tmp_path / "index.htm", NAV_ONLY)
    articles, [err] = read([tmp_path / "index.htm"])
    assert articles == [] and err.kind == "no-body" and err.path == str(tmp_path / "index.htm")


def _warc(path: Path, records, gz: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, body, ctype, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        writer.write_record(writer.create_warc_record("https://dailyplanet.example/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_only(tmp_path, gz):
    records = [  # an image first: binary bytes at the start of an archive are normal
        ("https://dailyplanet.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "image/png", "200 OK"),
        ("https://dailyplanet.example/politics/talks", PAGE.encode(), "text/html; charset=utf-8", "200 OK"),
        ("https://dailyplanet.example/moved", b"<html>moved</html>", "text/html", "301 Moved Permanently"),
        ("https://dailyplanet.example/index", NAV_ONLY.encode(), "text/html", "200 OK"),
    ]
    path = _warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), records, gz)
    [a], [err] = read([path])
    assert a.url == "https://dailyplanet.example/politics/talks"
    assert a.title == "Minister says talks were useful" and a.outlet == "Daily Planet"
    assert "worst winter" not in a.text and a.meta["warc_record_id"].startswith("urn:uuid:")
    assert err.kind == "no-body" and "https://dailyplanet.example/index" in err.message
    assert err.path == str(path)


def test_a_file_named_warc_that_is_not_one(tmp_path):
    _, [err] = read([write(tmp_path / "fake.warc", "just some words, not an archive\n")])
    assert err.kind == "malformed" and "WARC" in err.message


# --- bad input ------------------------------------------------------------------------------

def test_each_kind_of_bad_input_is_reported_and_the_rest_is_read(tmp_path):
    write(tmp_path / "01-good.txt", ARTICLE)
    write(tmp_path / "02-empty.txt", b"")
    write(tmp_path / "03-blank.txt", b"  \n\n")
    write(tmp_path / "04-binary.txt", b"\x00\x01\x02\x03 rest of a binary file")
    write(tmp_path / "05-pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    write(tmp_path / "06-latin1.txt", "Caf\u00e9 owners said the \u00e9t\u00e9 was hard.\n".encode("latin-1"))
    write(tmp_path / "07-bad.jsonl", '{"id": "ok", "text": "Fine."}\n{"id": oops}\n')
    write(tmp_path / "08-bad.csv", "id,text\nr1,Fine row.\nr2,too,many\n")
    write(tmp_path / "09-nobody.html", NAV_ONLY)
    write(tmp_path / "10-huge.txt", "word " * 5000)
    write(tmp_path / "11-good.html", PAGE)
    articles, errors = read([tmp_path, tmp_path / "12-missing.txt"], max_bytes=10_000)
    assert [a.id for a in articles] == ["01-good", "06-latin1", "ok", "r1", "11-good"]
    latin = articles[1]
    assert latin.text == "Caf\ufffd owners said the \ufffdt\ufffd was hard.\n"
    found = {(Path(e.path).name, e.line, e.kind, e.level) for e in errors}
    assert found == {
        ("02-empty.txt", None, "empty", "error"), ("03-blank.txt", None, "empty", "error"),
        ("04-binary.txt", None, "binary", "error"), ("05-pdf.txt", None, "binary", "error"),
        ("06-latin1.txt", 1, "encoding", "warning"), ("07-bad.jsonl", 2, "malformed", "error"),
        ("08-bad.csv", 3, "malformed", "error"), ("09-nobody.html", None, "no-body", "error"),
        ("10-huge.txt", None, "too-large", "error"), ("12-missing.txt", None, "missing", "error"),
    }
    assert len(errors) == len(found)  # each problem reported once


def test_size_limit_applies_after_decompression_and_per_record(tmp_path):
    write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 200_000))
    write(tmp_path / "dump.jsonl", json.dumps({"id": "big", "text": "x" * 5000}) + "\n"
          + json.dumps({"id": "small", "text": "Fine."}) + "\n")
    articles, errors = read([tmp_path / "bomb.txt.gz", tmp_path / "dump.jsonl"], max_bytes=1000)
    assert [a.id for a in articles] == ["small"]
    assert [(Path(e.path).name, e.line, e.kind) for e in errors] == [
        ("bomb.txt.gz", None, "too-large"), ("dump.jsonl", 1, "too-large")]
    [unlimited], _ = read([tmp_path / "bomb.txt.gz"], max_bytes=0)
    assert len(unlimited.text) == 200_000


def test_bad_utf8_in_a_dump_names_the_line(tmp_path):
    write(tmp_path / "d.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n')
    articles, [err] = read([tmp_path / "d.jsonl"])
    assert [a.text for a in articles] == ["ok", "caf\ufffd"]
    assert (err.line, err.kind, err.level) == (2, "encoding", "warning")


# --- InputError and the command-line options ----------------------------------------------------

def test_input_error_prints_pickles_and_defaults_to_stderr(tmp_path, capsys):
    err = InputError("news/a.csv", 7, "malformed CSV row", kind="malformed")
    assert str(err) == "news/a.csv:7: malformed CSV row"
    assert str(InputError("a.html", None, "HTML page with no article body")) == "a.html: HTML page with no article body"
    assert pickle.loads(pickle.dumps(err)) == err
    assert err.as_dict() == {"path": "news/a.csv", "line": 7, "message": "malformed CSV row",
                             "kind": "malformed", "level": "error"}
    list(read_inputs([str(write(tmp_path / "e.txt", b""))]))
    assert capsys.readouterr().err == f"quotes: error: {tmp_path / 'e.txt'}: empty file\n"


def test_input_options_decorator_builds_read_options():
    seen = {}

    @click.command()
    @click.argument("paths", nargs=-1)
    @input_options
    def cmd(paths, **kwargs):
        seen["options"] = read_options_from(kwargs)
        seen["rest"] = kwargs

    runner = CliRunner()
    result = runner.invoke(cmd, ["x", "--input-format", "csv", "--glob", "*.csv", "--text-field", "story",
                                 "--id-field", "guid", "--title-field", "hed", "--url-field", "link",
                                 "--date-field", "when", "--author-field", "who", "--outlet-field", "site",
                                 "--max-size", "2MB", "--no-trailing"])
    assert result.exit_code == 0, result.output
    assert seen["rest"] == {}
    assert seen["options"] == ReadOptions(input_format="csv", glob="*.csv", text_field="story", id_field="guid",
                                          title_field="hed", url_field="link", date_field="when",
                                          byline_field="who", outlet_field="site", max_bytes=2 * 1024 * 1024,
                                          find_trailing=False)
    assert runner.invoke(cmd, ["x"]).exit_code == 0 and seen["options"] == ReadOptions()
    bad = runner.invoke(cmd, ["x", "--max-size", "lots"])
    assert bad.exit_code == 2 and "not a size" in bad.output
    help_text = runner.invoke(cmd, ["--help"]).output
    for option in ("--input-format", "--glob", "--text-field", "--id-field", "--title-field", "--url-field",
                   "--date-field", "--max-size", "--no-trailing"):
        assert option in help_text


def test_input_format_overrides_the_extension(tmp_path):
    write(tmp_path / "feed.dat", '{"id": "f", "text": "From a .dat file."}\n')
    write(tmp_path / "page.php", PAGE)
    [f], errors = read([tmp_path / "feed.dat"], input_format="jsonl")
    assert errors == [] and f.text == "From a .dat file."
    [page], errors = read([tmp_path / "page.php"])  # unknown extension: recognised by content
    assert errors == [] and page.title == "Minister says talks were useful"
    [raw], _ = read([tmp_path / "page.php"], input_format="txt")
    assert raw.text.startswith("<!DOCTYPE html>")


def test_semicolon_and_tab_separated_dumps(tmp_path):
    write(tmp_path / "excel.csv", "id;titel;text\ne1;Eins;Der Minister sagte, es sei gut.\n")
    write(tmp_path / "dump.tsv", "id\ttext\tdate\nt1\tTabbed text, with a comma.\t2024-02-02\n")
    articles, errors = read([tmp_path / "excel.csv", tmp_path / "dump.tsv"])
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [("e1", "Der Minister sagte, es sei gut."),
                                                  ("t1", "Tabbed text, with a comma.")]
    assert str(articles[1].published) == "2024-02-02"


def test_utf16_text_is_named_as_such(tmp_path):
    write(tmp_path / "win.txt", "Exported from a word processor.".encode("utf-16"))
    _, [err] = read([tmp_path / "win.txt"])
    assert err.kind == "encoding" and err.level == "error" and "UTF-16" in err.message
