"""Who said it, by name (issue 11): one hand-written case per way a speaker mention stands for a
person or body, asserting the resolved `speaker`, `speaker_is_person` and the exact content.

The expectations are what a reader of each short article would say, not what the attributor
happens to return today.
"""
from __future__ import annotations

import pytest

from quotes.models import Quote
from quotes.processing.pipeline import load_nlp
from test_attribution import check_offsets, mention, parts, show


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str) -> list[Quote]:
    quotes = list(nlp(text)._.quotes)
    check_offsets(text, quotes)
    return quotes


def by_content(text: str, quotes: list[Quote], first_part: str) -> Quote:
    hits = [q for q in quotes if parts(text, q)[0] == first_part]
    assert len(hits) == 1, f"expected one quote starting {first_part!r}\n" + show(text, quotes)
    return hits[0]


def said_by(text: str, q: Quote, speaker: str | None, person: bool | None, quotes: list[Quote]) -> None:
    msg = show(text, quotes)
    assert (q.speaker, q.speaker_is_person) == (speaker, person), msg


# --------------------------------------------------------------------------- pronouns


def test_she_goes_to_the_only_woman_named(nlp):
    text = ("Jane Holloway, who runs the depot, met Peter Grant on Monday. Grant said the budget was "
            "tight.\n\n“Nobody asked them,” she added.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "Nobody asked them")
    said_by(text, q, "Jane Holloway", True, quotes)
    assert mention(text, q) == ["she"]
    said_by(text, by_content(text, quotes, "the budget was tight"), "Peter Grant", True, quotes)


def test_he_skips_a_woman_named_later(nlp):
    text = ("Tom Baker opened the meeting. Sarah Olsen, the treasurer, listened.\n\n"
            "“We cannot wait another year,” he said.")
    quotes = run(nlp, text)
    said_by(text, by_content(text, quotes, "We cannot wait another year"), "Tom Baker", True, quotes)


def test_they_goes_to_a_group_not_a_person(nlp):
    text = ("Mayor Tom Baker defended the plan on Monday.\n\nLocal residents packed the hall that evening. "
            "They said the council had ignored their letters.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the council had ignored their letters")
    said_by(text, q, "Local residents", False, quotes)


def test_it_goes_to_the_body_that_is_the_subject(nlp):
    text = ("The city of Phoenix sent a cease-and-desist letter on Thursday. It says the campaign used "
            "images of its officers without permission.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the campaign used images of its officers without permission")
    said_by(text, q, "city of Phoenix", False, quotes)


@pytest.mark.parametrize("furniture", [
    "Photograph: Lucy Park/Reuters",
    "By Lucy Park",
])
def test_a_credit_or_byline_is_never_the_antecedent(nlp, furniture):
    text = (f"Bridge plan approved\n\n{furniture}\n\nThe council approved the bridge plan on Tuesday.\n\n"
            "“It will be finished by spring,” she said.\n\nCouncillor Karen Mills voted against it.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "It will be finished by spring")
    assert q.speaker != "Lucy Park", show(text, quotes)
    said_by(text, q, None, None, quotes)


# --------------------------------------------------------------------------- names, titles, roles


def test_surname_two_paragraphs_later_is_the_full_name(nlp):
    text = ("Karen Mills, the council's finance chief, presented the budget on Tuesday.\n\n"
            "The plan cuts spending on roads by a fifth.\n\n"
            "Mills said the cuts were unavoidable.")
    quotes = run(nlp, text)
    said_by(text, by_content(text, quotes, "the cuts were unavoidable"), "Karen Mills", True, quotes)


def test_surname_with_a_title_is_the_full_name(nlp):
    text = ("Dr. Aisha Rahman runs the clinic in Leeds.\n\n"
            "“We see more patients every winter,” Dr. Rahman said.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "We see more patients every winter")
    said_by(text, q, "Aisha Rahman", True, quotes)
    assert mention(text, q) == ["Rahman"] or mention(text, q) == ["Dr. Rahman"]


def test_surname_after_an_honorific_earlier_is_a_person(nlp):
    text = ("Jane Holloway, the project manager, spoke to the board.\n\n"
            "Holloway insisted the project was “on time”.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the project was “on time”")
    said_by(text, q, "Jane Holloway", True, quotes)


def test_role_goes_to_the_person_who_holds_it(nlp):
    text = ("Health minister Sarah Olsen opened the clinic on Friday.\n\n"
            "“This is the first of twenty,” the minister said.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "This is the first of twenty")
    said_by(text, q, "Sarah Olsen", True, quotes)
    assert mention(text, q) == ["the minister"]


def test_according_to_an_apposition_names_the_person(nlp):
    text = "According to the city engineer, Maria Lopez, construction will begin in March."
    quotes = run(nlp, text)
    assert len(quotes) == 1, show(text, quotes)
    q = quotes[0]
    assert parts(text, q) == ["construction will begin in March"], show(text, quotes)
    said_by(text, q, "Maria Lopez", True, quotes)
    assert q.speaker_role == "city engineer"


# --------------------------------------------------------------------------- continuation, bodies


def test_continuation_paragraph_keeps_its_speaker(nlp):
    text = ("Karen Mills presented the budget on Tuesday.\n\n"
            "“We had no choice,” Mills said.\n\n"
            "“The roads will have to wait another year.”\n\n"
            "Peter Grant, who leads the opposition, called the plan reckless.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "We had no choice")
    assert parts(text, q) == ["We had no choice", "The roads will have to wait another year."], show(text, quotes)
    said_by(text, q, "Karen Mills", True, quotes)


def test_organisation_acronym_is_the_body_consistently(nlp):
    text = ("Immigration, Refugees and Citizenship Canada (IRCC) said on Monday that the backlog had "
            "fallen.\n\nIRCC said it would hire 1,200 more staff this year.")
    quotes = run(nlp, text)
    first = by_content(text, quotes, "the backlog had fallen")
    second = by_content(text, quotes, "it would hire 1,200 more staff this year")
    said_by(text, first, "Immigration, Refugees and Citizenship Canada", False, quotes)
    said_by(text, second, "Immigration, Refugees and Citizenship Canada", False, quotes)


@pytest.mark.parametrize("source, speaker", [
    ("Downing Street", "Downing Street"),
    ("The Kremlin", "Kremlin"),
    ("A statement from the ministry", "A statement from the ministry"),
])
def test_bodies_and_documents_are_not_people(nlp, source, speaker):
    text = f"{source} said the talks would resume next week."
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the talks would resume next week")
    said_by(text, q, speaker, False, quotes)


# --------------------------------------------------------------------------- spans (item 3)


@pytest.mark.parametrize("text, content, speaker", [
    ("Tom Clarke bought the mine in May. He has come up with a model, he said, for how the industry "
     "can keep producing coal.",
     ["He has come up with a model", "for how the industry can keep producing coal"], "Tom Clarke"),
    ("Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.",
     ["Lenox was a juggernaut", "until it went bankrupt in 1999"], "Clarke"),
])
def test_content_never_holds_its_own_speaker_and_cue(nlp, text, content, speaker):
    quotes = run(nlp, text)
    q = by_content(text, quotes, content[0])
    assert parts(text, q) == content, show(text, quotes)
    said_by(text, q, speaker, True, quotes)
    for s, _e in q.speaker_spans:
        assert not any(ps <= s < pe for ps, pe in q.spans), show(text, quotes)


def test_first_person_in_an_op_ed_is_its_author():
    from quotes.models import Article
    from quotes.processing.pipeline import extract_articles

    text = ("My father would have loved this campaign.\n\n"
            "I told him years ago that the country would not fall for it. "
            "“I don’t believe in the devil,” I said.")
    for byline, speaker in (("Charlotte Meehan", "Charlotte Meehan"), ("Breitbart News", None), (None, None)):
        [(_, quotes)] = list(extract_articles([Article(id="oped", text=text, byline=byline)]))
        q = by_content(text, quotes, "I don’t believe in the devil")
        said_by(text, q, speaker, True if speaker else None, quotes)
        assert mention(text, q) == ["I"]


@pytest.mark.slow
def test_the_op_ed_author_is_the_same_in_worker_processes():
    """Workers once got only the texts, so with `-p 2` an op-ed's `I` had no speaker."""
    from quotes.models import Article
    from quotes.processing.pipeline import extract_articles

    text = ("My father would have loved this campaign.\n\n"
            "Once, when my mother mentioned the devil, I laughed and said, “I don’t believe in the devil.”")
    articles = [Article(id=f"oped{i}", text=text, byline=b) for i, b in enumerate(["Charlotte Meehan", None] * 2)]
    for n_process in (1, 2):
        got = [[q.speaker for q in quotes if "believe" in q.text]
               for _, quotes in extract_articles(articles, n_process=n_process, batch_size=1)]
        assert got == [["Charlotte Meehan"], [None], ["Charlotte Meehan"], [None]], n_process


def test_according_to_a_name_whose_content_the_parse_hung_on_it(nlp):
    text = ("The debate moved to Hofstra University. According to conservative talk radio host Rush "
            "Limbaugh, the move reeks of “fear” and desperation.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the move reeks of “fear” and desperation")
    said_by(text, q, "Rush Limbaugh", True, quotes)
    assert q.kind == "mixed"


def test_a_title_line_opened_by_a_document(nlp):
    text = "Poll: Clinton and Trump in dead heat heading into first debate\n\nThe race is close."
    quotes = run(nlp, text)
    q = by_content(text, quotes, "Clinton and Trump in dead heat heading into first debate")
    said_by(text, q, "Poll", False, quotes)


@pytest.mark.parametrize("text, content, speaker", [
    ("KYIV — Ukraine will not give up any territory, President Volodymyr Zelensky says.",
     "Ukraine will not give up any territory", "Volodymyr Zelensky"),
    ("LONDON, Feb 11 — The UK defence secretary says cooperation is close to zero.",
     "cooperation is close to zero", "UK defence secretary"),
])
def test_a_dateline_before_a_dash_is_never_content_or_speaker(nlp, text, content, speaker):
    quotes = run(nlp, text)
    assert len(quotes) == 1, show(text, quotes)
    assert parts(text, quotes[0]) == [content], show(text, quotes)
    assert quotes[0].speaker == speaker, show(text, quotes)


def test_a_fragment_of_one_report_is_not_the_next_cue_s_quote(nlp):
    text = ("She says Trump represents the “same rigged system that he claims he’s going to change.” "
            "She adds, “What kind of genius loses a billion dollars in a single year?”")
    quotes = run(nlp, text)
    assert [parts(text, q) for q in quotes] == [
        ["Trump represents the “same rigged system that he claims he’s going to change.”"],
        ["What kind of genius loses a billion dollars in a single year?"],
    ], show(text, quotes)
    assert [q.kind for q in quotes] == ["mixed", "direct"]


@pytest.mark.parametrize("text, content", [
    ("A Democratic source said he could not answer the questions because Republicans had only asked "
     "for the information a few hours earlier.",
     "he could not answer the questions because Republicans had only asked for the information a few hours earlier"),
    ("He claimed that paying no income taxes was smart, although he again refused to pledge to release his returns.",
     "paying no income taxes was smart"),
    ("Both candidates face questions about their health (her campaign later disclosed that she has pneumonia).",
     "she has pneumonia"),
])
def test_where_reported_content_ends(nlp, text, content):
    quotes = run(nlp, text)
    assert [parts(text, q) for q in quotes][:1] == [[content]], show(text, quotes)


@pytest.mark.parametrize("text, content, speaker", [
    ("Senate Minority Leader Harry Reid has been steadily pounding Trump as a “con artist” this year.",
     "Trump as a “con artist” this year", "Harry Reid"),
    ("In recent weeks, Reid has gone after Trump as a “spoiled brat.”",
     "after Trump as a “spoiled brat.”", "Reid"),
])
def test_any_verb_casting_its_object_as_a_quoted_fragment(nlp, text, content, speaker):
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    assert q.kind == "mixed" and q.speaker == speaker, show(text, quotes)


def test_a_bare_gerund_casting_an_object_has_no_speaker_to_give(nlp):
    text = "The choice was between going after Trump as “uniquely unfit” or poking holes in his image."
    assert [q.speaker for q in run(nlp, text)] == []


def test_a_parenthetical_cue_inside_a_subject_reports_the_whole_clause(nlp):
    text = "The difference now, he told me on Friday, is that he is the anchor of a news program."
    quotes = run(nlp, text)
    assert [parts(text, q) for q in quotes] == [
        ["The difference now", "is that he is the anchor of a news program"]], show(text, quotes)


def test_a_request_may_hold_cue_verbs_of_its_own(nlp):
    text = "Palmieri called on Trump to stop attacking Machado and apologize."
    quotes = run(nlp, text)
    # (`on` is the cue's own preposition, rules/words.toml cue_particles: not what was asked)
    assert [(parts(text, q), q.speaker) for q in quotes] == [
        (["Trump to stop attacking Machado and apologize"], "Palmieri")], show(text, quotes)


@pytest.mark.parametrize("text, content", [
    ("Mr. Obama told his advisers to figure out how to cut emissions without Congress.",
     ["his advisers to figure out how to cut emissions without Congress"]),
    ("The companies hid their havens, in many cases reporting different numbers to agencies to obfuscate them.", []),
])
def test_a_request_to_a_hearer_is_reported_a_purpose_is_not(nlp, text, content):
    quotes = run(nlp, text)
    assert [parts(text, q) for q in quotes] == ([content] if content else []), show(text, quotes)


def test_what_a_proposal_proposes_is_its_content(nlp):
    text = "He proposes doing away with the mandate requiring all individuals to purchase insurance."
    quotes = run(nlp, text)
    assert [parts(text, q) for q in quotes] == [
        ["doing away with the mandate requiring all individuals to purchase insurance"]], show(text, quotes)


def test_a_quoted_fragment_inside_the_subject_is_never_the_speaker(nlp):
    text = "Tom Baker, who lost 16 lbs “and two belt loops”, says the diet worked for him."
    quotes = run(nlp, text)
    q = by_content(text, quotes, "the diet worked for him")
    said_by(text, q, "Tom Baker", True, quotes)


# --------------------------------------------------------------------------- descriptions and relatives


def test_an_indefinite_description_is_someone_new_not_the_role_named_before(nlp):
    # `an architect` introduces someone; it is not David Plouffe, whom the article called an architect
    text = ("David Plouffe, the campaign architect, said the race was close.\n\n"
            "Trump refused to pay an architect who said he was stiffed after he designed a clubhouse.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "he was stiffed after he designed a clubhouse")
    said_by(text, q, "an architect", False, quotes)
    assert mention(text, q) == ["who"]
    said_by(text, by_content(text, quotes, "the race was close"), "David Plouffe", True, quotes)


def test_an_indefinite_apposition_is_the_person_it_describes(nlp):
    text = ("Republicans watched Donald Trump clash with Megyn Kelly, a star anchor at Fox News who "
            "questioned his respect for women in a debate.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "his respect for women in a debate")
    said_by(text, q, "Megyn Kelly", True, quotes)
    assert mention(text, q) == ["who"]


@pytest.mark.parametrize("text, content, speaker, co", [
    ("Donald Trump and Hillary Clinton vied for the title on Wednesday, each touting their own "
     "experience and saying the other lacks the judgment to lead.",
     "the other lacks the judgment to lead", "Donald Trump", ["Hillary Clinton"]),
    ("Tom Smith and Ann Jones met on Monday. Both said the talks went well.",
     "the talks went well", "Tom Smith", ["Ann Jones"]),
])
def test_each_or_both_stands_for_the_conjoined_subject(nlp, text, content, speaker, co):
    """Joint speakers (rule `joint_speakers`): the first named, the other a co-speaker."""
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    said_by(text, q, speaker, True, quotes)
    assert q.co_speakers == co
    assert mention(text, q) in (["each"], ["Both"])


@pytest.mark.parametrize("text, content, speaker, said", [
    ("This has not gone over well with family members of 9/11 victims, many of whom say the "
     "claims are unfounded.", "the claims are unfounded", "family members of 9/11 victims", "many of whom"),
    ("The bill has critics in the Senate, some of whom said it would fail.",
     "it would fail", "critics in the Senate", "some of whom"),
])
def test_a_quantity_of_whom_stands_for_the_phrase_before_it(nlp, text, content, speaker, said):
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    said_by(text, q, speaker, False, quotes)
    assert mention(text, q) == [said]


def test_who_after_a_list_of_names_is_the_last_name(nlp):
    text = ("The crowd included celebrities like Oprah Winfrey, Will Smith, Patti LaBelle and Stevie "
            "Wonder, who joked of the museum, “I haven't seen it yet, but I'm going to.”")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "I haven't seen it yet, but I'm going to.")
    said_by(text, q, "Stevie Wonder", True, quotes)
    assert mention(text, q) == ["who"]


@pytest.mark.parametrize("text, content, speaker, person", [
    # `who` hung on the place: the people on it
    ("The change is likely to placate nervous Democrats on Capitol Hill, who have argued that it "
     "helps down-ballot.", "it helps down-ballot", "Democrats", False),
    # `who` hung on the body: its president, Matt Duss
    ("Sanders has invited Matt Duss, the president of the Foundation for Middle East Peace, who "
     "frequently criticizes the Israeli government, to testify.", "the Israeli government", "Matt Duss", True),
])
def test_who_stands_for_people_not_the_thing_they_belong_to(nlp, text, content, speaker, person):
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    said_by(text, q, speaker, person, quotes)
    assert mention(text, q) == ["who"]


def test_a_sentence_opened_by_an_honorific_and_name_makes_her_salient(nlp):
    # the running speaker (Stevie Wonder, gender unknown) must not take `she` from Ms. LaBelle
    text = ("The crowd included celebrities like Oprah Winfrey, Will Smith, Patti LaBelle and Stevie "
            "Wonder, who joked of the museum, “I haven't seen it yet, but I'm going to.”\n\nMs. LaBelle got a huge roar from the crowd when, at the "
            "end of her rendition of the anthem “A Change Is Gonna Come,” she added the words, "
            "“Hillary Clinton.”")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "Hillary Clinton.")
    said_by(text, q, "Patti LaBelle", True, quotes)
    assert mention(text, q) == ["she"]


def test_according_to_a_phrase_the_parse_read_as_a_clause(nlp):
    # `to show insiders` parses as an infinitive with an object: the phrase is still the source,
    # and `They` in the next sentence goes back to it
    text = ("As a TV boss, Donald Trump repeatedly demeaned women, according to show insiders. "
            "They said he rated female contestants.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "As a TV boss, Donald Trump repeatedly demeaned women")
    said_by(text, q, "show insiders", False, quotes)
    assert mention(text, q) == ["show insiders"]
    q = by_content(text, quotes, "he rated female contestants")
    said_by(text, q, "show insiders", False, quotes)
    assert mention(text, q) == ["They"]


def test_a_series_of_documents_speaks_for_its_issuer(nlp):
    text = ("Jennifer Palmieri spoke to reporters Friday after Donald Trump unleashed a series of tweets "
            "criticizing Alicia Machado, the former beauty pageant winner.")
    quotes = run(nlp, text)
    q = by_content(text, quotes, "Alicia Machado, the former beauty pageant winner")
    said_by(text, q, "Donald Trump", True, quotes)
    assert mention(text, q) == ["Donald Trump"]


@pytest.mark.parametrize("text, content", [
    ("Mayor Jane Holloway said the budget was tight, adding that the council would vote on Monday.",
     "the council would vote on Monday"),
    ("Mayor Jane Holloway said the plan was fine, going on to say that the city would pay for it.",
     "the city would pay for it"),
])
def test_a_participle_after_reported_words_belongs_to_the_reporter(nlp, text, content):
    # the parse hangs `, adding that …` on the reported clause, whose subject is not the speaker
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    said_by(text, q, "Jane Holloway", True, quotes)
    assert mention(text, q) == ["Jane Holloway"]


# ------------------------------------------------ honorific_gender (rules/patterns.toml)


HONORIFICS = [
    # wire copy: `Mrs.` says which of two people with the surname
    ("Senator Paul Grant and his wife, Laura Grant, toured the plant on Friday.\n\n"
     "Mrs. Grant said the workers deserved better pay.", "the workers deserved better pay", "Laura Grant"),
    # regional paper: `Mr.` the other way round, the woman named more often
    ("Judge Helen Baker and her brother, Tom Baker, opened the library. Helen Baker cut the ribbon, and "
     "Helen Baker read to the children.\n\nMr. Baker said the town had waited ten years.",
     "the town had waited ten years", "Tom Baker"),
    # op-ed: `Mr.` fits no one the article names in full, so the surname stays as written
    ("Michelle Obama spoke at the school in the morning.\n\nLater, Mr. Obama said the bill was overdue.",
     "the bill was overdue", "Obama"),
]


@pytest.mark.parametrize("text, content, speaker", HONORIFICS)
def test_an_honorific_picks_the_person_of_its_gender(nlp, text, content, speaker):
    quotes = run(nlp, text)
    said_by(text, by_content(text, quotes, content), speaker, True, quotes)


@pytest.mark.parametrize("text, content, speaker", [
    # `Mrs. Grant` is Laura Grant, so `she` after it is too: the husband named last is no `she`
    # for sharing the surname (his given name says male)
    ("Roads bill moves ahead\n\nSenator Laura Grant toured the plant on Monday. Her husband, former "
     "Governor Paul Grant, stayed in the capital.\n\nMrs. Grant has backed the plan for months. She said "
     "the roads would be finished by 2020.", "the roads would be finished by 2020", "Laura Grant"),
    # `Mr. Xi` gives Xi Jinping (surname first) his gender, so `she` is the prime minister
    ("Trade talks\n\nPresident Xi Jinping of China met Prime Minister Laura Grant in Beijing.\n\n"
     "Mr. Xi praised the deal. She said the talks had gone well.", "the talks had gone well", "Laura Grant"),
])
def test_a_gender_from_an_honorific_is_the_person_it_names(nlp, text, content, speaker):
    quotes = run(nlp, text)
    q = by_content(text, quotes, content)
    said_by(text, q, speaker, True, quotes)
    assert mention(text, q) == ["She"]


@pytest.mark.parametrize("text, content, speaker", [
    # court report: a surname alone after the full name with `Jr.`
    ("Chief Justice John G. Roberts Jr. opened the museum on Saturday.\n\n"
     "Roberts said the building would teach children about the law.",
     "the building would teach children about the law", "John G. Roberts Jr."),
    # wire copy: an honorific and the surname, the full name with `Jr.`
    ("Vice President Joseph R. Biden Jr. spoke at the county fair.\n\n"
     "Mr. Biden said the farms needed better roads.", "the farms needed better roads", "Joseph R. Biden Jr."),
])
def test_a_surname_is_the_full_name_with_a_suffix(nlp, text, content, speaker):
    quotes = run(nlp, text)
    said_by(text, by_content(text, quotes, content), speaker, True, quotes)
