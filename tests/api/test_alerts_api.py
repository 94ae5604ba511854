"""The jobs, alerts and inbox routes on both stores: staff only where the picture is internal,
one's own inbox only."""

from __future__ import annotations

import datetime as dt

from ceasefire import db as store
from ceasefire.alerts import service as alerts_service
from tests.world import make_world

CLOCK = dt.datetime(2020, 11, 28, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
CFG = alerts_service.base_config(
    deadline_days=3,
    dispute_hours=24,
    complaint_days=7,
    watch_hours=24,
    group_wait=0,
    group_interval=300,
    repeat_interval=14400,
)


def test_jobs_and_alerts_for_staff_only_and_each_their_own_inbox(db_url: str) -> None:
    world = make_world(db_url)
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        alerts_service.evaluate(session, now=CLOCK, cfg=CFG)
    engine.dispose()
    staff, liaison, other = (
        world.client("monitor-tur"),
        world.client("liaison-arm"),
        world.client("monitor-rus"),
    )
    assert staff.get("/api/v1/jobs").json() == []
    assert liaison.get("/api/v1/jobs").status_code == 404
    held = staff.get("/api/v1/alerts", params={"as_of": CLOCK.isoformat()}).json()
    assert any(a["rule"] == "deadline-near" for a in held["alerts"])
    assert liaison.get("/api/v1/alerts").status_code == 404
    assert staff.get("/api/v1/alerts", params={"as_of": "2020-11-28"}).status_code == 422
    (message,) = staff.get("/api/v1/inbox").json()
    assert message["data"]["status"] == "firing" and message["acknowledged_at"] is None
    assert liaison.get("/api/v1/inbox").json() == []
    # another's message is not found; one's own is acknowledged with its note
    assert other.post(f"/api/v1/inbox/{message['id']}/ack", json={"note": "x"}).status_code == 404
    done = staff.post(f"/api/v1/inbox/{message['id']}/ack", json={"note": "seen, calling"}).json()
    assert done["note"] == "seen, calling" and done["acknowledged_by"] == "monitor-tur"
    assert world.client(None).get("/api/v1/inbox").status_code == 401
