"""The one reading of incident list filters (API and pages): case tables, no store."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ceasefire.incidents.filters import (
    MAX_VALUES,
    FilterQuery,
    IncidentFilter,
    Params,
    incident_filter,
    parse_incident_filter,
    read_query,
    zone_for,
)

UTC = dt.UTC
MOSCOW = ZoneInfo("Europe/Moscow")
ZONES = {"nk": "Europe/Moscow", "idlib": "Asia/Damascus"}


def _utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, IncidentFilter()),
        # no agreement named: dates are read in UTC
        ({"start": ["2020-12-11"]}, IncidentFilter(start=_utc(2020, 12, 11))),
        ({"end": ["2020-12-11"]}, IncidentFilter(end=_utc(2020, 12, 12))),  # the day included
        ({"end": ["2020-12"]}, IncidentFilter(end=_utc(2021, 1, 1))),  # the month included
        (
            {"end": ["2020-12-11T20:30:00"]},
            IncidentFilter(end=_utc(2020, 12, 11, 20, 30, 0, 1)),  # the instant included
        ),
        # an agreement named: dates and datetimes without an offset in its zone (Moscow, +03:00)
        (
            {"agreement": ["nk"], "start": ["2020-12-11"], "end": ["2020-12-11"]},
            IncidentFilter(
                agreement="nk", start=_utc(2020, 12, 10, 21), end=_utc(2020, 12, 11, 21)
            ),
        ),
        (
            {"agreement": ["nk"], "end": ["2020-12-11T23:30:00"]},
            IncidentFilter(agreement="nk", end=_utc(2020, 12, 11, 20, 30, 0, 1)),
        ),
        # ... and an offset, when given, is the offset written
        (
            {"agreement": ["nk"], "start": ["2020-12-11T06:00:00+04:00"]},
            IncidentFilter(agreement="nk", start=_utc(2020, 12, 11, 2)),
        ),
        (
            {"agreement": ["nk"], "start": ["2020-12-11T06:00:00Z"]},
            IncidentFilter(agreement="nk", start=_utc(2020, 12, 11, 6)),
        ),
        # an agreement that is not loaded has no zone: UTC (and the agreement matches nothing)
        (
            {"agreement": ["atlantis"], "end": ["2020-12-11"]},
            IncidentFilter(agreement="atlantis", end=_utc(2020, 12, 12)),
        ),
        # codes: repeatable, blanks (a form's "any") dropped, spaces trimmed
        (
            {"type": ["armed-clash", " patrol ", ""], "status": ["open"], "finding": [""]},
            IncidentFilter(types=("armed-clash", "patrol"), statuses=("open",)),
        ),
        ({"origin": ["news"]}, IncidentFilter(origin="news")),
        ({"party": ["aze"]}, IncidentFilter(party="AZE")),
        ({"party": [""]}, IncidentFilter()),
        # given twice, a single-valued parameter counts its last value
        ({"origin": ["news", "import"]}, IncidentFilter(origin="import")),
        ({"bbox": ["46,39,47.5,40.5"]}, IncidentFilter(bbox=(46.0, 39.0, 47.5, 40.5))),
        # a map zoomed far out asks beyond the world: cut to it
        ({"bbox": ["-400,-95,400,95"]}, IncidentFilter(bbox=(-180.0, -90.0, 180.0, 90.0))),
    ],
)
def test_the_parameters_become_the_service_filter(params: Params, expected: IncidentFilter) -> None:
    assert parse_incident_filter(params, zones=ZONES) == expected


@pytest.mark.parametrize(
    ("params", "name", "says"),
    [
        ({"start": ["yesterday"]}, "start", "malformed date"),
        ({"end": ["11/12/2020"]}, "end", "malformed date"),
        ({"end": ["2020-13"]}, "end", "malformed month"),
        ({"start": ["2020-02-30"]}, "start", "malformed date"),
        ({"bbox": ["1,2,3"]}, "bbox", "expected west,south,east,north"),
        ({"bbox": ["a,b,c,d"]}, "bbox", "expected west,south,east,north"),
        ({"bbox": ["1,2,nan,4"]}, "bbox", "expected west,south,east,north"),
        ({"bbox": ["47,39,46,40"]}, "bbox", "west <= east"),
        ({"bbox": ["46,40,47,39"]}, "bbox", "south <= north"),
        ({"party": ["Azerbaijan"]}, "party", "expected an ISO3 code"),
        ({"party": ["A1Z"]}, "party", "expected an ISO3 code"),
        ({"type": ["x"] * (MAX_VALUES + 1)}, "type", f"at most {MAX_VALUES} values"),
        ({"agreement": ["x" * 201]}, "agreement", "at most 200 characters"),
    ],
)
def test_what_is_not_understood_names_the_parameter(params: Params, name: str, says: str) -> None:
    with pytest.raises(ValueError, match=f"^{name}: ") as caught:
        parse_incident_filter(params, zones=ZONES)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("params", "default_agreement", "default_statuses", "expected"),
    [
        ({}, "nk", ("open",), FilterQuery(agreement="nk", statuses=("open",))),
        ({"agreement": [""]}, "nk", (), FilterQuery(agreement="nk")),
        ({"agreement": ["idlib"]}, "nk", (), FilterQuery(agreement="idlib")),
        ({"status": ["candidate"]}, None, ("open",), FilterQuery(statuses=("candidate",))),
        # the words stay as written, for the forms
        (
            {"start": [" 2020-12-01 "], "end": ["2020-12"]},
            None,
            (),
            FilterQuery(start="2020-12-01", end="2020-12"),
        ),
    ],
)
def test_the_pages_defaults_fill_what_is_not_named(
    params: Params,
    default_agreement: str | None,
    default_statuses: tuple[str, ...],
    expected: FilterQuery,
) -> None:
    query = read_query(
        params, default_agreement=default_agreement, default_statuses=default_statuses
    )
    assert query == expected


@pytest.mark.parametrize(
    ("agreement", "zone"),
    [(None, ZoneInfo("UTC")), ("nk", MOSCOW), ("idlib", ZoneInfo("Asia/Damascus"))],
)
def test_the_zone_is_the_named_agreements(agreement: str | None, zone: ZoneInfo) -> None:
    assert zone_for(agreement, ZONES) == zone


def test_a_query_is_read_in_the_zone_it_is_given() -> None:
    query = FilterQuery(start="2020-12-11", end="2020-12-11")
    assert incident_filter(query, MOSCOW) == IncidentFilter(
        start=_utc(2020, 12, 10, 21), end=_utc(2020, 12, 11, 21)
    )
