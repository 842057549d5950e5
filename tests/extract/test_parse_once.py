"""The HTML path parses a page once: the guards' cleaning and UTF-8 bytes are reused, the depth
guard looks at the parsed tree, and the result is the tree trafilatura's ``load_html`` builds."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import load_html

import newsdesk
from newsdesk.extract.encoding import decode
from newsdesk.extract.guards import (
    PARSER_SAFE_DEPTH,
    may_hold_control_chars,
    strip_control_chars,
    tree_too_deep,
    utf8_if_clean,
)
from newsdesk.extract.html import parse_clean_html

_ARTICLE = (
    "<p>The ferry left the harbour an hour late because the crew waited for fog to lift.</p>"
    "<p>Passengers said the crossing was calm once the boat cleared the breakwater.</p>"
)


def _same_tree(page: str, utf8: bytes | None = None) -> None:
    ours, theirs = parse_clean_html(page, utf8), load_html(page)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


@pytest.mark.parametrize(
    "page",
    [
        f"<!DOCTYPE html>\n<html><body>{_ARTICLE}</body></html>",
        # an XHTML doctype, which load_html strips from the first line
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        f"<html><body>{_ARTICLE}</body></html>",
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html><body>{_ARTICLE}</body></html>',
        f"<!doctype html><html><body>{_ARTICLE}</body></html>",  # no newline at all
        f'<html lang="en" />\n<body>{_ARTICLE}</body>',  # a self-closed html tag
        f'<?xml version="1.0" encoding="utf-8"?>\n<html><body>{_ARTICLE}</body></html>',
        "<p>one lonely block</p>",  # no html tag and one block: rejected, as load_html does
        f"<div>{_ARTICLE}</div><div>and another block</div>",
        "   ",
    ],
)
def test_parse_gives_load_htmls_tree(page: str) -> None:
    _same_tree(page)
    _same_tree(page, page.encode("utf-8"))


def test_parse_gives_load_htmls_tree_on_real_pages(aeb_pages: dict[str, tuple[bytes, str]]) -> None:
    for raw, _truth in list(aeb_pages.values())[:60]:
        decoded = decode(raw)
        text = strip_control_chars(decoded.text)
        _same_tree(text, decoded.utf8 if text is decoded.text else None)


def test_utf8_is_offered_only_for_clean_text() -> None:
    assert utf8_if_clean("café au lait") == "café au lait".encode()
    for dirty in ("a\x00b", "a\x1bb", "a\x7fb", "a\ud800b", "a\ufffeb", "a\uffffb"):
        assert utf8_if_clean(dirty) is None
        assert strip_control_chars(dirty) == "ab"
    clean = "tab\tand\nnewlines\r\n stay"
    assert strip_control_chars(clean) is clean


def test_control_bytes_and_noncharacters_are_spotted_in_bytes() -> None:
    assert not may_hold_control_chars("plain café\n".encode())
    assert may_hold_control_chars(b"a\x00b")
    assert may_hold_control_chars("a\ufffeb".encode())
    assert may_hold_control_chars("a\uffffb".encode())
    assert not may_hold_control_chars("a\ufffdb\uf8ffc".encode())  # neighbours of the two


def test_decoded_bytes_are_kept_only_when_they_are_the_text() -> None:
    page = "<html><body><p>naïve café</p></body></html>"
    assert decode(page.encode("utf-8")).utf8 == page.encode("utf-8")
    assert decode(page.encode("cp1252")).utf8 is None
    assert decode(page.encode("utf-8")[:-26] + "é".encode()[:1]).utf8 is None  # cut mid-character
    assert decode(page.encode("utf-8-sig")).utf8 is None


def test_a_tree_cut_short_by_the_parser_is_too_deep() -> None:
    deep = "<html><body>" + "<div>" * 300 + "words" + "</div>" * 300 + "</body></html>"
    tree = parse_clean_html(deep)
    assert tree is not None and tree_too_deep(tree, PARSER_SAFE_DEPTH)
    shallow = parse_clean_html(f"<html><body>{'<div>' * 150}{_ARTICLE}{'</div>' * 150}</body></html>")
    assert shallow is not None and not tree_too_deep(shallow, PARSER_SAFE_DEPTH)


@pytest.mark.parametrize(("levels", "too_deep"), [(10, False), (11, False), (12, True)])
def test_the_depth_bound_allows_for_the_wrappers_a_parser_adds(levels: int, too_deep: bool) -> None:
    # html and body around the page's own tags, and room for an implied p the parser may add
    tree = lxml_html.document_fromstring("<div>" * levels + "x")
    assert max(len(list(node.iterancestors())) for node in tree.iter()) == levels + 1
    assert tree_too_deep(tree, 10) is too_deep


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_deep_page_is_flattened_and_its_text_kept(as_bytes: bool) -> None:
    page = f"<html><body>{'<div>' * 2000}{_ARTICLE}{'</div>' * 2000}</body></html>"
    article = newsdesk.extract(page.encode() if as_bytes else page)
    assert article.status == "ok"
    assert "breakwater" in article.text
    assert any("flattened" in item.text for item in article.dropped if item.reason == "input guard")


def test_a_lower_depth_option_flattens_a_page_the_default_leaves() -> None:
    page = f"<html><body>{'<div>' * 30}{_ARTICLE}{'</div>' * 30}</body></html>"
    default = newsdesk.extract(page)
    assert not any("flattened" in item.text for item in default.dropped)
    shallow = newsdesk.extract(page, max_depth=10)
    assert any("flattened" in item.text for item in shallow.dropped if item.reason == "input guard")
    assert "breakwater" in shallow.text


@pytest.mark.parametrize(
    "page",
    [
        f"<html><body><h1>Café</h1>{_ARTICLE}</body></html>",  # non-ASCII, clean: size from the guards' copy
        f"<html><body><h1>Caf\x00é</h1>{_ARTICLE}</body></html>",  # cleaned first: size of the input
        f"<html><body>{_ARTICLE}</body></html>",  # ASCII
    ],
)
def test_the_input_size_is_that_of_the_caller_s_text_in_utf8(page: str) -> None:
    assert newsdesk.extract(page).provenance.bytes == len(page.encode("utf-8"))
    truncated = newsdesk.extract(page, max_bytes=120)
    assert truncated.provenance.bytes == len(page.encode("utf-8"))
