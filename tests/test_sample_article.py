"""The sample article (`seeds/000_311608aec32b352f.txt`, the Guardian, 11 Feb 2022) end to end:
exact offsets, kinds and resolved speakers of its quotes, and the seed-gold score.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.evaluation import prediction_record, read_gold, score
from quotes.models import Quote

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_311608aec32b352f.txt"
SEED_GOLD = ROOT / "seeds" / "000_311608aec32b352f.gold.jsonl"


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def quotes(nlp, text) -> list[Quote]:
    return list(nlp(text)._.quotes)


def show(text: str, quotes: list[Quote]) -> str:
    return "\n".join(
        f"  {q.kind} {q.spans} {[text[s:e][:60] for s, e in q.spans]} speaker={q.speaker!r} "
        f"mention={[text[s:e] for s, e in q.speaker_spans]} rule={q.rule}"
        for q in quotes
    )


def at(text: str, quotes: list[Quote], start: int) -> Quote:
    """The quote whose content starts at `start`."""
    hits = [q for q in quotes if q.spans[0][0] == start]
    assert len(hits) == 1, f"expected one quote starting at {start} ({text[start:start + 40]!r})\n" + show(text, quotes)
    return hits[0]


def span_texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_offsets_are_valid(text, quotes):
    assert quotes
    for q in quotes:
        for s, e in q.spans:
            assert 0 <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()
        assert q.text == " … ".join(span_texts(text, q.spans))
        for s, e in [*q.quoted_spans, *q.speaker_spans, *q.cue_spans]:
            assert 0 <= s < e <= len(text)
        for s, e in q.quoted_spans:
            assert any(ps <= s and e <= pe for ps, pe in q.spans)


def test_shoigu_direct_quote_by_surname(text, quotes):
    q = at(text, quotes, 663)
    assert q.spans == [(663, 789)]
    assert text[663:789] == (
        "I would like to see the reason why the United Kingdom is sending special forces to Ukraine "
        "and until when [they] will be there"
    )
    assert q.kind == "direct"
    assert q.speaker == "Sergei Shoigu"
    assert span_texts(text, q.speaker_spans) == ["Shoigu"]
    assert q.speaker_is_person is True


def test_wallace_quote_in_two_spans(text, quotes):
    q = at(text, quotes, 1331)
    assert q.spans == [(1331, 1385), (1448, 1561)], show(text, quotes)
    assert span_texts(text, q.spans) == [
        "Shoigu is a professional and very experienced minister",
        "When they say they aren’t going to invade Ukraine we take it seriously but look at the actions that accompany it.",
    ]
    assert q.kind == "direct"
    assert q.speaker == "Ben Wallace"
    assert span_texts(text, q.speaker_spans) == ["Wallace"]
    # the scare quote inside the attribution is neither part of it nor a quote of its own
    frank = text.index("frank and constructive")
    assert not any(s <= frank < e for q in quotes for s, e in q.spans), show(text, quotes)


def test_we_can_try_by_pronoun(text, quotes):
    q = at(text, quotes, 2121)
    assert q.spans == [(2121, 2270)]
    assert text[2121:2270] == (
        "We can try and move on to where we can resolve our issues together through diplomacy, "
        "through other actions, and through confidence-building measures"
    )
    assert q.kind == "direct"
    assert q.speaker == "Ben Wallace"
    assert span_texts(text, q.speaker_spans) == ["he"]


def test_kozak_direct_quote(text, quotes):
    q = at(text, quotes, 5072)
    assert q.spans == [(5072, 5228)]
    assert text[5072:5228] == (
        "A negative result is still a result, we now have full clarity about what the statements of "
        "different politicians about adhering to the Minsk agreements mean"
    )
    assert q.kind == "direct"
    assert q.speaker == "Dmitry Kozak"
    assert span_texts(text, q.speaker_spans) == ["Kozak"]


def test_direct_quotes_are_exactly_these(text, quotes):
    body_end = text.index("\n\n\nAndrew Roth")
    direct = [q.spans for q in quotes if q.kind == "direct" and q.start < body_end]
    assert direct == [[(663, 789)], [(1331, 1385), (1448, 1561)], [(2121, 2270)], [(5072, 5228)]], show(text, quotes)


def test_kozak_mixed_key_disagreement_with_apposition(text, quotes):
    q = at(text, quotes, 4811)
    assert q.spans == [(4811, 4933)]
    assert text[4811:4933] == (
        "the “key disagreement” was that Kyiv refused to open direct negotiations with "
        "representatives of the breakaway territories"
    )
    assert q.kind == "mixed"
    assert span_texts(text, q.quoted_spans) == ["key disagreement"]
    assert q.speaker == "Dmitry Kozak"
    assert q.speaker_role == "Russia’s representative at the talks"
    assert q.speaker_is_person is True


def test_lavrov_mixed_via_who(text, quotes):
    q = at(text, quotes, 993)
    assert q.spans == [(993, 1053)]
    assert text[993:1053] == "the talks resembled a discussion of the “mute with the deaf”"
    assert q.kind == "mixed"
    assert span_texts(text, q.quoted_spans) == ["mute with the deaf"]
    assert q.speaker == "Sergei Lavrov"
    assert span_texts(text, q.speaker_spans) == ["who"]


def test_wallace_mixed_above_zero(text, quotes):
    q = at(text, quotes, 2389)
    assert q.spans == [(2389, 2411)]
    assert text[2389:2411] == "they were “above zero”"
    assert q.kind == "mixed"
    assert span_texts(text, q.quoted_spans) == ["above zero"]
    assert q.speaker == "Ben Wallace"
    assert span_texts(text, q.speaker_spans) == ["Wallace"]


def test_british_ministers_indirect(text, quotes):
    q = at(text, quotes, 3775)
    assert q.spans == [(3775, 3897)]
    assert text[3775:3897] == (
        "Any belief in the Kremlin that a Russian intervention would be welcome by anything other "
        "than a tiny minority was mistaken"
    )
    assert q.kind == "indirect"
    assert q.speaker == "British ministers"
    assert q.speaker_is_person is False
    assert q.quoted_spans == []


def test_indirect_content_is_the_complement_clause(text, quotes):
    # `Wallace said he had not seen signs ..., pointing to ... and saying ...`: the participle
    # clauses belong to the attribution, not to what he said
    start = text.index("he had not seen signs yet")
    q = at(text, quotes, start)
    assert span_texts(text, q.spans) == ["he had not seen signs yet of a de-escalation by the Kremlin"], show(text, quotes)
    assert q.kind == "indirect" and q.speaker == "Ben Wallace"


def test_headline_content_is_the_complement_clause(text, quotes):
    # `Defence secretary says CONTENT as he warns of consequences`: the `as` clause is his, not reported
    start = text.index("Moscow has given assurances")
    q = at(text, quotes, start)
    assert span_texts(text, q.spans) == ["Moscow has given assurances it is not planning invasion"], show(text, quotes)
    assert q.kind == "indirect" and q.speaker == "Ben Wallace"


def test_apostrophes_never_start_or_end_a_quote(text, quotes):
    apostrophes = [m.start() for m in re.finditer(r"(?<=\w)’(?=\w)", text)]  # Russia’s, aren’t, UK’s ...
    assert len(apostrophes) > 5
    for q in quotes:
        for s, e in q.quoted_spans:
            assert text[s - 1] in "“‘\"", f"quoted part {text[s:e]!r} does not follow an opening mark"
            assert s - 1 not in apostrophes and e not in apostrophes, text[s:e]
    # `aren’t` lies inside Wallace's quote, not at an edge of one
    arent = text.index("aren’t")
    q = at(text, quotes, 1331)
    assert any(s < arent < e for s, e in q.quoted_spans)


def test_seed_gold_direct_quotes_attributed(nlp):
    gold = read_gold(SEED_GOLD)[0]
    preds = [prediction_record(q) for q in nlp(gold["text"])._.quotes]
    direct_gold = dict(gold, attributions=[a for a in gold["attributions"] if a.get("kind") == "direct"])
    assert len(direct_gold["attributions"]) == 4
    result = score([direct_gold], {gold["id"]: preds}, n_errors=20)
    assert result.figures["attributed"]["r"] == 1.0, (result.figures, result.errors)
