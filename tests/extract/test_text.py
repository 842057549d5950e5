"""Text mode: scraped text with the site's chrome left in."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

import newsdesk
from newsdesk.extract.header import (
    FEATURE_NAMES,
    header_features,
    load_header_model,
    predict_all_trees,
    slug_tokens,
    using_header_model,
)
from newsdesk.extract.lines import Line, chrome_by_lexicon, lexicon_hit, line_model, split_lines
from newsdesk.extract.text import (
    _drop_below_recurring_stamps,
    _mark_lexicon_chrome,
    _Page,
    _stamp_line,
    find_date,
    header_view_of,
    names_in_byline,
)
from newsdesk.model import Article

FIXTURES = Path(__file__).parent / "text_fixtures"


def _extract(text: str) -> Article:
    return newsdesk.extract(text, kind="text")


def _nonblank_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return _extract(seed_text)


def test_seed_header(seed_article: Article, seed_text: str) -> None:
    lines = _nonblank_lines(seed_text)
    assert seed_article.headline in lines
    assert seed_article.standfirst in lines
    assert lines.index(seed_article.headline) < lines.index(seed_article.standfirst)
    assert seed_article.authors == ["Jon Sharman"]


def test_seed_time_is_utc_with_the_written_form(seed_article: Article, seed_text: str) -> None:
    assert seed_article.published == datetime(2017, 4, 20, 21, 32, tzinfo=UTC)
    written = seed_article.published_as_written
    assert written is not None
    assert written.utc_offset == "+01:00"
    assert written.text.endswith("BST")
    number = int(written.source.removeprefix("line:"))
    assert written.text in seed_text.splitlines()[number - 1]
    assert written.offset is not None and seed_text[written.offset :].startswith(written.text)


def test_seed_caption_once_with_credit(seed_article: Article, seed_text: str) -> None:
    assert len(seed_article.captions) == 1
    caption = seed_article.captions[0]
    assert caption.credit == "REUTERS"
    assert caption.text in _nonblank_lines(seed_text)
    assert [d.reason for d in seed_article.dropped if d.text == caption.text] == ["duplicate-caption"]


def test_seed_body_is_the_twelve_paragraphs(seed_article: Article) -> None:
    assert len(seed_article.body) == 12
    assert all(block.kind == "paragraph" for block in seed_article.body)
    body = {block.text for block in seed_article.body}
    assert not body & {dropped.text for dropped in seed_article.dropped}
    assert seed_article.headline not in body and seed_article.standfirst not in body


def test_seed_every_line_is_accounted_for(seed_article: Article, seed_text: str) -> None:
    article = seed_article
    placed = {block.text for block in article.body} | {d.text for d in article.dropped}
    placed |= {article.headline or "", article.standfirst or ""}
    placed |= {c.text for c in article.captions}
    for line in _nonblank_lines(seed_text):
        is_caption_with_credit = any(line.startswith(c.text) for c in article.captions)
        is_byline_or_date = any(name in line for name in article.authors) or "BST" in line
        assert line in placed or is_caption_with_credit or is_byline_or_date, line


def test_seed_chrome_reasons(seed_article: Article) -> None:
    reasons = [dropped.reason for dropped in seed_article.dropped]
    assert reasons.count("chrome:notification") == 2
    assert reasons.count("chrome:donation-appeal") == 5
    assert reasons.count("chrome:login") == 2
    assert all(dropped.line for dropped in seed_article.dropped)


# --------------------------------------------------------------------------- other site styles


def test_us_site_two_authors_eastern_daylight_time_no_caption() -> None:
    article = _extract((FIXTURES / "lakeside_gazette.txt").read_text(encoding="utf-8"))
    assert article.headline == "Harbor Bridge repairs approved after months of delay"
    assert article.standfirst is not None and article.standfirst.startswith("Council votes 7-2")
    assert article.authors == ["Maria Delgado", "Tom Whitfield"]
    assert article.published == datetime(2023, 6, 12, 23, 5, tzinfo=UTC)
    assert article.published_as_written is not None
    assert article.published_as_written.utc_offset == "-04:00"
    assert article.captions == []
    texts = [block.text for block in article.body]
    assert texts[0].startswith("The Lakeside city council voted")
    assert texts[-1].startswith("The two members who voted against")
    assert len([b for b in article.body if b.kind == "paragraph"]) == 6
    assert any(b.kind == "heading" and b.text == "What happens next" for b in article.body)
    dropped = {d.text: d.reason for d in article.dropped}
    assert dropped["Advertisement"] == "chrome:advertisement"
    assert dropped["Already a subscriber? Sign in"].startswith("chrome:")
    assert dropped["Get the Morning Brief delivered to your inbox every weekday."] == "chrome:newsletter"
    assert dropped["© 2023 Lakeside Gazette. All rights reserved."] == "chrome:copyright"
    assert dropped["Read more: Why the Harbor Bridge lane closed in the first place"] == "chrome:read-more"


def test_blog_with_list_heading_and_supporter_appeal() -> None:
    article = _extract((FIXTURES / "hillside_notes.txt").read_text(encoding="utf-8"))
    assert article.headline == "How we rebuilt the community seed library in a single season"
    assert article.authors == ["Anna Berg"]
    assert article.published == datetime(2022, 2, 2, 8, 30, tzinfo=UTC)
    kinds = [block.kind for block in article.body]
    assert kinds.count("list_item") == 3
    assert "heading" in kinds
    assert all(not block.text.startswith("- ") for block in article.body)
    assert article.body[-1].text.startswith("Next spring we plan")
    appeal = [d for d in article.dropped if d.reason == "chrome:donation-appeal"]
    assert len(appeal) == 3
    assert any(d.reason == "chrome:notification" for d in article.dropped)


# --------------------------------------------------------------------------- dates and timezones


@pytest.mark.parametrize(
    ("written", "expected", "offset"),
    [
        ("Monday 3 July 2023 08:15 CEST", datetime(2023, 7, 3, 6, 15, tzinfo=UTC), "+02:00"),
        ("Nov 5, 2021 11:40 pm PST", datetime(2021, 11, 6, 7, 40, tzinfo=UTC), "-08:00"),
        ("Updated 9 January 2022 10:00 GMT", datetime(2022, 1, 9, 10, 0, tzinfo=UTC), "+00:00"),
        ("March 12, 2023 9:00 AM ET", datetime(2023, 3, 12, 13, 0, tzinfo=UTC), "-04:00"),
        ("January 12, 2023 9:00 AM ET", datetime(2023, 1, 12, 14, 0, tzinfo=UTC), "-05:00"),
        ("12/25/2020 6:00 PM EST", datetime(2020, 12, 25, 23, 0, tzinfo=UTC), "-05:00"),
        ("2022-01-09T10:00:00+05:30", datetime(2022, 1, 9, 4, 30, tzinfo=UTC), "+05:30"),
        ("14 August 2019", datetime(2019, 8, 14, tzinfo=UTC), None),
        ("Published: 10:32 BST, 20 May 2018", datetime(2018, 5, 20, 9, 32, tzinfo=UTC), "+01:00"),
        ("Sat 2 Mar 2024 • 6:45pm", datetime(2024, 3, 2, 18, 45, tzinfo=UTC), None),
        ("3 October 2021 at 14:05 by a staff reporter", datetime(2021, 10, 3, 14, 5, tzinfo=UTC), None),
    ],
)
def test_dates_and_zone_abbreviations(written: str, expected: datetime, offset: str | None) -> None:
    found = find_date(written)
    assert found is not None
    assert found.when == expected
    assert found.utc_offset == offset


def test_not_a_date() -> None:
    assert find_date("The council met 12 times in 45 days") is None
    assert find_date("31 February 2020") is None


def test_timezone_table_is_data() -> None:
    cues = json.loads(resources.files("newsdesk.data").joinpath("text_cues.json").read_text(encoding="utf-8"))
    zones = cues["timezones"]
    assert zones["BST"] == "+01:00" and zones["EDT"] == "-04:00" and zones["CEST"] == "+02:00"
    for name, value in zones.items():
        if not name.startswith("_"):
            assert re.fullmatch(r"[+-]\d\d:\d\d", value) or "/" in value, name


# --------------------------------------------------------------------------- lexicon and model


def test_lexicon_categories() -> None:
    assert lexicon_hit("Sign up for our daily newsletter") is not None
    assert lexicon_hit("Accept all cookies") is not None
    hit = lexicon_hit("Follow us on Instagram")
    assert hit is not None and hit.category == "share-follow"
    appeal = lexicon_hit("A gift of any size keeps our small newsroom going through the winter.")
    assert appeal is not None and appeal.category == "donation-appeal"
    assert lexicon_hit("The river rose two metres overnight, flooding the lower town.") is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("comments powered by Disqus", "comments"),
        ("- Next Garden News", "read-more"),
        ("Previous Local Story -", "read-more"),
        ("Older posts", "read-more"),
    ],
)
def test_comment_widgets_and_previous_next_links(text: str, category: str) -> None:
    hit = lexicon_hit(text)
    assert hit is not None and hit.category == category


def test_prose_about_next_week_is_not_a_next_link() -> None:
    assert lexicon_hit("Next week the council will vote on the new harbour news kiosk.") is None


def test_long_prose_naming_a_chrome_word_is_not_decisive() -> None:
    sentence = (
        "Streaming companies have raised subscription prices three times in two years, and analysts "
        "expect further increases as the cost of licensing older films keeps climbing."
    )
    hit = lexicon_hit(sentence)
    assert hit is None or not hit.decisive


def test_appeal_run_is_filled() -> None:
    lines = split_lines("Your support keeps us going\nWe are a small team of four.\nDonate now\nA body line.")
    chrome = chrome_by_lexicon(lines)
    assert chrome == {0: "chrome:donation-appeal", 1: "chrome:donation-appeal", 2: "chrome:donation-appeal"}


def test_line_model_prefers_prose_to_menus() -> None:
    text = "\n".join(
        [
            "Home",
            "World",
            "Business",
            "Sport",
            "The storm brought down power lines across the county on Tuesday, leaving thousands of homes "
            "without electricity for most of the day.",
            "Repair crews worked through the night, and the utility said it expected to restore power to "
            "every customer by the weekend.",
            "Residents in the worst-hit villages were offered places at two emergency shelters.",
            "Contact",
            "Careers",
        ]
    )
    probabilities = line_model().predict(split_lines(text))
    assert min(probabilities[4:7]) > max(*probabilities[:4], *probabilities[7:])


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text",
    ["   \n\n  ", "Advertisement\nSign in\nSubscribe\n© 2020 Example", "x", "\n".join(["Menu"] * 500)],
)
def test_bad_input_gives_a_reason_not_an_exception(text: str) -> None:
    article = newsdesk.extract(text, kind="text")
    assert article.status in {"empty", "error"}
    assert article.reason
    assert not article.body


# --------------------------------------------------------------------------- structure after the classifier


def _page_of(rows: list[tuple[str, float]]) -> _Page:
    lines = [Line(number, text, True, True) for number, (text, _) in enumerate(rows, start=1)]
    return _Page(lines, [probability for _, probability in rows], threshold=0.35)


_STORY = [
    ("The ferry keeps its summer timetable until the end of November, the transport board decided.", 0.9),
    ("Commuters who finish late in the market district had asked for later boats for years.", 0.9),
    ("The board expects the extra fuel and wages to be covered by tickets sold in the trial months.", 0.9),
    ("A review of the new timetable is planned for next spring, with passenger counts per crossing.", 0.9),
]


def test_stamped_entries_below_the_story_are_not_story() -> None:
    comments = []
    for name, stamp in (
        ("harbourwatcher", "2 hours ago"),
        ("Greta M", "3 hours ago"),
        ("skipper", "5 hours ago"),
    ):
        comments += [
            (name, 0.5),
            (stamp, 0.6),
            ("Good news for those of us who work late, about time too.", 0.8),
        ]
    page = _page_of([*_STORY, *comments])
    _drop_below_recurring_stamps(page)
    assert all(page.body_like(i) for i in range(len(_STORY)))
    assert not any(page.body_like(i) for i in range(len(_STORY), len(page.lines)))
    assert page.fate[len(_STORY)].endswith("below-recurring-stamps")


def test_a_single_date_under_the_story_is_not_a_comment_run() -> None:
    page = _page_of(
        [*_STORY, ("Updated 5 March 2024", 0.5), ("One more closing sentence of the story itself.", 0.8)]
    )
    _drop_below_recurring_stamps(page)
    assert all(page.body_like(i) for i in range(len(page.lines)))


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("2 days ago at 07:52 am", True),
        ("an hour ago", True),
        ("18 November 2019", True),
        ("Posted 18 November 2019 by Ann", True),
        ("Two years ago the seed exchange closed and nobody expected it to return at all.", False),
        ("Volunteers", False),
    ],
)
def test_stamp_lines(text: str, stamp: bool) -> None:
    assert _stamp_line(text) is stamp


def test_a_teaser_list_of_bylined_headlines_below_the_story_is_not_story() -> None:
    teasers = []
    for author in ("by Sam Ortiz", "by Lena", "by R. Kowalski"):
        teasers += [("Council to vote again on the harbour car park plan next week", 0.7), (author, 0.4)]
    page = _page_of([*_STORY, *teasers])
    _drop_below_recurring_stamps(page)
    assert all(page.body_like(i) for i in range(len(_STORY)))
    assert not any(page.body_like(i) for i in range(len(_STORY), len(page.lines)))


def test_short_lines_repeated_inside_a_buying_guide_are_story() -> None:
    rows = []
    for product in ("A kettle", "A toaster", "A blender", "A lamp"):
        rows += [(product, 0.8), ("See it now: Shopfront", 0.8), (_STORY[0][0], 0.9)]
    page = _page_of([*_STORY, *rows])
    _drop_below_recurring_stamps(page)
    assert all(page.body_like(i) for i in range(len(page.lines)))


def test_comments_longer_than_a_short_post_are_not_story() -> None:
    long_comment = (
        "I have taken the ferry every winter for a decade and the late boats would change my whole week, "
        "so I hope the board keeps them after the review next spring and publishes the passenger counts."
    )
    rows = [_STORY[0]]
    for name, day in (("Ines Park", 3), ("Tom (Riverside Weekly)", 4), ("Bo", 5)):
        rows += [
            (f"{name} on March {day}, 2024 at 9:15 am said:", 0.1),
            (long_comment, 0.9),
            (long_comment, 0.9),
        ]
    page = _page_of(rows)
    _mark_lexicon_chrome(page)
    assert page.fate.get(1) == "chrome:comments"
    _drop_below_recurring_stamps(page)
    assert page.body_like(0)
    assert not any(page.body_like(i) for i in range(1, len(page.lines)))


# --------------------------------------------------------------------------- header scorer


def test_blog_title_above_an_unprefixed_author_and_a_read_time() -> None:
    article = _extract((FIXTURES / "riverside_rail.txt").read_text(encoding="utf-8"))
    assert article.headline == "Sleeping my way across the mountains on the new night service"
    assert article.authors == ["Maya Okafor"]
    assert article.published is not None and article.published.date().isoformat() == "2024-03-03"
    texts = [block.text for block in article.body]
    assert texts[0].startswith("The departure board")
    assert texts[-1].startswith("Would I take it again?")
    assert not any("coastal branch lines" in text for text in texts)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Roe and John Doe | Harbour Desk", ["Jane Roe", "John Doe"]),
        ("Written by: Ann Lee, Staff Writer", ["Ann Lee"]),
        ("ByPeter Quill", ["Peter Quill"]),
        ("Author: Ruth Bader", ["Ruth Bader"]),
        ("By Tom May · 4 min read", ["Tom May"]),
        ("Ines GarciaPublished: May 2, 2024", ["Ines Garcia"]),
        ("Posted on 4 June 2024 by Karl Marsh in Gardening", ["Karl Marsh"]),
        ("By Dr. Ola Berg - Apr 3, 2024", ["Ola Berg"]),
        ("Priya Nair and Sam Ode", ["Priya Nair", "Sam Ode"]),
        ("Work With Me", []),
        ("By Staff Reporter", []),
        ("The Editorial Team", []),
        ("Sign up for our newsletter", []),
    ],
)
def test_names_in_byline(line: str, names: list[str]) -> None:
    assert names_in_byline(line) == names


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024/4/29", "2024-04-29"),
        ("Published: 2024.12.17 | essay", "2024-12-17"),
        ("19-Dec-2025", "2025-12-19"),
    ],
)
def test_more_date_shapes(written: str, day: str) -> None:
    found = find_date(written)
    assert found is not None and found.when.date().isoformat() == day


def test_version_numbers_are_not_dates() -> None:
    assert find_date("release 1.2024.3 notes") is None


def test_shipped_header_model_matches_the_feature_code() -> None:
    spec = json.loads(
        resources.files("newsdesk.data").joinpath("header_model.json").read_text(encoding="utf-8")
    )
    model = load_header_model(spec)
    assert set(model.stage_one) == set(model.stage_two) == {"headline", "byline", "dateline"}
    assert "scrapinghub-aeb" not in spec["trained_on"]
    spec["features"] = spec["features"][:-1]
    with pytest.raises(RuntimeError, match="train_header_model"):
        load_header_model(spec)


def test_header_features_one_row_per_candidate(seed_text: str) -> None:
    view = header_view_of(seed_text, url="https://news.example/world/pilot-lands-plane-safely-2017")
    assert view is not None
    candidates, features = header_features(view)
    assert features.shape == (len(candidates), len(FEATURE_NAMES))
    assert all(view.zone().start <= index < view.zone().stop for index in candidates)
    assert np.isfinite(features).all()


def test_slug_words() -> None:
    assert slug_tokens("https://x.example/2024/05/city-council_votes.html?id=3") == {
        "city",
        "council",
        "votes",
    }
    assert slug_tokens(None) == set()


def test_rules_alone_still_read_the_seed(seed_text: str) -> None:
    with using_header_model(None):
        article = _extract(seed_text)
    assert article.authors == ["Jon Sharman"]
    assert article.published == datetime(2017, 4, 20, 21, 32, tzinfo=UTC)


def test_all_trees_at_once_equals_one_tree_at_a_time() -> None:
    spec = json.loads(
        resources.files("newsdesk.data").joinpath("header_model.json").read_text(encoding="utf-8")
    )
    model = load_header_model(spec)
    rng = np.random.default_rng(7)
    features = rng.normal(scale=3.0, size=(40, len(FEATURE_NAMES)))
    features[rng.random(features.shape) < 0.05] = np.nan
    for head in model.stage_one.values():
        assert np.allclose(predict_all_trees(head, features), head.predict(features))
