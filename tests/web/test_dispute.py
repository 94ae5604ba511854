"""The co-head dispute view over HTTP on both stores: assessments differ, the co-heads decide."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ceasefire.app import create_app
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD, load_scenario, populate
from tests.web.signin import sign_in


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[str, dict[str, int]]]:
    load_scenario(db_url)
    return db_url, populate(db_url)


def _client(db_url: str, name: str) -> tuple[TestClient, str]:
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    client = TestClient(app)
    return client, sign_in(client, name, PASSWORD)


def _finding(page: str) -> str:
    return page.split('data-finding="')[1].split('"')[0]


def test_a_dispute_goes_to_the_co_heads_and_dissent_stays_visible(
    world: tuple[str, dict[str, int]],
) -> None:
    db_url, ids = world
    incident = ids["armed-clash"]
    for name, verdict in (("monitor-tur", "confirmed"), ("monitor-rus", "not-confirmed")):
        client, csrf = _client(db_url, name)
        client.post(
            f"/incidents/{incident}/assessment",
            data={"verdict": verdict, "rationale": f"{name} judged so.", "csrf_token": csrf},
        )
    monitor, _ = _client(db_url, "monitor-tur")
    page = monitor.get(f"/incidents/{incident}").text
    assert _finding(page) == "disputed"
    assert 'id="decision-form"' not in page  # monitors do not decide disputes

    for name in ("cohead-tur", "cohead-rus"):
        client, csrf = _client(db_url, name)
        page = client.get(f"/incidents/{incident}").text
        assert 'id="decision-form"' in page
        assert f"{name.split('-')[1].upper()}&#39;s co-head decision" in page
        client.post(
            f"/incidents/{incident}/decision",
            data={
                "verdict": "confirmed",
                "rationale": "Video reviewed jointly.",
                "csrf_token": csrf,
            },
        )
    page = monitor.get(f"/incidents/{incident}").text
    assert _finding(page) == "confirmed"
    # the Russian monitor's dissenting assessment is still shown beside the decision
    rus = page.split('data-party="RUS"')[1].split("</article>")[0]
    assert "not-confirmed" in rus
    assert "Co-head decision" in rus
    # and the audit record of the incident lists every step
    for action in ("incident-created", "assessment-recorded", "co-head-decision-recorded"):
        assert f'data-audit="{action}"' in page


def test_a_monitor_cannot_write_the_other_partys_assessment(
    world: tuple[str, dict[str, int]],
) -> None:
    db_url, ids = world
    client, csrf = _client(db_url, "monitor-tur")
    refused = client.post(
        f"/incidents/{ids['armed-clash']}/assessment",
        data={"verdict": "confirmed", "rationale": "x", "party": "RUS", "csrf_token": csrf},
    )
    page = client.get(f"/incidents/{ids['armed-clash']}").text
    # the form has no party field: the assessment is always the signed-in user's own party's
    assert refused.status_code == 303 or refused.status_code == 200
    rus = page.split('data-party="RUS"')[1].split("</article>")[0]
    assert "not assessed yet" in rus


def test_a_liaison_sees_a_published_finding_but_never_the_assessments(
    world: tuple[str, dict[str, int]],
) -> None:
    db_url, ids = world
    incident = ids["ceasefire-violation"]
    for name in ("monitor-tur", "monitor-rus"):
        client, csrf = _client(db_url, name)
        client.post(
            f"/incidents/{incident}/assessment",
            data={"verdict": "confirmed", "rationale": "Internal reasoning.", "csrf_token": csrf},
        )
    liaison, _ = _client(db_url, "liaison-arm")
    page = liaison.get(f"/incidents/{incident}")
    assert page.status_code == 200
    assert _finding(page.text) == "confirmed"
    assert "Internal reasoning." not in page.text
    assert 'class="card assessment"' not in page.text
    assert "data-report=" not in page.text
    assert 'id="assessment-form"' not in page.text
    listing = liaison.get("/incidents").text
    assert 'data-total="1"' in listing
