"""Titles of works in quote marks (rule `scare_quote`): `his 2019 book, “Open Water,”`, `the album
“Northern Lights”`, `a film titled “Blue Harbour”` name a work; they are no one's words, so no
cue takes them as its quote and they are not placed."""
from __future__ import annotations

from . import rule_names as R
from .reports import Context


def title_quotations(ctx: Context) -> set[int]:
    """The quotations that are the title of a work: a few words (`scare_quote` `max_words`)
    right after a work noun (rules/words.toml `work_nouns`, with a comma or nothing between)
    or a titling word (`titled`, `entitled`, `called` after a work noun)."""
    rules, ix, doc, text = ctx.rules, ctx.ix, ctx.doc, ctx.text
    if not rules.enabled(R.SCARE_QUOTE):
        return set()
    max_words = rules.rule(R.SCARE_QUOTE).settings.get("max_words", 4)
    works, titling = rules.words["work_nouns"], rules.words["titling_words"]
    out = set()
    for i, q in enumerate(ix.quotations):
        if q.n_words(text) > max_words or q.unclosed:
            continue
        span = doc.char_span(max(0, q.outer_start - 60), q.outer_start, alignment_mode="contract")
        if span is None:
            continue
        before = [t for t in span if not t.is_space]
        while before and before[-1].text in (",", "’s", "'s") and len(before) > 1:
            before.pop()
        if not before:
            continue
        last = before[-1]
        if last.lemma_.lower() in works and last.pos_ == "NOUN":
            out.add(i)
        elif last.lower_ in titling and any(t.lemma_.lower() in works for t in before[-5:-1]):
            out.add(i)
    return out
