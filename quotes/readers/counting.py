"""How many articles some inputs hold, when that is cheap to know (for a progress bar's total)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .options import ReadOptions
from .source import split_name

COUNT_LIMIT = 2 * 1024**3
"""Inputs larger than this (bytes, all files together) are not counted in advance."""
ONE_ARTICLE = {"txt", "html"}
ONE_PER_LINE = {"jsonl"}


def count_articles(paths: Sequence[str], options: ReadOptions | None = None) -> int | None:
    """How many articles `paths` hold, when that is cheap to know: plain .txt/.html files count
    one each, plain .jsonl files one per non-blank line; None for anything else (standard
    input, pipes, .gz, .json, .csv, WARC) or for more than `COUNT_LIMIT` bytes."""
    from . import list_directory

    options = options or ReadOptions()
    files: list[Path] = []
    for path in paths:
        p = Path(path)
        if path == "-" or not p.exists():
            return None
        if p.is_dir():
            files.extend(list_directory(p, options, on_error=lambda err: None))
        elif p.is_file():
            files.append(p)
        else:
            return None  # a pipe or device: read once, never counted
    total, size = 0, 0
    for f in files:
        _, fmt, gz = split_name(f.name)
        fmt = fmt if options.input_format == "auto" else options.input_format
        if gz or fmt not in ONE_ARTICLE | ONE_PER_LINE:
            return None
        if fmt in ONE_ARTICLE:
            total += 1
            continue
        size += f.stat().st_size
        if size > COUNT_LIMIT:
            return None
        with open(f, "rb") as fp:
            total += sum(1 for line in fp if line.strip())
    return total
