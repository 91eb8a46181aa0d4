"""Where an attribution's words end and the quote begins, in forms US political copy uses:
a party-and-state parenthesis after a name, a colon introduction before a quotation, a
subordinate clause of narrative before `X said, "…"`, and a description beside the name."""
from __future__ import annotations

import pytest

from test_attribution import show
from test_speaker_names import by_content, run


@pytest.fixture(scope="module")
def nlp():
    from quotes.processing.pipeline import load_nlp
    return load_nlp()


def quote_of(nlp, text, first_part):
    quotes = run(nlp, text)
    q = by_content(text, quotes, first_part)
    assert q.text == " … ".join(text[s:e] for s, e in q.spans)
    return q, quotes


@pytest.mark.parametrize("text, first_part, speaker", [
    ("The county board met late.\n\nSo when the company signaled last summer that it would sell the mine, "
     "Mr. Barrett said, \"we were floored.\"", "we were floored.", "Barrett"),
    ("Prices rose again in May.\n\nAfter the council voted on Tuesday to close the depot, Ms. Okafor said, "
     "“nobody asked the drivers.”", "nobody asked the drivers.", "Okafor"),
])
def test_narrative_before_x_said_is_not_the_quote(nlp, text, first_part, speaker):
    q, quotes = quote_of(nlp, text, first_part)
    assert q.text == first_part, show(text, quotes)
    assert q.speaker and q.speaker.endswith(speaker)


@pytest.mark.parametrize("text, first_part, speaker", [
    ("The hearing ran long.\n\nSen. Claire Duval scolded him: “The scientific community is almost "
     "monolithic against you,” she said. “When you call a product a miracle, I don’t understand it.”",
     "The scientific community is almost monolithic against you", "Claire Duval"),
    ("The plant closed in June.\n\nUnion leader Tom Okafor put it bluntly to the board: “You sold "
     "the town out,” he said. “And you knew it.”", "You sold the town out", "Tom Okafor"),
])
def test_a_colon_introduction_is_not_part_of_the_quote(nlp, text, first_part, speaker):
    q, quotes = quote_of(nlp, text, first_part)
    assert q.text.startswith(first_part), show(text, quotes)
    assert q.speaker == speaker
    # the attribution right after the quotation reports it: its cue and pronoun
    assert q.cue == "said" and [text[s:e] for s, e in q.speaker_spans] in (["she"], ["he"]), show(text, quotes)


@pytest.mark.parametrize("text, first_part, speaker", [
    ("The rally drew hundreds.\n\n\"This is a big year for our candidate!\" the mayor's niece, state Del. "
     "Ana Ruiz (D-Norfolk), shouted to the crowd. \"The state is watching.\"",
     "This is a big year for our candidate!", "Ana Ruiz"),
    ("The vote was close.\n\n“It is a bad bill,” Rep. Jo Smith (D-Calif.), told reporters.",
     "It is a bad bill", "Jo Smith"),
])
def test_a_party_and_state_parenthesis_closes_the_attribution(nlp, text, first_part, speaker):
    q, quotes = quote_of(nlp, text, first_part)
    assert q.text.startswith(first_part), show(text, quotes)
    assert speaker.split()[-1] in (q.speaker or "") or q.speaker_role and speaker in text, show(text, quotes)
    assert not (q.speaker or "").startswith("Del.")


@pytest.mark.parametrize("text, first_part, speaker, role", [
    ("The hearing ran late.\n\n“We will not back down,” Sen. Rand Paul (R-Ky.) said on Tuesday.",
     "We will not back down", "Rand Paul", "R-Ky."),
    ("The vote was close.\n\n“It is a bad bill,” Rep. Jo Smith, D-Calif., told reporters. “We can do better.”",
     "It is a bad bill", "Jo Smith", "D-Calif."),
    ("The vote was close.\n\n“It is a bad bill,” the panel's chair, Rep. Jo Smith (D-Calif.), told reporters.",
     "It is a bad bill", "Jo Smith", None),
])
def test_the_party_and_state_is_one_role_not_a_fragment(nlp, text, first_part, speaker, role):
    q, quotes = quote_of(nlp, text, first_part)
    assert q.text.startswith(first_part) and "chair" not in q.text, show(text, quotes)
    assert q.speaker == speaker, show(text, quotes)
    if role:
        assert q.speaker_role == role, show(text, quotes)
    assert q.speaker_role not in ("Ky.", "Calif.", "D", "R")
