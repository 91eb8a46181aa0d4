"""The layout's rules, checked on the source: imports point one way (no cycles), and the
parsing workers (`quotes.processing`) never reach the CLI, the store or the pipeline module."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"


def modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (at any depth of the file, lazy ones too); a
    module's own parent packages are left out (Python runs them first anyway)."""
    mods = modules()
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


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for dep in graph[todo.pop()] - seen:
            seen.add(dep)
            todo.append(dep)
    return seen


def test_the_graph_sees_imports():
    graph = import_graph()
    assert "quotes.processing.parse" in graph["quotes.processing.pipeline"]
    assert "quotes.store.schema" in reachable(graph, "quotes.ingest")


def test_no_import_cycles():
    graph = import_graph()
    cycles = sorted(name for name in graph if name in reachable(graph, name))
    assert cycles == []


def test_processing_never_imports_the_cli_store_or_pipeline():
    graph = import_graph()
    for name in graph:
        if name.startswith("quotes.processing"):
            bad = {m for m in reachable(graph, name)
                   if m in ("quotes.cli", "quotes.ingest") or m.startswith("quotes.store")}
            assert bad == set(), name


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


def test_attribution_reaches_no_io():
    """The attributor turns a Doc into quotes and nothing else: no store, readers, CLI or site."""
    graph = import_graph()
    for name in graph:
        if name.startswith("quotes.attribution"):
            bad = {m for m in reachable(graph, name)
                   if m.split(".")[1] in ("cli", "store", "readers", "ingest", "serve", "processing", "pipeline")}
            assert bad == set(), name
