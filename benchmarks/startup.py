"""Start-up time of `quotes`: `import quotes` and `quotes --help` beside `import spacy` (what
every command paid before the names were loaded on first use).

Each command runs `--repeat` times in a fresh interpreter; the table gives the median and
fastest wall-clock time and each one's ratio to `import spacy`. On a machine shared with other
work the figures move with the load; the load average is printed with them.

    python benchmarks/startup.py [--repeat 7]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or "quotes"
    runs = {
        "import spacy": [sys.executable, "-c", "import spacy"],
        "import quotes": [sys.executable, "-c", "import quotes"],
        "quotes --help": [exe, "--help"],
        "quotes ingest --help": [exe, "ingest", "--help"],
    }
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    results = {name: timed(cmd, args.repeat) for name, cmd in runs.items()}
    base = statistics.median(results["import spacy"])
    print(f"{'command':<22} {'median s':>9} {'fastest s':>10} {'/ import spacy':>15}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:<22} {median:>9.3f} {min(times):>10.3f} {median / base:>15.2f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
