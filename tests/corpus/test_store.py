from __future__ import annotations

import threading
from datetime import date

from corpus_fixtures import MARKET_1, MARKET_2, MARKET_3, PATROL, article, at, event, evidence

from newsdesk.corpus import EventQuery, Store, open_store
from newsdesk.model import Article, Quote

TUESDAY = date(2025, 3, 4)


def market_reports() -> list[Article]:
    first = article(
        "https://lakechad-herald.example/news/market-blast",
        "Blast at Maiduguri market kills seven",
        MARKET_1,
        publisher="Lake Chad Herald",
        published=at(4, 10),
        events=[
            event(
                "bombing",
                TUESDAY,
                city="Maiduguri",
                region="Borno",
                country="Nigeria",
                code="NG",
                killed=7,
                injured=20,
                target="market",
                weapon="explosive",
                trigger=evidence("\n\n".join(MARKET_1), "explosive device went off"),
            )
        ],
    )
    second = article(
        "https://sahel-wire.example/2025/03/04/maiduguri-handcart-bomb",
        "Handcart bomb kills 12 at Monday Market",
        MARKET_2,
        publisher="Sahel Wire",
        published=at(4, 15),
        events=[
            event(
                "bombing",
                TUESDAY,
                city="Maiduguri",
                landmark="Monday Market",
                region="Borno",
                country="Nigeria",
                code="NG",
                latlon=(11.846, 13.157),
                group="Boko Haram",
                status="suspected",
                killed=12,
                injured=24,
                target="market",
            )
        ],
        quotes=[
            Quote(text="24 people were being treated", start=0, end=10, speaker="the police commissioner")
        ],
    )
    third = article(
        "https://borno-daily.example/toll-revised",
        "Maiduguri market toll revised to nine",
        MARKET_3,
        publisher="Borno Daily",
        published=at(5, 9),
        events=[
            event("bombing", TUESDAY, city="Maiduguri", country="Nigeria", code="NG", killed=9, injured=30)
        ],
    )
    return [first, second, third]


def patrol_report() -> Article:
    return article(
        "https://lakechad-herald.example/news/patrol-ambush",
        "Roadside bomb kills two soldiers near Maiduguri",
        PATROL,
        publisher="Lake Chad Herald",
        published=at(4, 21),
        events=[
            event(
                "bombing",
                TUESDAY,
                city="Maiduguri",
                landmark="Damboa road",
                country="Nigeria",
                code="NG",
                killed=2,
                target="military",
            )
        ],
    )


def test_the_same_page_twice_changes_nothing(store: Store) -> None:
    page = market_reports()[0]
    first = store.ingest(page)
    before = store.stats()
    again = store.ingest(page)
    assert first.status == "stored" and first.events_created
    assert again.status == "unchanged" and again.article_id == first.article_id
    assert store.stats() == before == {**before, "articles": 1, "events": 1, "reports": 1}


def test_reports_of_one_incident_merge_and_reconcile(store: Store) -> None:
    results = [store.ingest(page) for page in market_reports()]
    assert len({e for r in results for e in r.events_created + r.events_updated}) == 1
    event_id = results[0].events_created[0]
    assert results[1].events_updated == [event_id] and results[2].events_updated == [event_id]

    merged = store.get_event(event_id)
    assert merged is not None
    assert merged.report_count == 3 and merged.source_count == 3
    # The most specific place wins (a landmark with coordinates over a city).
    assert merged.place.landmark == "Monday Market" and merged.place.latitude == 11.846
    assert merged.place.region == "Borno"
    # ACLED: each source's latest figure, the lowest of those; the range keeps every figure.
    assert (merged.killed.value, merged.killed.low, merged.killed.high) == (7, 7, 12)
    assert (merged.injured.value, merged.injured.low, merged.injured.high) == (20, 20, 30)
    assert merged.perpetrator == "Boko Haram" and merged.perpetrator_status == "suspected"
    # Which source said what, with its evidence.
    said = {report.source: report.said for report in merged.reports}
    assert said["Sahel Wire"]["killed"]["value"] == 12
    assert said["Borno Daily"]["killed"]["value"] == 9
    assert said["Lake Chad Herald"]["trigger"]["text"] == "explosive device went off"
    assert [q.speaker for q in merged.quotes] == ["the police commissioner"]


def test_a_different_incident_the_same_day_in_the_same_city_stays_apart(store: Store) -> None:
    for page in market_reports():
        store.ingest(page)
    result = store.ingest(patrol_report())
    assert result.events_created and not result.events_updated
    assert store.stats()["events"] == 2


def test_one_article_telling_two_incidents_apart_gives_two_events(store: Store) -> None:
    text = "Two separate blasts hit Maiduguri on Tuesday: one at a market, another on an army patrol."
    page = article(
        "https://example.org/two",
        "Two blasts in Maiduguri",
        [text],
        published=at(4),
        events=[
            event("bombing", TUESDAY, city="Maiduguri", code="NG", killed=7),
            event("bombing", TUESDAY, city="Maiduguri", code="NG", killed=2),
        ],
    )
    result = store.ingest(page)
    assert len(result.events_created) == 2


def test_an_updated_version_of_a_url_is_folded_and_its_new_figure_counts(store: Store) -> None:
    early = market_reports()[1]
    late = early.model_copy(deep=True)
    late.body[0].text = late.body[0].text.replace("Twelve", "Fourteen")
    late.events[0].killed.value = 14
    late.published = at(5, 8)
    first = store.ingest(early)
    second = store.ingest(late)
    assert second.status == "stored"
    assert second.duplicate_of == first.article_id and second.duplicate_reason == "updated version"
    assert second.events_updated == first.events_created
    merged = store.get_event(first.events_created[0])
    assert merged is not None
    assert merged.killed.value == 14 and (merged.killed.low, merged.killed.high) == (12, 14)
    assert merged.source_count == 1 and merged.report_count == 2


def test_a_syndicated_copy_is_folded_keeping_both_sources(store: Store) -> None:
    original = market_reports()[1]
    copy = original.model_copy(deep=True)
    copy.url = "https://partner-paper.example/world/africa/maiduguri-bomb"
    copy.publisher = "Partner Paper"
    copy.body.append(copy.body[0].model_copy(update={"text": "Reporting by Sahel Wire; edited by our desk."}))
    first = store.ingest(original)
    second = store.ingest(copy)
    assert second.duplicate_of == first.article_id and second.duplicate_reason == "near-duplicate"
    assert second.similarity is not None and second.similarity >= 0.7
    unrelated = store.ingest(patrol_report())
    assert unrelated.duplicate_of is None
    merged = store.get_event(first.events_created[0])
    assert merged is not None and {r.source for r in merged.reports} == {"Sahel Wire", "Partner Paper"}
    assert store.stats()["duplicates"] == 1


def test_a_page_that_fails_is_recorded_then_cleared_when_stored(store: Store) -> None:
    broken = article(None, "nothing", [], published=at(1))
    broken.status = "empty"
    broken.reason = "no article body found"
    result = store.ingest(broken, source="pages/broken.html")
    assert result.status == "failed" and result.reason == "no article body found"
    store.ingest(broken, source="pages/broken.html")
    failures = store.failures()
    assert failures.total == 1 and failures.items[0].attempts == 2
    assert failures.items[0].source == "pages/broken.html"
    fixed = patrol_report()
    assert store.ingest(fixed, source="pages/broken.html").status == "stored"
    assert store.failures().total == 0


def test_an_overlong_url_is_a_recorded_failure_not_a_crash(store: Store) -> None:
    page = patrol_report()
    page.url = "https://example.org/" + "a" * 3000
    result = store.ingest(page, source="s" * 3000)
    assert result.status == "failed" and result.reason and "longer than" in result.reason
    assert store.failures().total == 1 and store.stats()["articles"] == 0
    page.url = "https://example.org/ok"
    page.events[0].place.city = "C" * 500  # longer than the column: refused by PostgreSQL
    result = store.ingest(page, source="pages/long-city.html")
    assert result.status in ("stored", "failed")  # SQLite does not enforce lengths
    if result.status == "failed":
        assert result.reason and "refused" in result.reason
        assert store.stats()["articles"] == 0  # nothing half-written


def test_event_filters(store: Store) -> None:
    for page in [*market_reports(), patrol_report()]:
        store.ingest(page)
    everything = store.search_events()
    assert everything.total == 2

    def ids(**filters: object) -> set[int]:
        return {e.id for e in store.search_events(EventQuery.model_validate(filters)).items}

    market = next(e.id for e in everything.items if e.place.landmark == "Monday Market")
    patrol = next(e.id for e in everything.items if e.id != market)
    assert ids(country="NG") == ids(country="nigeria") == {market, patrol}
    assert ids(country="Niger") == set()
    assert ids(type="bombing") == {market, patrol} and ids(type="shooting") == set()
    assert ids(group="boko haram") == {market}
    assert ids(min_killed=5) == {market}
    assert ids(place="damboa") == {patrol}
    assert ids(date_from=date(2025, 3, 5)) == set() and ids(date_to=date(2025, 3, 4)) == {market, patrol}
    assert ids(text="handcart") == {market}
    assert ids(text="soldiers patrol") == {patrol}
    assert store.event_matches(market, EventQuery(min_killed=5))
    assert not store.event_matches(patrol, EventQuery(min_killed=5))
    page = store.search_events(limit=1, offset=1)
    assert page.total == 2 and len(page.items) == 1


def test_full_text_search_over_articles(store: Store) -> None:
    for page in [*market_reports(), patrol_report()]:
        store.ingest(page)
    # Stemming: "revising" finds "revised"; phrases and exclusions work on both databases.
    found = store.search_articles("revising")
    assert {a.headline for a in found.items} == {"Maiduguri market toll revised to nine"}
    assert store.search_articles('"roadside bomb"').total == 1
    assert store.search_articles("Maiduguri -soldiers").total == 3
    assert store.search_articles("handcart OR governor").total == 2
    hit = store.search_articles("handcart").items[0]
    assert hit.snippet and "handcart" in hit.snippet and hit.event_ids
    # Hostile input is words, never query syntax.
    assert store.search_articles('NEAR( "unbalanced * OR AND ^col:').total == 0
    assert store.search_articles(" ?! ").total == 0
    detail = store.get_article(hit.id)
    assert detail is not None and detail.article.headline == hit.headline and detail.article.events


def test_articles_listing(store: Store) -> None:
    for page in [*market_reports(), patrol_report()]:
        store.ingest(page)
    listed = store.list_articles(limit=2)
    assert listed.total == 4 and len(listed.items) == 2
    assert listed.items[0].headline == "Maiduguri market toll revised to nine"  # newest first


def test_reopening_keeps_everything(store_url: str) -> None:
    with open_store(store_url) as first:
        first.ingest(patrol_report())
    with open_store(store_url) as second:
        assert second.stats()["articles"] == 1
        assert second.ingest(patrol_report()).status == "unchanged"


def test_concurrent_writers_from_two_stores_merge_into_one_event(store_url: str) -> None:
    pages = market_reports() * 2  # every page twice: the second copy must change nothing
    first, second = open_store(store_url), open_store(store_url)
    errors: list[str] = []

    def write(store: Store, page: Article) -> None:
        try:
            store.ingest(page)
        except Exception as error:  # pragma: no cover - reported by the assertion below
            errors.append(repr(error))

    threads = [
        threading.Thread(target=write, args=(first if i % 2 else second, page))
        for i, page in enumerate(pages)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.stats() | {"sources": 0} == {
        "articles": 3, "duplicates": 0, "events": 1, "reports": 3, "sources": 0, "failures": 0
    }  # fmt: skip
    first.close()
    second.close()
