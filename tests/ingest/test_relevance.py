"""Relevance: an event is about a loaded agreement by its time, place and actors (a case table on
plain values), and only those reach the queue (on both stores, with the real model where the
articles of ../shared/eval and ../shared/seed are read)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from ceasefire import db as store
from ceasefire.agreements.document import parse_agreement
from ceasefire.geo.areas import AreaShape
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.ingest import links, relevance
from ceasefire.ingest.models import CandidateEvent
from ceasefire.ingest.proposals import promote_candidate
from ceasefire.ingest.readers import RawArticle
from ceasefire.ingest.service import ingest_articles
from ceasefire.scenarios import agreement_file
from tests.ingest.test_proposals import AGREEMENT, load_agreement

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[10, 10], [10.5, 10], [10.5, 10.5], [10, 10.5], [10, 10]]],
}
SCOPE = relevance.AgreementScope(
    id="pact",
    starts=dt.date(2020, 6, 1),
    ends=dt.date(2021, 5, 31),
    conflict_parties=frozenset({"AAA", "BBB"}),
    monitoring_parties=frozenset({"MMM"}),
    areas=(relevance.AreaScope("zone", frozenset({"green valley"}), AreaShape(SQUARE)),),
    region=(9.9, 9.9, 10.6, 10.6),
)
LINK = links.Link("pact", "stop-fire", links.Effect.BREACHES, links.Match.REGION)


def event(
    *, lat: float | None = None, lon: float | None = None, kind: str = "city", name: str = "Town",
    sentence: str = "", countries: frozenset[str] = frozenset(),
) -> links.EventFacts:  # fmt: skip
    return links.EventFacts(
        type="armed-clash", sentence=sentence, place_name=name if lat is not None else None,
        lat=lat, lon=lon, place_kind=kind if lat is not None else None, countries=countries,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "date", "link", "agreement", "first_reason"),
    [
        (event(lat=10.2, lon=10.2), (None, None), None, "pact", "inside: zone"),
        (event(lat=10.2, lon=10.65), (None, None), None, "pact", "near: zone"),
        (event(sentence="Shots in the Green Valley."), (None, None), None, "pact", "named: zone"),
        (event(lat=10.2, lon=10.2), ("2019-01-05", "day"), None, None, relevance.NOT_ABOUT_ANY),
        (event(lat=10.2, lon=10.2), ("2020-05-10", "day"), None, "pact", "inside: zone"),
        (event(lat=10.2, lon=10.2), ("2021", "year"), None, "pact", "inside: zone"),
        (event(lat=40.0, lon=20.0), (None, None), LINK, None, relevance.NOT_ABOUT_ANY),
        (event(lat=40.0, lon=20.0, countries=frozenset({"AAA"})), (None, None), LINK, None,
         relevance.NOT_ABOUT_ANY),
        (event(lat=1.0, lon=1.0, kind="country", countries=frozenset({"AAA"})), (None, None),
         LINK, "pact", "actors"),
        (event(countries=frozenset({"AAA"})), (None, None), LINK, "pact", "actors"),
        (event(countries=frozenset({"AAA"})), (None, None), None, None, relevance.NOT_ABOUT_ANY),
        (event(countries=frozenset({"MMM"})), (None, None), LINK, None, relevance.NOT_ABOUT_ANY),
        (event(), (None, None), None, None, relevance.NOT_ABOUT_ANY),
    ],
)  # fmt: skip
def test_relevance_by_time_place_and_actors(
    facts: links.EventFacts,
    date: tuple[str | None, str | None],
    link: links.Link | None,
    agreement: str | None,
    first_reason: str,
) -> None:
    found = relevance.score(facts, [SCOPE], date=date, link=link)
    assert found.agreement_id == agreement
    assert found.reasons[0] == first_reason
    assert (found.score > 0) == (agreement is not None)


def test_the_score_orders_by_fit_obligation_and_period() -> None:
    named = relevance.score(event(sentence="the Green Valley"), [SCOPE],
                            date=("2020-07-01", "day"), link=LINK)  # fmt: skip
    near = relevance.score(event(lat=10.2, lon=10.65), [SCOPE])
    assert named.score == 1.0 and named.obligation_id == "stop-fire"
    assert "within the period" in named.reasons
    assert near.score == 0.8


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2020-11-10", "day", (dt.date(2020, 11, 10), dt.date(2020, 11, 10))),
        ("2020-W46", "week", (dt.date(2020, 11, 9), dt.date(2020, 11, 15))),
        ("2020-02", "month", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
        ("2020", "year", (dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
        ("PRESENT_REF", "reference", None),
        ("196X", "decade", None),
        (None, None, None),
    ],
)
def test_date_range(
    value: str | None, precision: str | None, expected: tuple[dt.date, dt.date] | None
) -> None:
    assert relevance.date_range(value, precision) == expected


def test_period_ends_with_the_longest_term_unless_one_renews() -> None:
    start = dt.date(2020, 11, 10)
    assert relevance._period_end(start, [{"months": 60, "renewal_months": 60}]) is None
    assert relevance._period_end(start, [{"months": 6}, None]) == dt.date(2021, 5, 31)
    assert relevance._period_end(start, [None]) is None


def test_scopes_read_from_the_store(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
        (scope,) = relevance.agreement_scopes(session)
    document = parse_agreement(agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    assert scope.id == document.id
    conflict = {code for code, p in document.parties.items() if "conflict" in p["roles"]}
    assert scope.conflict_parties == conflict
    assert scope.monitoring_parties == set(document.monitoring_parties)
    assert {a.id for a in scope.areas} == {a.id for a in document.areas}
    assert scope.ends is None  # a term that renews itself


def _in_queue(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return int(session.scalar(
            select(func.count()).select_from(Incident)
            .where(Incident.status == IncidentStatus.CANDIDATE.value)
        ) or 0)  # fmt: skip


def _article(text: str, origin: str) -> RawArticle:
    return RawArticle(origin=origin, raw=text.encode(), text=text, content_type="text/plain")


@pytest.mark.slow
def test_an_event_elsewhere_is_stored_unrelated_and_can_be_promoted(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    text = "Clashes in Brisbane\n\nGunmen attacked a bus in Brisbane on 3 May 2021, police said.\n"
    report = ingest_articles(engine, articles=[_article(text, "a.txt")], source="test",
                             published=dt.date(2021, 5, 4), processes=1)  # fmt: skip
    assert report.candidate_events >= 1
    assert report.incidents_proposed == 0
    with store.transaction(engine) as session:
        rows = list(session.scalars(select(CandidateEvent)))
        assert rows and not any(r.relevant for r in rows)
        assert rows[0].relevance_reasons == [relevance.NOT_ABOUT_ANY]
        counts = promote_candidate(session, candidate_id=rows[0].id, actor="monitor")
    assert counts["proposed"] == 1
    assert _in_queue(engine) == 1


EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _eval_articles() -> list[RawArticle]:
    out = []
    for name in ("GWN.xml", "TR-News.xml"):
        root = ET.parse(EVAL / "geoparsing" / name).getroot()
        for index, node in enumerate(root.iter("article")):
            text_node = node.find("text")
            text = (text_node.text or "") if text_node is not None else ""
            out.append(_article(text, f"{name}#{index}"))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "geoparsing" / "GWN.xml").exists(), reason="no shared eval data")
def test_ordinary_news_puts_at_most_five_candidates_in_the_queue(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    articles = _eval_articles()
    assert len(articles) == 318
    report = ingest_articles(engine, articles=articles, source="eval")
    assert report.candidate_events > 100  # events are found, and stored
    assert _in_queue(engine) <= 5


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="the seed article (../shared/seed/) is absent")
def test_the_seed_article_still_reaches_the_queue(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    articles = [_article(p.read_text(encoding="utf-8"), p.name) for p in sorted(SEED.iterdir())]
    ingest_articles(engine, articles=articles, source="seed", processes=1)
    assert _in_queue(engine) >= 1


def test_an_event_without_a_place_is_about_the_agreement_its_article_places() -> None:
    areas = relevance.article_areas([("Somewhere", 10.2, 10.2, "village")], [SCOPE])
    assert areas == {"pact": "zone"}
    found = relevance.score(event(), [SCOPE], article=areas)
    assert found.agreement_id == "pact" and found.reasons[0] == "article: zone"
    elsewhere = relevance.score(event(lat=40.0, lon=20.0), [SCOPE], article=areas)
    assert not elsewhere.relevant
    assert relevance.article_areas([("Paris", 48.8, 2.3, "city")], [SCOPE]) == {}


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "bulletins" / "cases.json").exists(), reason="no shared eval data")
def test_the_karabakh_bulletins_reach_the_queue(engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_agreement(session)
    cases = [c for c in json.loads((EVAL / "bulletins" / "cases.json").read_text("utf-8"))
             if c["id"].startswith("nk-")]  # fmt: skip
    for case in cases:
        ingest_articles(engine, articles=[_article(case["text"], case["id"])], source="bulletins",
                        published=dt.date.fromisoformat(case["published"]), processes=1)  # fmt: skip
    assert _in_queue(engine) >= len(cases)
