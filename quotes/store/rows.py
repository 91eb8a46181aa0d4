"""Building the `articles` and `quotes` rows from an `Article` and its `Quote`s (no SQL here:
`QuoteStore` writes them).

`published` is stored as `YYYY-MM-DD` where it parses, and copied onto each quote with the
outlet so Datasette can facet and sort quotes on them; each quote keeps the sentence (or, when
the attributor gave none, the paragraph) around it as `context`.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, UTC
from urllib.parse import urlsplit

from ..errors import StoreError
from ..models import Article, Quote


def iso_date(value: date | str | None) -> str | None:
    """`published` as `YYYY-MM-DD` when it is an ISO 8601 date (the readers turn other forms
    into one, `quotes.readers.fields`), else None: only real dates reach the date columns, the
    filters and the charts."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if text[10:11] in ("", "T", " "):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
    return None


def link(url: str | None) -> str | None:
    """`url` when it is an http(s) link, else None: nothing else is stored where the site makes a
    link of it (the readers warn about the rest, `quotes.readers.fields`)."""
    if not url:
        return None
    try:
        parts = urlsplit(re.sub(r"[\x00-\x20\x7f]", "", url))
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def to_json(value) -> str:
    """JSON as stored in text columns (UTF-8 kept readable)."""
    return json.dumps(value, ensure_ascii=False)


def now() -> str:
    """The current UTC time as stored (`ingested_at`, `created`)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around `[start, end)`: the context when the attributor gave none."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def check_spans(article: Article, quotes: list[Quote]) -> None:
    """Raise `StoreError` (naming the article and quote) if a quote has no spans or a span
    outside the article text."""
    where = article.source_path or article.id
    n = len(article.text)
    for i, quote in enumerate(quotes):
        spans = [*quote.spans, *quote.cue_spans, *quote.speaker_spans, *quote.quoted_spans]
        if quote.context_span:
            spans.append(quote.context_span)
        if not quote.spans:
            raise StoreError(f"{where}: quote {i} has no spans")
        for start, end in spans:
            if not 0 <= start <= end <= n:
                raise StoreError(
                    f"{where}: quote {i} ({quote.text[:40]!r}) has span ({start}, {end}) "
                    f"outside the article text (length {n})"
                )


def article_row(article: Article, quote_count: int, *, source_id: str | None = None) -> dict:
    """The `articles` row of `article` (`source_id`: the id its input gave it, when the row's
    key `article.id` differs). A url that is not an http(s) link and a date that is not ISO 8601
    are kept as text in `meta` (`url_text`, `published_text`), never in their columns."""
    meta = dict(article.meta)
    if article.url and link(article.url) is None:
        meta.setdefault("url_text", article.url)
    published = iso_date(article.published)
    if article.published not in (None, "") and published is None:
        meta.setdefault("published_text", str(article.published))
    return {
        "id": article.id,
        "source_id": article.id if source_id is None else source_id,
        "title": article.title,
        "url": link(article.url),
        "outlet": article.outlet,
        "published": published,
        "byline": article.byline,
        "source_path": article.source_path,
        "text_hash": article.text_hash,
        "body_end": article.body_end,
        "quote_count": quote_count,
        "meta": to_json(meta) if meta else None,
        "text": article.text,
        "ingested_at": now(),
    }


def quote_row(article: Article, seq: int, quote: Quote, *, speaker_id: int | None,
              speaker_name: str | None, cluster_id: int) -> dict:
    """The `quotes` row of `article`'s quote number `seq`, filed under a speaker and cluster."""
    text = article.text
    if quote.context_span:
        cs, ce = quote.context_span
    else:
        cs, ce = paragraph_span(text, quote.start, quote.end)
    return {
        "article_id": article.id,
        "seq": seq,
        "text": quote.text,
        "speaker_id": speaker_id,
        "speaker": speaker_name,
        "speaker_as_written": quote.speaker,
        "speaker_mention": " ".join(text[s:e] for s, e in quote.speaker_spans) or None,
        "speaker_role": quote.speaker_role,
        "speaker_is_person": quote.speaker_is_person,
        "kind": quote.kind,
        "cue": quote.cue,
        "cue_class": quote.cue_class,
        "rule": quote.rule,
        "confidence": quote.confidence,
        "start": quote.start,
        "end": quote.end,
        "spans": to_json(quote.spans),
        "quoted_spans": to_json(quote.quoted_spans),
        "cue_spans": to_json(quote.cue_spans),
        "speaker_spans": to_json(quote.speaker_spans),
        "context": text[cs:ce],
        "context_start": cs,
        "context_end": ce,
        "in_body": quote.in_body,
        "published": iso_date(article.published),
        "outlet": article.outlet,
        "cluster_id": cluster_id,
    }
