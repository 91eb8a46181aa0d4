"""Which words introduce reported content: cue verbs, `according to`, and nominal cues.

Looked up in the lexicon from `rules/cues.toml` by lemma, on the parsed Doc.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..ruleset import Rules

VERB_TAGS = {"VERB", "AUX"}

# a cue's form: how it stands in the sentence
VERB = "verb"            # `X said`, `shot back`
PHRASE = "phrase"        # `according to X`
NOUN = "noun"            # `his warning that ...`
COLON = "colon"          # `Graham: ...`, `PENCE: ...` (a label and a colon)
_OPENING = {"“", '"', "‘", "''", "``"}


@dataclass
class Cue:
    """A cue: its head token, the words that make it up, its lexicon class and kind."""

    head: Token
    tokens: list[Token]
    cls: str
    kind: str            # "speech" or "belief"
    form: str            # VERB, PHRASE, NOUN or COLON

    @property
    def spans(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for t in sorted(self.tokens, key=lambda t: t.i):
            if out and out[-1][1] >= t.idx - 1 and t.i > 0 and t.doc[t.i - 1] in self.tokens:
                out[-1] = (out[-1][0], t.idx + len(t.text))
            else:
                out.append((t.idx, t.idx + len(t.text)))
        return out

    def text(self) -> str:
        return " ".join(t.text for t in sorted(self.tokens, key=lambda t: t.i))


def _verb_particles(tok: Token) -> list[Token]:
    """`point out`, `go on`: particles that belong to the cue."""
    return [c for c in tok.children if c.dep_ == "prt"]


def _verb_tagged_noun(tok: Token) -> bool:
    """`“…,” the email read.`: a cue verb ending the sentence after a quotation and a short noun
    phrase, which the tagger took for a noun (`email read` as a compound)."""
    doc = tok.doc
    after = tok.i + 1
    if after < len(doc) and not (doc[after].is_punct or doc[after].is_space) and after < tok.sent.end:
        return False
    before = doc[max(tok.sent.start, tok.i - 4):tok.i]
    return len(before) > 0 and before[-1].pos_ in ("NOUN", "PROPN", "ADJ") and any(t.text in ("”", '"', "''", "’") for t in before)


def find_cues(doc: Doc, rules: Rules) -> list[Cue]:
    """All cue candidates in `doc`, in text order."""
    out: list[Cue] = []
    verbs = rules.verb_class
    nouns = rules.noun_class
    according = {p.lower() for group in rules.phrases.values() for p in group}
    strings = doc.vocab.strings
    # look only at tokens whose lemma (or lower form) is a cue word: a pass over integer ids
    # instead of building a Token for every word
    phrasal = {}
    for (verb, particle), cls in rules.phrasal_class.items():
        phrasal.setdefault(verb, {})[particle] = cls
    multi = {}        # `in the words of X`: the other phrases, by their first word
    for phrase in according - {"according to"}:
        first, *rest = phrase.split()
        multi.setdefault(first, []).append(rest)
    words = (*verbs, *nouns, *phrasal, "according", *multi)
    wanted = {strings.add(w) for w in words} | {strings.add(w.capitalize()) for w in words}
    arr = doc.to_array([LEMMA, LOWER])
    hits = [i for i, (lem, low) in enumerate(arr.tolist()) if lem in wanted or low in wanted]
    for i in hits:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if tok.i > 0 and doc[tok.i - 1].text in ("-", "‐"):
            continue                  # `so-called`, `self-described`: part of a compound word
        if tok.pos_ in VERB_TAGS and lemma in verbs and not (tok.pos_ == "AUX" and lemma != "say"):
            cls = verbs[lemma]
            tokens = [tok, *_verb_particles(tok)]
            if _object_fits(rules, cls, tokens):
                out.append(Cue(tok, tokens, cls, rules.class_kind[cls], VERB))
        elif tok.pos_ == "NOUN" and lemma in verbs and _verb_tagged_noun(tok):
            cls = verbs[lemma]
            out.append(Cue(tok, [tok], cls, rules.class_kind[cls], VERB))
        elif tok.pos_ == "VERB" and lemma in phrasal:
            # a preposition counts as the particle only for a class that then checks its object
            # (`pointed to reports that …`, cues.toml `object_nouns`), not `went on a trip`
            particle = next((c for c in tok.children if c.lower_ in phrasal[lemma] and (
                c.dep_ in ("prt", "advmod", "dobj") or c.dep_ == "prep" and phrasal[lemma][c.lower_] in rules.object_nouns)), None)
            cls = phrasal[lemma][particle.lower_] if particle is not None else None
            if cls is not None and _object_fits(rules, cls, [tok, particle]):
                out.append(Cue(tok, [tok, particle], cls, rules.class_kind[cls], VERB))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to" and "according to" in according:
            out.append(Cue(tok, [tok, doc[tok.i + 1]], "speech", "speech", PHRASE))
        elif tok.lower_ in multi and (found := _phrase_at(doc, tok, multi[tok.lower_])) is not None:
            out.append(Cue(tok, found, "speech", "speech", PHRASE))
        elif tok.pos_ == "NOUN" and lemma in nouns:
            cls = nouns[lemma]
            out.append(Cue(tok, [tok], cls, rules.class_kind[cls], NOUN))
    if rules.as_object_class in rules.class_kind:
        out = sorted(out + _as_object_cues(doc, rules, {c.head.i for c in out}), key=lambda c: c.head.i)
    return out


def said_object(tokens: list[Token], nouns: set[str]) -> Token | None:
    """The one object of a cue's words (the verb's, or its particle's: `pointed to reports`)
    when it names something said (cues.toml `object_nouns`), else None: for such a class only
    that makes the verb a cue, so `echoed the tone of Cruz` neither reports nor, as a cue inside
    another report's content, stops that one (`denounced …, which RT pointed to as …`)."""
    objs = [c for t in tokens for c in t.children if c.dep_ in ("dobj", "pobj") and c.i > tokens[0].i]
    if len(objs) != 1 or objs[0].lemma_.lower() not in nouns and objs[0].lower_ not in nouns:
        return None
    return objs[0]


def _object_fits(rules: Rules, cls: str, tokens: list[Token]) -> bool:
    """A class with `object_nouns` makes a cue only with such an object; any other class always."""
    return cls not in rules.object_nouns or said_object(tokens, rules.object_nouns[cls]) is not None


def _phrase_at(doc: Doc, tok: Token, rests: list[list[str]]) -> list[Token] | None:
    """The tokens of a multi-word phrase cue opening at `tok` (`in the words of`), or None."""
    for rest in rests:
        end = tok.i + 1 + len(rest)
        if end <= len(doc) and [t.lower_ for t in doc[tok.i + 1:end]] == rest:
            return list(doc[tok.i:end])
    return None


def _as_object_cues(doc: Doc, rules: Rules, taken: set[int]) -> list[Cue]:
    """`Reid has been pounding Trump as a “con artist”`, `has gone after Trump as a “…”`: any
    verb whose object is followed by `as` and a quoted fragment casts the object in the
    subject's words (rules/cues.toml `as_object`; the report needs the quotation, as for the
    class's own verbs)."""
    out = []
    as_id = doc.vocab.strings.add("as")
    for i in [i for i, low in enumerate(doc.to_array([LOWER]).tolist()) if low == as_id]:
        if i == 0 or not any(t.text in _OPENING for t in doc[i + 1:i + 4]):
            continue
        obj = doc[i - 1]
        if obj.pos_ not in ("NOUN", "PROPN", "PRON") or obj.dep_ not in ("dobj", "pobj"):
            continue
        verb = obj.head if obj.dep_ == "dobj" else obj.head.head      # `go after X`: the prep's verb
        if verb.pos_ != "VERB" or verb.i in taken or verb.i > obj.i or not any(
                c.dep_ in ("nsubj", "aux") for c in verb.children):
            continue          # (not a bare gerund: `the choice was between going after X as “…”`)
        cls = rules.as_object_class
        out.append(Cue(verb, [verb], cls, rules.class_kind[cls], VERB))
        taken.add(verb.i)
    return out
