"""Tell HTML from scraped text."""

from __future__ import annotations

import re

from newsdesk.model import InputKind

_TAG = re.compile(
    r"<\s*/?\s*(html|head|body|div|p|article|section|span|a|meta|script|title|br|main|table|li)\b[^>]*>", re.I
)
_DOCTYPE = re.compile(
    r"^[\s\ufeff]*(?:<!--.*?-->[\s]*)*(<!doctype\s+html|<html|<\?xml|<head\b|<body\b)", re.I | re.S
)


def detect_kind(text: str) -> InputKind:
    """HTML when it opens like a document or tags make up a real share of its lines."""
    head = text[:4096]
    if _DOCTYPE.match(head):
        return InputKind.html
    sample = text[:200_000]
    tags = len(_TAG.findall(sample))
    lines = max(1, sample.count("\n") + 1)
    if tags >= 3 and tags / lines >= 0.2:
        return InputKind.html
    return InputKind.text
