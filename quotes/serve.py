"""`quotes serve`: the quote site, which is Datasette with the project's metadata, templates and
plugins (all in the `quotes.site` package, so an installed wheel serves the same site).

Safe to publish means: it listens on 127.0.0.1 only unless a host is given, opens the
database read-only (nothing a browser does can change it), and every value a page shows is
escaped (Datasette's cells, the templates' autoescaping, the article view's marks), so a quote
holding HTML or a script is shown as text; a stored URL is a link only when it is http(s).

Read-only, not immutable, when the file can change: a file this user can write (an ingest may
be writing it now or later) is opened read-only with SQLite's locking, so the site reads the
write-ahead log and shows every committed article as soon as it is committed. Only a file that
cannot change (not writable, or `immutable=True`) is opened immutable, which skips locking and
lets Datasette count its tables once.
"""
from __future__ import annotations

import errno
import html
import json
import os
import socket
import tempfile
from pathlib import Path

from .errors import PortInUse
from .site import METADATA as PACKAGED_METADATA
from .site import PLUGINS_DIR, TEMPLATES_DIR

METADATA_NAME = "datasette-metadata.json"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SETTINGS = {"suggest_facets": "off"}
"""Facet suggestions scan every column of a table; on a million quotes that alone would take
longer than the page. The facets the metadata names are computed as usual."""


def default_metadata() -> Path | None:
    """The metadata: the checkout's `datasette-metadata.json` (next to `pyproject.toml`, the one
    source), else the copy packaged with `quotes.site` (an installed wheel)."""
    checkout = Path(__file__).resolve().parent.parent / METADATA_NAME
    for candidate in (checkout, PACKAGED_METADATA):
        if candidate.exists():
            return candidate
    return None


def _rename_links(value, old: str, new: str):
    """`value` with `href="/old/` made `href="/new/` in every `*_html` string."""
    if isinstance(value, dict):
        return {k: (v.replace(old, new) if k.endswith("_html") and isinstance(v, str) else _rename_links(v, old, new))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_links(v, old, new) for v in value]
    return value


def metadata_for(db: str | Path, metadata: str | Path | None = None) -> dict:
    """The metadata with its `quotes` database section (and links) renamed to the file's name.

    Datasette names a database after its file, so `news.db` is `/news`; the metadata is written
    for `quotes.db` and is adapted here rather than asking users to name their file `quotes.db`.
    The name goes into links as Datasette routes it (tilde-encoded) and HTML-escaped, so no file
    name can add markup to a page.
    """
    from datasette.utils import tilde_encode

    path = Path(metadata) if metadata else default_metadata()
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    name = Path(db).stem
    if name != "quotes" and "quotes" in data.get("databases", {}):
        route = html.escape(tilde_encode(name), quote=True)
        data = _rename_links(data, 'href="/quotes/', f'href="/{route}/')
        data["databases"][name] = data["databases"].pop("quotes")
    return data


def datasette_args(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    metadata_path: str | Path | None = None,
    immutable: bool = False,
    open_browser: bool = False,
) -> list[str]:
    """The `datasette serve` arguments for a quote database (`metadata_path`: a ready file)."""
    args = ["serve", *(["-i"] if immutable else []), str(db), "--host", host, "--port", str(port),
            "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR)]
    for key, value in SETTINGS.items():
        args += ["--setting", key, value]
    if metadata_path:
        args += ["--metadata", str(metadata_path)]
    if open_browser:
        args.append("--open")
    return args


def check_port(host: str, port: int) -> None:
    """Raise `PortInUse` when `host:port` cannot be listened on because something else is."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(
                    errno.EADDRINUSE,
                    f"port {port} on {host} is already in use; choose another with --port "
                    f"(for example --port {port + 1 if port < 65535 else 8002})") from None
            raise


def schema_notice(db: str | Path) -> str | None:
    """A line saying so when the file's schema is older than this `quotes` writes (its indexes
    for the site's pages missing), else None. Serving never migrates unless asked (`upgrade`)."""
    import sqlite3

    from .store.schema import SCHEMA_VERSION

    conn = sqlite3.connect(f"file:{Path(db)}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if version >= SCHEMA_VERSION:
        return None
    return (f"{db}: schema version {version}, older than this quotes writes ({SCHEMA_VERSION}): the site's "
            "indexes are missing, so a large database browses slowly; `quotes serve --upgrade` adds them")


def can_change(db: str | Path) -> bool:
    """Whether the file may be written while it is served: this user can write it and its
    folder (where SQLite keeps the write-ahead log)."""
    db = Path(db)
    return os.access(db, os.W_OK) and os.access(db.resolve().parent, os.W_OK)


def check_database_file(db: str | Path) -> Path:
    """`db` as a Path when it is a regular file; a clear error otherwise: `FileNotFoundError`
    when there is none, `DatabaseUnusable` for a FIFO or device (which would hang or corrupt
    the server's reads) or a folder."""
    from .store.connect import check_regular

    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"{db}: no such quote database (create it with `quotes ingest`)")
    check_regular(db)
    return db


def serve(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    metadata: str | Path | None = None,
    immutable: bool | None = None,
    open_browser: bool = False,
    upgrade: bool = False,
    notice=None,
) -> None:
    """Run Datasette on the quote database until interrupted (see the module docstring).
    `immutable`: None decides by whether the file can change (`can_change`);
    `upgrade`: first bring the file's schema up to date (adds indexes; nothing else is written);
    `notice`: called with a line when the schema is older and `upgrade` was not asked for."""
    db = check_database_file(db)
    if immutable is None:
        immutable = not can_change(db)
    if upgrade:
        from .store import QuoteStore

        QuoteStore(db).close()
    elif notice is not None and (line := schema_notice(db)):
        notice(line)
    check_port(host, port)
    from datasette.cli import cli as datasette_cli

    data = metadata_for(db, metadata)
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as tmp:
        meta_path = None
        if data:
            meta_path = Path(tmp) / METADATA_NAME
            meta_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        args = datasette_args(db, host=host, port=port, metadata_path=meta_path,
                              immutable=immutable, open_browser=open_browser)
        datasette_cli.main(args, prog_name="datasette", standalone_mode=True)
