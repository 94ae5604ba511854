"""Incidents as the API shows them: monitoring staff see everything, a liaison no working data."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ceasefire.accounts import permissions
from ceasefire.accounts.models import User
from ceasefire.incidents.duplicates import similar_incidents
from ceasefire.incidents.models import Incident, IncidentObligation
from ceasefire.incidents.schemas import IncidentPublic, ObligationLink
from ceasefire.incidents.service import links, links_of, report_ids, report_ids_of
from ceasefire.taxonomy.incident_types import TAXONOMY


def to_public(
    session: Session,
    incident: Incident,
    *,
    user: User | None,
    with_duplicates: bool = False,
    internal: bool = False,
    obligations: list[IncidentObligation] | None = None,
    reports: list[int] | None = None,
) -> IncidentPublic:
    """The API shape; a liaison's view leaves out internal working data (reports, reviewers).
    `internal` is for the local command line, which has the whole store anyway; `obligations`
    and `reports`, when given, are the incident's links and reports already read (`many`)."""
    internal = internal or permissions.can_read_incidents(user)
    if obligations is None:
        obligations = links(session, incident_id=incident.id)
    return IncidentPublic(
        id=incident.id,
        agreement=incident.agreement_id,
        type=incident.type,
        type_label=TAXONOMY[incident.type].label if incident.type in TAXONOMY else incident.type,
        status=incident.status,
        origin=incident.origin,
        summary=incident.summary,
        start=incident.start_at,
        end=incident.end_at,
        time_label=incident.time_label,
        time_precision=incident.time_precision,
        place_name=incident.place_name,
        country=incident.country,
        admin1=incident.admin1,
        admin2=incident.admin2,
        admin3=incident.admin3,
        area=incident.area_id,
        geometry=incident.geometry,
        location_precision=incident.location_precision,
        actors=incident.actors,
        casualties=incident.casualties,
        obligations=[
            ObligationLink(obligation=x.obligation_id, effect=x.effect) for x in obligations
        ],
        sources=incident.sources,
        finding=incident.finding,
        reports=(reports if reports is not None else report_ids(session, incident_id=incident.id))
        if internal
        else [],
        merged_into=incident.merged_into_id if internal else None,
        reviewing_by=incident.reviewing_by if internal else None,
        reviewing_since=incident.reviewing_since if internal else None,
        possible_duplicates=[x.id for x in similar_incidents(session, incident=incident)]
        if internal and with_duplicates
        else [],
    )


def many(session: Session, incidents: list[Incident], *, user: User | None) -> list[IncidentPublic]:
    """A page of incidents in the API shape, their links and reports read in one query each."""
    ids = [x.id for x in incidents]
    obligations = links_of(session, incident_ids=ids)
    reports = (
        report_ids_of(session, incident_ids=ids) if permissions.can_read_incidents(user) else {}
    )
    return [
        to_public(session, x, user=user, obligations=obligations[x.id], reports=reports.get(x.id))
        for x in incidents
    ]
