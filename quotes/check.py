"""`quotes check`: was this claim said, and by whom? The lookup is `quotes.factcheck`; this module
prints its verdict and evidence for the terminal."""
from __future__ import annotations

from .factcheck import CheckResult, Evidence, check

__all__ = ["CheckResult", "Evidence", "check", "format_result"]


def format_result(result: CheckResult) -> str:
    """The verdict and its evidence as plain text for the terminal."""
    lines = [f"Claim: {result.claim}"]
    if result.speaker:
        lines.append(f"Speaker asked about: {result.speaker}")
    lines += [f"Verdict: {result.verdict}", result.summary]
    for i, ev in enumerate(result.evidence, 1):
        lines += [
            "",
            f"[{i}] “{ev.text}” — {ev.who}{' with ' + ', '.join(ev.co_speakers) if ev.co_speakers else ''}  (score {ev.score:.0f}, {ev.kind})",
            f"    {ev.title or ev.article_id} | {ev.outlet or '-'} | {ev.published or 'undated'} | {ev.url or '-'}",
            f"    offsets {ev.start}-{ev.end} in article {ev.article_id}",
            f"    context: {ev.context}",
        ]
    return "\n".join(lines)
