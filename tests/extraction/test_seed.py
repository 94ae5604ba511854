"""The seed article's done-when, read from ../shared/seed/ at run time (skipped when absent)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire import scenarios
from ceasefire.agreements.document import parse_agreement
from ceasefire.cli import app
from ceasefire.extraction.pipeline import extract
from ceasefire.extraction.values import Actor, Event, Extraction, ResolvedDate
from ceasefire.geo.distance import haversine_km
from ceasefire.ingest import candidates, links

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_77c0046b41c2e20f.txt"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared/seed/) is absent"),
]


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract(SEED.read_text(encoding="utf-8"))


def events(seed: Extraction, etype: str) -> list[Event]:
    return [e for e in seed.events if e.type == etype]


def codes(actors: Iterable[Actor]) -> set[tuple[str | None, str | None]]:
    return {(a.country, a.sector) for a in actors}


def test_publication_date_is_found_in_the_article(seed: Extraction) -> None:
    assert seed.published == dt.date(2020, 11, 11)
    assert seed.published_found is True


def test_diplomatic_meeting_of_aliyev_with_turkish_ministers_in_baku(seed: Extraction) -> None:
    meetings = [
        e
        for e in events(seed, "diplomatic-meeting")
        if any(a.name == "Ilham Aliyev" for a in e.actors + e.targets)
    ]
    assert meetings, seed.events
    meeting = meetings[0]
    people = meeting.actors + meeting.targets
    assert ("AZE", "GOV") in codes(people)
    assert ("TUR", "GOV") in codes(people)
    assert meeting.place is not None and meeting.place.name == "Baku"
    assert meeting.date == ResolvedDate("2020-11-10", "day")
    assert meeting.modality == "happened"


def test_agreement_signed_by_azerbaijan_armenia_and_russia(seed: Extraction) -> None:
    signers = [{a.country for a in e.actors + e.targets} for e in events(seed, "agreement")]
    assert any({"AZE", "ARM", "RUS"} <= s for s in signers), signers


def test_russia_deploys_2000_peacekeepers_to_nagorno_karabakh(seed: Extraction) -> None:
    deployments = [e for e in events(seed, "deployment") if ("RUS", "MIL") in codes(e.actors)]
    assert deployments
    d = deployments[0]
    assert d.quantity is not None
    assert d.quantity.value == 2000
    assert d.quantity.unit == "peacekeepers"
    assert d.place is not None and d.place.name == "Nagorno-Karabakh"
    assert d.date == ResolvedDate("2020-11-10", "day")
    # the obligation it bears on is the news channel's to say, from the agreement's file
    document = parse_agreement(scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), "default")
    link = links.link(candidates.facts(d), links.document_targets(document))
    assert link is not None
    assert link.obligation_id == "peacekeeper-deployment"


def test_peaceful_protest_in_armenia(seed: Extraction) -> None:
    assert any(e.place and e.place.country == "ARM" for e in events(seed, "peaceful-protest"))


def test_withdrawal_is_an_obligation_due_at_the_end_of_november(seed: Extraction) -> None:
    due = [
        e
        for e in events(seed, "withdrawal")
        if e.modality == "obligation" and e.date == ResolvedDate("2020-11-30", "day")
    ]
    assert due
    assert not [e for e in events(seed, "withdrawal") if e.modality == "happened"]


@pytest.mark.parametrize(("name", "lat", "lon"), [("Baku", 40.38, 49.89), ("Shusha", 39.76, 46.75)])
def test_places_within_10_km(seed: Extraction, name: str, lat: float, lon: float) -> None:
    place = next(p.place for p in seed.places if p.place.name == name)
    assert haversine_km(place.lat, place.lon, lat, lon) < 10


def test_quotes_attributed_to_aliyev_and_pashinyan(seed: Extraction) -> None:
    speakers = [q.speaker for q in seed.quotes]
    assert speakers.count("Ilham Aliyev") >= 3, speakers
    assert "Nikol Pashinyan" in speakers


def test_nothing_from_the_photo_caption(seed: Extraction) -> None:
    assert "Aksener" not in json.dumps(seed.as_json())
    assert any(b.reason == "caption" for b in seed.boilerplate)


def test_extract_command_prints_the_keys_the_issue_lists() -> None:
    result = CliRunner().invoke(app, ["extract", str(SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"title", "published", "places", "actors", "events", "quotes"} <= set(out)
    assert {"name", "lat", "lon", "country", "geonameid", "kind"} <= set(out["places"][0])
    assert {"text", "name", "country", "sector"} <= set(out["actors"][0])
    assert {"type", "modality", "actors", "targets", "place", "date", "quantity", "sentence",
            "span", "confidence"} <= set(out["events"][0])  # fmt: skip
    assert {"speaker", "text", "span"} <= set(out["quotes"][0])


def test_a_given_publication_date_wins() -> None:
    result = CliRunner().invoke(
        app, ["extract", str(SEED), "--published", "2020-11-12", "--format", "json"]
    )
    out = json.loads(result.stdout)
    assert out["published"] == "2020-11-12"
    assert out["published_found"] is False
    assert dt.date.fromisoformat(out["published"]).weekday() == 3


def test_at_most_ten_events_none_a_protest_by_azerbaijan_or_a_planned_clash(
    seed: Extraction,
) -> None:
    assert len(seed.events) <= 10, [(e.type, e.sentence[:40]) for e in seed.events]
    for e in events(seed, "peaceful-protest"):
        assert "AZE" not in {a.country for a in e.actors}, e
    assert not [e for e in events(seed, "armed-clash") if e.modality == "planned"]
    assert len(events(seed, "agreement")) == 1  # one agreement, told six times
