"""Property-based tests of the extractor: on any text, however full of quote marks,
apostrophes, newlines and unicode, `quotes.extract` returns, and every offset it gives is
checkable: it lies in the text, and the quote's text is exactly the text at its spans."""
from __future__ import annotations

import signal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import quotes

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "'"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2009", ""]
WORDS = [
    "said", "says", "told", "reporters", "added", "according to", "warned", "that", "he", "she",
    "they", "Ben Wallace", "Wallace", "Sergei Shoigu", "Shoigu", "the minister", "a spokesperson",
    "Kremlin", "The", "We", "I", "will", "not", "invade", "it’s", "don't", "Kyiv’s", "’90s",
    "rock ’n’ roll", ",", ".", ":", ";", "—", "–", "-", "(", ")", "[", "]", "?", "!", "…",
    "Zelensky", "Müller", "naïve", "Ærø", "Łódź", "İstanbul", "ﬁnal", "日本", "Москва", "אמר",
    "قال", "😀", "e\u0301", "\u200b", "\u00ad", "\ufeff", "𝔘𝔫𝔦",
]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=4),
)
piece = st.tuples(token, st.sampled_from(SEPARATORS)).map("".join)
texts = st.lists(piece, max_size=60).map("".join)

# Text shaped like news copy, so that quotes are actually found and attributed: sentences
# with cues and speakers around quotation-like material (words, stray marks, odd characters).
wordy = st.lists(
    st.tuples(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), token), st.sampled_from(SEPARATORS)).map("".join),
    min_size=1, max_size=14,
).map("".join)
OPEN, CLOSE = ["“", '"', "‘", "«", "'"], ["”", '"', "’", "»", "'", ""]
SPEAKER = st.sampled_from(["Wallace", "he", "the minister", "Sergei Shoigu", "She", "A spokesperson", "ministers"])
CUE = st.sampled_from(["said", "told reporters", "warned", "added", "says", "insisted"])
sentence = st.one_of(
    st.builds(lambda o, q, c, s, w: f"{o}{q}{c} {s} {w}.", st.sampled_from(OPEN), wordy, st.sampled_from(CLOSE), SPEAKER, CUE),
    st.builds(lambda s, w, o, q, c: f"{s} {w}: {o}{q}{c}", SPEAKER, CUE, st.sampled_from(OPEN), wordy, st.sampled_from(CLOSE)),
    st.builds(lambda s, w, q: f"{s} {w} that {q}.", SPEAKER, CUE, wordy),
    st.builds(lambda q, s, w: f"{q}, {s} {w}.", wordy, SPEAKER, CUE),
    st.builds(lambda s, q: f"According to {s}, {q}.", SPEAKER, wordy),
    wordy,
    texts,
)
articles = st.lists(st.tuples(sentence, st.sampled_from(SEPARATORS)).map("".join), min_size=1, max_size=8).map("".join)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


HANG_SECONDS = 20
"""Not a speed test: an extractor stuck in a loop must fail the test rather than stop the whole
suite. Extracting any of these short texts takes milliseconds; this is a thousand times that."""


def extract(nlp, text: str):
    """`quotes.extract(text)`, failing (not hanging) when it does not return at all."""
    if not hasattr(signal, "SIGALRM"):
        return quotes.extract(text, nlp=nlp)

    def stuck(signum, frame):
        raise AssertionError(f"quotes.extract has not returned after {HANG_SECONDS} s on {text!r}: it hangs")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(HANG_SECONDS)
    try:
        return quotes.extract(text, nlp=nlp)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def inside(text: str, span) -> bool:
    s, e = span
    return 0 <= s <= e <= len(text)


def check_quotes(text: str, found) -> None:
    for q in found:
        assert q.spans, f"quote without spans: {q!r}"
        for s, e in q.spans:
            assert inside(text, (s, e)) and s < e, f"quote span {(s, e)} is not a part of the text ({len(text)} characters)"
        assert all(a[1] <= b[0] for a, b in zip(q.spans, q.spans[1:])), f"quote spans out of order: {q.spans}"
        # the Quote model's convention: several spans are joined with " … "
        assert " … ".join(text[s:e] for s, e in q.spans) == q.text, f"quote text drifted from its spans: {q!r}"
        for s, e in q.speaker_spans:
            assert inside(text, (s, e)), f"speaker span {(s, e)} outside the text"
            assert text[s:e].strip(), f"speaker span {(s, e)} is empty: {text[s:e]!r}"
        for s, e in q.cue_spans:
            assert inside(text, (s, e)), f"cue span {(s, e)} outside the text"
        for s, e in q.quoted_spans:
            assert inside(text, (s, e)), f"quoted span {(s, e)} outside the text"
        if q.context_span is not None:
            assert inside(text, q.context_span), f"context span {q.context_span} outside the text"


@PROPERTY
@given(text=texts)
@example(text="")
@example(text='"')
@example(text="“”")
@example(text="“ ” said Wallace.")
@example(text="“We will not invade,” Shoigu said. “And")
@example(text="‘\n’\n'\n\"\n«\n»")
@example(text="It’s the ’90s, Wallace said: 'don’t'")
@example(text="told t: «0")  # found by this test: the extractor never returned on it
def test_any_text_gives_checkable_offsets(nlp, text):
    check_quotes(text, extract(nlp, text))


@PROPERTY
@given(text=articles)
@example(text="“We will not invade,” Shoigu said. He added: “Never.”\n\n“Really”, Wallace said.")
@example(text="Shoigu told reporters: “No.”")  # found by this test: the extractor never returned on it
def test_news_shaped_text_gives_checkable_offsets(nlp, text):
    check_quotes(text, extract(nlp, text))


def test_the_news_shaped_examples_do_find_quotes(nlp):
    """The second property is not vacuous: text of its shape yields attributed quotes."""
    text = "“We will not invade,” Shoigu said. He added: “Never.”"
    found = extract(nlp, text)
    assert [q.speaker for q in found] == ["Shoigu", "Shoigu"]
    assert found[0].text.startswith("We will not invade") and found[1].text.startswith("Never")
    check_quotes(text, found)
