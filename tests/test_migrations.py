"""The migrations build exactly the schema the models describe, on both stores: a column or
index added to a model without its migration (or the other way round) fails here."""

from __future__ import annotations

import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from ceasefire import db as store
from ceasefire import tables


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.metadata)
    assert differences == []


def test_recent_windows_are_indexed_by_their_end(engine: Engine) -> None:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("incidents")}
    assert indexes.get("ix_incidents_end") == ["end_at"]
    assert indexes.get("ix_incidents_start") == ["start_at"]


def test_articles_stored_before_the_band_index_get_their_keys(engine: Engine) -> None:
    from alembic import command
    from sqlalchemy import text

    from ceasefire.ingest import dedup

    config = store._alembic_config(engine)
    command.downgrade(config, "0006")
    signature = [int(v) for v in dedup.signature("an article stored before 0007 " * 20).hashvalues]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO articles (id, sha256, source, origin, content_type, raw, text, "
                "published_source, received_at, received_by, minhash) VALUES ('a1', 'h', 's', "
                "'o', 'text/plain', :raw, 't', 'none', :at, 'test', :minhash)"
            ),
            {"raw": b"x", "at": "2020-11-20 00:00:00", "minhash": json.dumps(signature)},
        )
    command.upgrade(config, "heads")
    with engine.connect() as connection:
        keys = connection.execute(
            text("SELECT band_key FROM article_bands WHERE article_id = 'a1' ORDER BY band_key")
        ).scalars()
        assert list(keys) == sorted(dedup.band_keys(signature))
