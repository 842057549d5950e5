"""The one data model that flows through every stage.

An ``Article`` is produced by ``extract`` and enriched in place-free fashion by
``analyze`` (which returns a copy with ``entities``, ``quotes`` and ``events``).
Every span (``start``/``end``) indexes into ``Article.text``: the body blocks
joined with a blank line, so offsets survive a JSON round trip without
re-running extraction.

The JSON Schema published in ``schema/article.schema.json`` is generated from
these classes (``python -m newsdesk.model > schema/article.schema.json``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

BLOCK_SEPARATOR = "\n\n"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- article


class InputKind(StrEnum):
    html = "html"
    text = "text"


BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table"]


class Block(_Model):
    kind: BlockKind = "paragraph"
    text: str


class Caption(_Model):
    text: str
    credit: str | None = None


class Image(_Model):
    url: str
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


class WrittenDate(_Model):
    """A date exactly as the page wrote it, and where it came from."""

    text: str
    utc_offset: str | None = Field(
        default=None, description="UTC offset the written time was read with, e.g. '+01:00'"
    )
    source: str = Field(description="where it was found: json-ld, meta:<name>, time-element, line:<n>, url")
    offset: int | None = Field(default=None, description="character offset in the input, where known")


class Dropped(_Model):
    """A block or line removed as site chrome, kept for audit."""

    text: str
    reason: str
    line: int | None = None


class Provenance(_Model):
    input_kind: InputKind
    extractor: str
    version: str
    source: str | None = Field(default=None, description="path or URL the input was read from")
    encoding: str | None = None
    encoding_source: str | None = None
    bytes: int | None = None
    detected_kind: bool = True
    seconds: float | None = None


# --------------------------------------------------------------------------- analysis


class Span(_Model):
    start: int
    end: int
    text: str


class Mention(Span):
    link: str | None = Field(
        default=None,
        description="how the mention was tied to its entity: ner, gazetteer, alias, acronym, surname, anaphor, speaker",
    )


class Entity(_Model):
    name: str = Field(description="canonical name")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, GROUP (armed group), AGENCY, FAC, ...")
    mentions: list[Mention] = Field(default_factory=list)
    confidence: float = 1.0
    attributes: dict[str, str] = Field(default_factory=dict)


class Quote(_Model):
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_entity: str | None = Field(default=None, description="canonical entity name when linked")
    speaker_span: Span | None = None
    cue: str | None = None
    kind: Literal["statement", "partial", "scare"] = "statement"
    paragraphs: int = 1
    confidence: float = 1.0


class Evidence(Span):
    pass


class EventDate(_Model):
    value: date | None = None
    precision: Literal["day", "week", "month", "year", "unknown"] = "unknown"
    evidence: Evidence | None = None


class Place(_Model):
    name: str | None = None
    landmark: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = Field(
        default=5,
        description="1 exact landmark/street, 2 city or town, 3 region/district, 4 country, 5 unknown",
    )
    evidence: Evidence | None = None


class Perpetrator(_Model):
    name: str | None = Field(default=None, description="canonical group or person name, None when unknown")
    status: Literal["claimed", "suspected", "denied", "unknown"] = "unknown"
    claimed_by: str | None = None
    claimed_via: str | None = None
    attacker_fate: Literal["killed", "arrested", "at_large", "unknown"] = "unknown"
    evidence: list[Evidence] = Field(default_factory=list)


class Target(_Model):
    type: str | None = None
    text: str | None = None
    evidence: Evidence | None = None


class Weapon(_Model):
    type: str | None = None
    text: str | None = None
    evidence: Evidence | None = None


class Casualties(_Model):
    value: int | None = Field(default=None, description="the conservative figure")
    low: int | None = None
    high: int | None = None
    qualifier: Literal["exact", "at_least", "at_most", "about", "range", "unknown"] = "unknown"
    evidence: Evidence | None = None


class Event(_Model):
    type: str = Field(description="newsdesk event type, e.g. shooting, bombing, stabbing")
    gtd_attacktype: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: Evidence | None = None
    date: EventDate = Field(default_factory=EventDate)
    place: Place = Field(default_factory=Place)
    perpetrator: Perpetrator = Field(default_factory=Perpetrator)
    target: Target = Field(default_factory=Target)
    weapon: Weapon = Field(default_factory=Weapon)
    killed: Casualties = Field(default_factory=Casualties)
    injured: Casualties = Field(default_factory=Casualties)
    attackers_killed: Casualties = Field(default_factory=Casualties)
    summary: str | None = None
    confidence: float = 1.0


class Analysis(_Model):
    language: str | None = None
    analysed: bool = False
    reason: str | None = None
    model: str | None = None
    version: str | None = None


# --------------------------------------------------------------------------- the article


class Article(_Model):
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    headline: str | None = None
    standfirst: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: datetime | None = Field(default=None, description="publication time, timezone-aware, UTC")
    published_as_written: WrittenDate | None = None
    updated: datetime | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    body: list[Block] = Field(default_factory=list)
    captions: list[Caption] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
    provenance: Provenance
    status: Literal["ok", "empty", "error"] = "ok"
    reason: str | None = Field(default=None, description="why the body is empty or extraction failed")

    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    analysis: Analysis | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The body as one string; every analysis span indexes into it."""
        return BLOCK_SEPARATOR.join(block.text for block in self.body)

    def block_offsets(self) -> list[tuple[int, int]]:
        """(start, end) of each body block within ``text``."""
        offsets: list[tuple[int, int]] = []
        position = 0
        for block in self.body:
            offsets.append((position, position + len(block.text)))
            position += len(block.text) + len(BLOCK_SEPARATOR)
        return offsets

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Article:
        payload = json.loads(data)
        payload.pop("text", None)
        return cls.model_validate(payload)


def json_schema() -> dict[str, object]:
    return Article.model_json_schema(mode="serialization")


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
