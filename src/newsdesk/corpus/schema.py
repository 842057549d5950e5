"""The tables of the corpus, as SQLAlchemy 2 models.

The schema itself is created and evolved by the Alembic migrations in ``migrations/``;
these classes describe it for queries. Full-text search is dialect-specific and lives
only in the migrations and ``search.py``: an FTS5 table kept in step by triggers on
SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class SourceRow(Base):
    """An outlet: the publisher's name, or the URL's host when the page names none."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)


class ArticleRow(Base):
    """One stored version of one page. Near-duplicates are stored too, folded by ``duplicate_of``."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("page_key", "content_hash", name="uq_articles_page_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    page_key: Mapped[str] = mapped_column(String(2100), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    headline: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[datetime | None] = mapped_column(index=True)
    updated: Mapped[datetime | None]
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    duplicate_reason: Mapped[str | None] = mapped_column(String(32))
    similarity: Mapped[float | None] = mapped_column(Float)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    data: Mapped[dict[str, Any]]
    ingested_at: Mapped[datetime]


class ArticleBandRow(Base):
    """LSH bands of an article's MinHash: articles sharing a band are near-duplicate candidates."""

    __tablename__ = "article_bands"
    __table_args__ = (Index("ix_article_bands_hash", "hash"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    type: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    mentions: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(500))
    speaker_entity: Mapped[str | None] = mapped_column(String(500), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class _EventFields:
    """Columns an event and each of its reports share: what was said, and (for events) reconciled."""

    type: Mapped[str] = mapped_column(String(64), index=True)
    gtd_attacktype: Mapped[str | None] = mapped_column(String(100))
    acled_event_type: Mapped[str | None] = mapped_column(String(100))
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(100))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(16), default="unknown")
    place_name: Mapped[str | None] = mapped_column(String(300))
    landmark: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200), index=True)
    region: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    place_precision: Mapped[int] = mapped_column(SmallInteger, default=5)
    perpetrator: Mapped[str | None] = mapped_column(String(300), index=True)
    perpetrator_status: Mapped[str] = mapped_column(String(16), default="unknown")
    target_type: Mapped[str | None] = mapped_column(String(100))
    target_text: Mapped[str | None] = mapped_column(Text)
    weapon_type: Mapped[str | None] = mapped_column(String(100))
    weapon_text: Mapped[str | None] = mapped_column(Text)
    killed: Mapped[int | None] = mapped_column(Integer)
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)


class EventRow(_EventFields, Base):
    """One real-world incident, merged from every report of it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    first_reported: Mapped[datetime | None]
    last_reported: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)


class ReportRow(_EventFields, Base):
    """One article's account of one event: the event↔article link, and which source said what."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("article_id", "position", name="uq_reports_article_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    published: Mapped[datetime | None]
    match_score: Mapped[float | None] = mapped_column(Float)
    context: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]]


class IngestFailureRow(Base):
    """A page that could not be stored, and why; cleared when it is later stored."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(2100), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    stage: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]


class WatchRow(Base):
    """A saved event query that notifies when a newly stored or updated event matches."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[dict[str, Any]]
    webhook_url: Mapped[str | None] = mapped_column(String(2048))
    webhook_secret: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class WatchDeliveryRow(Base):
    """One notification of one event by one watch over one channel: sent at most once."""

    __tablename__ = "watch_deliveries"
    __table_args__ = (UniqueConstraint("watch_id", "event_id", "channel", name="uq_watch_deliveries_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
