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
import importlib.abc
import importlib.util
import sys
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Article, ArticleQuotes, Quote
    from .processing.pipeline import extract, extract_many, load_nlp

_LAZY = {
    "Article": "models", "ArticleQuotes": "models", "Quote": "models",
    "extract": "processing.pipeline", "extract_many": "processing.pipeline", "load_nlp": "processing.pipeline",
}

__all__ = ["Article", "ArticleQuotes", "Quote", "extract", "extract_many", "load_nlp"]
__version__ = "0.1.0"

MOVED = {
    "quotes.pipeline": "quotes.processing.pipeline",
    "quotes.component": "quotes.attribution.component",
    "quotes.evaluate": "quotes.evaluation.scorer",
    "quotes.gold": "quotes.evaluation.gold",
    "quotes.brat": "quotes.evaluation.brat",
    "quotes.trailing": "quotes.readers.trailing",
    "quotes.output": "quotes.extraction",
    "quotes.speakers": "quotes.store.speaker_names",
    "quotes.readers.cli_options": "quotes.cli.input_options",
    "quotes.readers.errors": "quotes.errors",
}
"""Modules that moved in 0.1 -> their new homes. The old import paths still work for one release
(with a DeprecationWarning); new code uses the new ones."""


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module path as the module that now lives at its new one (the same object,
    so `quotes.pipeline.extract_articles is quotes.processing.pipeline.extract_articles`)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        warnings.warn(f"{spec.name} has moved to {MOVED[spec.name]}; the old path goes in the next release",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module):
        pass


if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
    sys.meta_path.append(_MovedModules())


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quotes' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
