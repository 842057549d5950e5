"""The Alembic migrations build exactly the schema the SQLAlchemy models describe."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsdesk.corpus import Store
from newsdesk.corpus.schema import Base

# Full-text search is dialect-specific and lives only in the migrations.
FULL_TEXT = {"articles_fts", "search_vector", "ix_articles_search_vector"}


def _not_full_text(_object: Any, name: str | None, _type: str, _reflected: bool, _compare_to: Any) -> bool:
    return not (name and (name in FULL_TEXT or name.startswith("articles_fts_")))


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": _not_full_text, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_migrating_twice_is_a_no_op(store: Store) -> None:
    store.migrate()
    assert store.stats()["articles"] == 0
