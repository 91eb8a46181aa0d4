"""The article view: an article's text with every quote marked where it stands.

Self-contained Datasette plugin (loaded from this folder by `quotes serve` and by
`datasette publish --plugins-dir`): it gives templates `quotes_article(database, article_id)`,
which returns the article's text as HTML. Each quote span is a `<mark id="q<id>">` holding the
speaker's name, kind and rule (the quoted fragments of a mixed or indirect quote are
`<q class="verbatim">` inside it), speaker mentions and cue words are underlined outside the
marks, and the trailing matter after `body_end` is greyed. Every character is escaped, and the
offsets stored in the database are used as they are, so what is marked is `text[start:end]`.
"""
from __future__ import annotations

import json

from markupsafe import Markup, escape

QUOTES_SQL = """
select q.id, q.spans, q.quoted_spans, q.speaker_spans, q.cue_spans, q.kind, q.rule, q.cue,
       q.in_body, q.speaker_id, coalesce(s.name, q.speaker) as speaker, q.speaker_role, q.text
from quotes q left join speakers s on s.id = q.speaker_id
where q.article_id = ? order by q.start, q.id
"""
MAX_QUOTES = 2000
"""An article with more quotes than this shows the first ones marked (no page is unbounded)."""


def _spans(value) -> list[tuple[int, int]]:
    try:
        spans = json.loads(value or "[]")
    except ValueError:
        return []
    return [(int(s), int(e)) for s, e in spans if isinstance(s, int) and isinstance(e, int) and s < e]


def _fits(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def layout(text: str, quotes: list[dict]) -> list[dict]:
    """Non-overlapping pieces to mark: quote spans first (a span overlapping one already taken is
    cut to what is free, or dropped), then speaker mentions and cues where they are free."""
    pieces: list[dict] = []
    taken: list[tuple[int, int]] = []
    n = len(text)
    for q in quotes:
        spans = _spans(q["spans"])
        for i, (start, end) in enumerate(spans):
            start, end = max(0, start), min(n, end)
            for s, e in sorted(taken):
                if s <= start < e:
                    start = e
                if start < s < end:
                    end = s
            if start >= end:
                continue
            taken.append((start, end))
            pieces.append({"start": start, "end": end, "quote": q, "first": i == 0,
                           "last": i == len(spans) - 1})
    for q in quotes:
        for key, cls in (("speaker_spans", "mention"), ("cue_spans", "cue")):
            for start, end in _spans(q[key]):
                if 0 <= start < end <= n and _fits(taken, start, end):
                    taken.append((start, end))
                    pieces.append({"start": start, "end": end, "quote": q, "cls": cls})
    return sorted(pieces, key=lambda p: p["start"])


def _inner(text: str, start: int, end: int, verbatim: list[tuple[int, int]]) -> str:
    """The text of a mark, with the quoted fragments of a mixed quote set apart."""
    out, pos = [], start
    for s, e in sorted(verbatim):
        s, e = max(s, pos), min(e, end)
        if s >= e:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f'<q class="verbatim">{escape(text[s:e])}</q>')
        pos = e
    out.append(str(escape(text[pos:end])))
    return "".join(out)


def _piece_html(text: str, p: dict, speaker_url) -> str:
    q = p["quote"]
    who = q["speaker"] or "unknown speaker"
    if "cls" in p:
        return (f'<span class="{p["cls"]}" data-quote="{q["id"]}">'
                f'{escape(text[p["start"]:p["end"]])}</span>')
    label = f"{who} · {q['kind']} · {q['rule'] or 'no rule'}"
    verbatim = _spans(q["quoted_spans"]) if q["kind"] != "direct" else []
    attrs = (f'class="quote kind-{escape(q["kind"])}{" trailing-quote" if not q["in_body"] else ""}" '
             f'data-quote="{q["id"]}" data-speaker="{escape(who)}" data-kind="{escape(q["kind"])}" '
             f'data-rule="{escape(q["rule"] or "")}" title="{escape(label)}"')
    if p["first"]:
        attrs = f'id="q{q["id"]}" ' + attrs
    tag = ""
    if p["last"]:
        href = speaker_url(q["speaker_id"]) if q["speaker_id"] is not None else None
        name = f'<a href="{escape(href)}">{escape(who)}</a>' if href else str(escape(who))
        tag = f'<span class="who">{name} <span class="kind">{escape(q["kind"])}</span></span>'
    return f"<mark {attrs}>{_inner(text, p['start'], p['end'], verbatim)}{tag}</mark>"


def render(text: str, quotes: list[dict], body_end: int | None, speaker_url=lambda sid: None) -> Markup:
    """The article text as HTML with its quotes marked and the trailing matter greyed."""
    text = text or ""
    cut = body_end if body_end is not None and 0 <= body_end < len(text) else len(text)
    parts, pos = ['<div class="article-body">'], 0
    for p in layout(text, quotes):
        start, end = p["start"], p["end"]
        if start < cut < end:  # never straddle the body's end
            end = cut
        if pos < cut <= start:
            parts.append(str(escape(text[pos:cut])))
            parts.append('</div><div class="article-trailing" title="Trailing matter: not the article body">')
            pos = cut
        parts.append(str(escape(text[pos:start])))
        parts.append(_piece_html(text, {**p, "end": end}, speaker_url))
        pos = end
    if pos < cut:
        parts.append(str(escape(text[pos:cut])))
        parts.append('</div><div class="article-trailing" title="Trailing matter: not the article body">')
        pos = cut
    parts.append(str(escape(text[pos:])))
    parts.append("</div>")
    return Markup("".join(parts))


try:
    from datasette import hookimpl
    from datasette.utils import tilde_encode
except ImportError:  # pragma: no cover - render() works without Datasette
    pass
else:

    @hookimpl
    def extra_template_vars(datasette):
        async def quotes_article(database: str, article_id: str) -> dict:
            db = datasette.get_database(database)
            row = (await db.execute("select text, body_end from articles where id = ?", [article_id])).first()
            if row is None:
                return {"html": Markup(""), "quotes": []}
            result = await db.execute(QUOTES_SQL, [article_id], custom_time_limit=2000)
            quotes = [dict(r) for r in result.rows[:MAX_QUOTES]]

            def speaker_url(sid):
                return datasette.urls.row(database, "speakers", tilde_encode(str(sid)))

            html = render(row["text"], quotes, row["body_end"], speaker_url)
            for q in quotes:
                q["speaker_url"] = speaker_url(q["speaker_id"]) if q["speaker_id"] is not None else None
            return {"html": html, "quotes": quotes, "body_end": row["body_end"]}

        return {"quotes_article": quotes_article}
