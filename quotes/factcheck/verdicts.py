"""The verdict on a claim and the sentence that says it, written once for the terminal, the JSON
output and the site's fact-check page."""
from __future__ import annotations

from .scoring import EXACT, NEAR

SAID = "said"
NEAR_SAID = "said (near)"
SOMEONE_ELSE = "said by someone else"
NOT_FOUND = "not found"
CONTRADICTS = "contradicts"
"""A near match whose negation differs from the claim's: the quote says the opposite."""
REFUSED = "refused"
"""The claim is too short to check (fewer than `MIN_CONTENT_WORDS` content words)."""
AMBIGUOUS = "ambiguous speaker"
"""The speaker asked about could be several people: the result lists them."""


def verdict(best_score: float | None, speaker_ok: bool, wanted: str | None, contradicts: bool = False) -> str:
    """The verdict for one piece of evidence: `said`, `said (near)`, `said by someone else`,
    `contradicts` (a near match that negates the claim, or the claim negates it), or `not found`."""
    try:
        best_score = float(best_score)
    except (TypeError, ValueError):
        return NOT_FOUND
    if best_score < NEAR:
        return NOT_FOUND
    if contradicts:
        return CONTRADICTS
    if wanted and not speaker_ok:
        return SOMEONE_ELSE
    return SAID if best_score >= EXACT else NEAR_SAID


def who(speaker: str | None, role: str | None) -> str:
    """A speaker as a verdict names them: `Sergei Shoigu (Russia’s defence minister)`."""
    name = speaker or "an unattributed source"
    if role and role.casefold() != name.casefold():
        return f"{name} ({role})"
    return name


def summary(result_verdict: str, *, wanted: str | None, said_by: str | None = None, score: float | None = None,
            title: str | None = None, published: str | None = None, jointly_with: list[str] | None = None) -> str:
    """The one sentence that states a verdict, with the best evidence's speaker, score and article;
    `jointly_with`: who else said it, for a quote several people said together (`Hillary Clinton
    said this jointly with Obama, word for word`)."""
    joint = f" jointly with {_listed(jointly_with)}" if jointly_with else ""
    if result_verdict == NOT_FOUND:
        return f"No stored quote{f' from {wanted}' if wanted else ''} is close to this claim."
    where = f"{title}" + (f", {published}" if published else "")
    if result_verdict == CONTRADICTS:
        return f"{said_by} said the opposite{joint} (score {score:.0f}, {where}): the quote's negation differs from the claim's."
    if result_verdict == SOMEONE_ELSE:
        return f"Said, but not by {wanted}: {said_by} said it{joint} (score {score:.0f}, {where})."
    if result_verdict == SAID:
        return f"{said_by} said this{joint}, word for word ({where})."
    return f"{said_by} said something close to this{joint} (score {score:.0f}, {where})."


def _listed(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
