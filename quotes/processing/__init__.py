"""Parsing at scale: articles in, quotes out.

* `nlp` - loading the spaCy pipeline with the `quotes` component (and a per-process cache);
* `tokenizer` - a guard that keeps spaCy's tokenizer linear on long runs of punctuation;
* `chunking` - cutting articles longer than `nlp.max_length` at paragraph breaks;
* `parse` - the parsing itself (`parse_articles`), the same code whether it runs here, in a
  worker process or on a Dask worker, so every path stores the same quotes;
* `pool` - forked worker processes that send back quotes, not Docs;
* `distributed` - the same on a Dask cluster.

This package imports the component and the models, never the CLI, the store or
`quotes.processing.pipeline` (which chooses between these paths).
"""
