"""Bytes to text: BOM, then the HTTP header, then <meta charset>, then detection.

Declarations are trusted in the order browsers trust them, with the corrections browsers make
(WHATWG Encoding Standard): ``iso-8859-1``/``ascii`` mean windows-1252, a ``<meta>`` naming
UTF-16 on ASCII-compatible bytes means UTF-8. Two mislabels are common enough to undo: UTF-8
bytes declared as a single-byte charset, and legacy bytes declared as UTF-8. When nothing
usable is declared, each common legacy encoding (``data/web_encodings.txt``) is tried and the
one whose non-ASCII words look most like writing wins — one script per word, no symbols inside
words — with charset-normalizer's mess ratio breaking ties (on its own it guesses badly on
short pages).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from charset_normalizer.md import mess_ratio

from newsdesk.errors import InputError
from newsdesk.extract.guards import BINARY_CONTROL_RATIO

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
# WHATWG: these labels are decoded as windows-1252 by every browser.
_WINDOWS_1252_ALIASES = frozenset({"latin_1", "latin-1", "iso8859_1", "iso8859-1", "ascii", "cp819"})
_UTF16_OR_32 = frozenset({"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"})
_TAG = re.compile(r"<[^>]*>")
_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    source: str  # bom | header | meta | *-overridden | utf-16-pattern | utf-8 | detected | replace
    utf8: bytes | None = None
    """The input bytes when they are exactly ``text`` in UTF-8 (the parser can take them as they are)."""


def _normalise(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if codec in _WINDOWS_1252_ALIASES else codec


# Every byte but C0 controls (tab, newlines, VT, FF and CR are text): deleting these leaves
# exactly the control bytes, counted in C.
_NOT_CONTROL = bytes(byte for byte in range(256) if not (byte < 9 or 13 < byte < 32))


def _control_ratio(data: bytes) -> float:
    sample = data[:8192]
    if not sample:
        return 0.0
    return len(sample.translate(None, _NOT_CONTROL)) / len(sample)


def decode(data: bytes, *, content_type: str | None = None) -> Decoded:
    """Decode page bytes, trusting declarations in the order browsers do."""
    if not data or data.isspace():  # as ``not data.strip()``, without copying the page
        raise InputError("empty input: no bytes to extract from")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), _normalise(name) or name, "bom")
    if utf16 := _utf16_without_bom(data):
        return Decoded(data.decode(utf16, errors="replace"), utf16, "utf-16-pattern")
    if _control_ratio(data) > BINARY_CONTROL_RATIO:
        raise InputError("binary input: the bytes are not text or HTML (control bytes in the first 8 KiB)")

    declared: list[tuple[str, str]] = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        declared.append((match.group(1), "header"))
    if meta := _META_CHARSET.search(data[:_META_WINDOW]):
        declared.append((meta.group(1).decode("ascii", "ignore"), "meta"))

    # Decoded once and reused: the UTF-8 check is itself the decode.
    utf8_text, exact = _utf8_text(data)
    utf8 = data if exact else None
    for name, source in declared:
        codec = _normalise(name)
        if codec is None:
            continue
        if codec in _UTF16_OR_32:
            codec = "utf-8"  # no BOM and no NUL pattern: the bytes are ASCII-compatible
        # A declared single-byte charset on bytes that are valid UTF-8 is the most common
        # mislabel on the web; UTF-8 wins when it decodes cleanly and has non-ASCII bytes.
        if codec != "utf-8" and utf8_text is not None and not data[:65536].isascii():
            return Decoded(utf8_text, "utf-8", f"{source}-overridden", utf8)
        if codec == "utf-8" and utf8_text is None:
            break  # declared UTF-8 but is not: fall through to detection
        if codec == "utf-8" and utf8_text is not None:
            return Decoded(utf8_text, codec, source, utf8)
        try:
            return Decoded(data.decode(codec), codec, source)
        except (UnicodeDecodeError, LookupError):
            continue

    if utf8_text is not None:
        return Decoded(utf8_text, "utf-8", "utf-8", utf8)
    if guess := _guess_legacy_encoding(data):
        source = "detected" if not declared else f"{declared[0][1]}-overridden"
        return Decoded(data.decode(guess, errors="replace"), guess, source)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "replace")


def _utf8_text(data: bytes) -> tuple[str | None, bool]:
    """The text when ``data`` is UTF-8, else None; and whether it decoded without a repair."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError as error:
        # A page cut mid-character (a size cap, a truncated download) is still UTF-8.
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            return data.decode("utf-8", "replace"), False
        return None, False


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


@lru_cache(maxsize=1)
def _candidate_encodings() -> tuple[tuple[str, str | None], ...]:
    """(encoding, core character set or None), in order of preference."""
    listing = resources.files("newsdesk.data").joinpath("web_encodings.txt").read_text(encoding="utf-8")
    rows = [line.split() for line in listing.splitlines() if line.strip() and not line.startswith("#")]
    return tuple((row[0], row[1] if len(row) > 1 else None) for row in rows)


def _guess_legacy_encoding(data: bytes) -> str | None:
    sample = data[:200_000]
    scored: list[tuple[float, float, int, str]] = []
    for rank, (encoding, core) in enumerate(_candidate_encodings()):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            # The sample may end mid-character in a multi-byte encoding.
            try:
                text = sample[:-2].decode(encoding)
            except UnicodeDecodeError:
                continue
        words = _NON_ASCII_WORD.findall(_TAG.sub(" ", text[:100_000]))[:2000]
        if not words:
            return encoding
        implausible = _implausibility(words, core)
        scored.append((round(implausible, 2), mess_ratio(" ".join(words)[:5000]), rank, encoding))
    return min(scored)[3] if scored else None


# Non-ASCII punctuation that real text uses; anything else that is not a letter is suspect.
_TYPOGRAPHY = frozenset("“”‘’‚„–—…«»·•€£¥§©®°±×÷¡¿‹›†‡′″№\u00a0")


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"
    return name.split(" ", 1)[0]


def _implausibility(words: list[str], core: str | None = None) -> float:
    """Share of words that no language writes: mixed scripts, symbols inside words, Latin
    words made mostly of accented letters (the look of a wrong single-byte code page), or
    characters outside the encoding's core character set (rare ideographs)."""
    bad = 0
    for word in words:
        if core is not None and not _encodable(word, core):
            bad += 1
            continue
        letters = [char for char in word if char.isalpha()]
        foreign = [char for char in word if ord(char) > 127]
        if any(
            not (char.isalpha() or unicodedata.category(char).startswith("M")) and char not in _TYPOGRAPHY
            for char in foreign
        ):
            bad += 1
            continue
        scripts = {_script(char) for char in letters if ord(char) > 127}
        if (
            len(scripts) > 1
            or (scripts - {"LATIN"} and any(char.isascii() for char in letters))
            or (scripts == {"LATIN"} and len(letters) >= 3 and len(foreign) / len(letters) > 0.5)
        ):
            bad += 1
    return bad / len(words)
