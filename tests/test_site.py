"""The quote site without a browser: its packaging, `quotes serve`'s arguments and messages,
the bounded SQL functions, the escaped database name and the indexes the pages rely on.

The wheel tests build the real wheel (`pip wheel . --no-deps`), check what it holds, install it
(no dependencies: the test venv's packages are made visible to the fresh venv) and serve the
sample database from it, outside the checkout, so nothing can come from the source tree.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

from quotes.serve import DEFAULT_HOST, datasette_args, metadata_for
from quotes.site import METADATA, PLUGINS_DIR, TEMPLATES_DIR
from quotes.factcheck import scoring
from quotes.factcheck import sql as factcheck_sql
from quotes.store import QuoteStore
from quotes.serve import can_change
from quotes.store.schema import SCHEMA_VERSION, SITE_INDEXES
from test_browser import ARTICLE, SEED, free_port, start_serve, stop

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "cooperation is close to zero"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    from quotes.ingest import ingest

    db = tmp_path_factory.mktemp("site") / "quotes.db"
    report = ingest([str(SEED.parent)], db, processes=1)
    assert report.ok and report.articles_stored == 1, report.summary()
    return db


def get(url: str) -> str:
    return urllib.request.urlopen(url, timeout=30).read().decode("utf-8")


def assert_site(base: str) -> None:
    """The front page (template), the article view (plugin and template) and the fact check
    (canned query from the metadata, with the SQL functions) all answer as they should."""
    front = get(base + "/")
    assert "Speakers quoted most" in front and "Ben Wallace" in front
    article = get(f"{base}/quotes/articles/{ARTICLE}")
    assert article.count('<mark id="q') == 28 and 'data-speaker="Sergei Shoigu"' in article
    check = get(f"{base}/quotes/fact_check?claim=cooperation+is+close+to+zero&speaker=Ben+Wallace")
    assert '<span class="verdict-text">said by someone else</span>' in check
    assert "Said, but not by Ben Wallace: Sergei Shoigu (Russia’s defence minister) said it" in check


# -- what `quotes serve` runs ------------------------------------------------------------------

def test_serve_defaults_are_loopback_read_only_with_the_site(tmp_path):
    args = datasette_args("quotes.db")
    assert DEFAULT_HOST == "127.0.0.1"
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert "-i" not in args and args[1] == "quotes.db"  # read-only (Datasette's mode=ro), not immutable
    assert args[args.index("--plugins-dir") + 1] == str(PLUGINS_DIR)
    assert args[args.index("--template-dir") + 1] == str(TEMPLATES_DIR)
    frozen = datasette_args("quotes.db", host="0.0.0.0", immutable=True)
    assert frozen[1:3] == ["-i", "quotes.db"] and frozen[frozen.index("--host") + 1] == "0.0.0.0"
    # live when the file can change (this user may write it and its folder), else immutable
    db = tmp_path / "q.db"
    db.write_bytes(b"")
    assert can_change(db)
    db.chmod(0o444)
    assert can_change(db) == (os.geteuid() == 0)  # root may write anything


def test_packaged_metadata_is_the_top_level_file():
    assert METADATA.read_bytes() == (ROOT / "datasette-metadata.json").read_bytes(), (
        "quotes/site/datasette-metadata.json differs from datasette-metadata.json: copy the top-level file over it")


def test_metadata_follows_the_database_file_name():
    data = metadata_for("news.db")
    assert "news" in data["databases"] and "quotes" not in data["databases"]
    assert 'href="/news/fact_check"' in data["description_html"]
    assert metadata_for("quotes.db")["databases"]["quotes"]["tables"]["speakers"]["label_column"] == "name"


def test_database_file_name_is_escaped_in_the_metadata(tmp_path):
    name = 'x"><img src=y onerror=alert(1)>'
    data = metadata_for(tmp_path / f"{name}.db")
    assert name in data["databases"]
    html = data["description_html"]
    assert "<img" not in html and 'x"' not in html
    assert 'href="/x~22~3E~3Cimg+src~3Dy+onerror~3Dalert~281~29~3E/fact_check"' in html


def test_crafted_database_name_serves_without_a_script(sample_db, tmp_path):
    crafted = tmp_path / 'x"><img src=y onerror=alert(1)>.db'
    crafted.write_bytes(sample_db.read_bytes())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_serve([sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(crafted),
                        "--port", str(port)], base)
    try:
        front = get(base + "/")
        assert "<img src=y" not in front and "onerror=alert(1)>" not in front
        assert "Speakers quoted most" in front
    finally:
        stop(proc)


def test_port_in_use_is_one_line_suggesting_port(sample_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(sample_db),
                              "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port (for example --port {port + 1})"]


# -- the SQL functions take bounded input -------------------------------------------------------

def test_sql_functions_bound_their_input():
    claim = " ".join(f"word{i}" for i in range(2000))
    words = scoring.content_words(claim)
    assert words == [f"word{i}" for i in range(scoring.MAX_WORDS)]
    assert factcheck_sql.fts_query_all(claim).count(" AND ") == scoring.MAX_WORDS - 1
    # a quote is compared up to MAX_TEXT_CHARS: words beyond it are not seen
    text = "x " * scoring.MAX_TEXT_CHARS + CLAIM
    assert scoring.score(CLAIM, text) < scoring.NEAR
    assert scoring.score(CLAIM, "x " * 100 + CLAIM) == 100.0
    aliases = json.dumps([f"Name {i}" for i in range(100_000)] + ["Ben Wallace"])
    assert not scoring.speaker_matches("Ben Wallace", "Someone Else", aliases)
    assert scoring.speaker_matches("Wallace", "Someone Else", json.dumps(["Ben Wallace"]))
    conn = sqlite3.connect(":memory:")
    factcheck_sql.register(conn)
    assert conn.execute("select claim_score(?, ?), claim_verdict('x', 1, 'y'), speaker_matches(1, 2, 3)",
                        [claim, "word1 word2"]).fetchone() == (scoring.score(claim, "word1 word2"), "not found", 0)


# -- indexes for the pages ---------------------------------------------------------------------

def plan(conn, sql: str, params=()) -> str:
    return " | ".join(r[3] for r in conn.execute("explain query plan " + sql, params))


def test_indexes_serve_the_default_sort_the_facets_and_speaker_pages(tmp_path):
    """On a new file and on one made before the site's migration step (version 1)."""
    old = tmp_path / "old.db"
    with QuoteStore(old) as store:
        assert len(SITE_INDEXES) == 7
        for name in [r[0] for r in store.db.execute(
                "select name from sqlite_master where type = 'index' and name like 'idx_quotes_in_body%' "
                "or name in ('idx_quotes_speaker_id_in_body_published', 'idx_speakers_quote_count', 'idx_quotes_speaker')")]:
            store.db.execute(f"drop index {name}")
        store.db.execute("PRAGMA user_version = 1")
    for path in (tmp_path / "new.db", old):
        check_plans(path)


def check_plans(path: Path) -> None:
    with QuoteStore(path) as store:
        conn = store.db.conn
        sort = plan(conn, "select * from quotes where in_body = 1 order by published desc, id desc limit 101")
        assert "USING INDEX idx_quotes_in_body_published (in_body=?)" in sort and "TEMP B-TREE" not in sort
        for column in ("speaker", "kind", "outlet", "published"):
            facet = plan(conn, f"select {column} as value, count(*) from (select * from quotes where in_body = 1) "
                               f"where {column} is not null group by {column} order by count(*) desc limit 9")
            assert f"USING COVERING INDEX idx_quotes_in_body_{column} (in_body=?" in facet, facet
            assert "GROUP BY" not in facet  # grouped in index order
        every = plan(conn, "select speaker, count(*) from quotes where speaker is not null group by speaker")
        assert "USING COVERING INDEX idx_quotes_speaker (speaker" in every and "GROUP BY" not in every
        page = plan(conn, "select id from quotes where speaker_id = ? and in_body = 1 "
                          "order by published desc, id desc limit 500", [1])
        assert "idx_quotes_speaker_id_in_body_published (speaker_id=? AND in_body=?)" in page and "TEMP B-TREE" not in page
        top = plan(conn, "select id from speakers where is_person = 1 order by quote_count desc limit 12")
        assert "idx_speakers_quote_count" in top and "TEMP B-TREE" not in top
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 2


# -- the wheel -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = out / "src"  # a clean copy: no build/ left over from an earlier build can slip in
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "screenshots", ".pytest_cache", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(out)],
                   check=True, capture_output=True, timeout=600)
    (path,) = out.glob("quotes-*.whl")
    return path


def test_wheel_holds_the_site(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"quotes/site/templates/{p.name}" for p in TEMPLATES_DIR.glob("*.html")}
    plugins = {f"quotes/site/plugins/{p.name}" for p in PLUGINS_DIR.glob("*.py")}
    assert {"quotes/site/templates/row.html", "quotes/site/plugins/quotes_sql.py"} <= templates | plugins
    assert templates | plugins <= names
    assert zipfile.ZipFile(wheel).read("quotes/site/datasette-metadata.json") == (
        ROOT / "datasette-metadata.json").read_bytes()


@pytest.mark.slow
def test_installed_wheel_serves_the_site(wheel, sample_db, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    here = subprocess.run([sys.executable, "-c", "import datasette, os; print(os.path.dirname(os.path.dirname(datasette.__file__)))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    Path(site, "deps-from-test-venv.pth").write_text(here + "\n")  # the dependencies, not quotes
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run([str(python), "-c", "import quotes.site; print(quotes.site.HERE)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(site), where
    db = work / "quotes.db"
    db.write_bytes(sample_db.read_bytes())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_serve([str(env_dir / "bin" / "quotes"), "serve", str(db), "--port", str(port)], base)
    try:
        assert_site(base)
    finally:
        stop(proc)


def test_readme_publish_flags_serve_the_site(sample_db, tmp_path):
    """`datasette publish` / `package` run `datasette serve` with the README's flags: the same
    flags, given to `datasette serve` here, must make the same site."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("\ndatasette package quotes.db", 1)[1].split("\n\n")[0].split("\ndocker")[0]
    words = shlex.split(block.replace("\\\n", " "))
    assert words[:2] == ["-t", "quotes-site"], words
    keep, it = [], iter(words[2:])
    for flag in it:  # --install belongs to the image; the rest is what it serves with
        value = next(it)
        if flag == "--extra-options":
            keep += shlex.split(value)
        elif flag != "--install":
            keep += [flag, str(ROOT / value) if (ROOT / value).exists() else value]
    assert "--template-dir" in keep and "--plugins-dir" in keep and "-m" in keep
    db = tmp_path / "quotes.db"
    db.write_bytes(sample_db.read_bytes())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_serve([sys.executable, "-m", "datasette", "serve", "-i", str(db), "--port", str(port), *keep], base)
    try:
        assert_site(base)
    finally:
        stop(proc)


# -- the article view's marks --------------------------------------------------------------------

def test_article_marks_keep_every_character_and_escape_it():
    import html as html_mod
    import re

    from quotes.site.plugins.quotes_article import render

    text = "Intro <b>bold</b>.\n\n“We can try,” he said, “and move on.” Mr X said it was “above zero”.\nRelated: “Other”"
    body_end = text.index("Related")
    q = [
        {"id": 1, "spans": json.dumps([[text.index("We"), text.index(",”")], [text.index("and"), text.index(".”") + 1]]),
         "quoted_spans": "[]", "speaker_spans": json.dumps([[text.index("he"), text.index("he") + 2]]),
         "cue_spans": json.dumps([[text.index("said"), text.index("said") + 4]]), "kind": "direct",
         "rule": "cue_quote", "in_body": 1, "speaker_id": 7, "speaker": "Ben <Wallace>"},
        {"id": 2, "spans": json.dumps([[text.index("it was"), text.index("zero”") + 5]]),  # overlaps nothing
         "quoted_spans": json.dumps([[text.index("above"), text.index("zero") + 4]]), "speaker_spans": "[]",
         "cue_spans": "[]", "kind": "mixed", "rule": "cue_complement", "in_body": 1, "speaker_id": None, "speaker": None},
        {"id": 3, "spans": json.dumps([[text.index("was"), text.index("above")]]),  # inside quote 2: dropped
         "quoted_spans": "[]", "speaker_spans": "[]", "cue_spans": "[]", "kind": "indirect", "rule": "x",
         "in_body": 1, "speaker_id": None, "speaker": "Y"},
        {"id": 4, "spans": json.dumps([[text.index("Other"), text.index("Other") + 5]]), "quoted_spans": "[]",
         "speaker_spans": "[]", "cue_spans": "[]", "kind": "direct", "rule": "x", "in_body": 0,
         "speaker_id": None, "speaker": "Z"},
    ]
    out = str(render(text, q, body_end, speaker_url=lambda sid: f"/quotes/speakers/{sid}"))
    assert "<b>" not in out and "&lt;b&gt;bold&lt;/b&gt;" in out and "Ben &lt;Wallace&gt;" in out
    assert out.count('<mark id="q1"') == 1 and out.count('data-quote="1"') == 4  # two spans, mention, cue
    assert '<q class="verbatim">above zero</q>' in out
    assert 'id="q3"' not in out and 'data-speaker="unknown speaker"' in out
    assert out.index('<div class="article-trailing"') < out.index('id="q4"')
    visible = re.sub(r'<span class="who">.*?</span></span>', "", out)
    assert html_mod.unescape(re.sub(r"<[^>]+>", "", visible)) == text


def test_serve_names_an_older_schema_and_upgrades_it_when_asked(sample_db, tmp_path):
    old = tmp_path / "quotes.db"
    old.write_bytes(sample_db.read_bytes())
    conn = sqlite3.connect(old)
    conn.execute("drop index idx_quotes_in_body_published")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with socket.socket() as taken:  # the server never starts: only what comes before it is seen
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serve = [sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(old), "--port", str(port)]
        first = subprocess.run(serve, capture_output=True, text=True, timeout=60)
        second = subprocess.run([*serve, "--upgrade"], capture_output=True, text=True, timeout=60)
    assert first.stderr.splitlines()[0] == (
        f"{old}: schema version 1, older than this quotes writes ({SCHEMA_VERSION}): the site's indexes are "
        "missing, so a large database browses slowly; `quotes serve --upgrade` adds them")
    assert second.stderr.splitlines()[0].startswith(f"Error: port {port}")
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("select 1 from sqlite_master where name = 'idx_quotes_in_body_published'").fetchone()
