"""The alert rules: plain values in, the alerts that hold at a moment out (no database).

Each alert has a stable key (rule and object), so evaluating twice gives the same alerts, and a
group key: alerts of one group travel in one message (five new reports in one watched area are
one notification). Who may see an alert is its audience (`routing`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ceasefire.compliance.rows import ComplianceRow, Status


class Rule(StrEnum):
    DEADLINE_NEAR = "deadline-near"
    OVERDUE = "overdue"
    LIMIT_BREACHED = "limit-breached"
    DISPUTE_WAITING = "dispute-waiting"
    COMPLAINT_UNANSWERED = "complaint-unanswered"
    FINDING_PUBLISHED = "finding-published"
    WATCHED_AREA = "watched-area"
    DIVERGENCE = "divergence"


class Audience(StrEnum):
    """Who may receive an alert: the monitoring parties' staff; the staff and the liaisons of
    the alert's party; or only the user who owns what the alert is about (a watched area)."""

    STAFF = "staff"
    PARTY = "party"
    OWNER = "owner"


@dataclass(frozen=True)
class Firing:
    """One alert that holds: `key` is stable across evaluations, `group` gathers its like."""

    rule: Rule
    key: str
    group: str
    subject_type: str
    subject_id: str
    summary: str
    audience: Audience = Audience.STAFF
    party: str | None = None
    owner: int | None = None


@dataclass(frozen=True)
class Parameters:
    """The rules' parameters (the center's settings, overridden by the alert rules file)."""

    deadline_days: float = 3.0
    dispute_hours: float = 24.0
    complaint_days: float = 7.0
    watch_hours: float = 24.0
    #: only these obligations for the obligation rules (None: every obligation)
    obligations: frozenset[str] | None = None
    disabled: frozenset[Rule] = frozenset()

    def on(self, rule: Rule) -> bool:
        return rule not in self.disabled


@dataclass(frozen=True)
class Dispute:
    """An incident whose joint finding is disputed, waiting for the co-heads since `since`."""

    incident_id: int
    since: dt.datetime


@dataclass(frozen=True)
class OpenComplaint:
    complaint_id: int
    party: str
    filed_at: dt.datetime


@dataclass(frozen=True)
class PublishedFinding:
    """A complaint answered by an incident whose finding is published (confirmed or rejected)."""

    complaint_id: int
    party: str
    incident_id: int
    finding: str
    at: dt.datetime


@dataclass(frozen=True)
class Area:
    """A user's watched area as a shape (a polygon, or a disc around a place)."""

    id: int
    owner: int
    name: str
    shape: BaseGeometry


@dataclass
class Points:
    """Incidents as columns: ids, positions and when each was recorded (seconds since epoch)."""

    ids: np.ndarray
    lons: np.ndarray
    lats: np.ndarray
    recorded: np.ndarray

    @classmethod
    def of(cls, rows: Iterable[tuple[int, float, float, dt.datetime]]) -> Points:
        items = list(rows)
        return cls(
            np.array([r[0] for r in items], dtype=np.int64),
            np.array([r[1] for r in items], dtype=np.float64),
            np.array([r[2] for r in items], dtype=np.float64),
            np.array([r[3].timestamp() for r in items], dtype=np.float64),
        )


@dataclass(frozen=True)
class Divergence:
    """A fork of the audit record or a divergence reported by a witness or a mirror (the hook:
    the witness code hands these in; until it exists the list is empty)."""

    reporter: str
    head: str
    summary: str


@dataclass(frozen=True)
class Facts:
    """Everything the rules look at, for one agreement."""

    agreement: str
    rows: Sequence[ComplianceRow] = ()
    disputes: Sequence[Dispute] = ()
    complaints: Sequence[OpenComplaint] = ()
    published: Sequence[PublishedFinding] = ()
    areas: Sequence[Area] = ()
    points: Points | None = None
    divergences: Sequence[Divergence] = field(default_factory=tuple)


def _hours(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 3600


def obligation_alerts(
    agreement: str, rows: Iterable[ComplianceRow], moment: dt.datetime, p: Parameters
) -> list[Firing]:
    """Deadline near and not fulfilled; overdue; a standing obligation's limit breached."""
    near = dt.timedelta(days=p.deadline_days)
    out: list[Firing] = []
    for row in rows:
        if p.obligations is not None and row.obligation not in p.obligations:
            continue
        rule: Rule | None = None
        summary = ""
        if row.status is Status.PENDING and row.deadline is not None:
            # the deadline's period (its day, for a date) begins within N days
            if moment < row.deadline.end and row.deadline.start <= moment + near:
                rule = Rule.DEADLINE_NEAR
                left = _hours(row.deadline.end - moment) / 24
                summary = f"{row.obligation}: deadline {row.deadline.label} in {left:.1f} days, not fulfilled"
        elif row.status is Status.OVERDUE:
            rule, summary = Rule.OVERDUE, f"{row.obligation}: overdue ({row.reason})"
        elif row.status is Status.BREACHED:
            rule, summary = Rule.LIMIT_BREACHED, f"{row.obligation}: breached ({row.reason})"
        if rule is None or not p.on(rule):
            continue
        out.append(
            Firing(
                rule,
                f"{rule}:{agreement}:{row.obligation}",
                f"{rule}:{agreement}",
                "obligation",
                row.obligation,
                summary,
            )
        )
    return out


def dispute_alerts(
    agreement: str, disputes: Iterable[Dispute], moment: dt.datetime, p: Parameters
) -> list[Firing]:
    if not p.on(Rule.DISPUTE_WAITING):
        return []
    return [
        Firing(
            Rule.DISPUTE_WAITING,
            f"{Rule.DISPUTE_WAITING}:{d.incident_id}",
            f"{Rule.DISPUTE_WAITING}:{agreement}",
            "incident",
            str(d.incident_id),
            f"incident {d.incident_id}: disputed, waiting for the co-heads "
            f"{_hours(moment - d.since):.0f} hours",
        )
        for d in disputes
        if _hours(moment - d.since) >= p.dispute_hours
    ]


def complaint_alerts(
    agreement: str, complaints: Iterable[OpenComplaint], moment: dt.datetime, p: Parameters
) -> list[Firing]:
    if not p.on(Rule.COMPLAINT_UNANSWERED):
        return []
    return [
        Firing(
            Rule.COMPLAINT_UNANSWERED,
            f"{Rule.COMPLAINT_UNANSWERED}:{c.complaint_id}",
            f"{Rule.COMPLAINT_UNANSWERED}:{agreement}:{c.party}",
            "complaint",
            str(c.complaint_id),
            f"complaint {c.complaint_id} of {c.party}: unanswered after "
            f"{_hours(moment - c.filed_at) / 24:.1f} days",
            Audience.PARTY,
            c.party,
        )
        for c in complaints
        if _hours(moment - c.filed_at) >= p.complaint_days * 24
    ]


def published_alerts(
    agreement: str, published: Iterable[PublishedFinding], moment: dt.datetime, p: Parameters
) -> list[Firing]:
    """A finding on a complaint was published: news for the complaining party, for a while."""
    if not p.on(Rule.FINDING_PUBLISHED):
        return []
    window = dt.timedelta(hours=p.watch_hours)
    return [
        Firing(
            Rule.FINDING_PUBLISHED,
            f"{Rule.FINDING_PUBLISHED}:{f.complaint_id}:{f.incident_id}",
            f"{Rule.FINDING_PUBLISHED}:{agreement}:{f.party}",
            "complaint",
            str(f.complaint_id),
            f"complaint {f.complaint_id} of {f.party}: finding {f.finding} published "
            f"on incident {f.incident_id}",
            Audience.PARTY,
            f.party,
        )
        for f in published
        if f.at <= moment < f.at + window
    ]


def area_alerts(
    areas: Iterable[Area], points: Points | None, moment: dt.datetime, p: Parameters
) -> list[Firing]:
    """Incidents recorded in the last `watch_hours` inside each watched area; one group per
    area, so five new reports there are one message."""
    if points is None or not p.on(Rule.WATCHED_AREA) or len(points.ids) == 0:
        return []
    end = moment.timestamp()
    recent = (points.recorded > end - p.watch_hours * 3600) & (points.recorded <= end)
    ids, lons, lats = points.ids[recent], points.lons[recent], points.lats[recent]
    out: list[Firing] = []
    for area in areas:
        minx, miny, maxx, maxy = area.shape.bounds
        box = (lons >= minx) & (lons <= maxx) & (lats >= miny) & (lats <= maxy)
        if not box.any():
            continue
        inside = shapely.intersects_xy(area.shape, lons[box], lats[box])
        for incident_id in ids[box][inside]:
            out.append(
                Firing(
                    Rule.WATCHED_AREA,
                    f"{Rule.WATCHED_AREA}:{area.id}:{int(incident_id)}",
                    f"{Rule.WATCHED_AREA}:{area.id}",
                    "incident",
                    str(int(incident_id)),
                    f"incident {int(incident_id)}: new in watched area {area.name}",
                    Audience.OWNER,
                    None,
                    area.owner,
                )
            )
    return out


def divergence_alerts(divergences: Iterable[Divergence], p: Parameters) -> list[Firing]:
    if not p.on(Rule.DIVERGENCE):
        return []
    return [
        Firing(
            Rule.DIVERGENCE,
            f"{Rule.DIVERGENCE}:{d.reporter}:{d.head}",
            f"{Rule.DIVERGENCE}",
            "audit-head",
            d.head,
            f"{d.reporter} reports a divergence of the record: {d.summary}",
        )
        for d in divergences
    ]


def evaluate(facts: Facts, moment: dt.datetime, p: Parameters) -> list[Firing]:
    """Every alert that holds at `moment`, in a stable order (by key)."""
    firing = [
        *obligation_alerts(facts.agreement, facts.rows, moment, p),
        *dispute_alerts(facts.agreement, facts.disputes, moment, p),
        *complaint_alerts(facts.agreement, facts.complaints, moment, p),
        *published_alerts(facts.agreement, facts.published, moment, p),
        *area_alerts(facts.areas, facts.points, moment, p),
        *divergence_alerts(facts.divergences, p),
    ]
    unique = {f.key: f for f in firing}
    return [unique[k] for k in sorted(unique)]
