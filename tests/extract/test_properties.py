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
