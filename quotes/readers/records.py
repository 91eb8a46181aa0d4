"""News dumps: JSONL (one object a line), JSON (a list of objects) and CSV (a header row),
with field names chosen by `ReadOptions` or guessed from common ones."""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from pydantic import ValidationError

from ..models import Article
from ..errors import InputError
from .options import ReadOptions
from .source import Report, decoded_lines, nul_error

DELIMITERS = (",", ";", "\t", "|")
# Lists of articles inside a JSON object, as news APIs return them ({"articles": [...]}).
LIST_KEYS = ("articles", "data", "items", "results", "documents", "records", "news")
_MISSING = object()
# A `\ud800` escape in JSON decodes to a lone surrogate: not a character, it cannot be encoded
# (hashing, SQLite) and would fail the article far from where it was read.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
TOO_DEEP = "nested too deeply to read (more than about 900 levels of arrays or objects)"


def scrub_surrogates(record: Any) -> tuple[Any, int]:
    """`record` with every lone surrogate (from a `\\ud800` escape) replaced by U+FFFD, and
    how many there were. One character for one, so offsets into the text do not move."""
    try:
        dumped = json.dumps(record, ensure_ascii=False)
    except (RecursionError, ValueError):
        return record, 0
    found = len(_SURROGATE.findall(dumped))
    if not found:
        return record, 0
    return json.loads(_SURROGATE.sub("\ufffd", dumped)), found


def _load_record(text: str, path: str, line: int | None, report: Report) -> Any:
    """`json.loads(text)` with lone surrogates replaced (a warning) and errors as InputError."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, line if line is not None else exc.lineno,
                         f"malformed JSON: {exc.msg} (column {exc.colno})", kind="malformed") from None
    except RecursionError:
        raise InputError(path, line, f"malformed JSON: {TOO_DEEP}", kind="malformed") from None
    return _scrubbed(record, path, line, report) if _SURROGATE_ESCAPE.search(text) else record


def _scrubbed(record: Any, path: str, line: int | None, report: Report) -> Any:
    record, found = scrub_surrogates(record)
    if found:
        report(InputError(path, line, f"{found} lone surrogate escape(s) such as \\ud800 (not characters) "
                                      "replaced with U+FFFD", kind="encoding", level="warning"))
    return record


def lookup(record: dict[str, Any], name: str) -> Any:
    """`record[name]`, else a dotted path (`meta.title`), else the same name in `record["meta"]`."""
    if name in record:
        return record[name]
    if "." in name:
        value: Any = record
        for part in name.split("."):
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
        else:
            return value
    meta = record.get("meta")
    if isinstance(meta, dict) and name in meta:
        return meta[name]
    return _MISSING


def first_field(record: dict[str, Any], names: Iterable[str]) -> tuple[str | None, Any]:
    """The first of `names` the record has with a non-empty value: `(name, value)`."""
    for name in names:
        value = lookup(record, name)
        if value is not _MISSING and value not in (None, "", [], {}):
            return name, value
    return None, None


def _as_text(value: Any) -> str | None:
    """A metadata value as a string: lists joined (several authors), `{"name": ...}` objects
    (NewsAPI's `source`) by their name."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
        return None if value is None else str(value)
    if isinstance(value, (list, tuple)):
        parts = [_as_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    return str(value).strip() or None


def article_from_record(record: Any, *, path: str, line: int | None, stem: str,
                        options: ReadOptions) -> Article:
    """An Article from one record; InputError when it is not an object or has no text."""
    if not isinstance(record, dict):
        raise InputError(path, line, f"expected a JSON object, found {type(record).__name__}", kind="malformed")
    names = options.fields_for("text")
    text_name, text = first_field(record, names)
    if not isinstance(text, str) or not text.strip():
        tried = ", ".join(names)
        raise InputError(path, line, f"no article text (tried field {tried}; choose one with --text-field)",
                         kind="no-text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    id_name, ident = first_field(record, options.fields_for("id"))
    if ident is None:
        # stable across runs and re-orderings of the dump: the text's own hash
        ident = f"{stem}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
    fields: dict[str, Any] = {"id": _as_text(ident) or str(ident), "text": text, "source_path": path}
    used = {text_name, id_name}
    for name, attr in (("title", "title"), ("url", "url"), ("date", "published"),
                       ("byline", "byline"), ("outlet", "outlet")):
        key, value = first_field(record, options.fields_for(name))
        if key is not None:
            fields[attr] = _as_text(value)
            used.add(key)
    body_end = record.get("body_end")
    if isinstance(body_end, int) and not isinstance(body_end, bool) and 0 <= body_end <= len(text):
        fields["body_end"] = body_end
    meta = {k: v for k, v in record.items()
            if k not in used and k not in ("body_end", "meta") and isinstance(v, (str, int, float, bool))
            and not (isinstance(v, str) and len(v) > 1000)}
    nested = record.get("meta")
    if isinstance(nested, dict):
        meta.update({k: v for k, v in nested.items() if k not in used})
    if line is not None:
        meta["line"] = line
    fields["meta"] = meta
    try:
        return Article(**fields)
    except ValidationError as exc:  # pragma: no cover - every field above is a str
        raise InputError(path, line, f"bad record: {exc.errors()[0]['msg']}", kind="malformed") from None


def _too_large(path: str, line: int, size: int, limit: int | None) -> InputError | None:
    if limit is not None and size > limit:
        return InputError(path, line, f"record of {size:,} bytes is larger than the size limit of "
                                      f"{limit:,} bytes (--max-size); skipped", kind="too-large")
    return None


def read_jsonl(stream: BinaryIO, *, path: str, stem: str, options: ReadOptions,
               report: Report) -> Iterator[Article]:
    """One article per line; blank lines are skipped; a bad line is reported by number."""
    seen_any = False
    for number, line in decoded_lines(stream, path, report, options.limit):
        if not line.strip():
            continue
        seen_any = True
        if "\x00" in line:
            report(nul_error(path, number))
            continue
        big = _too_large(path, number, len(line.encode("utf-8", "surrogatepass")), options.limit)
        if big:
            report(big)
            continue
        try:
            yield article_from_record(_load_record(line, path, number, report), path=path, line=number,
                                      stem=stem, options=options)
        except InputError as err:
            report(err)
    if not seen_any:
        raise InputError(path, None, "empty file", kind="empty")


def _scan_array(text: str) -> Iterator[tuple[int, Any]]:
    """`(line, item)` for each item of a top-level JSON array, so a bad item can be located.
    Raises json.JSONDecodeError for malformed JSON."""
    decoder = json.JSONDecoder()
    ws = " \t\n\r"
    i = len(text) - len(text.lstrip(ws))
    if text[i:i + 1] != "[":
        raise json.JSONDecodeError("expected '['", text, i)
    i += 1
    while True:
        while i < len(text) and text[i] in ws:
            i += 1
        if text[i:i + 1] == "]":
            return
        start = i
        item, i = decoder.raw_decode(text, i)
        yield text.count("\n", 0, start) + 1, item
        while i < len(text) and text[i] in ws:
            i += 1
        if text[i:i + 1] == ",":
            i += 1
        elif text[i:i + 1] != "]":
            raise json.JSONDecodeError("expected ',' or ']'", text, i)


def read_json(text: str, *, path: str, stem: str, options: ReadOptions,
              report: Report) -> Iterator[Article]:
    """A JSON list of article objects, an object holding such a list (`{"articles": [...]}`),
    or a single article object."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        items: Iterable[tuple[int | None, Any]] = _scan_array(text)
    else:
        data = _load_record(text, path, None, report)
        inner = next((data[k] for k in LIST_KEYS if isinstance(data, dict) and isinstance(data.get(k), list)), None)
        items = [(None, item) for item in inner] if inner is not None else [(1, data)]
    try:
        escapes = stripped.startswith("[") and _SURROGATE_ESCAPE.search(text)
        for index, (line, item) in enumerate(items):
            if escapes:
                item = _scrubbed(item, path, line, report)
            try:
                yield article_from_record(item, path=path, line=line, stem=stem, options=options)
            except InputError as err:
                if err.line is None:
                    err.message = f"item {index}: {err.message}"
                report(err)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"malformed JSON: {exc.msg} (column {exc.colno})", kind="malformed") from None
    except RecursionError:
        raise InputError(path, None, f"malformed JSON: {TOO_DEEP}", kind="malformed") from None


class _Lines:
    """The lines a CSV reader takes, remembering those of the row being read so that a bad row
    can be given back, all but its first line, and read again."""

    def __init__(self, lines: Iterator[tuple[int, str]]):
        self._lines = lines
        self._back: list[tuple[int, str]] = []
        self.row: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        item = self._back.pop() if self._back else next(self._lines)
        self.row.append(item)
        return item[1]

    def resync(self) -> None:
        """Read again from the line after the current row's first one."""
        self._back.extend(reversed(self.row[1:]))
        self.row = []


def read_csv(stream: BinaryIO, *, path: str, stem: str, options: ReadOptions,
             report: Report) -> Iterator[Article]:
    """A CSV file with a header row; a row with the wrong number of fields, or that the csv
    module cannot parse, is reported with its line number and skipped. A bad row that ran over
    several lines (an unclosed quote) may have swallowed good rows: reading starts again at the
    line after its first, so the next row that parses is read. The delimiter (comma, semicolon
    as spreadsheets write in many locales, tab, bar) is the one the header uses most."""
    limit = options.limit
    csv.field_size_limit(min(limit or sys.maxsize, 2**31 - 1))
    numbered = decoded_lines(stream, path, report, limit)
    first = next(numbered, None)
    if first is None:
        raise InputError(path, None, "empty file", kind="empty")
    heading = first[1]
    delimiter = max(DELIMITERS, key=heading.count) if any(d in heading for d in DELIMITERS) else ","
    lines = _Lines(itertools.chain([first], numbered))

    def new_reader():
        return csv.reader(lines, delimiter=delimiter, strict=True)

    reader = new_reader()
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, None, "empty file", kind="empty") from None
    except csv.Error as exc:
        raise InputError(path, 1, f"malformed CSV header: {exc}", kind="malformed") from None
    header = [h.strip() for h in header]
    rows = 0
    while True:
        lines.row = []
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if not lines.row:
                break
            report(InputError(path, lines.row[0][0], f"malformed CSV row: {exc}", kind="malformed"))
            lines.resync()
            reader = new_reader()
            continue
        start = lines.row[0][0]
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) != len(header):
            report(InputError(path, start, f"malformed CSV row: {len(row)} fields, the header has {len(header)}",
                              kind="malformed"))
            if len(lines.row) > 1:
                lines.resync()
                reader = new_reader()
            continue
        if any("\x00" in cell for cell in row):
            report(nul_error(path, start))
            continue
        record = dict(zip(header, row))
        try:
            yield article_from_record(record, path=path, line=start, stem=stem, options=options)
        except InputError as err:
            report(err)
    if rows == 0:
        raise InputError(path, None, "no rows after the header", kind="empty")
