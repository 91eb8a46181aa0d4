"""Every exception the package raises is defined in `quotes.errors`, and still importable
from where it was documented before."""
from __future__ import annotations

import ast
import pickle
from pathlib import Path

import quotes.errors as errors

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"


def test_exception_classes_are_defined_only_in_errors_py():
    names = {n for n in dir(errors) if isinstance(getattr(errors, n), type)
             and issubclass(getattr(errors, n), BaseException)}
    known = names | {"Exception", "ValueError", "RuntimeError", "LookupError", "OSError", "KeyError"}
    elsewhere = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & known or any(b.endswith(("Error", "Exception")) for b in bases):
                    elsewhere.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert elsewhere == []
    assert {"InputError", "ModelNotFound", "ArticleFailed", "DaskNotInstalled", "StoreError",
            "SchemaError", "EvaluationError"} <= names


def test_the_old_homes_still_export_them():
    from quotes.evaluation import EvaluationError
    from quotes.processing.pipeline import ArticleFailed, ModelNotFound
    from quotes.processing.distributed import DaskNotInstalled
    from quotes.readers import InputError
    from quotes.store import StoreError

    assert (InputError, ModelNotFound, ArticleFailed, DaskNotInstalled, StoreError, EvaluationError) == (
        errors.InputError, errors.ModelNotFound, errors.ArticleFailed, errors.DaskNotInstalled,
        errors.StoreError, errors.EvaluationError)
    assert issubclass(errors.StoreError, ValueError) and issubclass(errors.EvaluationError, ValueError)
    assert issubclass(errors.ModelNotFound, RuntimeError)


def test_errors_survive_pickling_to_and_from_workers():
    failed = pickle.loads(pickle.dumps(errors.ArticleFailed("a7", "parser raised ValueError: x")))
    assert (str(failed), failed.article_id, failed.message) == (
        "article a7: parser raised ValueError: x", "a7", "parser raised ValueError: x")
    bad = errors.InputError("a.csv", 7, "not UTF-8", kind="encoding", level="warning")
    assert pickle.loads(pickle.dumps(bad)) == bad and str(bad) == "a.csv:7: not UTF-8"
