"""Site-wide chrome: lines repeated across pages of one site."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.extract.sitewide import repeated_lines

MENU = "Front page | Town | Schools | Sport | Weather"
BOX = "The Valley Courier is delivered free to every home in the valley thanks to our local advertisers."
BYLINE = "By Priya Raman"

STORIES = [
    (
        "Library opens on Sundays from next month",
        "The central library will open on Sunday afternoons from the start of next month, the "
        "county said, after a survey found that most users wanted weekend hours.",
        "Staff will work the extra shifts on a voluntary basis, and the change will be reviewed "
        "after six months.",
    ),
    (
        "New crossing planned outside primary school",
        "A raised pedestrian crossing will be built outside the primary school on Mill Road "
        "before the autumn term, following complaints from parents about speeding drivers.",
        "The work is expected to close the road for four days during the summer holidays.",
    ),
    (
        "Rowing club celebrates its hundredth year",
        "The valley rowing club marked its centenary on Saturday with a regatta that drew "
        "crews from nine towns and a crowd of several hundred along the riverbank.",
        "Its oldest member, who joined in 1961, started the first race with a borrowed pistol.",
    ),
]


def _page(headline: str, first: str, second: str, day: int) -> str:
    return "\n".join([MENU, headline, BYLINE, f"{day} May 2024 10:00 BST", first, BOX, second, MENU])


@pytest.fixture
def pages() -> list[str]:
    return [_page(*story, day=index + 1) for index, story in enumerate(STORIES)]


def test_lines_on_every_page_are_repeated(pages: list[str]) -> None:
    repeated = repeated_lines(pages)
    assert {MENU, BOX, BYLINE} <= repeated
    for story in STORIES:
        assert not set(story) & repeated


def test_min_pages_is_respected(pages: list[str]) -> None:
    assert repeated_lines(pages[:2]) == frozenset()
    assert MENU in repeated_lines(pages[:2], min_pages=2)
    assert repeated_lines(pages, min_pages=4) == frozenset()


def test_min_share(pages: list[str]) -> None:
    others = [f"Unrelated page number {n} with a line of its own." for n in range(10)]
    assert MENU not in repeated_lines([*pages, *others], min_pages=3, min_share=0.5)
    assert MENU in repeated_lines([*pages, *others], min_pages=3, min_share=0.2)


def test_whitespace_is_normalised_like_text_mode() -> None:
    texts = ["  Share   this\tstory \nA", "Share this story\nB", "Share this story  \nC"]
    assert repeated_lines(texts) == frozenset({"Share this story"})


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="min_pages"):
        repeated_lines(["a"], min_pages=1)
    with pytest.raises(ValueError, match="min_share"):
        repeated_lines(["a"], min_share=2.0)


def test_text_mode_drops_site_repeated_lines_but_keeps_the_byline(pages: list[str]) -> None:
    repeated = repeated_lines(pages)
    article = newsdesk.extract(pages[1], kind="text", repeated_lines=repeated)
    reasons = {dropped.text: dropped.reason for dropped in article.dropped}
    assert reasons[BOX] == "site-repeated"
    assert reasons[MENU] == "site-repeated"
    assert BOX not in article.text
    assert article.authors == ["Priya Raman"]
    assert article.headline == STORIES[1][0]
    assert [block.text for block in article.body] == list(STORIES[1][1:])
