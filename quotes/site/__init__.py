"""The quote site that `quotes serve` runs: Datasette plugins (`plugins/`), templates
(`templates/`) and a packaged copy of the project's `datasette-metadata.json`, all shipped as
package data so an installed wheel serves the same site as a checkout."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PLUGINS_DIR = HERE / "plugins"
TEMPLATES_DIR = HERE / "templates"
METADATA = HERE / "datasette-metadata.json"
