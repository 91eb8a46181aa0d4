"""The maker of an utterance that a report's source names (rule `utterance_maker`).

`The bill prompted Hillary Clinton to make a controversial comment that described all young
black men as “super predators”`: the source of `described` is `that`, whose antecedent is the
comment. A comment, remark or statement (rules/words.toml `utterance_nouns`) that someone made
with a light verb (`light_verbs`: make, issue, deliver) and that has no owner of its own is its
maker's words: the maker is the light verb's subject or, for an act others got someone to do
(`prompted X to make`), that verb's object. An owned utterance (`his comments`) and one with no
such verb (`fired over comments that compared …`) stay as they are: the store files an owned
one under its owner, and the gold of news corpora keeps a bare one as its own source.
"""
from __future__ import annotations

from spacy.tokens import Token

from . import rule_names as R
from .reports import Context
from .sources import Mention, composite_description, with_appos


def utterance_maker(ctx: Context, mention: Mention | None) -> Mention | None:
    """The maker of the utterance a relative pronoun source stands for, else `mention`."""
    rules = ctx.rules
    if mention is None or mention.how != "relative" or mention.antecedent is None or not rules.enabled(R.UTTERANCE_MAKER):
        return mention
    noun = mention.antecedent.head
    words = rules.words
    if noun.lemma_.lower() not in words["utterance_nouns"] or noun.dep_ != "dobj" \
            or any(c.dep_ == "poss" for c in noun.children) or noun.head.lemma_.lower() not in words["light_verbs"]:
        return mention
    maker = _maker(noun.head)
    if maker is None or maker.tag_ in ("WDT", "WP") or ctx.ix.quotation_at(maker.idx) is not None:
        return mention
    return with_appos(composite_description(maker) or maker, "subject", rules)


def _maker(verb: Token) -> Token | None:
    """The light verb's subject; with none, for `prompted X to make`, the object of the verb
    that governs it (or that verb's subject: `wanted to make a statement`)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None or verb.dep_ != "xcomp":
        return subject
    governor = verb.head
    return next((c for c in governor.children if c.dep_ == "dobj"), None) \
        or next((c for c in governor.children if c.dep_ == "nsubj"), None)
