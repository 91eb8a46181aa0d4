"""A cue's subject on the far side of an aside (rule `aside_subject`).

`In a call with reporters, Col. Jo Warren, a military spokesman, said …` and `Stuart Stevens,
who ran Romney's campaign, called …`: the parser often hangs the name on the phrase before it
(an apposition of `reporters`) or ends the sentence's subject at the aside, and the cue is left
with no subject. The writer's subject is still plain: the person named right before an
apposition or a `who` clause set off by commas that ends where the cue begins (adverbs
between: `…, forcefully told`). A cue that has a subject of its own, or a passive one, never
comes here; one the parse joined to an earlier verb (`since Clinton, at Monday's debate, cited`
read as a conjunct of the main verb) takes that person over the subject it would inherit.
"""
from __future__ import annotations

from spacy.tokens import Token

from . import rule_names as R
from .cues import Cue
from .reports import Context
from .sources import Mention, entity_bounds, name_start, with_appos, within_line

_FINITE = ("VBD", "VBZ", "VBP")


def subject_across_aside(ctx: Context, cue: Cue) -> Mention | None:
    """The person named before the aside that ends right before the cue, or None."""
    head, doc = cue.head, ctx.doc
    if not ctx.rules.enabled(R.ASIDE_SUBJECT) or not _finite(head):
        return None
    i = head.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX") and head.i - i <= 3:
        i -= 1           # `…, forcefully told`, `…, had said`
    if i < 2 or doc[i].text != "," or doc[i].sent.start != head.sent.start:
        return None
    person = _person_before_aside(doc[i - 1], head)
    if person is not None and ctx.ix.quotation_at(person.idx) is None:
        return with_appos(person, "subject", ctx.rules)
    return _name_before_comma_aside(ctx, i)


def _finite(head: Token) -> bool:
    """A cue that could have a subject of its own: a finite verb (`said`, `had said`, `will
    say`), or a past participle the parse read as a modifier (`…, called Trump's statements …`),
    with no subject, agent or `to`."""
    kids = list(head.children)
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "auxpass", "csubj") or c.dep_ == "aux" and c.tag_ == "TO" for c in kids):
        return False
    if head.tag_ in _FINITE:
        return True
    if head.tag_ == "VBN":
        return head.dep_ == "acl" or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in kids)
    return head.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids)


def _name_before_comma_aside(ctx: Context, comma: int) -> Mention | None:
    """The same on the surface, where the parse made the name the subject of something else:
    `Sen. Richard Durbin (D-Ill.), noting the size of his following, said`, `Clinton,
    exasperated, responded`, `after Mr. Trump, asked about it, had said`: a short stretch
    between commas with no clause of its own (a verb with its subject there, unless a `who`
    clause), right after a person's name
    (and its bracketed party) that opens the sentence or follows a comma, a conjunction or a
    subordinator."""
    doc = ctx.doc
    sent_start = doc[comma].sent.start
    j = comma - 1
    while j > sent_start and comma - j <= 16 and doc[j].text not in (",", ";", ":"):
        j -= 1
    if doc[j].text != "," or comma - j < 2:
        return None
    aside = doc[j + 1:comma]
    if aside[0].tag_ != "WP" and any(t.tag_ in _FINITE and any(
            c.dep_ in ("nsubj", "nsubjpass") and j < c.i < comma for c in t.children) for t in aside):
        return None          # a clause with its own subject, not an aside on the name
    if any(ctx.ix.quotation_at(t.idx) is not None for t in aside):
        return None
    k = j - 1
    if doc[k].text == ")":              # `Durbin (D-Ill.)`
        while k > sent_start and doc[k].text != "(" and j - k <= 8:
            k -= 1
        k -= 1
    if k < sent_start or doc[k].ent_type_ != "PERSON" or ctx.ix.quotation_at(doc[k].idx) is not None:
        return None
    start, end = entity_bounds(doc[k])
    if end != k + 1:
        return None
    first = name_start(doc, start, ctx.rules, with_titles=True)
    before = doc[first - 1] if first > sent_start else None
    if before is not None and not (before.text == "," or before.pos_ in ("CCONJ", "SCONJ") or before.tag_ == "IN"):
        return None
    return within_line(Mention(doc[k], start, end, how="subject"))


def _person_before_aside(last: Token, cue_head: Token) -> Token | None:
    """`last` ends an aside: climb to the outermost apposition or relative clause that ends at
    it and opens after a comma (or the sentence's start); the person is its name, the name it
    renames (`Marc Morial, the chief executive …,`), or the name it gives (`the campaign chief,
    Paul Manafort,`)."""
    found = None
    for node in [last, *last.ancestors]:
        if _right_end(node, cue_head) != last.i:
            break
        if node.dep_ in ("appos", "relcl") and node.head.i < node.i:
            found = node
    if found is None:
        return None
    if found.dep_ == "relcl":
        if not any(c.dep_ == "nsubj" and c.tag_ == "WP" for c in found.children):
            return None        # only `who …`: a clause on the name, not one about its object
        anchor = found.head
        return anchor if _person(anchor) and _opens_phrase(anchor) else None
    # an apposition: the phrase it renames, or itself, must open after a comma
    for phrase in (found.head, found):
        name = _name_in(phrase) if _opens_phrase(phrase) else None
        if name is not None:
            return name
    return None


def _right_end(node: Token, cue_head: Token) -> int:
    """Where the phrase `node` heads ends, leaving out the cue's own words where the parse hung
    the cue inside it (`the 2012 campaign, called …` read as a modifier of `campaign`)."""
    if not cue_head.is_ancestor(node) and cue_head in node.subtree:
        return max((t.i for t in node.subtree if t.i < cue_head.left_edge.i and not t.is_punct), default=node.i)
    return node.right_edge.i


def _opens_phrase(tok: Token) -> bool:
    """Does the phrase `tok` heads open its sentence or follow a comma?"""
    left = tok.left_edge
    return left.is_sent_start or left.i > 0 and left.doc[left.i - 1].text == ","


def _name_in(phrase: Token) -> Token | None:
    """The person a phrase names: its own head, or the head of an apposition on it."""
    if _person(phrase):
        return phrase
    return next((c for c in phrase.children if c.dep_ == "appos" and _person(c)), None)


def _person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"



def aside_subject_of_conjunct(ctx: Context, cue: Cue, mention: Mention | None) -> Mention | None:
    """`Trump has been targeting Machado since Clinton, at Monday's debate, cited derogatory
    comments …`: the parse read `since Clinton` as a phrase and joined `cited` to `targeting`,
    so the cue inherits the first verb's subject. A person named after that verb, right before an
    aside that ends at the cue, is the cue's own subject (`mention` kept otherwise)."""
    head = cue.head
    if mention is None or mention.how != "inherited" or head.dep_ != "conj":
        return mention
    found = subject_across_aside(ctx, cue)
    if found is None or not head.head.i < found.start < head.i:
        return mention
    return found
