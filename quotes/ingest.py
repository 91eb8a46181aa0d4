"""`ingest`: read articles, find and attribute their quotes, store them, as one streaming run.

The run is incremental and resumable. An article whose text is already stored (by
`Article.text_hash`) is skipped unless `force`; finished articles are written in batched
transactions, so a run stopped part-way (Ctrl-C, a killed process) loses at most the batch in
flight and the same command, run again, carries on from there: no article lost, none stored
twice. Bad inputs and articles the pipeline fails on are reported, never fatal: everything else
is stored and the report lists what failed.
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .errors import DatabaseUnusable
from .models import Article, Quote
from .processing.pipeline import extract_articles, get_nlp
from .readers import InputError, ReadOptions, read_inputs
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
    articles_skipped: int = Field(0, description="Articles whose text was already stored (or came twice in this run).")
    articles_failed: int = Field(0, description="Articles the pipeline or the store failed on; not stored.")
    input_errors: int = Field(0, description="Files or records the readers could not read.")
    input_warnings: int = Field(0, description="Inputs read with a problem (e.g. not UTF-8).")
    quotes_found: int = Field(0, description="Quotes in the stored articles.")
    seconds: float = Field(0.0, description="Wall-clock time of the run.")
    errors: list[str] = Field(default_factory=list, description="`path:line: message` for each failure (the first 1000).")
    warnings: list[str] = Field(default_factory=list, description="Each input warning (the first 1000).")
    interrupted: bool = Field(False, description="The run was stopped (Ctrl-C) before the end.")
    articles_replaced: int = Field(0, description="Stored articles replaced by a new text from the same source and id.")
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
            + (f"{self.articles_replaced} of them replacing an earlier text, " if self.articles_replaced else "")
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


def _progress(enabled: bool, paths: Sequence[str] = (), read_options: ReadOptions | None = None):
    from .progress import count_articles, progress_bar

    return progress_bar(enabled, count_articles(paths, read_options) if enabled else None)


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
    before kept.
    """
    if dask:
        from .processing.distributed import parse_address, require_distributed

        require_distributed()
        parse_address(dask)
    else:
        if nlp is None:
            from .progress import loading_model

            loading_model(progress)
        nlp = nlp or get_nlp(model)  # before the database is touched: a missing model fails first
    started = time.monotonic()
    report = IngestReport()
    store = db if isinstance(db, QuoteStore) else QuoteStore(db)
    in_flight: set[str] = set()  # hashes read but not yet committed: duplicates within the window
    batch: list[tuple[Article, list[Quote]]] = []
    not_stored: set[int] = set()
    found = 0  # quotes in finished articles, for the progress bar (the report counts stored ones)
    last_commit = time.monotonic()
    bar = _progress(progress, paths, read_options)

    def note(message: str, bucket: list[str]) -> None:
        if len(bucket) < MAX_ERRORS_KEPT:
            bucket.append(message)

    def input_error(err: InputError) -> None:
        if err.level == "warning":
            report.input_warnings += 1
            note(str(err), report.warnings)
        else:
            report.input_errors += 1
            note(str(err), report.errors)
        if on_input_error is not None:
            on_input_error(err)

    def article_failed(article: Article, message: str) -> None:
        report.articles_failed += 1
        in_flight.discard(article.text_hash)
        note(f"{_where(article)}: {message}", report.errors)
        bar.update(1)

    def store_failed(article: Article, exc: Exception) -> None:
        if isinstance(exc, sqlite3.OperationalError):  # the database, not the article: stop
            raise exc
        not_stored.add(id(article))
        article_failed(article, f"not stored: {exc}")

    def readable() -> Iterator[Article]:
        """The articles read, each with its hash. A bad article is reported as an input error
        and passed over; a reader that breaks down is reported and ends the reading, never
        taken for the pipeline failing."""
        source = read_inputs(list(paths), read_options, on_error=input_error)
        while True:
            try:
                article = next(source)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - a reader bug must not look like a parse failure
                input_error(InputError("<inputs>", None, f"reading stopped: {type(exc).__name__}: {exc}",
                                       kind="unreadable"))
                return
            try:
                article.text_hash  # noqa: B018 - fails on text that cannot be encoded
            except Exception as exc:  # noqa: BLE001
                input_error(InputError(article.source_path or "<inputs>", article.meta.get("line"),
                                       f"article {article.id}: unreadable text ({type(exc).__name__}: {exc})",
                                       kind="encoding"))
                continue
            yield article

    def wanted() -> Iterator[Article]:
        for article in readable():
            report.articles_read += 1
            digest = article.text_hash
            if digest in in_flight or (not force and store.has_article(digest)):
                report.articles_skipped += 1
                bar.update(1)
                bar.set_postfix(quotes=found, skipped=report.articles_skipped, refresh=False)
                continue
            in_flight.add(digest)
            yield article

    def commit() -> None:
        nonlocal last_commit
        if batch:
            not_stored.clear()
            try:
                report.articles_stored += store.save_many(batch, on_error=store_failed)
            except sqlite3.Error as exc:
                raise DatabaseUnusable(describe(exc, store.path)) from None
            for article in store.replaced:  # the same source and id with a new text: an update
                report.articles_replaced += 1
                note(f"{_where(article)}: replaced the article stored before from the same source "
                     "with this id (its text changed)", report.warnings)
            store.replaced.clear()
            for article, quotes in batch:
                in_flight.discard(article.text_hash)
                if id(article) not in not_stored:
                    report.quotes_found += len(quotes)
            batch.clear()
        last_commit = time.monotonic()

    results = extract_articles(wanted(), nlp=nlp, n_process=processes or os.cpu_count() or 1,
                               batch_size=batch_size, on_error=article_failed, dask=dask, model=model,
                               timeout=article_timeout)
    try:
        for article, quotes in results:
            batch.append((article, quotes))
            found += len(quotes)
            bar.update(1)
            bar.set_postfix(quotes=found, skipped=report.articles_skipped, refresh=False)
            if len(batch) >= commit_every or time.monotonic() - last_commit >= commit_seconds:
                commit()
    except KeyboardInterrupt:
        report.interrupted = True
    except DatabaseUnusable as exc:
        report.fatal = str(exc)
    except sqlite3.Error as exc:  # a skip check (`has_article`) that could not read
        report.fatal = describe(exc, store.path)
    finally:
        # Keep what is finished, whatever stopped the run; then let the pipeline's workers go.
        try:
            if report.fatal is None:
                try:
                    commit()
                except DatabaseUnusable as exc:
                    report.fatal = str(exc)
            if report.fatal and batch:
                report.fatal += f" ({len(batch)} finished articles were not stored; the next run parses them again)"
        finally:
            results.close()
            bar.close()
            if store is not db:
                store.close()
    report.seconds = time.monotonic() - started
    return report
