"""Property: random and mutated pages never crash ``newsdesk.extract``; each gives an Article
with a status (and a reason whenever the status is not ``ok``) that serialises to JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdesk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGES = sorted(path.read_bytes() for path in EXAMPLES.glob("*") if path.suffix in (".html", ".txt"))
_TAG = re.compile(rb"<[^>]{0,200}>")

PROPERTY_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check(article: newsdesk.Article) -> None:
    assert isinstance(article, newsdesk.Article)
    assert article.status in ("ok", "empty", "error")
    if article.status != "ok":
        assert article.reason
    else:
        assert article.body
    json.loads(article.to_json())


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(PAGES)))
    for _ in range(draw(st.integers(1, 4))):
        mutation = draw(
            st.sampled_from(["truncate", "flip", "delete_tags", "nest", "splice_junk", "duplicate"])
        )
        if not page:
            break
        if mutation == "truncate":
            page = page[: draw(st.integers(0, len(page)))]
        elif mutation == "flip":
            for _ in range(draw(st.integers(1, 64))):
                at = draw(st.integers(0, len(page) - 1))
                page[at] = draw(st.integers(0, 255))
        elif mutation == "delete_tags":
            tags = list(_TAG.finditer(bytes(page)))
            doomed = (
                set(draw(st.lists(st.integers(0, max(0, len(tags) - 1)), max_size=40))) if tags else set()
            )
            for index in sorted(doomed, reverse=True):
                del page[tags[index].start() : tags[index].end()]
        elif mutation == "nest":
            at = draw(st.integers(0, len(page)))
            tag = draw(st.sampled_from([b"<div>", b"<span>", b"<b><i>", b"<td>", b"<ul><li>", b"<p>"]))
            page[at:at] = tag * draw(st.integers(100, 3_000))
        elif mutation == "splice_junk":
            at = draw(st.integers(0, len(page)))
            page[at:at] = draw(st.binary(min_size=1, max_size=2048))
        else:
            start = draw(st.integers(0, len(page) - 1))
            chunk = page[start : start + draw(st.integers(1, 4096))]
            page[start:start] = chunk * draw(st.integers(2, 8))
    return bytes(page)


@pytest.mark.skipif(not PAGES, reason="no example pages")
@PROPERTY_SETTINGS
@given(page=mutated_pages(), kind=st.sampled_from([None, "html", "text"]))
def test_mutated_example_pages_never_crash(page: bytes, kind: str | None) -> None:
    _check(newsdesk.extract(page, kind=kind))


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=20_000))
def test_random_bytes_never_crash(data: bytes) -> None:
    _check(newsdesk.extract(data))


@PROPERTY_SETTINGS
@given(
    text=st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                ["<", ">", "</", "<div>", "<p>", "</p>", "<!--", "-->", "<script>", "&amp;", "\n"]
            ),
        ),
        max_size=400,
    ).map("".join),
    kind=st.sampled_from([None, "html", "text"]),
)
def test_random_markup_text_never_crashes(text: str, kind: str | None) -> None:
    _check(newsdesk.extract(text, kind=kind))


_TAG_NAMES = [
    "div",
    "span",
    "p",
    "li",
    "ul",
    "b",
    "i",
    "td",
    "tr",
    "th",
    "table",
    "tbody",
    "thead",
    "section",
    "a",
    "br",
    "img",
    "dt",
    "dd",
    "center",
    "font",
    "form",
    "select",
    "option",
    "caption",
    "noscript",
    "object",
    "html",
    "head",
    "body",
]


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 600))):
        name = draw(st.sampled_from(_TAG_NAMES))
        shape = draw(st.sampled_from(["open", "open", "open", "close", "text"]))
        if shape == "open":
            pieces.append(f"<{name}>")
        elif shape == "close":
            pieces.append(f"</{name}>")
        else:
            pieces.append(draw(st.text(alphabet="abc xyz.", min_size=1, max_size=8)))
    return "<html><body>" + "".join(pieces) + "</body></html>"


@PROPERTY_SETTINGS
@given(html=tag_soup(), max_depth=st.integers(3, 60))
def test_flattening_only_removes_tags_and_bounds_the_parsed_depth(html: str, max_depth: int) -> None:
    """The nesting model errs deep, never shallow: what lxml builds stays within the limit."""
    from lxml import html as lxml_html

    from newsdesk.extract.guards import flatten_nesting

    flattened = flatten_nesting(html, max_depth)
    markup = re.compile(r"<[^>]*>")
    assert markup.sub("", flattened) == markup.sub("", html)  # every character of text survives
    tree = lxml_html.fromstring(flattened)
    deepest = max(sum(1 for _ in node.iterancestors()) for node in tree.iter())
    assert deepest <= max_depth + 2  # html/body and an implied element at most
