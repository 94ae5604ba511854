"""The migrations build exactly the schema the models describe, on both stores: a column or
index added to a model without its migration (or the other way round) fails here."""

from __future__ import annotations

import datetime as dt
import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, insert, inspect, select, text

from ceasefire import db as store
from ceasefire import tables
from ceasefire.incidents.models import Incident
from ceasefire.ingest import dedup
from ceasefire.ingest.models import Article, CandidateEvent


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.metadata)
    assert differences == []


def test_recent_windows_are_indexed_by_their_end(engine: Engine) -> None:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("incidents")}
    assert indexes.get("ix_incidents_end") == ["end_at"]
    assert indexes.get("ix_incidents_start") == ["start_at"]


def test_articles_stored_before_the_band_index_get_their_keys(engine: Engine) -> None:
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


def test_alpha2_countries_stored_before_0008_read_alpha3_after_it(engine: Engine) -> None:
    """The news channel stored places' countries as alpha-2 before 0008; after it, candidate
    events and the incidents they proposed read alpha-3, and the downgrade gives them back."""
    config = store._alembic_config(engine)
    command.downgrade(config, "0007")
    at = dt.datetime(2020, 11, 20, tzinfo=dt.UTC)
    incident = {
        "type": "handover-of-territory", "status": "candidate", "summary": "s", "start_at": at,
        "end_at": at, "time_label": "2020-11-20", "time_precision": "day",
        "location_precision": "exact", "created_by": "test", "actors": [], "casualties": [],
        "sources": [], "finding": "pending", "created_at": at, "updated_at": at,
    }  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(Article.__table__).values(
            id="a1", sha256="h", source="s", origin="o", content_type="text/plain", raw=b"x",
            text="t", published_source="none", received_at=at, received_by="test", minhash=[],
        ))  # fmt: skip
        connection.execute(insert(CandidateEvent.__table__), [
            {"id": f"c{i}", "article_id": "a1", "event_type": "handover-of-territory",
             "modality": "happened", "actors": [], "targets": [], "place_country": country,
             "sentence": "s", "span_start": 0, "span_end": 1, "confidence": 0.5,
             "status": "proposed", "extractor": "test", "created_at": at,
             "same_as": "c0" if i else None}
            for i, country in enumerate(["AZ", "AM", None])
        ])  # fmt: skip
        connection.execute(insert(Incident.__table__), [
            {**incident, "id": 1, "origin": "news", "country": "AZ"},
            {**incident, "id": 2, "origin": "monitor", "country": "ARM"},
            {**incident, "id": 3, "origin": "news", "country": None},
        ])  # fmt: skip

    def same_as() -> list[str | None]:
        with engine.connect() as connection:
            query = select(CandidateEvent.same_as).order_by(CandidateEvent.id)
            return list(connection.execute(query).scalars())

    def countries() -> tuple[list[str | None], list[str | None]]:
        with engine.connect() as connection:
            candidates = connection.execute(
                select(CandidateEvent.place_country).order_by(CandidateEvent.id)
            ).scalars()
            incidents = connection.execute(select(Incident.country).order_by(Incident.id))
            return list(candidates), list(incidents.scalars())

    command.upgrade(config, "heads")
    assert countries() == (["AZE", "ARM", None], ["AZE", "ARM", None])
    assert same_as() == [None, "c0", "c0"]  # the table rebuilt on SQLite keeps its links
    command.downgrade(config, "0007")
    assert countries() == (["AZ", "AM", None], ["AZ", "ARM", None])
    command.upgrade(config, "heads")
