"""The incident filters shared by the list, the map and its data, read from query parameters.

The list and the map use the very same filter and conditions, so their counts agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from ceasefire.accounts.models import User
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentStatus

DEFAULT_STATUSES = (IncidentStatus.OPEN.value,)


@dataclass(frozen=True)
class PageFilter:
    """What the person chose, as strings for the form, and the service filter it stands for."""

    agreement: str
    start: str = ""
    end: str = ""
    types: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    party: str = ""
    bbox: tuple[float, float, float, float] | None = None

    def service_filter(self, zone: ZoneInfo) -> incidents_service.IncidentFilter:
        return incidents_service.IncidentFilter(
            agreement=self.agreement,
            start=_day_start(self.start, zone),
            end=_day_start(self.end, zone, next_day=True),
            types=self.types,
            statuses=self.statuses,
            findings=self.findings,
            bbox=self.bbox,
        )

    def query(self) -> dict[str, Any]:
        """The filter as query parameters (for links: pages, sort, map <-> list)."""
        params: dict[str, Any] = {"agreement": self.agreement}
        for key, value in (("start", self.start), ("end", self.end), ("party", self.party)):
            if value:
                params[key] = value
        if self.types:
            params["type"] = list(self.types)
        if self.findings:
            params["finding"] = list(self.findings)
        if self.statuses != DEFAULT_STATUSES:
            params["status"] = list(self.statuses)
        return params


def _day_start(value: str, zone: ZoneInfo, *, next_day: bool = False) -> dt.datetime | None:
    if not value:
        return None
    day = dt.date.fromisoformat(value)
    if next_day:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)


def _date(value: str | None, name: str) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise ValueError(
            f"bbox: expected west,south,east,north in degrees, got {value!r}"
        ) from None
    return (max(-180.0, west), max(-90.0, south), min(180.0, east), min(90.0, north))


def _codes(values: list[str], limit: int = 30) -> tuple[str, ...]:
    return tuple(v.strip()[:60] for v in values[:limit] if v.strip())


def parse(params: QueryParams, *, default_agreement: str) -> PageFilter:
    """Raises ValueError naming the parameter that was not understood."""
    statuses = _codes(params.getlist("status")) or DEFAULT_STATUSES
    party = (params.get("party") or "").strip().upper()[:3]
    if party and not party.isalpha():
        raise ValueError(f"party: expected an ISO3 code such as AZE, got {party!r}")
    return PageFilter(
        agreement=(params.get("agreement") or default_agreement)[:100],
        start=_date(params.get("start"), "start"),
        end=_date(params.get("end"), "end"),
        types=_codes(params.getlist("type")),
        findings=_codes(params.getlist("finding")),
        statuses=statuses,
        party=party,
        bbox=_bbox(params.get("bbox")),
    )


def conditions(flt: PageFilter, *, user: User, zone: ZoneInfo) -> list[Any]:
    """The service's conditions (which also hide what the user may not see) plus the party."""
    found: list[Any] = incidents_service.filter_conditions(flt.service_filter(zone), user)
    if flt.party:
        # an actor of that party took part (actors are a small JSON list on the incident)
        found.append(cast(Incident.actors, String).like(f'%"{flt.party}"%'))
    return found


def count(session: Session, flt: PageFilter, *, user: User, zone: ZoneInfo) -> int:
    where = conditions(flt, user=user, zone=zone)
    return int(session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0)
