"""The `quotes` component carries its rule files, as spaCy's own rulers carry their patterns:
an edited rule survives `nlp.to_disk` → `spacy.load` / `load_nlp(path)` (even with the edited
folder gone) and `to_bytes` → `from_bytes`."""
from __future__ import annotations

import shutil

import pytest
import spacy

from quotes.processing.pipeline import load_nlp
from quotes.ruleset import RULE_FILES, default_rules_dir

NEW_VERB = "“The budget is a disaster for everyone,” Ben Wallace bellowed on Friday."
FRAGMENT = "At a rally, Trump likened the refugees to a “vicious snake.”"


def rows(doc) -> list[tuple]:
    text = doc.text
    return [(q.rule, q.speaker, q.text, [text[s:e] for s, e in q.spans]) for q in doc._.quotes]


@pytest.fixture
def edited_rules(tmp_path):
    """A copy of the packaged rules with `bellow` a speech verb and the `cue_object` rule off."""
    folder = tmp_path / "my_rules"
    shutil.copytree(default_rules_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    cues = folder / "cues.toml"
    text = cues.read_text(encoding="utf-8")
    assert text.count('verbs = ["say",') == 1
    cues.write_text(text.replace('verbs = ["say",', 'verbs = ["bellow", "say",'), encoding="utf-8")
    patterns = folder / "patterns.toml"
    text = patterns.read_text(encoding="utf-8")
    patterns.write_text(text.replace("[rules.cue_object]\n", "[rules.cue_object]\nenabled = false\n"), encoding="utf-8")
    return folder


def test_packaged_rules_do_not_know_the_edits(nlp):
    assert rows(nlp(NEW_VERB)) == []
    assert rows(nlp(FRAGMENT)) == [("cue_object", "Trump", "the refugees to a “vicious snake.”", ["the refugees to a “vicious snake.”"])]


def test_edited_rules_survive_to_disk_and_load(tmp_path, edited_rules):
    edited = load_nlp(config={"rules_dir": str(edited_rules)})
    expected = [("cue_quote", "Ben Wallace", "The budget is a disaster for everyone",
                 ["The budget is a disaster for everyone"])]
    assert rows(edited(NEW_VERB)) == expected
    assert rows(edited(FRAGMENT)) == []
    edited.to_disk(tmp_path / "model")
    shutil.rmtree(edited_rules)          # the saved pipeline holds the rule files themselves
    saved = sorted(p.name for p in (tmp_path / "model" / "quotes" / "rules").iterdir())
    assert saved == sorted(RULE_FILES)

    loaded = spacy.load(tmp_path / "model")
    assert rows(loaded(NEW_VERB)) == expected
    assert rows(loaded(FRAGMENT)) == []

    by_path = load_nlp(str(tmp_path / "model"))   # `--model PATH`, and Dask workers given it
    assert by_path.pipe_names.count("quotes") == 1 and by_path.pipe_names.count("quote_paragraphs") == 1
    assert rows(by_path(NEW_VERB)) == expected


def test_edited_rules_survive_to_bytes_and_from_bytes(edited_rules):
    data = load_nlp(config={"rules_dir": str(edited_rules)}).get_pipe("quotes").to_bytes()
    fresh = load_nlp()
    assert rows(fresh(NEW_VERB)) == []
    fresh.get_pipe("quotes").from_bytes(data)
    assert rows(fresh(NEW_VERB))[0][:2] == ("cue_quote", "Ben Wallace")
    assert rows(fresh(FRAGMENT)) == []


def test_a_broken_rule_file_names_itself(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(default_rules_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (folder / "words.toml").write_text("[not_name\nwords = [", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad/words\.toml"):
        load_nlp(config={"rules_dir": str(folder)})


@pytest.mark.slow
def test_dask_workers_given_a_saved_model_use_its_rules(tmp_path, edited_rules):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    from quotes.processing.distributed import extract_articles_dask
    from quotes.models import Article

    load_nlp(config={"rules_dir": str(edited_rules)}).to_disk(tmp_path / "model")
    shutil.rmtree(edited_rules)
    articles = [Article(id="a", text=NEW_VERB), Article(id="b", text=FRAGMENT)]
    out = {a.id: q for a, q in extract_articles_dask(articles, "local:1", model=str(tmp_path / "model"))}
    assert [(q.rule, q.speaker) for q in out["a"]] == [("cue_quote", "Ben Wallace")]
    assert out["b"] == []


def test_doc_quotes_are_the_attributors_own_objects_and_survive_serialisation(nlp):
    """`doc._.quotes` is what the attributor made (no copy or validation on each access), and a
    Doc sent through `to_bytes` (what spaCy's worker processes do) brings its quotes back."""
    from spacy.tokens import Doc

    from quotes.models import Quote

    doc = nlp("“We can try,” Ben Wallace said.")
    assert doc._.quotes is doc._.quotes and isinstance(doc._.quotes[0], Quote)
    assert doc._.quote_records == [doc._.quotes[0].model_dump(mode="json")]
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.quotes == doc._.quotes and isinstance(back._.quotes[0], Quote)
