"""Compliance from what is stored: the registry's obligations and amendments, the observations of
the agreement's file, the incidents whose joint finding is confirmed, as known at a moment, and
the force's records (strength reports against limits, patrols and convoys for what they serve).

Two moments are at play: `as_of`, the date the status is asked for, and `known_at`, what the center
had recorded (default: now). A report rebuilt with the same `known_at` gives the same rows, even
after an assessment of a linked incident was revised later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.models import Agreement
from ceasefire.agreements.specs import Effect, Observation
from ceasefire.compliance.rules import ComplianceRow, compliance_at
from ceasefire.db import utcnow
from ceasefire.force import evidence as force_evidence
from ceasefire.incidents.models import Finding, Incident, IncidentObligation, IncidentStatus
from ceasefire.verification.history import findings_known_at


def incident_observations(
    session: Session, *, agreement: Agreement, known_at: dt.datetime
) -> list[Observation]:
    """Observations derived from incidents: one per obligation an incident bears on, for the
    incidents recorded by `known_at` (not merged into another) whose joint finding was
    `confirmed` then. Derived at read time, so a revised assessment or a reloaded agreement file
    can never leave a stale one."""
    rows = session.execute(
        select(
            Incident.id,
            IncidentObligation.obligation_id,
            IncidentObligation.effect,
            Incident.start_at,
            Incident.end_at,
            Incident.time_label,
        )
        .join(IncidentObligation, IncidentObligation.incident_id == Incident.id)
        .where(
            IncidentObligation.agreement_id == agreement.id,
            Incident.status != IncidentStatus.MERGED.value,
            Incident.created_at <= known_at,
        )
    ).all()
    if not rows:
        return []
    known = findings_known_at(
        session, agreement=agreement, known_at=known_at, incident_ids={row[0] for row in rows}
    )
    return [
        Observation(
            f"incident-{incident_id}-{obligation}",
            obligation,
            Effect(effect),
            start,
            max(start, end),
            {},
            label,
        )
        for incident_id, obligation, effect, start, end, label in rows
        if known.finding(incident_id) is Finding.CONFIRMED
    ]


def observations(
    session: Session, *, agreement: Agreement, known_at: dt.datetime
) -> list[Observation]:
    """Every observation of the agreement: its file's verified ones, its confirmed incidents',
    and the force's records (strength reports, patrols, convoys) recorded by `known_at`."""
    obligation_specs, _ = agreements_service.specs(session, agreement=agreement)
    return (
        agreements_service.file_observations(session, agreement_id=agreement.id)
        + incident_observations(session, agreement=agreement, known_at=known_at)
        + force_evidence.observations(
            session, agreement=agreement, obligations=obligation_specs, known_at=known_at
        )
    )


def compliance(
    session: Session,
    *,
    agreement_id: str,
    as_of: str | dt.datetime | dt.date | None,
    known_at: dt.datetime | None = None,
) -> tuple[dt.datetime, list[ComplianceRow]]:
    """Each obligation's status as of `as_of` (a date means the end of that day in the
    agreement's zone; None: now), from what was recorded by `known_at` (None: now)."""
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    moment = agreements_service.resolve_moment(agreement, as_of)
    obligation_specs, amendment_specs = agreements_service.specs(session, agreement=agreement)
    rows = compliance_at(
        obligation_specs,
        amendment_specs,
        observations(session, agreement=agreement, known_at=known_at or utcnow()),
        moment,
    )
    return moment, rows


def compliance_json(
    rows: list[ComplianceRow], *, session: Session, agreement_id: str
) -> list[dict[str, Any]]:
    """The documented JSON shape of `ceasefire compliance --format json` and the API."""
    amended = {a.id: a for a in agreements_service.amendments(session, agreement_id=agreement_id)}
    return [
        {
            "obligation": row.obligation,
            "provision": row.provision,
            "parties": list(row.parties),
            "action": row.action,
            "area": row.area,
            "deadline": row.deadline.label if row.deadline else None,
            "status": row.status.value,
            "evidence": list(row.evidence),
            "reason": row.reason,
            "amendments": [
                {
                    "id": a,
                    "decided": amended[a].decided_label,
                    "changes": amended[a].changes,
                    "summary": amended[a].summary,
                    "source": amended[a].source,
                }
                for a in row.amendments
            ],
            "limits": [
                {"measure": x.measure, "max": x.maximum, "unit": x.unit} for x in row.limits
            ],
        }
        for row in rows
    ]
