"""One small hand-written case per construction the attributor must handle (issues 2 and 3).

Each case asserts the exact content of the quote (through its spans: `text[s:e]`), its kind and
its resolved speaker; every output is also checked for valid offsets. The expectations are what
is right for the construction, not whatever the attributor happens to return.

The pipeline is the session-wide `nlp` fixture (tests/conftest.py).
"""
from __future__ import annotations


import pytest

from quotes.models import Quote

OPEN_MARKS = "“‘\"«„'”"  # ” too: an opening mark typed the wrong way round (`”We will …”`)
CLOSE_MARKS = "”’\"»'"


# --------------------------------------------------------------------------- helpers


def show(text: str, quotes: list[Quote]) -> str:
    """The output in a readable form, for assertion messages."""
    lines = []
    for q in quotes:
        lines.append(
            f"  {q.kind} {[text[s:e] for s, e in q.spans]} speaker={q.speaker!r} "
            f"mention={[text[s:e] for s, e in q.speaker_spans]} role={q.speaker_role!r} "
            f"person={q.speaker_is_person} cue={q.cue!r} rule={q.rule} "
            f"quoted={[text[s:e] for s, e in q.quoted_spans]}"
        )
    return f"input: {text!r}\noutput:\n" + ("\n".join(lines) or "  (no quotes)")


def check_offsets(text: str, quotes: list[Quote]) -> None:
    """Every offset indexes the text, and the fields agree with each other."""
    n = len(text)
    for q in quotes:
        assert q.spans, show(text, quotes)
        prev_end = -1
        for s, e in q.spans:
            assert 0 <= s < e <= n, (s, e)
            assert s >= prev_end, f"spans out of order or overlapping: {q.spans}"
            prev_end = e
            part = text[s:e]
            assert part == part.strip(), f"span {part!r} has outer white space"
        assert q.text == " … ".join(text[s:e] for s, e in q.spans)
        assert q.start == q.spans[0][0] and q.end == q.spans[-1][1]
        assert q.kind in ("direct", "mixed", "indirect", "belief")
        for s, e in q.quoted_spans:
            assert 0 <= s < e <= n
            assert any(ps <= s and e <= pe for ps, pe in q.spans), f"quoted span {(s, e)} outside {q.spans}"
            if q.rule == "transcript_label":
                continue          # verbatim without marks: `PENCE: Well, look, …`
            # a quoted part starts right after an opening mark, never after an apostrophe
            assert text[s - 1] in OPEN_MARKS, f"quoted span {text[s:e]!r} does not follow an opening mark"
            if s >= 2:
                assert not text[s - 2].isalnum(), f"quoted span {text[s:e]!r} opens on an apostrophe"
        if q.kind == "direct":
            assert q.quoted_spans == q.spans, show(text, quotes)
        elif q.kind == "mixed":
            assert q.quoted_spans, show(text, quotes)
        elif q.kind == "indirect":
            assert not q.quoted_spans, show(text, quotes)
        for s, e in [*q.speaker_spans, *q.cue_spans]:
            assert 0 <= s < e <= n
            assert text[s:e] == text[s:e].strip()
        if q.cue is not None and q.cue_spans and q.cue != ":":
            assert " ".join(text[s:e] for s, e in q.cue_spans).lower() == q.cue.lower()
        if q.context_span is not None:
            cs, ce = q.context_span
            assert 0 <= cs <= q.start and q.end <= ce <= n, (q.context_span, q.spans)
        if q.speaker is None:
            assert q.speaker_is_person is None
        assert 0.0 <= q.confidence <= 1.0
        assert q.rule


def run(nlp, text: str) -> list[Quote]:
    quotes = list(nlp(text)._.quotes)
    check_offsets(text, quotes)
    return quotes


def parts(text: str, q: Quote) -> list[str]:
    return [text[s:e] for s, e in q.spans]


def quoted(text: str, q: Quote) -> list[str]:
    return [text[s:e] for s, e in q.quoted_spans]


def mention(text: str, q: Quote) -> list[str]:
    return [text[s:e] for s, e in q.speaker_spans]


def only(text: str, quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, "expected exactly one quote\n" + show(text, quotes)
    return quotes[0]


def find(text: str, quotes: list[Quote], first_part: str) -> Quote:
    """The quote whose first span is `first_part`."""
    hits = [q for q in quotes if parts(text, q)[0] == first_part]
    assert len(hits) == 1, f"expected one quote starting {first_part!r}\n" + show(text, quotes)
    return hits[0]


def expect(text: str, q: Quote, content: list[str], kind: str, speaker: str | None, quotes: list[Quote]) -> None:
    msg = show(text, quotes)
    assert parts(text, q) == content, msg
    assert q.kind == kind, msg
    assert q.speaker == speaker, msg


# --------------------------------------------------------------------------- direct quotes: marks


def test_straight_double_quotes(nlp):
    text = '"We will win," Ben Wallace said.'
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We will win"], "direct", "Ben Wallace", quotes)
    assert q.speaker_is_person is True
    assert mention(text, q) == ["Ben Wallace"]


def test_curly_double_quotes(nlp):
    text = "“We will win,” Ben Wallace said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We will win"], "direct", "Ben Wallace", quotes)
    assert q.cue == "said"


def test_curly_single_quotes_as_quote_marks(nlp):
    text = "‘We will not back down,’ Ben Wallace said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We will not back down"], "direct", "Ben Wallace", quotes)


def test_curly_single_quoted_fragment_headline_style(nlp):
    text = "Ben Wallace said cooperation was ‘close to zero’."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["cooperation was ‘close to zero’"], "mixed", "Ben Wallace", quotes)
    assert quoted(text, q) == ["close to zero"]


def test_apostrophes_inside_single_quotes_are_not_marks(nlp):
    text = "‘Russia’s army isn’t ready,’ Ben Wallace said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["Russia’s army isn’t ready"], "direct", "Ben Wallace", quotes)


def test_apostrophes_never_taken_for_quote_marks(nlp):
    text = (
        "“Russia’s troops aren’t leaving, and the voters’ choice is clear,” Ben Wallace said. "
        "Russia’s army and the voters’ choice aren’t news."
    )
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["Russia’s troops aren’t leaving, and the voters’ choice is clear"], "direct", "Ben Wallace", quotes)


def test_quote_over_several_paragraphs_is_one_quote(nlp):
    text = (
        "Ben Wallace said: “We will keep talking to Moscow.\n\n"
        "“We will also keep supporting Ukraine, and we will not be intimidated.”"
    )
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(
        text, q,
        ["We will keep talking to Moscow.", "We will also keep supporting Ukraine, and we will not be intimidated."],
        "direct", "Ben Wallace", quotes,
    )


def test_quote_interrupted_by_its_attribution(nlp):
    text = "Ben Wallace spoke to reporters in Moscow. “We can try,” he said, “and move on.”"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We can try", "and move on."], "direct", "Ben Wallace", quotes)
    assert mention(text, q) == ["he"]


def test_quote_goes_on_after_the_attribution_sentence(nlp):
    text = "Ben Wallace met Sergei Shoigu. “Shoigu is a professional,” Wallace said. “We take it seriously.”"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["Shoigu is a professional", "We take it seriously."], "direct", "Ben Wallace", quotes)
    assert mention(text, q) == ["Wallace"]


def test_stray_and_unbalanced_marks_do_not_abort_the_article(nlp):
    text = (
        'The 12" gun was fired and a stray ” mark and a ‘ appeared. He said “this never closes.\n\n'
        "Ben Wallace said: “We will win.”"
    )
    quotes = run(nlp, text)
    q = find(text, quotes, "We will win.")
    expect(text, q, ["We will win."], "direct", "Ben Wallace", quotes)
    # the unclosed quotation stays in its own paragraph
    assert all(e <= text.index("\n") or s > text.index("\n") for q in quotes for s, e in q.spans)


def test_title_of_a_work_is_not_reported(nlp):
    text = "Ben Wallace read “War and Peace” on the plane."
    quotes = run(nlp, text)
    assert quotes == [], show(text, quotes)


def test_scare_quote_is_not_reported(nlp):
    text = "The so-called “peacekeepers” arrived in the region."
    quotes = run(nlp, text)
    assert quotes == [], show(text, quotes)


# --------------------------------------------------------------------------- attribution


def test_cue_after_quote_inverted(nlp):
    text = "“We will win,” said Ben Wallace."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We will win"], "direct", "Ben Wallace", quotes)


def test_cue_before_quote_with_colon(nlp):
    text = "Ben Wallace said: “We will win.”"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We will win."], "direct", "Ben Wallace", quotes)


def test_inverted_cue_with_description_speaker(nlp):
    text = "“We will win,” said the minister."
    quotes = run(nlp, text)
    q = only(text, quotes)
    assert parts(text, q) == ["We will win"] and q.kind == "direct", show(text, quotes)
    assert mention(text, q) == ["the minister"], show(text, quotes)
    # kept as the description (an article in front is allowed either way)
    assert q.speaker in ("the minister", "minister"), show(text, quotes)
    assert q.speaker_is_person is False, show(text, quotes)


def test_according_to_with_direct_quote(nlp):
    text = "According to Ben Wallace, “the talks were useful and frank.”"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks were useful and frank."], "direct", "Ben Wallace", quotes)
    assert q.cue.lower() == "according to"


def test_colon_introduction(nlp):
    text = "Dmitry Kozak was blunt: “A negative result is still a result.”"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["A negative result is still a result."], "direct", "Dmitry Kozak", quotes)
    assert mention(text, q) == ["Dmitry Kozak"]


def test_continuation_in_the_same_paragraph(nlp):
    # a narrative sentence stands between the quotes; the second, with no cue of its own, goes on
    # the first quote as a further span (as PolNeAR's annotators take it)
    text = "Ben Wallace said: “We will keep talking.” He then left for London. “Nobody wants a war.”"
    quotes = run(nlp, text)
    assert len(quotes) == 1, show(text, quotes)
    expect(text, quotes[0], ["We will keep talking.", "Nobody wants a war."], "direct", "Ben Wallace", quotes)


def test_continuation_in_a_paragraph_of_only_quotation(nlp):
    text = "“We will keep talking to Moscow,” Ben Wallace said.\n\n“Nobody in Europe wants a war.”"
    quotes = run(nlp, text)
    assert len(quotes) == 1, show(text, quotes)
    expect(text, quotes[0], ["We will keep talking to Moscow", "Nobody in Europe wants a war."], "direct", "Ben Wallace", quotes)


def test_continuation_of_an_indirect_quote_makes_it_mixed(nlp):
    text = "Ben Wallace said the talks had been frank. “Nobody in Europe wants a war.”"
    q = single(nlp, text)
    assert parts(text, q) == ["the talks had been frank", "Nobody in Europe wants a war."]
    assert q.kind == "mixed" and quoted(text, q) == ["Nobody in Europe wants a war."]


def test_quotation_after_a_quote_by_someone_else_is_not_continued_across_a_cue(nlp):
    text = "“We will keep talking,” Ben Wallace said. Sergei Shoigu said the talks had failed. “It is over.”"
    quotes = run(nlp, text)
    assert [(q.speaker, q.kind) for q in quotes] == [("Ben Wallace", "direct"), ("Sergei Shoigu", "mixed")], show(text, quotes)


def test_pronoun_resolves_to_running_speaker_not_nearer_name(nlp):
    text = (
        "Ben Wallace met Sergei Shoigu in Moscow on Friday. Wallace sought to emphasise the professional "
        "nature of Friday’s meeting with Shoigu, where he warned Russia about the consequences of an "
        "invasion and said he had received assurances that it was not planning one."
    )
    quotes = run(nlp, text)
    q = find(text, quotes, "he had received assurances that it was not planning one")
    expect(text, q, ["he had received assurances that it was not planning one"], "indirect", "Ben Wallace", quotes)
    assert mention(text, q) == ["he"]


def test_pronoun_speaker_of_direct_quote(nlp):
    text = "Ben Wallace met Sergei Shoigu in Moscow. “We can try and move on,” he said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We can try and move on"], "direct", "Ben Wallace", quotes)
    assert mention(text, q) == ["he"]


def test_surname_resolves_to_full_name(nlp):
    text = "Sergei Shoigu met Ben Wallace in Moscow.\n\n“I would like to see the reason,” Shoigu said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["I would like to see the reason"], "direct", "Sergei Shoigu", quotes)
    assert mention(text, q) == ["Shoigu"]
    assert q.speaker_is_person is True


def test_apposition_gives_name_and_role(nlp):
    text = "Russia’s representative at the talks, Dmitry Kozak, said the talks had failed."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks had failed"], "indirect", "Dmitry Kozak", quotes)
    assert q.speaker_role == "Russia’s representative at the talks"
    assert q.speaker_is_person is True


def test_description_speaker_of_direct_quote(nlp):
    text = "“We are ready,” a source said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["We are ready"], "direct", "a source", quotes)
    assert q.speaker_is_person is False


# --------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize("text", [
    "Ben Wallace said that the talks were useful.",
    "Ben Wallace said the talks were useful.",
    "Ben Wallace says the talks were useful.",
])
def test_said_that_clause(nlp, text):
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks were useful"], "indirect", "Ben Wallace", quotes)


@pytest.mark.parametrize("text", [
    "Ben Wallace told reporters that the talks were useful.",
    "Ben Wallace told reporters the talks were useful.",
])
def test_told_someone_clause(nlp, text):
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks were useful"], "indirect", "Ben Wallace", quotes)
    assert q.cue == "told"


@pytest.mark.parametrize("verb", ["warned", "insisted", "denied", "claimed", "argued", "added", "announced", "confirmed"])
def test_other_cue_verbs_that_clause(nlp, verb):
    text = f"Ben Wallace {verb} that the talks had been useful."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks had been useful"], "indirect", "Ben Wallace", quotes)
    assert q.cue == verb


def test_participle_cue(nlp):
    text = "Ben Wallace defended the deliveries of arms to Ukraine, saying they were useful only for defensive purposes."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["they were useful only for defensive purposes"], "indirect", "Ben Wallace", quotes)
    assert q.cue == "saying"


def test_cue_after_content_plural_description(nlp):
    text = "Any belief in the Kremlin that an intervention would be welcome was mistaken, British ministers said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(
        text, q, ["Any belief in the Kremlin that an intervention would be welcome was mistaken"],
        "indirect", "British ministers", quotes,
    )
    assert q.speaker_is_person is False


def test_cue_after_content_spokesperson(nlp):
    text = "The talks were useful, a spokesperson said."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["The talks were useful"], "indirect", "a spokesperson", quotes)
    assert q.speaker_is_person is False


def test_according_to_before(nlp):
    text = "According to Ben Wallace, the talks were useful."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks were useful"], "indirect", "Ben Wallace", quotes)


def test_according_to_after(nlp):
    text = "The talks were useful, according to Ben Wallace."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["The talks were useful"], "indirect", "Ben Wallace", quotes)


def test_relative_clause_cue(nlp):
    text = (
        "Liz Truss met her Russian counterpart, Sergei Lavrov, who complained that the talks "
        "resembled a discussion of the deaf."
    )
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["the talks resembled a discussion of the deaf"], "indirect", "Sergei Lavrov", quotes)
    assert mention(text, q) == ["who"]


def test_nominal_cue_with_owner(nlp):
    text = (
        "Ben Wallace flew to Moscow on Friday. "
        "Moscow ignored his warning that an invasion would have tragic consequences."
    )
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["an invasion would have tragic consequences"], "indirect", "Ben Wallace", quotes)
    assert mention(text, q) == ["his"]
    assert q.speaker_is_person is True


def test_headline_says(nlp):
    text = "Defence secretary says Moscow has given assurances it is not planning invasion"
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["Moscow has given assurances it is not planning invasion"], "indirect", "Defence secretary", quotes)


def test_headline_content_then_says(nlp):
    text = "West to send ‘more lethal aid’ to Ukraine, UK defence secretary says"
    quotes = run(nlp, text)
    q = only(text, quotes)
    # reported content holding a quoted fragment: mixed
    expect(text, q, ["West to send ‘more lethal aid’ to Ukraine"], "mixed", "UK defence secretary", quotes)
    assert quoted(text, q) == ["more lethal aid"]


# --------------------------------------------------------------------------- mixed


def test_mixed_said_with_quoted_fragment(nlp):
    text = "Ben Wallace said they were “above zero”."
    quotes = run(nlp, text)
    q = only(text, quotes)
    # the span is the whole reported content, closing mark included
    expect(text, q, ["they were “above zero”"], "mixed", "Ben Wallace", quotes)
    assert quoted(text, q) == ["above zero"]


def test_mixed_described_as(nlp):
    text = "Sergei Shoigu described levels of cooperation as “close to zero”."
    quotes = run(nlp, text)
    q = only(text, quotes)
    expect(text, q, ["levels of cooperation as “close to zero”"], "mixed", "Sergei Shoigu", quotes)
    assert quoted(text, q) == ["close to zero"]


# --------------------------------------------------------------------------- belief verbs


@pytest.mark.parametrize("verb", ["believes", "thinks", "knows"])
def test_belief_verbs_not_reported_by_default(nlp, verb):
    text = f"Ben Wallace {verb} the talks were useful."
    quotes = run(nlp, text)
    assert quotes == [], show(text, quotes)


# --------------------------------------------------------------------------- further rules


def single(nlp, text: str) -> Quote:
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    assert len(quotes) == 1, show(text, quotes)
    return quotes[0]


def test_headline_source_colon(nlp):
    text = "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance to Win Presidency.\n\nThe senator spoke on Thursday."
    q = single(nlp, text)
    assert [text[s:e] for s, e in q.spans] == ["Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance to Win Presidency"]
    assert q.kind == "mixed" and q.speaker == "Graham" and q.rule == "headline_colon"


def test_headline_without_a_source_is_not_a_quote(nlp):
    text = "Stealth Over Health: Clinton Was Headed to the Hospital.\n\nThe story ran on Monday."
    assert nlp(text)._.quotes == []


def test_object_of_a_cue_is_the_content(nlp):
    text = "Bernie Sanders called him a political opportunist on Tuesday."
    q = single(nlp, text)
    assert q.kind == "indirect" and q.speaker == "Bernie Sanders" and q.rule == "object_content"
    assert text[q.spans[0][0]:q.spans[-1][1]].startswith("him a political opportunist")


def test_typewriter_double_quotes(nlp):
    text = "''That makes me smart,'' Mr. Trump said."
    q = single(nlp, text)
    assert q.kind == "direct" and q.text == "That makes me smart" and q.speaker == "Trump"


def test_dateline_is_not_the_speaker(nlp):
    text = ("CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates that "
            "the use of a private email server should disqualify her.")
    q = single(nlp, text)
    assert q.speaker == "Michael Mukasey" and q.kind == "indirect"
    assert q.text == "the use of a private email server should disqualify her"


def test_party_affiliation_in_brackets_is_not_the_speaker(nlp):
    text = "Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”"
    q = single(nlp, text)
    assert q.speaker == "John Kasich" and q.text == "I’m getting ready to rent a covered wagon."


def test_asked_participle_does_not_make_the_answerer_the_asker(nlp):
    text = "Asked whether he would run again, Ben Wallace said he had not decided."
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    assert [(q.text, q.speaker) for q in quotes] == [("he had not decided", "Ben Wallace")], show(text, quotes)


def test_participle_after_preposition_takes_the_main_subject(nlp):
    text = "Ben Wallace began by saying that the talks had been frank."
    q = single(nlp, text)
    assert q.speaker == "Ben Wallace" and q.text == "the talks had been frank"


def test_quotation_signed_after_a_dash(nlp):
    text = "Readers wrote in.\n\n“He represents our greatest shame.” ― Sonya Herridge\n“Trump is ignorant of our culture.”― Pamela Padilla\n"
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    assert [(q.text, q.speaker, q.rule) for q in quotes] == [
        ("He represents our greatest shame.", "Sonya Herridge", "dash_source"),
        ("Trump is ignorant of our culture.", "Pamela Padilla", "dash_source"),
    ], show(text, quotes)


def test_closing_mark_typed_as_opening_mark(nlp):
    text = "”We will win this,” Ben Wallace said."
    q = single(nlp, text)
    assert q.text == "We will win this" and q.speaker == "Ben Wallace"


def test_stray_straight_mark_before_curly_quotes_is_ignored(nlp):
    text = ("\"Trump walked onto the stage, chanting “U-S-A! U-S-A!”\n\n"
            "“That’s right, Donald — USA, baby,” Melanie said to the TV.")
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    got = [(q.text, q.speaker, q.cue) for q in quotes]
    assert got == [("U-S-A! U-S-A!", "Trump", "chanting"),
                   ("That’s right, Donald — USA, baby", "Melanie", "said")], show(text, quotes)


@pytest.mark.parametrize("text, expected", [
    ("“It's unusual,“ said Larry Noble. “It's a hard thing to do.”", ["It's unusual", "It's a hard thing to do."]),
    ("“Our roads are crumbling,\" Hillary Clinton said. \"Families endure blackouts.”", ["Our roads are crumbling", "Families endure blackouts."]),
    ("\"But Pete Wilson won,” David Axelrod said.", ["But Pete Wilson won"]),
])
def test_quote_pairs_typed_in_two_styles(nlp, text, expected):
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    assert [text[s:e] for q in quotes for s, e in q.spans] == expected, show(text, quotes)
    assert all(q.speaker for q in quotes), show(text, quotes)


@pytest.mark.parametrize("text, speaker", [
    ("“Having access to the RNC file is valuable,” said Skelly, explaining his work.", "Skelly"),
    ("“It’s Bernie’s to lose at this point,” added another New Hampshire Democrat.", "another New Hampshire Democrat"),
])
def test_inverted_speaker_the_parse_missed(nlp, text, speaker):
    quotes = nlp(text)._.quotes
    check_offsets(text, quotes)
    assert quotes and quotes[0].kind == "direct" and quotes[0].speaker == speaker, show(text, quotes)


# --------------------------------------------------------------------------- attribution inside the content


def test_parenthetical_cue_content_on_both_sides(nlp):
    text = "Trump, Sexton said, has created a “strange, reality-bending political correctness-free zone.”"
    q = single(nlp, text)
    assert parts(text, q) == ["Trump", "has created a “strange, reality-bending political correctness-free zone.”"]
    assert q.kind == "mixed" and q.speaker == "Sexton" and q.rule == "parenthetical"
    assert quoted(text, q) == ["strange, reality-bending political correctness-free zone."]


def test_parenthetical_cue_keeps_a_leading_clause_as_content(nlp):
    text = "Putting the show together, Butz said, allowed him to try new material."
    q = single(nlp, text)
    assert parts(text, q) == ["Putting the show together", "allowed him to try new material"]
    assert q.kind == "indirect" and q.speaker == "Butz"


def test_interrupted_quote_is_one_quote(nlp):
    text = "“We are,” Ben Wallace said, “going to win this.”"
    q = single(nlp, text)
    assert parts(text, q) == ["We are", "going to win this."] and q.kind == "direct" and q.speaker == "Ben Wallace"


def test_quote_goes_on_after_a_long_attribution_sentence(nlp):
    text = ("''Interest in the project is growing,'' said Steven Ekovich, a broker based in Tampa who "
            "represents sellers. ''Nobody expected that.''")
    q = single(nlp, text)
    assert parts(text, q) == ["Interest in the project is growing", "Nobody expected that."]
    assert q.speaker == "Steven Ekovich"


# --------------------------------------------------------------------------- which quotation a cue takes


def test_cue_with_its_own_clause_leaves_the_quotation_before(nlp):
    text = ("Bernie Sanders said on Twitter that the comment “was inappropriate and insensitive.” "
            "He writes that “there’s no room for language like that in our political discourse.”")
    quotes = run(nlp, text)
    assert [(parts(text, q), q.kind, q.cue) for q in quotes] == [
        (["the comment “was inappropriate and insensitive.”"], "mixed", "said"),
        (["there’s no room for language like that in our political discourse."], "direct", "writes"),
    ], show(text, quotes)
    assert all(q.speaker == "Bernie Sanders" for q in quotes), show(text, quotes)


def test_cue_with_a_quoted_object_leaves_the_quotation_before(nlp):
    text = 'Donald Trump said Hillary Clinton "caused death." Bernie Sanders called Trump a "pathological liar."'
    quotes = run(nlp, text)
    assert [(parts(text, q), q.speaker) for q in quotes] == [
        (['Hillary Clinton "caused death."'], "Donald Trump"),
        (['Trump a "pathological liar."'], "Bernie Sanders"),
    ], show(text, quotes)


def test_quotation_taken_by_one_cue_is_not_the_next_cues(nlp):
    text = "Clinton replied to Mills, “Why now? That was on my way to Libya?” Mills then writes back, “You look cute.”"
    quotes = run(nlp, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Why now? That was on my way to Libya?", "Clinton"), ("You look cute.", "Mills")], show(text, quotes)


def test_word_of_the_quotation_parsed_as_subject(nlp):
    text = "“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a Florida activist."
    q = single(nlp, text)
    assert q.text == "Hillary Clinton’s campaign is in panic mode. Full panic mode" and q.speaker == "Leslie Wimes"


def test_title_before_the_name_is_part_of_the_attribution(nlp):
    text = 'Volunteers gathered.\n\n"Are we where we need to be? Probably not," Ms. Moore said.'
    q = single(nlp, text)
    assert q.text == "Are we where we need to be? Probably not" and q.speaker == "Moore" and q.kind == "direct"


# --------------------------------------------------------------------------- sources the parse leaves loose


def test_participle_right_after_a_name_is_that_persons(nlp):
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”"
    q = single(nlp, text)
    assert q.speaker == "Hillary Clinton" and q.text == "Why aren’t I 50 points ahead, you might ask?"


def test_relative_pronoun_parsed_outside_a_relative_clause(nlp):
    text = "They turned to the Chicago Police Department which reported “2,521 shooting incidents” in the city."
    q = single(nlp, text)
    assert q.speaker == "Chicago Police Department" and q.text == "2,521 shooting incidents"


def test_headline_source_the_recognizer_missed(nlp):
    text = ("Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’\n\n"
            "On Monday, Republican presidential candidate Donald Trump spoke at Liberty University.")
    q = single(nlp, text)
    assert q.text == "I’m the Worst Thing That Ever Happened to the Establishment." and q.speaker == "Donald Trump"
    assert q.rule == "headline_colon"


# --------------------------------------------------------------------------- lexicon classes


def test_phrasal_cue(nlp):
    text = 'Sanders shot back, "Secretary Clinton called them out. They must have been really crushed by that."'
    q = single(nlp, text)
    assert q.cue == "shot back" and q.speaker == "Sanders" and q.kind == "direct"


@pytest.mark.parametrize("text, content", [
    ("At a rally, Trump likened the refugees to a “vicious snake.”", "the refugees to a “vicious snake.”"),
    ("Governor Tomblin lauded Mr. Clarke for helping develop “new and innovative ideas.”",
     "Mr. Clarke for helping develop “new and innovative ideas.”"),
])
def test_characterisation_verb_with_quoted_object(nlp, text, content):
    q = single(nlp, text)
    assert q.kind == "mixed" and parts(text, q) == [content], show(text, [q])


def test_characterisation_verb_without_quote_marks_reports_nothing(nlp):
    text = "Trump compared the two plans on Monday and rated them as weak."
    assert nlp(text)._.quotes == []


@pytest.mark.parametrize("text", [
    "The statement read: “We will not back down.”",
    "“We will not back down,” the sign read.",
])
def test_document_reads(nlp, text):
    q = single(nlp, text)
    assert q.text == "We will not back down." if "statement" in text else q.text == "We will not back down"
    assert q.speaker in ("statement", "sign") and q.cue == "read"


@pytest.mark.parametrize("text, speaker", [
    ('The Security Council issued a statement calling the test "a clear violation" of its resolutions.', "Security Council"),
    ('Bernie Sanders is releasing a new ad that urges voters to "stand up" to Wall Street.', "Bernie Sanders"),
])
def test_document_speaks_for_its_issuer(nlp, text, speaker):
    q = single(nlp, text)
    assert q.speaker == speaker and q.kind == "mixed", show(text, [q])


def test_participle_on_a_noun_that_cannot_speak_takes_the_clause_subject(nlp):
    text = ('Ben Wallace met the mayor in Leeds. He has battled with the council over the city’s finances, '
            'at one point calling the mayor a "liar."')
    q = find(text, run(nlp, text), 'the mayor a "liar."')
    assert q.speaker == "Ben Wallace" and q.cue == "calling"


def test_that_clause_parsed_as_adverbial_is_the_content(nlp):
    text = "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con.”"
    q = single(nlp, text)
    assert parts(text, q) == ["Machado was “disgusting” and “a con.”"] and q.kind == "mixed" and q.speaker == "Trump"


def test_told_to_with_a_quoted_infinitive(nlp):
    text = "Trump tells his supporters at a Michigan rally to “go to your place and vote.”"
    q = single(nlp, text)
    assert parts(text, q) == ["his supporters at a Michigan rally to “go to your place and vote.”"]
    assert q.kind == "mixed" and q.speaker == "Trump" and q.cue == "tells"


def test_transcript_lines(nlp):
    text = ("Mike Pence and Chris Wallace met on Sunday.\n\n"
            "PENCE: Well, look, she thinks this is an episode of “Shark Tank.” But this is America, Chris.\n\n"
            "WALLACE: But, Governor Pence, I have got to ask you about the debate.\n\n"
            "UPDATE: The interview was recorded on Sunday.")
    quotes = run(nlp, text)
    assert [(q.text, q.speaker, q.kind, q.rule) for q in quotes] == [
        ("Well, look, she thinks this is an episode of “Shark Tank.” But this is America, Chris.", "Mike Pence", "direct", "transcript_label"),
        ("But, Governor Pence, I have got to ask you about the debate.", "Chris Wallace", "direct", "transcript_label"),
    ], show(text, quotes)


def test_quotation_that_only_starts_the_reported_clause(nlp):
    text = 'Ben Wallace did not give a figure, though he said "budget reforms" and unpaid taxes would help finance them.'
    q = single(nlp, text)
    assert parts(text, q) == ['"budget reforms" and unpaid taxes would help finance them']
    assert q.kind == "mixed" and q.speaker == "Ben Wallace"


def test_report_inside_a_report_is_part_of_the_outer_one(nlp):
    text = "Trump said during a rally that Clinton once described the trade deal as “the gold standard” of trade deals."
    q = single(nlp, text)
    assert parts(text, q) == ["Clinton once described the trade deal as “the gold standard” of trade deals"]
    assert q.speaker == "Trump" and q.kind == "mixed" and q.cue == "said"


def test_as_x_put_it(nlp):
    text = 'The main requirement is a "lawful source of investment income," as a Homeland Security memo put it.'
    q = single(nlp, text)
    assert q.text == "lawful source of investment income" and q.cue == "put it" and q.speaker.endswith("Homeland Security memo")


@pytest.mark.parametrize("text, speaker", [
    ('"Friend, let me be blunt. I can beat Hillary Clinton. Donald can not," the email read.', "email"),
    ("“If she wants to be the next president, Hillary Clinton should act like one,” the editorial read.", "editorial"),
])
def test_document_reads_tagged_as_a_noun(nlp, text, speaker):
    q = single(nlp, text)
    assert q.kind == "direct" and q.speaker == speaker and q.cue == "read", show(text, [q])


def test_lede_role_goes_to_the_person_named_next(nlp):
    text = ("Connecticut’s tax commissioner says an internal review shows no one from the agency released the filings.\n\n"
            "Kevin Sullivan says he instructed staff Monday to check whether anyone disclosed the information.")
    quotes = run(nlp, text)
    assert quotes[0].speaker == "Kevin Sullivan" and quotes[0].speaker_role == "Connecticut’s tax commissioner", show(text, quotes)
    assert mention(text, quotes[0]) == ["Connecticut’s tax commissioner"]


def test_role_pointing_back_is_not_linked_forward(nlp):
    text = ("Mike Pence spoke in Ohio on Monday.\n\n"
            "The party’s secretary said the rally was a success.\n\n"
            "Mike Pence said the crowd was the largest yet.")
    quotes = run(nlp, text)
    assert [q.speaker for q in quotes] == ["party’s secretary", "Mike Pence"], show(text, quotes)


def test_headline_read_as_an_apposition_is_no_role(nlp):
    text = ("Boris Johnson said any invasion would be a massive miscalculation.\n\n"
            "Article image\nUkrainian activist berates Boris Johnson over Russia response\n")
    q = run(nlp, text)[0]
    assert q.speaker == "Boris Johnson" and q.speaker_role is None


@pytest.mark.parametrize("text, speaker", [
    ('"What is shaping up is a battle for the ages," said David Brock, a Clinton confidant who heads '
     'the pro-Clinton super PAC Correct the Record.', "David Brock"),
    ('"I am not going to say it is a mistake," said retired neurosurgeon Ben Carson, asked about his claim.', "Ben Carson"),
])
def test_inverted_cue_right_after_the_quotation(nlp, text, speaker):
    q = single(nlp, text)
    assert q.kind == "direct" and q.speaker == speaker and q.rule == "cue_quote", show(text, [q])


def test_epithet_after_a_name_is_that_person(nlp):
    text = ("Donald Trump says he has big plans for the final month of the race.\n\n"
            "The Republican presidential nominee noted Friday that his campaign has not spent much on ads yet.")
    quotes = run(nlp, text)
    q = find(text, quotes, "his campaign has not spent much on ads yet")
    assert q.speaker == "Donald Trump" and q.speaker_role == "Republican presidential nominee", show(text, quotes)
    # but not someone the article titled otherwise: the judge is no nominee
    text = ("Manhattan Supreme Court Justice Frank Nervo rejected the motion on Thursday.\n\n"
            "The GOP presidential nominee argued that the files should stay sealed.")
    quotes = run(nlp, text)
    q = find(text, quotes, "the files should stay sealed")
    assert q.speaker == "GOP presidential nominee", show(text, quotes)


def test_epithet_takes_the_gender_its_head_says(nlp):
    text = ("Hillary Clinton met veterans in Ohio on Thursday. Tim Kaine spoke after her.\n\n"
            "The former first lady said the country owes them far more than it gives.")
    quotes = run(nlp, text)
    q = find(text, quotes, "the country owes them far more than it gives")
    assert q.speaker == "Hillary Clinton", show(text, quotes)


def test_the_campaign_is_the_one_of_its_owner_named_before(nlp):
    text = ("A new ad from Donald Trump’s presidential campaign attacks his rival's record.\n\n"
            "The campaign says the ad will air nationally next week.\n\n"
            "Hillary Clinton plans to call on young people to join national service.\n\n"
            "The campaign says the Democratic candidate will announce the plans Friday.")
    quotes = run(nlp, text)
    assert find(text, quotes, "the ad will air nationally next week").speaker == "Donald Trump’s campaign", show(text, quotes)
    assert find(text, quotes, "the Democratic candidate will announce the plans Friday").speaker == "Hillary Clinton’s campaign", show(text, quotes)


def test_her_campaign_is_the_campaign_of_whom_she_stands_for(nlp):
    text = ("Hillary Clinton spoke in Ohio on Thursday.\n\n"
            "Her campaign said the visit drew the biggest crowd of the month.")
    quotes = run(nlp, text)
    q = find(text, quotes, "the visit drew the biggest crowd of the month")
    assert q.speaker == "Hillary Clinton’s campaign", show(text, quotes)
