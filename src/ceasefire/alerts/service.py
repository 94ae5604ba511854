"""Alerts from what is stored: gather the facts, evaluate the rules, keep each alert from raised
to resolved, run the groups' timers and queue their deliveries; the inbox and its acknowledgement.

Every alert raised, sent, acknowledged and resolved is written to the audit record in the
transaction that does it."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.alerts import checks, config, routing, rules, timers
from ceasefire.alerts.models import (
    Alert,
    AlertChannel,
    AlertDelivery,
    AlertGroup,
    ChannelKind,
    DeliveryStatus,
    WatchedArea,
)
from ceasefire.alerts.rules import Firing, Parameters
from ceasefire.alerts.timers import Timers
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.complaints.models import Complaint
from ceasefire.complaints.schemas import ComplaintStatus
from ceasefire.compliance import service as compliance_service
from ceasefire.errors import NotFoundError
from ceasefire.incidents.models import Finding, Incident, IncidentStatus, is_published
from ceasefire.settings import Settings
from ceasefire.verification.models import Assessment

SYSTEM = "alerts"
EVALUATION_LOCK_KEY = 0x616C_6572_7473  # "alerts"


def base_config(
    *,
    deadline_days: float,
    dispute_hours: float,
    complaint_days: float,
    watch_hours: float,
    group_wait: float,
    group_interval: float,
    repeat_interval: float,
) -> config.AlertConfig:
    """The rules' parameters and timers from the center's settings (each checked)."""
    for name, value in (
        ("alert_deadline_days", deadline_days),
        ("alert_dispute_hours", dispute_hours),
        ("alert_complaint_days", complaint_days),
        ("alert_watch_hours", watch_hours),
    ):
        checks.check_interval(name, value)
    return config.AlertConfig(
        Parameters(deadline_days, dispute_hours, complaint_days, watch_hours),
        Timers.of_seconds(
            group_wait=group_wait,
            group_interval=group_interval,
            repeat_interval=repeat_interval,
            source="alert_",
        ),
    )


def load_config(
    session: Session, *, base: config.AlertConfig, path: Path | None
) -> config.AlertConfig:
    """`base` with the alert rules file over it (obligations checked against the registry)."""
    if path is None:
        return base
    known = {
        o.id
        for a in agreements_service.list_agreements(session)
        for o in agreements_service.obligations(session, agreement_id=a.id)
    }
    return config.parse(
        path.read_text(encoding="utf-8"), source=str(path), base=base, obligations=known
    )


def settings_config(session: Session, settings: Settings) -> config.AlertConfig:
    """The rules' parameters and timers of the center: its settings, then its rules file."""
    base = base_config(
        deadline_days=settings.alert_deadline_days,
        dispute_hours=settings.alert_dispute_hours,
        complaint_days=settings.alert_complaint_days,
        watch_hours=settings.alert_watch_hours,
        group_wait=settings.alert_group_wait_seconds,
        group_interval=settings.alert_group_interval_seconds,
        repeat_interval=settings.alert_repeat_interval_seconds,
    )
    return load_config(session, base=base, path=settings.alert_rules_file)


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


# --- facts ---------------------------------------------------------------------------------------


def _disputes(session: Session, agreement_id: str) -> list[rules.Dispute]:
    rows = session.execute(
        select(Incident.id, func.max(Assessment.recorded_at), Incident.updated_at)
        .outerjoin(Assessment, Assessment.incident_id == Incident.id)
        .where(
            Incident.agreement_id == agreement_id,
            Incident.finding == Finding.DISPUTED.value,
            Incident.status == IncidentStatus.OPEN.value,
        )
        .group_by(Incident.id, Incident.updated_at)
    ).all()
    return [rules.Dispute(i, since or updated) for i, since, updated in rows]


def _complaints(
    session: Session, agreement_id: str
) -> tuple[list[rules.OpenComplaint], list[rules.PublishedFinding]]:
    open_ = [
        rules.OpenComplaint(c.id, c.party, c.filed_at)
        for c in session.scalars(
            select(Complaint).where(
                Complaint.agreement_id == agreement_id,
                Complaint.status.in_(
                    [ComplaintStatus.RECEIVED.value, ComplaintStatus.UNDER_REVIEW.value]
                ),
            )
        )
    ]
    published = [
        rules.PublishedFinding(c.id, c.party, i.id, i.finding, c.updated_at)
        for c, i in session.execute(
            select(Complaint, Incident)
            .join(Incident, Incident.id == Complaint.incident_id)
            .where(
                Complaint.agreement_id == agreement_id,
                Complaint.status == ComplaintStatus.ANSWERED.value,
            )
        ).all()
        if is_published(i.finding)
    ]
    return open_, published


def _areas(session: Session) -> list[rules.Area]:
    out = []
    for area in session.scalars(select(WatchedArea).order_by(WatchedArea.id)):
        if area.geometry is not None:
            shape = checks.polygon(area.geometry)
        else:
            assert area.center_lon is not None
            assert area.center_lat is not None
            shape = checks.disc(area.center_lon, area.center_lat, area.radius_km or 0)
        out.append(rules.Area(area.id, area.user_id, area.name, shape))
    return out


def _points(session: Session, moment: dt.datetime, watch_hours: float) -> rules.Points:
    rows = session.execute(
        select(
            Incident.id,
            (Incident.min_lon + Incident.max_lon) / 2,
            (Incident.min_lat + Incident.max_lat) / 2,
            Incident.created_at,
        ).where(
            Incident.min_lon.is_not(None),
            Incident.status.not_in([IncidentStatus.MERGED.value, IncidentStatus.DISMISSED.value]),
            Incident.created_at > moment - dt.timedelta(hours=watch_hours),
            Incident.created_at <= moment,
        )
    ).all()
    return rules.Points.of((i, float(x or 0), float(y or 0), t) for i, x, y, t in rows)


def holding(session: Session, *, moment: dt.datetime, params: Parameters) -> list[Firing]:
    """Every alert that holds at `moment`, over every loaded agreement (nothing is written)."""
    firing: dict[str, Firing] = {}
    for agreement in agreements_service.list_agreements(session):
        _, rows = compliance_service.compliance(session, agreement_id=agreement.id, as_of=moment)
        open_, published = _complaints(session, agreement.id)
        facts = rules.Facts(
            agreement.id,
            rows=rows,
            disputes=_disputes(session, agreement.id),
            complaints=open_,
            published=published,
        )
        firing.update((f.key, f) for f in rules.evaluate(facts, moment, params))
    areas = _areas(session)
    if areas:
        points = _points(session, moment, params.watch_hours)
        firing.update((f.key, f) for f in rules.area_alerts(areas, points, moment, params))
    return [firing[k] for k in sorted(firing)]


def firing_json(f: Firing) -> dict[str, Any]:
    return {
        "rule": f.rule.value,
        "key": f.key,
        "group": f.group,
        "subject": {"type": f.subject_type, "id": f.subject_id},
        "summary": f.summary,
        "audience": f.audience.value,
        "party": f.party,
        "owner": f.owner,
    }


# --- evaluation with timers ----------------------------------------------------------------------


@dataclass
class Outcome:
    raised: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    notified: list[str] = field(default_factory=list)  # group keys
    deliveries: int = 0


def _event(
    session: Session, name: str, obj: str, oid: object, payload: dict[str, Any], actor: str = SYSTEM
) -> None:
    emit(session, DomainEvent(name, actor, obj, str(oid), payload))


def _serialise(session: Session) -> None:
    """One evaluation at a time, whichever worker runs it: two at once would both see an alert
    as new and raise it twice. PostgreSQL: a transaction-scoped advisory lock; SQLite: its write
    lock, taken first by a write that changes nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVALUATION_LOCK_KEY})
    else:
        session.execute(text("UPDATE alert_groups SET key = key WHERE 1 = 0"))


def evaluate(session: Session, *, now: dt.datetime, cfg: config.AlertConfig) -> Outcome:
    """Raise what newly holds, resolve what stopped holding, notify the groups that are due.
    Call it inside one transaction: it all commits, with its audit entries, or nothing does."""
    _serialise(session)
    out = Outcome()
    firing = {f.key: f for f in holding(session, moment=now, params=cfg.parameters)}
    active = {a.key: a for a in session.scalars(select(Alert).where(Alert.resolved_at.is_(None)))}
    for key, f in firing.items():
        if key in active:
            continue
        alert = Alert(
            key=key,
            rule=f.rule.value,
            group_key=f.group,
            subject_type=f.subject_type,
            subject_id=f.subject_id,
            party=f.party,
            owner_id=f.owner,
            summary=f.summary,
            started_at=now,
        )
        session.add(alert)
        session.flush()
        active[key] = alert
        out.raised.append(key)
        _event(
            session,
            "alert-raised",
            "alert",
            alert.id,
            {
                "key": key,
                "rule": f.rule.value,
                "subject": f"{f.subject_type}:{f.subject_id}",
                "summary": f.summary,
            },
        )
    for key in [k for k in active if k not in firing]:
        alert = active.pop(key)
        alert.resolved_at = now
        out.resolved.append(key)
        _event(session, "alert-resolved", "alert", alert.id, {"key": key, "rule": alert.rule})
    session.flush()
    by_group: dict[str, list[Alert]] = defaultdict(list)
    for alert in active.values():
        by_group[alert.group_key].append(alert)
    groups = {g.key: g for g in session.scalars(select(AlertGroup))}
    for key in by_group:
        if key not in groups:
            groups[key] = AlertGroup(key=key, created_at=now, last_sent_at=None, sent_keys=[])
            session.add(groups[key])
    users = list(session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)))
    channels: dict[int, list[AlertChannel]] = defaultdict(list)
    for channel in session.scalars(select(AlertChannel).order_by(AlertChannel.id)):
        channels[channel.user_id].append(channel)
    for key, group in sorted(groups.items()):
        holding_now = by_group.get(key, [])
        keys = {a.key for a in holding_now}
        state = timers.GroupState(group.created_at, group.last_sent_at, frozenset(group.sent_keys))
        if not timers.due(state, keys, now, cfg.timers):
            continue
        gone = sorted(set(group.sent_keys) - keys)
        resolved = _last_resolved(session, gone)
        out.deliveries += _notify(session, key, holding_now, resolved, users, channels, now)
        out.notified.append(key)
        group.last_sent_at = now
        group.sent_keys = sorted(keys)
        if not keys:
            session.delete(group)
    session.flush()
    return out


def _last_resolved(session: Session, keys: Sequence[str]) -> list[Alert]:
    if not keys:
        return []
    latest: dict[str, Alert] = {}
    for alert in session.scalars(
        select(Alert).where(Alert.key.in_(keys), Alert.resolved_at.is_not(None)).order_by(Alert.id)
    ):
        latest[alert.key] = alert
    return [latest[k] for k in keys if k in latest]


def _alert_json(alert: Alert) -> dict[str, Any]:
    return {
        "key": alert.key,
        "rule": alert.rule,
        "status": "resolved" if alert.resolved_at else "firing",
        "subject": {"type": alert.subject_type, "id": alert.subject_id},
        "summary": alert.summary,
        "started_at": alert.started_at.isoformat(),
        "resolved_at": alert.resolved_at.isoformat() if alert.resolved_at else None,
    }


def _notify(
    session: Session,
    group_key: str,
    holding_now: list[Alert],
    resolved: list[Alert],
    users: list[User],
    channels: dict[int, list[AlertChannel]],
    now: dt.datetime,
) -> int:
    count = 0
    for user in users:
        visible = [
            a
            for a in sorted(holding_now, key=lambda a: a.key) + resolved
            if routing.may_receive(user, _Addressed(a))
        ]
        if not visible:
            continue
        message_id = f"msg_{uuid.uuid4().hex}"
        payload = {
            "type": "alerts.notification",
            "timestamp": now.isoformat(),
            "data": {
                "group": group_key,
                "status": "firing" if any(a.resolved_at is None for a in visible) else "resolved",
                "alerts": [_alert_json(a) for a in visible],
            },
        }
        inbox = AlertDelivery(
            message_id=message_id,
            group_key=group_key,
            user_id=user.id,
            channel=ChannelKind.INBOX.value,
            payload=payload,
            status=DeliveryStatus.SENT.value,
            attempts=1,
            created_at=now,
            sent_at=now,
        )
        session.add(inbox)
        rows = [inbox]
        for channel in channels.get(user.id, []):
            rows.append(
                AlertDelivery(
                    message_id=message_id,
                    group_key=group_key,
                    user_id=user.id,
                    channel=channel.kind,
                    channel_id=channel.id,
                    payload=payload,
                    status=DeliveryStatus.PENDING.value,
                    created_at=now,
                    next_attempt_at=now,
                )
            )
            session.add(rows[-1])
        session.flush()
        for row in rows:
            if row.status == DeliveryStatus.SENT.value:
                _sent_event(session, row)
        count += len(rows)
    return count


@dataclass(frozen=True)
class _Addressed:
    alert: Alert

    @property
    def audience(self) -> str:
        if self.alert.owner_id is not None:
            return rules.Audience.OWNER.value
        return rules.Audience.PARTY.value if self.alert.party else rules.Audience.STAFF.value

    @property
    def party(self) -> str | None:
        return self.alert.party

    @property
    def owner(self) -> int | None:
        return self.alert.owner_id


def _sent_event(session: Session, row: AlertDelivery) -> None:
    data = row.payload["data"]
    _event(
        session,
        "alert-sent",
        "alert-delivery",
        row.id,
        {
            "message_id": row.message_id,
            "channel": row.channel,
            "user_id": row.user_id,
            "group": row.group_key,
            "keys": [a["key"] for a in data["alerts"]],
            "status": data["status"],
        },
    )


# --- deliveries ----------------------------------------------------------------------------------


def due_deliveries(session: Session, *, now: dt.datetime, limit: int = 100) -> list[AlertDelivery]:
    return list(
        session.scalars(
            select(AlertDelivery)
            .where(
                AlertDelivery.status == DeliveryStatus.PENDING.value,
                AlertDelivery.next_attempt_at <= now,
            )
            .order_by(AlertDelivery.id)
            .limit(limit)
        )
    )


def record_attempt(
    session: Session,
    *,
    delivery_id: int,
    error: str | None,
    now: dt.datetime,
    max_attempts: int,
    backoff: dt.timedelta = dt.timedelta(seconds=30),
) -> AlertDelivery:
    """The outcome of one attempt: sent (audited), or a retry later with a doubled wait, or
    failed after `max_attempts` (audited)."""
    row = session.get_one(AlertDelivery, delivery_id)
    row.attempts += 1
    if error is None:
        row.status, row.sent_at, row.last_error = DeliveryStatus.SENT.value, now, ""
        session.flush()
        _sent_event(session, row)
        return row
    row.last_error = error[:2000]
    if row.attempts >= max_attempts:
        row.status = DeliveryStatus.FAILED.value
        _event(
            session,
            "alert-delivery-failed",
            "alert-delivery",
            row.id,
            {"channel": row.channel, "attempts": row.attempts, "error": row.last_error},
        )
    else:
        row.next_attempt_at = now + backoff * (2 ** (row.attempts - 1))
    session.flush()
    return row


# --- inbox, watched areas, channels ---------------------------------------------------------------


def inbox(session: Session, *, user: User, limit: int = 200) -> list[AlertDelivery]:
    return list(
        session.scalars(
            select(AlertDelivery)
            .where(
                AlertDelivery.user_id == user.id, AlertDelivery.channel == ChannelKind.INBOX.value
            )
            .order_by(AlertDelivery.id.desc())
            .limit(limit)
        )
    )


def unread(session: Session, *, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(AlertDelivery)
            .where(
                AlertDelivery.user_id == user_id,
                AlertDelivery.channel == ChannelKind.INBOX.value,
                AlertDelivery.acknowledged_at.is_(None),
            )
        )
        or 0
    )


def acknowledge(
    session: Session, *, delivery_id: int, user: User, note: str, now: dt.datetime
) -> AlertDelivery:
    """Acknowledge one inbox message of `user`'s with a note (another's is not found)."""
    row = session.get(AlertDelivery, delivery_id)
    if row is None or row.user_id != user.id or row.channel != ChannelKind.INBOX.value:
        raise NotFoundError(f"no inbox message {delivery_id}")
    if row.acknowledged_at is None:
        row.acknowledged_at, row.acknowledged_by, row.note = now, user.name, note.strip()[:2000]
        session.flush()
        _event(
            session,
            "alert-acknowledged",
            "alert-delivery",
            row.id,
            {"note": row.note, "keys": [a["key"] for a in row.payload["data"]["alerts"]]},
            actor=user.name,
        )
    return row


def watch_area(
    session: Session,
    *,
    user: User,
    name: str,
    geometry: dict[str, Any] | None = None,
    center: tuple[float, float] | None = None,
    radius_km: float | None = None,
) -> WatchedArea:
    """A watched area of `user`: a polygon, or a centre (lon, lat) and a radius in km."""
    if not name.strip():
        raise checks.FieldError("name", "a watched area needs a name")
    if geometry is not None:
        checks.polygon(geometry)
        area = WatchedArea(user_id=user.id, name=name.strip(), geometry=geometry)
    elif center is not None and radius_km is not None:
        checks.disc(center[0], center[1], radius_km)
        area = WatchedArea(
            user_id=user.id,
            name=name.strip(),
            center_lon=center[0],
            center_lat=center[1],
            radius_km=radius_km,
        )
    else:
        raise checks.FieldError("geometry", "give a polygon, or a centre and a radius")
    session.add(area)
    session.flush()
    _event(
        session,
        "area-watched",
        "watched-area",
        area.id,
        {"user": user.name, "name": area.name},
        actor=user.name,
    )
    return area


def add_channel(
    session: Session,
    *,
    user: User,
    kind: ChannelKind,
    target: str,
    secret: str,
    server_host: str,
    server_port: int,
    actor: str,
) -> AlertChannel:
    if kind is ChannelKind.WEBHOOK:
        target = checks.webhook_url(target, server_host=server_host, server_port=server_port)
        if not secret.startswith("whsec_"):
            raise checks.FieldError("secret", "expected a Standard Webhooks secret (whsec_...)")
    elif kind is ChannelKind.EMAIL:
        target = checks.email_address(target)
    else:
        raise checks.FieldError("kind", "the inbox needs no channel; expected webhook or email")
    channel = AlertChannel(user_id=user.id, kind=kind.value, target=target, secret=secret)
    session.add(channel)
    session.flush()
    _event(
        session,
        "alert-channel-added",
        "alert-channel",
        channel.id,
        {"user": user.name, "kind": kind.value, "target": target},
        actor=actor,
    )
    return channel
