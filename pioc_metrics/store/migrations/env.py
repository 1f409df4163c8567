"""Alembic's environment: runs the migrations on the connection that pioc_metrics.store.setup hands it."""

from __future__ import annotations

from alembic import context

from pioc_metrics.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
