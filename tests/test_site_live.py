"""Serving a database while it is written, and what one visitor can cost the site: `quotes serve`
on a file that `quotes ingest` is writing shows every committed article and never a malformed
page; an error page logs one line; a named pipe is refused by name."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import free_port, start_serve, stop

from quotes.cli import cli

ROOT = Path(__file__).resolve().parent.parent
N_LIVE = 900


def committed_articles(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("select count(*) from articles").fetchone()[0]
    finally:
        con.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.slow
def test_serving_while_ingesting_shows_every_commit(tmp_path):
    """~900 tiny articles ingested into the file being served: every page answers 200 all the
    way through, and a request made after a commit counts that commit's articles."""
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "a-start", "text": "“We begin today,” the mayor said."}) + "\n")
    db = tmp_path / "live.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    quotes = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
    subprocess.run([*quotes, "ingest", str(first), "--db", str(db), "-p", "1", "-q"], check=True, cwd=ROOT, env=env)
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as f:
        for i in range(N_LIVE - 1):
            f.write(json.dumps({"id": f"a{i:04d}", "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                "text": f"“Bus lane {i} opens on Monday,” Mayor Jane Roe said. Critics disagreed."}) + "\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve([*quotes, "serve", str(db), "--port", str(port)], base)
    pages = ["/live/articles/a-start", "/live/quotes?in_body=1", "/live/speakers"]
    try:
        writer = subprocess.Popen([*quotes, "ingest", str(feed), "--db", str(db), "-p", "1", "--commit-every", "25",
                                   "-q"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        seen, statuses, checks = [], {}, 0
        try:
            while True:
                done = writer.poll() is not None
                before = committed_articles(db)
                status, front = fetch(base + "/")
                statuses[status] = statuses.get(status, 0) + 1
                m = re.search(r"quotes from ([\d,]+) articles?", front)
                assert status == 200 and m, front[-2000:]
                shown = int(m.group(1).replace(",", ""))
                assert shown >= before, (shown, before)  # nothing committed is missing
                assert "malformed" not in front
                seen.append(shown)
                for path in pages:
                    status, body = fetch(base + path)
                    statuses[status] = statuses.get(status, 0) + 1
                    assert status == 200 and "malformed" not in body, (path, body[-1000:])
                checks += 1
                if done:
                    break
                time.sleep(0.2)
        finally:
            if writer.poll() is None:
                writer.kill()
            err = writer.communicate()[1]
        assert writer.returncode == 0, err
        assert committed_articles(db) == N_LIVE
        assert seen[-1] == N_LIVE
        assert len(set(seen)) >= 3, seen  # the site followed the ingest, commit by commit
        assert set(statuses) == {200}
    finally:
        stop(server)


def test_an_error_page_logs_one_line(tmp_path):
    from site_db import build

    db = build(tmp_path / "news.db")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", str(db),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if fetch(base + "/-/versions.json")[0] == 200:
                        break
                except urllib.error.URLError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
            before = log.read_text().count("\n")
            for path in ("/nope", "/news/quotes/99999999", "/news/nope/nope", "/news.json?sql=select+nope"):
                status, body = fetch(base + path)
                assert status in (400, 404), (path, status)
            time.sleep(0.5)  # let the server write its log
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    lines = log.read_text().splitlines()[before:]
    text = "\n".join(lines)
    assert "locals" not in text and "Traceback" not in text and "│" not in text, text
    assert len([ln for ln in lines if "/nope" in ln or "99999999" in ln or "select+nope" in ln]) <= 2 * 4, text
    assert len(lines) <= 10, text


def test_serve_and_export_refuse_a_named_pipe(tmp_path):
    fifo = tmp_path / "q.db"
    os.mkfifo(fifo)
    for args in (["serve", str(fifo)], ["serve", "--db", str(fifo)], ["export", "--db", str(fifo)],
                 ["check", "close to zero", "--db", str(fifo)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (args, result.output)
        assert result.output.strip() == f"Error: {fifo}: a named pipe, not a database file; name a file (made by `quotes ingest`)"
