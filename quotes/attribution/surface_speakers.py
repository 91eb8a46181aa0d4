"""Speakers the parse did not link to their cue, found on the surface of the text: a name
standing between a quotation and its cue, right before the cue, or right after it; and which
nouns can be a source at all."""
from __future__ import annotations

from spacy.tokens import Token

from .reports import Context
from .cues import Cue
from .index import letters
from .sources import Mention, entity_bounds, name_start, outside_brackets, with_appos, within_line


def judge_source(ctx: Context, noun: Token) -> str | None:
    """Can this noun be a source: a name, a pronoun, people (`voters`, `officials`), or a
    document its issuer speaks through (`a statement`, `ads`)? `one point`, `first taste`,
    `Morning Joe` cannot."""
    rules, lemma = ctx.rules, noun.lemma_.lower()
    if lemma in rules.noun_class or any(lemma in nouns for nouns in rules.subject_nouns.values()):
        return "document"
    if noun.pos_ == "PRON" or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or noun.lower_ in rules.people_nouns \
            or noun.pos_ == "NOUN" and noun.tag_ == "NNS" and not noun.ent_type_:
        return "speaker"
    return None


def subject_outside_quotation(ctx: Context, cue: Cue, mention: Mention | None) -> Mention | None:
    """`“… Full panic mode,” said Leslie Wimes`: where the parse took a word of the quotation
    as a subject, the subject outside it is the source; with none, there is no source from the
    parse (`“… Donald can't,” the email read`) unless the quotation is the subject's name
    itself (`as “The Wall Street Journal” wrote`)."""
    if mention is None or mention.how != "subject":
        return mention
    ix = ctx.ix
    qi = ix.quotation_at(mention.head.idx)
    if qi is None or ix.quotation_at(cue.head.idx) == qi:
        return mention
    qs, qe = ix.q_outer[qi]
    other = next((c for c in cue.head.children if c.dep_ == "nsubj" and not qs <= c.idx < qe), None)
    if other is not None:
        return with_appos(outside_brackets(other), "subject", ctx.rules)
    ms, me = mention.char_span
    return mention if 2 * letters(ctx.text, ms, me) >= letters(ctx.text, qs, qe) else None


def speaker_before(ctx: Context, cue: Cue) -> tuple[int, Mention] | None:
    """`“…,” Tulsa police Chief Chuck Jordan said`, when the parse does not link the name to
    the cue: a quotation set off by a comma (`?`, `!`, a dash) closes, then only a short noun
    phrase stands before the cue. One not set off is part of the phrase (`as “unhinged” a Trump
    tweet attacking …`, `“The Apprentice” star posted`), not a quote signed by it."""
    head = cue.head
    if head.tag_ == "VBN" or any(c.dep_ in ("agent", "nsubjpass") for c in head.children):
        return None          # `…, Wallace told by the Kremlin`: the name before is the hearer
    found = ctx.ix.quotation_before(head.idx)
    if found is None or len(found[1]) > 80:
        return None
    i = found[0]
    qe = ctx.ix.q_outer[i][1]
    if not any(ch in ",?!—–-" for ch in ctx.text[qe - 3:qe] + found[1][:2]):
        return None          # `as “unhinged” a Trump tweet attacking …`, `“The Apprentice” star posted`: not set off
    toks = [t for t in ctx.ix.tokens_between(qe, head.idx) if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    if not 1 <= len(words) <= 8 or any(t.text not in (",", "-", "(", ")") for t in toks if t.is_punct):
        return None
    people = [t for t in words if t.ent_type_ == "PERSON"]
    if not people and not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") for t in words):
        return None
    if people:
        root = people[-1]
        ent_start, ent_end = entity_bounds(root)
        return i, Mention(root, max(ent_start, words[0].i), ent_end, how="subject")
    return i, Mention(words[-1], words[0].i, words[-1].i + 1, how="subject")


def subject_before(ctx: Context, cue: Cue) -> Mention | None:
    """`... the editorial board of the Washington Post Trump said that ...`: a person named
    right before the cue (adverbs between) when the parse gave the cue no subject."""
    doc = ctx.doc
    i = cue.head.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and cue.head.i - i <= 3:
        i -= 1
    if i < 0 or doc[i].sent.start != cue.head.sent.start:
        return None
    if doc[i].ent_type_ != "PERSON":
        # a surname the recognizer took for a body, or ran into one (`… of the Washington Post
        # Trump said`): the surname alone
        if doc[i].pos_ != "PROPN" or entity_bounds(doc[i])[1] != i + 1 or ctx.resolver.article.person_named(doc[i:i + 1]) is None:
            return None
        return within_line(Mention(doc[i], i, i + 1, how="subject"))
    ent_start, ent_end = entity_bounds(doc[i])
    return within_line(Mention(doc[ent_end - 1], ent_start, ent_end, how="subject"))


def speaker_after(ctx: Context, cue: Cue) -> Mention | None:
    """`“…,” added another New Hampshire Democrat`: the noun phrase right after the cue,
    when the parse gave the cue no subject."""
    doc = ctx.doc
    end = cue.head.i + 1
    sent_end = cue.head.sent.end
    while end < sent_end and end - cue.head.i <= 6 and not doc[end].is_punct and (
            doc[end].pos_ not in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") or doc[end].dep_ == "amod"):
        end += 1
    words = doc[cue.head.i + 1:end]
    if not len(words) or ctx.ix.quotation_at(words[0].idx) is not None:
        return None
    people = [t for t in words if t.ent_type_ == "PERSON"]
    nouns = [t for t in words if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ or t.text[:1].isupper()]
    if not nouns or words[-1] not in nouns and not people:
        return None
    if people:
        # the name, not the description before it (`retired neurosurgeon Ben Carson`)
        root = people[-1]
        ent_start, ent_end = entity_bounds(root)
        start = max(words.start, name_start(doc, ent_start, ctx.rules))
        return within_line(Mention(root, start, min(words.end, ent_end), how="subject"))
    return within_line(Mention(nouns[-1], words.start, words.end, how="subject"))
