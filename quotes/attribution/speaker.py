"""A resolved speaker, and the running speaker (the last one attributed) that pronouns and
floating quotations fall back on."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Speaker:
    """A resolved speaker. Several named people or bodies who spoke together (`Mr. Grassley and
    Mr. Leahy said`; rule `joint_speakers`) are one `Speaker`: `name` is the first named, `co`
    the others' names in order, `span` the characters of the whole coordination."""

    name: str | None
    is_person: bool | None
    role: str | None = None
    gender: str | None = None
    plural: bool = False
    co: tuple[str, ...] = ()
    span: tuple[int, int] | None = None


def alone(sp: Speaker | None) -> Speaker | None:
    """The first of joint speakers by themself (what `he`/`she` or `it` can stand for); any
    other speaker as it is."""
    if sp is None or not sp.co:
        return sp
    return Speaker(sp.name, sp.is_person, sp.role, sp.gender)


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
