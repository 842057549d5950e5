"""Text mode: an article from text a scraper pulled off a page, chrome included.

Scraped text has no markup, only lines. Each line ends up in exactly one place:

1. ``dropped`` as ``site-repeated`` — it is in ``Options.repeated_lines`` (lines that recur on
   many pages of the same site, see ``newsdesk.extract.sitewide``);
2. ``dropped`` as ``chrome:<category>`` — the chrome lexicon (``data/chrome_lexicon.json``)
   recognises it, or it sits inside a run of such lines (an appeal of several paragraphs);
3. ``captions`` — a photo caption with its credit; its bare twin goes to ``dropped`` as
   ``duplicate-caption``;
4. the header fields — headline, standfirst, byline (``authors``) and timestamp (``published``,
   in UTC, with ``published_as_written`` keeping the original string, offset and line): the
   header scorer (``newsdesk.extract.header``, a learned model) picks the headline, byline and
   dateline lines, with what the hand-written rules here would pick as one of its inputs; without
   a model file the rules decide alone;
5. ``body`` — the line classifier (``newsdesk.extract.lines``) scores it as article text;
   otherwise ``dropped`` with ``classifier:p=<score>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from newsdesk.extract.header import BylineCue, DateCue, HeaderView, header_model, persons_in
from newsdesk.extract.lines import (
    Line,
    chrome_by_lexicon,
    line_model,
    main_region,
    split_lines,
    words,
)
from newsdesk.model import Article, Block, BlockKind, Caption, Dropped, Provenance, WrittenDate
from newsdesk.options import Options

EXTRACTOR = "newsdesk-text"
HEADER_LOOKAHEAD = 4
"""How many lines past the first solid body paragraph a byline or dateline may still sit."""
HEADER_LOOKBEHIND = 30
"""How many lines above it the header (headline, byline, dateline) may start."""
SOLID_PARAGRAPH_WORDS = 15
MAX_HEADLINE_WORDS = 30
MAX_BYLINE_WORDS = 12
KEEP_DESPITE_LEXICON = 0.85
"""A lexicon hit is overruled only by a confident sentence between two body lines."""


@cache
def _cues() -> dict[str, Any]:
    raw = resources.files("newsdesk.data").joinpath("text_cues.json").read_text(encoding="utf-8")
    cues: dict[str, Any] = json.loads(raw)
    return cues


# --------------------------------------------------------------------------- the extractor


@dataclass
class _Page:
    lines: list[Line]
    probabilities: list[float]
    threshold: float
    raw: str = ""
    fate: dict[int, str] = field(default_factory=dict)
    """Line index -> where it went: a ``dropped`` reason, or ``field:<name>`` / ``caption``."""

    def free(self, index: int) -> bool:
        return index not in self.fate

    def free_for_header(self, index: int) -> bool:
        """Bylines and datelines recur on a site's pages and are often written as "a | b | c",
        so a site-repeated or menu-like line may still be one."""
        return self.fate.get(index, "site-repeated") in {"site-repeated", "chrome:navigation"}

    def body_like(self, index: int) -> bool:
        return self.free(index) and self.probabilities[index] >= self.threshold


def extract_text(text: str, *, url: str | None, options: Options, provenance: Provenance) -> Article:
    provenance.extractor = EXTRACTOR
    article = Article(url=url, provenance=provenance)
    page = _prepare(text, options)
    if page is None:
        article.status = "empty"
        article.reason = "no text lines"
        return article
    captions = _take_captions(page)
    article.captions = captions if options.include_captions else []
    _take_header(page, article, url)
    article.body = _take_body(page)
    article.dropped = [
        Dropped(text=line.text, reason=page.fate[index], line=line.number)
        for index, line in enumerate(page.lines)
        if not page.fate[index].startswith(("field:", "caption", "body"))
    ]
    return article


def _prepare(text: str, options: Options) -> _Page | None:
    """The page's lines scored by the line classifier, with site-repeated and lexicon chrome placed."""
    lines = split_lines(text)
    if not lines:
        return None
    model = line_model()
    page = _Page(lines, [float(p) for p in model.predict(lines)], model.threshold, raw=text)
    for index, line in enumerate(lines):
        if line.text in options.repeated_lines:
            page.fate[index] = "site-repeated"
    _mark_lexicon_chrome(page)
    return page


def header_view_of(text: str, *, url: str | None, options: Options | None = None) -> HeaderView | None:
    """What the header scorer sees of ``text`` (for training it: ``scripts/train_header_model.py``)."""
    page = _prepare(text, options or Options())
    if page is None:
        return None
    _take_captions(page)
    return _header_view(page, url)


def _mark_lexicon_chrome(page: _Page) -> None:
    chrome = chrome_by_lexicon(page.lines)
    for index, reason in chrome.items():
        if page.free(index) and not _overrules_lexicon(page, index, chrome):
            page.fate[index] = reason


def _overrules_lexicon(page: _Page, index: int, chrome: dict[int, str]) -> bool:
    """A confident prose sentence between two body lines is body even if it names a chrome word."""
    line = page.lines[index]
    if page.probabilities[index] < KEEP_DESPITE_LEXICON or len(words(line.text)) < 6:
        return False
    if line.text.rstrip("\"'”’)")[-1:] not in ".!?":
        return False
    neighbours = [index - 1, index + 1]
    return all(
        0 <= j < len(page.lines) and j not in chrome and page.probabilities[j] >= page.threshold
        for j in neighbours
    )


def _take_body(page: _Page) -> list[Block]:
    _drop_outside_main_run(page)
    _drop_below_section_break(page)
    _drop_below_recurring_stamps(page)
    body: list[Block] = []
    kept = [i for i in range(len(page.lines)) if page.body_like(i)]
    for position, index in enumerate(kept):
        line = page.lines[index]
        page.fate[index] = "body"
        following = page.lines[kept[position + 1]].text if position + 1 < len(kept) else None
        kind, block_text = _block_kind(line.text, following)
        body.append(Block(kind=kind, text=block_text))
    for index in range(len(page.lines)):
        if page.free(index):
            page.fate[index] = f"classifier:p={page.probabilities[index]:.2f}"
    return body


def _main_run(page: _Page) -> tuple[int, int]:
    probabilities = np.array(
        [p if page.free(i) else page.threshold for i, p in enumerate(page.probabilities)], dtype=float
    )
    word_counts = np.array([len(words(line.text)) for line in page.lines], dtype=float)
    return main_region(probabilities, word_counts, page.threshold)


def _drop_outside_main_run(page: _Page) -> None:
    """An article is one run of text: body-like lines far from the main run are teasers or comments.

    Lines already placed (chrome, header, captions) count as neither for nor against the run,
    so an appeal or a caption in the middle of a story does not split it.
    """
    start, end = _main_run(page)
    if end <= start:
        return
    for index in range(len(page.lines)):
        if page.body_like(index) and not start <= index < end:
            page.fate[index] = f"classifier:p={page.probabilities[index]:.2f},outside-main-text"


SECTION_BREAKS = {"chrome:comments": 0.5, "chrome:related": 0.7}
"""A comments or related-stories heading ends the story once this share of its text is above it."""


def _drop_below_section_break(page: _Page) -> None:
    """Below a "Comments" or "More stories" heading that follows most of the story, nothing is story."""
    counts = [len(words(line.text)) if page.body_like(i) else 0 for i, line in enumerate(page.lines)]
    total = sum(counts)
    if not total:
        return
    above = 0
    for index, reason in enumerate(page.fate.get(i, "") for i in range(len(page.lines))):
        share = SECTION_BREAKS.get(reason)
        if share is not None and above >= share * total:
            for below in range(index + 1, len(page.lines)):
                if page.body_like(below):
                    page.fate[below] = f"classifier:p={page.probabilities[below]:.2f},below-{reason[7:]}"
            return
        above += counts[index]


def _stamp_line(text: str) -> bool:
    """A short line that is little more than a date or "3 hours ago": a comment's or teaser's stamp."""
    cues = _cues()["recurring_stamps"]
    if len(words(text)) > cues["max_words"]:
        return False
    if re.search(cues["relative_time"], text, re.I):
        return True
    found = find_date(text)
    return found is not None and len(words(found.rest)) <= cues["max_words_besides_date"]


@cache
def _any_case_byline() -> re.Pattern[str]:
    prefixes = sorted(_cues()["byline_prefixes"], key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(p) for p in prefixes) + r")\s+\S", re.I)


def _entry_marker(page: _Page, index: int) -> str | None:
    """What marks line ``index`` as the stamp of an entry in a list, if anything.

    A date or relative time, a bare byline ("by Ann Lee"), or a comment or share button ("Reply",
    "Like (3)"; compared with digits aside). Short lines of the story itself that recur (the
    "See it at ..." of a buying guide, "Meal 1") are not markers: lists inside stories have them.
    """
    cues = _cues()["recurring_stamps"]
    fate = page.fate.get(index, "")
    text = page.lines[index].text
    if fate == "chrome:comments":
        return "comments"
    if fate.startswith("field:") or len(words(text)) > cues["max_words"]:
        return None
    if _stamp_line(text):
        return "stamp"
    if _any_case_byline().match(text) and len(words(text)) <= cues["max_byline_words"]:
        return "byline"
    if fate not in cues["repeated_marker_fates"]:
        return None
    return "same:" + re.sub(r"\d+", "#", text.casefold())


def _entry_title_like(text: str) -> bool:
    """A teaser's headline or a commenter's name: short, and not a sentence of the story."""
    return len(words(text)) <= _cues()["recurring_stamps"]["max_entry_title_words"] and not text.endswith(".")


def _drop_below_recurring_stamps(page: _Page) -> None:
    """Below the story, a run of stamped entries (comments, teaser lists) is not story.

    One date under a story is a dateline or an update note; several short stamp lines of one kind
    a few lines apart after enough of the story's text are the stamps of reader comments or of
    other stories. The short line just above the first stamp (a commenter's name, a teaser's
    headline) goes too.
    """
    cues = _cues()["recurring_stamps"]
    counts = [len(words(line.text)) if page.body_like(i) else 0 for i, line in enumerate(page.lines)]
    total = sum(counts)
    if not total:
        return
    markers = [(i, _entry_marker(page, i)) for i in range(len(page.lines))]
    stamps = [(i, key) for i, key in markers if key is not None]
    above = 0
    cursor = 0
    for position, (stamp, key) in enumerate(stamps):
        while cursor < stamp:
            above += counts[cursor]
            cursor += 1
        if above < cues["comments_share_above"] * total:
            continue
        run = [stamp]
        for later, later_key in stamps[position + 1 :]:
            if later - run[-1] > cues["max_gap_lines"]:
                break
            if later_key == key:
                run.append(later)
        if len(run) < cues["min_stamps"]:
            continue
        if above < cues["story_share_above"] * total and not all(
            page.fate.get(i) == "chrome:comments" for i in run
        ):
            continue
        first = stamp
        previous = stamp - 1
        if key != "comments" and previous >= 0 and _entry_title_like(page.lines[previous].text):
            # A comment header names its writer itself; a bare stamp has the name or headline above.
            first = previous
        for below in range(first, len(page.lines)):
            if page.body_like(below):
                page.fate[below] = f"classifier:p={page.probabilities[below]:.2f},below-recurring-stamps"
        return


_BULLET = re.compile(r"^[-*•·▪◦–]\s+")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")


def _block_kind(text: str, following: str | None) -> tuple[BlockKind, str]:
    if text.startswith(">"):
        return "quote", text.lstrip("> ").strip() or text
    if _BULLET.match(text):
        return "list_item", _BULLET.sub("", text)
    if _NUMBERED.match(text):
        return "list_item", text
    count = len(words(text))
    if (
        following is not None
        and 0 < count <= 12
        and text[0].isupper()
        and text.rstrip("\"'”’)")[-1:] not in ".!?,;…"
        and len(following) > len(text)
    ):
        return "heading", text
    return "paragraph", text


# --------------------------------------------------------------------------- captions

_PAREN_CREDIT = re.compile(r"^\s*[(\[]\s*([^()\[\]]{2,80}?)\s*[)\]]\s*$")
_TRAILING_PAREN = re.compile(r"^(?P<caption>.{15,}?)\s*[(\[](?P<credit>[^()\[\]]{2,60})[)\]]\s*$")
_SEPARATED_CREDIT = re.compile(r"^(?P<caption>.{15,}?)\s*(?:\||/|—|–|-)\s*(?P<credit>[^|/—–]{2,60})$")


def _credit_like(text: str) -> bool:
    lowered = text.casefold()
    if any(marker in lowered for marker in _cues()["credit_markers"]):
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6 and len(text.split()) <= 6


def _clean_credit(text: str) -> str:
    credit = text.strip(" ()[]|/—–-")
    return re.sub(
        r"^(photo|photograph|picture|image|credit|photo credit|foto|bild)\s*:\s*", "", credit, flags=re.I
    )


def _take_captions(page: _Page) -> list[Caption]:
    """Photo captions with their credits; a caption printed twice (bare, then credited) comes out once."""
    captions: list[Caption] = []
    lines = page.lines
    for index, line in enumerate(lines):
        if not page.free(index):
            continue
        for other in range(index + 1, min(len(lines), index + 4)):
            if not page.free(other):
                continue
            twin = lines[other].text
            if twin == line.text or not twin.startswith(line.text):
                continue
            remainder = twin[len(line.text) :]
            paren = _PAREN_CREDIT.match(remainder)
            if paren or _credit_like(remainder):
                credit = _clean_credit(paren.group(1) if paren else remainder)
                captions.append(Caption(text=line.text, credit=credit or None))
                page.fate[index] = "duplicate-caption"
                page.fate[other] = "caption"
                break
    for index, line in enumerate(lines):
        if not page.free(index):
            continue
        credit_only = _credit_only(line.text)
        if credit_only and index > 0 and page.free(index - 1) and _caption_like(lines[index - 1].text):
            captions.append(Caption(text=lines[index - 1].text, credit=credit_only))
            page.fate[index - 1] = "caption"
            page.fate[index] = "caption"
            continue
        match = _TRAILING_PAREN.match(line.text) or _SEPARATED_CREDIT.match(line.text)
        if match and _credit_like(match.group("credit")) and _caption_like(match.group("caption")):
            captions.append(
                Caption(text=match.group("caption").strip(), credit=_clean_credit(match.group("credit")))
            )
            page.fate[index] = "caption"
    return captions


def _credit_only(text: str) -> str | None:
    """A line that is nothing but a photo credit ("Jane Roe | Agency | Getty Images")."""
    if len(text.split()) > 8 or text.rstrip()[-1:] in ".!?":
        return None
    lowered = text.casefold()
    if any(marker in lowered for marker in _cues()["credit_markers"]) and (
        "|" in text or "/" in text or ":" in text
    ):
        return _clean_credit(text)
    return None


def _caption_like(text: str) -> bool:
    count = len(words(text))
    return 4 <= count <= 60 and not text.endswith(":")


# --------------------------------------------------------------------------- header


def _first_solid(page: _Page) -> tuple[int, tuple[int, int]]:
    """The story's first solid paragraph (``len(lines)`` if none) and its main run."""
    start, end = _main_run(page)
    solid = next(
        (
            i
            for i in range(start, end)
            if page.body_like(i) and len(words(page.lines[i].text)) >= SOLID_PARAGRAPH_WORDS
        ),
        start if end > start else len(page.lines),
    )
    return solid, (start, end)


def _header_view(page: _Page, url: str | None) -> HeaderView:
    solid, run = _first_solid(page)
    return HeaderView(
        lines=page.lines,
        probabilities=page.probabilities,
        threshold=page.threshold,
        fates=dict(page.fate),
        url=url,
        solid=solid,
        run=run,
        date_of=_date_cue,
        byline_cue=_byline_cue,
        rule_picks=_rule_picks(page),
    )


_RULE_FIELDS = {"field:headline": "headline", "field:byline": "byline", "field:published": "dateline"}


def _rule_picks(page: _Page) -> dict[str, int]:
    """Which lines the hand-written rules would take as headline, byline and dateline (a feature)."""
    trial = _Page(page.lines, page.probabilities, page.threshold, raw=page.raw, fate=dict(page.fate))
    _take_header_by_rules(trial, Article.model_construct())
    return {_RULE_FIELDS[fate]: index for index, fate in trial.fate.items() if fate in _RULE_FIELDS}


def _take_header(page: _Page, article: Article, url: str | None) -> None:
    """Headline, standfirst, byline and dateline: the header scorer's choice, else the rules."""
    model = header_model()
    if model is None:
        _take_header_by_rules(page, article)
        return
    view = _header_view(page, url)
    chosen = model.choose(view)
    dated: list[int] = []
    if "dateline" in chosen:
        index = chosen["dateline"][0]
        if _take_date_line(page, article, index, updated=False):
            dated.append(index)
    bylined: list[int] = []
    if "byline" in chosen and not article.authors:
        index = chosen["byline"][0]
        text = page.lines[index].text
        names = names_in_byline(text) or (
            persons_in([text])[0] if len(words(text)) <= MAX_BYLINE_WORDS else []
        )
        if names:
            article.authors = names
            if index not in dated:
                page.fate[index] = "field:byline"
            bylined.append(index)
    _take_updated(page, article, view.zone())
    if "headline" in chosen:
        index = chosen["headline"][0]
        if index not in dated and index not in bylined:
            anchors = [*dated, *bylined]
            _set_headline(
                page, article, index, anchor=min(anchors) if anchors else view.solid, solid=view.solid
            )
            if index < view.solid:
                _drop_above_headline(page, index)


def _take_header_by_rules(page: _Page, article: Article) -> None:
    """Dateline, byline, headline and standfirst: looked for just above the story's first paragraph."""
    solid, _ = _first_solid(page)
    zone = range(max(0, solid - HEADER_LOOKBEHIND), min(len(page.lines), solid + HEADER_LOOKAHEAD))
    dated = _take_dates(page, article, zone)
    bylined = _take_byline(page, article, zone, dated)
    anchors = [*dated, *bylined]
    anchor = min(anchors) if anchors else solid
    _take_headline(page, article, anchor, solid, anchored=bool(anchors))


def _date_cue(text: str) -> DateCue | None:
    date = find_date(text)
    if date is None:
        return None
    return DateCue(
        words_besides=min(len(words(date.rest)), 30),
        updated=text.casefold().lstrip(" -–|").startswith(tuple(_cues()["updated_prefixes"])),
        has_time=bool(re.search(r"\d[:.h]\d\d", date.written)),
    )


def _byline_cue(text: str) -> BylineCue:
    return BylineCue(prefixed=bool(_any_case_byline().match(text)), names=len(names_in_byline(text)))


def names_in_byline(text: str) -> list[str]:
    """Person names on a byline line, with any date, "By" and trailing notes ("5 min read") removed."""
    if len(words(text)) > 2 * MAX_BYLINE_WORDS:
        return []
    date = find_date(text)
    rest = date.rest if date else text
    inline = _INLINE_BYLINE.search(rest)
    if inline:
        names = _byline_names(inline.group(0))
        if names:
            return names
    return _byline_names(rest)


def _take_date_line(page: _Page, article: Article, index: int, *, updated: bool) -> bool:
    line = page.lines[index]
    date = find_date(line.text)
    if date is None:
        return False
    if updated:
        article.updated = date.when
        page.fate[index] = "field:updated"
        return True
    article.published = date.when
    article.published_as_written = WrittenDate(
        text=date.written,
        utc_offset=date.utc_offset,
        source=f"line:{line.number}",
        offset=_char_offset(page.raw, line.number, date.written),
    )
    page.fate[index] = "field:published"
    inline_byline = _INLINE_BYLINE.search(date.rest)
    names = _byline_names(inline_byline.group(0)) if inline_byline else []
    if names and not article.authors:
        article.authors = names
    return True


def _take_updated(page: _Page, article: Article, zone: range) -> None:
    """An "Updated ..." line near the story gives ``updated`` (never ``published``)."""
    updated_prefixes = tuple(_cues()["updated_prefixes"])
    for index in zone:
        text = page.lines[index].text
        if article.updated is not None:
            return
        if page.free_for_header(index) and text.casefold().lstrip(" -–|").startswith(updated_prefixes):
            _take_date_line(page, article, index, updated=True)


@dataclass(frozen=True)
class _FoundDate:
    when: datetime
    written: str
    utc_offset: str | None
    rest: str
    """The line with the date removed (may hold a byline)."""


def _take_dates(page: _Page, article: Article, zone: range) -> list[int]:
    found: list[int] = []
    updated_prefixes = tuple(_cues()["updated_prefixes"])
    for index in zone:
        line = page.lines[index]
        if not page.free_for_header(index) or len(words(line.text)) > 25:
            continue
        date = find_date(line.text)
        if date is None or len(words(_strip_date_words(date.rest))) > 6:
            continue
        is_update = line.text.casefold().lstrip(" -–|").startswith(updated_prefixes)
        written = WrittenDate(
            text=date.written,
            utc_offset=date.utc_offset,
            source=f"line:{line.number}",
            offset=_char_offset(page.raw, line.number, date.written),
        )
        if is_update:
            if article.updated is None:
                article.updated = date.when
            page.fate[index] = "field:updated"
        elif article.published is None:
            article.published = date.when
            article.published_as_written = written
            page.fate[index] = "field:published"
        else:
            continue
        found.append(index)
        inline_byline = _INLINE_BYLINE.search(date.rest)
        names = _byline_names(inline_byline.group(0)) if inline_byline else []
        if names and not article.authors:
            article.authors = names
    return found


_INLINE_BYLINE = re.compile(r"\b(?:by|von|par|por|door)\s+\S.*$", re.I)


def _char_offset(raw: str, number: int, written: str) -> int | None:
    """Where ``written`` starts in the input, given that it is on line ``number`` (1-based)."""
    starts = [0]
    for chunk in raw.splitlines(keepends=True)[: number - 1]:
        starts.append(starts[-1] + len(chunk))
    line_start = starts[min(number - 1, len(starts) - 1)]
    position = raw.find(written, line_start)
    return position if position >= 0 else None


def _strip_date_words(text: str) -> str:
    lowered = text
    for prefix in sorted(_cues()["date_prefixes"], key=len, reverse=True):
        lowered = re.sub(rf"\b{re.escape(prefix)}\b:?", " ", lowered, flags=re.I)
    lowered = re.sub(r"\bby\b.*$", " ", lowered, flags=re.I)
    return lowered


def _take_byline(page: _Page, article: Article, zone: range, dated: list[int]) -> list[int]:
    if article.authors:
        return []
    near_date = {j for i in dated for j in (i - 2, i - 1, i + 1, i + 2)}
    for index in zone:
        if not page.free_for_header(index):
            continue
        text = page.lines[index].text
        prefixed = _byline_prefix().match(text)
        if prefixed or index in near_date:
            names = _byline_names(text, require_prefix=index not in near_date)
            if names:
                article.authors = names
                page.fate[index] = "field:byline"
                return [index]
    return []


_NAME_PARTICLES = {"de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "di", "dos", "ibn"}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.|" + "|".join(sorted(_NAME_PARTICLES)) + r")$")


@cache
def _byline_prefix() -> re.Pattern[str]:
    """A line that starts like a byline: "By …", "BY …", "Written by …" (capitalised, so not prose)."""
    forms = {form for p in _cues()["byline_prefixes"] for form in (p[:1].upper() + p[1:], p.upper())}
    return re.compile(
        r"^(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\s+\S"
    )


@cache
def _byline_start() -> re.Pattern[str]:
    """How a byline's names are introduced: "By", "Written by:", "Author:", or "By" glued to the name."""
    cues = _cues()
    prefixes = sorted({*cues["byline_prefixes"], *cues["byline_labels"]}, key=len, reverse=True)
    spaced = "|".join(re.escape(p) for p in prefixes)
    glued = "|".join(re.escape(p) for p in prefixes if p.endswith("by"))
    return re.compile(rf"^(?:(?i:{spaced})(?:\s*:\s*|\s+)|(?i:{glued})(?=[A-ZÀ-ÖØ-Þ]))")


@cache
def _glued_words() -> re.Pattern[str]:
    """A word such as "Published" glued to the end of a name ("Ann LeePublished: ...")."""
    glued = "|".join(re.escape(word) for word in _cues()["byline_glued_words"])
    return re.compile(rf"(?<=[a-zà-ÿ])(?=(?:{glued})\b)")


_BYLINE_END = re.compile(r"\s*(?:[|•·/]|\s[-–—]\s|[—–]|\bUpdated\b|\bPublished\b)\s*")


def _byline_names(text: str, *, require_prefix: bool = False) -> list[str]:
    """Person names in a byline such as "By Jane Roe and John Doe | Agency"; [] if it is not one.

    After a "By" the names are the leading run of capitalised words of each part ("By Ann Lee on
    Monday" -> Ann Lee); a line without one must be nothing but names ("Work With Me" is a button).
    """
    candidate = _glued_words().sub(" ", text.strip())
    prefix = _byline_start().match(candidate)
    if prefix:
        candidate = candidate[prefix.end() :]
    elif require_prefix or len(words(candidate)) > MAX_BYLINE_WORDS:
        return []  # without a "By", a line of prose is no byline (nor an agency dateline "CITY (AP) — ...")
    candidate = re.sub(r"\([^()]*\)|@\w+", " ", candidate)
    candidate = _BYLINE_END.split(candidate)[0]
    candidate = re.split(r"\s\S*\d", f"{candidate} ")[0]
    if not candidate.strip() or len(candidate.split()) > MAX_BYLINE_WORDS:
        return []
    pattern = "|".join(re.escape(sep.strip()) for sep in _cues()["author_separators"] if sep.strip())
    parts = re.split(rf"\s*(?:,|\s(?:{pattern})\s)\s*", f" {candidate} ")
    names: list[str] = []
    for part in parts:
        if not part.strip(" ,."):
            continue
        run = _name_run(part.strip(" ,").split(), whole=prefix is None)
        if run is None:
            if names:
                break
            return []
        names.append(run)
    return names


def _name_run(tokens: list[str], *, whole: bool) -> str | None:
    """The person name the tokens start with (honorifics dropped), 2-4 words; with ``whole``, all of them."""
    cues = _cues()
    honorifics = set(cues["honorifics"])
    not_person = set(cues["not_a_person"])
    not_in_names = set(cues["not_in_names"])
    while tokens and tokens[0].casefold().rstrip(".") in honorifics:
        tokens = tokens[1:]
    run: list[str] = []
    for token in tokens:
        bare = token.rstrip(",")
        if (
            not _NAME_TOKEN.match(bare)
            or bare.casefold() in not_in_names
            or bare.casefold().strip(".") in not_person
            or (bare.endswith(".") and not re.fullmatch(r"[A-Z]\.", bare))
            or (
                run
                and bare.isupper()
                and sum(c.isalpha() for c in bare) > 1
                and not any(t.isupper() for t in run)
            )
        ):
            break
        run.append(bare)
    if whole and (len(run) != len(tokens) or all(token.isupper() for token in run)):
        return None  # without a "By", all of it must be the name, and not a capitalised place ("SANTA FE")
    half = len(run) // 2
    if len(run) % 2 == 0 and run[:half] == run[half:]:
        run = run[:half]  # "Ann Lee Ann Lee": the name printed twice (a label and a link)
    return " ".join(run) if 2 <= len(run) <= 4 else None


def _take_headline(page: _Page, article: Article, anchor: int, solid: int, *, anchored: bool) -> None:
    """Headline and standfirst: the title-like lines just above the byline/dateline (or the body)."""
    block: list[int] = []
    index = anchor - 1
    while index >= 0 and len(block) < 3:
        if page.free(index):
            block.append(index)
        elif block and page.fate[index].startswith(("chrome:", "site-repeated")):
            break
        index -= 1
    block.reverse()
    texts = [page.lines[i].text for i in range(len(page.lines))]
    candidates = [i for i in block if _title_like(texts[i])]
    if not candidates:
        return
    repeated = [i for i in candidates if any(texts[i] in other and other != texts[i] for other in texts)]
    headline = repeated[0] if repeated else candidates[0]
    _set_headline(page, article, headline, anchor=anchor, solid=solid)
    if anchored:
        _drop_above_headline(page, headline)


def _set_headline(page: _Page, article: Article, headline: int, *, anchor: int, solid: int) -> None:
    """The headline, and the standfirst when a sentence-long line follows it above the story."""
    texts = [line.text for line in page.lines]
    article.headline = texts[headline]
    page.fate[headline] = "field:headline"
    for index in range(headline + 1, min(len(page.lines), max(anchor, headline + 2))):
        if not page.free(index):
            continue
        count = len(words(texts[index]))
        if count >= 5 and (index < anchor or index < solid):
            article.standfirst = texts[index]
            page.fate[index] = "field:standfirst"
        break


def _drop_above_headline(page: _Page, headline: int) -> None:
    """A headline found above its byline or dateline starts the story: prose above it is
    a teaser, a kicker or a menu."""
    for index in range(headline):
        if page.body_like(index):
            page.fate[index] = f"classifier:p={page.probabilities[index]:.2f},before-headline"


def _title_like(text: str) -> bool:
    count = len(words(text))
    if not 3 <= count <= MAX_HEADLINE_WORDS or text.endswith((":", ",")) or _byline_prefix().match(text):
        return False
    return not (text.endswith(".") and count > 15)


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_ZONE = r"(?P<tz>(?-i:[A-Z]{1,5})|(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d\d)?)"
_CLOCK = r"(?P<hour>\d{1,2})[:.h](?P<minute>\d\d)(?::(?P<second>\d\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
_TIME = r"(?:(?:\s*(?:,|at|-|–|/|\||•|·)?\s*)" + _CLOCK + r"(?:\s*\(?" + _ZONE + r"\)?\b)?)?"
_TIME_FIRST = _CLOCK + r"(?:\s*\(?" + _ZONE + r"\)?\b)?\s*(?:,|on|-|–|\||•|·)?\s*"
_DATE_PATTERNS = [
    re.compile(_TIME_FIRST + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_TIME_FIRST + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(
        r"(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
        r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d\d:?\d\d|[A-Z]{2,5})?)?"
    ),
    re.compile(r"(?P<first>\d{1,2})[/.](?P<second_part>\d{1,2})[/.](?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"(?<![\d/.])(?P<year>\d{4})[/.](?P<mnum>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/.])" + _TIME, re.I),
    re.compile(r"\b(?P<day>\d{1,2})-" + _MONTH + r"-(?P<year>\d{4})" + _TIME, re.I),
]  # fmt: skip
_US_ZONES = {
    "EST",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "AKST",
    "AKDT",
    "HST",
    "ET",
    "CT",
    "MT",
    "PT",
}


def find_date(text: str) -> _FoundDate | None:
    """The first full date (day, month, year; time and zone optional) written in ``text``."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _date_from_match(match)
            if found is not None:
                return _FoundDate(
                    when=found[0],
                    written=match.group(0).strip(" ,|/-–"),
                    utc_offset=found[1],
                    rest=(text[: match.start()] + " " + text[match.end() :]).strip(),
                )
    return None


def _date_from_match(match: re.Match[str]) -> tuple[datetime, str | None] | None:
    groups = match.groupdict()
    tz_name = (groups.get("tz") or "").strip()
    try:
        year = int(groups["year"])
        if groups.get("month"):
            month = _MONTHS[groups["month"].lower().rstrip(".")]
            day = int(groups["day"])
        elif groups.get("mnum"):
            month, day = int(groups["mnum"]), int(groups["day"])
        else:
            first, second = int(groups["first"]), int(groups["second_part"])
            month_first = first <= 12 and (second > 12 or tz_name in _US_ZONES)
            month, day = (first, second) if month_first else (second, first)
        hour = int(groups.get("hour") or 0)
        minute = int(groups.get("minute") or 0)
        second_value = int(groups.get("second") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        local = datetime(year, month, day, hour, minute, second_value)
    except (KeyError, ValueError):
        return None
    if not 1990 <= year <= 2100:
        return None
    offset = _utc_offset(tz_name, local) if tz_name else None
    if tz_name and offset is None:
        return None if re.fullmatch(r"[A-Z]{1,5}", tz_name) is None else _naive(local)
    if offset is None:
        return _naive(local)
    aware = local.replace(tzinfo=timezone(offset))
    return aware.astimezone(UTC), _format_offset(offset)


def _naive(local: datetime) -> tuple[datetime, str | None]:
    """A time written without a zone: kept as if UTC, with no offset recorded."""
    return local.replace(tzinfo=UTC), None


def _utc_offset(name: str, local: datetime) -> timedelta | None:
    compact = name.replace(" ", "")
    numeric = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", compact)
    if numeric:
        sign = 1 if numeric.group(1) == "+" else -1
        return sign * timedelta(hours=int(numeric.group(2)), minutes=int(numeric.group(3) or 0))
    value = _cues()["timezones"].get(compact.upper())
    if not isinstance(value, str):
        return None
    if value[0] in "+-":
        sign = 1 if value[0] == "+" else -1
        hours, minutes = value[1:].split(":")
        return sign * timedelta(hours=int(hours), minutes=int(minutes))
    try:
        return local.replace(tzinfo=ZoneInfo(value)).utcoffset()
    except ZoneInfoNotFoundError:
        return None


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
