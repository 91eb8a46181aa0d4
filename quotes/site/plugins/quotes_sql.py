"""The fact-check's SQL functions (`quotes.factcheck.sql`) on every connection Datasette opens,
so the `fact_check` canned query runs the same lookup as `quotes check`."""
from __future__ import annotations

from datasette import hookimpl

from quotes.factcheck.sql import register


@hookimpl
def prepare_connection(conn):
    register(conn)
