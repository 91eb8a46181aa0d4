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

MAX_LENGTH = 60_000_000
"""The longest string or blob a site query may make (characters/bytes): above the longest article
`quotes ingest` stores by default (50 MB), far below what stalls the server."""

log = logging.getLogger("quotes.site")
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


def limit_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)


def error_line(status: int, path: str, message) -> str:
    """The log line of an error page: one line, at most 300 characters."""
    text = " ".join(str(message).split())
    return f"{status} {path}: {text}"[:300]


try:
    from datasette import hookimpl
except ImportError:  # pragma: no cover - the helpers above work without Datasette
    pass
else:

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
            template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
            return Response.html(await template.render_async(dict(
                info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: [])),
                status=status)

        outcome.force_result([inner])
