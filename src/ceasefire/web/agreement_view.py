"""What the agreement page shows: obligations with their compliance as of a moment, on a timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ceasefire.agreements import service as agreements_service
from ceasefire.compliance import service as compliance_service
from ceasefire.force import service as force_service
from ceasefire.web import strength_chart, timeline


@dataclass(frozen=True)
class AgreementPage:
    agreement: Any
    as_of: dt.datetime
    as_of_date: str
    axis: timeline.Axis
    rows: list[dict[str, Any]]
    provisions: list[Any]
    counts: dict[str, int]
    strength: list[strength_chart.Panel]


def _local_date(moment: dt.datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).date().isoformat()


def agreement_page(session: Session, *, agreement_id: str, as_of: str | None) -> AgreementPage:
    """Raises NotFoundError for an unknown agreement, ValueError for a malformed `as_of`."""
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    moment, rows = compliance_service.compliance(session, agreement_id=agreement_id, as_of=as_of)
    data = compliance_service.compliance_json(rows, session=session, agreement_id=agreement_id)
    obligation_specs, amendment_specs = agreements_service.specs(session, agreement=agreement)
    spec_by_id = {s.id: s for s in obligation_specs}
    decided = {a.id: a.decided_at for a in amendment_specs}
    stored = {o.id: o for o in agreements_service.obligations(session, agreement_id=agreement_id)}
    observations = {
        o.key: o for o in agreements_service.observations(session, agreement_id=agreement_id)
    }
    axis, start, end = timeline.build_axis(agreement.effective_at, moment)

    page_rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for row, item in zip(rows, data, strict=True):
        spec = spec_by_id[row.obligation]
        span = timeline.Span(
            obligation=row.obligation,
            effective_from=spec.effective_from,
            deadline=row.deadline.end if row.deadline else None,
            original_deadline=spec.deadline.end if spec.deadline else None,
            standing=spec.standing,
            amendments=tuple((a, decided[a]) for a in row.amendments if a in decided),
            evidence=tuple(
                (key, _last_instant(observations[key]))
                for key in row.evidence
                if key in observations
            ),
        )
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
        page_rows.append(
            {
                **item,
                "summary": stored[row.obligation].summary,
                "standing": spec.standing,
                "original_deadline": spec.deadline.label if spec.deadline else None,
                "evidence_items": [
                    {
                        "id": key,
                        "when": observations[key].occurred_label,
                        "summary": observations[key].summary,
                        "source": observations[key].source,
                    }
                    for key in row.evidence
                    if key in observations
                ],
                "timeline": timeline.build_row(span, start, end),
            }
        )
    return AgreementPage(
        agreement=agreement,
        as_of=moment,
        as_of_date=_local_date(moment, agreement.timezone),
        axis=axis,
        rows=page_rows,
        provisions=agreements_service.provisions(session, agreement_id=agreement_id),
        counts=counts,
        strength=_strength(session, obligation_specs, agreement_id, start, moment),
    )


def _strength(
    session: Session,
    specs: list[Any],
    agreement_id: str,
    start: dt.datetime,
    moment: dt.datetime,
) -> list[strength_chart.Panel]:
    """The strength reports recorded by `moment` against each cap of the agreement (none
    when the agreement caps nothing or no report is recorded)."""
    caps = [(x.measure, x.maximum, x.unit) for s in specs for x in s.limits]
    reports = [
        strength_chart.Report(f"strength-{r.id}", r.date_label, r.start_at, dict(r.figures))
        for r in force_service.strength_reports(session, agreement_id=agreement_id)
        if r.start_at <= moment
    ]
    if not caps or not reports:
        return []
    # the reports' own span (a little wider), so months of no report do not squeeze them
    margin = dt.timedelta(days=5)
    first = max(start, min(r.at for r in reports) - margin)
    last = min(moment, max(r.at for r in reports) + margin)
    return strength_chart.panels(caps, reports, first, max(last, first + margin))


def _last_instant(observation: Any) -> dt.datetime:
    """From when an observation surely happened (the end of the day it is dated, for a date)."""
    start: dt.datetime = observation.occurred_start
    end: dt.datetime = observation.occurred_end
    return end - dt.timedelta(microseconds=1) if end > start else start
