"""The data shapes of `quotes`: one definition each, used by the spaCy component, the JSON
output, the store and the command line.

Offsets are always `[start, end)` Python string indices into the article's original text, so
`article.text[start:end]` is exactly the quoted (or cue, or speaker) text.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Span = tuple[int, int]
"""A `[start, end)` character range into the article text."""

QuoteKind = Literal["direct", "mixed", "indirect", "belief"]
"""`direct`: the content is all inside quote marks (or a transcript line, `NAME: …`); `mixed`: reported speech that contains a
quoted fragment; `indirect`: reported speech without quote marks; `belief`: an attributed
belief or knowledge (opt-in cue class)."""


class Quote(BaseModel):
    """One attributed quotation: what was said, who said it, and the evidence for both."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The quote as it stands in the article; several spans are joined with ' … '.")
    spans: list[Span] = Field(description="Character offsets of the quote's content, in order; `text[start:end]` is each part.")
    kind: QuoteKind = Field("direct", description="direct, mixed, indirect or belief.")
    speaker: str | None = Field(None, description="The resolved speaker: the fullest name the article gives, or the description (`British ministers`).")
    co_speakers: list[str] = Field(default_factory=list, description="Who said it with `speaker`, when several named people or bodies spoke together (`Mr. Grassley and Mr. Leahy said`): the others' resolved names, in the order named; `speaker` is the first named.")
    speaker_spans: list[Span] = Field(default_factory=list, description="The mention attached to the cue (may be a pronoun or surname; the whole coordination for joint speakers).")
    speaker_role: str | None = Field(None, description="A role the article gives the speaker (`Russia’s defence minister`).")
    speaker_is_person: bool | None = Field(None, description="True for a named person, False for a description or organisation, None when there is no speaker.")
    cue: str | None = Field(None, description="The cue words (`said`, `according to`, `:`).")
    cue_spans: list[Span] = Field(default_factory=list, description="Character offsets of the cue.")
    cue_class: str | None = Field(None, description="The cue's class in the lexicon (speech, writing, assertion, ...).")
    quoted_spans: list[Span] = Field(default_factory=list, description="The verbatim parts: all of a direct quote (inside quote marks, or a transcript line `NAME: …`), the quoted fragments of a mixed one.")
    context_span: Span | None = Field(None, description="The sentence(s) around the quote, for display and checking.")
    confidence: float = Field(0.5, ge=0.0, le=1.0, description="How sure the rule that decided is, from 0 to 1.")
    rule: str = Field("", description="Name of the rule that attributed the quote (see rules/).")
    speaker_rule: str | None = Field(None, description="Name of the speaker rule that decided who the speakers are, where it is one that shows (`joint_speakers`: `co_speakers` is filled).")
    in_body: bool = Field(True, description="False when the quote lies in trailing matter (related-article lists, captions).")

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


class Article(BaseModel):
    """An article as read from any input, with whatever metadata the input had."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | str | None = None
    byline: str | None = None
    source_path: str | None = None
    body_end: int | None = Field(None, description="Where the article body ends and trailing matter begins, if known.")
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_str(cls, v: Any) -> str:
        return str(v)

    @property
    def text_hash(self) -> str:
        """sha256 of the text: what makes two inputs the same article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class ArticleQuotes(BaseModel):
    """One line of `quotes extract` output: `{"id": ..., "quotes": [...]}`."""

    id: str
    quotes: list[Quote]
