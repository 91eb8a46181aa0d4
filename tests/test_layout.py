"""The layout's rules, checked on the source: each wing of the package imports only the wings
the table below allows (so the arrows point one way and there are no cycles), the attributor
does no I/O, and a test plants forbidden imports in a copy to show that the check catches them."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"

FOUNDATION = "foundation"
"""`quotes` itself, `models`, `errors`, `ruleset`: the shapes and the rule loader, which every
wing may use and which use nothing of the package but each other."""
FOUNDATION_MODULES = {"quotes", "quotes.models", "quotes.errors", "quotes.ruleset"}

ALLOWED: dict[str, set[str]] = {
    # wing          the wings it may import (besides itself and the foundation)
    "cli":          {"extraction", "ingest", "export", "check", "serve", "evaluation", "site", "factcheck",
                     "processing", "readers", "store", "attribution"},   # the commands know everything
    "extraction":   {"processing", "readers", "export"},   # the CSV formula guard
    "ingest":       {"processing", "readers", "store"},
    "export":       {"store"},
    "check":        {"factcheck"},
    "serve":        {"site", "store"},
    "evaluation":   {"processing"},
    "site":         {"factcheck", "export"},        # the CSV download is `quotes export`'s file
    "factcheck":    {"store"},
    "processing":   {"attribution"},
    "readers":      set(),
    "store":        set(),
    "attribution":  set(),
    FOUNDATION:     set(),
}
"""Each wing -> the wings it may import. Commands sit on top (`cli` wraps them all), then the
wings that serve them; `attribution`, `readers` and `store` import no other wing."""


def modules(package: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package modules it imports (at any depth of the file, lazy ones too); a
    module's own parent packages are left out (Python runs them first anyway)."""
    mods = modules(package)
    graph = {}
    for name, (path, is_package) in mods.items():
        base = name.split(".") if is_package else name.split(".")[:-1]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = ".".join(base[: len(base) - node.level + 1] + [node.module or ""]).strip(".") \
                    if node.level else node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    deps.add(full if full in mods else target)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {d for d in deps if d in mods and d != name and not name.startswith(d + ".")}
    return graph


def wing(module: str) -> str:
    """`quotes.store.rows` -> `store`; `quotes.check` -> `check`; the foundation modules -> foundation."""
    if module in FOUNDATION_MODULES:
        return FOUNDATION
    return module.split(".")[1]


def violations(package: Path = PACKAGE) -> list[str]:
    """Every import that crosses from one wing into a wing the table does not allow."""
    bad = []
    for name, deps in sorted(import_graph(package).items()):
        if name == "quotes":  # the public face loads its names lazily from anywhere
            continue
        here = wing(name)
        for dep in sorted(deps):
            there = wing(dep)
            if there not in {here, FOUNDATION} | ALLOWED[here]:
                bad.append(f"{name} -> {dep} ({here} may not import {there})")
    return bad


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for dep in graph[todo.pop()] - seen:
            seen.add(dep)
            todo.append(dep)
    return seen


def test_every_wing_is_in_the_table():
    wings = {wing(m) for m in modules()}
    assert wings == set(ALLOWED), wings ^ set(ALLOWED)


def test_the_graph_sees_imports():
    graph = import_graph()
    assert "quotes.processing.parse" in graph["quotes.processing.pipeline"]
    assert "quotes.store.schema" in reachable(graph, "quotes.ingest")


def test_imports_follow_the_table():
    assert violations() == []


def test_no_import_cycles():
    graph = import_graph()
    cycles = sorted(name for name in graph if name in reachable(graph, name))
    assert cycles == []


@pytest.mark.parametrize(("module", "line", "caught"), [
    ("attribution/cues.py", "from ..site.plugins import quotes_sql", "attribution may not import site"),
    ("attribution/cues.py", "from ..store import speaker_names", "attribution may not import store"),
    ("store/quote_store.py", "from ..attribution import names", "store may not import attribution"),
    ("processing/parse.py", "from ..store import QuoteStore", "processing may not import store"),
    ("readers/text.py", "from ..processing.pipeline import extract", "readers may not import processing"),
    ("factcheck/lookup.py", "import quotes.site", "factcheck may not import site"),
])
def test_a_forbidden_import_is_caught(tmp_path, module, line, caught):
    """The check is not vacuous: each of these imports, planted in a copy of the package (also
    inside a function, where a lazy import would hide), makes it fail."""
    copy = tmp_path / "quotes"
    shutil.copytree(PACKAGE, copy, symlinks=True)
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _planted():\n    {line}\n", encoding="utf-8")
    found = violations(copy)
    assert any(caught in v for v in found), found


def test_no_private_name_is_imported_from_another_module():
    """A name with a leading underscore is its module's own business: what another module needs
    is made public (no `from .sources import _with_appos`)."""
    private = []
    for name, (path, _) in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            ours = isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("quotes"))
            if ours:
                private += [f"{name}: {alias.name}" for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert private == []


def test_the_attributor_does_no_io():
    """The attributor turns a Doc into quotes and nothing else: it opens no file or database and
    starts no process (the component reads its rule files through the foundation's loader)."""
    io_modules = {"sqlite3", "sqlite_utils", "subprocess", "multiprocessing", "socket", "datasette", "click"}
    for name, (path, _) in modules().items():
        if wing(name) != "attribution":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            assert not {n.split(".")[0] for n in names} & io_modules, (name, names)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                raise AssertionError(f"{name} opens a file")
