"""The corpus store: articles in, deduplicated and merged into events, searchable.

``open_store(url)`` opens (and migrates) a database: SQLite by default (a file, WAL mode,
FTS5), PostgreSQL for teams (``postgresql://…``, tsvector search). Every write is one
transaction: an article, its entities, quotes, near-duplicate bands and reports, and the
events they update are stored together or not at all, so a killed process leaves no half
article behind. Storing the same page twice changes nothing: a page is keyed by its URL
(or, without one, its content) and the hash of its content.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, defer

from newsdesk.corpus import search
from newsdesk.corpus.dedupe import DEFAULT_THRESHOLD, Signature, content_hash
from newsdesk.corpus.merge import (
    CandidateEvent,
    MergeRules,
    ReportFacts,
    ReportForReconcile,
    choose_event,
    date_window,
    default_rules,
    reconcile,
)
from newsdesk.corpus.records import (
    ArticleDetail,
    ArticleQuery,
    ArticleSummary,
    Casualty,
    EventDetail,
    EventQuery,
    EventReport,
    EventSummary,
    IngestFailure,
    IngestResult,
    Page,
    PlaceRecord,
)
from newsdesk.corpus.schema import (
    ArticleBandRow,
    ArticleRow,
    EntityRow,
    EventRow,
    IngestFailureRow,
    QuoteRow,
    ReportRow,
    SourceRow,
    _EventFields,
)
from newsdesk.model import Article, Event, Quote

DEFAULT_URL = "sqlite:///newsdesk.db"
URL_ENV = "NEWSDESK_DB"
EVENT_FIELDS: tuple[str, ...] = tuple(_EventFields.__annotations__)
MAX_URL = 2048
MAX_SOURCE = 2100
"""Column sizes (schema.py) the store checks before writing."""
WRITE_LOCK_KEY = 7305002
"""PostgreSQL advisory lock that serialises the store's writers."""


def resolve_url(url: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``: None → $NEWSDESK_DB or ./newsdesk.db; a bare path → SQLite."""
    url = url or os.environ.get(URL_ENV) or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def open_store(
    url: str | None = None,
    *,
    rules: MergeRules | None = None,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
) -> Store:
    """Open the store at ``url`` (see ``resolve_url``), creating or migrating its schema."""
    return Store(resolve_url(url), rules=rules, duplicate_threshold=duplicate_threshold)


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Store:
    def __init__(
        self, url: str, *, rules: MergeRules | None = None, duplicate_threshold: float = DEFAULT_THRESHOLD
    ):
        self.url = url
        self.rules = rules or default_rules()
        self.duplicate_threshold = duplicate_threshold
        self.engine = _engine(url)
        self.dialect = self.engine.dialect.name
        self.migrate()

    # ------------------------------------------------------------------ lifecycle

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (a no-op when it is already there)."""
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("newsdesk.corpus").joinpath("migrations"))
        )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction; writers take turns, so two reports of one incident stored at
        the same moment by two processes still end up in one event. SQLite: BEGIN IMMEDIATE;
        PostgreSQL: a transaction-scoped advisory lock."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            session.connection(execution_options={"newsdesk_write": True})
            if self.dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    # ------------------------------------------------------------------ writing

    def ingest(self, article: Article, *, source: str | None = None) -> IngestResult:
        """Store ``article`` with its analysis, fold near-duplicates and merge its events.

        ``source`` is where the page was read from (path or URL) for the failure record;
        it defaults to the article's provenance. A page that cannot be stored is recorded
        as a failure and comes back with ``status="failed"`` and the reason.
        """
        origin = source or article.provenance.source or article.url or "(unnamed page)"
        if article.status != "ok" or not article.body:
            reason = article.reason or f"article status is {article.status!r} with no body"
            self.record_failure(origin, reason, stage="extract", url=article.url)
            return IngestResult(status="failed", reason=reason)
        if article.url and len(article.url) > MAX_URL:
            reason = f"URL longer than {MAX_URL} characters"
            self.record_failure(origin, reason, stage="store", url=article.url)
            return IngestResult(status="failed", reason=reason)
        for attempt in range(3):
            try:
                with self._write() as session:
                    result = self._store_article(session, article)
                    session.execute(delete(IngestFailureRow).where(IngestFailureRow.source == origin))
                return result
            except IntegrityError:
                # Another writer stored the same page between our read and our write: look again.
                if attempt == 2:
                    raise
            except DataError as error:  # a value the database refuses (too long, out of range)
                reason = f"the database refused a value: {str(error.orig).splitlines()[0]}"
                self.record_failure(origin, reason, stage="store", url=article.url)
                return IngestResult(status="failed", reason=reason)
        raise AssertionError("unreachable")

    def record_failure(
        self, source: str, reason: str, *, stage: str = "extract", url: str | None = None
    ) -> None:
        """Record (or refresh) why the page read from ``source`` was not stored."""
        now = _now()
        values = {
            "source": source[:MAX_SOURCE],
            "url": url[:MAX_URL] if url else None,
            "stage": stage,
            "reason": reason,
            "first_seen": now,
            "last_seen": now,
        }
        statement = self._upsert(IngestFailureRow).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["source"],
            set_={
                "reason": statement.excluded.reason,
                "stage": statement.excluded.stage,
                "url": statement.excluded.url,
                "last_seen": statement.excluded.last_seen,
                "attempts": IngestFailureRow.attempts + 1,
            },
        )
        with self._write() as session:
            session.execute(statement)

    def _store_article(self, session: Session, article: Article) -> IngestResult:
        text = article.text
        digest = content_hash(article.headline, text)
        page_key = article.url or f"sha256:{digest}"
        existing = session.scalar(
            select(ArticleRow.id).where(ArticleRow.page_key == page_key, ArticleRow.content_hash == digest)
        )
        if existing is not None:
            return IngestResult(status="unchanged", article_id=existing)

        signature = Signature.of(text)
        duplicate_of, reason, similarity = self._find_duplicate(session, page_key, digest, signature)
        source_id = self._source_id(session, _source_name(article))
        row = ArticleRow(
            page_key=page_key,
            url=article.url,
            content_hash=digest,
            source_id=source_id,
            headline=article.headline,
            body_text=text,
            language=article.language,
            published=article.published,
            updated=article.updated,
            duplicate_of=duplicate_of,
            duplicate_reason=reason,
            similarity=similarity,
            minhash=signature.to_bytes() if signature else None,
            data=article.model_dump(mode="json", exclude={"text"}),
            ingested_at=_now(),
        )
        session.add(row)
        session.flush()
        if signature is not None:
            session.execute(
                insert(ArticleBandRow),
                [{"article_id": row.id, "band": b, "hash": h} for b, h in signature.bands()],
            )
        # Core bulk inserts: an analysed article carries dozens of entities, and ORM objects
        # for rows nobody reads back in this transaction only cost time.
        if article.entities:
            session.execute(
                insert(EntityRow),
                [
                    {
                        "article_id": row.id,
                        "name": entity.name[:500],
                        "type": entity.type[:32],
                        "confidence": entity.confidence,
                        "mentions": {
                            "mentions": [m.model_dump() for m in entity.mentions],
                            "attributes": entity.attributes,
                        },
                    }
                    for entity in article.entities
                ],
            )
        if article.quotes:
            session.execute(
                insert(QuoteRow),
                [
                    {
                        "article_id": row.id,
                        "text": quote.text,
                        "speaker": quote.speaker[:500] if quote.speaker else None,
                        "speaker_entity": quote.speaker_entity[:500] if quote.speaker_entity else None,
                        "start": quote.start,
                        "end": quote.end,
                        "cue": quote.cue[:100] if quote.cue else None,
                        "kind": quote.kind,
                        "confidence": quote.confidence,
                    }
                    for quote in article.quotes
                ],
            )
        created, updated = self._merge_reports(session, article, row, source_id)
        return IngestResult(
            status="stored",
            article_id=row.id,
            duplicate_of=duplicate_of,
            duplicate_reason=reason,  # type: ignore[arg-type]
            similarity=similarity,
            events_created=created,
            events_updated=[e for e in updated if e not in created],
        )

    def _find_duplicate(
        self, session: Session, page_key: str, digest: str, signature: Signature | None
    ) -> tuple[int | None, str | None, float | None]:
        """(article folded into, why, similarity) — the story's first article, or Nones."""
        earlier = session.execute(
            select(ArticleRow.id, ArticleRow.duplicate_of)
            .where(ArticleRow.page_key == page_key)
            .order_by(ArticleRow.id)
            .limit(1)
        ).first()
        if earlier is not None:
            return earlier.duplicate_of or earlier.id, "updated version", None
        same = session.execute(
            select(ArticleRow.id, ArticleRow.duplicate_of).where(ArticleRow.content_hash == digest).limit(1)
        ).first()
        if same is not None:
            return same.duplicate_of or same.id, "same text", 1.0
        if signature is None:
            return None, None, None
        bands = set(signature.bands())
        # Look up by hash alone (indexed), then keep rows whose band matches too.
        shared = {
            row.article_id
            for row in session.execute(
                select(ArticleBandRow.article_id, ArticleBandRow.band, ArticleBandRow.hash).where(
                    ArticleBandRow.hash.in_([h for _, h in bands])
                )
            )
            if (row.band, row.hash) in bands
        }
        candidates = (
            session.execute(
                select(ArticleRow.id, ArticleRow.duplicate_of, ArticleRow.minhash)
                .where(ArticleRow.id.in_(sorted(shared)[:500]))
                .order_by(ArticleRow.id)
            ).all()
            if shared
            else []
        )
        best: tuple[int | None, float] = (None, 0.0)
        for candidate in candidates:
            if candidate.minhash is None:
                continue
            similarity = signature.jaccard(Signature.from_bytes(candidate.minhash))
            if similarity >= self.duplicate_threshold and similarity > best[1]:
                best = (candidate.duplicate_of or candidate.id, similarity)
        if best[0] is None:
            return None, None, None
        return best[0], "near-duplicate", round(best[1], 4)

    def _upsert(self, table: Any) -> Any:
        """The dialect's INSERT, which knows ON CONFLICT."""
        return (pg_insert if self.dialect == "postgresql" else sqlite_insert)(table)

    def _source_id(self, session: Session, name: str) -> int:
        session.execute(
            self._upsert(SourceRow).values(name=name).on_conflict_do_nothing(index_elements=["name"])
        )
        source_id = session.scalar(select(SourceRow.id).where(SourceRow.name == name))
        assert source_id is not None
        return source_id

    # ------------------------------------------------------------------ merging

    def _merge_reports(
        self, session: Session, article: Article, row: ArticleRow, source_id: int
    ) -> tuple[list[int], list[int]]:
        created: list[int] = []
        touched: list[int] = []
        story_id = row.duplicate_of or row.id
        for position, extracted in enumerate(article.events):
            fields = report_fields(extracted)
            context = report_context(article, extracted, self.rules.context_chars)
            facts = _facts(
                fields, published=article.published, context=context, article_id=row.id, story_id=story_id
            )
            decision = choose_event(facts, self._candidates(session, facts), self.rules)
            if decision.event_id is None:
                now = _now()
                event_row = EventRow(**fields, created_at=now, updated_at=now)
                session.add(event_row)
                session.flush()
                created.append(event_row.id)
                event_id = event_row.id
            else:
                event_id = decision.event_id
            session.add(
                ReportRow(
                    **fields,
                    event_id=event_id,
                    article_id=row.id,
                    position=position,
                    source_id=source_id,
                    published=article.published,
                    match_score=decision.score if decision.event_id is not None else None,
                    context=context,
                    data=extracted.model_dump(mode="json"),
                )
            )
            session.flush()
            self._reconcile(session, event_id)
            if event_id not in touched:
                touched.append(event_id)
        return created, touched

    def _candidates(self, session: Session, facts: ReportFacts) -> list[CandidateEvent]:
        conditions = search.candidate_conditions(
            self.rules.family_members(facts.type), date_window(facts, self.rules), facts.country_code
        )
        events = session.scalars(
            select(EventRow)
            .where(*conditions)
            .order_by(EventRow.updated_at.desc())
            .limit(self.rules.max_candidates)
        ).all()
        if not events:
            return []
        reports = session.execute(
            select(ReportRow, ArticleRow.duplicate_of)
            .join(ArticleRow, ArticleRow.id == ReportRow.article_id)
            .where(ReportRow.event_id.in_([e.id for e in events]))
            .order_by(ReportRow.id)
        ).all()
        by_event: dict[int, list[ReportFacts]] = {e.id: [] for e in events}
        for report, duplicate_of in reports:
            by_event[report.event_id].append(
                _facts(
                    _columns(report),
                    published=_utc(report.published),
                    context=report.context,
                    article_id=report.article_id,
                    story_id=duplicate_of or report.article_id,
                )
            )
        return [
            CandidateEvent(
                event_id=e.id,
                facts=_facts(_columns(e), published=_utc(e.first_reported), context=""),
                reports=by_event[e.id],
            )
            for e in events
        ]

    def _reconcile(self, session: Session, event_id: int) -> None:
        rows = session.execute(
            select(ReportRow, ArticleRow.headline, SourceRow.name)
            .join(ArticleRow, ArticleRow.id == ReportRow.article_id)
            .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
            .where(ReportRow.event_id == event_id)
        ).all()
        reports = [
            ReportForReconcile(
                id=report.id,
                fields=_columns(report),
                source=source,
                published=_utc(report.published),
                headline=headline,
            )
            for report, headline, source in rows
        ]
        event_row = session.get(EventRow, event_id)
        assert event_row is not None
        for name, value in reconcile(reports).items():
            setattr(event_row, name, value)
        published = [r.published for r in reports if r.published is not None]
        event_row.report_count = len(reports)
        event_row.source_count = len({r.source for r in reports})
        event_row.first_reported = min(published) if published else None
        event_row.last_reported = max(published) if published else None
        event_row.updated_at = _now()

    # ------------------------------------------------------------------ reading: events

    def search_events(
        self,
        query: EventQuery | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        order: Literal["date", "updated"] = "date",
        updated_since: datetime | None = None,
        **filters: Any,
    ) -> Page[EventSummary]:
        """Events matching ``query`` (or the same filters as keywords: ``type=``, ``country=`` …)."""
        query = (query or EventQuery()).model_copy(update=filters) if filters else (query or EventQuery())
        EventQuery.model_validate(query.model_dump())
        conditions = search.event_conditions(query, self.dialect)
        if updated_since is not None:
            conditions.append(EventRow.updated_at > updated_since)
        ordering: list[Any] = (
            [EventRow.updated_at.desc(), EventRow.id.desc()]
            if order == "updated"
            else [EventRow.date.desc().nulls_last(), EventRow.id.desc()]
        )
        params = {"fts_query": _fts_param(query.text, self.dialect)} if query.text else {}
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(EventRow).where(*conditions), params) or 0
            rows = session.scalars(
                select(EventRow).where(*conditions).order_by(*ordering).limit(limit).offset(offset), params
            ).all()
            return Page[EventSummary](
                items=[_event_summary(r) for r in rows], total=total, limit=limit, offset=offset
            )

    def iter_events(self, query: EventQuery | None = None, *, batch: int = 500) -> Iterator[EventDetail]:
        """Every matching event with its reports, oldest id first (for exports)."""
        conditions = search.event_conditions(query or EventQuery(), self.dialect)
        params = {"fts_query": _fts_param(query.text, self.dialect)} if query and query.text else {}
        last_id = 0
        while True:
            with self._read() as session:
                ids = session.scalars(
                    select(EventRow.id)
                    .where(*conditions, EventRow.id > last_id)
                    .order_by(EventRow.id)
                    .limit(batch),
                    params,
                ).all()
                details = self._event_details(session, list(ids), with_quotes=False)
            if not ids:
                return
            yield from details
            last_id = ids[-1]

    def get_event(self, event_id: int) -> EventDetail | None:
        """The event with every report (source, what it said, evidence spans) and its articles' quotes."""
        with self._read() as session:
            details = self._event_details(session, [event_id], with_quotes=True)
        return details[0] if details else None

    def event_matches(self, event_id: int, query: EventQuery) -> bool:
        """Whether the event satisfies ``query`` now (for watches)."""
        return self.search_events(query.model_copy(update={"ids": [event_id]}), limit=1).total > 0

    def _event_details(self, session: Session, ids: list[int], *, with_quotes: bool) -> list[EventDetail]:
        if not ids:
            return []
        events = session.scalars(select(EventRow).where(EventRow.id.in_(ids)).order_by(EventRow.id)).all()
        rows = session.execute(
            select(ReportRow, ArticleRow.url, ArticleRow.headline, ArticleRow.duplicate_of, SourceRow.name)
            .join(ArticleRow, ArticleRow.id == ReportRow.article_id)
            .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
            .where(ReportRow.event_id.in_(ids))
            .order_by(ReportRow.published.is_(None), ReportRow.published, ReportRow.id)
        ).all()
        reports: dict[int, list[EventReport]] = {i: [] for i in ids}
        for report, url, headline, duplicate_of, source in rows:
            reports[report.event_id].append(
                EventReport(
                    report_id=report.id,
                    article_id=report.article_id,
                    url=url,
                    source=source,
                    headline=headline,
                    published=_utc(report.published),
                    duplicate_of=duplicate_of,
                    match_score=report.match_score,
                    said=report.data,
                )
            )
        quotes: dict[int, list[tuple[int, Quote]]] = {i: [] for i in ids}
        if with_quotes:
            article_events: dict[int, set[int]] = {}
            for report, *_ in rows:
                article_events.setdefault(report.article_id, set()).add(report.event_id)
            for quote in session.scalars(
                select(QuoteRow).where(QuoteRow.article_id.in_(article_events)).order_by(QuoteRow.id)
            ):
                for event_id in article_events[quote.article_id]:
                    quotes[event_id].append((quote.article_id, _quote(quote)))
        return [
            EventDetail(
                **_event_summary(e).model_dump(),
                reports=reports[e.id],
                quotes=[q for _, q in quotes[e.id]],
                quote_article_ids=[a for a, _ in quotes[e.id]],
            )
            for e in events
        ]

    # ------------------------------------------------------------------ reading: articles

    def search_articles(
        self, text: str, *, limit: int = 20, offset: int = 0, **filters: Any
    ) -> Page[ArticleSummary]:
        """Articles matching the search string, best first, each with a snippet around the match."""
        return self.list_articles(ArticleQuery(text=text, **filters), limit=limit, offset=offset)

    def list_articles(
        self, query: ArticleQuery | None = None, *, limit: int = 50, offset: int = 0
    ) -> Page[ArticleSummary]:
        """Articles matching ``query``: by relevance when it has text, else newest first."""
        query = query or ArticleQuery()
        statement = (
            select(ArticleRow, SourceRow.name)
            .outerjoin(SourceRow, SourceRow.id == ArticleRow.source_id)
            .options(defer(ArticleRow.data), defer(ArticleRow.minhash))  # large, and not listed
        )
        params: dict[str, Any] = {}
        conditions = []
        if query.source:
            conditions.append(func.lower(SourceRow.name) == query.source.lower())
        if query.published_from:
            conditions.append(
                ArticleRow.published >= datetime.combine(query.published_from, datetime.min.time(), UTC)
            )
        if query.published_to:
            conditions.append(
                ArticleRow.published <= datetime.combine(query.published_to, datetime.max.time(), UTC)
            )
        if not query.include_duplicates:
            conditions.append(ArticleRow.duplicate_of.is_(None))
        if query.event_query is not None:
            event_conditions = search.event_conditions(
                query.event_query.model_copy(update={"text": None}), self.dialect
            )
            conditions.append(
                ArticleRow.id.in_(
                    select(ReportRow.article_id)
                    .join(EventRow, EventRow.id == ReportRow.event_id)
                    .where(*event_conditions)
                )
            )
        if query.text and self.dialect == "postgresql":
            matches, rank = search.postgres_match(query.text)
            conditions.append(matches)
            ordering = [rank, ArticleRow.id.desc()]
            params["fts_query"] = _fts_param(query.text, self.dialect)
        elif query.text:
            hits = search.matching_articles(self.dialect, query.text).subquery()
            statement = statement.join(hits, hits.c.article_id == ArticleRow.id)
            ordering = [hits.c.rank, ArticleRow.id.desc()]
            params["fts_query"] = _fts_param(query.text, self.dialect)
        else:
            ordering = [ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()]
        statement = statement.where(*conditions)
        words = search.query_words(query.text or "")
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(statement.subquery()), params) or 0
            rows = session.execute(statement.order_by(*ordering).limit(limit).offset(offset), params).all()
            event_ids = self._event_ids_of(session, [row.id for row, _ in rows])
        items = [
            _article_summary(row, source, event_ids.get(row.id, []), search.snippet(row.body_text, words))
            for row, source in rows
        ]
        return Page[ArticleSummary](items=items, total=total, limit=limit, offset=offset)

    def get_article(self, article_id: int) -> ArticleDetail | None:
        with self._read() as session:
            found = session.execute(
                select(ArticleRow, SourceRow.name)
                .outerjoin(SourceRow, SourceRow.id == ArticleRow.source_id)
                .where(ArticleRow.id == article_id)
            ).first()
            if found is None:
                return None
            row, source = found
            event_ids = self._event_ids_of(session, [row.id])
        summary = _article_summary(row, source, event_ids.get(row.id, []), None)
        return ArticleDetail(**summary.model_dump(), article=Article.model_validate(row.data))

    @staticmethod
    def _event_ids_of(session: Session, article_ids: Sequence[int]) -> dict[int, list[int]]:
        result: dict[int, list[int]] = {}
        if article_ids:
            for article_id, event_id in session.execute(
                select(ReportRow.article_id, ReportRow.event_id)
                .where(ReportRow.article_id.in_(article_ids))
                .order_by(ReportRow.position)
            ):
                result.setdefault(article_id, []).append(event_id)
        return result

    # ------------------------------------------------------------------ reading: the rest

    def failures(self, *, limit: int = 100, offset: int = 0) -> Page[IngestFailure]:
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(IngestFailureRow)) or 0
            rows = session.scalars(
                select(IngestFailureRow)
                .order_by(IngestFailureRow.last_seen.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        items = [
            IngestFailure(
                source=r.source,
                url=r.url,
                stage=r.stage,
                reason=r.reason,
                attempts=r.attempts,
                last_seen=_utc(r.last_seen),  # type: ignore[arg-type]
            )
            for r in rows
        ]
        return Page[IngestFailure](items=items, total=total, limit=limit, offset=offset)

    def stats(self) -> dict[str, int]:
        """Row counts: articles, duplicates (folded articles), events, reports, sources, failures."""
        with self._read() as session:

            def count(table: Any, *where: Any) -> int:
                return session.scalar(select(func.count()).select_from(table).where(*where)) or 0

            return {
                "articles": count(ArticleRow),
                "duplicates": count(ArticleRow, ArticleRow.duplicate_of.is_not(None)),
                "events": count(EventRow),
                "reports": count(ReportRow),
                "sources": count(SourceRow),
                "failures": count(IngestFailureRow),
            }

    def export(self, fmt: str, destination: Any, query: EventQuery | None = None) -> int:
        """Write matching events as jsonl, csv (GTD columns), parquet or geojson; returns the count."""
        from newsdesk.corpus.export import export_events

        return export_events(self, fmt, destination, query)


# ---------------------------------------------------------------------- helpers


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            # Let SQLAlchemy, not the driver, decide where transactions begin (see "begin" below).
            connection.isolation_level = None
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            write = connection.get_execution_options().get("newsdesk_write")
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def _fts_param(text: str | None, dialect: str) -> str:
    if dialect == "sqlite":
        return search.fts5_expression(text or "") or '""'
    return text or ""


def _source_name(article: Article) -> str:
    if article.publisher:
        return article.publisher.strip()[:300]
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or "unknown"
    return "unknown"


def report_fields(extracted: Event) -> dict[str, Any]:
    """The columns of a report row from an analysed ``Event``."""
    place = extracted.place
    return {
        "type": extracted.type.strip().lower().replace(" ", "_"),
        "gtd_attacktype": extracted.gtd_attacktype,
        "acled_event_type": extracted.acled_event_type,
        "acled_sub_event_type": extracted.acled_sub_event_type,
        "date": extracted.date.value,
        "date_precision": extracted.date.precision,
        "place_name": place.name,
        "landmark": place.landmark,
        "city": place.city,
        "region": place.region,
        "country": place.country,
        "country_code": place.country_code.upper() if place.country_code else None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "place_precision": place.precision,
        "perpetrator": extracted.perpetrator.name,
        "perpetrator_status": extracted.perpetrator.status,
        "target_type": extracted.target.type,
        "target_text": extracted.target.text,
        "weapon_type": extracted.weapon.type,
        "weapon_text": extracted.weapon.text,
        "killed": extracted.killed.value,
        "killed_low": extracted.killed.low,
        "killed_high": extracted.killed.high,
        "injured": extracted.injured.value,
        "injured_low": extracted.injured.low,
        "injured_high": extracted.injured.high,
        "summary": extracted.summary,
    }


def report_context(article: Article, extracted: Event, chars: int) -> str:
    """The words the matcher compares: headline, summary and the text around the event's evidence."""
    text = article.text
    spans = [
        span
        for span in (
            extracted.trigger,
            extracted.date.evidence,
            extracted.place.evidence,
            extracted.killed.evidence,
        )
        if span is not None
    ]
    if spans:
        start = max(0, min(s.start for s in spans) - chars)
        end = min(len(text), max(s.end for s in spans) + chars)
    else:
        start, end = 0, 2 * chars
    parts = [article.headline or "", extracted.summary or "", text[start:end]]
    return "\n".join(p for p in parts if p)


def _columns(row: EventRow | ReportRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in EVENT_FIELDS}


def _facts(
    fields: dict[str, Any],
    *,
    published: datetime | None,
    context: str,
    article_id: int | None = None,
    story_id: int | None = None,
) -> ReportFacts:
    return ReportFacts(
        type=fields["type"],
        date=fields["date"],
        date_precision=fields["date_precision"] or "unknown",
        published=published,
        place_name=fields["place_name"],
        landmark=fields["landmark"],
        city=fields["city"],
        region=fields["region"],
        country=fields["country"],
        country_code=fields["country_code"],
        place_precision=fields["place_precision"] or 5,
        perpetrator=fields["perpetrator"],
        perpetrator_status=fields["perpetrator_status"] or "unknown",
        target_type=fields["target_type"],
        killed=fields["killed"],
        injured=fields["injured"],
        context=context,
        article_id=article_id,
        story_id=story_id,
    )


def _event_summary(row: EventRow) -> EventSummary:
    return EventSummary(
        id=row.id,
        type=row.type,
        gtd_attacktype=row.gtd_attacktype,
        date=row.date,
        date_precision=row.date_precision,
        place=PlaceRecord(
            name=row.place_name,
            landmark=row.landmark,
            city=row.city,
            region=row.region,
            country=row.country,
            country_code=row.country_code,
            latitude=row.latitude,
            longitude=row.longitude,
            precision=row.place_precision,
        ),
        perpetrator=row.perpetrator,
        perpetrator_status=row.perpetrator_status,
        target_type=row.target_type,
        weapon_type=row.weapon_type,
        killed=Casualty(value=row.killed, low=row.killed_low, high=row.killed_high),
        injured=Casualty(value=row.injured, low=row.injured_low, high=row.injured_high),
        summary=row.summary,
        report_count=row.report_count,
        source_count=row.source_count,
        first_reported=_utc(row.first_reported),
        last_reported=_utc(row.last_reported),
        updated_at=_utc(row.updated_at),  # type: ignore[arg-type]
    )


def _article_summary(
    row: ArticleRow, source: str | None, event_ids: list[int], snippet: str | None
) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        url=row.url,
        source=source,
        headline=row.headline,
        published=_utc(row.published),
        language=row.language,
        duplicate_of=row.duplicate_of,
        duplicate_reason=row.duplicate_reason,
        event_ids=event_ids,
        snippet=snippet,
        ingested_at=_utc(row.ingested_at),  # type: ignore[arg-type]
    )


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        text=row.text,
        start=row.start,
        end=row.end,
        speaker=row.speaker,
        speaker_entity=row.speaker_entity,
        cue=row.cue,
        kind=row.kind,  # type: ignore[arg-type]
        confidence=row.confidence,
    )
