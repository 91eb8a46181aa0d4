"""What the quote site counts without scanning: quotes per outlet, day, kind and speaker, and a
full-text index over speakers' names and aliases (schema step 5).

At a million quotes a `group by` over the quotes (a facet) takes longer than a page may; the
counts are kept here by triggers as quotes are stored, replaced and deleted, so the site reads
a few rows instead. `quote_counts` holds one row per (facet, value, in_body) with its count
(`value` '' for none); `speakers_fts` (FTS5 over `speakers.name` and `speakers.aliases`, kept by
triggers) lets the front page's search find people by any name they were given.
"""
from __future__ import annotations

import sqlite_utils

FACETS = ("outlet", "published", "kind", "speaker_id")
"""The quote columns counted in `quote_counts` (its `facet` column names one)."""

TABLE_SQL = """
create table if not exists quote_counts (
  facet text not null, value text not null, in_body integer not null, n integer not null,
  primary key (facet, value, in_body)
) without rowid
"""


def _bump(row: str, sign: str) -> str:
    """The statements adding `sign`1 to every facet of quote `row` (`new` or `old`)."""
    return "\n".join(
        f"insert into quote_counts (facet, value, in_body, n) values ('{f}', coalesce({row}.{f}, ''), "
        f"coalesce({row}.in_body, 1), {sign}1) on conflict (facet, value, in_body) do update set n = n {sign} 1;"
        for f in FACETS)


TRIGGERS = {
    "quote_counts_insert": f"after insert on quotes begin\n{_bump('new', '+')}\nend",
    "quote_counts_delete": f"after delete on quotes begin\n{_bump('old', '-')}\nend",
    "quote_counts_update": (f"after update of {', '.join(FACETS)}, in_body on quotes begin\n"
                            f"{_bump('old', '-')}\n{_bump('new', '+')}\nend"),
}


def fill_counts(db: sqlite_utils.Database) -> None:
    """Count every stored quote again (the triggers keep the counts from then on)."""
    db.execute("delete from quote_counts")
    for f in FACETS:
        db.execute(f"insert into quote_counts (facet, value, in_body, n) select '{f}', coalesce({f}, ''), "
                   f"coalesce(in_body, 1), count(*) from quotes group by 2, 3")


def add_site_counts(db: sqlite_utils.Database) -> None:
    """Schema step 4: `quote_counts` with its triggers, filled from the quotes stored, and the
    speakers' full-text index."""
    with db.atomic():
        db.execute(TABLE_SQL)
        for name, body in TRIGGERS.items():
            db.execute(f"drop trigger if exists {name}")
            db.execute(f"create trigger {name} {body}")
        fill_counts(db)
    if not db["speakers_fts"].exists():  # sqlite-utils commits around its FTS script
        db["speakers"].enable_fts(["name", "aliases"], create_triggers=True,
                                  tokenize="unicode61 remove_diacritics 2")
