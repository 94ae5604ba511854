"""Ingest on both stores: kept as received, duplicates skipped, near-duplicates linked, problems
reported while the run goes on; extraction proposes candidate events (model tests marked)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.cli import app
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.ingest.service import ingest_paths
from tests.ingest.reports import AGHDAM_HANDED_OVER, write_jsonl
from tests.ingest.test_proposals import load_agreement

BODY = "Army enters district\n\nPublished: November 20, 2020\n\n" + " ".join(
    f"Paragraph {i} says that the units moved slowly along the mined mountain road and that "
    "residents watched the long column pass the old bridge near the village school."
    for i in range(12)
)


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(BODY, encoding="utf-8")
    (root / "same.txt").write_text(BODY, encoding="utf-8")
    (root / "near.txt").write_text(BODY.replace("Paragraph 7", "Section 7"), encoding="utf-8")
    (root / "broken.jsonl").write_text('{"text": "A short note about a patrol."}\n{oops\n')
    (root / "notes.bin").write_bytes(b"\x00")
    return root


def test_ingest_keeps_articles_as_received(engine: Engine, tmp_path: Path) -> None:
    root = folder(tmp_path)
    report = ingest_paths(engine, paths=[root], source="test", extract=False)
    assert (report.stored, report.near_duplicates, report.duplicates) == (2, 1, 1)
    assert report.failed
    assert sorted(Path(p.file).name for p in report.problems) == ["broken.jsonl", "notes.bin"]
    with store.transaction(engine) as session:
        rows = {Path(a.origin.split("#")[0]).name: a for a in session.scalars(select(Article))}
    original = rows["a.txt"]
    assert original.raw == BODY.encode()
    assert original.sha256 == hashlib.sha256(BODY.encode()).hexdigest()
    assert original.published is not None
    assert original.published.date().isoformat() == "2020-11-20"
    assert original.published_source == "found"
    assert rows["near.txt"].near_duplicate_of == original.id
    assert rows["near.txt"].similarity is not None
    assert rows["near.txt"].similarity >= 0.8
    assert rows["broken.jsonl"].published_source == "none"
    # a second run finds everything already there
    again = ingest_paths(engine, paths=[root], source="test", extract=False)
    assert (again.stored, again.near_duplicates, again.duplicates) == (0, 0, 4)


def test_given_publication_date_wins(engine: Engine, tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    ingest_paths(
        engine, paths=[path], source="test", published=dt.date(2020, 11, 21), extract=False
    )
    with store.transaction(engine) as session:
        article = session.scalars(select(Article)).one()
    assert article.published_source == "given"
    assert article.published is not None
    assert article.published.day == 21


def test_cli_exit_code_says_whether_anything_failed(db_url: str, tmp_path: Path) -> None:
    root = folder(tmp_path)
    runner = CliRunner()
    failed = runner.invoke(
        app, ["ingest", str(root), "--no-extract", "--db", db_url, "--format", "json"]
    )
    assert failed.exit_code == 1
    summary = json.loads(failed.stdout)
    assert summary["stored"] == 2
    assert len(summary["problems"]) == 2
    clean = runner.invoke(app, ["ingest", str(root / "a.txt"), "--no-extract", "--db", db_url])
    assert clean.exit_code == 0, clean.output
    assert "identical skipped 1" in clean.stdout


@pytest.mark.model
def test_extraction_proposes_candidate_events_linked_to_obligations(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine) as session:  # links go to the obligations of loaded agreements
        load_agreement(session)
    path = tmp_path / "aghdam.jsonl"
    path.write_text(json.dumps({
        "url": "http://example.org/aghdam", "title": "Army enters Aghdam", "published": "2020-11-20",
        "text": "Azerbaijani army units entered the Aghdam district on Friday after it was handed "
                "over by Armenia under the November agreement.",
    }) + "\n", encoding="utf-8")  # fmt: skip
    report = ingest_paths(engine, paths=[path], source="test")
    assert report.candidate_events >= 1
    assert not report.failed
    with store.transaction(engine) as session:
        events = list(session.scalars(select(CandidateEvent)))
    handover = [e for e in events if e.event_type == "handover-of-territory"]
    assert handover, [(e.event_type, e.sentence) for e in events]
    event = handover[0]
    assert event.obligation_id == "return-aghdam"
    assert event.agreement_id == "nagorno-karabakh-2020"
    assert event.status == "proposed"
    assert event.incident_id is not None  # a candidate incident in the queue (test_proposals)
    assert event.place_name == "Aghdam"
    assert event.date_value == "2020-11-20"
    assert event.sentence in path.read_text()


@pytest.mark.model
def test_the_same_event_from_another_article_is_linked(engine: Engine, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "two.jsonl", AGHDAM_HANDED_OVER)
    ingest_paths(engine, paths=[path], source="test")
    with store.transaction(engine) as session:
        handovers = [
            e for e in session.scalars(select(CandidateEvent).order_by(CandidateEvent.created_at))
            if e.event_type == "handover-of-territory"
        ]  # fmt: skip
    assert len(handovers) == 2, [(e.sentence, e.date_value, e.place_name) for e in handovers]
    first, second = handovers
    assert first.same_as is None
    assert second.same_as == first.id
