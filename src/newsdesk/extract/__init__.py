"""Extraction: one raw page (HTML or scraped text) in, one ``Article`` out.

``extract`` never raises for bad page content: an unreadable page comes back as an
``Article`` with ``status="error"`` (or ``"empty"``) and a ``reason``, so a batch goes on.
It raises only when the caller makes a mistake: ``TypeError`` for an unknown option or data
that is neither bytes nor str, ``ValueError`` for an unknown ``kind``.

The order: cap the size, decode, drop control characters, detect the kind, slim HTML, parse
it once and flatten (and parse again) only a tree found too deep, or cut over-long text
(``guards``), extract, then refuse bodies that are no article
(``nonarticle``) — all inside a per-page time budget (``guards.DEFAULT_PAGE_SECONDS``, or
``Options.page_timeout`` where the options carry one). What the guards changed is listed in
``dropped`` with the reason ``input guard``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from newsdesk import __version__
from newsdesk.errors import InputError
from newsdesk.extract import guards
from newsdesk.extract.detect import detect_kind
from newsdesk.extract.encoding import decode
from newsdesk.extract.guards import (
    BINARY_CONTROL_RATIO,
    GuardReport,
    PageTimeout,
    cap_html,
    cap_text,
    control_ratio,
    flatten_nesting,
    may_hold_control_chars,
    page_deadline,
    strip_control_chars,
    tree_too_deep,
    utf8_if_clean,
)
from newsdesk.extract.language import detect_language
from newsdesk.extract.nonarticle import not_an_article
from newsdesk.model import Article, Dropped, InputKind, Provenance
from newsdesk.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["extract"]


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    kind: InputKind | str | None = None,
    content_type: str | None = None,
    source: str | None = None,
    options: Options | None = None,
    **overrides: Any,
) -> Article:
    """Turn one raw page into an ``Article``.

    ``data`` is HTML or scraped text, as bytes (decoded from the HTTP ``content_type``,
    a BOM, ``<meta charset>`` or detection) or str. ``kind`` forces ``"html"`` or
    ``"text"``; by default it is detected. Any ``Options`` field may be given as a keyword.
    """
    opts = (
        (options or DEFAULT_OPTIONS).with_overrides(**overrides)
        if overrides
        else (options or DEFAULT_OPTIONS)
    )
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes | str):
        raise TypeError(f"extract() takes bytes or str, not {type(data).__name__}")
    started = time.perf_counter()
    forced = InputKind(kind) if kind is not None else None
    provenance = Provenance(
        input_kind=forced or InputKind.text,
        extractor="newsdesk",
        version=__version__,
        source=source or url,
        # for non-ASCII text the guards' UTF-8 copy gives the size below, saving an encoding
        bytes=len(data) if isinstance(data, bytes) or data.isascii() else None,
        detected_kind=forced is None,
    )
    report = GuardReport()
    try:
        with page_deadline(getattr(opts, "page_timeout", guards.DEFAULT_PAGE_SECONDS)):
            text, utf8 = _to_text(data, content_type, opts, provenance, report)
            if provenance.bytes is None and utf8 is not None and text is data:
                provenance.bytes = len(utf8)
            provenance.input_kind = forced or detect_kind(text)
            article = _dispatch(text, utf8, url=url, options=opts, provenance=provenance, report=report)
    except InputError as error:
        article = _failed(url, provenance, str(error))
    except PageTimeout as error:
        article = _failed(url, provenance, str(error))
    except RecursionError:
        article = _failed(url, provenance, "page nested too deeply to parse")
    except MemoryError:
        article = _failed(url, provenance, "page too large to parse in memory")
    except Exception as error:  # the contract: bad content never takes a batch down
        article = _failed(url, provenance, f"extractor failed: {type(error).__name__}: {error}"[:500])
    if provenance.bytes is None and isinstance(data, str):
        provenance.bytes = len(data.encode("utf-8", "replace"))
    article.dropped.extend(Dropped(text=note, reason="input guard") for note in report.notes)
    if article.status == "ok":
        _require_body(article, opts)
    if article.language is None and article.body:
        article.language = detect_language(article.text)
    provenance.seconds = round(time.perf_counter() - started, 4)
    return article


def _failed(url: str | None, provenance: Provenance, reason: str) -> Article:
    return Article(url=url, provenance=provenance, status="error", reason=reason)


def _require_body(article: Article, options: Options) -> None:
    """An article needs a body; a scrap of text (a login wall, a link list) is not one."""
    if not article.body:
        article.status = "empty"
        article.reason = article.reason or "no article body found (not an article page?)"
        return
    length = sum(len(block.text) for block in article.body)
    if length < options.min_body_chars:
        _empty_body(
            article,
            f"body of {length} characters is too short for an article (login wall or index page?)",
            f"body shorter than {options.min_body_chars} characters",
        )


def _to_text(
    data: bytes | str, content_type: str | None, options: Options, provenance: Provenance, report: GuardReport
) -> tuple[str, bytes | None]:
    """The page as text, cleaned of control characters, and as UTF-8 when that comes for free."""
    utf8: bytes | None
    if isinstance(data, str):
        if len(data) > options.max_bytes:
            report.add(f"input of {len(data)} characters truncated to {options.max_bytes}")
            data = data[: options.max_bytes]
        if not data or data.isspace():
            raise InputError("empty input: no text to extract from")
        text = data
        utf8 = utf8_if_clean(data)
        if utf8 is None:  # something to strip: first make sure it is a page, not binary junk
            if control_ratio(data) > BINARY_CONTROL_RATIO:
                raise InputError("binary input: control characters make up much of the text")
            text = strip_control_chars(data, report)
        provenance.encoding = "unicode"
        provenance.encoding_source = "str"
    else:
        if len(data) > options.max_bytes:
            report.add(f"input of {len(data)} bytes truncated to {options.max_bytes}")
            data = data[: options.max_bytes]
        decoded = decode(data, content_type=content_type)
        provenance.encoding = decoded.encoding
        provenance.encoding_source = decoded.source
        text, utf8 = decoded.text, decoded.utf8
        # Checking the bytes is ten times cheaper than the text; UTF-16/32 bytes are all NULs.
        if decoded.encoding.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) or may_hold_control_chars(
            data
        ):
            stripped = strip_control_chars(text, report)
            if stripped is not text:
                text, utf8 = stripped, None
    if not text or text.isspace():
        raise InputError("empty input: nothing but whitespace and control characters")
    return text, utf8


def _dispatch(
    text: str,
    utf8: bytes | None,
    *,
    url: str | None,
    options: Options,
    provenance: Provenance,
    report: GuardReport,
) -> Article:
    html: str | None = None
    if provenance.input_kind is InputKind.html:
        from newsdesk.extract.html import extract_html

        html, tree = _parse_guarded(text, utf8, options, report)
        article = extract_html(html, url=url, options=options, provenance=provenance, tree=tree)
    else:
        from newsdesk.extract.text import extract_text

        text = cap_text(text, report=report)
        article = extract_text(text, url=url, options=options, provenance=provenance)
    reason = None
    if article.status == "ok" and article.body:
        reason = not_an_article(article, html=html, min_body_chars=options.min_body_chars)
    if reason:
        _empty_body(article, reason, reason.split(":", 1)[0])
    return article


def _parse_guarded(
    text: str, utf8: bytes | None, options: Options, report: GuardReport
) -> tuple[str, HtmlElement | None]:
    """The page capped in size, parsed once, and flattened and parsed again only if too deep.

    The same guards as ``prepare_html``, with the depth proved on the parsed tree: a real page
    pays one parse and one XPath instead of a scan of its tags before the parse.
    """
    from newsdesk.extract.html import parse_clean_html

    html = cap_html(text, report=report)
    tree = parse_clean_html(html, utf8 if html is text else None)
    max_depth = min(options.max_depth, guards.PARSER_SAFE_DEPTH)
    if tree is not None and tree_too_deep(tree, max_depth):
        flattened = flatten_nesting(html, max_depth, report)
        if flattened is not html:
            html, tree = flattened, parse_clean_html(flattened)
    return html, tree


def _empty_body(article: Article, reason: str, dropped_reason: str) -> None:
    """Mark ``article`` as having no body, keeping the removed blocks in ``dropped``."""
    article.dropped.extend(Dropped(text=block.text, reason=dropped_reason) for block in article.body)
    article.body = []
    article.status = "empty"
    article.reason = reason
