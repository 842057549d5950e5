"""Extraction: one raw page (HTML or scraped text) in, one ``Article`` out.

``extract`` never raises for bad page content: an unreadable page comes back as an
``Article`` with ``status="error"`` (or ``"empty"``) and a ``reason``, so a batch goes on.
It raises ``TypeError`` only when the caller passes an unknown option.
"""

from __future__ import annotations

import time
from typing import Any

from newsdesk import __version__
from newsdesk.errors import InputError
from newsdesk.extract.detect import detect_kind
from newsdesk.extract.encoding import decode
from newsdesk.extract.language import detect_language
from newsdesk.model import Article, InputKind, Provenance
from newsdesk.options import DEFAULT_OPTIONS, Options

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
    started = time.perf_counter()
    forced = InputKind(kind) if kind is not None else None
    provenance = Provenance(
        input_kind=forced or InputKind.text,
        extractor="newsdesk",
        version=__version__,
        source=source or url,
        bytes=len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace")),
        detected_kind=forced is None,
    )
    try:
        text = _to_text(data, content_type, opts, provenance)
        provenance.input_kind = forced or detect_kind(text)
        article = _dispatch(text, url=url, options=opts, provenance=provenance)
    except InputError as error:
        article = Article(url=url, provenance=provenance, status="error", reason=str(error))
    except RecursionError:
        article = Article(
            url=url, provenance=provenance, status="error", reason="page nested too deeply to parse"
        )
    except MemoryError:
        article = Article(
            url=url, provenance=provenance, status="error", reason="page too large to parse in memory"
        )
    if article.status == "ok" and not article.body:
        article.status = "empty"
        article.reason = article.reason or "no article body found (not an article page?)"
    if article.language is None and article.body:
        article.language = detect_language(article.text)
    provenance.seconds = round(time.perf_counter() - started, 4)
    return article


def _to_text(data: bytes | str, content_type: str | None, options: Options, provenance: Provenance) -> str:
    if isinstance(data, str):
        if not data.strip():
            raise InputError("empty input: no text to extract from")
        if "\x00" in data[:4096]:
            raise InputError("binary input: NUL characters in the text")
        provenance.encoding = "unicode"
        provenance.encoding_source = "str"
        return data[: options.max_bytes]
    decoded = decode(data[: options.max_bytes], content_type=content_type)
    provenance.encoding = decoded.encoding
    provenance.encoding_source = decoded.source
    return decoded.text


def _dispatch(text: str, *, url: str | None, options: Options, provenance: Provenance) -> Article:
    if provenance.input_kind is InputKind.html:
        from newsdesk.extract.html import extract_html

        return extract_html(text, url=url, options=options, provenance=provenance)
    from newsdesk.extract.text import extract_text

    return extract_text(text, url=url, options=options, provenance=provenance)
