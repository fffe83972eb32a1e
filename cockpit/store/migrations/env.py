"""The alembic environment: runs revisions on the connection (and inside the transaction) that
:mod:`cockpit.store.schema` passes in ``config.attributes["connection"]``; never opens its own."""

from __future__ import annotations

from alembic import context

from cockpit.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
