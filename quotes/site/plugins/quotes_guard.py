"""What keeps one visitor from harming the site or its readers.

Self-contained Datasette plugin (no import from `quotes`):

* every connection the site opens gets SQLite's length limit (`MAX_LENGTH`), so a query that
  builds a huge value (`printf('%.*c', 900000000, 'x')`, `randomblob`, `zeroblob`, `replace`)
  fails at once with "string or blob too big" instead of holding a thread for seconds and
  taking a gigabyte;
* an error page costs what a normal page costs: one log line (status, path, message), never
  Datasette's rich traceback with every frame's locals (0.3-0.6 s of the event loop each);
* `safe_url`, the one filter every template renders a stored URL through: only `http` and
  `https` URLs become links (`javascript:` in any case, with tabs or newlines inside, is text).
"""
from __future__ import annotations

import logging
import re
import sqlite3
from urllib.parse import urlsplit

MAX_LENGTH = 20_000_000
"""The longest string or blob a site query may make or read (bytes): twenty times a very long
article, far below what stalls the server."""
MAX_WIDTH = 100_000
"""The largest width or precision `printf`/`format` may pad to: SQLite's own spends seconds
padding to 900,000,000 before the length limit stops it."""
_SPEC = re.compile(r"%([-+ 0#,!]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])")

log = logging.getLogger("quotes.site")
ERROR_PAGES_KEPT = 64
"""Error pages kept rendered, by status and message: the same 404 asked again and again is
sent, not rendered again (its page does not depend on the request)."""
_ERROR_PAGES: dict[tuple, str] = {}
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_url(value) -> str | None:
    """`value` when it is an http(s) URL with a host, else None. Browsers drop tabs, newlines
    and leading spaces or control characters from a scheme (`java\tscript:`), so those are
    removed before the scheme is read; a URL holding them is not a link at all."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or _CONTROL.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def check_format(fmt, args) -> None:
    """Raise ValueError when a `printf` format pads wider than `MAX_WIDTH` (a number in the
    format, or an argument taken by `*`)."""
    if not isinstance(fmt, str):
        return
    taken = 0
    for m in _SPEC.finditer(fmt):
        for size in (m.group(2), m.group(3)):
            if size == "*":
                value = args[taken] if taken < len(args) else 0
                taken += 1
                try:
                    size = abs(int(value or 0))
                except (TypeError, ValueError):
                    size = 0
            if size is not None and int(size) > MAX_WIDTH:
                raise ValueError(f"printf width or precision above {MAX_WIDTH:,}")
        if m.group(4) != "%":
            taken += 1


def limit_connection(conn: sqlite3.Connection) -> None:
    """SQLite's length limit, and `printf`/`format` that refuse to pad past `MAX_WIDTH` (then
    SQLite's own formats, on a private connection with the same limit)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
    private = sqlite3.connect(":memory:", check_same_thread=False)
    private.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)

    def bounded_printf(fmt=None, *args):
        check_format(fmt, args)
        marks = ", ".join("?" * (1 + len(args)))
        return private.execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]

    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)


def error_line(status: int, path: str, message) -> str:
    """The log line of an error page: one line, at most 300 characters."""
    text = " ".join(str(message).split())
    return f"{status} {path}: {text}"[:300]


try:
    from datasette import hookimpl
except ImportError:  # pragma: no cover - the helpers above work without Datasette
    pass
else:

    sqlite3.enable_callback_tracebacks(False)  # a refused printf is an SQL error, not a log traceback

    @hookimpl
    def prepare_connection(conn):
        limit_connection(conn)

    @hookimpl
    def prepare_jinja2_environment(env):
        env.filters["safe_url"] = safe_url

    @hookimpl(hookwrapper=True)
    def handle_exception(datasette, request, exception):
        """Datasette's own handler (kept for its pages and JSON) without its rich traceback:
        the other handlers are replaced by one that renders the same error page after logging
        one line."""
        outcome = yield
        from datasette import Response
        from datasette.utils.asgi import Base400
        from datasette.views.base import DatasetteError
        from markupsafe import Markup

        async def inner():
            title, info = None, {}
            if isinstance(exception, Base400):
                status, message = exception.status, exception.args[0] if exception.args else ""
            elif isinstance(exception, DatasetteError):
                status, info, message, title = (exception.status, dict(exception.error_dict),
                                                exception.message, exception.title)
                if exception.message_is_html:
                    message = Markup(message)
            else:
                status, message = 500, f"{type(exception).__name__}: {exception}"
            (log.error if status >= 500 else log.info)(error_line(status, request.path, message))
            info.update({"ok": False, "error": message, "status": status, "title": title})
            if request.path.split("?")[0].endswith(".json"):
                return Response.json(info, status=status)
            key = (status, str(message), title, isinstance(message, Markup))
            page = _ERROR_PAGES.get(key)
            if page is None:
                template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
                page = await template.render_async(dict(
                    info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: []))
                if len(_ERROR_PAGES) >= ERROR_PAGES_KEPT:
                    _ERROR_PAGES.pop(next(iter(_ERROR_PAGES)))
                _ERROR_PAGES[key] = page
            return Response.html(page, status=status)

        outcome.force_result([inner])
