"""`InputError`: one problem with one input, located by file and line, so a run can report it
and go on with the rest. Defined with the package's other exceptions in `quotes.errors`."""
from __future__ import annotations

from ..errors import InputError, Level, warn_on_stderr

__all__ = ["InputError", "Level", "warn_on_stderr"]
