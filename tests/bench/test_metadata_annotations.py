"""The hand annotation behind ``python -m bench.metadata``, and the benchmark's scoring rules."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bench.metadata import (
    Annotation,
    Prediction,
    annotation_problems,
    authors_exact,
    authors_f1,
    authors_partial,
    date_correct,
    headline_exact,
    headline_lenient,
    load_annotations,
    normalise_name,
    normalise_text,
    predicted_day,
    score,
    token_f1,
)

from bench import metadata

AEB_HTML = metadata.AEB / "html"
MINIMUM_PAGES = 40


def _annotation(**fields: object) -> Annotation:
    values: dict[str, object] = {
        "id": "page",
        "headline": "Council approves the new harbour bridge",
        "authors": ("Ada Lovelace",),
        "published_date": date(2021, 3, 4),
        "published_date_utc": None,
        "notes": "",
    }
    values.update(fields)
    return Annotation(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the annotation file


@pytest.fixture(scope="module")
def raw_records() -> list[dict[str, object]]:
    lines = metadata.ANNOTATIONS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_record_follows_the_schema(raw_records: list[dict[str, object]]) -> None:
    problems = {str(record.get("id")): annotation_problems(record) for record in raw_records}
    assert {page: found for page, found in problems.items() if found} == {}


def test_file_loads_with_enough_distinct_pages() -> None:
    annotations = load_annotations()
    assert len(annotations) >= MINIMUM_PAGES
    assert len({annotation.id for annotation in annotations}) == len(annotations)


def test_annotated_pages_exist_in_the_shared_benchmark() -> None:
    if not AEB_HTML.is_dir():
        pytest.skip("../shared/data/scrapinghub-aeb is not beside the checkout")
    truth = json.loads((metadata.AEB / "ground-truth.json").read_text(encoding="utf-8"))
    missing = [
        a.id for a in load_annotations() if a.id not in truth or not (AEB_HTML / f"{a.id}.html.gz").is_file()
    ]
    assert missing == []


def test_annotated_pages_are_spread_over_the_benchmark() -> None:
    if not AEB_HTML.is_dir():
        pytest.skip("../shared/data/scrapinghub-aeb is not beside the checkout")
    ordered = sorted(path.name.removesuffix(".html.gz") for path in AEB_HTML.glob("*.html.gz"))
    positions = sorted(ordered.index(annotation.id) for annotation in load_annotations())
    largest_gap = max(later - earlier for earlier, later in itertools.pairwise(positions))
    assert positions[0] < len(ordered) // 10 and positions[-1] > len(ordered) * 9 // 10
    assert largest_gap <= len(ordered) // 10


def test_dates_are_plausible_publication_days() -> None:
    for annotation in load_annotations():
        for day in annotation.accepted_days:
            assert date(1995, 1, 1) <= day <= date(2019, 12, 31), annotation.id
        if annotation.published_date and annotation.published_date_utc:
            gap = abs(annotation.published_date_utc - annotation.published_date)
            assert gap == timedelta(days=1), annotation.id


def test_headlines_and_names_are_short_facts_with_clean_whitespace() -> None:
    for annotation in load_annotations():
        assert annotation.headline == " ".join(annotation.headline.split())
        assert len(annotation.headline) <= 200, annotation.id
        for name in annotation.authors:
            assert name == " ".join(name.split()) and len(name.split()) <= 5, (annotation.id, name)
            assert not normalise_text(name).startswith("by "), (annotation.id, name)


def test_loader_names_every_bad_line(tmp_path: Path) -> None:
    good: dict[str, object] = {"id": "a", "headline": "H", "authors": [], "published_date": None, "notes": ""}
    lines = [
        json.dumps(good),
        json.dumps(good),  # duplicate id
        json.dumps({**good, "id": "b", "published_date": "19/11/2019"}),
        "not json",
        json.dumps({**good, "id": "c", "authors": "Ada Lovelace"}),
    ]
    path = tmp_path / "annotations.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_annotations(path)
    message = str(raised.value)
    for fragment in ("line 2: duplicate id", "line 3:", "line 4: not JSON", "line 5:"):
        assert fragment in message


def test_schema_check_reports_each_problem() -> None:
    assert annotation_problems(["not", "a", "dict"]) == ["record is not a JSON object"]
    problems = annotation_problems(
        {"id": "x", "headline": " ", "authors": [""], "published_date": "2019-02-30", "extra": 1}
    )
    assert "missing field 'notes'" in problems
    assert "unknown field 'extra'" in problems
    assert "empty headline" in problems
    assert "authors must be non-empty strings" in problems
    assert any("2019-02-30" in problem for problem in problems)
    utc_only: dict[str, object] = {
        "id": "x",
        "headline": "H",
        "authors": [],
        "published_date": None,
        "notes": "",
    }
    assert annotation_problems({**utc_only, "published_date_utc": "2019-01-01"}) != []


# --------------------------------------------------------------------------- scoring rules


def test_text_normalisation_unifies_quotes_dashes_case_and_spaces() -> None:
    assert (
        normalise_text("  Mayor\u2019s  \u201cPlan\u201d \u2014 Part\u00a0Two\u2026 ")
        == 'mayor\'s "plan" - part two...'
    )
    assert normalise_text("ÉCOLE") == "école"


def test_headline_exact_and_lenient_matches() -> None:
    gold = "Council approves the new harbour bridge"
    assert headline_exact("council approves the NEW harbour  bridge", gold)
    assert not headline_exact("Council approves the new harbour bridge | City Paper", gold)
    assert headline_lenient("Council approves the new harbour bridge | City Paper", gold)
    assert headline_lenient("Council approves new harbour bridge", gold)
    assert not headline_lenient("City Paper", gold)
    assert not headline_lenient("Bridge", gold)
    assert not headline_lenient(None, gold) and not headline_exact(None, gold)
    assert not headline_lenient("   ", gold)


def test_token_f1_counts_shared_tokens() -> None:
    assert token_f1("a b c d", "a b c d") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert token_f1("a b c", "a b c d e f") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert token_f1("", "") == 1.0 and token_f1("", "a") == 0.0


def test_name_normalisation() -> None:
    assert normalise_name("By JANE Q. DOE") == normalise_name("Jane Q Doe")
    assert normalise_name("José  Núñez") == "jose nunez"
    assert normalise_name("Jane Doe") != normalise_name("Jane Doe, City Paper")


def test_author_sets() -> None:
    gold = ["Ada Lovelace", "Alan Turing"]
    assert authors_exact(["alan turing", "ADA LOVELACE"], gold)
    assert not authors_exact(["Ada Lovelace"], gold)
    assert authors_partial(["Ada Lovelace", "City Paper"], gold)
    assert not authors_partial(["City Paper"], gold)
    assert authors_exact([], []) and authors_partial([], [])
    assert not authors_exact(["Wire Agency Staff"], [])
    assert authors_f1(["Ada Lovelace"], gold) == pytest.approx(2 / 3)
    assert authors_f1([], gold) == 0.0 and authors_f1([], []) == 1.0


def test_predicted_day_reads_the_utc_day_of_zoned_times() -> None:
    eastern = timezone(timedelta(hours=-5))
    assert predicted_day(datetime(2021, 3, 4, 21, 30, tzinfo=eastern)) == date(2021, 3, 5)
    assert predicted_day(datetime(2021, 3, 4, 21, 30)) == date(2021, 3, 4)
    assert predicted_day("2021-03-04T21:30:00-05:00") == date(2021, 3, 5)
    assert predicted_day("2021-03-04T02:00:00Z") == date(2021, 3, 4)
    assert predicted_day("2021-03-04") == date(2021, 3, 4)
    assert predicted_day(date(2021, 3, 4)) == date(2021, 3, 4)
    assert predicted_day(None) is None and predicted_day("  ") is None


def test_date_accepts_the_local_or_the_utc_day_only() -> None:
    late_evening = _annotation(published_date=date(2021, 3, 4), published_date_utc=date(2021, 3, 5))
    assert date_correct(date(2021, 3, 4), late_evening)
    assert date_correct(date(2021, 3, 5), late_evening)
    assert not date_correct(date(2021, 3, 3), late_evening)
    assert not date_correct(None, late_evening)
    undated = _annotation(published_date=None)
    assert date_correct(None, undated)
    assert not date_correct(date(2021, 3, 4), undated)


def test_score_combines_the_fields() -> None:
    gold = _annotation()
    result = score(
        gold,
        Prediction(
            headline="Council approves the new harbour bridge - City Paper",
            authors=["Ada Lovelace", "City Paper"],
            day=predicted_day(datetime(2021, 3, 4, 23, 0, tzinfo=UTC)),
        ),
    )
    assert (result.headline_exact, result.headline_lenient) == (False, True)
    assert result.date_correct
    assert (result.authors_exact, result.authors_partial) == (False, True)
