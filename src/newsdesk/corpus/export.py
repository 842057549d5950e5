"""Export events: JSON lines (everything, with reports), CSV in GTD's column names, Parquet, GeoJSON.

The CSV follows the Global Terrorism Database codebook's column names and conventions
(``iday``/``imonth`` 0 when unknown, ``claimed`` 1/0/-9, ``specificity`` 1–5) so scripts
written for GTD read it unchanged. Values come from the reconciled event; the mapping of
newsdesk types onto GTD's categories is data: ``newsdesk/data/gtd_columns.json``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsdesk.corpus.records import EventDetail, EventQuery
from newsdesk.data import load_json

if TYPE_CHECKING:
    from newsdesk.corpus.store import Store

FORMATS = ("jsonl", "csv", "parquet", "geojson")

GTD_COLUMNS = (
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "attacktype1_txt",
    "targtype1_txt",
    "weaptype1_txt",
    "gname",
    "claimed",
    "nkill",
    "nkillter",
    "nwound",
    "summary",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
)


@cache
def _gtd_maps() -> dict[str, dict[str, str]]:
    return {key: value for key, value in load_json("gtd_columns.json").items() if not key.startswith("_")}


def gtd_row(event: EventDetail) -> dict[str, Any]:
    """One event as a GTD-style row."""
    maps = _gtd_maps()
    day = event.date
    precise = event.date_precision
    attack = event.gtd_attacktype or maps["attacktype_by_type"].get(event.type, "Unknown")
    weapon = (
        maps["weaptype_by_weapon"].get((event.weapon_type or "").lower())
        or maps["weaptype_by_type"].get(event.type)
        or "Unknown"
    )
    target = maps["targtype_by_target"].get((event.target_type or "").lower()) or (
        event.target_type.title() if event.target_type else "Unknown"
    )
    sources = [report.url for report in event.reports if report.url]
    status = event.perpetrator_status
    attackers = _attackers_killed(event)
    return {
        "eventid": event.id,
        "iyear": day.year if day else "",
        "imonth": day.month if day and precise in ("day", "week", "month") else 0,
        "iday": day.day if day and precise == "day" else 0,
        "country_txt": event.place.country or "",
        "provstate": event.place.region or "",
        "city": event.place.city or event.place.name or "",
        "latitude": event.place.latitude if event.place.latitude is not None else "",
        "longitude": event.place.longitude if event.place.longitude is not None else "",
        "specificity": event.place.precision,
        "attacktype1_txt": attack,
        "targtype1_txt": target,
        "weaptype1_txt": weapon,
        "gname": event.perpetrator or "Unknown",
        "claimed": 1 if status == "claimed" else 0 if status in ("suspected", "denied") else -9,
        # GTD's nkill counts perpetrators among the dead; nkillter counts them alone.
        "nkill": event.killed.value + (attackers or 0) if event.killed.value is not None else "",
        "nkillter": attackers if attackers is not None else "",
        "nwound": event.injured.value if event.injured.value is not None else "",
        "summary": event.summary or "",
        "scite1": sources[0] if len(sources) > 0 else "",
        "scite2": sources[1] if len(sources) > 1 else "",
        "scite3": sources[2] if len(sources) > 2 else "",
        "dbsource": "newsdesk",
    }


def _attackers_killed(event: EventDetail) -> int | None:
    """Perpetrators killed: the lowest figure any report gave (ACLED's conservative reading)."""
    figures = [
        value
        for report in event.reports
        if isinstance(value := (report.said.get("attackers_killed") or {}).get("value"), int)
    ]
    return min(figures) if figures else None


def flat_row(event: EventDetail) -> dict[str, Any]:
    """One event as a flat record with newsdesk's own names (Parquet columns)."""
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date,
        "date_precision": event.date_precision,
        "place_name": event.place.name,
        "landmark": event.place.landmark,
        "city": event.place.city,
        "region": event.place.region,
        "country": event.place.country,
        "country_code": event.place.country_code,
        "latitude": event.place.latitude,
        "longitude": event.place.longitude,
        "place_precision": event.place.precision,
        "perpetrator": event.perpetrator,
        "perpetrator_status": event.perpetrator_status,
        "target_type": event.target_type,
        "weapon_type": event.weapon_type,
        "killed": event.killed.value,
        "killed_low": event.killed.low,
        "killed_high": event.killed.high,
        "injured": event.injured.value,
        "injured_low": event.injured.low,
        "injured_high": event.injured.high,
        "summary": event.summary,
        "report_count": event.report_count,
        "source_count": event.source_count,
        "sources": sorted({r.source for r in event.reports if r.source}),
        "urls": [r.url for r in event.reports if r.url],
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
    }


def geojson_feature(event: EventDetail) -> dict[str, Any]:
    place = event.place
    geometry = (
        {"type": "Point", "coordinates": [place.longitude, place.latitude]}
        if place.latitude is not None and place.longitude is not None
        else None
    )
    properties = json.loads(json.dumps(flat_row(event), default=str))
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def export_events(
    store: Store, fmt: str, destination: str | Path | IO[Any], query: EventQuery | None = None
) -> int:
    """Write every event matching ``query`` to ``destination`` ("-" is stdout); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    events = store.iter_events(query)
    if fmt == "parquet":
        return _parquet(events, destination)
    with _text_output(destination) as out:
        if fmt == "jsonl":
            count = 0
            for event in events:
                out.write(event.model_dump_json() + "\n")
                count += 1
            return count
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=GTD_COLUMNS, lineterminator="\n")
            writer.writeheader()
            count = 0
            for event in events:
                writer.writerow(gtd_row(event))
                count += 1
            return count
        features = [geojson_feature(event) for event in events]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        return len(features)


@contextmanager
def _text_output(destination: str | Path | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(destination, (str, Path)):
        if str(destination) == "-":
            yield sys.stdout
            return
        with open(destination, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    yield destination


def _parquet(events: Iterator[EventDetail], destination: str | Path | IO[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat_row(event) for event in events]
    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("type", pa.string()),
            ("date", pa.date32()),
            ("date_precision", pa.string()),
            ("place_name", pa.string()),
            ("landmark", pa.string()),
            ("city", pa.string()),
            ("region", pa.string()),
            ("country", pa.string()),
            ("country_code", pa.string()),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("place_precision", pa.int16()),
            ("perpetrator", pa.string()),
            ("perpetrator_status", pa.string()),
            ("target_type", pa.string()),
            ("weapon_type", pa.string()),
            ("killed", pa.int64()),
            ("killed_low", pa.int64()),
            ("killed_high", pa.int64()),
            ("injured", pa.int64()),
            ("injured_low", pa.int64()),
            ("injured_high", pa.int64()),
            ("summary", pa.string()),
            ("report_count", pa.int64()),
            ("source_count", pa.int64()),
            ("sources", pa.list_(pa.string())),
            ("urls", pa.list_(pa.string())),
            ("first_reported", pa.timestamp("us", tz="UTC")),
            ("last_reported", pa.timestamp("us", tz="UTC")),
        ]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    target: Any = sys.stdout.buffer if str(destination) == "-" else destination
    pq.write_table(table, target)
    return len(rows)
