"""Datasette plugins shipped with `quotes`: `quotes serve` (and `datasette publish --plugins-dir`)
loads every module in this folder, so each one imports nothing from `quotes` itself."""
