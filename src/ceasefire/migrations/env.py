"""Alembic environment: migrations run in one transaction on the engine the caller passes."""

from __future__ import annotations

from alembic import context

from ceasefire.tables import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
    )
    context.run_migrations()
