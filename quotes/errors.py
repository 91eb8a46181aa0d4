"""Every exception the package raises, in one place, so a caller can catch them by name
without importing the heavy modules that raise them (spaCy, Dask, the store).

The older homes still export them (`quotes.readers.InputError`, `quotes.processing.pipeline.ModelNotFound`,
`quotes.evaluation.EvaluationError`...), so code written against those keeps working.
"""
from __future__ import annotations

import sys
from typing import Literal

Level = Literal["error", "warning"]


class QuotesError(Exception):
    """Base of the errors below (except `InputError`, which has always been a plain
    `Exception`, and the `ValueError`s, which callers catch as such)."""


class ModelNotFound(QuotesError, RuntimeError):
    """The spaCy model named could not be loaded."""


class ArticleFailed(QuotesError, RuntimeError):
    """The pipeline raised on an article; `article_id` says which."""

    def __init__(self, article_id: str, message: str):
        super().__init__(f"article {article_id}: {message}")
        self.article_id = article_id
        self.message = message

    def __reduce__(self):  # picklable with its two arguments (worker processes, Dask)
        return (type(self), (self.article_id, self.message))


class ArticleTimeout(QuotesError, RuntimeError):
    """Parsing one article took longer than its time budget (`--article-timeout`)."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {seconds:g} s to parse (--article-timeout); not stored")
        self.seconds = seconds

    def __reduce__(self):
        return (ArticleTimeout, (self.seconds,))


class DaskNotInstalled(QuotesError, RuntimeError):
    """`--dask` was asked for but `dask.distributed` cannot be imported."""


class DaskUnreachable(QuotesError, RuntimeError):
    """`--dask` names a scheduler that does not answer (nothing listens at that address)."""


class StoreError(QuotesError, ValueError):
    """An article or quote that cannot be stored as given (the message names the article)."""


class DatabaseUnusable(QuotesError, RuntimeError):
    """The quote database cannot be opened, read or written: a full disk, a read-only file
    system, a file that is not a quote database, a write lock held too long. The message names
    the file, says what is wrong and what to do; nothing already committed is lost."""


class SchemaError(QuotesError, RuntimeError):
    """A quote database made by a newer version of `quotes` than this one (its
    `PRAGMA user_version` is higher than the store knows how to migrate)."""


class EvaluationError(QuotesError, ValueError):
    """Gold or prediction input that cannot be read at all (missing file, wrong kind of path)."""


class InputError(Exception):
    """A bad file or record: where it is (`path`, `line` or None) and what is wrong (`message`).

    `level` is "error" when the file or record was skipped (nothing was read from it) and
    "warning" when it was still read but not as it should be (text that is not UTF-8, decoded
    with replacement characters; a malformed metadata sidecar). A run that saw any "error"
    should exit non-zero; warnings are printed but do not fail it. `kind` is a short machine
    name for the problem (`empty`, `binary`, `encoding`, `malformed`, `no-text`, `no-body`,
    `too-large`, `truncated`, `missing`, `unreadable`, `sidecar`, `duplicate-id`) that summaries
    can group by.

    `str(err)` is `path:line: message` (`path: message` when the line is unknown).
    """

    def __init__(self, path: str, line: int | None, message: str, *, kind: str = "error",
                 level: Level = "error"):
        super().__init__(path, line, message)
        self.path = str(path)
        self.line = line
        self.message = message
        self.kind = kind
        self.level: Level = level

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return (f"InputError({self.path!r}, {self.line!r}, {self.message!r}, kind={self.kind!r}, "
                f"level={self.level!r})")

    def __reduce__(self):  # keep kind and level through pickling (Dask, multiprocessing)
        return (_rebuild_input_error, (self.path, self.line, self.message, self.kind, self.level))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputError):
            return NotImplemented
        return (self.path, self.line, self.message, self.kind, self.level) == (
            other.path, other.line, other.message, other.kind, other.level)

    __hash__ = Exception.__hash__

    def as_dict(self) -> dict:
        """A JSON-ready record of the problem (for reports)."""
        return {"path": self.path, "line": self.line, "message": self.message,
                "kind": self.kind, "level": self.level}


def _rebuild_input_error(path, line, message, kind, level) -> InputError:
    return InputError(path, line, message, kind=kind, level=level)


def warn_on_stderr(err: InputError) -> None:
    """The default `on_error` of the readers: one line on standard error, e.g.
    `quotes: error: a.csv:7: ...`."""
    print(f"quotes: {err.level}: {err}", file=sys.stderr)


class PortInUse(QuotesError, OSError):
    """`quotes serve` was asked to listen on a port something else already holds; the message
    (`strerror`) names the port and suggests `--port`."""
