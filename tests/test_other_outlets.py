"""Fewer misses on other outlets (issue 18): one section per class of error found on held-out
news from other outlets, each with short articles of our own in several styles (wire copy, a
regional paper with photo credits and READ MORE lines, a press release), asserting whether the
quote is found and who its speaker resolves to.

The expectations are what a reader of each short article would say.
"""
from __future__ import annotations

import pytest

from quotes.models import Quote
from quotes.pipeline import load_nlp
from test_attribution import check_offsets, parts, show


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str) -> list[Quote]:
    quotes = list(nlp(text)._.quotes)
    check_offsets(text, quotes)
    return quotes


def found(text: str, quotes: list[Quote], first_part: str) -> Quote:
    hits = [q for q in quotes if parts(text, q)[0] == first_part]
    assert len(hits) == 1, f"expected one quote starting {first_part!r}\n" + show(text, quotes)
    return hits[0]


def speaker(nlp, text: str, first_part: str) -> str | None:
    quotes = run(nlp, text)
    return found(text, quotes, first_part).speaker


def not_found(nlp, text: str, words: str) -> None:
    quotes = run(nlp, text)
    assert not any(words in q.text for q in quotes), show(text, quotes)


# ------------------------------------------------ 1. a document or body instead of its author


def test_a_document_speaks_for_its_author(nlp):
    office = ("Premier Dana Reid was not available for comment on Monday.\n\n"
              "“We regret the delay,” her office's statement said.")
    assert speaker(nlp, office, "We regret the delay") == "Dana Reid"
    release = ("FOR IMMEDIATE RELEASE\n\nHarbour Trust welcomes new funding\n\nThe plan was welcomed in a "
               "statement from the Harbour Trust on Tuesday. “This funding secures the pier for a generation,” "
               "the statement said.")
    assert speaker(nlp, release, "This funding secures the pier for a generation") == "Harbour Trust"
    wire = "TORONTO (CP) — A review by the Ontario Energy Board said the rate increase was justified."
    assert speaker(nlp, wire, "the rate increase was justified") == "Ontario Energy Board"
    issued = "Acme Mining released its annual review on Monday. The annual review said output rose by 12 per cent."
    quotes = run(nlp, issued)
    q = found(issued, quotes, "output rose by 12 per cent")
    assert (q.speaker, q.speaker_role) == ("Acme Mining", "annual review")


def test_the_body_noun_stands_for_the_organisation_named(nlp):
    utility = ("Thousands of customers lost power after the storm, Northgate Power said on Saturday.\n\n"
               "“Crews are on the way,” the utility said in a post.")
    assert speaker(nlp, utility, "Crews are on the way") == "Northgate Power"
    regional = ("Photo: Jane Doe / Herald\n\nThe Ridgeview Transit Authority, which runs the town's buses, "
                "cut two routes on Monday.\n\n“Ridership has not recovered,” the authority said.")
    assert speaker(nlp, regional, "Ridership has not recovered") == "Ridgeview Transit Authority"
    # where the article names no such body, the description stays
    alone = "“Crews are on the way,” the utility said on Saturday."
    assert speaker(nlp, alone, "Crews are on the way") == "utility"


# ------------------------------------------------------- 2. pronouns where they cannot point


def test_a_pronoun_never_goes_to_a_name_inside_the_quotation_it_attributes(nlp):
    regional = ("Priya Nair, who chairs the parents' group, spoke after the vote on Tuesday.\n\n"
                "“No one listens to us. Maria Lopez had a whole committee behind her. We have nobody,” she said.")
    assert speaker(nlp, regional, "No one listens to us. Maria Lopez had a whole committee behind her. "
                   "We have nobody") == "Priya Nair"
    wire = ("WASHINGTON (AP) — Senator Dan Ortiz voted against the bill on Friday.\n\n"
            "“This is a bad deal. Tom Hale wrote it for his donors. I could not support it,” he told reporters.")
    assert speaker(nlp, wire, "This is a bad deal. Tom Hale wrote it for his donors. I could not support it") == "Dan Ortiz"


def test_given_names_from_the_generated_list_keep_he_and_she_apart(nlp):
    # `Tatiana` and `Siobhan` were in no hand-made list: a `he` went to them
    hearing = ("Yusuf Demir chaired the hearing in Leeds on Thursday. Tatiana Brooks, the treasurer, "
               "presented the accounts.\n\n“These figures do not add up,” he said.")
    assert speaker(nlp, hearing, "These figures do not add up") == "Yusuf Demir"
    clinic = ("Tom Reid has worked at the Galway clinic since 2020. Siobhan Keane, its director, stayed on "
              "after the merger.\n\n“We need two more nurses,” he said.")
    assert speaker(nlp, clinic, "We need two more nurses") == "Tom Reid"


def test_one_or_another_after_a_counted_group_stands_for_the_group(nlp):
    nurses = ("Three nurses spoke to the Herald on Tuesday about the night shift at St Mary's.\n\n"
              "“We are exhausted,” one said.")
    assert speaker(nlp, nurses, "We are exhausted") == "nurses"
    residents = ("Several residents gathered outside the town hall on Friday evening to protest the closure.\n\n"
                 "“Nobody asked us,” another said.")
    assert speaker(nlp, residents, "Nobody asked us") == "residents"
