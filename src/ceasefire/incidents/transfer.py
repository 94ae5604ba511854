"""Imports (all or nothing, or skipping bad rows) and streamed exports (ACLED CSV, GeoJSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import transaction
from ceasefire.errors import CeasefireError, InvalidInputError, NotFoundError, Problem
from ceasefire.incidents import checks, formats, intake
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident, IncidentObligation, IncidentReport, IncidentStatus
from ceasefire.incidents.schemas import Channel, IncidentCreate
from ceasefire.taxonomy.incident_types import to_acled

MEDIA_TYPES = {
    formats.ImportFormat.CSV: "text/csv",
    formats.ImportFormat.ACLED: "text/csv",
    formats.ImportFormat.GEOJSON: "application/geo+json",
}


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class ImportResult:
    report_id: int
    imported: int
    refused: list[Problem] = field(default_factory=list)


def import_incidents(
    session: Session,
    *,
    fmt: formats.ImportFormat,
    content: bytes,
    source_name: str,
    actor: intake.ActorLike,
    agreement: str | None = None,
    skip_bad: bool = False,
    status: IncidentStatus = IncidentStatus.CANDIDATE,
) -> ImportResult:
    """Check every row, then store them all, or none: any refused row raises InvalidInputError
    naming each bad row's line and reason. With `skip_bad` the good rows go in and the refused
    ones are returned. The file itself is kept as one immutable report behind every incident."""
    incidents_service.require_writer(actor)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            [Problem(source_name, 1, f"not UTF-8 text ({exc.reason})")]
        ) from None
    good: list[tuple[dict[str, Any], IncidentCreate]] = []
    refused: list[Problem] = []
    try:
        for line, parsed in formats.parse(fmt, text, agreement=agreement):
            if isinstance(parsed, str):
                refused.append(Problem(source_name, line, parsed))
                continue
            try:
                good.append(
                    (
                        intake.incident_values(session, data=parsed, status=status, actor=actor),
                        parsed,
                    )
                )
            except (CeasefireError, ValueError) as exc:
                refused.append(Problem(source_name, line, str(exc)))
    except checks.UnreadableError as exc:  # the rest of the file is unknown: refused whole
        raise InvalidInputError([*refused, Problem(source_name, exc.line, str(exc))]) from None
    empty = checks.nothing_to_import(content, len(good) + len(refused))
    if empty:
        raise InvalidInputError([Problem(source_name, 1, empty)])
    if refused and not skip_bad:
        raise InvalidInputError(refused)
    report = incidents_service.store_report(
        session,
        channel=Channel.IMPORT,
        content=content,
        actor=actor,
        media_type=MEDIA_TYPES[fmt],
        source=source_name,
        title=f"{fmt.value} import of {len(good)} incidents",
    )
    ids: list[int] = []
    if good:
        rows = [values for values, _ in good]
        ids = list(
            session.scalars(
                insert(_table(Incident)).returning(Incident.id, sort_by_parameter_order=True),
                rows,
            )
        )
        session.execute(
            insert(IncidentReport), [{"incident_id": i, "report_id": report.id} for i in ids]
        )
        links = [
            {
                "incident_id": i,
                "agreement_id": data.agreement,
                "obligation_id": link.obligation,
                "effect": link.effect,
            }
            for i, (_, data) in zip(ids, good, strict=True)
            for link in data.obligations
        ]
        if links:
            session.execute(insert(_table(IncidentObligation)), links)
    emit(
        session,
        DomainEvent(
            "incidents-imported",
            intake.actor_name(actor),
            "report",
            str(report.id),
            {
                "format": fmt.value,
                "sha256": report.sha256,
                "imported": len(ids),
                "first_id": ids[0] if ids else None,
                "last_id": ids[-1] if ids else None,
                "refused_lines": [p.line for p in refused],
            },
        ),
    )
    return ImportResult(report.id, len(ids), refused)


# --- exports -------------------------------------------------------------------------------------

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso3",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "ceasefire_type",
    "ceasefire_status",
    "ceasefire_finding",
]
#: The columns an ACLED row is made of (decoding fewer JSON and time columns is faster).
ACLED_SOURCE_COLUMNS = (
    "id",
    "external_id",
    "start_at",
    "time_precision",
    "type",
    "actors",
    "casualties",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "place_name",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "location_precision",
    "sources",
    "summary",
    "status",
    "finding",
)
_TIME_PRECISION = {"exact": "1", "day": "1", "week": "2", "month": "3"}
_GEO_PRECISION = {"exact": "1", "near": "2", "district": "2", "region": "3"}
BATCH = 2000


def _query(
    flt: incidents_service.IncidentFilter,
    user: User | None,
    everything: bool,
    columns: tuple[str, ...] | None = None,
) -> Any:
    if not everything and user is None:
        raise NotFoundError("no incidents")
    conditions = incidents_service.filter_conditions(flt, user, internal=everything)
    table = _table(Incident)
    # Plain rows, not ORM objects: nothing accumulates in the session however large the export.
    return (
        select(*[table.c[name] for name in columns] if columns else [table])
        .where(*conditions)
        .order_by(Incident.id)
        .execution_options(yield_per=BATCH)
    )


def _actor(actors: list[dict[str, Any]], role: str) -> str:
    return "; ".join(a["name"] for a in actors if a.get("role") == role)


def _center(x: Any) -> tuple[str, str]:
    if x.min_lon is None or x.max_lon is None or x.min_lat is None or x.max_lat is None:
        return "", ""
    return f"{(x.min_lat + x.max_lat) / 2:.5f}", f"{(x.min_lon + x.max_lon) / 2:.5f}"


def acled_row(x: Any) -> list[str]:
    """One ACLED CSV row of an incident (an ORM object or a plain row of the incidents table)."""
    event_type, sub_event_type = to_acled(x.type)
    latitude, longitude = _center(x)
    fatalities = sum(
        int(c.get("killed_military", 0))
        + int(c.get("killed_civilian", 0))
        + int(c.get("killed_unspecified", 0))
        for c in x.casualties
    )
    day = x.start_at.date().isoformat()
    return [
        x.external_id or f"CF{x.id}",
        day,
        day[:4],
        _TIME_PRECISION.get(x.time_precision, "1"),
        event_type,
        sub_event_type,
        _actor(x.actors, "actor1") or (x.actors[0]["name"] if x.actors else ""),
        _actor(x.actors, "associated with actor1"),
        _actor(x.actors, "actor2"),
        _actor(x.actors, "associated with actor2"),
        x.country or "",
        x.admin1,
        x.admin2,
        x.admin3,
        x.place_name,
        latitude,
        longitude,
        _GEO_PRECISION.get(x.location_precision, "2"),
        formats.LIST_SEPARATOR.join(x.sources),
        x.summary,
        str(fatalities),
        x.type,
        x.status,
        x.finding,
    ]


def export_acled_csv(
    engine: Engine,
    *,
    flt: incidents_service.IncidentFilter,
    user: User | None = None,
    everything: bool = False,
) -> Iterator[str]:
    """ACLED-compatible CSV, produced in batches so a large export never waits or truncates.
    Our own id, status and finding follow ACLED's columns (ACLED readers ignore them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    with transaction(engine) as session:
        for number, incident in enumerate(
            session.execute(_query(flt, user, everything, ACLED_SOURCE_COLUMNS)), start=1
        ):
            writer.writerow(acled_row(incident))
            if number % BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def feature(x: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": x.id,
        # stored before intake refused impossible places, a NaN would make the file non-JSON
        "geometry": x.geometry if checks.geometry_problem(x.geometry) is None else None,
        "properties": {
            "type": x.type,
            "status": x.status,
            "finding": x.finding,
            "summary": x.summary,
            "occurred": x.time_label,
            "start": x.start_at.isoformat(),
            "end": x.end_at.isoformat(),
            "time_precision": x.time_precision,
            "agreement": x.agreement_id,
            "place_name": x.place_name,
            "country": x.country,
            "admin1": x.admin1,
            "admin2": x.admin2,
            "admin3": x.admin3,
            "location_precision": x.location_precision,
            "actors": x.actors,
            "casualties": x.casualties,
            "sources": x.sources,
            "external_id": x.external_id,
        },
    }


def export_geojson(
    engine: Engine,
    *,
    flt: incidents_service.IncidentFilter,
    user: User | None = None,
    everything: bool = False,
) -> Iterator[str]:
    """A GeoJSON FeatureCollection, streamed feature by feature in batches."""
    yield '{"type": "FeatureCollection", "features": [\n'
    parts: list[str] = []
    first = True
    with transaction(engine) as session:
        for incident in session.execute(_query(flt, user, everything)):
            parts.append(
                ("" if first else ",\n") + json.dumps(feature(incident), ensure_ascii=False)
            )
            first = False
            if len(parts) >= BATCH:
                yield "".join(parts)
                parts.clear()
    yield "".join(parts) + "\n]}\n"
