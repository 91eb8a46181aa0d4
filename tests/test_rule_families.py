"""One short hand-written text per rule in `rules/patterns.toml`, by rule family: the quote that
rule makes (its `rule`, kind, speaker, exact spans and `text[s:e]`); and the rule names in the
rule table and in the code are one and the same set."""
from __future__ import annotations

import ast
import dataclasses
import tomllib
from pathlib import Path

import pytest

from quotes.attribution import Attributor
from quotes.attribution import rule_names as R
from quotes.ruleset import default_rules_dir, load_rules

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"

# (rule, text, kind, speaker, spans): the text's only quote
CASES = [
    # verb cues (attribution/verb_cues.py)
    (R.CUE_QUOTE, "“We will not back down,” Ben Wallace said.", "direct", "Ben Wallace", [(1, 22)]),
    (R.CUE_COMPLEMENT, "Ben Wallace said that the talks with Moscow had been useful.",
     "indirect", "Ben Wallace", [(22, 59)]),
    (R.RELATIVE_CLAUSE, "Sergei Lavrov, who complained that the West was ignoring Russia, left early.",
     "indirect", "Sergei Lavrov", [(35, 63)]),
    (R.CUE_OBJECT, "Ben Wallace described the talks as “close to zero” in value.", "mixed", "Ben Wallace", [(22, 59)]),
    (R.OBJECT_CONTENT, "Donald Trump called him a political opportunist.", "indirect", "Donald Trump", [(20, 47)]),
    (R.PARENTHETICAL, "Trump, Sexton said, has created a political movement that will last for years.",
     "indirect", "Sexton", [(0, 5), (20, 77)]),
    (R.TRAILING_CUE, "Russia is ready to talk about security in Europe, UK defence secretary says",
     "indirect", "UK defence secretary", [(0, 48)]),
    (R.ONE_WORD_QUOTE, "“Never,” said Ben Wallace when asked about the talks.", "direct", "Ben Wallace", [(1, 6)]),
    # phrase and noun cues (attribution/phrase_cues.py)
    (R.ACCORDING_TO, "According to Ben Wallace, the talks with Moscow had been useful.",
     "indirect", "Ben Wallace", [(26, 63)]),
    (R.WORDS_OF, "In the words of Ben Wallace, “the talks were a waste of time.”",
     "direct", "Ben Wallace", [(30, 61)]),
    (R.NOUN_CUE, "Ben Wallace repeated his warning that the invasion could begin at any moment.",
     "indirect", "Ben Wallace", [(38, 76)]),
    # headline and transcript lines (attribution/line_labels.py)
    (R.HEADLINE_COLON, "Graham: Trump’s rhetoric is destroying the party\nLindsey Graham spoke on Friday.",
     "indirect", "Lindsey Graham", [(8, 48)]),
    (R.TRANSCRIPT_LABEL, "Mike Pence spoke to Jake Tapper on Sunday.\nPENCE: Well, look, we are very proud of the campaign.",
     "direct", "Mike Pence", [(50, 96)]),
    # quotations no cue reported (attribution/placement.py)
    (R.COLON_INTRO, "Dmitry Kozak was blunt: “We did not reach any agreement today.”",
     "direct", "Dmitry Kozak", [(25, 62)]),
    (R.COLON_NOUN, "Ben Wallace left Moscow on Friday.\nHis verdict: “We did not reach any agreement today.”",
     "direct", "Ben Wallace", [(49, 86)]),
    (R.DASH_SOURCE, "“Nobody wants a war in Europe this winter.” ― Sonya Herridge",
     "direct", "Sonya Herridge", [(1, 42)]),
]
CONTINUED = "“We will not back down,” Ben Wallace said on Friday.\n“We will stand with our allies for as long as it takes.”"
UNQUOTED = "The minister left early.\n“This is the end of an era for all of us.”"
SCARE = "The crowd chanted and waved flags as the “Peace Now” banner went up."


def rules_with(**changes: dict):
    """The packaged rules with some rules' settings changed: `unattributed={"enabled": True}`."""
    rules = load_rules()
    for name, change in changes.items():
        rules.rules[name] = dataclasses.replace(rules.rules[name], **change)
    return rules


@pytest.mark.parametrize("rule, text, kind, speaker, spans", CASES, ids=[c[0] for c in CASES])
def test_rule_makes_its_quote(nlp, rule, text, kind, speaker, spans):
    [q] = nlp(text)._.quotes
    assert (q.rule, q.kind, q.speaker, q.spans) == (rule, kind, speaker, spans)
    assert q.text == " … ".join(text[s:e] for s, e in spans)


def test_continuation_puts_the_next_paragraph_on_the_quote(nlp):
    doc = nlp(CONTINUED)
    [q] = doc._.quotes
    assert q.rule == R.CUE_QUOTE and q.speaker == "Ben Wallace"
    assert [CONTINUED[s:e] for s, e in q.spans] == [
        "We will not back down", "We will stand with our allies for as long as it takes."]
    [q] = Attributor(rules_with(**{R.CONTINUATION: {"enabled": False}}))(doc)
    assert q.spans == [(1, 22)]


def test_unattributed_reports_a_sentence_with_no_speaker_only_when_on(nlp):
    doc = nlp(UNQUOTED)
    assert doc._.quotes == []          # off by default
    [q] = Attributor(rules_with(**{R.UNATTRIBUTED: {"enabled": True}}))(doc)
    assert (q.rule, q.speaker, q.spans, UNQUOTED[26:66]) == (
        R.UNATTRIBUTED, None, [(26, 66)], "This is the end of an era for all of us.")


FLOATING = ("“We will not back down,” Ben Wallace said on Friday.\nThe talks resume next week.\n"
            "“We will stand with our allies for as long as it takes.”")


def test_floating_quote_goes_to_the_running_speaker_only_when_on(nlp):
    doc = nlp(FLOATING)
    assert [q.rule for q in doc._.quotes] == [R.CUE_QUOTE]        # off by default
    _, q = Attributor(rules_with(**{R.FLOATING_QUOTE: {"enabled": True}}))(doc)
    assert (q.rule, q.speaker, FLOATING[q.spans[0][0]:q.spans[0][1]]) == (
        R.FLOATING_QUOTE, "Ben Wallace", "We will stand with our allies for as long as it takes.")


def test_scare_quote_leaves_out_a_few_words_up_to_max_words(nlp):
    doc = nlp(SCARE)
    on = {R.UNATTRIBUTED: {"enabled": True}}
    assert Attributor(rules_with(**on))(doc) == []       # two words: a scare quote
    [q] = Attributor(rules_with(**on, **{R.SCARE_QUOTE: {"settings": {"max_words": 1}}}))(doc)
    assert (q.rule, q.spans, SCARE[42:51]) == (R.UNATTRIBUTED, [(42, 51)], "Peace Now")


def test_every_rule_has_a_case():
    covered = {c[0] for c in CASES} | {R.CONTINUATION, R.UNATTRIBUTED, R.SCARE_QUOTE, R.FLOATING_QUOTE}
    covered |= R.SPEAKER_RULES      # (tests/test_speaker_rules.py, a section each)
    assert covered == R.ALL


def test_rule_table_and_code_name_the_same_rules():
    with open(default_rules_dir() / "patterns.toml", "rb") as f:
        table = set(tomllib.load(f)["rules"])
    assert table == R.ALL


def test_rule_names_are_written_only_in_rule_names():
    """Code refers to a rule through its constant, never by a string literal of its name."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "rule_names.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in R.ALL:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []
