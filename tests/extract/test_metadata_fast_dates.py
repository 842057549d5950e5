"""The month-day-year shortcut in front of dateparser reads those dates exactly as dateparser
does, and leaves everything else (impossible days, other shapes) to it."""

from __future__ import annotations

import dateparser
import pytest

from newsdesk.extract.metadata import _parse_month_day_year, parse_date

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY"}


@pytest.mark.parametrize(
    "written",
    [
        "Jan 17, 2025",
        "February 29, 2024",
        "May 1 2019",
        "Sep 30, 2025",
        "December 3rd, 2025",
        "Dec 19th 2025",
        "Nov 05, 2025",
        "August 31 1999",
    ],
)
def test_shortcut_agrees_with_dateparser(written: str) -> None:
    shortcut = _parse_month_day_year(written)
    assert shortcut is not None
    assert shortcut == dateparser.parse(written, settings=_SETTINGS)


@pytest.mark.parametrize(
    "written",
    ["February 30, 2025", "Nov 0, 2025", "Sept 3, 2025", "november 3, 2025", "3 Nov 2025", "Nov 3, 25"],
)
def test_shortcut_leaves_other_shapes_to_dateparser(written: str) -> None:
    assert _parse_month_day_year(written) is None


def test_parse_date_still_reads_shapes_the_shortcut_skips() -> None:
    parsed = parse_date("19 Nov 2019 07:09 GMT")
    assert parsed is not None
    assert parsed[0].isoformat() == "2019-11-19T07:09:00+00:00"
