"""Security-event benchmark on the hand-written development set.

    python -m bench.events                 # per-field accuracy table
    python -m bench.events --verbose       # ... plus every miss, report by report
    python -m bench.events --json          # machine-readable scores
    python -m bench.events --style database --ids dev-061,dev-062
    python -m bench.events --read-on 2026-11-25T10:00:00Z   # database records stamped with a read time

Each record of ``bench/data/events_dev.jsonl`` becomes an ``Article`` (body = the
record's paragraphs, ``published`` from the record) and goes through
``newsdesk.analyze``. Predicted events are matched one-to-one to the gold events of the
same report (Hungarian assignment on a type/date/place similarity; a pair is only
allowed when at least two of type, date, city and country agree).

How a field is scored
---------------------
*Accuracy of a field = correct / gold events.* A gold event with no matched prediction
counts as wrong on every field, so the table mixes detection and coding, the way the
held-out measure does. A second column gives accuracy over matched events only.
Comparison is exact after light normalisation: country by ISO-3166 alpha-2 code; city
case-, accent- and punctuation-insensitive with transliteration slack (similarity >= 0.85,
plus any ``city_alternatives`` the gold lists); perpetrator through the project's alias
list (``src/newsdesk/data/armed_groups.jsonl``: "ISIL" = "Islamic State"); date as
``YYYY-MM-DD``; numbers as integers. ``None`` in the gold ("not stated") is only matched
by ``None``; ``claimed`` is true when the predicted perpetrator status is "claimed".
Columns: all reports, each style, and -- when the data has any -- ``dev`` and ``fresh``:
records marked ``"split": "fresh"`` were added just before a measurement so that no one
had tuned on them (the closest thing to the held-out set this repository has). Detection precision/recall count matched pairs
against predicted/gold events.
Predictions on a report whose gold has no events are *non-event false positives*;
an unmatched prediction that matches one of a report's ``background`` entries (an event
the text only mentions in passing, e.g. "the 2015 attacks") is a *background false
positive*.

Coding rules of the gold (in full, with examples: bench/data/events_dev.md)
---------------------------------------------------------------------------
- killed / injured count victims only, never attackers: "88 people, including the
  bomber, were killed" -> killed 87, attackers_killed 1; "23 people, in addition to the
  bomber" -> 23. Armed clashes: killed = all reported deaths.
- "at least N", "more than N", "over N", "about N" -> N; a range "between 10 and 15" ->
  the lower bound 10; number words are numbers; "a policeman was killed" -> 1; parts add
  up ("60 Afghans and 13 US troops" -> 73); "dozens"/"a dozen" -> 12 and "hundreds" -> 100
  (the conservative ACLED reading); vague words ("several", "many") -> null; "no one was
  hurt", "there were no casualties", only the attacker died, or only injuries are
  reported -> killed 0 (a database summary names deaths when there are any); not
  mentioned -> null; an updated toll ("has risen to X") -> the latest figure.
- attackers_killed: attackers reported dead (shot by police, suicide bombers, one per
  bomber named); 0 when the text says they survived (arrested, fled, at large); null
  when it does not say.
- date: the day the event happened, relative expressions resolved against ``published``;
  several days -> the first day; null when undeterminable.
- city: the most specific populated place named; a district or landmark inside a city
  codes as that city (Karrada -> Baghdad, Woolwich -> London); null when the text names
  only a region or the country.
- perpetrator: the canonical name of ``armed_groups.jsonl``; the claimant when a claim is
  reported, else the group the text says is suspected or blamed (even if it denies it); a
  lone attacker, or one who only pledged allegiance, -> null; groups that merely praise an
  attack -> null; state forces: "Russian military", "Israeli military", "US military",
  "Saudi-led coalition", "Myanmar military". Protests and riots have no perpetrator.
- claimed: true only when the text reports that the perpetrator claimed or acknowledged it.
- type: several acts -> the highest of assassination > kidnapping (incl. hostage-taking) >
  bombing (incl. vehicle bombs) > ramming > shooting > armed_clash > stabbing >
  unarmed_assault > arson > sabotage, after the GTD
  attack-type hierarchy; assassination = an attack aimed at a named political or public
  figure, also when it fails; missiles, rockets, artillery -> shelling; aircraft and
  drones -> air_strike; armed_clash = fighting between armed parties, not an ambush;
  protests met with force stay protests. Accidents and foiled plots are not events.
- target_type: GTD-like; markets, streets and crowds -> civilians; shops, malls, hotels,
  nightclubs, restaurants -> business; protests and riots -> null.
- weapon_type: of the act that set the type; bombs, shells, missiles, air strikes ->
  explosives; knives, axes -> melee; null when the text does not say (and for protests).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pycountry
from scipy.optimize import linear_sum_assignment

import newsdesk
from newsdesk.model import Article, Block, Event, InputKind, Provenance

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "bench" / "data" / "events_dev.jsonl"
# The project's own alias list, so "ISIL" and "Islamic State" score as the same group.
ARMED_GROUPS = ROOT / "src" / "newsdesk" / "data" / "armed_groups.jsonl"
EVENT_TYPE_FILE = ROOT / "src" / "newsdesk" / "data" / "event_types.json"
STATE_FORCES = ROOT / "src" / "newsdesk" / "data" / "state_forces.json"

EVENT_TYPES = frozenset(
    (
        "shooting", "bombing", "stabbing", "ramming", "arson", "assassination", "kidnapping",
        "air_strike", "shelling", "armed_clash", "protest", "riot", "unarmed_assault", "sabotage",
    )
)  # fmt: skip
TARGET_TYPES = frozenset(
    (
        "police", "military", "government", "civilians", "business", "religious", "journalists",
        "transport", "education", "diplomatic", "utilities", "ngo", "tourists", "militants",
    )
)  # fmt: skip
WEAPON_TYPES = frozenset(("firearms", "explosives", "melee", "vehicle", "incendiary", "chemical"))
STYLES = ("news", "database")

# Fields reported in the table, in order, with the label printed for each.
FIELDS: tuple[tuple[str, str], ...] = (
    ("type", "attack type"),
    ("gtd_attacktype", "GTD attacktype"),
    ("country", "country"),
    ("city", "city"),
    ("date", "date"),
    ("killed", "killed exact"),
    ("injured", "injured exact"),
    ("attackers_killed", "attackers killed"),
    ("perpetrator", "perpetrator"),
    ("claimed", "claimed"),
    ("target_type", "target type"),
    ("weapon_type", "weapon type"),
)

# Short English names that pycountry does not resolve by itself.
_COUNTRY_NAMES = {
    "russia": "RU",
    "turkey": "TR",
    "iran": "IR",
    "syria": "SY",
    "palestine": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "ivory coast": "CI",
    "south korea": "KR",
    "north korea": "KP",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class EventRecord:
    """One event, gold or predicted, reduced to the scored fields."""

    type: str | None = None
    date: str | None = None
    country: str | None = None
    country_code: str | None = None
    city: str | None = None
    perpetrator: str | None = None
    claimed: bool = False
    killed: int | None = None
    injured: int | None = None
    attackers_killed: int | None = None
    target_type: str | None = None
    weapon_type: str | None = None
    # GTD attacktype1; a gold record without one takes the GTD name of its type (see gtd_correct).
    gtd_attacktype: str | None = None
    gtd_given: bool = False
    # Other names of the same place that a gold record also accepts ("Hole" for Utoya).
    city_alternatives: tuple[str, ...] = ()

    @classmethod
    def from_gold(cls, data: dict[str, Any]) -> EventRecord:
        known = {name for name in cls.__dataclass_fields__}
        values = {key: value for key, value in data.items() if key in known}
        values["city_alternatives"] = tuple(values.get("city_alternatives") or ())
        values["gtd_given"] = "gtd_attacktype" in data
        if not values["gtd_given"]:
            state_act = values.get("perpetrator") in _state_actors()
            # GTD records non-state violence only: a state's air strike has no GTD attack type.
            values["gtd_attacktype"] = None if state_act else _gtd_names().get(values.get("type") or "")
        return cls(**values)

    @classmethod
    def from_event(cls, event: Event) -> EventRecord:
        return cls(
            type=event.type,
            date=event.date.value.isoformat() if event.date.value else None,
            country=event.place.country,
            country_code=event.place.country_code,
            city=event.place.city,
            perpetrator=event.perpetrator.name,
            claimed=event.perpetrator.status == "claimed",
            killed=event.killed.value,
            injured=event.injured.value,
            attackers_killed=event.attackers_killed.value,
            target_type=event.target.type,
            weapon_type=event.weapon.type,
            gtd_attacktype=event.gtd_attacktype,
        )


@dataclass(frozen=True)
class Report:
    id: str
    style: str
    published: datetime | None
    text: str
    events: tuple[EventRecord, ...]
    background: tuple[EventRecord, ...] = ()
    # "fresh": added just before a measurement, so nobody can have tuned on it yet.
    split: str = "dev"

    def article(self) -> Article:
        paragraphs = [part.strip() for part in self.text.split("\n\n") if part.strip()]
        # No language given: the stage detects it, as it must for any caller who does not know.
        return Article(
            published=self.published,
            body=[Block(text=paragraph) for paragraph in paragraphs],
            provenance=Provenance(
                input_kind=InputKind.text, extractor="bench", version=newsdesk.__version__, source=self.id
            ),
        )


def parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def load_reports(path: Path = DATASET) -> list[Report]:
    reports = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                reports.append(
                    Report(
                        id=data["id"],
                        style=data["style"],
                        published=parse_published(data.get("published")),
                        text=data["text"],
                        events=tuple(EventRecord.from_gold(event) for event in data["events"]),
                        background=tuple(EventRecord.from_gold(item) for item in data.get("background", [])),
                        split=data.get("split", "dev"),
                    )
                )
            except (KeyError, ValueError, TypeError) as error:
                raise ValueError(f"{path}:{number}: bad record: {error}") from error
    return reports


# --------------------------------------------------------------------------- comparing


# Letters that NFKD does not split into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ı": "i"})


def _fold(text: str | None) -> str | None:
    """Case-, accent- and punctuation-insensitive key; "the" dropped, "St" read as "Saint"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"^the\s+", "", plain.strip())
    plain = re.sub(r"\bst\b\.?", "saint", plain)
    return re.sub(r"[^0-9a-z]+", "", plain) or None


@cache
def _group_names() -> dict[str, str]:
    """Folded alias -> folded canonical name, from the project's armed-group list."""
    names: dict[str, str] = {}
    if not ARMED_GROUPS.exists():
        return names
    for line in ARMED_GROUPS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        group = json.loads(line)
        canonical = _fold(group["name"])
        if canonical is None:
            continue
        for alias in [group["name"], *group.get("aliases", [])]:
            key = _fold(alias)
            if key is not None:
                names.setdefault(key, canonical)
    return names


def perpetrator_key(name: str | None) -> str | None:
    key = _fold(name)
    return _group_names().get(key, key) if key is not None else None


def country_key(record: EventRecord) -> str | None:
    """ISO alpha-2 code of the record's country, from its code or else its name."""
    if record.country_code:
        return record.country_code.upper()
    if not record.country:
        return None
    name = record.country.strip()
    if name.casefold() in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[name.casefold()]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return _fold(name)


def field_value(record: EventRecord, name: str) -> object:
    if name == "country":
        return country_key(record)
    if name == "perpetrator":
        return perpetrator_key(record.perpetrator)
    return getattr(record, name)


# Transliteration variants ("Mazar-i-Sharif" / "Mazar-e Sharif") count as the same city.
CITY_SIMILARITY = 0.85


def city_correct(gold: EventRecord, predicted: EventRecord) -> bool:
    predicted_city = _fold(predicted.city)
    accepted = [_fold(name) for name in (gold.city, *gold.city_alternatives)]
    if predicted_city is None or gold.city is None:
        return predicted_city is None and gold.city is None
    return any(
        name is not None and SequenceMatcher(None, name, predicted_city).ratio() >= CITY_SIMILARITY
        for name in accepted
    )


# The three GTD hostage types, told apart only by what the text says of the siege or hijack.
_HOSTAGE_TYPES = frozenset(
    ("Hostage Taking (Kidnapping)", "Hostage Taking (Barricade Incident)", "Hijacking")
)


@cache
def gtd_attack_types() -> frozenset[str]:
    """Every GTD attacktype name (the codebook's nine), as the project's vocabulary lists them."""
    return frozenset(json.loads(EVENT_TYPE_FILE.read_text(encoding="utf-8"))["gtd_hierarchy"])


@cache
def _state_actors() -> frozenset[str]:
    """The canonical names of state forces in the project's actor list ("Russian military")."""
    spec = json.loads(STATE_FORCES.read_text(encoding="utf-8"))
    names = [
        *spec["adjectives"].values(),
        *spec["coalitions"].values(),
        *spec["countries_as_actors"]["names"].values(),
    ]
    return frozenset(names)


@cache
def _gtd_names() -> dict[str, str | None]:
    """newsdesk type -> the GTD attacktype it codes to, from the project's event vocabulary."""
    spec = json.loads(EVENT_TYPE_FILE.read_text(encoding="utf-8"))
    return {name: info.get("gtd_attacktype") for name, info in spec["types"].items()}


def gtd_correct(gold: EventRecord, predicted: EventRecord) -> bool:
    """GTD attacktype agrees; a gold type mapped from newsdesk's vocabulary (no coder's GTD
    code) cannot tell a kidnapping from a siege, so any hostage type is accepted for it."""
    if gold.gtd_attacktype == predicted.gtd_attacktype:
        return True
    return (
        not gold.gtd_given
        and gold.gtd_attacktype in _HOSTAGE_TYPES
        and predicted.gtd_attacktype in _HOSTAGE_TYPES
    )


def field_correct(gold: EventRecord, predicted: EventRecord, name: str) -> bool:
    if name == "city":
        return city_correct(gold, predicted)
    if name == "gtd_attacktype":
        return gtd_correct(gold, predicted)
    return field_value(gold, name) == field_value(predicted, name)


def similarity(gold: EventRecord, predicted: EventRecord) -> float:
    """How well a prediction fits a gold event; 0 when the pair may not be matched.

    A pair needs at least two of type, date, city and country to agree, so a correctly
    detected event placed in the wrong country still matches (and is scored wrong on
    country), while a different event of the same type in the same country does not.
    """
    same_type = gold.type == predicted.type
    same_date = gold.date is not None and gold.date == predicted.date
    same_city = gold.city is not None and city_correct(gold, predicted)
    same_country = country_key(gold) is not None and country_key(gold) == country_key(predicted)
    if same_type + same_date + same_city + same_country < 2:
        return 0.0
    score = 3.0 * same_type + 2.0 * same_date + 2.0 * same_city + 1.0 * same_country
    score += 0.5 * (gold.killed is not None and gold.killed == predicted.killed)
    score += 0.5 * field_correct(gold, predicted, "perpetrator")
    return score


def match(gold: Sequence[EventRecord], predicted: Sequence[EventRecord]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs maximising total similarity."""
    if not gold or not predicted:
        return []
    weights = np.array([[similarity(g, p) for p in predicted] for g in gold])
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, columns, strict=True) if weights[r, c] > 0]


# --------------------------------------------------------------------------- scoring


@dataclass
class ReportResult:
    report: Report
    predicted: list[EventRecord]
    pairs: list[tuple[int, int]]
    background_hits: list[int] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def unmatched_predictions(self) -> list[int]:
        matched = {p for _, p in self.pairs}
        return [index for index in range(len(self.predicted)) if index not in matched]

    @property
    def missed_gold(self) -> list[int]:
        matched = {g for g, _ in self.pairs}
        return [index for index in range(len(self.report.events)) if index not in matched]


def score_report(report: Report, predicted: list[EventRecord], error: str | None = None) -> ReportResult:
    pairs = match(report.events, predicted)
    result = ReportResult(report, predicted, pairs, error=error)
    result.background_hits = [
        index
        for index in result.unmatched_predictions
        if any(similarity(mention, predicted[index]) > 0 for mention in report.background)
    ]
    return result


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def summarise(results: Iterable[ReportResult]) -> dict[str, Any]:
    """Per-field accuracy and detection figures over the given reports."""
    results = list(results)
    gold_events = sum(len(result.report.events) for result in results)
    predicted_events = sum(len(result.predicted) for result in results)
    matched = sum(len(result.pairs) for result in results)
    correct = dict.fromkeys((name for name, _ in FIELDS), 0)
    for result in results:
        for gold_index, predicted_index in result.pairs:
            gold = result.report.events[gold_index]
            predicted = result.predicted[predicted_index]
            for name, _ in FIELDS:
                correct[name] += field_correct(gold, predicted, name)
    return {
        "reports": len(results),
        "gold_events": gold_events,
        "predicted_events": predicted_events,
        "matched_events": matched,
        "precision": _ratio(matched, predicted_events),
        "recall": _ratio(matched, gold_events),
        "non_event_reports": sum(1 for result in results if not result.report.events),
        "non_event_false_positives": sum(len(r.predicted) for r in results if not r.report.events),
        "background_false_positives": sum(len(result.background_hits) for result in results),
        "errors": sum(1 for result in results if result.error),
        "accuracy": {name: _ratio(correct[name], gold_events) for name, _ in FIELDS},
        "accuracy_when_matched": {name: _ratio(correct[name], matched) for name, _ in FIELDS},
        "seconds": sum(result.seconds for result in results),
    }


def run(reports: Sequence[Report]) -> list[ReportResult]:
    results = []
    for report in reports:
        started = time.perf_counter()
        error = None
        try:
            predicted = [EventRecord.from_event(event) for event in newsdesk.analyze(report.article()).events]
        except Exception as failure:  # a failing report is scored as "nothing found", not a crash
            predicted, error = [], f"{type(failure).__name__}: {failure}"
        result = score_report(report, predicted, error)
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results


# --------------------------------------------------------------------------- output


def _cell(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def table(summaries: dict[str, dict[str, Any]]) -> str:
    """Markdown table: one row per field, one column per subset (all / news / database)."""
    names = list(summaries)
    header = "| field | " + " | ".join(names) + " | all, matched only |"
    rule = "|---|" + "---:|" * (len(names) + 1)
    lines = [header, rule]
    everything = summaries[names[0]]
    for name, label in FIELDS:
        cells = [_cell(summaries[subset]["accuracy"][name]) for subset in names]
        cells.append(_cell(everything["accuracy_when_matched"][name]))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key, label in (("precision", "detection precision"), ("recall", "detection recall")):
        cells = [_cell(summaries[subset][key]) for subset in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " | |")
    for key, label in (
        ("reports", "reports"),
        ("gold_events", "gold events"),
        ("predicted_events", "predicted events"),
        ("matched_events", "matched events"),
        ("non_event_false_positives", "FP on non-event reports"),
        ("background_false_positives", "FP on background mentions"),
        ("errors", "analyze errors"),
    ):
        cells = [f"{summaries[subset][key]:6d}" for subset in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " | |")
    return "\n".join(lines)


def _describe(record: EventRecord) -> str:
    parts = [
        f"{name}={getattr(record, name)!r}"
        for name in EventRecord.__dataclass_fields__
        if getattr(record, name) not in (None, False, ())
    ]
    return ", ".join(parts)


def misses(result: ReportResult) -> list[str]:
    """Human-readable lines for everything this report got wrong."""
    lines: list[str] = []
    report = result.report
    if result.error:
        lines.append(f"  analyze failed: {result.error}")
    for gold_index, predicted_index in result.pairs:
        gold, predicted = report.events[gold_index], result.predicted[predicted_index]
        wrong = [
            f"{name}: gold {getattr(gold, name)!r} got {getattr(predicted, name)!r}"
            for name, _ in FIELDS
            if not field_correct(gold, predicted, name)
        ]
        if wrong:
            lines.append(f"  event {gold_index + 1} ({gold.type}): " + "; ".join(wrong))
    for gold_index in result.missed_gold:
        lines.append(f"  missed event {gold_index + 1}: {_describe(report.events[gold_index])}")
    background = set(result.background_hits)
    for predicted_index in result.unmatched_predictions:
        kind = "background mention coded" if predicted_index in background else "false positive"
        lines.append(f"  {kind}: {_describe(result.predicted[predicted_index])}")
    return lines


def confusions(results: Iterable[ReportResult], name: str) -> Counter[tuple[object, object]]:
    """(gold value, predicted value) counts of one field over matched events that disagree."""
    counts: Counter[tuple[object, object]] = Counter()
    for result in results:
        for gold_index, predicted_index in result.pairs:
            gold, predicted = result.report.events[gold_index], result.predicted[predicted_index]
            if not field_correct(gold, predicted, name):
                counts[(getattr(gold, name), getattr(predicted, name))] += 1
    return counts


CONFUSION_FIELDS = ("type", "gtd_attacktype", "target_type", "weapon_type")


def by_type(results: Iterable[ReportResult]) -> dict[str, tuple[int, int, int]]:
    """Gold event type -> (gold events, matched, matched with the right type)."""
    counts: dict[str, list[int]] = {}
    for result in results:
        matched = dict(result.pairs)
        for gold_index, gold in enumerate(result.report.events):
            row = counts.setdefault(gold.type or "?", [0, 0, 0])
            row[0] += 1
            if gold_index in matched:
                row[1] += 1
                row[2] += result.predicted[matched[gold_index]].type == gold.type
    return {
        name: (row[0], row[1], row[2]) for name, row in sorted(counts.items(), key=lambda item: -item[1][0])
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATASET, help="JSONL dataset (default: %(default)s)")
    parser.add_argument("--style", choices=STYLES, help="only reports of this style")
    parser.add_argument("--ids", help="comma-separated report ids to run")
    parser.add_argument("--verbose", action="store_true", help="print the misses of every report")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--read-on",
        type=parse_published,
        metavar="ISO-TIME",
        help="give database-style records this publication time instead of none, as a caller that stamps "
        "every input with the time it was read would (the events must not change)",
    )
    args = parser.parse_args(argv)

    reports = load_reports(args.data)
    if args.style:
        reports = [report for report in reports if report.style == args.style]
    if args.ids:
        wanted = set(args.ids.split(","))
        reports = [report for report in reports if report.id in wanted]
    if not reports:
        parser.error("no report selected")
    if args.read_on is not None:
        reports = [
            dataclasses.replace(report, published=args.read_on) if report.style == "database" else report
            for report in reports
        ]

    results = run(reports)
    summaries = {"all": summarise(results)}
    for style in STYLES:
        subset = [result for result in results if result.report.style == style]
        if subset and len(subset) < len(results):
            summaries[style] = summarise(subset)
    splits = sorted({result.report.split for result in results})
    if len(splits) > 1:
        for split in splits:
            summaries[split] = summarise(result for result in results if result.report.split == split)

    if args.json:
        payload: dict[str, Any] = {"dataset": str(args.data), "summaries": summaries}
        if args.verbose:
            payload["misses"] = {result.report.id: misses(result) for result in results if misses(result)}
            payload["by_type"] = {name: list(row) for name, row in by_type(results).items()}
            payload["confusions"] = {
                name: [
                    [gold, predicted, count]
                    for (gold, predicted), count in confusions(results, name).most_common()
                ]
                for name in CONFUSION_FIELDS
            }
        print(json.dumps(payload, indent=2))
        return 0

    if args.verbose:
        for result in results:
            lines = misses(result)
            if lines:
                print(f"{result.report.id} [{result.report.style}]")
                print("\n".join(lines))
        print("\nby gold type: gold events / matched / matched with the right type")
        print(
            "  "
            + ", ".join(f"{name} {n}/{found}/{right}" for name, (n, found, right) in by_type(results).items())
        )
        print("\nmost frequent confusions among matched events (gold -> predicted: count)")
        for name in CONFUSION_FIELDS:
            common = confusions(results, name).most_common(8)
            listed = ", ".join(f"{gold} -> {predicted}: {count}" for (gold, predicted), count in common)
            print(f"  {name}: {listed or 'none'}")
        print()
    print(f"events dev set: {args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}")
    print("accuracy = correct / gold events (a missed gold event is wrong on every field)\n")
    print(table(summaries))
    seconds = summaries["all"]["seconds"]
    print(f"\nanalyze time: {seconds:.1f} s for {len(results)} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
