"""Plain-text articles: `NAME.txt`, with optional metadata in a sidecar `NAME.json`."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..models import Article
from ..errors import InputError
from .source import STDIN, Report

SIDECAR_FIELDS = ("id", "title", "url", "outlet", "published", "byline")
# Other names for the same things in sidecars written by other tools.
SIDECAR_ALIASES = {"publisher": "outlet", "site_name": "outlet", "sitename": "outlet",
                   "date": "published", "publication_date": "published",
                   "author": "byline", "authors": "byline", "headline": "title", "link": "url"}
_SENTENCE_END = re.compile(r"[.,;]\s*$|[.!?][”’\"')\]]\s*$")


def looks_like_title(line: str) -> bool:
    """A headline: one short line that does not end like a sentence."""
    line = line.strip()
    if not line or len(line) > 200 or len(line.split()) > 30:
        return False
    return not _SENTENCE_END.search(line)


def first_line_title(text: str) -> str | None:
    """The first line as the title, when it looks like one and a blank line (or the end)
    follows it; None otherwise (a text that starts with a sentence)."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    if not looks_like_title(first):
        return None
    if rest.strip() and rest.split("\n", 1)[0].strip():
        return None  # the next line continues the paragraph: running text, not a headline
    return first.strip()


def sidecar_path(path: str) -> Path | None:
    """`NAME.json` beside `NAME.txt` (or `NAME.txt.gz`), when it exists."""
    if path == STDIN:
        return None
    p = Path(path)
    if p.suffix.lower() == ".gz":
        p = p.with_suffix("")
    side = p.with_suffix(".json")
    return side if side != Path(path) and side.is_file() else None


def read_sidecar(path: str, report: Report, limit: int | None = None) -> dict[str, Any]:
    """The metadata in the sidecar of `path`, mapped to Article fields (others under `meta`).
    A sidecar that cannot be read, or is larger than `limit` bytes (not read at all), is a
    warning: the article is still read, without it."""
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        size = side.stat().st_size
        if limit is not None and size > limit:
            report(InputError(str(side), None, f"metadata sidecar ignored: {size:,} bytes, larger than the size "
                                               f"limit of {limit:,} bytes (--max-size)", kind="sidecar",
                              level="warning"))
            return {}
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        report(InputError(str(side), line, f"metadata sidecar ignored: {getattr(exc, 'msg', exc)}",
                          kind="sidecar", level="warning"))
        return {}
    if not isinstance(data, dict):
        report(InputError(str(side), None, "metadata sidecar ignored: not a JSON object",
                          kind="sidecar", level="warning"))
        return {}
    fields: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in data.items():
        name = SIDECAR_ALIASES.get(key, key)
        if name in SIDECAR_FIELDS and name not in fields and value not in (None, ""):
            if name == "byline" and isinstance(value, list):
                value = ", ".join(map(str, value))
            fields[name] = value if name == "id" else (str(value) if not isinstance(value, str) else value)
        elif key not in ("text", "body_end"):
            meta[key] = value
        elif key == "body_end":
            fields["body_end"] = value
    if meta:
        fields["meta"] = meta
    return fields


def _check_body_end(fields: dict[str, Any], text: str, side: str, report: Report) -> None:
    """Keep a sidecar's `body_end` only when it is an offset into the text (an integer from 0
    to its length, not `true`): a bad one would mark every quote as trailing matter."""
    if "body_end" not in fields:
        return
    value = fields["body_end"]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= len(text):
        return
    del fields["body_end"]
    report(InputError(side, None, f"metadata sidecar: body_end {json.dumps(value)[:40]} is not an offset into "
                                  f"the text (a whole number from 0 to {len(text)}); ignored",
                      kind="sidecar", level="warning"))


def article_from_text(text: str, *, path: str, stem: str, report: Report, limit: int | None = None) -> Article:
    """An Article from a plain-text file's content and its sidecar, if any (`limit`: the
    largest sidecar read, in bytes)."""
    fields = read_sidecar(path, report, limit)
    _check_body_end(fields, text, str(sidecar_path(path)), report)
    fields.setdefault("id", stem)
    if "title" not in fields:
        title = first_line_title(text)
        if title:
            fields["title"] = title
    return Article(text=text, source_path="<stdin>" if path == STDIN else path, **fields)
