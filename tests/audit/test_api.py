"""GET /api/v1/audit/head: the head for anyone signed in, nothing for the anonymous public."""

from __future__ import annotations

import pytest

from ceasefire import db as store
from ceasefire.audit import service as audit_service
from tests.world import incident_body, make_world


@pytest.mark.parametrize("who", ["monitor-rus", "liaison-aze"])
def test_signed_in_users_read_the_head(db_url: str, who: str) -> None:
    world = make_world(db_url)
    response = world.client(who).get("/api/v1/audit/head")
    assert response.status_code == 200, response.text
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        head = audit_service.head(session)
    engine.dispose()
    body = response.json()
    assert head.seq > 1  # the agreement, the users and their tokens were recorded
    assert (body["seq"], body["hash"]) == (head.seq, head.hash)
    assert body["time"].endswith("Z")


def test_the_public_is_refused(db_url: str) -> None:
    world = make_world(db_url)
    assert world.client(None).get("/api/v1/audit/head").status_code == 401


def test_changes_made_through_the_api_chain_and_verify(db_url: str) -> None:
    world = make_world(db_url, {"monitor-tur": ("monitor", "TUR")})
    client = world.client("monitor-tur")
    before = client.get("/api/v1/audit/head").json()
    response = client.post("/api/v1/incidents", json=incident_body())
    assert response.status_code in (200, 201), response.text
    after = client.get("/api/v1/audit/head").json()
    assert after["seq"] > before["seq"]
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        verdict = audit_service.verify(session)
        actions = {e.action for e in audit_service.recent(session, limit=5)}
    engine.dispose()
    assert verdict.ok
    assert verdict.head_hash == after["hash"]
    assert any(action.startswith("incident") for action in actions), actions
