"""A resolved speaker, and the running speaker (the last one attributed) that pronouns and
floating quotations fall back on."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Speaker:
    """A resolved speaker."""

    name: str | None
    is_person: bool | None
    role: str | None = None
    gender: str | None = None
    plural: bool = False


@dataclass
class RunningSpeaker:
    """The last speaker attributed in a Doc and where their words ended (a char offset)."""

    speaker: Speaker | None = None
    char: int = -1

    def note(self, sp: Speaker, at_char: int) -> None:
        """Remember `sp` as the running speaker, if it has a name."""
        if sp.name:
            self.speaker = sp
            self.char = at_char
