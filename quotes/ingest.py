"""`ingest`: read articles, find and attribute their quotes, store them, as one streaming run.

The run is incremental and resumable. An article is its source and id
(`quotes.store.identity`): one stored as it is read is skipped unless `force`; one whose
text, title, date, url, byline or outlet changed is parsed again and stored as an update
(said so in the report); a new article whose text is already stored under another source or id
is skipped as a copy. Finished articles are written in batched transactions, so a run stopped part-way (Ctrl-C, a killed process) loses at most the batch in
flight and the same command, run again, carries on from there: no article lost, none stored
twice. Bad inputs and articles the pipeline fails on are reported, never fatal: everything else
is stored and the report lists what failed.
"""
from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .errors import DatabaseUnusable
from .models import Article, Quote
from .processing.pipeline import extract_articles, get_nlp
from .readers import InputError, ReadOptions, read_inputs
from .readers.counting import count_articles
from .store import QuoteStore
from .store.connect import describe

if TYPE_CHECKING:
    from spacy.language import Language

MAX_ERRORS_KEPT = 1000
"""The report keeps this many error messages (the counts stay exact), so memory stays bounded."""


class IngestReport(BaseModel):
    """What an ingest did. `ok` is False when any input or article failed."""

    articles_read: int = Field(0, description="Articles the readers produced.")
    articles_stored: int = Field(0, description="Articles parsed and written to the database.")
    articles_skipped: int = Field(0, description="Articles stored before and unchanged, or new ones whose text is already stored (or came twice in this run).")
    articles_failed: int = Field(0, description="Articles the pipeline or the store failed on; not stored.")
    input_errors: int = Field(0, description="Files or records the readers could not read.")
    input_warnings: int = Field(0, description="Inputs read with a problem (e.g. not UTF-8).")
    quotes_found: int = Field(0, description="Quotes in the stored articles.")
    seconds: float = Field(0.0, description="Wall-clock time of the run.")
    errors: list[str] = Field(default_factory=list, description="`path:line: message` for each failure (the first 1000).")
    warnings: list[str] = Field(default_factory=list, description="Each input warning (the first 1000).")
    interrupted: bool = Field(False, description="The run was stopped (Ctrl-C) before the end.")
    articles_replaced: int = Field(0, description="Stored articles updated: the same source and id with a changed text, title, date, url, byline or outlet.")
    fatal: str | None = Field(None, description="Why the run stopped early: the database could not be written (full disk, read-only).")

    @property
    def ok(self) -> bool:
        return not (self.input_errors or self.articles_failed or self.interrupted or self.fatal)

    def summary(self) -> str:
        """The end-of-run summary the command line prints."""
        rate = self.articles_stored / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.articles_stored} articles stored with {self.quotes_found} quotes "
            f"({rate:.1f} articles/s), "
            + (f"{self.articles_replaced} of them updates of an article stored before, " if self.articles_replaced else "")
            + f"{self.articles_skipped} skipped as already stored, "
            f"{self.articles_failed} failed, {self.input_errors} unreadable inputs"
        ]
        if self.fatal:
            lines.insert(0, f"stopped: {self.fatal}")
        if self.interrupted:
            lines.append("interrupted: run the same command again to carry on")
        shown = self.errors
        if shown:
            lines.append(f"{self.input_errors + self.articles_failed} failed:")
            lines += [f"  {e}" for e in shown]
            more = self.input_errors + self.articles_failed - len(shown)
            if more > 0:
                lines.append(f"  ... and {more} more")
        return "\n".join(lines)


def _where(article: Article) -> str:
    """How an error names an article: its file, and its id where the file holds several."""
    if article.source_path and Path(article.source_path).stem != article.id:
        return f"{article.source_path} (article {article.id})"
    return article.source_path or f"article {article.id}"


BAR_KNOWN = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles [{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]"
BAR_UNKNOWN = "{desc}: {n_fmt} articles [{elapsed}, {rate_noinv_fmt}{postfix}]"


def progress_bar(enabled: bool, total: int | None = None):
    """A tqdm bar on standard error counting articles: done of `total` with the time left when
    the input's size is known (`readers.counting`), the rate in articles per second."""
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", desc="ingest", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True, smoothing=0.1, bar_format=BAR_KNOWN if total else BAR_UNKNOWN)


def _loading_model(enabled: bool) -> None:
    """Say so while the spaCy model loads (several seconds) before the bar starts."""
    if enabled:
        sys.stderr.write("ingest: loading the model...\r")
        sys.stderr.flush()


def ingest(
    paths: Sequence[str],
    db: str | Path | QuoteStore,
    *,
    model: str | None = None,
    nlp: Language | None = None,
    processes: int | None = None,
    batch_size: int = 32,
    force: bool = False,
    read_options: ReadOptions | None = None,
    dask: str | None = None,
    commit_every: int = 64,
    commit_seconds: float = 5.0,
    progress: bool = False,
    on_input_error: Callable[[InputError], None] | None = None,
    article_timeout: float | None = 60.0,
) -> IngestReport:
    """Read `paths`, extract every article's quotes and store them in the database `db`.

    `processes`: worker processes parsing in parallel (`extract_articles(n_process=...)`: each
    sends back only quote records, so this process is left to read and write), default all
    cores; `dask`: a scheduler address or `local[:N]` to parse on a Dask cluster instead
    (`quotes.processing.distributed`).
    Finished articles are committed every `commit_every` articles or `commit_seconds` seconds,
    whichever comes first. `progress` shows a progress bar on standard error.
    `on_input_error` also sees each `InputError` as it happens (the report has them all).
    `article_timeout`: seconds an article may take to parse before it is reported as failed
    (None: no limit; not on Dask).

    A database that cannot be opened for writing raises `DatabaseUnusable`; one that fails
    part-way (a full disk) ends the run with `report.fatal` saying so, everything committed
    before kept. A Dask scheduler that does not answer raises `DaskUnreachable` before the
    database is touched.
    """
    if dask:
        from .processing.distributed import probe, require_distributed

        require_distributed()
        probe(dask)  # a wrong address fails at once, before the database file is made
    else:
        if nlp is None:
            _loading_model(progress)
        nlp = nlp or get_nlp(model)  # before the database is touched: a missing model fails first
    started = time.monotonic()
    store = db if isinstance(db, QuoteStore) else QuoteStore(db)
    run = _Run(store, force=force, commit_every=commit_every, commit_seconds=commit_seconds,
               progress=progress, on_input_error=on_input_error,
               total=count_articles(paths, read_options) if progress else None)
    results = extract_articles(run.wanted(run.readable(paths, read_options)), nlp=nlp,
                               n_process=processes or os.cpu_count() or 1, batch_size=batch_size,
                               on_error=run.article_failed, dask=dask, model=model, timeout=article_timeout)
    try:
        run.store_all(results)
    finally:
        results.close()
        run.bar.close()
        if store is not db:
            store.close()
    run.report.seconds = time.monotonic() - started
    return run.report


class _Run:
    """One ingest's state, in one place: the report, the batch waiting for its commit, the
    texts in flight (read but not yet committed) and the progress bar. `readable` and `wanted`
    feed the pipeline; `store_all` takes its results and commits them in batches."""

    def __init__(self, store: QuoteStore, *, force: bool, commit_every: int, commit_seconds: float,
                 progress: bool, on_input_error: Callable[[InputError], None] | None, total: int | None = None):
        self.store = store
        self.force = force
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.on_input_error = on_input_error
        self.report = IngestReport()
        self.in_flight: set[str] = set()  # hashes of new texts read but not yet committed
        self.batch: list[tuple[Article, list[Quote]]] = []
        self.not_stored: set[int] = set()  # ids of the batch's articles the store refused
        self.found = 0  # quotes in finished articles, for the progress bar (the report counts stored ones)
        self.last_commit = time.monotonic()
        self.bar = progress_bar(progress, total)

    # -- what goes wrong ----------------------------------------------------------------

    def note(self, message: str, bucket: list[str]) -> None:
        if len(bucket) < MAX_ERRORS_KEPT:
            bucket.append(message)

    def input_error(self, err: InputError) -> None:
        if err.level == "warning":
            self.report.input_warnings += 1
            self.note(str(err), self.report.warnings)
        else:
            self.report.input_errors += 1
            self.note(str(err), self.report.errors)
        if self.on_input_error is not None:
            self.on_input_error(err)

    def article_failed(self, article: Article, message: str) -> None:
        self.report.articles_failed += 1
        self.in_flight.discard(article.text_hash)
        self.note(f"{_where(article)}: {message}", self.report.errors)
        self.bar.update(1)

    def store_failed(self, article: Article, exc: Exception) -> None:
        if isinstance(exc, sqlite3.OperationalError):  # the database, not the article: stop
            raise exc
        self.not_stored.add(id(article))
        self.article_failed(article, f"not stored: {exc}")

    # -- reading ------------------------------------------------------------------------

    def readable(self, paths: Sequence[str], options: ReadOptions | None) -> Iterator[Article]:
        """The articles read, each with its hash. A bad article is reported as an input error
        and passed over; a reader that breaks down is reported and ends the reading, never
        taken for the pipeline failing."""
        source = read_inputs(list(paths), options, on_error=self.input_error)
        while True:
            try:
                article = next(source)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - a reader bug must not look like a parse failure
                self.input_error(InputError("<inputs>", None, f"reading stopped: {type(exc).__name__}: {exc}",
                                            kind="unreadable"))
                return
            try:
                article.text_hash  # noqa: B018 - fails on text that cannot be encoded
            except Exception as exc:  # noqa: BLE001
                self.input_error(InputError(article.source_path or "<inputs>", article.meta.get("line"),
                                            f"article {article.id}: unreadable text ({type(exc).__name__}: {exc})",
                                            kind="encoding"))
                continue
            yield article

    def wanted(self, articles: Iterator[Article]) -> Iterator[Article]:
        """The articles to parse: new ones and updates (`QuoteStore.changes`), not those stored
        as they are, nor a new article whose text is stored (or in flight) under another
        source or id."""
        for article in articles:
            self.report.articles_read += 1
            digest = article.text_hash
            changed = self.store.changes(article)
            if changed is None:  # a new article
                copy = digest in self.in_flight or (not self.force and self.store.has_article(digest))
                if not copy:
                    self.in_flight.add(digest)
            else:
                copy = not changed and not self.force
            if copy:
                self.report.articles_skipped += 1
                self.bar.update(1)
                self.bar.set_postfix(quotes=self.found, skipped=self.report.articles_skipped, refresh=False)
                continue
            yield article

    # -- storing ------------------------------------------------------------------------

    def store_all(self, results: Iterator[tuple[Article, list[Quote]]]) -> None:
        """Store the pipeline's results in batches; whatever stops the run, keep what is
        finished (the report says why it stopped)."""
        report = self.report
        try:
            for article, quotes in results:
                self.batch.append((article, quotes))
                self.found += len(quotes)
                self.bar.update(1)
                self.bar.set_postfix(quotes=self.found, skipped=report.articles_skipped, refresh=False)
                if len(self.batch) >= self.commit_every or time.monotonic() - self.last_commit >= self.commit_seconds:
                    self.commit()
        except KeyboardInterrupt:
            report.interrupted = True
        except DatabaseUnusable as exc:
            report.fatal = str(exc)
        except sqlite3.Error as exc:  # a skip check (`changes`, `has_article`) that could not read
            report.fatal = describe(exc, self.store.path)
        finally:
            if report.fatal is None:
                try:
                    self.commit()
                except DatabaseUnusable as exc:
                    report.fatal = str(exc)
            if report.fatal and self.batch:
                report.fatal += (f" ({len(self.batch)} finished articles were not stored; "
                                 "the next run parses them again)")

    def commit(self) -> None:
        store, report = self.store, self.report
        if self.batch:
            self.not_stored.clear()
            try:
                report.articles_stored += store.save_many(self.batch, on_error=self.store_failed)
            except sqlite3.Error as exc:
                raise DatabaseUnusable(describe(exc, store.path)) from None
            for article, changed in store.replaced:  # the same source and id, changed: an update
                report.articles_replaced += 1
                self.note(f"{_where(article)}: replaced the article stored before from this source with this id "
                          f"(an update; changed: {', '.join(changed)})", report.warnings)
            store.replaced.clear()
            for article, quotes in self.batch:
                self.in_flight.discard(article.text_hash)
                if id(article) not in self.not_stored:
                    report.quotes_found += len(quotes)
            self.batch.clear()
        self.last_commit = time.monotonic()
