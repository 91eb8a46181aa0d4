"""The filters a reader sets on the site's lists (dates, outlet, kind), read once for every page
that offers them: the search, the quotes list and the speaker page."""
from __future__ import annotations

import re

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def clean_date(value: str | None, end: bool = False) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter value, widened to a day (`end`: the last one);
    None for anything else."""
    value = (value or "").strip()
    if not _DATE.match(value):
        return None
    return value + {4: ("-12-31" if end else "-01-01"), 7: ("-31" if end else "-01")}.get(len(value), "")


def filters_sql(since: str | None, until: str | None, outlet: str | None = None,
                kind: str | None = None) -> tuple[str, dict]:
    """`and ...` clauses on the quotes (`q`) and their parameters for the filters given."""
    sql, params = "", {}
    for column, op, value in (("kind", "=", kind), ("published", ">=", since), ("published", "<=", until),
                              ("outlet", "=", outlet)):
        if value:
            name = {">=": "since", "<=": "until"}.get(op, column)
            sql += f" and q.{column} {op} :{name}"
            params[name] = value
    return sql, params
