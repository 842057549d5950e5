"""Guards around the parsers: junk, size, nesting depth, time.

The parsers downstream (lxml, trafilatura, selectolax) are fast on real pages and fragile
on hostile ones: libxml2 silently stops building the tree below depth 255, recursive tree
walkers hit Python's recursion limit, and a 50 MB page takes minutes. These guards keep
each page inside a bounded budget of characters, depth and seconds, and say what they did.
Depth is checked on the first parse (``tree_too_deep``, libxml2 itself is safe from deep
input); only a page found too deep is flattened and parsed again.
"""

from __future__ import annotations

import ctypes
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from types import FrameType

from lxml import etree

# libxml2's HTML parser stops building the tree at depth 255 (without huge_tree); flatten
# well below it so the wrapper elements a parser adds (html, body, implied p) still fit.
PARSER_SAFE_DEPTH = 180

# Past this many characters an HTML page is first slimmed (scripts, styles, comments, inline
# data URIs go; JSON-LD stays), then cut at a tag boundary. Real article pages are well under
# it; what lies beyond is almost always inline assets or endless listings.
HTML_PARSE_CAP = 4 * 1024 * 1024

# Scraped text past this many characters (some 40,000 words) is cut at a line break: an article's visible text is
# a few tens of kilobytes; megabytes of text are a dump, and the line classifier is linear but
# not free.
TEXT_PARSE_CAP = 256 * 1024

# Wall-clock budget for one page, used when Options carries no ``page_timeout``.
DEFAULT_PAGE_SECONDS = 30.0

# Above this share of control characters the input is binary, not a page with some junk in it.
BINARY_CONTROL_RATIO = 0.10

# C0 controls and DEL break parsers (lxml refuses NUL), lone surrogates break UTF-8 output.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]+")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
# U+FFFE and U+FFFF in UTF-8; a literal-prefix regex finds them faster than ``bytes.__contains__``.
_UTF8_NONCHARACTER = re.compile(b"\xef\xbf[\xbe\xbf]")

# HTML-parser facts, not heuristics: elements with no content, elements whose content is raw
# text, and elements that a same-name start tag closes implicitly.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "command",
        "basefont",
        "frame",
    ]
)
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]
)
# Start tags that close an open element of the same name right above them, as libxml2 does
# (it nests dt, dd, thead, tfoot, optgroup, rp and rt instead).
_SELF_CLOSING_SIBLINGS = frozenset(["p", "li", "option", "tr", "td", "th", "tbody", "a", "form"])
_DOCUMENT_ROOTS = frozenset(["html", "head", "body"])
# libxml2's end-tag priorities (htmlEndPriority): an end tag does not close an open element of
# higher priority above its match; it is ignored instead (HTML5 parsers ignore it too).
_END_PRIORITY = {
    "div": 150,
    "td": 160,
    "th": 160,
    "tr": 170,
    "thead": 180,
    "tbody": 180,
    "tfoot": 180,
    "table": 190,
    "head": 200,
    "body": 200,
    "html": 220,
}

_MARKUP = re.compile(r"<(?:(!--)|(!\[CDATA\[)|[!?]|(/?)([a-zA-Z][a-zA-Z0-9:_-]*)([^>]*)>)")


def _case_blind(word: str) -> str:
    """``word`` matching either ASCII case only: ``re.I`` would also let the Kelvin sign pass as k."""
    return "".join(f"[{char.lower()}{char.upper()}]" for char in word)


# The same tokens as ``_MARKUP`` followed by ``flatten_nesting``'s skips, in a single pattern so
# ``findall`` (in C) does the skipping: comments, CDATA, declarations and raw-text elements
# (through their end tag, or to the end of the page) match with no group; any other tag gives
# (closing, name, attributes). The skipped bodies are unrolled loops, not ``.*?``, for speed.
_MARKUP_TOKENS = re.compile(
    "<(?:"
    + "|".join(
        [
            r"!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?",
            r"!\[CDATA\[[^\]]*(?:\](?!\]>)[^\]]*)*(?:\]\]>)?",
            r"[!?][^>]*>?",
            *(
                rf"{_case_blind(name)}(?![a-zA-Z0-9:_-])(?:[^>]*[^>/\s])?\s*>"
                rf"[^<]*(?:<(?!(?i:/{name}\s*>))[^<]*)*(?:(?i:</{name}\s*>))?"
                for name in sorted(_RAW_TEXT)
            ),
            r"(/?)([a-zA-Z][a-zA-Z0-9:_-]*)([^>]*)>",
        ]
    )
    + ")",
    re.S,
)

_SLIM_PATTERNS = (
    re.compile(r"<!--.*?-->", re.S),
    re.compile(
        r"<script\b(?![^>]*application/ld\+json)[^>]*>.*?</script\s*>",
        re.S | re.I,
    ),
    re.compile(r"<style\b[^>]*>.*?</style\s*>", re.S | re.I),
    re.compile(r"<svg\b[^>]*>.*?</svg\s*>", re.S | re.I),
    re.compile(r"""(["'])data:[^"']{256,}\1""", re.I),
)


class PageTimeout(Exception):
    """One page took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"page took longer than {seconds:g} s to extract; stopped")
        self.seconds = seconds


@dataclass
class GuardReport:
    """What the guards changed, for the article's audit trail."""

    notes: list[str] = field(default_factory=list)

    def add(self, note: str) -> None:
        self.notes.append(note)


# --------------------------------------------------------------------------- characters


def control_ratio(text: str, sample: int = 8192) -> float:
    head = text[:sample]
    if not head:
        return 0.0
    return sum(len(run) for run in _CONTROL_CHARS.findall(head)) / len(head)


def may_hold_control_chars(data: bytes) -> bool:
    """Whether ASCII-compatible page bytes can decode to anything ``strip_control_chars`` removes."""
    return bool(data.translate(None, _NOT_CONTROL_BYTES)) or _UTF8_NONCHARACTER.search(data) is not None


def utf8_if_clean(text: str) -> bytes | None:
    """``text`` as UTF-8 when it holds nothing ``strip_control_chars`` removes, else None.

    All in C, some 0.2 ms on a 170 kB page (a regex over the text costs seven times more):
    lone surrogates fail the strict encoding, control bytes survive deleting every other byte,
    and the two non-characters are found by ``str.__contains__``'s memchr scan. The bytes are
    worth keeping: lxml parses them faster than the str.
    """
    if "\ufffe" in text or "\uffff" in text:
        return None
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return None if encoded.translate(None, _NOT_CONTROL_BYTES) else encoded


def strip_control_chars(text: str, report: GuardReport | None = None) -> str:
    """Drop NULs, C0 controls, DEL, lone surrogates and non-characters; keep tab and newlines."""
    if utf8_if_clean(text) is not None:
        return text
    cleaned, count = _CONTROL_CHARS.subn("", text)
    if count and report is not None:
        report.add(f"removed {len(text) - len(cleaned)} control or invalid characters")
    return cleaned


# --------------------------------------------------------------------------- size


def cap_html(html: str, limit: int = HTML_PARSE_CAP, report: GuardReport | None = None) -> str:
    """Bring an oversized page under ``limit`` characters, losing as little text as possible."""
    if len(html) <= limit:
        return html
    original = len(html)
    for pattern in _SLIM_PATTERNS:
        html = pattern.sub(lambda match: '""' if match.group(0)[:1] in "\"'" else "", html)
        if len(html) <= limit:
            break
    if len(html) > limit:
        cut = html.rfind("<", 0, limit)
        html = html[: cut if cut > limit // 2 else limit]
    if report is not None:
        report.add(f"page of {original} characters reduced to {len(html)} before parsing")
    return html


def cap_text(text: str, limit: int = TEXT_PARSE_CAP, report: GuardReport | None = None) -> str:
    """Cut scraped text to ``limit`` characters at the last line break before it."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    capped = text[: cut if cut > limit // 2 else limit]
    if report is not None:
        report.add(f"text of {len(text)} characters cut to {len(capped)} before extraction")
    return capped


# --------------------------------------------------------------------------- nesting


def flatten_nesting(html: str, max_depth: int = PARSER_SAFE_DEPTH, report: GuardReport | None = None) -> str:
    """Drop the start and end tags of elements nested deeper than ``max_depth``; keep their text.

    A single linear pass over the tags with a stack modelled on libxml2's tree builder (void
    elements, raw-text elements, end tags that may not close higher-priority elements, a
    sibling closing its open twin); where the model errs, it errs deeper, so the parsers never
    see more depth than the limit. A page within the limit comes back as the very same string.
    Nearly every real page is within it, which ``_within_depth`` proves first at a fraction of
    the cost; only the pages it cannot clear take the slower pass that cuts tags.
    """
    if html.count("<") <= max_depth or _within_depth(html, max_depth):
        return html
    return _flatten(html, max_depth, report)


def _within_depth(html: str, max_depth: int) -> bool:
    """Whether ``_flatten`` would leave ``html`` as it is: the same stack model, run without
    positions or cutting over the tags ``findall`` lists, stopping at the first push that would
    pass ``max_depth`` (the first tag ``_flatten`` drops)."""
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    for closing, name, attributes in _MARKUP_TOKENS.findall(html):
        if not name:
            continue  # comment, CDATA, declaration or raw-text element: skipped whole
        name = name.lower()
        if closing:
            if name in _DOCUMENT_ROOTS:
                continue
            if stack and stack[-1] == name:  # the usual case, settled without the priority walk
                stack.pop()
                open_counts[name] -= 1
            elif open_counts.get(name) and _end_tag_closes(stack, name):
                while True:
                    top = stack.pop()
                    open_counts[top] -= 1
                    if top == name:
                        break
            continue
        if name in _VOID or attributes.rstrip().endswith("/"):
            continue
        if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
            open_counts[stack.pop()] -= 1
        if len(stack) >= max_depth:
            return False
        stack.append(name)
        open_counts[name] = open_counts.get(name, 0) + 1
    return True


def _flatten(html: str, max_depth: int, report: GuardReport | None) -> str:
    """``flatten_nesting``'s full pass: the stack model, cutting every tag past the limit."""
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    overflow: dict[str, int] = {}
    pieces: list[str] = []
    copied_to = 0
    dropped = 0
    position = 0
    length = len(html)
    search = _MARKUP.search

    while position < length:
        match = search(html, position)
        if match is None:
            break
        start, position = match.span()
        comment, cdata, closing, name, attributes = match.groups()
        if name is None:
            terminator = "-->" if comment else "]]>" if cdata else ">"
            end = html.find(terminator, position)
            position = length if end < 0 else end + len(terminator)
            continue
        name = name.lower()
        if closing and name in _DOCUMENT_ROOTS:
            continue  # parsers mostly ignore these; counting them open errs on the deep side
        if closing:
            if overflow and overflow.get(name):
                overflow[name] -= 1
            else:
                if open_counts.get(name) and _end_tag_closes(stack, name):
                    while True:  # pop up to and including the matching element
                        top = stack.pop()
                        open_counts[top] -= 1
                        if top == name:
                            break
                    if overflow:
                        overflow.clear()
                # else: a stray end tag, which parsers ignore; left as it is
                continue
        elif name in _VOID or attributes.rstrip().endswith("/"):
            continue
        else:
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
                open_counts[stack.pop()] -= 1
            if name in _RAW_TEXT:
                # No child elements, so never deeper than one level: kept whole, not tracked
                # (its end tag then passes as a stray one).
                end = _find_end_tag(html, name, position)
                position = length if end < 0 else end
                continue
            if len(stack) < max_depth:
                stack.append(name)
                open_counts[name] = open_counts.get(name, 0) + 1
                continue
            overflow[name] = overflow.get(name, 0) + 1
        # Only tags beyond the depth limit reach this point: cut them out.
        pieces.append(html[copied_to:start])
        copied_to = match.end()
        dropped += 1
    if not dropped:
        return html
    pieces.append(html[copied_to:])
    if report is not None:
        report.add(f"flattened nesting deeper than {max_depth}: removed {dropped} tags")
    return "".join(pieces)


def tree_too_deep(tree: etree._Element, max_depth: int = PARSER_SAFE_DEPTH) -> bool:
    """Whether a parsed page nests elements more than ``max_depth`` levels deep, not counting
    the html, body and implied p a parser wraps around a page's own tags.

    A tree libxml2 cut short at its limit (255) always is. Checking the tree the extractor
    uses anyway takes one XPath in C (0.15 ms on a news page, a seventh of the tag-model scan
    of ``flatten_nesting``), so that scan runs only on the rare page found too deep here.
    """
    return bool(_element_at_level(max_depth + 4)(tree))


@lru_cache(maxsize=4)
def _element_at_level(level: int) -> etree.XPath:
    # A chain of child steps visits each element once, unlike ancestor counting.
    return etree.XPath("boolean(/" + "/".join(["*"] * level) + ")")


def _end_tag_closes(stack: list[str], name: str) -> bool:
    """Whether an end tag ``name`` closes its open element (libxml2's priority rule)."""
    priority = _END_PRIORITY.get(name, 100)
    for open_element in reversed(stack):
        if open_element == name:
            return True
        if _END_PRIORITY.get(open_element, 100) > priority:
            return False
    return False


def _find_end_tag(html: str, name: str, position: int) -> int:
    match = re.compile(rf"</{name}\s*>", re.I).search(html, position)
    return -1 if match is None else match.start()


def prepare_html(html: str, *, max_depth: int, report: GuardReport, limit: int = HTML_PARSE_CAP) -> str:
    """Every pre-parse guard for an HTML page, in order."""
    html = cap_html(html, limit, report)
    return flatten_nesting(html, min(max_depth, PARSER_SAFE_DEPTH), report)


# --------------------------------------------------------------------------- time


@contextmanager
def page_deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``PageTimeout`` inside the block once ``seconds`` have passed.

    In a process's main thread (the CLI, a worker process of a pool) a ``SIGALRM`` timer does
    it, nested safely inside any timer already armed (e.g. pytest-timeout's). In any other
    thread (a web server's thread pool) a watchdog thread raises the exception asynchronously
    in the worker thread; either way the exception surfaces between Python bytecodes, so a
    single long C call finishes before it.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm_deadline(seconds):
            yield
    else:
        with _watchdog_deadline(seconds):
            yield


@contextmanager
def _alarm_deadline(seconds: float) -> Iterator[None]:
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    outer_fires_first = 0 < outer_remaining <= seconds

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if outer_fires_first and callable(outer_handler):
            outer_handler(signum, frame)
        raise PageTimeout(seconds)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_remaining) if outer_remaining > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_remaining > 0:
            left = outer_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule ``exception`` in another thread; ``None`` withdraws a pending one."""
    payload = None if exception is None else ctypes.py_object(exception)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), payload)


class _ThreadTimeout(PageTimeout):
    """Raised asynchronously (class, not instance: the C API instantiates it with no arguments)."""

    def __init__(self) -> None:
        super().__init__(0)
        self.args = ("page took longer than its time budget to extract; stopped",)


@contextmanager
def _watchdog_deadline(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(target, _ThreadTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # Withdraw the exception if it is still pending, so it cannot escape the block.
                _set_async_exc(target, None)
