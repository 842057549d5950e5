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
        "19 Nov 2019 07:09 GMT",
        "1 March 2024 23:59:59 UTC",
        "2019-11-18 17:19:53 GMT",
        "2024-02-29 00:00:00 UTC",
    ],
)
def test_shortcut_agrees_with_dateparser(written: str) -> None:
    shortcut = _parse_month_day_year(written)
    assert shortcut is not None
    order = "YMD" if written[:4].isdigit() else "MDY"
    assert shortcut == dateparser.parse(written, settings={**_SETTINGS, "DATE_ORDER": order})


@pytest.mark.parametrize(
    "written",
    [
        "February 30, 2025",
        "Nov 0, 2025",
        "Sept 3, 2025",
        "november 3, 2025",
        "3 Nov 2025",
        "Nov 3, 25",
        "19 Nov 2019 24:00 GMT",
        "2019-13-18 17:19:53 UTC",
        "19 Nov 2019 07:09 EST",
    ],
)
def test_shortcut_leaves_other_shapes_to_dateparser(written: str) -> None:
    assert _parse_month_day_year(written) is None


def test_parse_date_still_reads_shapes_the_shortcut_skips() -> None:
    parsed = parse_date("19 Nov 2019 07:09 GMT")
    assert parsed is not None
    assert parsed[0].isoformat() == "2019-11-19T07:09:00+00:00"
