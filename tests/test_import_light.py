"""`import quotes` and `quotes --help` load no spaCy, Datasette or trafilatura: the names are
loaded on first use (a fresh interpreter each, since this test process has them all)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "datasette", "trafilatura", "thinc", "distributed", "sqlite_utils")

HELP = """
import json, sys
from quotes.cli import cli
for args in {commands!r}:
    try:
        cli.main(args, prog_name="quotes", standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def loaded(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(run.stdout.splitlines()[-1])}


def test_import_quotes_loads_nothing_heavy():
    modules = loaded("import json, sys, quotes; print(json.dumps(sorted(sys.modules)))")
    assert "quotes" in modules
    assert not modules & set(HEAVY)


@pytest.mark.parametrize("command", [["--help"], ["ingest", "--help"], ["extract", "--help"],
                                     ["evaluate", "--help"], ["serve", "--help"], ["check", "--help"],
                                     ["export", "--help"], ["speakers", "merge", "--help"]])
def test_help_loads_nothing_heavy(command):
    modules = loaded(HELP.format(commands=[command]))
    assert "click" in modules and "quotes" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_the_public_names_load_on_first_use():
    code = ("import json, sys, quotes\n"
            "before = 'spacy' in sys.modules\n"
            "a = quotes.Article(id='a', text='x')\n"
            "models_only = 'spacy' not in sys.modules\n"
            "quotes.extract\n"
            "print(json.dumps([before, models_only, 'spacy' in sys.modules, sorted(dir(quotes))]))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, models_only, after, names = json.loads(run.stdout)
    assert (before, models_only, after) == (False, True, True)
    assert {"extract", "extract_many", "load_nlp", "Article", "Quote", "ArticleQuotes"} <= set(names)


@pytest.mark.parametrize(("old", "new"), [
    ("quotes.pipeline", "quotes.processing.pipeline"),
    ("quotes.component", "quotes.attribution.component"),
    ("quotes.evaluate", "quotes.evaluation.scorer"),
    ("quotes.brat", "quotes.evaluation.brat"),
    ("quotes.trailing", "quotes.readers.trailing"),
    ("quotes.speakers", "quotes.store.speaker_names"),
    ("quotes.readers.cli_options", "quotes.cli.input_options"),
])
def test_a_moved_module_still_imports_from_its_old_path_for_one_release(old, new):
    """Code written against the old layout keeps working (with a DeprecationWarning naming the
    new home): the old path gives the very same module object."""
    code = (f"import importlib, warnings, sys\n"
            f"with warnings.catch_warnings(record=True) as w:\n"
            f"    warnings.simplefilter('always')\n"
            f"    old = importlib.import_module({old!r})\n"
            f"print(old is sys.modules[{new!r}], any({new!r} in str(x.message) for x in w))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True"]
