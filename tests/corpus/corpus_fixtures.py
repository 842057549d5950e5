"""Builders for the articles the corpus tests store: written for these tests, in our own words.

Articles carry their events directly (as ``newsdesk.analyze`` will produce them): that is the
real input of the corpus layer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from newsdesk.model import (
    Article,
    Block,
    Casualties,
    Event,
    EventDate,
    Evidence,
    Perpetrator,
    Place,
    Provenance,
    Quote,
    Target,
    Weapon,
)


def article(
    url: str | None,
    headline: str,
    paragraphs: list[str],
    *,
    publisher: str | None = None,
    published: datetime | None = None,
    events: list[Event] | None = None,
    quotes: list[Quote] | None = None,
) -> Article:
    return Article(
        url=url,
        publisher=publisher,
        headline=headline,
        language="en",
        published=published,
        body=[Block(text=p) for p in paragraphs],
        provenance=Provenance(input_kind="text", extractor="test-fixture", version="0", source=url),
        events=events or [],
        quotes=quotes or [],
    )


def evidence(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle)


def event(
    kind: str,
    day: date | None,
    *,
    city: str | None = None,
    country: str | None = None,
    code: str | None = None,
    landmark: str | None = None,
    region: str | None = None,
    precision: int | None = None,
    latlon: tuple[float, float] | None = None,
    group: str | None = None,
    status: str = "unknown",
    killed: int | None = None,
    injured: int | None = None,
    target: str | None = None,
    weapon: str | None = None,
    trigger: Evidence | None = None,
    summary: str | None = None,
) -> Event:
    if precision is None:
        precision = 1 if landmark else 2 if city else 3 if region else 4 if country else 5
    return Event(
        type=kind,
        trigger=trigger,
        date=EventDate(value=day, precision="day" if day else "unknown"),
        place=Place(
            name=landmark or city or region or country,
            landmark=landmark,
            city=city,
            region=region,
            country=country,
            country_code=code,
            latitude=latlon[0] if latlon else None,
            longitude=latlon[1] if latlon else None,
            precision=precision,
        ),
        perpetrator=Perpetrator(name=group, status=status),  # type: ignore[arg-type]
        target=Target(type=target),
        weapon=Weapon(type=weapon),
        killed=Casualties(value=killed, qualifier="exact" if killed is not None else "unknown"),
        injured=Casualties(value=injured, qualifier="exact" if injured is not None else "unknown"),
        summary=summary,
    )


def at(day: int, hour: int = 12, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, 0, tzinfo=UTC)


# A market bombing in Maiduguri told by three outlets, with figures that move.
MARKET_1 = [
    "An explosive device went off in the crowded Monday Market in Maiduguri on Tuesday morning, "
    "killing at least seven traders and shoppers, according to a local emergency official.",
    "Witnesses said the blast tore through rows of stalls selling grain and cloth shortly after opening time. "
    "Ambulances ferried more than twenty wounded people to the state teaching hospital.",
    "Nobody has claimed responsibility, although the area has been hit by jihadist factions before.",
]
MARKET_2 = [
    "Twelve people lost their lives when a bomb hidden in a handcart detonated at Maiduguri's Monday Market, "
    "security sources told our correspondent on Tuesday.",
    "The police commissioner for Borno State said 24 people were being treated for their injuries. "
    "Traders described scenes of panic as smoke rose over the market.",
    "Officials blamed Boko Haram fighters for the attack, the latest in a string of strikes on the city.",
]
MARKET_3 = [
    "Borno authorities on Wednesday revised the toll from Tuesday's market explosion in Maiduguri, "
    "saying nine people died and 30 were hurt.",
    "The state governor visited the wounded and promised compensation for traders whose stalls were destroyed.",
]
# Same day, same city, same type — a different incident: a roadside bomb on a patrol.
PATROL = [
    "A roadside bomb struck a military patrol on the outskirts of Maiduguri on Tuesday evening, "
    "killing two soldiers, an army spokesman said.",
    "The patrol was returning to base along the Damboa road when the device exploded beneath the lead vehicle.",
]
