"""``chrome_reason`` clears most blocks with one search of all chrome patterns at once; the
reason it gives must stay that of the first pattern in the lexicon's order."""

from __future__ import annotations

import pytest

from newsdesk.extract.html import chrome_reason, rules


def _first_match(text: str) -> str | None:
    if len(text.split()) > rules().chrome_max_words:
        return None
    for pattern in rules().chrome_patterns:
        if pattern.search(text):
            return f"chrome: matches {pattern.pattern!r}"
    return None


@pytest.mark.parametrize(
    "text",
    [
        "Read more: the council's budget vote",
        "Related stories",
        "Sign up to our weekly newsletter for the best of the valley",
        "© 2024 Harbour Gazette. All rights reserved.",
        "Advertisement",
        "Updated: 3 March 2024 10:15",
        "Share this article",
        "Tags: ferries, weather",
        "12 comments",
        "The ferry left the harbour an hour late.",
        "Readers were told to click here for the timetable",
        "",
    ],
)
def test_one_search_gives_the_same_reason_as_the_pattern_loop(text: str) -> None:
    assert chrome_reason(text) == _first_match(text)
