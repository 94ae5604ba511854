"""Exports are exact: generated incidents exported as ACLED CSV (or GeoJSON) and imported into an
empty store come back field for field, on both stores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, select

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents import transfer
from ceasefire.incidents.formats import ImportFormat
from ceasefire.incidents.models import (
    Incident,
    IncidentObligation,
    IncidentReport,
    IncidentVersion,
)
from ceasefire.incidents.schemas import IncidentCreate
from ceasefire.taxonomy.incident_types import TAXONOMY

AGREEMENT = scenarios.DEFAULT
#: What an incident is, as opposed to where it is in the monitors' work or where it came from.
COMPARED = (
    "agreement_id",
    "type",
    "summary",
    "start_at",
    "end_at",
    "time_label",
    "time_precision",
    "place_name",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "area_id",
    "geometry",
    "location_precision",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "actors",
    "casualties",
    "sources",
    "external_id",
)
#: Source columns an incident has no field for: they survive the round trip too.
KEPT = ("inter1", "interaction", "tags", "timestamp")

# Text as people and sources write it: any letters, quotes, separators, newlines and formula
# starts; no NUL (PostgreSQL text cannot hold it) and no lone surrogates.
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
)
formulaic = st.one_of(text, st.sampled_from(["=1+2", "+x", "-y", "@z", "'=q", "-12.5"]))
day = st.dates(dt.date(2019, 1, 1), dt.date(2022, 12, 31))


@st.composite
def occurred(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(day)
    kind = draw(st.sampled_from(["day", "month", "exact", "week", "span"]))
    if kind == "month":
        return {"occurred": start.isoformat()[:7]}
    if kind == "exact":
        moment = dt.datetime.combine(
            start, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
        )
        return {"occurred": moment.isoformat(timespec="minutes")}
    if kind == "week":
        return {"occurred": start.isoformat(), "time_precision": "week"}
    if kind == "span":
        end = start + dt.timedelta(days=draw(st.integers(1, 20)))
        return {"occurred": start.isoformat(), "occurred_end": end.isoformat()}
    return {"occurred": start.isoformat()}


actor = st.fixed_dictionaries(
    {
        "name": line,
        "party": st.sampled_from([None, "ARM", "AZE", "RUS"]),
        "role": st.sampled_from(["actor1", "actor2", "associated with actor1", "target", ""]),
    }
)
casualties = st.fixed_dictionaries(
    {
        "side": st.sampled_from(["ARM", "AZE", "unknown"]),
        "killed_military": st.integers(0, 50),
        "killed_civilian": st.integers(0, 50),
        "wounded_military": st.integers(0, 50),
        "wounded_civilian": st.integers(0, 50),
        "killed_unspecified": st.integers(0, 50),
        "wounded_unspecified": st.integers(0, 50),
    }
)
place = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {
            "latitude": st.floats(-90, 90, allow_nan=False),
            "longitude": st.floats(-180, 180, allow_nan=False),
        }
    ),
    st.just({"area": "aghdam-district"}),
    st.just(
        {"geometry": {"type": "Polygon", "coordinates": [[[46, 39], [47, 39], [47, 40], [46, 39]]]}}
    ),
)


@st.composite
def incident(draw: st.DrawFn) -> dict[str, Any]:
    agreement = draw(st.sampled_from([None, AGREEMENT]))
    fields: dict[str, Any] = {
        "type": draw(st.sampled_from(sorted(TAXONOMY))),
        "summary": draw(st.one_of(line, formulaic.filter(bool))),
        "agreement": agreement,
        "place_name": draw(formulaic),
        "country": draw(st.sampled_from([None, "AZE", "ARM"])),
        "admin1": draw(text),
        "admin2": draw(formulaic),
        "admin3": draw(text),
        "location_precision": draw(st.sampled_from(["exact", "near", "district", "region"])),
        "actors": draw(st.lists(actor, max_size=4)),
        "casualties": draw(st.lists(casualties, max_size=3)),
        "sources": draw(st.lists(line, max_size=3)),
        "external_id": draw(
            st.one_of(st.none(), st.from_regex(r"[A-Z]{3}[0-9]{1,6}", fullmatch=True))
        ),
    }
    fields |= draw(occurred())
    where = draw(place)
    if "area" in where and agreement is None:
        where = {}
    return fields | where


def _clear(engine: Engine) -> None:
    with store.transaction(engine) as session:
        for table in (IncidentVersion, IncidentObligation, IncidentReport, Incident):
            session.execute(delete(table))


def _snapshot(engine: Engine) -> list[dict[str, Any]]:
    with store.transaction(engine) as session:
        rows = session.scalars(select(Incident).order_by(Incident.id))
        return [
            {name: getattr(x, name) for name in COMPARED}
            | {"kept": {k: (x.source_fields or {}).get(k, "") for k in KEPT}}
            for x in rows
        ]


def _store(engine: Engine, items: list[dict[str, Any]]) -> None:
    with store.transaction(engine) as session:
        for number, fields in enumerate(items):
            data = IncidentCreate.model_validate(fields)
            created = incidents_service.create_incident(session, data=data, actor="test")
            if number % 2:  # some came from ACLED: the columns we have no field for
                created.source_fields = {
                    "inter1": "1",
                    "interaction": "11",
                    "tags": "t; u",
                    "timestamp": "1600000000",
                }


def _round_trip(engine: Engine, items: list[dict[str, Any]], fmt: ImportFormat) -> None:
    _clear(engine)
    _store(engine, items)
    before = _snapshot(engine)
    writer = transfer.export_acled_csv if fmt is ImportFormat.ACLED else transfer.export_geojson
    content = "".join(writer(engine, flt=incidents_service.IncidentFilter(), everything=True))
    _clear(engine)
    with store.transaction(engine) as session:
        result = transfer.import_incidents(
            session, fmt=fmt, content=content.encode(), source_name="export", actor="test"
        )
    assert result.refused == []
    after = _snapshot(engine)
    # Incidents identical in every field are one event: the import keeps one of them.
    assert after == _unique(before)


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    ids: set[str] = set()
    for row in rows:
        if row["external_id"] and row["external_id"] in ids:
            continue
        if not row["external_id"] and row in seen:
            continue
        if row["external_id"]:
            ids.add(row["external_id"])
        seen.append(row)
    return seen


PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _load(engine: Engine) -> None:
    """The agreement, once: storing the same file again changes nothing."""
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name=AGREEMENT)


@PROPERTY
@given(
    items=st.lists(
        incident(), min_size=1, max_size=6, unique_by=lambda x: x["external_id"] or id(x)
    )
)
def test_acled_export_round_trips(engine: Engine, items: list[dict[str, Any]]) -> None:
    _load(engine)
    _round_trip(engine, items, ImportFormat.ACLED)


@PROPERTY
@given(
    items=st.lists(
        incident(), min_size=1, max_size=6, unique_by=lambda x: x["external_id"] or id(x)
    )
)
def test_geojson_export_round_trips(engine: Engine, items: list[dict[str, Any]]) -> None:
    _load(engine)
    _round_trip(engine, items, ImportFormat.GEOJSON)
