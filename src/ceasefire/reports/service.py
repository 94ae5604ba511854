"""Gathering a daily report: what happened in the period, as the center knew it at a moment.

The period runs from the previous day's cut-off to this day's. The report is built only from what
was recorded by its `known_at` moment (incidents, assessments and co-head decisions recorded by
then, complaint status changes in the audit record up to then, the audit head then), which the
report states; so it can be rebuilt later byte for byte (`known_at` given again), and each
monitoring party can produce it independently and compare before signing."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ceasefire import __version__
from ceasefire.agreements import service as agreements_service
from ceasefire.audit import service as audit_service
from ceasefire.audit.chain import format_time
from ceasefire.audit.models import AuditEntry
from ceasefire.complaints.models import Complaint
from ceasefire.complaints.schemas import ComplaintStatus
from ceasefire.compliance import service as compliance_service
from ceasefire.db import utcnow
from ceasefire.force import daily as force_daily
from ceasefire.incidents.models import Finding, Incident, IncidentStatus
from ceasefire.reports import record
from ceasefire.reports.period import Period, parse_cutoff, report_period
from ceasefire.verification.history import KnownFindings, findings_known_at

FORMAT = "ceasefire-daily-report/1"
_GONE = (IncidentStatus.MERGED.value, IncidentStatus.DISMISSED.value)
_OPEN_COMPLAINT = (ComplaintStatus.RECEIVED.value, ComplaintStatus.UNDER_REVIEW.value)


def daily_report(
    session: Session,
    *,
    agreement_id: str,
    day: dt.date,
    cutoff: str,
    known_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The report of `day` for an agreement with the period ending at `cutoff` (HH:MM in the
    agreement's zone), from what was recorded by `known_at` (default: now)."""
    known = (known_at or utcnow()).astimezone(dt.UTC)
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    period = report_period(day, parse_cutoff(cutoff), ZoneInfo(agreement.timezone))
    area_names = {
        a.id: a.name for a in agreements_service.areas(session, agreement_id=agreement_id)
    }
    verdicts = findings_known_at(session, agreement=agreement, known_at=known)
    _, compliance_rows = compliance_service.compliance(
        session, agreement_id=agreement_id, as_of=period.end, known_at=known
    )
    incidents = _incidents(session, agreement_id, period, known)
    recorded = _known_incidents(session, agreement_id, known)
    until = min(period.end, known)
    changed = [
        i for i in recorded if verdicts.finding(i.id, period.start) != verdicts.finding(i.id, until)
    ]
    in_findings = {i.id: i for i in [*incidents, *changed]}
    head = audit_service.head_at(session, moment=known)
    return {
        "format": FORMAT,
        "generator": f"ceasefire {__version__}",
        "agreement": {
            "id": agreement.id,
            "title": agreement.title,
            "timezone": agreement.timezone,
            "monitoring_parties": list(agreement.monitoring_parties),
            "rule": agreement.verification_rule,
        },
        "date": day.isoformat(),
        "cutoff": cutoff,
        "period": {"from": format_time(period.start), "to": format_time(period.end)},
        "known_at": format_time(known),
        "incidents": {
            "count": len(incidents),
            "by_type": dict(sorted(Counter(i.type for i in incidents).items())),
            "by_district": dict(
                sorted(Counter(_district(i, area_names) for i in incidents).items())
            ),
            "items": [_incident_json(i, area_names, verdicts) for i in incidents],
        },
        "findings": [_finding_json(i, verdicts) for i in sorted(in_findings.values(), key=_order)],
        "open_disputes": [
            {**_finding_json(i, verdicts), "summary": i.summary}
            for i in recorded
            if verdicts.finding(i.id) is Finding.DISPUTED
        ],
        "complaints": _complaints(session, agreement_id, period, known),
        "compliance": compliance_service.compliance_json(
            compliance_rows, session=session, agreement_id=agreement_id
        ),
        "peacekeepers": _peacekeepers(session, agreement_id, period.end),
        "force": force_daily.day_summary(
            session, agreement_id=agreement_id, start=period.start, end=period.end, known_at=known
        ),
        "audit_head": head.as_json(),
        "log": record.log_section(
            session, incident_ids=[i.id for i in incidents], head_seq=head.seq
        ),
    }


def _order(incident: Incident) -> tuple[dt.datetime, int]:
    return incident.start_at, incident.id


def _incidents(
    session: Session, agreement_id: str, period: Period, known: dt.datetime
) -> list[Incident]:
    """Incidents that began in the period, or that were recorded in it (late reports)."""
    rows = session.scalars(
        select(Incident).where(
            Incident.agreement_id == agreement_id,
            Incident.status.not_in(_GONE),
            Incident.created_at <= known,
            or_(
                (Incident.start_at > period.start) & (Incident.start_at <= period.end),
                (Incident.created_at > period.start) & (Incident.created_at <= period.end),
            ),
        )
    )
    return sorted(rows, key=_order)


def _known_incidents(session: Session, agreement_id: str, end: dt.datetime) -> list[Incident]:
    rows = session.scalars(
        select(Incident).where(
            Incident.agreement_id == agreement_id,
            Incident.status.not_in(_GONE),
            Incident.created_at <= end,
        )
    )
    return sorted(rows, key=_order)


def _district(incident: Incident, area_names: dict[str, str]) -> str:
    if incident.admin2:
        return incident.admin2
    if incident.area_id:
        return area_names.get(incident.area_id, incident.area_id)
    return incident.place_name or "unspecified"


def _incident_json(
    incident: Incident, area_names: dict[str, str], verdicts: KnownFindings
) -> dict[str, Any]:
    return {
        "id": incident.id,
        "type": incident.type,
        "status": incident.status,
        "occurred": incident.time_label,
        "start": format_time(incident.start_at),
        "end": format_time(incident.end_at),
        "district": _district(incident, area_names),
        "place": incident.place_name,
        "summary": incident.summary,
        "actors": incident.actors,
        "casualties": incident.casualties,
        "finding": verdicts.finding(incident.id).value,
        "sources": incident.sources,
        "recorded": format_time(incident.created_at),
    }


def _finding_json(incident: Incident, verdicts: KnownFindings) -> dict[str, Any]:
    assessed = verdicts.assessments(incident.id)
    decided = verdicts.decisions(incident.id)
    return {
        "incident": incident.id,
        "type": incident.type,
        "occurred": incident.time_label,
        "finding": verdicts.finding(incident.id).value,
        "rule": verdicts.rule.value,
        "assessments": {
            party: {
                "verdict": a.verdict.value,
                "attribution": a.attribution,
                "version": a.version,
            }
            for party, a in sorted(assessed.items())
        },
        "co_head_decisions": {
            party: {"verdict": d.verdict.value, "version": d.version}
            for party, d in sorted(decided.items())
        },
        "missing": verdicts.missing(incident.id),
    }


def _complaints(
    session: Session, agreement_id: str, period: Period, known: dt.datetime
) -> dict[str, Any]:
    """Complaints open when the report was made, or filed or settled in the period, with their
    status then (from the audit record of status changes)."""
    complaints = list(
        session.scalars(
            select(Complaint)
            .where(
                or_(Complaint.agreement_id == agreement_id, Complaint.agreement_id.is_(None)),
                Complaint.filed_at <= known,
            )
            .order_by(Complaint.filed_at, Complaint.id)
        )
    )
    changes = session.execute(
        select(AuditEntry.object_id, AuditEntry.time, AuditEntry.payload)
        .where(
            AuditEntry.action == "complaint-status-changed",
            AuditEntry.object_type == "complaint",
            AuditEntry.time <= known,
        )
        .order_by(AuditEntry.seq)
    ).all()
    status: dict[str, tuple[str, dt.datetime]] = {}
    for object_id, moment, payload in changes:
        status[object_id] = (str(json.loads(payload).get("to")), moment)
    items = []
    for complaint in complaints:
        current, changed_at = status.get(
            str(complaint.id), (ComplaintStatus.RECEIVED.value, complaint.filed_at)
        )
        if (
            current in _OPEN_COMPLAINT
            or period.contains(changed_at)
            or period.contains(complaint.filed_at)
        ):
            items.append(
                {
                    "id": complaint.id,
                    "party": complaint.party,
                    "status": current,
                    "occurred": complaint.occurred,
                    "place": complaint.place,
                    "filed": format_time(complaint.filed_at),
                    "incident": complaint.incident_id,
                }
            )
    return {
        "count": len(items),
        "by_status": dict(sorted(Counter(str(i["status"]) for i in items).items())),
        "items": items,
    }


def _peacekeepers(session: Session, agreement_id: str, end: dt.datetime) -> dict[str, Any]:
    """The caps the agreement sets and the figures observed by the cut-off."""
    caps = [
        {
            "obligation": o.id,
            "parties": o.parties,
            "measure": limit["measure"],
            "max": limit["max"],
            "unit": limit.get("unit", ""),
        }
        for o in agreements_service.obligations(session, agreement_id=agreement_id)
        for limit in o.limits
    ]
    reported = [
        {
            "observation": o.key,
            "obligation": o.obligation_id,
            "occurred": o.occurred_label,
            "figures": o.figures,
            "reported_by": o.reported_by,
            "source": o.source,
        }
        for o in agreements_service.observations(session, agreement_id=agreement_id)
        if o.figures and o.occurred_start <= end
    ]
    return {"caps": caps, "reported": reported}
