from __future__ import annotations

from datetime import UTC, date, datetime

from newsdesk.corpus.merge import (
    CandidateEvent,
    ReportFacts,
    ReportForReconcile,
    canonical_group,
    choose_event,
    conflicts,
    default_rules,
    fold,
    reconcile,
    reconcile_casualties,
)

DAY = date(2025, 5, 2)


def facts(**values: object) -> ReportFacts:
    base: dict[str, object] = {"type": "bombing", "date": DAY, "date_precision": "day", "city": "Goma",
                               "country_code": "CD"}  # fmt: skip
    return ReportFacts(**(base | values))  # type: ignore[arg-type]


def test_names_compare_without_case_accents_or_dotless_i() -> None:
    assert fold("Diyarbakır") == fold("DIYARBAKIR") == "diyarbakir"
    assert fold("The Kurdistan Workers' Party") == "kurdistan workers party"


def test_group_aliases_resolve_through_the_gazetteer() -> None:
    assert canonical_group("ISWAP") == canonical_group("Islamic State West Africa Province")
    assert canonical_group("Some New Front") == ("Some New Front", "Some New Front")


def test_hard_conflicts() -> None:
    rules = default_rules()
    assert conflicts(facts(), facts(type="explosion"), rules) is None
    assert conflicts(facts(), facts(type="kidnapping"), rules) == "different type"
    assert conflicts(facts(), facts(city="Beni"), rules) == "different city"
    assert conflicts(facts(), facts(country_code="RW", city=None), rules) == "different country"
    assert conflicts(facts(), facts(date=date(2025, 5, 9)), rules) == "outside the date window"
    assert conflicts(facts(city="Zamboanga City"), facts(city="Zamboanga"), rules) is None
    # A city that the other report names as its region or landmark is not a contradiction.
    assert conflicts(facts(city="Goma"), facts(city="Munigi", region="Goma"), rules) is None


def test_an_article_never_merges_two_of_its_own_reports() -> None:
    mine = facts(article_id=1, context="bomb at the Goma market")
    candidate = CandidateEvent(1, facts(), [facts(article_id=1, context="bomb at the Goma market")])
    assert choose_event(mine, [candidate]).event_id is None


def test_the_best_scoring_candidate_wins_and_penalties_keep_distinct_incidents_apart() -> None:
    market = CandidateEvent(
        1, facts(landmark="Virunga market"), [facts(article_id=10, landmark="Virunga market",
        context="A bomb exploded in the Virunga market in Goma killing four traders")],
    )  # fmt: skip
    camp = CandidateEvent(
        2, facts(landmark="Bulengo camp"), [facts(article_id=11, landmark="Bulengo camp",
        context="A bomb hit the Bulengo displacement camp near Goma, killing nine")],
    )  # fmt: skip
    report = facts(
        article_id=12,
        landmark="Virunga market",
        context="Four traders die as bomb rips through Virunga market",
    )
    decision = choose_event(report, [camp, market])
    assert decision.event_id == 1 and decision.reasons["same_landmark"] > 0
    elsewhere = facts(
        article_id=13, landmark="airport road", date=date(2025, 5, 3), context="Grenade on airport road"
    )
    assert choose_event(elsewhere, [market, camp]).event_id is None


def report(id: int, source: str, hour: int, **fields: object) -> ReportForReconcile:
    return ReportForReconcile(id=id, fields=fields, source=source,
                              published=datetime(2025, 5, 2, hour, tzinfo=UTC), headline=f"report {id}")  # fmt: skip


def test_casualties_follow_acled_latest_per_source_then_lowest() -> None:
    reports = [
        report(1, "A", 8, killed=5),
        report(2, "B", 9, killed=12),
        report(3, "A", 15, killed=9),  # A's update replaces its 5
        report(4, "C", 10, killed=None, killed_low=3, killed_high=20),
    ]
    assert reconcile_casualties(reports, "killed") == {"killed": 9, "killed_low": 3, "killed_high": 20}
    assert (
        reconcile_casualties(list(reversed(reports)), "killed")["killed"] == 9
    )  # order of arrival is irrelevant


def test_reconcile_takes_the_most_specific_place_and_the_strongest_claim() -> None:
    common = {"type": "bombing", "date": DAY, "date_precision": "day"}
    reports = [
        report(1, "A", 8, **common, city="Goma", country="DR Congo", country_code="CD", place_precision=2,
               perpetrator="ADF", perpetrator_status="suspected"),
        report(2, "B", 9, **common, landmark="Virunga market", city="Goma", place_precision=1,
               latitude=-1.68, longitude=29.22, perpetrator="M23", perpetrator_status="claimed"),
        report(3, "C", 10, type="explosion", date=date(2025, 5, 1), date_precision="day", country="DR Congo",
               place_precision=4),
    ]  # fmt: skip
    fields = reconcile(reports)
    assert fields["landmark"] == "Virunga market" and fields["latitude"] == -1.68
    assert fields["country_code"] == "CD"  # filled from a less specific report that agrees
    assert (fields["perpetrator"], fields["perpetrator_status"]) == ("M23", "claimed")
    assert fields["type"] == "bombing" and fields["date"] == DAY
