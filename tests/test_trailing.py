"""`find_body_end`: trailing matter of news pages is found, real article text is never cut."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.readers.trailing import find_body_end

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_311608aec32b352f.txt"
EVAL = ROOT.parent / "shared" / "eval"

BODY = (
    "Talks on the border dispute ended without agreement\n\n"
    "The foreign minister said on Tuesday that the talks in Geneva had been “useful and frank”, and "
    "that both delegations would meet again next month to settle the remaining questions.\n\n"
    "“We have made progress on the hardest issues,” she told reporters. “Nobody expected a "
    "breakthrough in one day.”\n\n"
    "Opposition leaders were less convinced. “This is a photo opportunity,” said John Smith."
)


def test_seed_related_content_list():
    text = SEED.read_text(encoding="utf-8")
    end = find_body_end(text)
    assert end == 5255
    assert text[:end].rstrip().endswith("“A negative result is still a result, we now have full clarity about "
                                        "what the statements of different politicians about adhering to the "
                                        "Minsk agreements mean,” Kozak said on Friday.")
    assert text[end:].startswith("Andrew Roth in Moscow, Dan Sabbagh, and Shaun Walker in Kyiv\n\nThe GuardianTramp"
                                 "\n\nRelated Content\n\nArticle image\n")


def test_seed_matches_the_gold_body_end():
    gold = ROOT / "seeds" / "000_311608aec32b352f.gold.jsonl"
    record = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    assert find_body_end(record["text"]) == record["body_end"]


def test_related_list_with_byline_block():
    trailing = ("\n\nJane Doe in Geneva\n\nRelated articles\n\n"
                "Storm closes coastal roads as “worst winter in decades” bites\n"
                "Mayor says budget is “not negotiable”\n\n12, Jan, 2024 @6:24 PM\n")
    text = BODY + trailing
    assert find_body_end(text) == len(BODY) + 2  # the byline line starts the trailing matter


def test_caption_stubs_without_a_heading():
    text = BODY + "\n\nArticle image\nMinister hails “historic” deal\nThe deal was signed on Monday\n\nArticle image\nOther story\n"
    assert find_body_end(text) == len(BODY) + 2


def test_sign_off_lines_at_the_end():
    for sign_off in ("Follow Pam Key on Twitter @pamkeyNEN.", "Twitter: @Milbank.",
                     "(Reporting by David Bailey; Editing by Cynthia Osterman.)",
                     "(Additional reporting by Kylie MacLellan; Editing by Michael Holden.)"):
        assert find_body_end(BODY + "\n\n" + sign_off) == len(BODY) + 2, sign_off


@pytest.mark.parametrize("text", [
    BODY,
    # a heading followed by more running text is not a list of other stories
    BODY + "\n\nRead more\n\nThe minister later said the talks “will resume”. Officials agreed.\n\n"
           "Both sides said they were “cautiously optimistic”.",
    # a heading before any body
    "Related\n\n" + BODY,
    # a sign-off line in the middle, followed by more of the article
    BODY + "\n\nFollow Pam Key on Twitter @pamkeyNEN.\n\nMore text followed, she said “again”.",
    "",
    "Short.",
])
def test_no_trailing_matter(text):
    assert find_body_end(text) is None


def test_polnear_articles_are_not_cut_short():
    """On every PolNeAR train and dev article, no gold attribution lies after the body end, and
    trailing matter is found only in the few articles that end with sign-off lines."""
    files = [EVAL / "polnear-train.jsonl", EVAL / "polnear-dev.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip(f"PolNeAR not found in {EVAL}: the shared evaluation data sits beside the project")
    articles = found = 0
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles += 1
            end = find_body_end(record["text"])
            if end is None:
                continue
            found += 1
            for attribution in record["attributions"]:
                assert all(e <= end for _, e in attribution["content"]), (record["id"], attribution)
            assert len(record["text"]) - end < 200, record["id"]  # a sign-off, not a cut-off article
    assert articles == 924
    assert found <= 40  # 33 when measured: Breitbart "Follow ... on Twitter", Reuters credits
