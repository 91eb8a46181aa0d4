"""Reading articles from every input a newsroom has: plain text (with a metadata sidecar),
JSONL/JSON/CSV dumps, HTML pages, WARC web archives, directories of these, standard input,
and `.gz` of any of them.

    >>> from quotes.readers import read_inputs, ReadOptions
    >>> for article in read_inputs(["news/"], ReadOptions(glob="*.html")):
    ...     print(article.id, article.title)

A bad file or record never stops the iteration: it is reported as an `InputError` (file, line,
message) through `on_error` and reading goes on with the next one.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..models import Article
from ..errors import InputError, warn_on_stderr
from .fields import parse_published, safe_link
from .trailing import find_body_end
from .options import DEFAULT_FIELDS, DEFAULT_MAX_BYTES, InputFormat, ReadOptions
from .source import (HEAD, STDIN, STDIN_NAME, check_size, check_text, decode, display_name, is_fifo, is_regular,
                     normalise_newlines, open_binary, read_all, split_name)

__all__ = ["read_inputs", "read_path", "list_directory", "ReadOptions", "InputError", "InputFormat",
           "DEFAULT_FIELDS", "DEFAULT_MAX_BYTES", "warn_on_stderr"]

WHOLE_FORMATS = ("txt", "html", "json")
GOLD_SUFFIX = ".gold.jsonl"
"""Files in a directory ending so are gold annotation, left out of its articles (name one to read it)."""


def read_inputs(paths: Sequence[str], options: ReadOptions | None = None,
                on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Every article in `paths` (files, directories read recursively in sorted order, `-` for
    standard input), in order. Problems go to `on_error` (default: a line on stderr); see
    `InputError.level` for which of them mean an input was skipped."""
    options = options or ReadOptions()
    report = on_error or warn_on_stderr
    # (source, id) -> (hash of the text, where it was read): an article is its source and id, so
    # only the same id again in the same source is a clash (the later text replaces the earlier)
    seen: dict[tuple[str | None, str], tuple[int, str]] = {}
    for article in _read_all(paths, options, report):
        where = article.source_path or "<stdin>"
        if "line" in article.meta:
            where += f":{article.meta['line']}"
        digest = hash(article.text)
        first = seen.setdefault((article.source_path, article.id), (digest, where))
        if first[0] != digest:
            path, _, line = where.rpartition(":") if "line" in article.meta else (where, "", "")
            report(InputError(path, int(line) if line else None,
                              f"article id {article.id!r} was already used by {first[1]} for a different "
                              "text; this later text replaces it (choose the id field with --id-field)",
                              kind="duplicate-id", level="warning"))
        yield article


def _read_all(paths: Sequence[str], options: ReadOptions, report) -> Iterator[Article]:
    for path in paths:
        path = str(path)
        if path != STDIN and os.path.isdir(path):
            files = list_directory(path, options, report)
            if not files:
                report(InputError(path, None, "no input files in this directory"
                                  + (f" matching {options.glob!r}" if options.glob else ""), kind="empty"))
            for file in files:
                rel = file.relative_to(path)
                stem = split_name(rel.name)[0]
                # a file's id is its path inside the directory: a/x.txt and b/x.txt stay two articles
                yield from read_path(str(file), options, report,
                                     stem=stem if rel.parent == Path(".") else f"{rel.parent.as_posix()}/{stem}")
        else:
            yield from read_path(path, options, report)


def list_directory(root: str | Path, options: ReadOptions | None = None,
                   on_error: Callable[[InputError], None] | None = None) -> list[Path]:
    """The input files under `root`, sorted: those matching `options.glob` (searched
    recursively; a pattern with `/` is taken relative to `root`), else those with a supported
    extension (any file at all when `--input-format` is forced). Hidden files and directories
    and metadata sidecars (`NAME.json` beside `NAME.txt`) are left out. A subdirectory that
    cannot be listed, and a named pipe (which would wait for a writer), are reported to
    `on_error` (by name), not passed over in silence."""
    options = options or ReadOptions()
    base = Path(root)
    report = on_error or warn_on_stderr

    def unlistable(exc: OSError) -> None:
        report(InputError(exc.filename or str(base), None,
                          f"cannot list this directory: {exc.strerror or exc}; its files are not read",
                          kind="unreadable"))

    walked: list[Path] = []
    for folder, dirs, names in os.walk(base, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        walked.extend(Path(folder, name) for name in names if not name.startswith("."))
    pattern = options.glob
    if pattern and "/" in pattern:
        wanted = set(base.glob(pattern))
        candidates = [p for p in walked if p in wanted]
    elif pattern:
        candidates = [p for p in walked if fnmatch.fnmatchcase(p.name, pattern)]
    elif options.input_format != "auto":
        candidates = walked
    else:
        candidates = [p for p in walked if split_name(p.name)[1] is not None]
    for pipe in (p for p in walked if is_fifo(p)):
        report(InputError(str(pipe), None, "a named pipe, not a file: skipped (name it on the command line to "
                                           "read from it)", kind="unreadable", level="warning"))
    return sorted(p for p in candidates if p.is_file() and not _is_sidecar(p))


def _is_sidecar(p: Path) -> bool:
    """Whether `p` sits beside the articles but is not one: a metadata sidecar (`NAME.json`
    beside `NAME.txt`) or a gold annotation file (`NAME.gold.jsonl`, what `quotes evaluate`
    reads, as in `seeds/`)."""
    if p.name.lower().endswith(GOLD_SUFFIX):
        return True
    if p.suffix.lower() != ".json":
        return False
    return p.with_suffix(".txt").is_file() or p.with_suffix(".txt.gz").is_file()


def read_path(path: str, options: ReadOptions | None = None,
              on_error: Callable[[InputError], None] | None = None, *, stem: str | None = None) -> Iterator[Article]:
    """The articles in one file (or `-`); its problems go to `on_error`, never raised.
    `stem` is the id a text or HTML file gets without other metadata (default: the file stem)."""
    options = options or ReadOptions()
    report = on_error or warn_on_stderr
    name = display_name(path)
    try:
        for article in _read(path, options, report, stem):
            if article.body_end is None and options.find_trailing:
                article.body_end = find_body_end(article.text)
            settle_fields(article, report)
            yield article
    except InputError as err:
        report(err)
    except Exception as exc:  # a reader bug or an OS error must not end the run
        report(InputError(name, None, f"cannot read: {type(exc).__name__}: {exc}", kind="unreadable"))


def settle_fields(article: Article, report) -> None:
    """Keep `article.url` only when it is an http(s) link and store `published` as ISO 8601
    (`quotes.readers.fields`); what is not is moved into `meta` as text, with a warning naming
    the file and line."""
    where = article.source_path or STDIN_NAME
    line = article.meta.get("line")
    if article.url is not None and safe_link(article.url) is None:
        article.meta["url_text"] = article.url
        report(InputError(where, line, f"url {article.url[:80]!r} is not an http(s) link: kept as text "
                                       "(meta.url_text), not as a link", kind="url", level="warning"))
        article.url = None
    elif article.url is not None:
        article.url = safe_link(article.url)
    iso, problem = parse_published(article.published)
    if problem:
        article.meta["published_text"] = str(article.published)
        report(InputError(where, line, f"date {str(article.published)[:80]!r} is {problem}: kept as text "
                                       "(meta.published_text), left out of date filters and charts",
                          kind="date", level="warning"))
    article.published = iso


def _sniff(head: bytes) -> str:
    """The format of content with no telling extension (standard input, `notes.dat`)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"<"):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first = start.split(b"\n", 1)[0]
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "json"
        except ValueError:
            return "json"
    return "txt"


def _read(path: str, options: ReadOptions, report, stem_hint: str | None = None) -> Iterator[Article]:
    # HTML and WARC readers (trafilatura, warcio) are imported only for those formats, so plain
    # text and record dumps read even where an HTML dependency is broken
    from .records import read_csv, read_json, read_jsonl
    from .text import article_from_text

    name = display_name(path)
    stem, fmt, _ = split_name("stdin" if path == STDIN else path)
    stem = stem_hint or stem
    if options.input_format != "auto":
        fmt = options.input_format
    if path != STDIN and not os.path.exists(path):
        raise InputError(name, None, "no such file", kind="missing")
    if fmt in WHOLE_FORMATS:
        check_size(path, options.limit)
    stream, head = open_binary(path)
    with stream:
        if fmt is None:
            fmt = _sniff(head)
            if fmt in WHOLE_FORMATS:
                check_size(path, options.limit)
        if fmt == "warc":  # archives hold binary payloads (images, compressed bodies)
            if not head.strip():
                raise InputError(name, None, "empty file", kind="empty")
        else:
            check_text(head, name, whole=len(head) < HEAD, records=fmt in ("jsonl", "csv"))
        if fmt == "warc":
            from .warc import read_warc
            if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
                raise InputError(name, None, "not a WARC file (it does not start with a WARC record header)",
                                 kind="malformed")
            if is_regular(path):
                stream.close()
                with open(path, "rb") as raw:  # warcio reads gzip members itself
                    yield from read_warc(raw, path=name, options=options, report=report)
                return
            yield from read_warc(stream, path=name, options=options, report=report)
        elif fmt == "jsonl":
            yield from read_jsonl(stream, path=name, stem=stem, options=options, report=report)
        elif fmt == "csv":
            yield from read_csv(stream, path=name, stem=stem, options=options, report=report)
        else:
            data = read_all(stream, name, options.limit)
            check_text(data, name, whole=True)
            piped = not is_regular(path)  # standard input, `<(cat x)`, a FIFO: a new text each time
            if fmt == "html":
                from .html import article_from_html
                yield article_from_html(data, path=name, stem=options.stdin_id if piped else stem)
                return
            text = normalise_newlines(decode(data, name, report))
            if fmt == "json":
                yield from read_json(text, path=name, stem=stem, options=options, report=report)
            else:
                if piped:  # two different texts piped in are two articles
                    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
                    stem = options.stdin_id or f"{'stdin' if path == STDIN else stem}-{digest}"
                yield article_from_text(text, path=path, stem=stem, report=report, limit=options.limit)
