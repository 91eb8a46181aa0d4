"""Fixtures shared by the whole suite: one spaCy pipeline with the `quotes` component, loaded
once per session (loading takes about a second; a test that changes a pipeline loads its own)."""
from __future__ import annotations

import pytest

from quotes.processing.pipeline import get_nlp


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (the same object `extract_articles` uses through `get_nlp`)."""
    return get_nlp()
