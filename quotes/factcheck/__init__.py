"""Fact-checking a claim against the quote database: was it said, and by whom?

`lookup` finds and ranks the evidence, `scoring` says how closely a quote says a claim,
`verdicts` turns the best evidence into a verdict and its sentence, and `sql` offers the same
lookup as SQL functions for the site. `quotes check` (`quotes.check`) prints it.
"""
from __future__ import annotations

from .lookup import CheckResult, Evidence, check

__all__ = ["CheckResult", "Evidence", "check"]
