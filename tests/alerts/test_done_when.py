"""The issue's done-when, on both stores: the demo's agreement, the clock at 28 November 2020.

The obligation is read from the agreement file (the one handed over on 1 December), never named
in the code under test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, select
from standardwebhooks import Webhook

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.alerts import delivery
from ceasefire.alerts import service as alerts_service
from ceasefire.alerts.models import ChannelKind
from ceasefire.audit.models import AuditEntry
from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.schemas import ComplaintCreate
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.schemas import IncidentCreate
from tests.alerts.receivers import smtp_server, webhook_receiver

PASSWORD = "correct horse battery"
MSK = dt.timezone(dt.timedelta(hours=3))
CLOCK = dt.datetime(2020, 11, 28, 12, 0, tzinfo=MSK)
CFG = alerts_service.base_config(
    deadline_days=3,
    dispute_hours=24,
    complaint_days=7,
    watch_hours=24,
    group_wait=0,
    group_interval=300,
    repeat_interval=4 * 3600,
)


def handed_over_on_1_december() -> str:
    data = yaml.safe_load(scenarios.agreement_file(scenarios.DEFAULT).read_text())
    (obligation,) = [
        o["id"]
        for o in data["obligations"]
        if str(o.get("deadline")) == "2020-12-01" and o["action"] == "hand-over"
    ]
    return obligation


def setup(engine: Engine) -> None:
    with store.transaction(engine) as session:
        agreements_service.load_file(
            session, path=Path(str(scenarios.agreement_file(scenarios.DEFAULT)))
        )
        for name, role, party in (
            ("monitor-tur", "monitor", "TUR"),
            ("liaison-arm", "liaison", "ARM"),
        ):
            accounts_service.create_user(
                session, name=name, role=role, party=party, password=PASSWORD, actor="test"
            )


def run(engine: Engine, now: dt.datetime) -> alerts_service.Outcome:
    with store.transaction(engine) as session:
        outcome = alerts_service.evaluate(session, now=now, cfg=CFG)
    delivery.deliver_due(engine, mail=delivery.Mail("", 0, ""), max_attempts=3, now=lambda: now)
    return outcome


def inbox(engine: Engine, name: str) -> list[dict[str, object]]:
    with store.transaction(engine) as session:
        user = accounts_service.get_user(session, name=name)
        return [d.payload for d in alerts_service.inbox(session, user=user)][::-1]


def audit_actions(engine: Engine) -> list[str]:
    with store.transaction(engine) as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.like("alert-%"))
                .order_by(AuditEntry.seq)
            )
        )


def test_the_deadline_alert_is_raised_once_delivered_repeated_and_resolved(engine: Engine) -> None:
    obligation = handed_over_on_1_december()
    setup(engine)
    secret = alerts_service.new_secret()
    with webhook_receiver() as hook:
        with store.transaction(engine) as session:
            monitor = accounts_service.get_user(session, name="monitor-tur")
            alerts_service.add_channel(
                session,
                user=monitor,
                kind=ChannelKind.WEBHOOK,
                target=hook.url,
                secret=secret,
                server_host="127.0.0.1",
                server_port=8000,
                actor="test",
            )

        first = run(engine, CLOCK)
        key = f"deadline-near:{scenarios.DEFAULT}:{obligation}"
        assert key in first.raised
        assert first.notified == [f"deadline-near:{scenarios.DEFAULT}"]
        (message,) = inbox(engine, "monitor-tur")
        assert [a["key"] for a in message["data"]["alerts"]] == [key]  # type: ignore[index]
        assert inbox(engine, "liaison-arm") == []  # not a liaison's business
        (received,) = hook.received
        verified = Webhook(secret).verify(received.body, received.headers)
        assert verified["data"]["alerts"][0]["subject"] == {"type": "obligation", "id": obligation}
        assert received.headers["webhook-id"].startswith("msg_")

        # an hour later it still holds: not raised again, not repeated yet
        later = run(engine, CLOCK + dt.timedelta(hours=1))
        assert later.raised == [] and later.notified == []
        assert len(inbox(engine, "monitor-tur")) == 1 and len(hook.received) == 1

        # after the repeat interval, one repeat
        repeat = run(engine, CLOCK + dt.timedelta(hours=4, minutes=1))
        assert repeat.raised == [] and repeat.notified == [f"deadline-near:{scenarios.DEFAULT}"]
        assert len(inbox(engine, "monitor-tur")) == 2 and len(hook.received) == 2

        # the handover of 1 December is recorded (the file's observation): resolved once,
        # and not overdue
        after = run(engine, dt.datetime(2020, 12, 2, 0, 30, tzinfo=MSK))
        assert after.resolved == [key]
        assert not [k for k in after.raised if obligation in k]
        last = inbox(engine, "monitor-tur")[-1]
        assert last["data"]["status"] == "resolved"  # type: ignore[index]
        assert json.loads(hook.received[-1].body)["data"]["status"] == "resolved"
        again = run(engine, dt.datetime(2020, 12, 2, 6, 0, tzinfo=MSK))
        assert again.resolved == [] and again.notified == []

    actions = audit_actions(engine)
    assert actions.count("alert-raised") == 1
    assert actions.count("alert-resolved") == 1
    # inbox and webhook, three messages each
    assert actions.count("alert-sent") == 6


def polygon(lon: float, lat: float, half: float = 0.05) -> dict[str, object]:
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_watched_area_alerts_its_owner_for_a_report_inside_not_outside(engine: Engine) -> None:
    setup(engine)
    lon, lat = 46.75, 39.82
    with store.transaction(engine) as session:
        monitor = accounts_service.get_user(session, name="monitor-tur")
        alerts_service.watch_area(session, user=monitor, name="village", geometry=polygon(lon, lat))
        ids = {}
        for where, (x, y) in {"inside": (lon + 0.01, lat), "outside": (lon + 0.5, lat)}.items():
            ids[where] = incidents_service.create_incident(
                session,
                data=IncidentCreate(
                    type="ceasefire-violation",
                    summary=f"shots {where}",
                    occurred="2020-12-11",
                    agreement=scenarios.DEFAULT,
                    latitude=y,
                    longitude=x,
                ),
                actor=monitor,
            ).id
    now = store.utcnow() + dt.timedelta(seconds=1)
    with store.transaction(engine) as session:
        params = CFG.parameters
        firing = [
            f
            for f in alerts_service.holding(session, moment=now, params=params)
            if f.rule == "watched-area"
        ]
    assert [f.subject_id for f in firing] == [str(ids["inside"])]
    run(engine, now)
    (message,) = [
        m
        for m in inbox(engine, "monitor-tur")
        if m["data"]["group"].startswith("watched-area")  # type: ignore[index]
    ]
    assert [a["subject"]["id"] for a in message["data"]["alerts"]] == [str(ids["inside"])]  # type: ignore[index]
    assert inbox(engine, "liaison-arm") == []


def test_a_liaison_hears_only_of_its_own_partys_complaints(engine: Engine) -> None:
    setup(engine)
    with store.transaction(engine) as session:
        accounts_service.create_user(
            session,
            name="liaison-aze",
            role="liaison",
            party="AZE",
            password=PASSWORD,
            actor="test",
        )
    with store.transaction(engine) as session:
        arm = accounts_service.get_user(session, name="liaison-arm")
        complaint = complaints_service.file_complaint(
            session,
            data=ComplaintCreate(
                occurred="2020-11-20",
                place="Hadrut",
                description="shelling",
                agreement=scenarios.DEFAULT,
            ),
            actor=arm,
        )
        complaint_id = complaint.id
    run(engine, store.utcnow() + dt.timedelta(days=8))
    keys = [a["key"] for m in inbox(engine, "liaison-arm") for a in m["data"]["alerts"]]  # type: ignore[index]
    assert f"complaint-unanswered:{complaint_id}" in keys
    assert all(k.startswith("complaint-unanswered:") for k in keys)
    assert inbox(engine, "liaison-aze") == []
    staff_keys = [a["key"] for m in inbox(engine, "monitor-tur") for a in m["data"]["alerts"]]  # type: ignore[index]
    assert f"complaint-unanswered:{complaint_id}" in staff_keys


@pytest.mark.parametrize("fails", [False, True])
def test_an_alert_email_goes_over_smtp_and_a_failing_one_is_retried(
    engine: Engine, fails: bool
) -> None:
    setup(engine)
    with smtp_server() as (port, messages):
        with store.transaction(engine) as session:
            monitor = accounts_service.get_user(session, name="monitor-tur")
            alerts_service.add_channel(
                session,
                user=monitor,
                kind=ChannelKind.EMAIL,
                target="duty@center.example",
                secret="",
                server_host="127.0.0.1",
                server_port=8000,
                actor="test",
            )
            alerts_service.evaluate(session, now=CLOCK, cfg=CFG)
        mail = delivery.Mail("127.0.0.1", 1 if fails else port, "ceasefire@center.example")
        counts = delivery.deliver_due(engine, mail=mail, max_attempts=2, now=lambda: CLOCK)
        if fails:
            assert counts == {"sent": 0, "retrying": 1, "failed": 0}
            assert messages == []
            later = CLOCK + dt.timedelta(minutes=1)
            counts = delivery.deliver_due(engine, mail=mail, max_attempts=2, now=lambda: later)
            assert counts == {"sent": 0, "retrying": 0, "failed": 1}
            assert "alert-delivery-failed" in audit_actions(engine)
            return
        assert counts["sent"] == 1
        (mailed,) = messages
        assert mailed["To"] == "duty@center.example"
        assert handed_over_on_1_december() in mailed.get_payload()  # type: ignore[operator]
