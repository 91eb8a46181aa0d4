"""An article's link and date as read, made safe and comparable before anything stores them.

A link is kept only when it is an `http` or `https` URL: any other scheme (`javascript:`,
`data:`, `JaVaScRiPt:`, `java<TAB>script:`, which browsers read as `javascript:`) would run or
load something when a reader clicks "Original". It is kept as text in the article's `meta`
(`url_text`) with a warning.

A date is stored as ISO 8601 (`YYYY-MM-DD`) when it says one day unambiguously, parsed by
python-dateutil (RSS `Tue, 10 Jun 2003 04:00:00 GMT`, `June 1, 2024`, `2024-06-01T10:00Z`) or
as epoch seconds (or milliseconds). One that could be read two ways (`06/01/2024`: June or
January), that names no such day (`2024-02-30`) or that lacks a part (`June 2024`) is kept as
text in `meta` (`published_text`), warned about, and left out of date filters and charts
(`published` is empty).
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")  # what browsers drop from a URL before reading its scheme
_EPOCH = re.compile(r"-?\d{9,13}(\.\d+)?")
_YEAR_FIRST = re.compile(r"\d{4}\D")  # 2024/06/01: year, month, day (year, day, month is not written)
_ORDERS = {False: (False, True), True: (False,)}  # dayfirst readings tried
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))  # a part both fill differently was missing


def safe_link(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) URL, else None."""
    if not value:
        return None
    try:
        parts = urlsplit(_INVISIBLE.sub("", value))
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return value.strip()


def parse_published(value: date | str | int | float | None) -> tuple[str | None, str | None]:
    """`(iso_date, problem)`: the day `value` names as `YYYY-MM-DD`, or None and why not (None
    for no value at all)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    text = str(value).strip()
    if not text:
        return None, None
    if _EPOCH.fullmatch(text):
        seconds = float(text) / (1000 if len(text.split(".")[0].lstrip("-")) > 11 else 1)
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat(), None
        except (OverflowError, OSError, ValueError):
            return None, "not a date"
    try:  # ISO 8601 first: it is never ambiguous
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat(), None
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return None, "no such day"
    from dateutil import parser

    try:
        readings = {(dayfirst, default): parser.parse(text, dayfirst=dayfirst, default=default).date()
                    for dayfirst in _ORDERS[bool(_YEAR_FIRST.match(text))] for default in _DEFAULTS}
    except (ValueError, OverflowError, TypeError):
        return None, "not a date that can be read"
    if readings[False, _DEFAULTS[0]] != readings[False, _DEFAULTS[1]]:
        return None, "not a whole date (a day, month and year)"
    if len(set(readings.values())) > 1:
        return None, "ambiguous (day and month could be either way round)"
    return readings[False, _DEFAULTS[0]].isoformat(), None
