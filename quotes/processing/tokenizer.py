"""A tokenizer guard: spaCy's tokenizer is quadratic on a long run of punctuation.

It strips prefix and suffix characters (quote marks, brackets, `!`, `$`...) one at a time from
a whitespace-free stretch, searching the rest of it each time: 16,000 `"` marks in a row take
half a minute, 100,000 hang a run. `BoundedTokenizer` cuts such a run into tokens of a few dozen
characters itself, tokenizes the text between runs as usual, and builds the Doc from the same
characters, so `doc.text` is the article text and every offset stays where it was. Text
without such a run is tokenized exactly as before.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

LONG_RUN = 128
"""A run of this many punctuation or symbol characters (no letter, digit or space) is cut."""
PIECE = 32
"""Such a run becomes tokens of this many characters: linear, and no flood of one-mark tokens
for the parser (the quote finder reads marks from the text, not from tokens)."""
_RUN = re.compile(r"[^\w\s]{" + str(LONG_RUN) + ",}")


class BoundedTokenizer:
    """Wraps a spaCy tokenizer (`nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)`); everything
    but the call is the wrapped tokenizer's."""

    def __init__(self, tokenizer):
        self.inner = tokenizer

    def __call__(self, text: str) -> Doc:
        runs = list(_RUN.finditer(text))
        if not runs:
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []

        def add(piece: str) -> None:
            for tok in self.inner(piece):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

        pos = 0
        for run in runs:
            if run.start() > pos:
                add(text[pos:run.start()])
            for i in range(run.start(), run.end(), PIECE):
                words.append(text[i:min(i + PIECE, run.end())])
                spaces.append(False)
            pos = run.end()
            if text[pos:pos + 1] == " ":
                spaces[-1] = True
                pos += 1
        if pos < len(text):
            add(text[pos:])
        return Doc(self.inner.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str):
        if name == "inner":  # not set yet (unpickling): no recursion through __getattr__
            raise AttributeError(name)
        return getattr(self.inner, name)
