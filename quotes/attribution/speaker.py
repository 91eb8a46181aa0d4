"""A resolved speaker, and the running speaker (the last one attributed) that pronouns and
floating quotations fall back on, with the bodies and documents quoted so far (what a later `it`
may stand for)."""
from __future__ import annotations

from dataclasses import dataclass, field


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
    """The last speaker attributed in a Doc and where their words ended (a char offset); and
    `sources`, each named speaker attributed so far with the token its source mention starts at
    and whether it is a body or document (what a later `it` may stand for)."""

    speaker: Speaker | None = None
    char: int = -1
    sources: list[tuple[int, Speaker, bool]] = field(default_factory=list)

    def note(self, sp: Speaker, at_char: int) -> None:
        """Remember `sp` as the running speaker, if it has a name."""
        if sp.name:
            self.speaker = sp
            self.char = at_char

    def note_source(self, sp: Speaker, at_token: int, thing: bool) -> None:
        """Remember `sp`, quoted from a mention starting at token `at_token`; `thing`: a body or
        document."""
        if sp.name:
            self.sources.append((at_token, sp, thing))
