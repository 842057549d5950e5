"""Bytes to text: BOM, then the HTTP header, then <meta charset>, then detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsdesk.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# How many bytes of the head are searched for <meta charset>: the HTML spec says 1024,
# real pages put it after long <script> blocks, so look further.
_META_WINDOW = 16384


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    source: str  # bom | header | meta | detected | utf-8


def _normalise(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _control_ratio(data: bytes) -> float:
    sample = data[:8192]
    if not sample:
        return 0.0
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls / len(sample)


def decode(data: bytes, *, content_type: str | None = None) -> Decoded:
    """Decode page bytes, trusting declarations in the order browsers do."""
    if not data.strip():
        raise InputError("empty input: no bytes to extract from")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), _normalise(name) or name, "bom")
    if b"\x00" in data[:4096] or _control_ratio(data) > 0.10:
        raise InputError("binary input: the bytes are not text or HTML (control bytes in the first 8 KiB)")

    declared: list[tuple[str, str]] = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        declared.append((match.group(1), "header"))
    if meta := _META_CHARSET.search(data[:_META_WINDOW]):
        declared.append((meta.group(1).decode("ascii", "ignore"), "meta"))

    for name, source in declared:
        codec = _normalise(name)
        if codec is None:
            continue
        # A declared single-byte charset on bytes that are valid UTF-8 is the most common
        # mislabel on the web; UTF-8 wins when it decodes cleanly and has non-ASCII bytes.
        if codec != "utf-8" and _is_clean_utf8(data) and any(byte > 127 for byte in data[:65536]):
            return Decoded(data.decode("utf-8"), "utf-8", f"{source}-overridden")
        try:
            return Decoded(data.decode(codec), codec, source)
        except (UnicodeDecodeError, LookupError):
            continue

    if _is_clean_utf8(data):
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "replace")
    return Decoded(data.decode(best.encoding, errors="replace"), best.encoding, "detected")


def _is_clean_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
