"""Picture captions and their credits, read from the page before chrome removal.

Body extractors (trafilatura included) throw figures away with the chrome, so captions
are collected first from ``<figure>/<figcaption>``, caption-classed elements and
``itemprop=caption``. A credit is taken from a credit-classed element inside the caption
(or its figure) or, failing that, from a trailing "Photo: X", "(Credit: X)", "X/Getty
Images", "© X" in the caption text. Teaser cards (mostly a link) and UI labels are not
captions. Patterns live in ``newsdesk/data/html_captions.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.model import Caption


@dataclass(frozen=True)
class _Rules:
    caption_xpaths: tuple[str, ...]
    credit_class_words: tuple[str, ...]
    credit_patterns: tuple[re.Pattern[str], ...]
    max_caption_chars: int
    min_caption_words: int
    max_link_share: float
    counter_prefix: re.Pattern[str]
    credit_prefix: re.Pattern[str]


@cache
def rules() -> _Rules:
    raw = json.loads(resources.files("newsdesk.data").joinpath("html_captions.json").read_text("utf-8"))
    return _Rules(
        caption_xpaths=tuple(raw["caption_xpaths"]),
        credit_class_words=tuple(raw["credit_class_words"]),
        credit_patterns=tuple(re.compile(pattern, re.IGNORECASE) for pattern in raw["credit_patterns"]),
        max_caption_chars=int(raw["max_caption_chars"]),
        min_caption_words=int(raw["min_caption_words"]),
        max_link_share=float(raw["max_link_share"]),
        counter_prefix=re.compile(raw["counter_prefix"], re.IGNORECASE),
        credit_prefix=re.compile(raw["credit_prefix"], re.IGNORECASE),
    )


def read_captions(tree: HtmlElement) -> list[Caption]:
    """Captions in document order, each once; ``tree`` is not modified."""
    captions: list[Caption] = []
    seen: set[HtmlElement] = set()
    for element in _caption_xpath()(tree):  # one union: document order, one evaluation
        if element in seen or any(ancestor in seen for ancestor in element.iterancestors()):
            continue
        seen.add(element)
        caption = caption_of(element)
        if caption:
            captions.append(caption)
    return merge_captions(captions)


@cache
def _caption_xpath() -> XPath:
    return XPath(" | ".join(rules().caption_xpaths))


def caption_of(element: HtmlElement) -> Caption | None:
    credit_elements = [child for child in element.iter() if child is not element and _is_credit(child)]
    figure = next((a for a in element.iterancestors("figure")), None)
    if not credit_elements and figure is not None:
        inside = set(element.iter())
        credit_elements = [child for child in figure.iter() if _is_credit(child) and child not in inside]
    credit = _squash(" ".join(c.text_content() for c in credit_elements[:1])) or None
    text = rules().counter_prefix.sub("", _text_without(element, credit_elements))
    if credit:
        credit = rules().credit_prefix.sub("", credit).strip(" ()[]") or None
    else:
        text, credit = split_credit(text)
    if _is_only_credit(text):
        return None  # "(Image: Agency)" on its own credits a picture, it does not caption one
    if len(text.split()) < rules().min_caption_words or len(text) > rules().max_caption_chars:
        return None  # UI labels ("Caption Close") and runaway containers
    linked = sum(len(_squash(link.text_content())) for link in element.iter("a"))
    if linked > rules().max_link_share * len(text):
        return None  # a teaser card linking to another story, not a picture caption
    return Caption(text=text, credit=credit)


def split_credit(text: str) -> tuple[str, str | None]:
    """'Crowds gathered. Photo: Ann Lee' -> ('Crowds gathered.', 'Ann Lee')."""
    for pattern in rules().credit_patterns:
        match = pattern.search(text)
        if match and match.start() > 0:
            credit = match.group("credit").strip(" .()[]")
            remainder = text[: match.start()].rstrip(" -–—|,(")
            if credit and remainder:
                return remainder, credit
    return text, None


def _is_only_credit(text: str) -> bool:
    return any(
        (match := pattern.search(text)) is not None and match.start() == 0
        for pattern in rules().credit_patterns
    ) or bool(re.fullmatch(r"[\(\[]?\s*(?:photo|picture|image|credit)s?\s*:[^\)\]]*[\)\]]?", text, re.I))


def merge_captions(captions: list[Caption]) -> list[Caption]:
    """One entry per caption text (a caption repeated, e.g. in a lightbox, comes out once)."""
    kept: dict[str, Caption] = {}
    for caption in captions:
        key = re.sub(r"\W+", " ", caption.text.lower()).strip()
        if key in kept:
            if kept[key].credit is None and caption.credit:
                kept[key] = caption
            continue
        kept[key] = caption
    return list(kept.values())


def _is_credit(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    marker = f"{element.get('class') or ''} {element.get('itemprop') or ''}".lower()
    return any(word in marker for word in rules().credit_class_words)


def _text_without(element: HtmlElement, excluded: list[HtmlElement]) -> str:
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node in excluded:
            if node.tail:
                parts.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return _squash(" ".join(parts))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
