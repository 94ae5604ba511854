"""Ingest routes each article by its language, on both stores: a Russian or Armenian article is
stored as received with its language and encoding, and, without a reader of its language, marked
"not read" and kept out of the queue; the command line and the API say so."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.cli import app as cli_app
from ceasefire.extraction import languages
from ceasefire.incidents.models import Incident
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.ingest.service import extract_pending, ingest_paths
from tests.ingest.test_proposals import load_agreement

RUSSIAN = (
    "Бюллетень Министерства обороны\n\n"
    "За прошедшие сутки зафиксировано два нарушения режима прекращения огня в Мартунинском "
    "районе. Российские миротворцы продолжают выполнять задачи в Нагорном Карабахе, "
    "патрулирование осуществлялось по четырём маршрутам."
)
ARMENIAN = (
    "Պաշտպանության նախարարության հաղորդագրություն\n\n"
    "Ադրբեջանական զինուժը խախտել է հրադադարի ռեժիմը Մարտունու շրջանում։ Ռուս "
    "խաղաղապահները շարունակում են պարեկությունը։"
)
ENGLISH = (
    "Ceasefire violated near Aghdam\n\n"
    "Azerbaijani army units entered the Aghdam district on Friday after it was handed over by "
    "Armenia under the November agreement, the defence ministry said."
)


def files(tmp_path: Path) -> dict[str, Path]:
    root = tmp_path / "in"
    root.mkdir()
    raw = {"ru": RUSSIAN.encode("cp1251"), "hy": ARMENIAN.encode("utf-8")}
    paths = {}
    for code, data in raw.items():
        paths[code] = root / f"{code}.txt"
        paths[code].write_bytes(data)
    return paths


def test_articles_in_languages_without_a_reader_are_stored_and_not_read(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine) as session:  # so that an event would reach the queue
        load_agreement(session)
    paths = files(tmp_path)
    report = ingest_paths(
        engine, paths=list(paths.values()), source="test", published=dt.date(2020, 12, 12)
    )
    assert not report.failed, report.problems
    assert report.stored == 2
    unread = [c for c in paths if c not in languages.READERS]
    assert report.not_read == len(unread)
    with store.transaction(engine) as session:
        rows = {Path(a.origin).stem: a for a in session.scalars(select(Article))}
        events: dict[str, int] = {}
        for event in session.scalars(select(CandidateEvent)):
            events[event.article_id] = events.get(event.article_id, 0) + 1
        incidents = session.scalar(select(Incident.id).limit(1))
    for code, path in paths.items():
        row = rows[code]
        assert row.raw == path.read_bytes()  # kept as received, cp1251 and all
        assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (row.language, row.reading) == (code, languages.reading(code))
        assert row.language_confidence is not None and row.language_confidence > 0.9
        assert row.extracted_at is not None
    assert (rows["ru"].encoding, rows["hy"].encoding) == ("cp1251", "utf-8")
    assert rows["ru"].text.startswith("Бюллетень")
    for code in unread:
        assert rows[code].reading == f"not read: no reader for {code}"
        assert events.get(rows[code].id, 0) == 0  # nothing in the queue
    if unread == list(paths):
        assert incidents is None


def test_an_article_stored_without_extracting_is_marked_when_extracted(
    engine: Engine, tmp_path: Path
) -> None:
    path = files(tmp_path)["hy"]
    ingest_paths(engine, paths=[path], source="test", extract=False)
    with store.transaction(engine) as session:
        row = session.scalars(select(Article)).one()
        assert (row.language, row.reading, row.extracted_at) == ("hy", None, None)
    report = extract_pending(engine)
    assert report.earlier_extracted == 1
    with store.transaction(engine) as session:
        row = session.scalars(select(Article)).one()
        assert row.reading == languages.reading("hy")
        assert row.extracted_at is not None


def test_an_article_stored_before_languages_gets_its_language_when_extracted(
    engine: Engine,
) -> None:
    raw = ARMENIAN.encode()
    with store.transaction(engine) as session:
        session.add(Article(
            id=uuid.uuid4().hex, sha256=hashlib.sha256(raw).hexdigest(), source="test",
            origin="old.txt", content_type="text/plain", raw=raw, text=ARMENIAN,
            published_source="none", received_by="test", minhash=[],
        ))  # fmt: skip
    extract_pending(engine)
    with store.transaction(engine) as session:
        row = session.scalars(select(Article)).one()
        assert (row.language, row.reading, row.encoding) == ("hy", languages.reading("hy"), None)


@pytest.mark.model
def test_an_english_article_beside_them_is_read_by_the_english_pipeline(
    engine: Engine, tmp_path: Path
) -> None:
    paths = files(tmp_path)
    english = tmp_path / "in" / "en.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    report = ingest_paths(engine, paths=[*paths.values(), english], source="test",
                          published=dt.date(2020, 11, 21))  # fmt: skip
    assert report.candidate_events >= 1
    with store.transaction(engine) as session:
        row = session.scalars(select(Article).where(Article.origin == str(english))).one()
        assert (row.language, row.reading) == ("en", "read")
        kinds = {e.event_type for e in session.scalars(select(CandidateEvent))
                 if e.article_id == row.id}  # fmt: skip
    assert "handover-of-territory" in kinds


def test_extract_says_the_language_and_that_it_is_not_read(tmp_path: Path) -> None:
    path = files(tmp_path)["hy"]
    out = CliRunner().invoke(cli_app, ["extract", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.output)
    assert result["language"] == "hy" and result["language_confidence"] > 0.9
    assert result["reading"] == languages.reading("hy")
    if "hy" not in languages.READERS:
        assert result["events"] == [] and result["places"] == []
        table = CliRunner().invoke(cli_app, ["extract", str(path), "--format", "table"])
        assert "language hy (1.00): not read: no reader for hy" in table.output


@pytest.mark.model
def test_extract_language_overrides_the_detection(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    out = CliRunner().invoke(cli_app, ["extract", str(path), "--language", "tr"])
    result = json.loads(out.output)
    assert (result["language"], result["language_confidence"]) == ("tr", 1.0)
    if "tr" not in languages.READERS:
        assert result["reading"] == "not read: no reader for tr" and result["events"] == []
    read = json.loads(CliRunner().invoke(cli_app, ["extract", str(path)]).output)
    assert (read["language"], read["reading"]) == ("en", "read") and read["events"]


@pytest.mark.parametrize("code", ["english", "e", "р", "12"])
def test_extract_refuses_a_language_that_is_not_a_code(tmp_path: Path, code: str) -> None:
    path = files(tmp_path)["hy"]
    out = CliRunner().invoke(cli_app, ["extract", str(path), "--language", code])
    assert out.exit_code != 0
    assert "--language" in out.output


def test_extract_refuses_mojibake_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_text(RUSSIAN.encode().decode("cp1251"), encoding="utf-8")
    out = CliRunner().invoke(cli_app, ["extract", str(path)])
    assert out.exit_code == 1
    assert str(path) in out.output and "mojibake" in out.output


@pytest.mark.model
def test_english_articles_among_others_are_batched_in_workers_each_to_its_own_events(
    engine: Engine, tmp_path: Path
) -> None:
    places = [
        "Aghdam",
        "Lachin",
        "Kalbajar",
        "Shusha",
        "Goris",
        "Barda",
        "Tartar",
        "Ganja",
        "Fuzuli",
    ]
    root = tmp_path / "mixed"
    root.mkdir()
    for number, place in enumerate(places):
        (root / f"{number:02d}-en.txt").write_text(
            f"Report {number}\n\nRussian peacekeepers deployed {10 + number} servicemen to {place} "
            "on Tuesday, the defence ministry said.",
            encoding="utf-8",
        )
        if number % 3 == 0:  # the others between them, in the order of the files
            (root / f"{number:02d}-hy.txt").write_text(
                ARMENIAN.replace("Մարտունու", f"N{number}"), encoding="utf-8"
            )
    report = ingest_paths(engine, paths=[root], source="test", processes=2,
                          published=dt.date(2020, 11, 21))  # fmt: skip
    assert not report.failed, report.problems
    with store.transaction(engine) as session:
        rows = list(session.scalars(select(Article)))
        events = list(session.scalars(select(CandidateEvent)))
    assert len(rows) == len(places) + 3
    by_article: dict[str, list[CandidateEvent]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    for row in rows:
        mine = by_article.get(row.id, [])
        if row.language == "en":
            assert mine, row.origin
            assert all(e.sentence in row.text for e in mine), row.origin
        elif row.language not in languages.READERS:
            assert mine == [] and row.reading == languages.reading(row.language or "und")
