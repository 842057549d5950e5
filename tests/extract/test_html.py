"""HTML mode on hand-written pages (our own words), plus a few real ScrapingHub pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from bench.scoring import score

import newsdesk
from newsdesk.extract.html import chrome_reason
from newsdesk.model import Article

PARAGRAPHS = [
    "The harbour authority in Portwell said on Monday that the northern pier would close for repairs "
    "after storms loosened several of its oldest timber piles during the winter months.",
    "Engineers who inspected the structure found that water had worked into the joints, and the "
    "authority decided that a full closure was safer than limiting the weight of vehicles.",
    "Fishing crews who use the pier every morning will be moved to the southern quay, where extra "
    "mooring points are being installed this week to make room for the larger boats.",
    "Local traders worry that fewer visitors will walk along the seafront while the work goes on, "
    "although the council has promised signs pointing people to the cafes on the old promenade.",
]


def page(
    head: str = "", body_top: str = "", body_bottom: str = "", paragraphs: list[str] | None = None
) -> str:
    text = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article>{body_top}{text}{body_bottom}</article></main>
<footer><p>Portwell Gazette, 1 Quay Street. Terms and privacy.</p></footer></body></html>"""


def run(html: str, url: str | None = "https://news.example.org/harbour/pier-closure") -> Article:
    return newsdesk.extract(html, url=url, kind="html")


def ld(payload: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(payload)}</script>'


# --------------------------------------------------------------------------- metadata


def test_json_ld_graph_gives_every_field() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://news.example.org/#site", "name": "Portwell Gazette"},
            {"@type": "Person", "@id": "https://news.example.org/#ann", "name": "Ann Mercer"},
            {
                "@type": "NewsArticle",
                "headline": "Northern pier to close for winter repairs",
                "description": "Storm damage forces the harbour authority to shut the structure.",
                "datePublished": "2021-03-08T09:15:00+01:00",
                "dateModified": "2021-03-08T12:00:00+01:00",
                "author": [
                    {"@id": "https://news.example.org/#ann"},
                    {"@type": "Person", "name": "Tom Reyes"},
                ],
                "publisher": {"@type": "Organization", "name": "Portwell Gazette"},
                "articleSection": "Local",
                "keywords": ["harbour", "storms"],
                "image": {
                    "@type": "ImageObject",
                    "url": "https://news.example.org/img/pier.jpg",
                    "caption": "The northern pier at low tide",
                },
            },
        ],
    }
    head = ld(graph) + '<link rel="canonical" href="/harbour/pier-closure">'
    article = run(page(head=head))
    assert article.headline == "Northern pier to close for winter repairs"
    assert article.standfirst == "Storm damage forces the harbour authority to shut the structure."
    assert article.authors == ["Ann Mercer", "Tom Reyes"]
    assert article.published == datetime(2021, 3, 8, 8, 15, tzinfo=UTC)
    assert article.published_as_written is not None
    assert article.published_as_written.text == "2021-03-08T09:15:00+01:00"
    assert article.published_as_written.utc_offset == "+01:00"
    assert article.published_as_written.source == "json-ld"
    assert article.updated == datetime(2021, 3, 8, 11, 0, tzinfo=UTC)
    assert article.publisher == "Portwell Gazette"
    assert article.section == "Local"
    assert article.tags == ["harbour", "storms"]
    assert article.url == "https://news.example.org/harbour/pier-closure"
    assert [image.url for image in article.images] == ["https://news.example.org/img/pier.jpg"]
    assert [caption.text for caption in article.captions] == ["The northern pier at low tide"]


def test_opengraph_and_meta_tags_alone_are_enough() -> None:
    head = """
    <title>Pier closes | Portwell Gazette</title>
    <meta property="og:title" content="Northern pier to close for winter repairs">
    <meta property="og:description" content="Storm damage forces a closure.">
    <meta property="og:site_name" content="Portwell Gazette">
    <meta property="article:published_time" content="2021-03-08T22:40:00-05:00">
    <meta property="article:section" content="Local">
    <meta property="article:tag" content="harbour"><meta property="article:tag" content="weather">
    <meta name="author" content="Ann Mercer">
    <meta property="og:url" content="https://news.example.org/harbour/pier-closure">"""
    article = run(page(head=head), url=None)
    assert article.headline == "Northern pier to close for winter repairs"
    assert article.standfirst == "Storm damage forces a closure."
    assert article.publisher == "Portwell Gazette"
    assert article.authors == ["Ann Mercer"]
    assert article.published == datetime(2021, 3, 9, 3, 40, tzinfo=UTC)
    assert article.published_as_written is not None
    assert article.published_as_written.utc_offset == "-05:00"
    assert article.published_as_written.source == "meta:article:published_time"
    assert article.tags == ["harbour", "weather"]
    assert article.url == "https://news.example.org/harbour/pier-closure"


def test_title_element_loses_its_site_name() -> None:
    head = "<title>Northern pier to close for winter repairs | Portwell Gazette</title>"
    head += '<meta property="og:site_name" content="Portwell Gazette">'
    assert run(page(head=head)).headline == "Northern pier to close for winter repairs"


def test_visible_byline_keeps_people_and_drops_organisations() -> None:
    byline = '<p class="byline">By Ann Mercer and Staff Reporters | Portwell Gazette</p>'
    article = run(page(body_top=byline))
    assert article.authors == ["Ann Mercer"]


@pytest.mark.parametrize(
    "author",
    [
        {"@type": "Organization", "name": "Portwell Gazette"},
        {"@type": "Person", "name": "Gazette Staff"},
        {"@type": "Person", "name": "https://news.example.org/authors/ann"},
        "Associated Press",
    ],
)
def test_organisations_staff_and_urls_are_not_authors(author: object) -> None:
    head = ld({"@type": "NewsArticle", "headline": "Pier closes", "author": author})
    assert run(page(head=head)).authors == []


def test_joint_byline_is_split_into_people() -> None:
    head = '<meta name="author" content="Ann Mercer, Tom Reyes and Lia Chen">'
    assert run(page(head=head)).authors == ["Ann Mercer", "Tom Reyes", "Lia Chen"]


def test_future_date_is_rejected_in_favour_of_a_sane_one() -> None:
    head = ld({"@type": "NewsArticle", "headline": "Pier closes", "datePublished": "2099-01-01T00:00:00Z"})
    head += '<meta property="article:published_time" content="2020-06-01T10:00:00Z">'
    article = run(page(head=head))
    assert article.published == datetime(2020, 6, 1, 10, 0, tzinfo=UTC)
    assert article.published_as_written is not None
    assert article.published_as_written.source == "meta:article:published_time"


def test_javascript_is_never_a_date() -> None:
    head = ld(
        {"@type": "NewsArticle", "headline": "Pier closes", "datePublished": "new Date().toISOString()"}
    )
    head += '<meta name="date" content="function(){return 2021-01-01}">'
    article = run(page(head=head))
    assert article.published is None or article.published.year != 2021


def test_time_element_is_a_date_source() -> None:
    top = '<time datetime="2019-11-18T14:05:00Z">18 November 2019</time>'
    article = run(page(body_top=top))
    assert article.published == datetime(2019, 11, 18, 14, 5, tzinfo=UTC)
    assert article.published_as_written is not None
    assert article.published_as_written.source == "time-element"


# --------------------------------------------------------------------------- captions


def test_figure_captions_with_credits_come_out_once_and_not_in_the_body() -> None:
    figure = (
        '<figure><img src="/img/pier.jpg"><figcaption>Waves break over the pier wall '
        '<span class="credit">Lia Chen/Portwell Gazette</span></figcaption></figure>'
    )
    figure_with_trailing_credit = (
        '<figure><img src="/img/quay.jpg"><figcaption>Boats moored at the southern quay. '
        "Photo: Tom Reyes</figcaption></figure>"
    )
    html = page(body_top=figure + figure_with_trailing_credit, body_bottom=figure)
    article = run(html)
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Waves break over the pier wall", "Lia Chen/Portwell Gazette"),
        ("Boats moored at the southern quay.", "Tom Reyes"),
    ]
    assert "Waves break" not in article.text


# --------------------------------------------------------------------------- body


def test_block_kinds_follow_the_markup() -> None:
    extra = """
    <h2>What changes for crews</h2>
    <ul><li>Mooring moves to the southern quay for the whole winter season</li>
        <li>Morning landings start thirty minutes later than before</li></ul>
    <blockquote><p>We would rather lose a season than lose a boat to a failing pier.</p></blockquote>
    <table><tr><th>Berth</th><th>Length</th></tr><tr><td>South 1</td><td>18 m</td></tr>
    <tr><td>South 2</td><td>22 m</td></tr></table>"""
    article = run(page(body_bottom=extra))
    kinds = {block.kind for block in article.body}
    assert {"paragraph", "heading", "list_item", "quote", "table"} <= kinds
    heading = next(block for block in article.body if block.kind == "heading")
    assert heading.text == "What changes for crews"
    items = [block.text for block in article.body if block.kind == "list_item"]
    assert items[0].startswith("Mooring moves")
    table = next(block for block in article.body if block.kind == "table")
    assert "South 2" in table.text and "22 m" in table.text


def test_headline_repeated_at_the_top_leaves_the_body_and_is_recorded() -> None:
    head = '<meta property="og:title" content="Northern pier to close for winter repairs">'
    article = run(page(head=head, body_top="<h1>Northern pier to close for winter repairs</h1>"))
    assert article.headline == "Northern pier to close for winter repairs"
    assert all("Northern pier to close" not in block.text for block in article.body)
    assert any(item.reason == "repeats the headline" for item in article.dropped)
    assert article.body[0].text == PARAGRAPHS[0]


def test_chrome_lines_are_dropped_with_a_reason() -> None:
    chrome = "<p>READ MORE: Ferry timetable changes for the spring season</p>"
    article = run(page(body_bottom=chrome))
    assert all("READ MORE" not in block.text for block in article.body)
    assert any("READ MORE" in item.text and item.reason.startswith("chrome") for item in article.dropped)


def test_chrome_reason_leaves_article_sentences_alone() -> None:
    assert chrome_reason("Related: ten things to do in town") is not None
    assert chrome_reason(PARAGRAPHS[0]) is None
    assert chrome_reason("Readers shared the story widely on Monday.") is None


def test_page_without_text_is_empty_with_a_reason() -> None:
    article = run("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert article.status in {"empty", "error"}
    assert article.reason


# --------------------------------------------------------------------------- real pages


def test_a_few_scrapinghub_pages_score_well(aeb_pages: dict[str, tuple[bytes, str]]) -> None:
    sample = sorted(aeb_pages)[::30]  # six pages spread over the set, chosen by id order only
    predictions = {}
    for page_id in sample:
        html, truth = aeb_pages[page_id]
        article = newsdesk.extract(html, kind="html")
        assert article.body, page_id
        assert article.headline, page_id
        predictions[page_id] = ("\n".join(block.text for block in article.body), truth)
    _precision, _recall, f1 = score(predictions)
    assert f1 > 0.85


def test_loose_text_between_elements_is_kept_in_place() -> None:
    from lxml import etree

    from newsdesk.extract.html import blocks_from_xml

    body = etree.fromstring("<body><head>Costs</head>Prices rose again.<p>Crews moved south.</p></body>")
    assert [(b.kind, b.text) for b in blocks_from_xml(body)] == [
        ("heading", "Costs"),
        ("paragraph", "Prices rose again."),
        ("paragraph", "Crews moved south."),
    ]


def test_paragraphs_of_a_split_article_are_put_back_once_in_order() -> None:
    from lxml.html import document_fromstring

    from newsdesk.extract.html import recover_split_paragraphs
    from newsdesk.model import Block

    first, second = PARAGRAPHS[:2], PARAGRAPHS[2:]
    chunk = '<div class="story-chunk">{}</div>'
    html = (
        "<html><body><article>"
        + chunk.format("".join(f"<p>{p}</p>" for p in first))
        + '<div class="ad">Advertisement</div>'
        + chunk.format("".join(f"<p>{p}</p>" for p in second))
        + "</article></body></html>"
    )
    kept = [Block(text=first[0]), Block(text=first[1]), Block(text=second[1].replace(" ", "  "))]
    recovered = recover_split_paragraphs(document_fromstring(html), kept)
    assert [block.text for block in recovered] == [
        first[0],
        first[1],
        second[0],
        second[1].replace(" ", "  "),
    ]


def test_language_comes_from_the_body_not_the_template() -> None:
    french = [
        "La capitainerie de Portwell a annoncé lundi que la jetée nord fermera pour des travaux après "
        "les tempêtes de l'hiver, qui ont fragilisé plusieurs de ses plus vieux pieux en bois.",
        "Les ingénieurs ont constaté que l'eau s'était infiltrée dans les assemblages, et la capitainerie "
        "a jugé qu'une fermeture complète était plus sûre qu'une limite de poids pour les véhicules.",
        "Les pêcheurs qui utilisent la jetée chaque matin seront déplacés vers le quai sud, où de "
        "nouveaux points d'amarrage sont installés cette semaine pour accueillir les plus grands bateaux.",
    ]
    html = page(paragraphs=french).replace('<html lang="en">', '<html lang="en-GB">')
    assert run(html).language == "fr"
