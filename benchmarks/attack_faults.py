"""The faults of `attack.py`: each injected into `quotes ingest` runs over 36 articles, then
judged against an undisturbed run: after the fault and a rerun of the same command the database
must be sound and hold exactly the undisturbed run's rows (else data was lost)."""
from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "seeds" / "000_311608aec32b352f.txt").read_text(encoding="utf-8")
QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]
N = 36
ROWS = "select a.source_path, a.id, q.seq, q.text, q.speaker, q.start, q.end from quotes q " \
       "join articles a on a.id = q.article_id order by a.id, q.seq"


@dataclass
class Result:
    injected: int = 0
    lost: int = 0
    detail: str = ""
    skipped: bool = False
    clean: bool = True  # ended as documented: right exit status, one clear message, no orphans


@dataclass
class Fault:
    name: str
    about: str
    inject: Callable[[Path, Env], Result]

    articles: int = N

    def run(self, folder: Path, run, rows) -> Result:
        try:
            return self.inject(folder, Env(folder, self.articles))
        except Exception as exc:  # noqa: BLE001 - the attack itself failed: say so, count it lost
            return Result(1, 1, f"the attack failed: {type(exc).__name__}: {exc}")


def write_articles(path: Path, tag: str = "", n: int = N) -> Path:
    paras = [p for p in SEED_TEXT.split("\n\n") if len(p) > 80]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            body = "\n\n".join(paras[(i + k) % len(paras)] for k in range(3))
            f.write(json.dumps({"id": f"{tag}a{i:03d}", "text": f"Bulletin {tag}{i}.\n\n{body}"}) + "\n")
    return path


def sound(db: Path) -> bool:
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ok &= con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")
        bad = con.execute(
            "select a.id from articles a left join quotes q on q.article_id = a.id group by a.id "
            "having count(q.id) != a.quote_count").fetchall()
        return ok and not bad
    except sqlite3.Error:
        return False
    finally:
        con.close()


def table(db: Path, sql: str = ROWS) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def children(pid: int) -> set[int]:
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
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return con.execute("select count(*) from articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


class Env:
    """A folder with the 36 articles and, made once per attack, the undisturbed run's rows."""

    _reference: dict[int, list] = {}
    _runs = 0

    def __init__(self, folder: Path, n: int = N):
        self.folder, self.n = folder, n
        self.src = write_articles(folder / "articles.jsonl", n=n)

    def ingest(self, db: Path, *extra: str, src: Path | None = None, **kw) -> subprocess.Popen:
        """Start `quotes ingest`; its standard error goes to a file (a pipe would stay open as
        long as any worker it forked lives on), read back with `errors(proc)`."""
        Env._runs += 1
        err = open(self.folder / f"stderr-{Env._runs}.txt", "w+b")
        proc = subprocess.Popen(QUOTES + ["ingest", str(src or self.src), "--db", str(db), "--batch-size", "2",
                                          *extra], cwd=self.folder, stdout=subprocess.DEVNULL, stderr=err, **kw)
        proc.err_file = err
        return proc

    def finish(self, db: Path, *extra: str, src: Path | None = None) -> tuple[int, str]:
        proc = self.ingest(db, *extra, src=src)
        proc.wait(timeout=900)
        return proc.returncode, errors(proc)

    def reference(self) -> list:
        key = self.n
        if key not in Env._reference:
            db = self.folder / "reference.db"
            rc, err = self.finish(db, "-p", "1")
            assert rc == 0, err
            Env._reference[key] = [r[1:] for r in table(db)]
        return Env._reference[key]

    def judge(self, db: Path, injected: int, detail: str, *extra: str) -> Result:
        """Rerun the same command, then compare with the undisturbed run."""
        rc, err = self.finish(db, *extra)
        if rc != 0:
            return Result(injected, 1, f"{detail}; rerun failed ({rc}): {err.strip()[-200:]}")
        ok = sound(db) and [r[1:] for r in table(db)] == self.reference()
        return Result(injected, 0 if ok else 1, detail + ("" if ok else "; rows differ from an undisturbed run"))


def errors(proc: subprocess.Popen) -> str:
    """What the finished `proc` (started by `Env.ingest`) wrote on standard error."""
    proc.err_file.seek(0)
    text = proc.err_file.read().decode("utf-8", "replace")
    proc.err_file.close()
    return text


def wait_stored(db: Path, n: int, proc: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while count(db) < n:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"ingest ended or stalled before {n} articles were stored")
        time.sleep(0.05)


def kill_parent(sig: signal.Signals, expect: int | None, group: bool = False):
    def inject(folder: Path, env: Env) -> Result:
        db = folder / "q.db"
        proc = env.ingest(db, "-p", "2", "--commit-every", "3", start_new_session=group)
        wait_stored(db, 6, proc)
        workers = children(proc.pid)
        (os.killpg if group else os.kill)(proc.pid, sig)
        proc.wait(timeout=120)
        err = errors(proc)
        deadline = time.monotonic() + 30
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = [w for w in workers if alive(w)]
        for w in orphans:
            os.kill(w, signal.SIGKILL)
        notes = [f"stopped after {count(db)} stored", f"exit {proc.returncode}"]
        if orphans:
            notes.append(f"{len(orphans)} ORPHANED workers")
        if expect is not None and proc.returncode != expect:
            notes.append(f"EXPECTED exit {expect}: {err[-200:]}")
        result = env.judge(db, 1, ", ".join(notes), "-p", "2")
        result.clean = not orphans and (expect is None or proc.returncode == expect)
        return result
    return inject


def kill_workers(sig: signal.Signals, times: int):
    def inject(folder: Path, env: Env) -> Result:
        db = folder / "q.db"
        proc = env.ingest(db, "-p", "2", "--commit-every", "2")
        wait_stored(db, 2, proc)
        done = 0
        rng = random.Random(7)
        while done < times and proc.poll() is None:
            time.sleep(rng.uniform(0.3, 1.5))
            workers = sorted(children(proc.pid))
            if workers:
                try:
                    os.kill(rng.choice(workers), sig)
                    done += 1
                except ProcessLookupError:
                    pass
        proc.wait(timeout=900)
        err = errors(proc)
        failed = err.count("worker process parsing it died")
        result = env.judge(db, done, f"first run exit {proc.returncode}, {failed} articles reported failed", "-p", "2")
        result.clean = "Traceback" not in err
        return result
    return inject


def kill_during_commits(times: int):
    def inject(folder: Path, env: Env) -> Result:
        db = folder / "q.db"
        for k in range(times):
            proc = env.ingest(db, "-p", "1", "--commit-every", "1")
            wait_stored(db, min(N - 1, count(db) + 3), proc)
            time.sleep(random.Random(k).uniform(0, 0.5))
            proc.kill()
            proc.wait()
            errors(proc)
            if not sound(db):
                return Result(k + 1, 1, "database unsound after kill -9")
        return env.judge(db, times, f"{count(db)} stored after {times} kills", "-p", "1")
    return inject


def concurrent(n: int):
    def inject(folder: Path, env: Env) -> Result:
        db = folder / "q.db"
        procs = [env.ingest(db, "-p", "1", "--commit-every", "1", src=write_articles(folder / f"s{i}.jsonl", f"w{i}-"))
                 for i in range(n)]
        for p in procs:
            p.wait(timeout=900)
        codes = [p.returncode for p in procs]
        locked = sum(errors(p).count("locked") for p in procs)
        stored = count(db)
        ok = codes == [0] * n and locked == 0
        return Result(n, 0 if stored == n * N and sound(db) else 1,
                      f"exit {codes}, {locked} 'locked' failures, {stored}/{n * N} stored", clean=ok)
    return inject


def lock_holder(folder: Path, env: Env) -> Result:
    db = folder / "q.db"
    rc, err = env.finish(db, "-p", "1", src=write_articles(folder / "first.jsonl", "f-"))
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sqlite3, time, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                               "c.execute('begin immediate'); time.sleep(8); c.execute('commit')", str(db)])
    time.sleep(0.5)
    rc, err = env.finish(db, "-p", "1", "--commit-every", "1")
    holder.wait()
    return Result(1, 0 if count(db) == 2 * N and sound(db) else 1,
                  f"ingest exit {rc} while another process held the write lock 8 s"
                  + ("" if rc == 0 else f": {err.strip()[-200:]}"), clean=rc == 0)


def _mount(point: Path, size: str) -> bool:
    point.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                          capture_output=True).returncode == 0


def _umount(point: Path) -> None:
    subprocess.run(["umount", str(point)], capture_output=True)


def full_tmpfs(folder: Path, env: Env) -> Result:
    mnt = folder / "small"
    if not _mount(mnt, "700k"):
        return Result(skipped=True, detail="cannot mount a tmpfs here")
    try:
        db = mnt / "q.db"
        rc, err = env.finish(db, "-p", "1", "--commit-every", "3")
        clear = rc == 1 and "Traceback" not in err and "disk is full" in err
        stored = count(db)
        moved = folder / "q.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{db}{suffix}").exists():
                shutil.copy(f"{db}{suffix}", f"{moved}{suffix}")
    finally:
        _umount(mnt)
    result = env.judge(moved, 1, f"exit {rc}, {stored} stored before the disk filled, message "
                                 f"{'clear' if clear else 'NOT CLEAR: ' + err.strip()[-200:]}", "-p", "1")
    result.clean = clear
    return result


def file_size_limit(folder: Path, env: Env) -> Result:
    db = folder / "q.db"
    proc = subprocess.Popen(QUOTES + ["ingest", str(env.src), "--db", str(db), "-p", "1", "--commit-every", "3"],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (500 * 1024, resource.RLIM_INFINITY)))
    _, err = proc.communicate(timeout=900)
    err = err.decode()
    clear = proc.returncode == 1 and "Traceback" not in err and "disk is full" in err
    result = env.judge(db, 1, f"exit {proc.returncode}, {count(db)} stored, message "
                              f"{'clear' if clear else 'NOT CLEAR: ' + err.strip()[-200:]}", "-p", "1")
    result.clean = clear
    return result


def read_only_fs(folder: Path, env: Env) -> Result:
    mnt = folder / "ro"
    if not _mount(mnt, "20m"):
        return Result(skipped=True, detail="cannot mount a tmpfs here")
    try:
        db = mnt / "q.db"
        rc, err = env.finish(db, "-p", "1")
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        export = subprocess.run(QUOTES + ["export", "--db", str(db), "--format", "jsonl"], capture_output=True, text=True)
        check = subprocess.run(QUOTES + ["check", "cooperation is close to zero", "--db", str(db)],
                               capture_output=True, text=True)
        ingest = subprocess.run(QUOTES + ["ingest", str(env.src), "--db", str(db), "--force", "-p", "1"],
                                capture_output=True, text=True)
        exported = len(export.stdout.splitlines())
        ok = (export.returncode == 0 and exported == len(env.reference()) and check.returncode == 0
              and "Shoigu" in check.stdout and ingest.returncode == 1 and "read-only" in ingest.stderr
              and "Traceback" not in ingest.stderr + export.stderr + check.stderr)
        after = hashlib.sha256(db.read_bytes()).hexdigest()
    finally:
        _umount(mnt)
    detail = (f"export {export.returncode} ({exported} rows), check {check.returncode}, ingest {ingest.returncode}: "
              f"{(ingest.stderr.strip().splitlines() or [''])[-1][:120]}")
    return Result(1, 0 if before == after else 1, detail, clean=ok)


def not_a_database(folder: Path, env: Env) -> Result:
    db = folder / "q.db"
    db.write_bytes(b"this is not a database, but someone's notes\n" * 100)
    before = db.read_bytes()
    outs = [subprocess.run(QUOTES + args, capture_output=True, text=True, cwd=folder) for args in (
        ["ingest", str(env.src), "--db", str(db), "-p", "1"], ["export", "--db", str(db)],
        ["check", "anything", "--db", str(db)])]
    clear = all(o.returncode == 1 and "Traceback" not in o.stderr and str(db) in o.stderr for o in outs)
    return Result(1, 0 if db.read_bytes() == before else 1,
                  f"exits {[o.returncode for o in outs]}, messages {'clear' if clear else 'NOT CLEAR'}: "
                  f"{(outs[0].stderr.strip().splitlines() or [''])[-1][:120]}", clean=clear)


def another_programs_db(folder: Path, env: Env) -> Result:
    db = folder / "someapp.db"
    con = sqlite3.connect(db)
    con.execute("create table customers (id integer primary key, name text)")
    con.execute("insert into customers (name) values ('Ada')")
    con.commit()
    con.close()
    before = db.read_bytes()
    out = subprocess.run(QUOTES + ["ingest", str(env.src), "--db", str(db), "-p", "1"], capture_output=True,
                         text=True, cwd=folder)
    beside = sorted(p.name for p in folder.iterdir() if p.name.startswith("someapp.db"))
    clear = out.returncode == 1 and "Traceback" not in out.stderr and "not a quote database" in out.stderr
    kept = db.read_bytes() == before and beside == ["someapp.db"]
    return Result(1, 0 if kept else 1, f"exit {out.returncode}, files {beside}: "
                                       f"{(out.stderr.strip().splitlines() or [''])[-1][:120]}", clean=clear)


def db_not_a_file(folder: Path, env: Env) -> Result:
    """`--db` naming a named pipe (export, check, serve, ingest) or /dev/null (ingest): refused
    by name at once, nothing waits, no `/dev/null-journal` left."""
    fifo = folder / "q.db"
    os.mkfifo(fifo)
    journal = Path("/dev/null-journal")
    had_journal = journal.exists()
    outs, hung = [], []
    for args in (["export", "--db", str(fifo)], ["check", "anything", "--db", str(fifo)], ["serve", str(fifo)],
                 ["ingest", str(env.src), "--db", str(fifo), "-p", "1"],
                 ["ingest", str(env.src), "--db", "/dev/null", "-p", "1"]):
        try:
            outs.append(subprocess.run(QUOTES + args, capture_output=True, text=True, timeout=60, cwd=folder))
        except subprocess.TimeoutExpired:
            hung.append(args[0])
    clear = not hung and all(o.returncode == 1 and "Traceback" not in o.stderr
                             and ("named pipe" in o.stderr or "/dev/null: a device" in o.stderr) for o in outs)
    left = journal.exists() and not had_journal
    return Result(5, 1 if left else 0, f"exits {[o.returncode for o in outs]}"
                  + (f", HUNG: {hung}" if hung else "") + (", /dev/null-journal LEFT" if left else ""), clean=clear)


def dask_unreachable(folder: Path, env: Env) -> Result:
    outs = []
    for address in ("tcp://127.0.0.1:1", "http://x"):
        db = folder / f"q-{len(outs)}.db"
        started = time.monotonic()
        out = subprocess.run(QUOTES + ["ingest", str(env.src), "--db", str(db), "--dask", address],
                             capture_output=True, text=True, cwd=folder, timeout=120)
        outs.append((out, time.monotonic() - started, db.exists()))
    clear = all(o.returncode != 0 and "Traceback" not in o.stderr and seconds < 15 and not made
                for o, seconds, made in outs)
    return Result(2, 0, ", ".join(f"exit {o.returncode} in {seconds:.1f} s, database {'MADE' if made else 'not made'}"
                                  for o, seconds, made in outs), clean=clear)


def export_faults(folder: Path, env: Env) -> Result:
    """`export -o` onto a full disk, and into a missing folder: one message, no partial file
    under the final name, the previous export under that name kept."""
    db = folder / "q.db"
    rc, err = env.finish(db, "-p", "1")
    missing = subprocess.run(QUOTES + ["export", "--db", str(db), "-o", "/nonexistent/x.csv"], capture_output=True,
                             text=True)
    clear = missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
    mnt = folder / "small"
    if not _mount(mnt, "256k"):
        return Result(1, 0, f"missing folder: exit {missing.returncode} (a full disk not tried: no tmpfs)", clean=clear)
    try:
        out = mnt / "quotes.csv"
        out.write_text("the export of yesterday\n", encoding="utf-8")
        free = shutil.disk_usage(mnt).free  # fill the disk, but for 8 KB: less than the export needs
        (mnt / "filler").write_bytes(b"x" * max(0, free - 8192))
        full = subprocess.run(QUOTES + ["export", "--db", str(db), "-o", str(out)], capture_output=True, text=True)
        kept = out.read_text(encoding="utf-8") == "the export of yesterday\n"
        stray = sorted(p.name for p in mnt.iterdir() if p.name not in ("quotes.csv", "filler"))
    finally:
        _umount(mnt)
    clear &= full.returncode == 1 and "Traceback" not in full.stderr and len(full.stderr.strip().splitlines()) == 1
    return Result(2, 0 if kept and not stray else 1,
                  f"missing folder: exit {missing.returncode}; full disk: exit {full.returncode}, earlier export "
                  f"{'kept' if kept else 'LOST'}, {len(stray)} stray files: "
                  f"{(full.stderr.strip().splitlines() or [''])[-1][:100]}", clean=clear)


def updates(folder: Path, env: Env) -> Result:
    """Two articles retracted with the same notice and a third given a corrected title, the
    feed then named another way (`./articles.jsonl`): updates, said so; no stale quote kept, no
    second copy stored."""
    db = folder / "q.db"
    rc, err = env.finish(db, "-p", "1")
    records = [json.loads(line) for line in env.src.read_text(encoding="utf-8").splitlines()]
    notice = "This article has been retracted."
    records[0]["text"] = records[1]["text"] = notice
    records[2]["title"] = "Corrected headline"
    env.src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run(QUOTES + ["ingest", "./articles.jsonl", "--db", str(db), "-p", "1"], capture_output=True,
                         text=True, cwd=folder)
    reference = env.reference()
    expected = [r for r in reference if r[0] not in ("a000", "a001")]
    got = [r[1:] for r in table(db)]
    articles = table(db, "select count(*) from articles")[0][0]
    title = table(db, "select title from articles where source_id = 'a002'")
    ok = got == expected and articles == env.n and title == [("Corrected headline",)] and sound(db)
    clear = out.returncode == 0 and "3 of them updates" in out.stderr
    return Result(3, 0 if ok else 1, f"{articles} articles, {len(got)} quotes (expected {len(expected)}): "
                                     f"{(out.stderr.strip().splitlines() or [''])[0][:120]}", clean=clear)


FAULTS: list[Fault] = [
    Fault("kill9-parent", "kill -9 of a --processes 2 ingest", kill_parent(signal.SIGKILL, None)),
    Fault("sigterm-parent", "SIGTERM to a --processes 2 ingest", kill_parent(signal.SIGTERM, 143)),
    Fault("ctrl-c", "Ctrl-C (SIGINT to the process group)", kill_parent(signal.SIGINT, 130, group=True)),
    Fault("kill9-workers", "kill -9 of a worker, six times in one run of 150 articles",
          kill_workers(signal.SIGKILL, 6), articles=150),
    Fault("sigterm-workers", "SIGTERM to a worker, three times in one run of 150 articles",
          kill_workers(signal.SIGTERM, 3), articles=150),
    Fault("kill9-commits", "kill -9 at random moments of a --commit-every 1 run, three runs", kill_during_commits(3)),
    Fault("two-writers", "two ingests into one database at once, --commit-every 1", concurrent(2)),
    Fault("three-writers", "three ingests into one database at once, --commit-every 1", concurrent(3)),
    Fault("lock-holder", "another process holding the write lock for 8 s", lock_holder),
    Fault("disk-full", "the database on a 700 KB tmpfs", full_tmpfs),
    Fault("file-size-limit", "ulimit -f 500 KB", file_size_limit),
    Fault("read-only-fs", "the database on a file system remounted read-only", read_only_fs),
    Fault("not-a-database", "--db naming a file that is not a database", not_a_database),
    Fault("another-programs-db", "--db naming another program's SQLite database", another_programs_db),
    Fault("db-not-a-file", "--db naming a named pipe (export, check, serve, ingest) or /dev/null", db_not_a_file),
    Fault("dask-unreachable", "--dask tcp://127.0.0.1:1 and --dask http://x", dask_unreachable),
    Fault("export-faults", "export -o onto a full disk and into a missing folder", export_faults),
    Fault("updates", "two articles retracted with one notice, a title corrected, the feed named ./articles.jsonl",
          updates),
]
