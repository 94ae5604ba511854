"""From extracted events to incidents, on both stores: candidate incidents in the queue with the
article as their news report, matching events attached to the incident already there, obligations
linked pending verification, never a finding."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.extraction.values import Event, ExtractedPlace, ResolvedDate
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentReport, Report
from ceasefire.ingest import candidates as candidates_service
from ceasefire.ingest import proposals
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.ingest.service import ingest_paths
from tests.ingest.reports import AGHDAM_HANDED_OVER, write_jsonl

AGREEMENT = scenarios.DEFAULT
AGHDAM = {"lat": 39.99, "lon": 46.93}


def load_agreement(session: Session) -> None:
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    agreements_service.store_document(session, document=document, source_name=AGREEMENT)


def article(session: Session | None = None, *, raw: bytes = b"Aghdam was handed over.") -> Article:
    row = Article(
        id=uuid.uuid4().hex, sha256=hashlib.sha256(raw).hexdigest(), source="test", origin="a.txt",
        url="http://example.org/a", title="Aghdam", content_type="text/plain", raw=raw,
        text=raw.decode(), published=dt.datetime(2020, 11, 20, tzinfo=dt.UTC),
        published_source="given", received_by="test", minhash=[],
        received_at=dt.datetime(2020, 11, 21, tzinfo=dt.UTC),
    )  # fmt: skip
    if session is not None:
        session.add(row)
        session.flush()
    return row


def candidate(article_id: str, **overrides: Any) -> CandidateEvent:
    values: dict[str, Any] = {
        "id": uuid.uuid4().hex, "article_id": article_id, "event_type": "handover-of-territory",
        "modality": "happened", "actors": [{"text": "Armenia", "name": "Armenia",
                                             "country": "ARM", "sector": "GOV"}],
        "targets": [], "place_name": "Aghdam", "lat": AGHDAM["lat"], "lon": AGHDAM["lon"],
        "place_country": "AZE", "geonameid": 148565, "date_value": "2020-11-20",
        "date_precision": "day", "quantity": None, "sentence": "Aghdam was handed over.",
        "span_start": 0, "span_end": 23, "confidence": 0.8, "agreement_id": AGREEMENT,
        "obligation_id": "return-aghdam", "status": "proposed", "extractor": "test",
    }  # fmt: skip
    values.update(overrides)
    return CandidateEvent(**values)


def extracted_event(**fields: Any) -> Event:
    """An event as the extraction gives it, with plain defaults for what a test leaves out."""
    values: dict[str, Any] = {
        "type": "handover-of-territory", "modality": "happened",
        "sentence": "Aghdam was handed over.", "span": (0, 23), "trigger": "handed over",
        "confidence": 0.8,
    }  # fmt: skip
    return Event(**{**values, **fields})


# --- pure: which events propose what -------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "effect"),
    [
        ("handover-of-territory", "fulfils"),
        ("withdrawal", "fulfils"),
        ("deployment", "fulfils"),
        ("exchange-of-detainees", "fulfils"),
        ("ceasefire-violation", "breaches"),
        ("shelling-artillery-missile-attack", "breaches"),
        ("armed-clash", "breaches"),
        ("corridor-obstruction", "breaches"),
    ],
)
def test_effect_on_obligation(event_type: str, effect: str) -> None:
    assert proposals.effect_on_obligation(event_type) == effect


@pytest.mark.parametrize(
    ("overrides", "proposed"),
    [
        ({}, True),
        ({"modality": "alleged"}, True),
        ({"modality": "denied"}, False),
        ({"modality": "planned"}, False),
        ({"modality": "obligation"}, False),
        ({"event_type": "natural-disaster"}, False),  # not an incident type
        ({"date_value": None}, True),  # the publication day stands in
    ],
)
def test_which_events_propose_an_incident(overrides: dict[str, Any], proposed: bool) -> None:
    source = article()
    data = proposals.incident_data(
        candidate(source.id, **overrides), article=source, agreement_known=True
    )
    assert (data is not None) is proposed
    if data is not None:
        assert data.origin == "news"
        assert data.occurred == "2020-11-20"
        assert [(o.obligation, o.effect) for o in data.obligations] == [
            ("return-aghdam", "fulfils")
        ]


def test_no_agreement_in_store_means_no_obligation_link() -> None:
    source = article()
    data = proposals.incident_data(candidate(source.id), article=source, agreement_known=False)
    assert data is not None
    assert data.agreement is None
    assert data.obligations == []


# --- on both stores ------------------------------------------------------------------------------


def test_events_become_candidate_incidents_with_the_article_as_report(session: Session) -> None:
    load_agreement(session)
    source = article(session)
    rows = [
        candidate(source.id),
        candidate(source.id, modality="planned", event_type="withdrawal"),
    ]
    session.add_all(rows)
    session.flush()
    counts = proposals.propose_incidents(session, article_id=source.id, rows=rows, actor="ingest")
    assert counts == {"proposed": 1, "attached": 0}
    assert rows[1].incident_id is None and rows[1].status == "proposed"
    incident = session.get(Incident, int(rows[0].incident_id or 0))
    assert incident is not None
    assert (incident.status, incident.finding, incident.origin) == ("candidate", "pending", "news")
    assert incident.type == "handover-of-territory"
    assert [(x.obligation_id, x.effect) for x in incidents_service.links(
        session, incident_id=incident.id)] == [("return-aghdam", "fulfils")]  # fmt: skip
    (report_id,) = incidents_service.report_ids(session, incident_id=incident.id)
    report = session.get(Report, report_id)
    assert report is not None
    assert (report.channel, report.content, report.source) == (
        "news",
        b"Aghdam was handed over.",
        "http://example.org/a",
    )


def test_the_same_event_again_is_attached_as_one_more_report(session: Session) -> None:
    load_agreement(session)
    first, second = article(session), article(session, raw=b"Agdam handed over, Baku said.")
    one, two = candidate(first.id), candidate(second.id, lat=40.0, lon=46.92, place_name="Agdam")
    session.add_all([one, two])
    session.flush()
    proposals.propose_incidents(session, article_id=first.id, rows=[one], actor="ingest")
    counts = proposals.propose_incidents(session, article_id=second.id, rows=[two], actor="ingest")
    assert counts == {"proposed": 0, "attached": 1}
    assert two.status == "attached"
    assert two.incident_id == one.incident_id
    assert len(session.scalars(select(Incident)).all()) == 1
    links = session.scalars(select(IncidentReport)).all()
    assert len(links) == 2
    # a different type at the same place and day is another incident
    three = candidate(second.id, event_type="ceasefire-violation", obligation_id=None)
    session.add(three)
    session.flush()
    proposals.propose_incidents(session, article_id=second.id, rows=[three], actor="ingest")
    assert three.incident_id not in (None, one.incident_id)
    # one report per article, however many incidents it backs
    assert len(session.scalars(select(Report)).all()) == 2


@pytest.mark.model
def test_ingest_proposes_incidents_from_articles(engine: Engine, tmp_path: Path) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    path = write_jsonl(tmp_path / "two.jsonl", AGHDAM_HANDED_OVER)
    outcome = ingest_paths(engine, paths=[path], source="test")
    assert outcome.incidents_proposed >= 1
    assert outcome.reports_attached >= 1
    with store.transaction(engine) as session:
        handovers = [
            e for e in session.scalars(select(CandidateEvent)) if e.event_type == "handover-of-territory"
        ]  # fmt: skip
        assert len(handovers) == 2
        assert handovers[0].incident_id is not None
        assert handovers[0].incident_id == handovers[1].incident_id
        incident = session.get(Incident, int(handovers[0].incident_id))
        assert incident is not None
        assert incident.status == "candidate" and incident.finding == "pending"
        # one country code from the gazetteer to the incident: ISO 3166-1 alpha-3
        assert [h.place_country for h in handovers] == ["AZE", "AZE"]
        assert incident.country == "AZE"
        assert {x.obligation_id for x in incidents_service.links(
            session, incident_id=incident.id)} == {"return-aghdam"}  # fmt: skip
        reports = [session.get(Report, r) for r in incidents_service.report_ids(
            session, incident_id=incident.id)]  # fmt: skip
        raw = {a.id: a.raw for a in session.scalars(select(Article))}
        assert sorted(r.content for r in reports if r) == sorted(raw.values())
        assert all(r is not None and r.channel == "news" for r in reports)


def test_close_events_of_one_article_make_one_incident(session: Session) -> None:
    load_agreement(session)
    source = article(session)
    rows = [
        candidate(source.id),
        candidate(source.id, place_name="Aghdam district", lat=AGHDAM["lat"] + 0.02),  # ~2 km
        candidate(source.id, place_name="Baku", lat=40.41, lon=49.87),
        candidate(source.id),  # the very same event twice
    ]
    session.add_all(rows)
    session.flush()
    counts = proposals.propose_incidents(session, article_id=source.id, rows=rows, actor="ingest")
    assert counts == {"proposed": 2, "attached": 2}
    assert rows[0].incident_id == rows[1].incident_id == rows[3].incident_id != rows[2].incident_id
    assert [r.status for r in rows] == ["proposed", "attached", "proposed", "attached"]
    assert len(session.scalars(select(IncidentReport)).all()) == 2  # one report, two incidents


@pytest.mark.parametrize(
    ("event", "linked"),
    # One rule for "the same event" (issue 9), the incident store's `matching.is_close`: related
    # types (one ACLED event type), at most a day apart, within 10 km. It replaced a rule of its
    # own for the news (the same type, the same day, within 25 km): a report 20 km away is now
    # another event, a withdrawal where a handover was reported and a report dated the next day
    # are now the same one.
    [
        ({"type": "handover-of-territory", "modality": "happened", "north_km": 8}, True),
        ({"type": "handover-of-territory", "modality": "happened", "north_km": 20}, False),
        ({"type": "handover-of-territory", "modality": "happened", "north_km": 30}, False),
        ({"type": "handover-of-territory", "modality": "alleged", "north_km": 0}, False),
        ({"type": "withdrawal", "modality": "happened", "north_km": 0}, True),
        ({"type": "ceasefire-violation", "modality": "happened", "north_km": 0}, False),
        ({"type": "handover-of-territory", "modality": "happened", "day": "2020-11-21"}, True),
        ({"type": "handover-of-territory", "modality": "happened", "day": "2020-11-23"}, False),
        ({"type": "handover-of-territory", "modality": "happened", "no_place": True}, False),
    ],
)
def test_an_event_reported_again_by_another_article_names_the_first(
    session: Session, event: dict[str, Any], linked: bool
) -> None:
    first = article(session)
    earlier = candidate(first.id)
    session.add(earlier)
    session.flush()
    place = ExtractedPlace("Aghdam", AGHDAM["lat"] + event.get("north_km", 0) / 111.0,
                           AGHDAM["lon"], "AZE", 148565, "city")  # fmt: skip
    extracted = extracted_event(
        type=event["type"], modality=event["modality"],
        place=None if event.get("no_place") else place,
        date=ResolvedDate(event.get("day", "2020-11-20"), "day"),
    )  # fmt: skip
    second = article(session, raw=b"Agdam handed over, Baku said.")
    found = candidates_service.same_events(
        session, events=[extracted, dataclasses.replace(extracted, place=None)],
        article_id=second.id,
    )  # fmt: skip
    assert found == [earlier.id if linked else None, None]
    # never the article's own events
    assert candidates_service.same_events(session, events=[extracted], article_id=first.id) == [
        None
    ]


@pytest.mark.parametrize(
    ("changes", "linked"),
    [
        ({}, True),
        ({"sentence": "Aghdam  was handed\\nover."}, True),  # the same words, spaced otherwise
        ({"sentence": "Kalbajar was handed over."}, False),
        ({"modality": "alleged"}, False),
        ({"type": "withdrawal"}, False),
    ],
)
def test_a_copy_of_an_article_reports_the_same_events_even_without_a_place(
    session: Session, changes: dict[str, str], linked: bool
) -> None:
    first = article(session)
    earlier = candidate(first.id, place_name=None, lat=None, lon=None, date_value=None)
    session.add(earlier)
    session.flush()
    copy = article(session, raw=b"Aghdam was handed over. (copy)")
    event = extracted_event(**{k: v.replace("\\n", "\n") for k, v in changes.items()})
    found = candidates_service.same_events(
        session, events=[event], article_id=copy.id, repeats=first.id
    )
    assert found == [earlier.id if linked else None]
    # not a copy: without a place, nothing says it is the same event
    assert candidates_service.same_events(session, events=[event], article_id=copy.id) == [None]
