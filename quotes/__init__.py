"""quotes: find every quotation in news articles, work out who said it, and keep the result in
a SQLite quote database that Datasette publishes.

    >>> import quotes
    >>> [(q.speaker, q.text) for q in quotes.extract('“We can try,” Ben Wallace said.')]
    [('Ben Wallace', 'We can try,')]

The names below are loaded on first use, so `import quotes` (and `quotes --help`) does not
load spaCy.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Article, ArticleQuotes, Quote, Speaker
    from .pipeline import extract, extract_many, load_nlp

_LAZY = {
    "Article": "models", "ArticleQuotes": "models", "Quote": "models", "Speaker": "models",
    "extract": "pipeline", "extract_many": "pipeline", "load_nlp": "pipeline",
}

__all__ = ["Article", "ArticleQuotes", "Quote", "Speaker", "extract", "extract_many", "load_nlp"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quotes' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
