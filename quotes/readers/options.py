"""`ReadOptions`: how inputs are read; the command line's `input_options` map onto it."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

InputFormat = Literal["auto", "txt", "jsonl", "json", "csv", "html", "warc"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Field names tried, in order, when the matching option is not given. A name is looked up in
# the record itself, then in a nested `meta` object (the shape of the evaluation JSONL).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "id": ("id", "_id", "uuid", "doc_id", "article_id"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "date": ("date", "published", "publication_date", "published_at", "publishedAt",
             "date_publish", "pubdate"),
    "byline": ("byline", "author", "authors", "creator"),
    "outlet": ("outlet", "publisher", "site_name", "sitename", "source", "source_domain"),
}


class ReadOptions(BaseModel):
    """Options for `read_inputs`. Every field option names a record field (`--text-field body`);
    a dotted name (`meta.title`) reaches into nested objects; None tries the common names in
    `DEFAULT_FIELDS`."""

    model_config = ConfigDict(extra="forbid")

    input_format: InputFormat = Field("auto", description="Read every input as this format instead of choosing by file extension.")
    glob: str | None = Field(None, description="Pattern for files inside directories (`*.html`, `2024/**/*.jsonl`); default every supported extension.")
    text_field: str | None = None
    id_field: str | None = None
    title_field: str | None = None
    url_field: str | None = None
    date_field: str | None = None
    byline_field: str | None = None
    outlet_field: str | None = None
    max_bytes: int = Field(
        DEFAULT_MAX_BYTES, ge=0,
        description="Largest document read: a whole .txt/.html/.json file (after decompression), "
                    "or one JSONL line, CSV row or WARC record. Larger ones are reported and "
                    "skipped; 0 means no limit.",
    )
    stdin_id: str | None = Field(None, description="The id of the article read from standard input; default `stdin-` and a hash of its text, so two different texts never share an id.")
    find_trailing: bool = Field(True, description="Set Article.body_end where trailing matter (related-article lists, captions) begins in plain text.")

    def fields_for(self, name: str) -> tuple[str, ...]:
        """The field names to try for `name` (text, id, title, url, date, byline, outlet)."""
        given = getattr(self, f"{name}_field")
        return (given,) if given else DEFAULT_FIELDS[name]

    @property
    def limit(self) -> int | None:
        return self.max_bytes or None
