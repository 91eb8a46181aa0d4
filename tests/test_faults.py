"""Faults an ingest must survive (issue: nothing lost, nothing hangs): its parent killed or
terminated, two ingests writing one database, a full disk, a read-only database. Each runs the
real command in its own process."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from test_resume import check_consistent, count, write_articles

ROOT = Path(__file__).resolve().parent.parent
CLI = "from quotes.cli import cli; cli()"

pytestmark = [pytest.mark.slow,  # whole ingests killed, blocked and run side by side
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")]


def quotes_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def start_ingest(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, Path, Path]:
    src = tmp_path / "articles.jsonl"
    write_articles(src)
    db = tmp_path / "q.db"
    err = open(tmp_path / "stderr.txt", "w+")
    proc = subprocess.Popen(quotes_cmd("ingest", str(src), "--db", str(db), "--batch-size", "2",
                                       "--commit-every", "3", "--quiet", *extra), cwd=ROOT, stderr=err)
    proc.err = err
    return proc, src, db


# --- 6. workers die with their parent; SIGTERM is Ctrl-C ------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "SIGTERM"])
def test_the_workers_never_outlive_their_parent(tmp_path, sig):
    proc, src, db = start_ingest(tmp_path, "--processes", "2")
    workers: set[int] = set()
    try:
        wait_for(lambda: count(db, "select count(*) from articles") >= 4, 120, "ingest stored nothing")
        workers = children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(sig)  # the parent alone, as a service manager or `kill` does
        proc.wait(timeout=60)
        wait_for(lambda: not any(alive(w) for w in workers), 30, "a worker outlived its parent")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers | children(proc.pid):  # orphans would run on after the test
            if alive(w):
                os.kill(w, signal.SIGKILL)
    proc.err.seek(0)
    stderr = proc.err.read()
    if sig == signal.SIGTERM:
        assert proc.returncode == 143, stderr
        assert "interrupted: run the same command again to carry on" in stderr
    check_consistent(db)
    stored = count(db, "select count(*) from articles")
    rerun = subprocess.run(quotes_cmd("ingest", str(src), "--db", str(db), "--quiet"), cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "select count(*) from articles") == 36 >= stored
    check_consistent(db)


# --- 8. two writers wait their turn ------------------------------------------------------------

WRITERS_ARTICLES = 150

@pytest.mark.slow
def test_two_ingests_into_one_database_at_once_both_store_everything(tmp_path):
    db = tmp_path / "q.db"
    procs = []
    write_articles(tmp_path / "seed.jsonl")
    texts = [json.loads(x)["text"] for x in (tmp_path / "seed.jsonl").read_text(encoding="utf-8").splitlines()]
    for name in ("a", "b"):  # long enough runs that they overlap for many commits
        src = tmp_path / f"{name}.jsonl"
        src.write_text("".join(json.dumps({"id": f"{name}{i}", "text": f"From {name}, number {i}. {texts[i % 36]}"})
                               + "\n" for i in range(WRITERS_ARTICLES)), encoding="utf-8")
    for name in ("a", "b"):  # started together: both also create the new database's tables
        src = tmp_path / f"{name}.jsonl"
        procs.append(subprocess.Popen(quotes_cmd("ingest", str(src), "--db", str(db), "--commit-every", "1",
                                                 "-p", "1", "--quiet"), cwd=ROOT, stderr=subprocess.PIPE,
                                      text=True))
    outs = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    assert [rc for rc, _ in outs] == [0, 0], outs
    assert count(db, "select count(*) from articles") == 2 * WRITERS_ARTICLES
    check_consistent(db)


# --- 9. a full disk, a read-only database --------------------------------------------------------

def test_a_full_disk_is_one_clear_message_and_keeps_what_was_committed(tmp_path):
    src = tmp_path / "articles.jsonl"
    write_articles(src)
    db = tmp_path / "q.db"

    def small_files():  # as a full disk does: writing past 400 KB fails
        resource.setrlimit(resource.RLIMIT_FSIZE, (400 * 1024, resource.RLIM_INFINITY))

    full = subprocess.run(quotes_cmd("ingest", str(src), "--db", str(db), "-p", "1", "--commit-every", "3",
                                     "--quiet"), cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=small_files)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr
    assert f"cannot write {db}" in full.stderr and "disk is full" in full.stderr, full.stderr
    stored = count(db, "select count(*) from articles")
    check_consistent(db)
    rerun = subprocess.run(quotes_cmd("ingest", str(src), "--db", str(db), "--quiet"), cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "select count(*) from articles") == 36 >= stored


def _as_nobody():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to take write access away (root writes anywhere)")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_database_that_cannot_be_written_is_read(tmp_path):
    nobody = _as_nobody()
    top = Path(tempfile.mkdtemp(prefix="quotes-ro-"))  # pytest's own folder is closed to others
    folder = top / "ro"
    folder.mkdir()
    src = tmp_path / "articles.jsonl"
    write_articles(src)
    db = folder / "q.db"
    made = subprocess.run(quotes_cmd("ingest", str(src), "--db", str(db), "--quiet"), cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    os.chmod(top, 0o755)
    os.chmod(folder, 0o555)  # nobody may read the file but create nothing beside it (no -shm)
    os.chmod(db, 0o444)
    try:
        export = subprocess.run(nobody + quotes_cmd("export", "--db", str(db), "--format", "jsonl"), cwd="/",
                                capture_output=True, text=True, timeout=120)
        assert export.returncode == 0, export.stderr
        rows = [json.loads(line) for line in export.stdout.splitlines()]
        assert len(rows) == count(db, "select count(*) from quotes") > 36
        check = subprocess.run(nobody + quotes_cmd("check", "cooperation is close to zero", "--db", str(db)),
                               cwd="/", capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stderr
        assert "Shoigu" in check.stdout
        ingest = subprocess.run(nobody + quotes_cmd("ingest", str(src), "--db", str(db), "--force", "--quiet"),
                                cwd="/", capture_output=True, text=True, timeout=300)
        assert ingest.returncode == 1 and "Traceback" not in ingest.stderr
        assert f"cannot write {db}" in ingest.stderr and "read-only" in ingest.stderr, ingest.stderr
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(top)


# --- 7. a worker killed at any moment costs nothing ----------------------------------------------

def test_a_pool_found_broken_when_a_batch_is_handed_over_costs_no_article(monkeypatch):
    """A worker killed between two hand-overs breaks the pool before the next one: that batch
    is parsed again like any batch in flight, not the run ended by a traceback."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from quotes.models import Article
    from quotes.processing.pipeline import extract_articles, get_nlp
    from quotes.processing import pool

    if not pool.available():
        pytest.skip("worker processes are forked")
    real = ProcessPoolExecutor.submit
    calls = []

    def submit(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # as if the worker had just been killed
            raise BrokenProcessPool("A child process terminated abruptly")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    batch = [Article(id=f"a{i}", text=f"“Item {i} is ready,” Ben Wallace said.") for i in range(8)]
    failed = []
    out = list(extract_articles(batch, nlp=get_nlp(), n_process=2, batch_size=2,
                                on_error=lambda a, m: failed.append(a.id)))
    assert failed == []
    assert [(a.id, [q.speaker for q in qs]) for a, qs in out] == [(a.id, ["Ben Wallace"]) for a in batch]


def test_a_file_that_is_not_a_quote_database_is_named_and_left_alone(tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    notes = tmp_path / "notes.db"
    notes.write_bytes(b"someone's notes, not a database\n" * 64)
    before = notes.read_bytes()
    runner = CliRunner()
    for args in (["export", "--db", str(notes)], ["check", "anything", "--db", str(notes)],
                 ["speakers", "rename", "A", "B", "--db", str(notes)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.exception)
        assert f"{notes}: not a quote database" in result.output, (args, result.output)
    assert notes.read_bytes() == before
