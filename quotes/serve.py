"""`quotes serve`: browse a quote database with Datasette, safely by default.

Safe to publish means: it listens on 127.0.0.1 only unless a host is given, opens the
database immutable (read-only, no locking: nothing a browser does can change it), loads the
project's `datasette-metadata.json` (titles, descriptions, facets, canned queries) and the
plugins in `quotes/datasette_plugins` (the fact-check SQL functions). Datasette escapes every
cell it shows, so a quote containing HTML or a script is shown as text.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

PLUGINS_DIR = Path(__file__).parent / "datasette_plugins"
METADATA_NAME = "datasette-metadata.json"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


def default_metadata() -> Path | None:
    """The project's `datasette-metadata.json` (next to `pyproject.toml`), if present."""
    candidate = Path(__file__).resolve().parent.parent / METADATA_NAME
    return candidate if candidate.exists() else None


def metadata_for(db: str | Path, metadata: str | Path | None = None) -> dict:
    """The metadata with its `quotes` database section (and links) renamed to the file's name.

    Datasette names a database after its file, so `news.db` is `/news`; the metadata is written
    for `quotes.db` and is adapted here rather than asking users to name their file `quotes.db`.
    """
    path = Path(metadata) if metadata else default_metadata()
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    name = Path(db).stem
    if name != "quotes" and "quotes" in data.get("databases", {}):
        text = json.dumps(data, ensure_ascii=False).replace('href=\\"/quotes/', f'href=\\"/{name}/')
        data = json.loads(text)
        data["databases"][name] = data["databases"].pop("quotes")
    return data


def datasette_args(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    metadata_path: str | Path | None = None,
    mutable: bool = False,
    open_browser: bool = False,
) -> list[str]:
    """The `datasette serve` arguments for a quote database (`metadata_path`: a ready file)."""
    args = ["serve", "-i" if not mutable else "", str(db), "--host", host, "--port", str(port),
            "--plugins-dir", str(PLUGINS_DIR)]
    args = [a for a in args if a]
    if metadata_path:
        args += ["--metadata", str(metadata_path)]
    if open_browser:
        args.append("--open")
    return args


def serve(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    metadata: str | Path | None = None,
    mutable: bool = False,
    open_browser: bool = False,
) -> None:
    """Run Datasette on the quote database until interrupted (see the module docstring)."""
    from datasette.cli import cli as datasette_cli

    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"{db}: no such quote database (create it with `quotes ingest`)")
    data = metadata_for(db, metadata)
    with tempfile.TemporaryDirectory(prefix="quotes-serve-") as tmp:
        meta_path = None
        if data:
            meta_path = Path(tmp) / METADATA_NAME
            meta_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        args = datasette_args(db, host=host, port=port, metadata_path=meta_path,
                              mutable=mutable, open_browser=open_browser)
        datasette_cli.main(args, prog_name="datasette", standalone_mode=True)

