"""Web pages: the article body and its metadata through trafilatura, without navigation,
related-article lists or comments."""
from __future__ import annotations

import hashlib
import re
from typing import Any

import trafilatura

from ..models import Article
from ..errors import InputError

# Fewer words than this is a navigation bar or a stub that trafilatura's fallbacks picked up,
# not an article (a news brief is longer than one sentence).
MIN_WORDS = 10


def article_from_html(html: str | bytes, *, path: str, stem: str | None, line: int | None = None,
                      url: str | None = None, ident: str | None = None) -> Article:
    """An Article from one HTML page. The title, when the page has one, is the text's first
    paragraph (as in the plain-text inputs) so quotes in headlines are found too; offsets are
    into that text. InputError when trafilatura finds no article body."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False,
                                          include_links=False, favor_precision=True)
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        raise InputError(path, line, f"cannot parse HTML: {exc}", kind="malformed") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_WORDS:
        raise InputError(path, line, "HTML page with no article body"
                         + (f" (only {body!r})" if body else ""), kind="no-body")
    # one paragraph a line from trafilatura; blank lines between them, as in plain-text news
    body = re.sub(r"\n+", "\n\n", body)
    title = (doc.title or "").strip() or None
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta: dict[str, Any] = {}
    for key in ("description", "hostname", "language", "categories", "tags"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    if line is not None:
        meta["line"] = line
    page_url = url or doc.url or None
    if ident is None:
        ident = stem or hashlib.sha256((page_url or text).encode("utf-8")).hexdigest()[:16]
    return Article(id=ident, text=text, title=title, url=page_url, outlet=doc.sitename or None,
                   published=doc.date or None, byline=doc.author or None,
                   source_path=path, meta=meta)
