"""The reliability attack: bad inputs and injected faults against the real `quotes` command.

    python benchmarks/attack.py [--keep DIR] [--only NAME...]

Each bad input goes to its own `quotes ingest` beside one good article; it is handled cleanly
when the run ends by itself (no hang, no traceback), says what was wrong naming the input, stores
the good article and every good record, and stores nothing else. Each fault (killed or
terminated processes, concurrent writers, a read-only or full file system) is injected into a
run over 36 articles; data is lost when, after it and a rerun of the same command, the database
is not sound or does not hold exactly the rows of an undisturbed run. Prints one line per case
and the tally. Faults that need root (mounting a small tmpfs, running as another user) are
skipped with a reason where that is not possible.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from attack_faults import FAULTS
from attack_inputs import GOOD_TEXT, INPUTS

ROOT = Path(__file__).resolve().parent.parent
QUOTES = [sys.executable, "-c", "from quotes.cli import cli; cli()"]


def run(args: list[str], *, cwd: Path, timeout: float = 600, stdin: bytes | None = None,
        prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run((prefix or []) + QUOTES + args, cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout)


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def attack_input(case, work: Path) -> tuple[bool, str]:
    """Run one bad input; (handled cleanly, why not)."""
    folder = work / case.name
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    paths, stdin = case.build(folder)
    db = folder / "q.db"
    started = time.monotonic()
    try:
        out = run(["ingest", *[str(p) for p in paths], str(good), "--db", str(db), *case.options], cwd=folder,
                  timeout=case.timeout, stdin=stdin, prefix=case.prefix(folder))
        if case.again is not None and out.returncode == case.status:
            out = run(["ingest", *[str(p) for p in paths], "--db", str(db), *case.options], cwd=folder,
                      timeout=case.timeout, stdin=case.again)
    except subprocess.TimeoutExpired:
        return False, f"no end after {case.timeout:.0f} s"
    seconds = time.monotonic() - started
    stderr = out.stderr.decode("utf-8", "replace")
    if "Traceback" in stderr:
        return False, "traceback: " + stderr.strip().splitlines()[-1]
    if out.returncode != case.status:
        return False, f"exit status {out.returncode}, expected {case.status}: {stderr.strip()[-300:]}"
    for needle in case.says:
        if needle not in stderr:
            return False, f"{needle!r} not in the report: {stderr.strip()[-300:]}"
    texts = sorted(t for (t,) in rows(db, "select text from articles"))
    if case.stored is None:  # how much of a damaged file is read depends on where it broke
        if GOOD_TEXT not in texts:
            return False, "the good article was not stored"
    elif texts != sorted([GOOD_TEXT, *case.stored]):
        return False, f"stored {len(texts)} articles, expected {len(case.stored) + 1}"
    return True, f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="work here and leave the files (default: a temporary folder)")
    parser.add_argument("--only", nargs="*", help="run only the cases with these names")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="quotes-attack-"))
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)
    wanted = set(args.only or [])
    handled = tried = 0
    failures = []
    try:
        for case in INPUTS:
            if wanted and case.name not in wanted:
                continue
            tried += 1
            ok, why = attack_input(case, work)
            handled += ok
            print(f"{'ok  ' if ok else 'FAIL'} input {case.name}: {case.about} ({why})", flush=True)
            if not ok:
                failures.append(case.name)
        injected = lost = skipped = unclean = 0
        for fault in FAULTS:
            if wanted and fault.name not in wanted:
                continue
            folder = work / fault.name
            folder.mkdir()
            result = fault.run(folder, run, rows)
            if result.skipped:
                skipped += 1
                print(f"skip fault {fault.name}: {result.detail}", flush=True)
                continue
            injected += result.injected
            lost += result.lost
            unclean += not result.clean
            mark = "LOST" if result.lost else "ok  " if result.clean else "UNCLEAN"
            print(f"{mark} fault {fault.name} x{result.injected}: {fault.about} ({result.detail})", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{tried} bad inputs tried, {handled} handled cleanly; {injected} faults injected, "
          f"data lost in {lost}; {unclean} fault kinds not handled cleanly"
          + (f" ({skipped} fault kinds skipped)" if skipped else ""))
    return 0 if handled == tried and lost == 0 and unclean == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
