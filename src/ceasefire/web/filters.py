"""The incident filters of the list, the map and its data: the domain's one reading of the query
(`ceasefire.incidents.filters`) with the pages' defaults, the default agreement and open incidents.

The list and the map use the very same filter and conditions, so their counts agree.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.incidents import filters as incident_filters
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.filters import FilterQuery
from ceasefire.incidents.models import Incident, IncidentStatus

DEFAULT_STATUSES = (IncidentStatus.OPEN.value,)
#: What the person chose: the values the forms show, read into instants only with the zone.
PageFilter = FilterQuery


def parse(params: QueryParams, *, default_agreement: str | None) -> PageFilter:
    """Raises ValueError naming the parameter that was not understood."""
    values = {key: params.getlist(key) for key in params}
    return incident_filters.read_query(
        values, default_agreement=default_agreement, default_statuses=DEFAULT_STATUSES
    )


def zone(session: Session, flt: PageFilter) -> ZoneInfo:
    """The zone the filter's dates are read in: its agreement's, else UTC."""
    return incident_filters.zone_for(flt.agreement, agreements_service.timezones(session))


def query(flt: PageFilter) -> dict[str, Any]:
    """The filter as query parameters, for links (pages, sort, map <-> list); the map's own
    bounds stay with the map."""
    params: dict[str, Any] = {"agreement": flt.agreement or ""}
    for key, value in (
        ("start", flt.start),
        ("end", flt.end),
        ("party", flt.party),
        ("origin", flt.origin),
    ):
        if value:
            params[key] = value
    if flt.types:
        params["type"] = list(flt.types)
    if flt.findings:
        params["finding"] = list(flt.findings)
    if flt.statuses != DEFAULT_STATUSES:
        params["status"] = list(flt.statuses)
    return params


def conditions(flt: PageFilter, *, user: User, zone: ZoneInfo) -> list[Any]:
    """The service's conditions, which also hide what the user may not see."""
    return incidents_service.filter_conditions(incident_filters.incident_filter(flt, zone), user)


def count(session: Session, flt: PageFilter, *, user: User, zone: ZoneInfo) -> int:
    where = conditions(flt, user=user, zone=zone)
    return int(session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0)
