"""Metadata rules on their own: bylines, written dates, titles, JSON-LD quirks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml.html import document_fromstring

from newsdesk.extract.captions import split_credit
from newsdesk.extract.metadata import clean_authors, parse_date, read_metadata

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("By Ann Mercer", ["Ann Mercer"]),
        ("BY ANN MERCER", ["Ann Mercer"]),
        ("ByAnn Mercer", ["Ann Mercer"]),
        ("Written by Ann Mercer and Tom Reyes", ["Ann Mercer", "Tom Reyes"]),
        ("Ann Mercer, Tom Reyes & Lia Chen", ["Ann Mercer", "Tom Reyes", "Lia Chen"]),
        ("By Ann Mercer | Portwell Gazette", ["Ann Mercer"]),
        ("By Ann Mercer, Political Correspondent", ["Ann Mercer"]),
        ("By Ann Mercer on March 3, 2021 at 9:00", ["Ann Mercer"]),
        ("Authors: Ann Mercer; Tom Reyes", ["Ann Mercer", "Tom Reyes"]),
        ("Marna van der Merwe", ["Marna van der Merwe"]),
        ("Ann Mercer and Tom Reyes Monday", ["Ann Mercer", "Tom Reyes"]),
        ("Ann Mercer on Tuesday", ["Ann Mercer"]),
        ("Ann MercerWednesday", ["Ann Mercer"]),
        ("Sunday Okafor", ["Sunday Okafor"]),
        ("Grace Sunday Bello", ["Grace Sunday Bello"]),
        ("Gazette Staff", []),
        ("Associated Press", []),
        ("Reuters", []),
        ("The Editorial Board", []),
        ("https://news.example.org/authors/ann-mercer", []),
        ("admin", []),
        ("", []),
    ],
)
def test_bylines_yield_people_only(byline: str, people: list[str]) -> None:
    assert clean_authors(byline) == people


def test_publisher_name_is_not_an_author_in_visible_bylines() -> None:
    assert clean_authors("Portwell Gazette", publisher="Portwell Gazette") == []


@pytest.mark.parametrize(
    ("written", "utc", "offset"),
    [
        ("2021-03-08T09:15:00+01:00", datetime(2021, 3, 8, 8, 15, tzinfo=UTC), "+01:00"),
        ("2021-03-08T09:15:00Z", datetime(2021, 3, 8, 9, 15, tzinfo=UTC), "+00:00"),
        ("2021-03-08T09:15:00-0500", datetime(2021, 3, 8, 14, 15, tzinfo=UTC), "-05:00"),
        ("2021-03-08 09:15:00", datetime(2021, 3, 8, 9, 15, tzinfo=UTC), None),
        ("2021-03-08", datetime(2021, 3, 8, tzinfo=UTC), None),
        ("Mon, 08 Mar 2021 09:15:00 GMT", datetime(2021, 3, 8, 9, 15, tzinfo=UTC), "+00:00"),
        ("1615194900", datetime(2021, 3, 8, 9, 15, tzinfo=UTC), "+00:00"),
        ("March 8, 2021", datetime(2021, 3, 8, tzinfo=UTC), None),
    ],
)
def test_written_dates_become_utc_with_their_offset(written: str, utc: datetime, offset: str | None) -> None:
    parsed = parse_date(written, now=NOW)
    assert parsed is not None
    assert parsed == (utc, offset)


@pytest.mark.parametrize(
    "written",
    [
        "2030-01-01T00:00:00Z",  # after NOW
        "1970-01-01",  # before the web had news pages
        "function(){return new Date()}",
        "var d = '2021-03-08';",
        "{{ article.date }}",
        "yesterday-ish",
        "",
    ],
)
def test_impossible_or_scripted_dates_are_rejected(written: str) -> None:
    assert parse_date(written, now=NOW) is None


def test_title_keeps_the_headline_part() -> None:
    html = "<html><head><title>Pier closes for winter - Portwell Gazette</title></head><body></body></html>"
    assert read_metadata(document_fromstring(html), now=NOW).headline == "Pier closes for winter"


def test_lenient_json_ld_with_trailing_commas_and_a_comment_wrapper() -> None:
    script = """<!--{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Pier closes", "datePublished": "2021-03-08T09:15:00Z",
        "author": {"@type": "Person", "name": "Ann Mercer",},}-->"""
    html = f'<html><head><script type="application/ld+json">{script}</script></head><body></body></html>'
    meta = read_metadata(document_fromstring(html), now=NOW)
    assert meta.headline == "Pier closes"
    assert meta.authors == ["Ann Mercer"]
    assert meta.published == datetime(2021, 3, 8, 9, 15, tzinfo=UTC)


def test_article_object_wins_over_other_json_ld_objects() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@type": "BreadcrumbList", "name": "Home > Local"}</script>
    <script type="application/ld+json">[{"@type": "WebPage", "name": "Local news"},
      {"@type": ["NewsArticle"], "headline": "Pier closes", "articleSection": ["Local", "Coast"]}]</script>
    </head><body></body></html>"""
    meta = read_metadata(document_fromstring(html), now=NOW)
    assert meta.headline == "Pier closes"
    assert meta.section == "Local"


def test_twitter_written_by_label_names_the_author() -> None:
    html = """<html><head><meta name="twitter:label1" content="Written by">
    <meta name="twitter:data1" content="Ann Mercer"></head><body></body></html>"""
    assert read_metadata(document_fromstring(html), now=NOW).authors == ["Ann Mercer"]


def test_updated_before_published_is_dropped() -> None:
    html = """<html><head>
    <meta property="article:published_time" content="2021-03-08T09:15:00Z">
    <meta property="article:modified_time" content="2020-01-01T00:00:00Z"></head><body></body></html>"""
    meta = read_metadata(document_fromstring(html), now=NOW)
    assert meta.published is not None and meta.updated is None


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("Boats at the quay. Photo: Tom Reyes", "Boats at the quay.", "Tom Reyes"),
        ("Boats at the quay (Credit: Tom Reyes)", "Boats at the quay", "Tom Reyes"),
        ("Boats at the quay. © Portwell Gazette", "Boats at the quay.", "Portwell Gazette"),
        ("Boats at the quay Tom Reyes/Getty Images", "Boats at the quay", "Tom Reyes/Getty Images"),
        ("Boats at the quay", "Boats at the quay", None),
    ],
)
def test_caption_credits_are_split_off(caption: str, text: str, credit: str | None) -> None:
    assert split_credit(caption) == (text, credit)


def test_a_dated_address_is_the_last_resort_before_htmldate() -> None:
    html = "<html><head><title>Pier closes</title></head><body><p>No date here.</p></body></html>"
    meta = read_metadata(
        document_fromstring(html), "https://news.example.org/2021/03/08/pier-closes", now=NOW
    )
    assert meta.published == datetime(2021, 3, 8, tzinfo=UTC)
    assert meta.published_as_written is not None and meta.published_as_written.source == "url"


def test_the_visible_headline_wins_over_the_search_headline() -> None:
    html = (
        '<html><head><meta property="og:title" content="Pier closure: what it means for anglers | Coast News">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Pier closure explained"}'
        "</script></head><body><h1>Storm damage shuts the old pier until spring</h1></body></html>"
    )
    assert (
        read_metadata(document_fromstring(html), now=NOW).headline
        == "Storm damage shuts the old pier until spring"
    )


def test_a_logo_heading_does_not_become_the_headline() -> None:
    html = (
        '<html><head><meta property="og:title" content="Storm damage shuts the old pier until spring">'
        "</head><body><h1>Coast News</h1><h2>Storm damage shuts the old pier until spring</h2></body></html>"
    )
    assert (
        read_metadata(document_fromstring(html), now=NOW).headline
        == "Storm damage shuts the old pier until spring"
    )
