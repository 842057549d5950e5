"""What the UI draws, computed in Python so templates only lay it out (and escape it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsdesk.corpus import ArticleDetail, EventReport, EventSummary
from newsdesk.data import load_json
from newsdesk.service import basemap

PLOTTED_EVENTS = 2000
# The filter menu lists every type the events stage codes ("attack" is only its fallback).
EVENT_TYPES = tuple(name for name in load_json("event_types.json")["types"] if name != "attack")
# The evidence fields of a report, in the order they are listed beside the text.
EVIDENCE_FIELDS = (
    ("trigger", ("trigger",)),
    ("date", ("date", "evidence")),
    ("place", ("place", "evidence")),
    ("target", ("target", "evidence")),
    ("weapon", ("weapon", "evidence")),
    ("killed", ("killed", "evidence")),
    ("injured", ("injured", "evidence")),
    ("attackers killed", ("attackers_killed", "evidence")),
)


def geojson(events: list[EventSummary]) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [event.place.longitude, event.place.latitude]},
            "properties": event.model_dump(mode="json", exclude={"place"})
            | {"place": event.place.name, "country": event.place.country, "precision": event.place.precision},
        }
        for event in events
        if event.place.latitude is not None and event.place.longitude is not None
    ]
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Marker:
    event_id: int
    x: float
    y: float
    radius: float
    label: str


def world_map(events: list[EventSummary], *, focus: bool = False) -> dict[str, Any]:
    markers = []
    for event in events:
        if event.place.latitude is None or event.place.longitude is None:
            continue
        x, y = basemap.project(event.place.longitude, event.place.latitude)
        killed = event.killed.value or 0
        markers.append(
            Marker(
                event_id=event.id,
                x=x,
                y=y,
                radius=round(min(12.0, 3.0 + killed**0.5), 1),
                label=f"{event.type} — {event.place.name or event.place.country or '?'}, "
                f"{event.date.isoformat() if event.date else 'date unknown'}",
            )
        )
    view_box = f"0 0 {basemap.WIDTH} {basemap.HEIGHT}"
    if focus and markers:
        # An event page zooms on its place: a 120 x 60 window around the marker.
        x, y = markers[0].x, markers[0].y
        view_box = f"{max(0.0, x - 60):.1f} {max(0.0, y - 30):.1f} 120 60"
    return {
        "countries": basemap.countries(),
        "markers": markers,
        "view_box": view_box,
        "width": basemap.WIDTH,
        "height": basemap.HEIGHT,
        "focus": focus,
    }


def timeline(events: list[EventSummary], *, max_days: int = 366) -> dict[str, Any]:
    """Events per day over the span of the dated events (the most recent ``max_days`` at most)."""
    days = Counter(event.date for event in events if event.date is not None)
    if not days:
        return {"bars": [], "first": None, "last": None, "peak": 0, "days": 0}
    last = max(days)
    first = max(min(days), last - timedelta(days=max_days - 1))
    span = (last - first).days + 1
    peak = max(count for day, count in days.items() if day >= first)
    width = 1000
    slot = width / span
    bars = []
    for offset in range(span):
        day = first + timedelta(days=offset)
        count = days.get(day, 0)
        if count:
            height = 100 * count / peak
            bars.append(
                {
                    "day": day.isoformat(),
                    "count": count,
                    "x": round(offset * slot, 2),
                    "width": round(max(slot * 0.8, 1.0), 2),
                    "y": round(100 - height, 2),
                    "height": round(height, 2),
                }
            )
    return {"bars": bars, "first": first.isoformat(), "last": last.isoformat(), "peak": peak, "days": span}


@dataclass(frozen=True)
class Segment:
    text: str
    label: str | None = None


@dataclass(frozen=True)
class SourceView:
    report: EventReport
    segments: list[Segment]
    evidence: list[tuple[str, str]]


def _span(said: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    value: Any = said
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, dict) and "start" in value and "end" in value else None


def source_view(report: EventReport, detail: ArticleDetail | None) -> SourceView:
    """A source's text cut into plain and highlighted segments (templates escape each one)."""
    said = report.said
    spans: list[tuple[int, int, str]] = []
    for label, path in EVIDENCE_FIELDS:
        span = _span(said, path)
        if span is not None:
            spans.append((int(span["start"]), int(span["end"]), label))
    for span in (said.get("perpetrator") or {}).get("evidence") or []:
        if isinstance(span, dict) and "start" in span:
            spans.append((int(span["start"]), int(span["end"]), "perpetrator"))
    evidence = [(label, text_of(detail, start, end)) for start, end, label in sorted(spans)]
    if detail is None:
        return SourceView(report=report, segments=[], evidence=evidence)
    return SourceView(report=report, segments=highlight(detail.article.text, spans), evidence=evidence)


def text_of(detail: ArticleDetail | None, start: int, end: int) -> str:
    return detail.article.text[start:end] if detail is not None else ""


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` at the spans; overlapping spans merge into one highlight carrying both labels."""
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, label in sorted((max(0, s), min(len(text), e), lab) for s, e, lab in spans if e > s):
        if merged and start < merged[-1][1]:
            last_start, last_end, labels = merged[-1]
            merged[-1] = (last_start, max(last_end, end), [*labels, label])
        else:
            merged.append((start, end, [label]))
    segments: list[Segment] = []
    position = 0
    for start, end, labels in merged:
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], ", ".join(dict.fromkeys(labels))))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def day_label(value: date | None) -> str:
    return value.isoformat() if value else "—"
