"""Text mode: an article from text a scraper pulled off a page, chrome included."""

from __future__ import annotations

from newsdesk.model import Article, Block, Provenance
from newsdesk.options import Options


def extract_text(text: str, *, url: str | None, options: Options, provenance: Provenance) -> Article:
    provenance.extractor = "newsdesk-text"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Article(url=url, body=[Block(text=line) for line in lines], provenance=provenance)
