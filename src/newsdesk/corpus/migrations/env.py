"""Alembic environment, run programmatically by ``newsdesk.corpus.store.migrate``.

The caller hands over an open connection in ``config.attributes["connection"]``, so a
migration runs inside the caller's transaction and needs no alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from newsdesk.corpus.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Two processes opening a fresh database at once must not both create the tables.
        connection.execute(text("SELECT pg_advisory_xact_lock(7305001)"))
    context.run_migrations()
