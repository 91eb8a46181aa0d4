"""Headline and transcript lines (rules `headline_colon`, `transcript_label`): a line opened by
a source's name and a colon, the rest of the line being what that source said."""
from __future__ import annotations

import re

from . import rule_names as R
from .reports import Report, Context, content_report, trim_tokens
from .cues import COLON, Cue
from .sources import Mention

LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t\u00a0]+")


def headline_reports(ctx: Context) -> list[Report]:
    """`Graham: Trump’s rhetoric destroying GOP’s chance`: a title line whose first words,
    before a colon, name the source, and the rest of the line is what it said."""
    doc, text, ix = ctx.doc, ctx.text, ctx.ix
    out = []
    for para in ix.paras[:1]:
        line = text[para.start:para.end]
        colon = line.find(":")
        if colon <= 0 or len(line.split()) > 30:
            continue
        span = doc.char_span(para.start, para.start + colon, alignment_mode="expand")
        if span is None or not 1 <= len(span) <= 5 or any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        how = "label"
        ents = [e for e in ix.ents if span.start <= e.start and e.end <= span.end and e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
        if ents:
            root = ents[0].root
        elif len(span) <= 3 and all(t.text[:1].isupper() for t in span) and names_person(ctx, span):
            root = span[-1]      # `Trump: …` in a title-case headline the recognizer read as a word
        elif len(span) <= 2 and span[-1].lower_ in ctx.rules.words.get("headline_documents", ()):
            root = span[-1]      # `Poll: Clinton and Trump in dead heat`: a document speaks
            how = "document"
        else:
            continue
        colon_tok = doc[span.end] if span.end < len(doc) else None
        if colon_tok is None or colon_tok.text != ":":
            continue
        start, end = trim_tokens(ctx, span.end + 1, doc.char_span(para.start, para.end, alignment_mode="expand").end)
        if end - start < 3:
            continue
        s, e = ix.token_span_chars(start, end)
        cue = Cue(colon_tok, [colon_tok], "speech", "speech", COLON)
        mention = Mention(root, span.start, span.end, how=how)
        report = content_report(ctx, cue, mention, (para.start, colon_tok.idx + 1), [(s, e)], R.HEADLINE_COLON)
        if report is not None:
            out.append(report)
    return out


def transcript_reports(ctx: Context) -> list[Report]:
    """`PENCE: Well, look, …`, `JAKE TAPPER: …`: a transcript line, opened by the speaker's
    name in capitals and a colon; the name must be a person the article names (so that
    `UPDATE:`, `CORRECTION:` or `EXCLUSIVE:` are not speakers)."""
    doc, text, ix = ctx.doc, ctx.text, ctx.ix
    out = []
    for para in ix.paras[1:]:
        m = LABEL.match(text, para.start, para.end)
        if m is None:
            continue
        label = doc.char_span(*m.span(1), alignment_mode="expand")
        s, e = m.end(), para.end
        while e > s and (text[e - 1].isspace() or text[e - 1] in "\"”"):
            e -= 1
        if label is None or len(text[s:e].split()) < 3 or not names_person(ctx, label, any_case=True):
            continue
        colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
        cue = Cue(colon[0], [colon[0]], "speech", "speech", COLON)
        mention = Mention(label[-1], label.start, label.end, how="label")
        out.append(Report(cue, mention, [(s, e)], ix.quotations_in(s, e), "direct", R.TRANSCRIPT_LABEL,
                         (label.start_char, m.end(1) + 1), verbatim=True))
    return out


def names_person(ctx: Context, span, any_case: bool = False) -> bool:
    """Are these words (a surname, a full name) a person the article names elsewhere?"""
    article = ctx.resolver.article
    words, _, _ = article.clean_name(list(span))
    if not words:
        return False
    if any_case:
        low = [w.lower() for w in words]
        return any([w.lower() for w in n[-len(low):]] == low for n in article.names)
    return words in article.names or article.full_name(words, span.start) != words
