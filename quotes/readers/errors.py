"""`InputError`: one problem with one input, located by file and line, so a run can report it
and go on with the rest."""
from __future__ import annotations

import sys
from typing import Literal

Level = Literal["error", "warning"]


class InputError(Exception):
    """A bad file or record: where it is (`path`, `line` or None) and what is wrong (`message`).

    `level` is "error" when the file or record was skipped (nothing was read from it) and
    "warning" when it was still read but not as it should be (text that is not UTF-8, decoded
    with replacement characters; a malformed metadata sidecar). A run that saw any "error"
    should exit non-zero; warnings are printed but do not fail it. `kind` is a short machine
    name for the problem (`empty`, `binary`, `encoding`, `malformed`, `no-text`, `no-body`,
    `too-large`, `truncated`, `missing`, `unreadable`, `sidecar`, `duplicate-id`) that summaries can
    group by.

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
        return (_rebuild, (self.path, self.line, self.message, self.kind, self.level))

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


def _rebuild(path, line, message, kind, level) -> InputError:
    return InputError(path, line, message, kind=kind, level=level)


def warn_on_stderr(err: InputError) -> None:
    """The default `on_error`: one line on standard error, e.g. `quotes: error: a.csv:7: ...`."""
    print(f"quotes: {err.level}: {err}", file=sys.stderr)
