"""Indexes the quote site's pages need, so they stay fast on a million quotes.

Each one serves a page: the quotes table opens on body quotes newest first and facets on
speaker, kind, outlet and date within them; a speaker page lists one speaker's body quotes
newest first; the front page lists the most quoted speakers. (A prototype kept apart until the
store's schema takes it as a migration step.)
"""
from __future__ import annotations

SITE_INDEXES: list[tuple[str, str, str]] = [
    ("idx_quotes_body_published", "quotes", "in_body, published"),
    ("idx_quotes_body_speaker", "quotes", "in_body, speaker"),
    ("idx_quotes_body_kind", "quotes", "in_body, kind"),
    ("idx_quotes_body_outlet", "quotes", "in_body, outlet"),
    ("idx_quotes_speaker_body_published", "quotes", "speaker_id, in_body, published"),
    ("idx_speakers_quote_count", "speakers", "quote_count"),
]


def add_site_indexes(conn) -> None:
    """Create the site's indexes where missing (`conn`: sqlite3 or sqlite-utils database)."""
    for name, table, columns in SITE_INDEXES:
        conn.execute(f"create index if not exists {name} on {table}({columns})")
