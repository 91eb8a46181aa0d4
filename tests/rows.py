"""Reading back what an ingest stored, for tests that compare two runs row by row."""
from __future__ import annotations

import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "seeds" / "000_311608aec32b352f.txt").read_text(encoding="utf-8")

QUOTE_COLUMNS = ("article_id, seq, text, speaker, speaker_mention, speaker_role, kind, cue, rule, "
                 "confidence, start, end, spans, cue_spans, speaker_spans, context, in_body")
"""Every stored column of a quote except its row id, which differs between runs."""


def table(db: Path, sql: str) -> list[tuple]:
    """The rows `sql` selects from the database at `db`."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
