"""HTML mode: main content and metadata from a news page."""

from __future__ import annotations

from typing import Any

import trafilatura

from newsdesk.model import Article, Block, Provenance
from newsdesk.options import Options


def extract_html(html: str, *, url: str | None, options: Options, provenance: Provenance) -> Article:
    provenance.extractor = f"newsdesk-html+trafilatura-{trafilatura.__version__}"
    document: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if document is None:
        return Article(url=url, provenance=provenance, status="empty", reason="no main content found")
    paragraphs = [line.strip() for line in (document.text or "").split("\n") if line.strip()]
    return Article(
        url=url or document.url,
        headline=document.title,
        publisher=document.sitename,
        authors=[name.strip() for name in (document.author or "").split(";") if name.strip()],
        body=[Block(kind="paragraph", text=paragraph) for paragraph in paragraphs],
        provenance=provenance,
    )
