"""Incident list filters read from query parameters: one reading for the API and the pages.

A face hands over the parameters as text, name -> values, as a query string gives them:
`agreement`, `start`, `end`, `type`, `status`, `finding` (those three repeatable), `origin`,
`party` (ISO3 of an actor's state) and `bbox` (west,south,east,north in degrees).

Time: `start` and `end` are a date (YYYY-MM-DD), a month (YYYY-MM) or an ISO 8601 datetime.
Without an offset they are read in the named agreement's time zone, or in UTC when no agreement
is named. A date or month `end` includes that whole day or month; an `end` datetime includes that
very instant. Pure: no store, no web framework.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ceasefire.agreements.timeref import query_window

#: Query parameters: name -> the values given (a repeated parameter has several).
Params = Mapping[str, Sequence[str]]
#: west, south, east, north in degrees.
Bbox = tuple[float, float, float, float]

UTC = ZoneInfo("UTC")
MAX_VALUES = 100  # of one repeatable parameter
MAX_LENGTH = 200  # characters of one value
_ISO3 = re.compile(r"[A-Z]{3}")
_BBOX_EXAMPLE = "46,39,47.5,40.5"


@dataclass(frozen=True)
class IncidentFilter:
    """What the incident services filter on: instants, codes and a bounding box."""

    agreement: str | None = None
    start: dt.datetime | None = None  # incidents still going on at or after this instant
    end: dt.datetime | None = None  # incidents begun before this instant (exclusive)
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    bbox: Bbox | None = None
    origin: str | None = None
    party: str | None = None  # an actor of this state (ISO3) took part


@dataclass(frozen=True)
class FilterQuery:
    """A filter as asked, checked but still in words: `start` and `end` stay text until a time
    zone reads them (`incident_filter`), so pages can put every value back in their forms."""

    agreement: str | None = None
    start: str | None = None
    end: str | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    origin: str | None = None
    party: str | None = None
    bbox: Bbox | None = None


def read_query(
    params: Params,
    *,
    default_agreement: str | None = None,
    default_statuses: tuple[str, ...] = (),
) -> FilterQuery:
    """The filter `params` ask for (`default_agreement` and `default_statuses` when they name
    none). Raises ValueError naming the parameter that was not understood."""
    start, end = _one(params, "start"), _one(params, "end")
    query_window(start, end, UTC)  # the words are checked here; the zone is chosen later
    return FilterQuery(
        agreement=_one(params, "agreement") or default_agreement,
        start=start,
        end=end,
        types=_many(params, "type"),
        statuses=_many(params, "status") or default_statuses,
        findings=_many(params, "finding"),
        origin=_one(params, "origin"),
        party=_party(_one(params, "party")),
        bbox=_bbox(_one(params, "bbox")),
    )


def zone_for(agreement: str | None, zones: Mapping[str, str]) -> ZoneInfo:
    """The zone dates are read in: the named agreement's (`zones`: agreement id -> IANA zone),
    else UTC. An agreement that is not loaded has no zone: read in UTC, it matches nothing."""
    if agreement is None or agreement not in zones:
        return UTC
    return ZoneInfo(zones[agreement])


def incident_filter(query: FilterQuery, zone: ZoneInfo) -> IncidentFilter:
    """The service's filter for `query`, its dates read in `zone`."""
    start, before = query_window(query.start, query.end, zone)
    return IncidentFilter(
        agreement=query.agreement,
        start=start,
        end=before,
        types=query.types,
        statuses=query.statuses,
        findings=query.findings,
        bbox=query.bbox,
        origin=query.origin,
        party=query.party,
    )


def parse_incident_filter(
    params: Params,
    *,
    zones: Mapping[str, str],
    default_agreement: str | None = None,
    default_statuses: tuple[str, ...] = (),
) -> IncidentFilter:
    """`read_query`, then `incident_filter` in the named agreement's zone (UTC without one)."""
    query = read_query(
        params, default_agreement=default_agreement, default_statuses=default_statuses
    )
    return incident_filter(query, zone_for(query.agreement, zones))


def _values(params: Params, name: str) -> list[str]:
    given = params.get(name, ())
    if isinstance(given, str):  # a bare string is a sequence of letters, not of values
        given = [given]
    values = [v.strip() for v in given if v.strip()]
    if len(values) > MAX_VALUES:
        raise ValueError(f"{name}: at most {MAX_VALUES} values, got {len(values)}")
    for value in values:
        if len(value) > MAX_LENGTH:
            raise ValueError(f"{name}: at most {MAX_LENGTH} characters, got {len(value)}")
    return values


def _one(params: Params, name: str) -> str | None:
    """The value of a parameter given once (given twice, the last counts, as in FastAPI)."""
    values = _values(params, name)
    return values[-1] if values else None


def _many(params: Params, name: str) -> tuple[str, ...]:
    return tuple(_values(params, name))


def _party(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.upper()
    if not _ISO3.fullmatch(code):
        raise ValueError(f"party: expected an ISO3 code such as AZE, got {value!r}")
    return code


def _bbox(value: str | None) -> Bbox | None:
    """west,south,east,north in degrees, west <= east and south <= north; what lies beyond the
    world (a map zoomed far out) is cut to it."""
    if value is None:
        return None
    expected = f"bbox: expected west,south,east,north in degrees (e.g. {_BBOX_EXAMPLE})"
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError:
        raise ValueError(f"{expected}, got {value!r}") from None
    if len(parts) != 4 or not all(math.isfinite(x) for x in parts):
        raise ValueError(f"{expected}, got {value!r}")
    west, south, east, north = parts
    if west > east or south > north:
        raise ValueError(f"{expected}: west <= east and south <= north, got {value!r}")
    return (max(-180.0, west), max(-90.0, south), min(180.0, east), min(90.0, north))
