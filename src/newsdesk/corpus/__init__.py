"""The corpus: a store of articles, folded near-duplicates and events merged from many reports.

from newsdesk.corpus import open_store
store = open_store("sqlite:///newsdesk.db")     # or postgresql://user:pass@host/db
result = store.ingest(article)                   # IngestResult: stored / unchanged / failed
store.search_events(type="bombing", country="NG", min_killed=5)
store.get_event(result.events_created[0])        # sources, what each said, evidence, quotes
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.corpus.records import (
    ArticleDetail,
    ArticleQuery,
    ArticleSummary,
    EventDetail,
    EventQuery,
    EventReport,
    EventSummary,
    IngestFailure,
    IngestResult,
    Page,
)

if TYPE_CHECKING:
    from newsdesk.corpus.store import Store, open_store, resolve_url


def __getattr__(name: str) -> Any:
    # The store pulls in SQLAlchemy, Alembic and datasketch: loaded on first use only.
    if name in ("Store", "open_store", "resolve_url"):
        from newsdesk.corpus import store

        return getattr(store, name)
    raise AttributeError(f"module 'newsdesk.corpus' has no attribute {name!r}")


__all__ = [
    "ArticleDetail",
    "ArticleQuery",
    "ArticleSummary",
    "EventDetail",
    "EventQuery",
    "EventReport",
    "EventSummary",
    "IngestFailure",
    "IngestResult",
    "Page",
    "Store",
    "open_store",
    "resolve_url",
]
