"""HTML mode: main content and metadata from one news page.

The page is parsed once with lxml. Metadata (``metadata.py``) and picture captions
(``captions.py``) are read from that tree first, because body extraction throws
figures and bylines away. The body comes from trafilatura's own extractor run in fast
mode (no readability/jusText vote: measured on the ScrapingHub pages it is both faster
and at least as accurate), on a copy of the tree pruned by our chrome XPaths. Its XML
output keeps block kinds (paragraph, heading, list item, quote, table), so they carry
over. On top come three measured layers:

* the headline is a field of its own, so a leading block repeating it leaves the body;
* chrome blocks the extractor let through — "Read more:" teasers, sign-up prompts,
  share/follow lines, dateline stamps — are dropped by the data-driven lexicon in
  ``newsdesk/data/html_chrome.json`` and recorded in ``dropped``;
* long paragraphs the extractor skipped although they sit in the same kind of
  container as the text it kept (articles split into chunks around ads) are put back
  in document order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import trafilatura
from lxml import etree
from lxml.etree import XPath
from lxml.html import HtmlElement
from lxml.html import fromstring as lxml_fromstring
from trafilatura.core import trafilatura_sequence
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.settings import Extractor
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    HTML_PARSER,
    fromstring_bytes,
    is_dubious_html,
    load_html,
)

from newsdesk.extract.captions import merge_captions, read_captions
from newsdesk.extract.language import detect_language
from newsdesk.extract.metadata import PageMetadata, read_metadata
from newsdesk.model import Article, Block, BlockKind, Dropped, Provenance
from newsdesk.options import Options

# --------------------------------------------------------------------------- rules (data)


@dataclass(frozen=True)
class _Rules:
    prune_xpaths: tuple[str, ...]
    strip_tags: tuple[str, ...]
    fallback_page_share: float
    language_sample_chars: int
    recover_min_chars: int
    recover_min_siblings: int
    chrome_patterns: tuple[re.Pattern[str], ...]
    chrome_max_words: int


@cache
def rules() -> _Rules:
    raw = json.loads(resources.files("newsdesk.data").joinpath("html_chrome.json").read_text("utf-8"))
    return _Rules(
        prune_xpaths=tuple(raw["prune_xpaths"]),
        strip_tags=tuple(raw["strip_tags"]),
        fallback_page_share=float(raw["fallback_page_share"]),
        language_sample_chars=int(raw["language_sample_chars"]),
        recover_min_chars=int(raw["recover_min_chars"]),
        recover_min_siblings=int(raw["recover_min_siblings"]),
        chrome_patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["chrome_patterns"]),
        chrome_max_words=int(raw["chrome_max_words"]),
    )


# --------------------------------------------------------------------------- entry point


def extract_html(
    html: str,
    *,
    url: str | None,
    options: Options,
    provenance: Provenance,
    tree: HtmlElement | None = None,
) -> Article:
    """The article in ``html``; ``tree`` is ``html`` already parsed (``parse_clean_html``), if it is."""
    provenance.extractor = f"newsdesk-html+trafilatura-{trafilatura.__version__}"
    # a page the caller parsed with parse_clean_html was cleaned by the guards: a second parse
    # (the fallback below) can skip load_html's character pass too
    parse: Callable[[str], HtmlElement | None] = load_html if tree is None else parse_clean_html
    if tree is None:
        tree = load_html(html)
    if tree is None:
        return Article(
            url=url, provenance=provenance, status="error", reason="unparseable HTML: no document tree"
        )

    meta = read_metadata(tree, url)
    captions = merge_captions(read_captions(tree) + meta.captions) if options.include_captions else []
    blocks = _body_blocks(html, tree, url, options, parse)
    blocks, dropped = _drop_repeated_fields(blocks, meta)
    blocks, chrome = _drop_chrome(blocks)
    dropped += chrome

    article = Article(
        url=meta.url or url,
        publisher=meta.publisher,
        headline=meta.headline,
        standfirst=meta.standfirst,
        authors=meta.authors,
        published=meta.published,
        published_as_written=meta.published_as_written,
        updated=meta.updated,
        section=meta.section,
        tags=meta.tags,
        body=blocks,
        captions=captions,
        images=meta.images,
        dropped=dropped,
        provenance=provenance,
    )
    if not blocks:
        article.status = "empty"
        article.reason = "no main content found (not an article page?)"
    else:
        article.language = _language(blocks, meta.language)
    return article


def parse_clean_html(html: str, utf8: bytes | None = None) -> HtmlElement | None:
    """trafilatura's ``load_html`` for a page the guards already cleaned: the same tree.

    ``load_html`` first deletes the characters XML forbids with a regex over the whole page
    (0.8 ms on a news page, half the parse); ``guards.strip_control_chars`` has removed
    those and more, so the pass is skipped. ``utf8``, when given, is ``html`` encoded as
    UTF-8 (the guards make it on their way): libxml2 parses it faster than the str.
    """
    beginning = html[:50].lower()
    repaired = _repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    if utf8 is not None and repaired is html:
        parsed_bytes = True
        try:
            tree = lxml_fromstring(utf8, parser=HTML_PARSER)
        except Exception:  # as load_html: an unparseable page has no tree
            tree = None
    else:
        parsed_bytes = False
        try:
            tree = lxml_fromstring(repaired, parser=HTML_PARSER)
        except ValueError:  # a str declaring its encoding (<?xml encoding=...?>): parse the bytes
            tree = fromstring_bytes(repaired)
            parsed_bytes = True
        except Exception:
            tree = None
    if (tree is None or len(tree) < 1) and not parsed_bytes:
        tree = fromstring_bytes(repaired)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # load_html's rejection: no html tag and a single block is no document
    return tree


def _repair_faulty_html(html: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html`` without its character pass; ``html`` itself when
    it needs no repair (the original always copies the page)."""
    if "doctype" in beginning:
        firstline, newline, rest = html.partition("\n")
        repaired = DOCTYPE_TAG.sub("", firstline, count=1)
        if repaired != firstline or not newline:
            html = repaired + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def _language(blocks: list[Block], declared: str | None) -> str | None:
    """Language of the body from its opening (identification needs no more), else the page's claim.

    A sample of ``language_sample_chars`` (600) keeps identification under half a millisecond;
    on 481 ScrapingHub and WCXB-dev bodies it agreed with the full text on 480 (the one
    disagreement: a Latin quotation deeper in an English article). The page's ``<html lang>``
    is the fallback when the text is too short.
    """
    sample: list[str] = []
    size = 0
    for block in blocks:
        sample.append(block.text)
        size += len(block.text)
        if size >= rules().language_sample_chars:
            break
    return detect_language("\n".join(sample)[: rules().language_sample_chars]) or declared


# --------------------------------------------------------------------------- body


def _body_blocks(
    html: str,
    tree: HtmlElement,
    url: str | None,
    options: Options,
    parse: Callable[[str], HtmlElement | None] = load_html,
) -> list[Block]:
    """Trafilatura's main extractor on our tree, consumed in place (metadata was read first).

    ``trafilatura_sequence`` is the cascade ``bare_extraction`` runs after copying the tree
    and reading metadata; calling it directly skips both, since newsdesk owns the tree and
    reads metadata itself. The trafilatura version is pinned in pyproject.toml.

    Fast mode (no readability/jusText vote) is as accurate on news pages and cheaper; when
    it returns less than ``fallback_page_share`` of the page's visible text — it missed the
    content, typical of non-news layouts — the full cascade runs on a fresh parse.
    """
    # markup no extractor reads; stripping it first makes every later pass and copy cheaper
    etree.strip_elements(tree, *rules().strip_tags, with_tail=False)
    page_chars = int(_BODY_CHARS(tree))  # what a reader could see, spaces squashed
    blocks, tree = _trafilatura_blocks(tree, url, options, fast=True)
    if sum(len(block.text) for block in blocks) < rules().fallback_page_share * page_chars:
        fresh = parse(html)
        if fresh is not None:
            fuller, fresh = _trafilatura_blocks(fresh, url, options, fast=False)
            if sum(len(b.text) for b in fuller) > sum(len(b.text) for b in blocks):
                blocks, tree = fuller, fresh
    return recover_split_paragraphs(tree, blocks) if rules().recover_min_chars else blocks


_BODY_CHARS = XPath("string-length(normalize-space(//body))")


def _trafilatura_blocks(
    tree: HtmlElement, url: str | None, options: Options, *, fast: bool
) -> tuple[list[Block], HtmlElement]:
    settings = Extractor(
        output_format="python", fast=fast, comments=False, tables=options.include_tables, url=url
    )
    if rules().prune_xpaths:
        tree = prune_unwanted_nodes(tree, _prune_xpaths())
    try:
        body, _text, _comments, _comments_text = trafilatura_sequence(tree, settings, url)
    except ValueError:
        return [], tree
    return blocks_from_xml(body), tree


@cache
def _prune_xpaths() -> list[XPath]:
    return [XPath(expression) for expression in rules().prune_xpaths]


_KINDS: dict[str, BlockKind] = {"p": "paragraph", "head": "heading", "quote": "quote", "code": "paragraph"}


def blocks_from_xml(body: etree._Element) -> list[Block]:
    """Trafilatura's output XML (p, head, list/item, quote, table/row/cell) as typed blocks.

    Text can also sit loose between elements (the tail of a heading, say): it becomes a
    paragraph of its own, where it stands.
    """
    blocks: list[Block] = []
    _add_loose(blocks, body.text, "paragraph")
    for element in body:
        tag = element.tag
        if tag == "list":
            blocks.extend(
                Block(kind="list_item", text=text)
                for item in element.iter("item")
                if (text := _item_text(item))
            )
        elif tag == "table":
            text = _table_text(element)
            if text:
                blocks.append(Block(kind="table", text=text))
        elif tag == "quote" and len(element) and all(child.tag == "p" for child in element):
            _add_loose(blocks, element.text, "quote")
            for child in element:
                _add_loose(blocks, _text(child), "quote")
                _add_loose(blocks, child.tail, "quote")
        else:
            text = _text(element)
            if text:
                blocks.append(Block(kind=_KINDS.get(str(tag), "paragraph"), text=text))
        _add_loose(blocks, element.tail, "paragraph")
    return blocks


def _add_loose(blocks: list[Block], text: str | None, kind: BlockKind) -> None:
    squashed = " ".join((text or "").split())
    if squashed:
        blocks.append(Block(kind=kind, text=squashed))


_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")


def _text(element: etree._Element) -> str:
    # most paragraphs are a single text node: no need to walk children
    text = (element.text or "") if not len(element) else "".join(_ordered_text(element))
    return "\n".join(_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n") if line.strip())


def _ordered_text(element: etree._Element) -> list[str]:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.extend(_ordered_text(child))
        parts.append(child.tail or "")
    return parts


def _item_text(item: etree._Element) -> str:
    """A list item's own text, without a nested list (its items come as blocks of their own)."""
    parts: list[str] = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.extend(_ordered_text(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _table_text(table: etree._Element) -> str:
    rows = []
    for row in table.iter("row"):
        cells = [re.sub(r"\s+", " ", "".join(_ordered_text(cell))).strip() for cell in row.iter("cell")]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


# --------------------------------------------------------------------------- split articles


def recover_split_paragraphs(tree: HtmlElement, blocks: list[Block]) -> list[Block]:
    """Put back long paragraphs that sit in the same kind of container as the kept text.

    Sites cut an article into several sibling containers around ads and teasers; the
    extractor keeps the first and loses the rest. A long, link-poor ``<p>`` whose parent
    has the tag and class of the parents of paragraphs already kept is article text, and
    goes back after the kept paragraph that precedes it in the page.
    """
    kept_index = {_squash(block.text): number for number, block in enumerate(blocks)}
    signatures: dict[tuple[str, str], int] = {}
    paragraphs: list[tuple[HtmlElement, str]] = []
    for element in _long_paragraphs()(tree, chars=rules().recover_min_chars):
        text = _squash(element.text_content())
        paragraphs.append((element, text))
        if text in kept_index:
            signature = _signature(element)
            signatures[signature] = signatures.get(signature, 0) + 1
    established = {sig for sig, count in signatures.items() if count >= rules().recover_min_siblings}
    if not established:
        return blocks
    inserts: dict[int, list[Block]] = {}
    present: set[tuple[str, ...]] | None = None
    previous = -1
    for element, text in paragraphs:
        if text in kept_index:
            previous = kept_index[text]
            continue
        if _signature(element) not in established or previous < 0 or _link_share(element, text) > 0.3:
            continue
        if present is None:
            present = {gram for block in blocks for gram in _word_grams(block.text)}
        grams = _word_grams(text)
        if len(grams & present) > 0.5 * len(grams):
            continue  # already in the body, in a slightly different spelling (inline markup, breaks)
        present |= grams
        inserts.setdefault(previous, []).append(Block(kind="paragraph", text=text))
    if not inserts:
        return blocks
    merged: list[Block] = []
    for number, block in enumerate(blocks):
        merged.append(block)
        merged.extend(inserts.get(number, []))
    return merged


_WORD = re.compile(r"\w+")


def _word_grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


@cache
def _long_paragraphs() -> XPath:
    return XPath("//p[string-length(normalize-space(.)) >= $chars]")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _signature(element: HtmlElement) -> tuple[str, str]:
    parent = element.getparent()
    if parent is None:
        return ("", "")
    return (str(parent.tag), " ".join(sorted((parent.get("class") or "").split())))


def _link_share(element: HtmlElement, text: str) -> float:
    linked = sum(len(link.text_content()) for link in element.iter("a"))
    return linked / max(1, len(text))


# --------------------------------------------------------------------------- post-filters


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _drop_repeated_fields(blocks: list[Block], meta: PageMetadata) -> tuple[list[Block], list[Dropped]]:
    """A leading block that repeats the headline is the headline field, not body.

    (A leading block equal to the standfirst is left alone: on the ScrapingHub pages it was
    article text as often as not, since many sites use the first paragraph as description.)
    """
    if blocks and meta.headline and _normalise(blocks[0].text) == _normalise(meta.headline):
        return blocks[1:], [Dropped(text=blocks[0].text, reason="repeats the headline")]
    return blocks, []


def _drop_chrome(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for block in blocks:
        reason = chrome_reason(block.text)
        if reason:
            dropped.append(Dropped(text=block.text, reason=reason))
        else:
            kept.append(block)
    return kept, dropped


def chrome_reason(text: str) -> str | None:
    """Why a short block is site chrome rather than article text, or None."""
    if len(text.split()) > rules().chrome_max_words:
        return None
    for pattern in rules().chrome_patterns:
        if pattern.search(text):
            return f"chrome: matches {pattern.pattern!r}"
    return None
