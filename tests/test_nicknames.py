"""A nickname in quote marks inside a name (`Marcia "Cia" Price`, `Robert “Bobby” Tan`) belongs to
the name: never a quotation, never the first half of the sentence's real quote, and not part of
the speaker's name as filed (Marcia Price is one person whether or not an article gives `Cia`)."""
from __future__ import annotations

import pytest

from quotes.attribution.marks import find_quotations
from test_speaker_names import by_content, run


@pytest.fixture(scope="module")
def nlp():
    from quotes.processing.pipeline import load_nlp
    return load_nlp()


@pytest.mark.parametrize("text, nickname", [
    ('"We are ready," said Marcia "Cia" Price, a state delegate.', "Cia"),
    ("“It is over,” said Robert “Bobby” Tan, the coach.", "Bobby"),
    ("Former champion Earvin 'Magic' Johnson said he would invest.", "Magic"),
    ('Dwayne "The Rock" Johnson told reporters he was not running.', "The Rock"),
])
def test_a_nickname_between_two_words_of_a_name_is_no_quotation(text, nickname):
    found = [text[s:e] for q in find_quotations(text) for s, e in q.spans]
    assert nickname not in found


@pytest.mark.parametrize("text, quoted", [
    ('Voters call it "Brexit" Monday after Monday.', "Brexit"),      # not between two name words
    ('The coach said "Never" and left.', "Never"),
    ('He called the plan "A Disaster" in a post.', "A Disaster"),
])
def test_a_capitalised_word_in_marks_elsewhere_is_still_a_quotation(text, quoted):
    assert quoted in [text[s:e] for q in find_quotations(text) for s, e in q.spans]


@pytest.mark.parametrize("text, first_part, speaker", [
    ('The rally drew hundreds.\n\n"This is a big year for our senator!" state Del. Marcia "Cia" Price '
     'told the crowd. "The nation is watching."', "This is a big year for our senator!", "Marcia Price"),
    ("The season ended in March.\n\n“We gave everything,” said the captain, Robert “Bobby” Tan. "
     "“Next year is ours.”", "We gave everything", "Robert Tan"),
])
def test_the_real_quote_around_a_nickname_keeps_its_speaker(nlp, text, first_part, speaker):
    quotes = run(nlp, text)
    q = by_content(text, quotes, first_part)
    assert q.speaker == speaker        # the nickname is no part of who the person is
    assert not any(q2.text.startswith(("Cia", "Bobby")) for q2 in quotes)
