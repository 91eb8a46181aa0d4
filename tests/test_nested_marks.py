"""A curly quotation inside a curly one (`“… what he calls “hell” than live …”`), typed with the
same marks, is nested when the paragraph closes both; a stray opening mark is still dropped."""
from __future__ import annotations

import pytest

from quotes.attribution.marks import find_quotations


@pytest.mark.parametrize("text, expected", [
    ("“I’d rather live in what he calls “hell” than live in a world where he is president.” ― Ana Ruiz",
     ["I’d rather live in what he calls “hell” than live in a world where he is president."]),
    ("“He said “no” and “never” to me,” she said.", ["He said “no” and “never” to me"]),
    ("“The sign read “Closed for good.”” She walked on.", ["The sign read “Closed for good.”"]),
    ("“Stray text “Real quote,” she said.", ["Real quote"]),
])
def test_nested_curly_quotations(text, expected):
    found = [text[s:e] for q in find_quotations(text) for s, e in q.spans]
    assert found == expected
