"""The rules loader: word lists come from rules/, and reading them loads no spaCy (the store
and `quotes check` use them)."""
from __future__ import annotations

import subprocess
import sys

from quotes.store import speaker_names as speakers
from quotes.ruleset import load_rules, word_lists


def test_speakers_word_lists_come_from_rules():
    lists = word_lists("speakers.toml")
    assert speakers.HONORIFICS == lists["honorifics"] and "mx" in speakers.HONORIFICS
    assert speakers.normalise("Mx. Jo Smith") == "jo smith"
    assert speakers.is_indefinite("several officials") and not speakers.is_indefinite("the officials")


def test_attributor_word_lists_are_loaded_with_the_rules():
    rules = load_rules()
    assert rules.words["not_name"] >= {"president", "mr"}
    assert rules.words["relative_pronouns"] == {"who", "that", "which", "whom"}


def test_reading_rules_loads_no_spacy_beyond_the_package_itself():
    """`import quotes` may not load spaCy either once it is lazy; the loader adds none."""
    code = (
        "import sys, quotes; before = 'spacy' in sys.modules\n"
        "import quotes.ruleset, quotes.store.speaker_names, quotes.factcheck.scoring; quotes.ruleset.load_rules()\n"
        "print(before, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == out[1], out
