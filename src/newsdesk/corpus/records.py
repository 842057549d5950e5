"""Values the store hands back: plain pydantic models, ready for JSON (the HTTP API returns them as is)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.model import Article, Quote

T = TypeVar("T")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestResult(_Record):
    """What storing one article did. ``status``:

    - ``stored``: a new article (or a new version of a known URL) was written;
    - ``unchanged``: the same URL with the same content was already stored, nothing written;
    - ``failed``: nothing stored, ``reason`` says why (also recorded in the store).
    """

    status: Literal["stored", "unchanged", "failed"]
    article_id: int | None = None
    duplicate_of: int | None = Field(default=None, description="article this one was folded into")
    duplicate_reason: Literal["same text", "near-duplicate", "updated version"] | None = None
    similarity: float | None = None
    events_created: list[int] = Field(default_factory=list)
    events_updated: list[int] = Field(default_factory=list)
    reason: str | None = None


class Casualty(_Record):
    value: int | None = Field(
        default=None, description="reconciled figure: per source its latest, then the lowest"
    )
    low: int | None = Field(default=None, description="lowest figure any source gave")
    high: int | None = Field(default=None, description="highest figure any source gave")


class PlaceRecord(_Record):
    name: str | None = None
    landmark: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = 5


class EventSummary(_Record):
    id: int
    type: str
    gtd_attacktype: str | None = None
    date: dt.date | None = None
    date_precision: str = "unknown"
    place: PlaceRecord
    perpetrator: str | None = None
    perpetrator_status: str = "unknown"
    target_type: str | None = None
    weapon_type: str | None = None
    killed: Casualty
    injured: Casualty
    summary: str | None = None
    report_count: int
    source_count: int
    first_reported: datetime | None = None
    last_reported: datetime | None = None
    updated_at: datetime


class EventReport(_Record):
    """One source's account of the event: what it said, with the evidence spans into its article."""

    report_id: int
    article_id: int
    url: str | None = None
    source: str | None = None
    headline: str | None = None
    published: datetime | None = None
    duplicate_of: int | None = None
    match_score: float | None = None
    said: dict[str, Any] = Field(description="the article's Event as extracted, evidence spans included")


class EventDetail(EventSummary):
    reports: list[EventReport]
    quotes: list[Quote] = Field(default_factory=list, description="quotes from the event's articles")
    quote_article_ids: list[int] = Field(default_factory=list, description="article of each quote")


class ArticleSummary(_Record):
    id: int
    url: str | None = None
    source: str | None = None
    headline: str | None = None
    published: datetime | None = None
    language: str | None = None
    duplicate_of: int | None = None
    duplicate_reason: str | None = None
    event_ids: list[int] = Field(default_factory=list)
    snippet: str | None = None
    ingested_at: datetime


class ArticleDetail(ArticleSummary):
    article: Article


class IngestFailure(_Record):
    source: str
    url: str | None = None
    stage: str
    reason: str
    attempts: int
    last_seen: datetime


class Page(_Record, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class EventQuery(_Record):
    """Filters over events; every field optional, all given fields must hold. Also a watch's saved query."""

    text: str | None = Field(default=None, description="full-text words, all must occur in a report")
    type: str | None = None
    country: str | None = Field(default=None, description="country name or ISO 3166 alpha-2 code")
    place: str | None = Field(default=None, description="city, region, landmark or place name")
    group: str | None = Field(default=None, description="perpetrator name (substring, any case)")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_killed: int | None = None
    min_injured: int | None = None
    ids: list[int] | None = Field(default=None, description="restrict to these event ids")


class ArticleQuery(_Record):
    text: str | None = None
    source: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    include_duplicates: bool = True
    event_query: EventQuery | None = Field(
        default=None, description="only articles reporting an event that matches"
    )
