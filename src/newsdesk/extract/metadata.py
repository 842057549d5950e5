"""Article metadata from a parsed HTML page.

Sources, most trusted first: JSON-LD (``NewsArticle`` and kin, ``@graph`` included),
OpenGraph and other ``<meta>`` tags, ``<time datetime>``, then the visible byline.
Every candidate goes through the same sanity checks: an author must look like a
person (no organisation, no "Staff", no URL), a date must parse, must not be in the
future and must not be a scrap of JavaScript. Where the page says nothing usable,
``htmldate`` gets the last word on the date.

The lists of meta names, XPaths and organisation words live in
``newsdesk/data/html_metadata.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.model import Caption, Image, WrittenDate

# --------------------------------------------------------------------------- rules (data)


@dataclass(frozen=True)
class _Rules:
    article_types: frozenset[str]
    page_types: frozenset[str]
    headline_meta: tuple[str, ...]
    description_meta: tuple[str, ...]
    author_meta: tuple[str, ...]
    published_meta: tuple[str, ...]
    updated_meta: tuple[str, ...]
    publisher_meta: tuple[str, ...]
    section_meta: tuple[str, ...]
    tag_meta: tuple[str, ...]
    byline_markers: tuple[tuple[str, str], ...]
    byline_marker_exclusions: tuple[str, ...]
    byline_text_xpath: str
    time_xpath: str
    byline_prefix: re.Pattern[str]
    byline_trailers: tuple[re.Pattern[str], ...]
    author_separators: re.Pattern[str]
    name_suffixes: frozenset[str]
    organisation_words: frozenset[str]
    javascript_markers: tuple[str, ...]
    earliest_year: int
    future_tolerance: timedelta
    title_separators: tuple[str, ...]


@cache
def rules() -> _Rules:
    raw = json.loads(resources.files("newsdesk.data").joinpath("html_metadata.json").read_text("utf-8"))
    return _Rules(
        article_types=frozenset(raw["article_types"]),
        page_types=frozenset(raw["page_types"]),
        headline_meta=tuple(raw["headline_meta"]),
        description_meta=tuple(raw["description_meta"]),
        author_meta=tuple(raw["author_meta"]),
        published_meta=tuple(raw["published_meta"]),
        updated_meta=tuple(raw["updated_meta"]),
        publisher_meta=tuple(raw["publisher_meta"]),
        section_meta=tuple(raw["section_meta"]),
        tag_meta=tuple(raw["tag_meta"]),
        byline_markers=tuple((attribute, word) for attribute, word in raw["byline_markers"]),
        byline_marker_exclusions=tuple(raw["byline_marker_exclusions"]),
        byline_text_xpath=str(raw["byline_text_xpath"]),
        time_xpath=str(raw["time_xpath"]),
        byline_prefix=re.compile(raw["byline_prefix"], re.IGNORECASE),
        byline_trailers=tuple(re.compile(pattern, re.IGNORECASE) for pattern in raw["byline_trailers"]),
        author_separators=re.compile(raw["author_separators"], re.IGNORECASE),
        name_suffixes=frozenset(raw["name_suffixes"]),
        organisation_words=frozenset(raw["organisation_words"]),
        javascript_markers=tuple(raw["javascript_markers"]),
        earliest_year=int(raw["earliest_year"]),
        future_tolerance=timedelta(hours=float(raw["future_tolerance_hours"])),
        title_separators=tuple(raw["title_separators"]),
    )


# --------------------------------------------------------------------------- result


@dataclass
class PageMetadata:
    headline: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_as_written: WrittenDate | None = None
    updated: datetime | None = None
    publisher: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    images: list[Image] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)


def read_metadata(tree: HtmlElement, url: str | None = None, *, now: datetime | None = None) -> PageMetadata:
    """Everything the page says about itself, checked; ``tree`` is not modified."""
    _dateparser()
    now = now or datetime.now(UTC)
    meta = _meta_tags(tree)
    linked = _json_ld(tree)
    article = _pick_article(linked)
    result = PageMetadata()

    result.url = _canonical_url(tree, meta, article, url)
    result.language = _page_language(tree)
    result.publisher = _publisher(article, linked, meta)
    result.headline = _headline(tree, article, meta, result.publisher)
    result.standfirst = _first_text(
        _ld_text(article, "description"), *(meta.get(n) for n in rules().description_meta)
    )
    index = {item["@id"]: item for item in linked if isinstance(item.get("@id"), str)}
    result.authors = _authors(tree, article, index, meta, result.publisher)
    result.published, result.published_as_written = _published(tree, article, meta, result.url, now)
    updated = _first_date(
        [("json-ld", _ld_text(article, "dateModified"))]
        + [(f"meta:{name}", meta.get(name)) for name in rules().updated_meta],
        now,
    )
    result.updated = updated[0] if updated else None
    if result.updated and result.published and result.updated < result.published:
        result.updated = None
    result.section = _first_text(
        _ld_text(article, "articleSection"), *(meta.get(name) for name in rules().section_meta)
    )
    result.tags = _tags(article, tree)
    result.images, result.captions = _images(article, meta, result.url)
    return result


# --------------------------------------------------------------------------- sources


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each <meta> name/property/itemprop, lower-cased keys."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _meta_lists(tree: HtmlElement) -> dict[str, list[str]]:
    """Every content of each repeatable <meta> property/name (article:tag comes many times)."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content:
            values.setdefault(key, []).append(content)
    return values


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """All JSON-LD objects of the page, flattened out of lists and ``@graph``."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        payload = _loads_lenient(script.text or "")
        objects.extend(_flatten(payload))
    return objects


def _loads_lenient(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if text.startswith("//<![CDATA["):
        text = text.removeprefix("//<![CDATA[").removesuffix("//]]>")
    for candidate in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _flatten(payload: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(payload, list):
        for item in payload:
            yield from _flatten(item, depth + 1)
    elif isinstance(payload, dict):
        yield payload
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            if isinstance(payload.get(key), (dict, list)):
                yield from _flatten(payload[key], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _pick_article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object that describes the article (or, failing that, the page)."""
    best: tuple[int, dict[str, Any]] = (0, {})
    for item in objects:
        kinds = _types(item)
        rank = 0
        if kinds & rules().article_types:
            rank = 3 if (item.get("headline") or item.get("articleBody")) else 2
        elif kinds & rules().page_types and (item.get("datePublished") or item.get("author")):
            rank = 1
        if rank > best[0]:
            best = (rank, item)
    return best[1]


def _ld_text(item: Any, key: str) -> str | None:
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("text")
    if isinstance(value, (str, int, float)) and str(value).strip():
        return _clean_space(str(value))
    return None


# --------------------------------------------------------------------------- fields


def _clean_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_text(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate and _clean_space(candidate):
            return _unescape(_clean_space(candidate))
    return None


def _unescape(text: str) -> str:
    if "&" in text and ";" in text:
        import html

        return html.unescape(text)
    return text


def _canonical_url(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, Any], url: str | None
) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            return urljoin(url or "", link.get("href").strip())
    candidate = meta.get("og:url") or _ld_text(article, "url")
    if candidate and re.match(r"^(https?:)?//|^/", candidate):
        return urljoin(url or "", candidate)
    return url


def _publisher(article: dict[str, Any], objects: list[dict[str, Any]], meta: dict[str, str]) -> str | None:
    name = _ld_text(article, "publisher")
    if not name:
        name = next((_ld_text(o, "name") for o in objects if _types(o) & {"NewsMediaOrganization"}), None)
    if not name:
        name = next((meta.get(n) for n in rules().publisher_meta if meta.get(n)), None)
        if name and name.startswith("@"):
            name = None
    if not name:
        name = next((_ld_text(o, "name") for o in objects if _types(o) & {"WebSite", "Organization"}), None)
    return _first_text(name)


def _headline(
    tree: HtmlElement, article: dict[str, Any], meta: dict[str, str], publisher: str | None
) -> str | None:
    candidates = [_ld_text(article, "headline"), *(meta.get(name) for name in rules().headline_meta)]
    h1s = [_clean_space(h.text_content()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if 3 <= len(h) <= 300]
    if len(h1s) == 1:
        # The headline a reader sees wins over the one written for search engines and sharing,
        # unless the lone h1 is the site's name (a logo heading) while metadata names a story.
        declared = [c for c in candidates if c and _clean_space(c)]
        site_heading = (publisher is not None and _same_name(h1s[0], publisher)) or (
            bool(declared) and len(h1s[0].split()) <= 3 and all(len(c.split()) > 3 for c in declared)
        )
        candidates.insert(len(candidates) if site_heading else 0, h1s[0])
    title = tree.find(".//title")
    if title is not None and title.text:
        candidates.append(title.text)
    for candidate in candidates:
        if candidate and _clean_space(candidate):
            return _strip_site_name(_unescape(_clean_space(candidate)), publisher)
    return None


def _strip_site_name(title: str, publisher: str | None) -> str:
    """'Headline | Site' -> 'Headline' (the longest part, or the part that is not the site)."""
    for separator in rules().title_separators:
        if separator not in title:
            continue
        parts = [part.strip() for part in title.split(separator) if part.strip()]
        if len(parts) < 2:
            continue
        if publisher and any(_same_name(part, publisher) for part in parts):
            kept = [part for part in parts if not _same_name(part, publisher)]
            return separator.join(kept) if kept else title
        if len(parts[-1]) < len(parts[0]) and len(parts[-1].split()) <= 4:
            return separator.join(parts[:-1])
    return title


def _same_name(a: str, b: str) -> bool:
    def squash(text: str) -> str:
        return re.sub(r"\W+|^the", "", text.lower())

    return bool(squash(a)) and (squash(a) == squash(b) or squash(a).startswith(squash(b)))


# --------------------------------------------------------------------------- authors


def _authors(
    tree: HtmlElement,
    article: dict[str, Any],
    index: dict[str, dict[str, Any]],
    meta: dict[str, str],
    publisher: str | None,
) -> list[str]:
    # a personal site's name is often its author's: the publisher check applies to visible text only
    from_ld = _ld_authors(article.get("author") or article.get("creator"), index)
    if from_ld:
        return from_ld
    for name in [*rules().author_meta, _twitter_written_by(meta)]:
        value = meta.get(name) if name else None
        if value:
            found = clean_authors(value)
            if found:
                return found
    for element in _byline_elements(tree):
        text = element.text_content() if isinstance(element, HtmlElement) else ""
        if 2 < len(text.strip()) < 200:
            found = clean_authors(text, publisher)
            if found:
                return found
    return []


def _byline_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Byline candidates, most explicit marker first, from one scan of the page; the scan of
    the visible text runs only when no explicitly marked candidate named a person."""
    markers = rules().byline_markers
    ranked: list[tuple[int, int, HtmlElement]] = []
    for position, element in enumerate(_byline_xpath()(tree)):
        if any(word in (element.get("class") or "").lower() for word in rules().byline_marker_exclusions):
            continue
        rank = next(
            (
                n
                for n, (attribute, word) in enumerate(markers)
                if word in (element.get(attribute) or "").lower()
            ),
            len(markers),
        )
        names = element.xpath(".//*[@itemprop='name']") if rank == 0 else []
        ranked.append((rank, position, names[0] if names else element))
    ranked.sort(key=lambda item: (item[0], item[1]))
    # "By ..." in the text ranks after the explicit markup but before a bare 'author' class
    explicit = [element for rank, _, element in ranked if rank < len(markers) - 1]
    loose = [element for rank, _, element in ranked if rank >= len(markers) - 1]
    yield from explicit[:8]
    yield from (element for element in _byline_text_xpath()(tree)[:5] if isinstance(element, HtmlElement))
    yield from loose[:5]


@cache
def _byline_xpath() -> XPath:
    tests = " or ".join(f"contains(@{attribute}, '{word}')" for attribute, word in rules().byline_markers)
    # The elements ``//*[tests]`` selects, reached through the attributes holding a marker word:
    # libxml2 then tests a few elements instead of every one (a third faster on news pages).
    words = " or ".join(
        f"contains(., '{word}')" for word in dict.fromkeys(w for _, w in rules().byline_markers)
    )
    return XPath(f"(//@*[{words}]/..)[{tests}]")


@cache
def _byline_text_xpath() -> XPath:
    return XPath(rules().byline_text_xpath)


def _twitter_written_by(meta: dict[str, str]) -> str | None:
    """Slack-style ``twitter:labelN = "Written by"`` / ``twitter:dataN = name`` pairs."""
    for number in range(1, 5):
        if meta.get(f"twitter:label{number}", "").lower().startswith("written by"):
            return f"twitter:data{number}"
    return None


def _ld_authors(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    people: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = index.get(item["@id"], item)
        if isinstance(item, dict):
            if _types(item) & {"Organization", "NewsMediaOrganization", "Corporation", "WebSite"}:
                continue
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                people.extend(clean_authors(name))
        elif isinstance(item, str):
            people.extend(clean_authors(item))
    return _unique(people)


def clean_authors(text: str, publisher: str | None = None) -> list[str]:
    """Person names in a byline: 'By Ann Lee and Bo Chan | Staff' -> ['Ann Lee', 'Bo Chan']."""
    text = _unescape(_clean_space(text))
    if not text or re.search(r"https?://|www\.|\.com\b|@\w+\.\w", text):
        return []
    text = rules().byline_prefix.sub("", text)
    for trailer in rules().byline_trailers:
        text = trailer.sub("", text)
    names = []
    for part in rules().author_separators.split(text):
        name = rules().byline_prefix.sub("", part.strip(" .,:;-–—·•|()[]\"'"))
        if _looks_like_person(name, publisher):
            names.append(_titlecase_if_shouting(name))
    return _unique(names)


def _looks_like_person(name: str, publisher: str | None) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5 or len(name) > 60:
        return False
    if publisher and _same_name(name, publisher):
        return False
    lowered = [word.lower().strip(".,") for word in words]
    if any(word in rules().organisation_words for word in lowered):
        return False
    if any(char.isdigit() for char in name) or re.search(r"[@#/\\{}<>=+*]", name):
        return False
    meaningful = [w for w, low in zip(words, lowered, strict=True) if low not in rules().name_suffixes]
    # names are capitalised (allowing particles such as 'van', 'de', 'al-')
    capitalised = sum(1 for word in meaningful if word[:1].isupper())
    return capitalised >= max(2, len(meaningful) - 2)


def _titlecase_if_shouting(name: str) -> str:
    return name.title() if name.isupper() else name


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if value.lower() not in seen:
            seen.add(value.lower())
            kept.append(value)
    return kept


# --------------------------------------------------------------------------- dates


def _published(
    tree: HtmlElement, article: dict[str, Any], meta: dict[str, str], url: str | None, now: datetime
) -> tuple[datetime | None, WrittenDate | None]:

    def candidates() -> Iterator[tuple[str, str | None]]:
        yield ("json-ld", _ld_text(article, "datePublished"))
        yield ("json-ld", _ld_text(article, "dateCreated"))
        yield from ((f"meta:{name}", meta.get(name)) for name in rules().published_meta)
        # searched only when the head had no usable date; itemprop first, then <time>
        marked = sorted(_time_xpath()(tree)[:6], key=lambda element: element.tag == "time")
        for element in marked:
            yield (
                "time-element",
                element.get("datetime") or element.get("content") or element.text_content(),
            )

    found = _first_date(candidates(), now, _page_language(tree))
    if found:
        return found
    from_url = _url_date(url, now)
    if from_url:
        return from_url
    return _htmldate(tree, now)


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)")


def _url_date(url: str | None, now: datetime) -> tuple[datetime, WrittenDate] | None:
    """A /2019/11/18/ style date in the address: a day, read as UTC midnight."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    written = "-".join(match.groups())
    try:
        year, month, day = (int(part) for part in match.groups())
        moment = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    if moment.year < rules().earliest_year or moment > now + rules().future_tolerance:
        return None
    return moment, WrittenDate(text=written, utc_offset=None, source="url")


@cache
def _time_xpath() -> XPath:
    return XPath(rules().time_xpath)


def _page_language(tree: HtmlElement) -> str | None:
    """The two-letter language the page declares, for reading written-out dates."""
    root = tree.getroottree().getroot()
    declared = (root.get("lang") or root.get("xml:lang") or "").strip().lower()[:2]
    return declared if declared.isalpha() and len(declared) == 2 else None


def _first_date(
    candidates: Iterable[tuple[str, str | None]], now: datetime, language: str | None = None
) -> tuple[datetime, WrittenDate] | None:
    for source, written in candidates:
        if not written:
            continue
        parsed = parse_date(written, now=now, language=language)
        if parsed:
            moment, offset = parsed
            return moment, WrittenDate(text=written.strip(), utc_offset=offset, source=source)
    return None


def _htmldate(tree: HtmlElement, now: datetime) -> tuple[datetime | None, WrittenDate | None]:
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=False, original_date=True, max_date=now.strftime("%Y-%m-%d"))
    except Exception:  # htmldate is a best-effort last resort; a failure means "no date"
        return None, None
    if not found or _only_inside_javascript(tree, found):
        return None, None
    parsed = parse_date(found, now=now)
    if not parsed:
        return None, None
    return parsed[0], WrittenDate(text=found, utc_offset=None, source="htmldate")


def _only_inside_javascript(tree: HtmlElement, found: str) -> bool:
    """htmldate reads meta values whole; a date it found inside a scrap of script is no date."""
    values = [element.get("content") or "" for element in tree.iter("meta")]
    scripts = [value for value in values if found in value and _looks_like_javascript(value)]
    return bool(scripts) and not any(found in value for value in values if value not in scripts)


_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def parse_date(
    written: str, *, now: datetime | None = None, language: str | None = None
) -> tuple[datetime, str | None] | None:
    """A written date as an aware UTC datetime and the offset it was written in.

    Returns None for JavaScript, for impossible years and for dates in the future.
    A date without an offset is read as UTC (and its offset reported as None).
    """
    now = now or datetime.now(UTC)
    text = _clean_space(written)
    if not text or len(text) > 80 or _looks_like_javascript(text):
        return None
    moment = _parse_iso(text) or _parse_other(text, language)
    if moment is None:
        return None
    offset: str | None = None
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        delta = moment.utcoffset() or timedelta(0)
        minutes = int(delta.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        moment = moment.astimezone(UTC)
    else:
        moment = moment.replace(tzinfo=UTC)
    if moment.year < rules().earliest_year or moment > now + rules().future_tolerance:
        return None
    return moment, offset


def _looks_like_javascript(text: str) -> bool:
    lowered = text.lower()
    return any(marker in lowered for marker in rules().javascript_markers)


def _parse_iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    candidate = re.sub(r"(\.\d{6})\d+", r"\1", candidate)
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    if re.fullmatch(r"\d{10}(\d{3})?", text):
        seconds = int(text[:10])
        return datetime.fromtimestamp(seconds, UTC)
    return None


# English month names as calendar facts (not locale-dependent like strptime's %B).
_MONTHS = {
    name: number
    for number, (full, short) in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May", "May"),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in (full, short)
}
# "Nov 19, 2019", "December 3 2025", "Dec 19th 2025": the commonest written date on English news
# pages, read here in microseconds to exactly what dateparser (some 25 ms a call) makes of it.
_MONTH_DAY_YEAR = re.compile(rf"({'|'.join(_MONTHS)}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})")


# "19 Nov 2019 07:09 GMT", "2019-11-18 17:19:53 UTC": feed and CMS stamps, in UTC by their word.
_DAY_MONTH_YEAR_UTC = re.compile(
    rf"(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}}) (\d{{2}}):(\d{{2}})(?::(\d{{2}}))? (?:GMT|UTC)"
)
_ISO_SPACED_UTC = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (?:GMT|UTC)")


def _parse_month_day_year(text: str) -> datetime | None:
    """The common written shapes above, read as dateparser reads them; None for any other."""
    try:
        if match := _MONTH_DAY_YEAR.fullmatch(text):
            month, day, year = match.groups()
            return datetime(int(year), _MONTHS[month], int(day))
        if match := _DAY_MONTH_YEAR_UTC.fullmatch(text):
            day, month, year, hour, minute, second = match.groups()
            return datetime(
                int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
            )
        if match := _ISO_SPACED_UTC.fullmatch(text):
            year, month, day, hour, minute, second = (int(part) for part in match.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None  # no such day or hour: left to dateparser, as before
    return None


def _parse_other(text: str, language: str | None) -> datetime | None:
    if not re.search(r"\d", text) or not re.search(r"\d{4}|\d{1,2}[/.-]\d{1,2}", text):
        return None
    common = _parse_month_day_year(text)
    if common is not None:
        return common
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return _dateparser().parse(
            text,
            settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "YMD" if text[:4].isdigit() else "MDY"},
        )
    except Exception:  # dateparser raises assorted errors on odd strings: treat as unparseable
        return None


_DATEPARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY"}


@cache
def _dateparser() -> Any:
    """dateparser, imported and primed: loaded with the first page rather than when needed.

    It reads the dates no shape above covers, one page in fifty or so, but its first use
    costs some 0.2 s of CPU (the import, then its time-zone and locale tables, built on the
    first date it reads) against 1-2 ms a date after that. Paid when a page first reaches
    it, that stalls one page in the middle of a batch (or one request of the service);
    ``read_metadata`` loads it with the first page instead, like the language model.
    """
    import dateparser

    dateparser.parse("Friday 1:00 PM, January 7, 2000", settings=_DATEPARSER_SETTINGS)
    return dateparser


# --------------------------------------------------------------------------- tags, images


def _tags(article: dict[str, Any], tree: HtmlElement) -> list[str]:
    keywords = article.get("keywords") if isinstance(article, dict) else None
    values: list[str] = []
    if isinstance(keywords, list):
        values = [str(k) for k in keywords if isinstance(k, (str, int))]
    elif isinstance(keywords, str):
        values = keywords.split(",")
    if not values:
        lists = _meta_lists(tree)
        for name in rules().tag_meta:
            found = lists.get(name, [])
            if found:
                values = found if len(found) > 1 else found[0].split(",")
                break
    tags = [_clean_space(value) for value in values]
    return _unique([tag for tag in tags if tag and len(tag) < 80 and ":" not in tag])


def _images(
    article: dict[str, Any], meta: dict[str, str], page_url: str | None
) -> tuple[list[Image], list[Caption]]:
    images: list[Image] = []
    captions: list[Caption] = []
    value = article.get("image") if isinstance(article, dict) else None
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            images.append(Image(url=urljoin(page_url or "", item.strip())))
        elif isinstance(item, dict) and isinstance(item.get("url") or item.get("contentUrl"), str):
            caption = _ld_text(item, "caption") or _ld_text(item, "description")
            credit = (
                _ld_text(item, "creditText") or _ld_text(item, "copyrightHolder") or _ld_text(item, "author")
            )
            images.append(
                Image(
                    url=urljoin(page_url or "", item.get("url") or item["contentUrl"]),
                    caption=caption,
                    credit=credit,
                )
            )
            if caption:
                captions.append(Caption(text=caption, credit=credit))
    og_image = meta.get("og:image") or meta.get("twitter:image")
    if og_image and not any(image.url == urljoin(page_url or "", og_image) for image in images):
        images.append(Image(url=urljoin(page_url or "", og_image), alt=meta.get("og:image:alt")))
    return images, captions
