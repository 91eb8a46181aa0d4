"""The quote database: the one place that writes SQL.

Tables (created and migrated by `QuoteStore`, browsed with Datasette):

* `articles` - one row per article (its source `source_path` and the input's id `source_id`),
  with its metadata, text and `text_hash`;
* `quotes` - one row per attributed quote, with its offsets (`start`, `end`, `spans` JSON), the
  cue, rule, confidence, speaker mention and role, and the sentence around it (`context`);
  `published` and `outlet` are copied from the article so Datasette can facet and sort on them;
* `speakers` - one row per real speaker across articles (see `quotes.store.speaker_names`), with the
  aliases and roles seen, quote count, first and last seen;
* `quote_speakers` - the co-speakers of a joint quote (`Mr. Grassley and Mr. Leahy said`: the
  quote's `speaker_id` is Grassley, the first named; Leahy is linked at position 1), each filed
  as a speaker, so the readers find the quote under either;
* `speaker_aliases`, `speaker_roles` - each alias and role with the article that gave it;
* `speaker_corrections` - the user's merges and renames, re-applied on every ingest;
* `quote_clusters` - the same quote carried by several articles (wire copy, syndication);
* `quotes_fts` - FTS5 over the quote text and the speaker's name, kept in step by triggers.

Saving an article replaces all of its rows, so ingesting it again never duplicates anything.

One module per job: `schema` (tables and `user_version` migrations), `rows` (building rows),
`identity` (an article is its source and id: which row it goes in), `speakers` (filing, merging,
renaming), `surnames` (a bare surname filed the same in any order), `clusters`, `connect` (the
read-only connection the lookups use, the writer's settings and transaction, what SQLite's
errors mean) and `quote_store` (`QuoteStore`, which writes).
"""
from __future__ import annotations

from ..errors import SchemaError, StoreError
from .clusters import CLUSTER_MIN_WORDS, cluster_text_key
from .connect import connect_readonly
from .quote_store import QuoteStore
from .rows import iso_date
from .schema import FTS_TOKENIZE, INDEXES, SCHEMA_VERSION, TABLES, migrate, user_version

__all__ = ["QuoteStore", "StoreError", "SchemaError", "connect_readonly", "iso_date",
           "cluster_text_key", "CLUSTER_MIN_WORDS", "FTS_TOKENIZE", "SCHEMA_VERSION", "TABLES",
           "INDEXES", "migrate", "user_version"]
