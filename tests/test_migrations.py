"""The migrations build exactly the schema the models describe, on both stores: a column or
index added to a model without its migration (or the other way round) fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from ceasefire import db as store


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    store.import_all_models()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), store.Base.metadata)
    assert differences == []


def test_recent_windows_are_indexed_by_their_end(engine: Engine) -> None:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("incidents")}
    assert indexes.get("ix_incidents_end") == ["end_at"]
    assert indexes.get("ix_incidents_start") == ["start_at"]
