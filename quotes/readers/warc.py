"""Web archives (`.warc`, `.warc.gz`, the format of Common Crawl and newsroom archives):
each HTML response through the HTML reader, via warcio."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..models import Article
from ..errors import InputError
from .html import article_from_html
from .options import ReadOptions
from .source import Report

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, *, path: str, options: ReadOptions, report: Report) -> Iterator[Article]:
    """One Article per HTML `response` record with status 200; other records (requests,
    metadata, images, redirects) are passed over. A page with no article body is reported with
    its URL and the rest of the archive goes on."""
    limit = options.limit
    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if not ctype.startswith(HTML_TYPES):
                continue
            status = record.http_headers.get_statuscode()
            if status and not status.startswith("2"):
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            ident = record_id.removeprefix("urn:uuid:") or None
            body = record.content_stream().read() if limit is None else record.content_stream().read(limit + 1)
            if limit is not None and len(body) > limit:
                report(InputError(path, None, f"record for {url}: larger than the size limit of {limit:,} bytes "
                                              "(--max-size); skipped", kind="too-large"))
                continue
            missing = _missing_bytes(record)
            if missing:
                report(InputError(path, None, f"record for {url}: truncated ({missing:,} bytes of its declared "
                                              "length are missing: the file ends inside it); skipped",
                                  kind="truncated"))
                continue
            try:
                article = article_from_html(body, path=path, stem=None, url=url, ident=ident)
            except InputError as err:
                err.message = f"record for {url}: {err.message}"
                report(err)
                continue
            article.meta["warc_record_id"] = record_id
            yield article
    except ArchiveLoadFailed as exc:
        raise InputError(path, None, f"not a readable WARC file: {str(exc).strip()}", kind="malformed") from None
    if found == 0:
        raise InputError(path, None, "no HTML responses in this WARC file", kind="no-body")


def _missing_bytes(record) -> int:
    """How many bytes of `record`'s declared Content-Length the file does not have (0 for a
    whole record): warcio hands out a truncated last record as if it were complete."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return max(getattr(raw, "limit", 0) or 0, 0)
