"""Event dates resolved against the publication day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsdesk.model import Article, Provenance, WrittenDate
from newsdesk.understand.dates import find_dates, reference_date

# A Wednesday.
PUBLISHED = date(2024, 3, 13)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Gunmen struck on Monday.", date(2024, 3, 11), "day"),
        ("It began late on Tuesday.", date(2024, 3, 12), "day"),
        ("The blast on Wednesday night", date(2024, 3, 13), "day"),
        ("Police said yesterday that", date(2024, 3, 12), "day"),
        ("shots rang out last night", date(2024, 3, 12), "day"),
        ("the raid this morning", date(2024, 3, 13), "day"),
        ("on 2 March the militants", date(2024, 3, 2), "day"),
        ("on March 2nd the militants", date(2024, 3, 2), "day"),
        ("on 28 December a car bomb", date(2023, 12, 28), "day"),
        ("03/09/2024: Assailants attacked", date(2024, 3, 9), "day"),
        ("2024-03-09 attack", date(2024, 3, 9), "day"),
        ("On 9 March 2019, fighters", date(2019, 3, 9), "day"),
        ("in January 2022 the town", date(2022, 1, 1), "month"),
        ("last week a convoy", date(2024, 3, 6), "week"),
        ("in the early hours of New Year's Day", date(2024, 1, 1), "day"),
        ("on Christmas Eve", date(2023, 12, 24), "day"),
    ],
)
def test_expressions(text: str, value: date, precision: str) -> None:
    found = find_dates(text, PUBLISHED)
    assert found, text
    assert (found[0].value, found[0].precision) == (value, precision)


def test_last_weekday_is_never_today() -> None:
    (mention,) = find_dates("last Wednesday", PUBLISHED)
    assert mention.value == date(2024, 3, 6)


def test_day_first_numeric_when_month_cannot_be_first() -> None:
    (mention,) = find_dates("25/12/2020", None)
    assert mention.value == date(2020, 12, 25)


def test_relative_dates_need_a_reference() -> None:
    (mention,) = find_dates("on Friday", None)
    assert mention.value is None and mention.precision == "unknown"


def test_lowercase_may_is_not_a_month() -> None:
    assert find_dates("officials may 3 times revise", PUBLISHED) == []


def test_reference_date_uses_the_written_offset() -> None:
    # 23:30 UTC on the 12th is already the 13th in a newsroom at UTC+02:00.
    article = Article(
        published=datetime(2024, 3, 12, 23, 30, tzinfo=UTC),
        published_as_written=WrittenDate(text="13 March 2024 01:30", utc_offset="+02:00", source="line:1"),
        provenance=Provenance(input_kind="text", extractor="test", version="0"),
    )
    assert reference_date(article) == date(2024, 3, 13)
