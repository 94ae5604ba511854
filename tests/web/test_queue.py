"""The work queue over HTTP on both stores: accept, merge into an incident, dismiss with a reason."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ceasefire import db as store
from ceasefire.app import create_app
from ceasefire.incidents.models import Incident, Report
from ceasefire.ingest.models import Article, CandidateEvent
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD, load_scenario, populate
from tests.web.signin import sign_in


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[TestClient, dict[str, int], str]]:
    load_scenario(db_url)
    ids = populate(db_url)
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as client:
        yield client, ids, db_url


def _sign_in(client: TestClient, name: str) -> str:
    return sign_in(client, name, PASSWORD)


def _status(db_url: str, incident_id: int) -> tuple[str, int | None]:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        result = (incident.status, incident.merged_into_id)
    engine.dispose()
    return result


def test_triage_merge_and_dismiss(world: tuple[TestClient, dict[str, int], str]) -> None:
    client, ids, db_url = world
    csrf = _sign_in(client, "monitor-rus")
    page = client.get("/queue").text
    assert 'data-total="2"' in page
    # the news item about Hadrut is proposed as the same as the Hadrut incident
    hadrut, news = ids["ceasefire-violation"], ids["news-hadrut"]
    card = page.split(f'data-candidate="{news}"')[1].split("</article>")[0]
    assert f'href="/incidents/{hadrut}"' in card

    response = client.post(
        f"/queue/{news}", data={"action": "merge", "into": str(hadrut), "csrf_token": csrf}
    )
    assert response.status_code == 200
    assert f"merged into {hadrut}" in response.text
    assert _status(db_url, news) == ("merged", hadrut)

    festival = ids["news-meeting"]
    refused = client.post(
        f"/queue/{festival}", data={"action": "dismiss", "reason": " ", "csrf_token": csrf}
    )
    assert refused.status_code == 422
    assert _status(db_url, festival) == ("candidate", None)
    client.post(
        f"/queue/{festival}",
        data={"action": "dismiss", "reason": "Not about the ceasefire.", "csrf_token": csrf},
    )
    assert _status(db_url, festival) == ("dismissed", None)
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        kept = session.scalars(select(Report).where(Report.title.like("Dismissal%"))).one()
        assert kept.content == b"Not about the ceasefire."
    engine.dispose()
    assert 'data-total="0"' in client.get("/queue").text


def test_a_form_without_the_csrf_token_is_refused(
    world: tuple[TestClient, dict[str, int], str],
) -> None:
    client, ids, db_url = world
    _sign_in(client, "monitor-tur")
    response = client.post(f"/queue/{ids['news-meeting']}", data={"action": "accept"})
    assert response.status_code == 403
    assert _status(db_url, ids["news-meeting"]) == ("candidate", None)


def test_liaisons_have_no_queue(world: tuple[TestClient, dict[str, int], str]) -> None:
    client, _ids, _ = world
    _sign_in(client, "liaison-arm")
    assert client.get("/queue").status_code == 404
    assert not re.search(r'href="/queue"', client.get("/complaints").text)


def test_the_queue_says_why_and_puts_the_most_relevant_first(
    world: tuple[TestClient, dict[str, int], str],
) -> None:
    client, ids, db_url = world
    hadrut, meeting = ids["news-hadrut"], ids["news-meeting"]
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        session.add(Article(
            id="a" * 32, sha256="0" * 64, source="t", origin="o", content_type="text/plain",
            raw=b"x", text="x", published_source="none", received_by="t", minhash=[],
        ))  # fmt: skip
        session.flush()
        for number, (incident, score, area) in enumerate(
            [(hadrut, 0.4, None), (meeting, 0.9, "hadrut")]
        ):
            session.add(CandidateEvent(
                id=f"{number}" * 32, article_id="a" * 32, event_type="armed-clash",
                modality="happened", actors=[], targets=[], sentence="s", span_start=0,
                span_end=1, confidence=0.5, status="proposed", extractor="t",
                incident_id=str(incident), relevant=True, relevance=score,
                relevance_agreement_id="nagorno-karabakh-2020", relevance_area_id=area,
                relevance_reasons=[f"inside: {area}" if area else "actors"],
            ))  # fmt: skip
    engine.dispose()
    _sign_in(client, "monitor-rus")
    page = client.get("/queue").text
    assert page.index(f'data-candidate="{meeting}"') < page.index(f'data-candidate="{hadrut}"')
    card = page.split(f'data-candidate="{meeting}"')[1].split("</article>")[0]
    assert 'data-relevance="0.9"' in card and "area hadrut" in card and "inside: hadrut" in card


def test_what_waits_is_counted_per_origin_and_filtered(
    world: tuple[TestClient, dict[str, int], str],
) -> None:
    client, _ids, _db = world
    _sign_in(client, "monitor-tur")
    page = client.get("/queue").text
    counts = dict(re.findall(r'data-origin="([^"]+)" data-count="(\d+)"', page))
    assert sum(int(n) for n in counts.values()) == 2
    origin, count = next(iter(counts.items()))
    only = client.get(f"/queue?origin={origin}").text
    assert f'data-total="{count}"' in only
    assert only.count("data-candidate=") == int(count)
    assert 'data-total="0"' in client.get("/queue?origin=nowhere").text
