"""When an event happened, read from the text and resolved against the publication time.

News writes relative dates ("on Thursday", "yesterday", "late on Monday", "last night");
event databases want a calendar day and how sure we are of it. Each match yields a
``DateMention`` with the resolved date and a precision (day, week, month, year).

Rules, in the spirit of ACLED's date coding: a weekday means the most recent such day on
or before the publication day; "last night" and "yesterday" mean the day before; a day and
month without a year take the publication year unless that lands in the future, then the
year before; numeric dates follow the GTD order month/day/year unless the first number
cannot be a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from newsdesk.model import Article, EventDate, Evidence

Precision = Literal["day", "week", "month", "year", "unknown"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
HOLIDAYS = {
    "New Year's Day": (1, 1),
    "New Year's Eve": (12, 31),
    "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24),
    "Boxing Day": (12, 26),
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d{2})\b")),
    (
        "day_month",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}(?!\d)(?:,?\s+{_YEAR})?\b",
        ),
    ),
    ("month_year", re.compile(rf"\b(?:in|during|since|of|late|early|mid-?)\s+{_MONTH}(?:\s+{_YEAR})?\b")),
    ("year", re.compile(rf"\b(?:in|during|of)\s+{_YEAR}\b")),
    (
        "holiday",
        re.compile(r"\b(?P<holiday>New Year's Day|New Year's Eve|Christmas Day|Christmas Eve|Boxing Day)\b"),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>yesterday|last night|overnight|earlier today|today|this morning|this afternoon"
            r"|this evening|tonight|last week|earlier this week|this week|last month|earlier this month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<qualifier>(?:late|early)\s+(?:on\s+)?|on\s+|last\s+|since\s+)?{_WEEKDAY}(?:\s+(?:night|morning|evening|afternoon))?\b",
        ),
    ),
]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: date | None
    precision: Precision

    def to_event_date(self) -> EventDate:
        return EventDate(
            value=self.value,
            precision=self.precision if self.value else "unknown",
            evidence=Evidence(start=self.start, end=self.end, text=self.text),
        )


def reference_date(article: Article) -> date | None:
    """The publication day as the newsroom saw it (local time when the page gave an offset)."""
    if article.published is None:
        return None
    written = article.published_as_written
    if written is not None and written.utc_offset:
        match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", written.utc_offset)
        if match:
            sign = 1 if match.group(1) == "+" else -1
            delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
            return (article.published + sign * delta).date()
    return article.published.date()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: str | None, reference: date | None) -> date | None:
    if year:
        return _safe_date(int(year), month, day)
    if reference is None:
        return None
    value = _safe_date(reference.year, month, day)
    if value is not None and value > reference + timedelta(days=1):
        value = _safe_date(reference.year - 1, month, day)
    return value


def _weekday(name: str, qualifier: str, reference: date | None) -> date | None:
    if reference is None:
        return None
    back = (reference.weekday() - WEEKDAYS.index(name.lower())) % 7
    if qualifier.strip().lower() == "last" and back == 0:
        back = 7
    return reference - timedelta(days=back)


def _relative(phrase: str, reference: date | None) -> tuple[date | None, Precision]:
    phrase = phrase.lower()
    if reference is None:
        return None, "unknown"
    if phrase in {"yesterday", "last night", "overnight"}:
        return reference - timedelta(days=1), "day"
    if phrase in {"last week"}:
        return reference - timedelta(days=7), "week"
    if phrase in {"earlier this week", "this week"}:
        return reference, "week"
    if phrase == "last month":
        first = reference.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1), "month"
    if phrase == "earlier this month":
        return reference.replace(day=1), "month"
    return reference, "day"


def find_dates(text: str, reference: date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``reference`` (the publication day)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value: date | None
            precision: Precision = "day"
            groups = match.groupdict()
            if kind == "iso":
                value = _safe_date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
            elif kind == "numeric":
                first, second = int(groups["first"]), int(groups["second"])
                month, day = (first, second) if first <= 12 else (second, first)
                value = _safe_date(int(groups["year"]), month, day)
            elif kind in {"day_month", "month_day"}:
                month_key = groups["month"].lower().rstrip(".")
                value = _with_year(MONTHS[month_key], int(groups["day"]), groups.get("year"), reference)
            elif kind == "month_year":
                month = MONTHS[groups["month"].lower().rstrip(".")]
                year = groups.get("year")
                value = _with_year(month, 1, year, reference)
                precision = "month"
            elif kind == "year":
                value, precision = date(int(groups["year"]), 1, 1), "year"
            elif kind == "holiday":
                month, day = HOLIDAYS[groups["holiday"]]
                value = _with_year(month, day, None, reference)
            elif kind == "relative":
                value, precision = _relative(groups["relative"], reference)
            else:
                value = _weekday(groups["weekday"], groups.get("qualifier") or "", reference)
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end], value, precision if value else "unknown"))
    found.sort(key=lambda mention: mention.start)
    return found
