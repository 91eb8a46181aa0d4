"""The `quotes` spaCy component: `nlp.add_pipe("quotes")`, results on `doc._.quotes`.

Registered as a spaCy factory through the `spacy_factories` entry point, so it can be added to
any English pipeline that has a tagger, lemmatizer, dependency parser and entity recognizer.
Results are stored on the Doc as plain records (`doc._.quote_records`), which survive spaCy's
multiprocessing and `Doc.to_bytes`; `doc._.quotes` gives them as `Quote` models.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .attribute import Attributor
from .models import Quote
from .ruleset import load_rules

if not Doc.has_extension("quote_records"):
    Doc.set_extension("quote_records", default=None)
if not Doc.has_extension("byline"):
    Doc.set_extension("byline", default=None)     # the article's author: who an op-ed's `I` is
if not Doc.has_extension("quotes"):
    Doc.set_extension(
        "quotes",
        getter=lambda doc: [Quote.model_validate(r) for r in (doc._.quote_records or [])],
    )


class QuotesComponent:
    """Finds quotations in a Doc and attributes them, following the rules in `rules/`."""

    def __init__(self, nlp: Language, name: str, rules_dir: str | None, classes: list[str] | None):
        self.name = name
        self.rules = load_rules(rules_dir, classes=classes)
        self.attributor = Attributor(self.rules)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quote_records = [q.model_dump(mode="json") for q in self.attributor(doc)]
        return doc


@Language.component("quote_paragraphs", assigns=["token.is_sent_start"])
def quote_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every line break, so no sentence, parse or name runs across
    paragraphs. Add it before the parser: `nlp.add_pipe("quote_paragraphs", before="parser")`."""
    line_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            line_start = tok.i
        elif tok.i - line_start >= 2 and tok.text[:1].isupper() and not tok.text.isupper() and all(
                t.text.isupper() and t.is_alpha for t in doc[line_start:tok.i]):
            tok.is_sent_start = True      # a heading run into its paragraph: `THE BORROWING Back when …`
        elif prev.text in ("—", "--", "–") and tok.i - line_start < 15 and any(
                t.text == ")" for t in doc[line_start:prev.i]):
            tok.is_sent_start = True      # a dateline: `CLEVELAND, July 19 (UPI) — ...`
    return doc


@Language.factory(
    "quotes",
    default_config={"rules_dir": None, "classes": None},
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.quotes", "doc._.quote_records"],
)
def make_quotes_component(nlp: Language, name: str, rules_dir: str | None, classes: list[str] | None):
    """Factory for the component. `rules_dir`: a folder of rule files to use instead of the
    packaged `rules/`; `classes`: the cue classes to switch on (default: each class's own
    `enabled` setting in `rules/cues.toml`)."""
    return QuotesComponent(nlp, name, rules_dir, classes)
