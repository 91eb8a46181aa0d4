"""Where the article body ends in plain text: `find_body_end`."""
from __future__ import annotations


def find_body_end(text: str) -> int | None:
    """The offset where trailing matter begins, or None when there is none."""
    return None
