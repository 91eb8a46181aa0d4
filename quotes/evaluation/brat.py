"""Reading brat standoff attribution annotation as gold articles for `quotes evaluate`.

Many annotation projects, PolNeAR among them, keep attributions in brat's standoff format: the
article in `NAME.txt`, and in `NAME.ann` one line per annotation, `[start, end)` character
offsets into the text:

    T1<TAB>Source 89 106<TAB>The New York Post
    T2<TAB>Cue 107 114<TAB>reports
    T3<TAB>Content 115 200;210 290<TAB>...          (a discontinuous span: fragments by ';')
    T4<TAB>Attribution 107 114<TAB>reports
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

An event ties one attribution together; its arguments are read by role (`Source`, `Cue`,
`Content`, numbered repeats such as `Content2` included), and its trigger stands for the cue
when no `Cue` argument is given. Projects that link entities with relations instead
(`R1<TAB>Attribution Arg1:T1 Arg2:T3`) are read too: every `Content` entity that no event
uses is one attribution (with Content entities related to it, the parts of a split quote),
whose cues are the `Cue` entities related to it and whose sources are the `Source` entities
related to it or to those cues. A `Content` linked to nothing is an attribution without a
source. Other annotation lines (attributes, notes, equivalences) are ignored.

Each document becomes the record the gold JSONL holds:
`{"id", "text", "attributions": [{"content", "source", "cue", "quoted"}]}`, where `quoted`
says whether the content holds a quote mark (the scorer's `QUOTE_MARK`), counting a mark just
outside a span as the scorer does for predictions: annotators often leave the marks out of
the content (the project's own seed gold does), and the quote is no less quoted for it.

A directory may hold `NAME.txt` and `NAME.ann` side by side (anywhere below it), or use
PolNeAR's layout, `text/NAME.txt` with `attributions/NAME_ANNOTATOR.ann` (the first
annotator's file in sorted order is read). Offsets are kept exactly: texts are read without
newline translation, so a `\\r\\n` file does not shift them.
"""
from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .gold import is_quoted

ROLES = ("source", "cue", "content")
"""The attribution roles read, matched case-insensitively and without trailing digits."""


@dataclass
class _Entity:
    id: str
    type: str
    spans: list[list[int]]

    @property
    def role(self) -> str | None:
        return _role(self.type)


@dataclass
class _Attribution:
    content: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    cue: list[str] = field(default_factory=list)


def _role(name: str) -> str | None:
    role = name.rstrip("0123456789").lower()
    return role if role in ROLES else None


def _parse_spans(offsets: str) -> list[list[int]]:
    spans = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        spans.append([int(start), int(end)])
    return spans


def parse_ann(ann: str, text: str, *, name: str = "<ann>", problems: list[str] | None = None) -> list[dict[str, Any]]:
    """The attributions in the standoff annotation `ann` of `text`, as gold attribution dicts.

    Lines that cannot be read (bad offsets, offsets outside the text, references to unknown
    annotations) are reported in `problems` as `NAME:LINE: ...` and skipped; with no
    `problems` list they raise `EvaluationError`."""
    entities: dict[str, _Entity] = {}
    events: list[tuple[int, list[tuple[str, str]], str]] = []  # (line, [(role, id)], trigger id)
    relations: list[tuple[int, list[str]]] = []

    found: list[tuple[int, str]] = []

    def problem(line: int, message: str) -> None:
        found.append((line, f"{name}:{line}: {message}"))

    for n, raw in enumerate(ann.splitlines(), 1):
        if not raw.strip():
            continue
        parts = raw.split("\t")
        ident = parts[0].strip()
        kind = ident[:1]
        if kind in ("A", "M", "N", "#", "*"):
            continue  # attributes, normalizations, notes, equivalences: not attribution structure
        if len(parts) < 2 or not parts[1].strip():
            problem(n, f"annotation {ident!r} has no type; line skipped")
            continue
        if kind == "T":
            type_name, _, offsets = parts[1].strip().partition(" ")
            try:
                spans = _parse_spans(offsets)
            except ValueError:
                problem(n, f"text-bound annotation {ident} has unreadable offsets {offsets!r}; line skipped")
                continue
            if any(not 0 <= s <= e <= len(text) for s, e in spans):
                problem(n, f"text-bound annotation {ident} offsets {offsets!r} lie outside the text ({len(text)} characters); line skipped")
                continue
            if len(parts) > 2 and not _same_text(parts[2], " ".join(text[s:e] for s, e in spans)):
                problem(n, f"text-bound annotation {ident}: the text at {offsets!r} is not {parts[2][:60]!r} (offsets kept)")
            entities[ident] = _Entity(ident, type_name, spans)
        elif kind == "E":
            args = [a.partition(":") for a in parts[1].split()]
            if any(not sep or not ref for _, sep, ref in args):
                problem(n, f"event {ident} has an argument that is not ROLE:ID; line skipped")
                continue
            trigger = args[0][2]
            events.append((n, [(role, ref) for role, _, ref in args[1:]], trigger))
        elif kind == "R":
            args = [a.partition(":")[2] for a in parts[1].split()[1:]]
            relations.append((n, [a for a in args if a]))
        else:
            problem(n, f"unknown annotation line {ident!r}; line skipped")

    used: set[str] = set()
    attributions: list[_Attribution] = []
    for n, args, trigger in events:
        attribution = _Attribution()
        for role_name, ref in args:
            role = _role(role_name)
            if role is None:
                continue
            if ref not in entities:
                problem(n, f"event argument {role_name}:{ref} refers to no text-bound annotation; argument skipped")
                continue
            getattr(attribution, role).append(ref)
        if not attribution.content:
            continue  # an event of another kind, or an attribution without content: nothing to score
        if not attribution.cue and trigger in entities:
            attribution.cue.append(trigger)
        used.update(attribution.content)
        attributions.append(attribution)

    linked: dict[str, set[str]] = {}
    for n, refs in relations:
        missing = [r for r in refs if r not in entities]
        if missing:
            problem(n, f"relation refers to unknown annotation {missing[0]}; line skipped")
            continue
        for a in refs:
            for b in refs:
                if a != b:
                    linked.setdefault(a, set()).add(b)
    for entity in entities.values():
        if entity.role != "content" or entity.id in used:
            continue
        group, todo = [], [entity.id]
        while todo:  # the Content entities related to this one, and theirs
            ref = todo.pop()
            if ref in used:
                continue
            used.add(ref)
            group.append(ref)
            todo.extend(r for r in linked.get(ref, ()) if entities[r].role == "content")
        near = {r for c in group for r in linked.get(c, ())}
        cues = [r for r in near if entities[r].role == "cue"]
        sources = {r for r in near if entities[r].role == "source"}
        sources.update(r for c in cues for r in linked.get(c, ()) if entities[r].role == "source")
        attributions.append(_Attribution(group, sorted(sources), cues))

    found.sort(key=lambda p: p[0])
    if found and problems is None:
        raise EvaluationError(found[0][1])
    if problems is not None:
        problems.extend(message for _, message in found)
    out = []
    for a in attributions:
        content = _spans(entities, a.content)
        out.append({
            "content": content,
            "source": _spans(entities, a.source),
            "cue": _spans(entities, a.cue),
            "quoted": is_quoted(text, content, margin=1),
        })
    return out


def _spans(entities: dict[str, _Entity], refs: list[str]) -> list[list[int]]:
    return [list(s) for s in sorted({tuple(s) for r in refs for s in entities[r].spans})]


def _same_text(given: str, actual: str) -> bool:
    return given == actual or given.split() == actual.split()


def read_text(path: str | Path) -> str:
    """A document's text exactly as brat counts its offsets: UTF-8, no newline translation.
    Raises `EvaluationError` naming the file when it cannot be read."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from exc
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot be read ({exc.strerror})") from exc


def read_brat_document(txt_path: str | Path, ann_path: str | Path, problems: list[str] | None = None,
                       *, doc_id: str | None = None) -> dict[str, Any]:
    """One gold article from a brat `.txt` and its `.ann` (id: the text file's stem)."""
    txt_path, ann_path = Path(txt_path), Path(ann_path)
    text = read_text(txt_path)
    attributions = parse_ann(read_text(ann_path), text, name=str(ann_path), problems=problems)
    return {"id": doc_id or txt_path.stem, "text": text, "attributions": attributions}


def find_brat_documents(directory: str | Path, problems: list[str] | None = None) -> list[tuple[Path, Path]]:
    """(text file, annotation file) pairs under `directory`, in sorted order: `NAME.txt` with
    `NAME.ann` beside it, or PolNeAR's `text/NAME.txt` with `attributions/NAME_*.ann`."""
    directory = Path(directory)
    pairs = []
    for txt in sorted(directory.rglob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.is_file() and txt.parent.name == "text":
            candidates = sorted((txt.parent.parent / "attributions").glob(glob.escape(txt.stem) + "_*.ann"))
            ann = candidates[0] if candidates else ann
        if ann.is_file():
            pairs.append((txt, ann))
        elif problems is not None:
            problems.append(f"{txt}: no annotation file {ann.name} beside it; document skipped")
    for ann in sorted(directory.rglob("*.ann")):
        if ann.parent.name != "attributions" and not ann.with_suffix(".txt").is_file() and problems is not None:
            problems.append(f"{ann}: no text file {ann.with_suffix('.txt').name} beside it; annotation skipped")
    return pairs


def read_brat_dir(directory: str | Path, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """Gold articles from every annotated document under a brat directory (see the module
    docstring). Raises `EvaluationError` when it holds no annotated document at all."""
    directory = Path(directory)
    if not directory.is_dir():
        raise EvaluationError(f"{directory}: not a directory")
    pairs = find_brat_documents(directory, problems)
    if not pairs:
        raise EvaluationError(f"{directory}: no brat documents (NAME.txt with NAME.ann) in it")
    articles, seen = [], {}
    for txt, ann in pairs:
        if txt.stem in seen:
            message = f"{txt}: another document is also called {txt.stem!r} ({seen[txt.stem]}); skipped"
            if problems is None:
                raise EvaluationError(message)
            problems.append(message)
            continue
        seen[txt.stem] = txt
        try:
            articles.append(read_brat_document(txt, ann, problems))
        except EvaluationError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; document skipped")
    return articles
