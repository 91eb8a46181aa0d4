"""The `quotes` spaCy component: `nlp.add_pipe("quotes")`, results on `doc._.quotes`.

Registered as a spaCy factory through the `spacy_factories` entry point, so it can be added to
any English pipeline that has a tagger, lemmatizer, dependency parser and entity recognizer.
Results are the attributor's own `Quote` models on `doc._.quotes` (no copy, no validation on
access); they survive spaCy's multiprocessing and `Doc.to_bytes` through msgpack hooks
registered here. `doc._.quote_records` gives them as plain dicts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import SimpleFrozenList

from .attributor import Attributor
from ..models import Quote
from ..ruleset import Rules, read_rule_files, rules_from_files

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)     # list[Quote], set by the component
if not Doc.has_extension("quote_records"):
    Doc.set_extension(
        "quote_records",
        getter=lambda doc: None if doc._.quotes is None else [q.model_dump(mode="json") for q in doc._.quotes],
    )
if not Doc.has_extension("byline"):
    Doc.set_extension("byline", default=None)     # the article's author: who an op-ed's `I` is

_MSGPACK_KEY = "__quotes.Quote__"


@srsly.msgpack_encoders("quotes.Quote")
def _encode_quote(obj, chain=None):
    """A `Quote` in a Doc's user data as msgpack (spaCy's `Doc.to_bytes`, its worker processes)."""
    if isinstance(obj, Quote):
        return {_MSGPACK_KEY: obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("quotes.Quote")
def _decode_quote(obj, chain=None):
    if isinstance(obj, dict) and _MSGPACK_KEY in obj:
        return Quote.model_validate(obj[_MSGPACK_KEY])
    return obj if chain is None else chain(obj)


class QuotesComponent:
    """Finds quotations in a Doc and attributes them, following the rules in `rules/`.

    Like spaCy's own rulers, the component carries its rules: `to_disk` / `to_bytes` save the
    rule files themselves, so `nlp.to_disk(path)` then `spacy.load(path)` attributes with the
    same (possibly edited) rules, wherever the folder they came from has gone.
    """

    def __init__(self, nlp: Language, name: str, rules_dir: str | None, classes: list[str] | None):
        self.name = name
        self.rules_dir = rules_dir
        self.classes = classes
        self._files: dict[str, bytes] | None = None
        self._attributor: Attributor | None = None
        if rules_dir is None or Path(rules_dir).is_dir():
            self.set_rule_files(read_rule_files(rules_dir), origin=rules_dir)
        # else: a pipeline loaded from disk brings its own rule files (`from_disk`); without
        # them, the first Doc reports the missing folder

    @property
    def rule_files(self) -> dict[str, bytes]:
        """The rule files in use, by file name."""
        self._load()
        return self._files

    @property
    def rules(self) -> Rules:
        return self.attributor.rules

    @property
    def attributor(self) -> Attributor:
        self._load()
        return self._attributor

    def _load(self) -> None:
        if self._attributor is None:
            self.set_rule_files(read_rule_files(self.rules_dir), origin=self.rules_dir)

    def set_rule_files(self, files: dict[str, bytes], origin: str | Path | None = None) -> None:
        """Use these rule files (by file name), checking them now."""
        rules = rules_from_files(files, classes=self.classes, origin=origin)
        self._files = dict(files)
        self._attributor = Attributor(rules)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = self.attributor(doc)
        return doc

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   rules_dir: str | Path | None = None) -> None:
        """Read the rule files from `rules_dir` (default: the component's `rules_dir` setting)."""
        folder = rules_dir or self.rules_dir
        self.set_rule_files(read_rule_files(folder), origin=folder)

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        return util.to_bytes({"rules": lambda: srsly.msgpack_dumps(self.rule_files)}, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> QuotesComponent:
        util.from_bytes(bytes_data, {"rules": lambda b: self.set_rule_files(srsly.msgpack_loads(b))}, exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        """Write the rule files into `path/rules/`."""
        util.to_disk(util.ensure_path(path), {"rules": self._write_rules}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> QuotesComponent:
        """Read the rule files from `path/rules/` (a pipeline saved without them keeps its own)."""
        path = util.ensure_path(path)
        if (path / "rules").is_dir():
            util.from_disk(path, {"rules": lambda p: self.set_rule_files(read_rule_files(p), origin=p)}, exclude)
        return self

    def _write_rules(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.rule_files.items():
            (folder / name).write_bytes(data)


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
        elif prev.text in ("—", "--", "–") and tok.i - line_start < 15 and (any(
                t.text == ")" for t in doc[line_start:prev.i]) or tok.text[:1].isupper() and _dateline(doc[line_start:prev.i])):
            tok.is_sent_start = True      # a dateline: `CLEVELAND, July 19 (UPI) — ...`, `KYIV — ...`
    return doc


def _dateline(words) -> bool:
    """`KYIV`, `LONDON, Feb 11`: a place in capitals opening the line, then only capitalised
    words, numbers and punctuation (no lower-case word, so no sentence) before the dash."""
    first = words[0] if len(words) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) >= 3):
        return False
    return all(t.is_punct or t.like_num or t.text[:1].isupper() for t in words)


@Language.factory(
    "quotes",
    default_config={"rules_dir": None, "classes": None},
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quotes_component(nlp: Language, name: str, rules_dir: str | None, classes: list[str] | None):
    """Factory for the component. `rules_dir`: a folder of rule files to use instead of the
    packaged `rules/`; `classes`: the cue classes to switch on (default: each class's own
    `enabled` setting in `rules/cues.toml`)."""
    return QuotesComponent(nlp, name, rules_dir, classes)
