"""Nothing lost between storing and extracting: an article stored but not extracted (with
--no-extract, or by a run killed before it extracted) is extracted by the next run that
extracts, or on demand by `ceasefire ingest --extract-pending`; never twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.cli import app
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.ingest.service import extract_pending, ingest_paths
from tests.ingest.test_proposals import load_agreement

HANDOVER = (
    "Azerbaijani army units entered the Aghdam district on Friday after it was handed over by "
    "Armenia under the November agreement."
)
OTHER = "A quiet day: no incident was reported along the line of contact on Saturday."


def _jsonl(path: Path, text: str) -> Path:
    line = {"url": f"http://example.org/{path.stem}", "published": "2020-11-20", "text": text}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def _state(engine: Engine) -> tuple[int, int]:
    """(articles still to extract, candidate events stored)"""
    with store.transaction(engine) as session:
        waiting = session.scalar(
            select(func.count()).select_from(Article).where(Article.extracted_at.is_(None))
        )
        events = session.scalar(select(func.count()).select_from(CandidateEvent))
    return waiting or 0, events or 0


def test_articles_stored_without_extracting_wait_for_it(engine: Engine, tmp_path: Path) -> None:
    ingest_paths(engine, paths=[_jsonl(tmp_path / "a.jsonl", HANDOVER)], source="t", extract=False)
    assert _state(engine) == (1, 0)


@pytest.mark.model
def test_the_next_run_extracts_what_an_earlier_one_left(engine: Engine, tmp_path: Path) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    # a run stopped after storing (as kill -9 between the two leaves it) or told not to extract
    ingest_paths(engine, paths=[_jsonl(tmp_path / "a.jsonl", HANDOVER)], source="t", extract=False)
    report = ingest_paths(engine, paths=[_jsonl(tmp_path / "b.jsonl", OTHER)], source="t")
    assert report.earlier_extracted == 1
    waiting, events = _state(engine)
    assert waiting == 0
    assert events >= 1
    with store.transaction(engine) as session:
        types = set(session.scalars(select(CandidateEvent.event_type)))
    assert "handover-of-territory" in types
    # and never twice: another run, or asking for the pending ones, finds nothing left
    assert extract_pending(engine).earlier_extracted == 0
    ingest_paths(engine, paths=[tmp_path / "a.jsonl"], source="t")
    assert _state(engine) == (0, events)


@pytest.mark.model
def test_extract_pending_on_the_command_line(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    path = _jsonl(tmp_path / "a.jsonl", HANDOVER)
    stored = runner.invoke(app, ["ingest", str(path), "--no-extract", "--db", db_url])
    assert stored.exit_code == 0, stored.output
    done = runner.invoke(app, ["ingest", "--extract-pending", "--db", db_url, "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["earlier_articles_extracted"] == 1
    engine = store.make_engine(db_url)
    assert _state(engine)[0] == 0
    engine.dispose()


def test_ingest_needs_paths_or_extract_pending(db_url: str) -> None:
    result = CliRunner().invoke(app, ["ingest", "--db", db_url])
    assert result.exit_code != 0
    assert "--extract-pending" in result.output
