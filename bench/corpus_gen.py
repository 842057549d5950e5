"""A synthetic news corpus for the store benchmarks, written from our own templates.

Incidents (type, day, city, casualties, sometimes a group) are drawn at random; each gets one
to four reports from different outlets, worded differently (headline, lead, casualty line,
attribution, background and reaction sentences chosen and filled independently), plus
some syndicated copies (the same text under another outlet's name, a line added) and some
unrelated local news with no event. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from html import escape

from newsdesk.model import (
    Article,
    Block,
    Casualties,
    Event,
    EventDate,
    Perpetrator,
    Place,
    Provenance,
    Target,
)

CITIES = [
    ("Kano", "Kano", "Nigeria", "NG", 12.0, 8.52),
    ("Maiduguri", "Borno", "Nigeria", "NG", 11.85, 13.16),
    ("Mogadishu", "Banaadir", "Somalia", "SO", 2.05, 45.32),
    ("Kismayo", "Lower Juba", "Somalia", "SO", -0.36, 42.55),
    ("Kabul", "Kabul", "Afghanistan", "AF", 34.53, 69.17),
    ("Jalalabad", "Nangarhar", "Afghanistan", "AF", 34.43, 70.45),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan", "PK", 34.01, 71.58),
    ("Quetta", "Balochistan", "Pakistan", "PK", 30.18, 66.99),
    ("Baghdad", "Baghdad", "Iraq", "IQ", 33.31, 44.36),
    ("Mosul", "Nineveh", "Iraq", "IQ", 36.34, 43.13),
    ("Bamako", "Bamako", "Mali", "ML", 12.64, -8.0),
    ("Mopti", "Mopti", "Mali", "ML", 14.49, -4.18),
    ("Ouagadougou", "Centre", "Burkina Faso", "BF", 12.37, -1.52),
    ("Djibo", "Sahel", "Burkina Faso", "BF", 14.1, -1.63),
    ("Nairobi", "Nairobi", "Kenya", "KE", -1.29, 36.82),
    ("Mandera", "Mandera", "Kenya", "KE", 3.94, 41.86),
    ("Cotabato City", "Maguindanao", "Philippines", "PH", 7.22, 124.25),
    ("Marawi", "Lanao del Sur", "Philippines", "PH", 8.0, 124.29),
    ("Diyarbakir", "Diyarbakir", "Turkey", "TR", 37.91, 40.24),
    ("Chicago", "Illinois", "United States", "US", 41.88, -87.63),
    ("Paris", "Ile-de-France", "France", "FR", 48.86, 2.35),
    ("London", "England", "United Kingdom", "GB", 51.51, -0.13),
    ("Goma", "North Kivu", "DR Congo", "CD", -1.68, 29.23),
    ("Beni", "North Kivu", "DR Congo", "CD", 0.49, 29.47),
]
LANDMARKS = [
    "central market",
    "bus station",
    "police station",
    "mosque",
    "church",
    "checkpoint",
    "university gate",
    "hotel",
    "army base",
    "fuel depot",
    "courthouse",
    "cattle market",
]
GROUPS = [
    "Boko Haram",
    "ISWAP",
    "al-Shabaab",
    "ISKP",
    "JNIM",
    "ADF",
    "Islamic State",
    "PKK",
    None,
    None,
    None,
]
TYPES = {
    "bombing": (["bomb", "explosive device", "blast"], "Explosives"),
    "shooting": (["gunmen", "shooting", "gunfire"], "Firearms"),
    "stabbing": (["knife", "stabbing", "blade"], "Melee"),
    "kidnapping": (["kidnappers", "abduction", "armed men"], None),
    "arson": (["fire", "arsonists", "petrol bombs"], "Incendiary"),
}
OUTLETS = [
    "Daily Ledger",
    "Wire Service One",
    "Continental Post",
    "Evening Courier",
    "Metro Standard",
    "Frontline News",
    "Regional Herald",
    "Morning Dispatch",
    "Capital Times",
    "Border Chronicle",
    "Harbour Gazette",
    "Plateau Review",
]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

HEADLINES = [
    "{Killed} killed in {kind} at {landmark} in {city}",
    "{city}: {kind} at {landmark} leaves {killed} dead",
    "Deadly {kind} hits {city} {landmark}",
    "{kind_cap} in {city} kills {killed}, wounds {injured}",
    "Police say {killed} dead after {city} {kind}",
    "{city} residents shaken by {kind} near {landmark}",
]
LEADS = [
    "A {word} struck the {landmark} in {city} on {weekday}, killing {killed} people and wounding {injured}, officials said.",
    "At least {killed} people died on {weekday} when a {word} hit the {landmark} of {city}, {region}.",
    "{Killed} people were killed and {injured} hurt in a {kind} at a {landmark} in {city} early on {weekday}.",
    "Emergency services in {city} said {killed} people lost their lives after a {word} at the {landmark} on {weekday}.",
]
ATTRIBUTIONS = [
    "{group} said in a statement that its fighters carried out the attack.",
    "Security officials blamed {group} for the violence.",
    "No group has said it was behind the {kind}, although {group} is active in the area.",
    "Investigators suspect {group}, a police source said.",
]
NO_GROUP = [
    "No group has claimed responsibility so far.",
    "It was not immediately clear who was behind the attack.",
    "Police said they were still trying to identify the attackers.",
]
BACKGROUND = [
    "{city} has seen {n} similar incidents since the start of the year, according to a local monitoring group.",
    "The {landmark} had reopened only {n} weeks earlier after repairs.",
    "Residents said security around the {landmark} had been reduced in recent months.",
    "The {region} authorities announced a curfew from {hour} o'clock until further notice.",
    "Hospitals across {city} appealed for blood donors on {weekday} evening.",
    "Traders said about {n} stalls were damaged and many shops stayed closed.",
]
REACTIONS = [
    "The governor of {region} condemned the attack and promised to find those responsible.",
    "A spokesperson for the interior ministry said reinforcements had been sent to {city}.",
    "The United Nations mission called for calm and offered help to the families of the victims.",
    "Community leaders in {city} met on {weekday} to discuss protection for the {landmark}.",
    "Witness {name} told reporters that people ran in every direction after the {kind}.",
]
NAMES = [
    "Amina Bello",
    "Yusuf Ali",
    "Grace Otieno",
    "Hassan Noor",
    "Leila Haidari",
    "Tomas Reyes",
    "Marie Dubois",
    "Ibrahim Sow",
    "Fatima Khan",
    "Daniel Mwangi",
]
LOCAL_NEWS = [
    "The {city} council approved a budget of {n} million for new water pipes in the {region} suburbs.",
    "A football club from {city} won its {n}th league title on {weekday} after a late goal.",
    "Schools in {city} will open {n} days later than planned because of road works.",
    "Farmers near {city} expect a larger harvest after good rains in {region}, a cooperative said.",
    "The {landmark} in {city} will host a cultural festival over {n} days next month.",
    "Electricity supply in parts of {city} was cut for {n} hours on {weekday} for maintenance.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _number(value: int) -> str:
    return NUMBER_WORDS[value] if value < len(NUMBER_WORDS) else str(value)


def generate(count: int, seed: int = 7, copies: float = 0.05, local: float = 0.1) -> list[Article]:
    """``count`` articles: reports of incidents, syndicated copies and unrelated local news."""
    rng = random.Random(seed)
    articles: list[Article] = []
    start = date(2025, 1, 1)
    while len(articles) < count:
        roll = rng.random()
        if roll < copies and articles:
            articles.append(_copy(rng, rng.choice(articles), len(articles)))
        elif roll < copies + local:
            articles.append(_local(rng, start, len(articles)))
        else:
            day = start + timedelta(days=rng.randrange(365))
            incident = _incident(rng, day)
            incident["id"] = len(articles)
            incident["id"] = len(articles)
            for outlet in rng.sample(OUTLETS, rng.choice([1, 1, 2, 2, 3, 4])):
                if len(articles) < count:
                    articles.append(_report(rng, incident, outlet, len(articles)))
    return articles


def _incident(rng: random.Random, day: date) -> dict[str, object]:
    city = rng.choice(CITIES)
    kind = rng.choice(list(TYPES))
    killed = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 27, 40])
    return {
        "kind": kind,
        "day": day,
        "city": city,
        "landmark": rng.choice(LANDMARKS),
        "group": rng.choice(GROUPS),
        "killed": killed,
        "injured": killed + rng.randrange(0, 30),
    }


def _fill(rng: random.Random, template: str, incident: dict[str, object], **extra: object) -> str:
    city, region, *_ = incident["city"]  # type: ignore[misc]
    kind = str(incident["kind"])
    values = {
        "city": city,
        "region": region,
        "kind": kind,
        "kind_cap": kind.capitalize(),
        "word": rng.choice(TYPES[kind][0]),
        "landmark": incident["landmark"],
        "group": incident["group"] or "an armed group",
        "weekday": WEEKDAYS[incident["day"].weekday()],  # type: ignore[attr-defined]
        "n": rng.randrange(2, 40),
        "hour": rng.randrange(6, 11),
        "name": rng.choice(NAMES),
        **extra,
    }
    return template.format(**values)


def _report(rng: random.Random, incident: dict[str, object], outlet: str, serial: int) -> Article:
    killed = int(incident["killed"]) + rng.choice([0, 0, 0, 1, -1, 2]) if incident["killed"] else 0  # type: ignore[call-overload]
    killed = max(killed, 0)
    injured = int(incident["injured"])  # type: ignore[call-overload]
    numbers = {"killed": _number(killed), "Killed": _number(killed).capitalize(), "injured": _number(injured)}
    paragraphs = [_fill(rng, rng.choice(LEADS), incident, **numbers)]
    group = incident["group"]
    paragraphs.append(_fill(rng, rng.choice(ATTRIBUTIONS if group else NO_GROUP), incident))
    for template in rng.sample(BACKGROUND, rng.randrange(1, 4)) + rng.sample(REACTIONS, rng.randrange(1, 3)):
        paragraphs.append(_fill(rng, template, incident))
    city, region, country, code, lat, lon = incident["city"]  # type: ignore[misc]
    day: date = incident["day"]  # type: ignore[assignment]
    published = datetime(day.year, day.month, day.day, rng.randrange(6, 23), rng.randrange(60), tzinfo=UTC)
    published += timedelta(days=rng.choice([0, 0, 0, 1]))
    event = Event(
        type=str(incident["kind"]),
        date=EventDate(value=day, precision="day"),
        place=Place(
            name=str(incident["landmark"]), landmark=str(incident["landmark"]), city=city, region=region,
            country=country, country_code=code, latitude=lat, longitude=lon, precision=1,
        ),
        perpetrator=Perpetrator(name=group if isinstance(group, str) else None, status="suspected" if group else "unknown"),
        target=Target(type="civilians"),
        killed=Casualties(value=killed, qualifier="exact"),
        injured=Casualties(value=injured, qualifier="exact"),
    )  # fmt: skip
    headline = _fill(rng, rng.choice(HEADLINES), incident, **numbers)
    return _article(outlet, serial, headline, paragraphs, published, [event], f"incident:{incident['id']}")


def _copy(rng: random.Random, original: Article, serial: int) -> Article:
    outlet = rng.choice([o for o in OUTLETS if o != original.publisher])
    paragraphs = [block.text for block in original.body] + [
        f"This story was first published by {original.publisher}."
    ]
    return _article(
        outlet,
        serial,
        original.headline or "",
        paragraphs,
        original.published,
        original.events,
        *original.tags,
    )


def _local(rng: random.Random, start: date, serial: int) -> Article:
    incident = {"city": rng.choice(CITIES), "kind": "bombing", "landmark": rng.choice(LANDMARKS), "group": None,
                "day": start + timedelta(days=rng.randrange(365))}  # fmt: skip
    paragraphs = [_fill(rng, t, incident) for t in rng.sample(LOCAL_NEWS, 3)]
    day: date = incident["day"]  # type: ignore[assignment]
    published = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return _article(rng.choice(OUTLETS), serial, paragraphs[0][:70], paragraphs, published, [])


def _article(
    outlet: str,
    serial: int,
    headline: str,
    paragraphs: list[str],
    published: datetime | None,
    events: list[Event],
    *tags: str,
) -> Article:
    """``tags`` carry the generator's ground truth (``incident:<n>``) for scoring the merge."""
    slug = outlet.lower().replace(" ", "-")
    return Article(
        url=f"https://{slug}.example/news/{serial}",
        publisher=outlet,
        headline=headline,
        language="en",
        published=published,
        body=[Block(text=p) for p in paragraphs],
        provenance=Provenance(input_kind="html", extractor="bench-generator", version="0"),
        events=[event.model_copy(deep=True) for event in events],
        tags=list(tags),
    )


def to_html(article: Article) -> str:
    """The article as a news page with site chrome, for the extract + analyze + store benchmark."""
    body = "".join(f"<p>{escape(block.text)}</p>" for block in article.body)
    published = article.published.isoformat() if article.published else ""
    outlet = escape(article.publisher or "")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(article.headline or '')} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{published}'>"
        f"<link rel='canonical' href='{article.url}'></head><body>"
        f"<header><a href='/'>{outlet}</a><nav><a href='/world'>World</a> <a href='/africa'>Africa</a> "
        f"<a href='/sport'>Sport</a> <a href='/subscribe'>Subscribe</a></nav></header>"
        f"<main><article><h1>{escape(article.headline or '')}</h1><p class='byline'>By Staff Reporter</p>"
        f"{body}</article><aside><h2>Most read</h2><ul><li><a href='/a'>Markets close higher</a></li>"
        f"<li><a href='/b'>Weather warning for the weekend</a></li></ul></aside></main>"
        f"<footer>© {outlet}. All rights reserved. <a href='/privacy'>Privacy</a></footer></body></html>"
    )
