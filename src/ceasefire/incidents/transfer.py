"""Imports (all or nothing, or skipping bad rows) and streamed exports (ACLED CSV, GeoJSON)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Table, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.aliases import Aliases
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import transaction, utcnow
from ceasefire.errors import (
    CeasefireError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Problem,
)
from ceasefire.incidents import formats, intake
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import (
    Incident,
    IncidentObligation,
    IncidentReport,
    IncidentStatus,
    IncidentVersion,
)
from ceasefire.incidents.schemas import Channel
from ceasefire.taxonomy.incident_types import to_acled

MEDIA_TYPES = {
    formats.ImportFormat.CSV: "text/csv",
    formats.ImportFormat.ACLED: "text/csv",
    formats.ImportFormat.UCDP: "text/csv",
    formats.ImportFormat.GEOJSON: "application/geo+json",
}
#: Columns a source's revision may change; status, finding and who created it stay.
REVISABLE = (
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
    "source_fields",
    "source_version",
    "source_sha256",
)
#: Source columns an incident has a field for: their spelling (a date's form) is no revision.
_MODELLED = formats.ACLED_MODELLED | formats.UCDP_MODELLED
_FINGERPRINTED = tuple(name for name in REVISABLE if not name.startswith("source_"))
BATCH = 2000
Progress = Callable[[int, int], None]


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def fingerprint(values: dict[str, Any], source_fields: dict[str, str] | None) -> str:
    """The SHA-256 of what an incident is made of: its column values, and the source's non-empty
    columns it has no field for (ACLED's inter codes, tags, timestamp). The same event written
    again, whatever the form of its dates or numbers, has the same fingerprint. (Python's
    `repr` of plain values is the canonical text: several times faster than sorted JSON.)"""
    kept = sorted(
        (k, v) for k, v in (source_fields or {}).items() if v != "" and k not in _MODELLED
    )
    made = [values[name] for name in _FINGERPRINTED]
    return hashlib.sha256(repr((made, kept)).encode()).hexdigest()


def _newer(incoming: str | None, stored: str | None) -> bool:
    """Whether the source's version stamp `incoming` is not older than `stored`."""
    if incoming is None or stored is None:
        return True
    if incoming.isdigit() and stored.isdigit():
        return int(incoming) >= int(stored)
    return incoming >= stored


@dataclass
class ImportResult:
    report_id: int | None
    encoding: str = "utf-8"
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    older: int = 0
    refused: list[Problem] = field(default_factory=list)
    reasons: dict[str, list[int]] = field(default_factory=dict)  # reason -> lines
    unmapped: Counter[str] = field(default_factory=Counter)  # actor name -> rows
    mapped: bool = False  # whether actors were mapped through an agreement's aliases

    @property
    def imported(self) -> int:
        return self.new + self.revised

    def refuse(self, source_name: str, line: int, reason: str, message: str) -> None:
        self.refused.append(Problem(source_name, line, message))
        self.reasons.setdefault(reason, []).append(line)

    def summary(self, source_name: str) -> list[str]:
        """The import in a few lines: counts, refusals grouped by reason (with their first lines
        and a refused value), unmapped actors by count."""
        lines = [
            f"{source_name}: {self.new} new, {self.revised} revised, {self.unchanged} unchanged, "
            + (f"{self.older} older than stored, " if self.older else "")
            + f"{len(self.refused)} refused"
            + (f" (report {self.report_id})" if self.report_id is not None else "")
        ]
        if self.refused:
            lines.append(f"{len(self.refused)} rows refused:")
            messages = {p.line: p.message for p in self.refused}
            for reason, where in sorted(self.reasons.items(), key=lambda x: (-len(x[1]), x[0])):
                lines.append(f"  {reason} ({len(where)})")
                lines.extend(f"    {source_name}:{n}: {messages.get(n, '')}" for n in where[:3])
                if len(where) > 3:
                    lines.append(f"    ... and {len(where) - 3} more rows")
        if self.unmapped:
            why = "no party alias matches" if self.mapped else "no --agreement to map them"
            lines.append(
                f"{sum(self.unmapped.values())} actors kept as written, without a party ({why}):"
            )
            for name, count in self.unmapped.most_common(20):
                lines.append(f"  {name} ({count})")
            if len(self.unmapped) > 20:
                lines.append(f"  ... and {len(self.unmapped) - 20} more names")
        return lines


class ImportRefusedError(InvalidInputError):
    """An import that stored nothing: rows were refused (all or nothing), or every row was."""

    def __init__(self, result: ImportResult, source_name: str) -> None:
        super().__init__(result.refused)
        self.result = result
        self.source_name = source_name


@dataclass
class _Pending:
    line: int
    row: formats.Row
    values: dict[str, Any]
    sha256: str


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in values.items()}


def _existing(session: Session, batch: list[_Pending]) -> dict[str, Any]:
    """Stored incidents the batch's rows may be: by source id, or (rows without one) by
    fingerprint. Keys are 'id:<source id>' and 'sha:<fingerprint>'."""
    table = _table(Incident)
    columns = [table.c.id, *[table.c[name] for name in REVISABLE]]
    found: dict[str, Any] = {}
    ids = list({p.values["external_id"] for p in batch if p.values["external_id"]})
    if ids:
        for row in session.execute(select(*columns).where(table.c.external_id.in_(ids))):
            found.setdefault(f"id:{row.external_id}", row)
    shas = list({p.sha256 for p in batch if not p.values["external_id"]})
    if shas:
        for row in session.execute(
            select(*columns).where(table.c.source_sha256.in_(shas), table.c.external_id.is_(None))
        ):
            found.setdefault(f"sha:{row.source_sha256}", row)
    return found


def _store(
    session: Session,
    batch: list[_Pending],
    *,
    report_id: int,
    actor: intake.ActorLike,
    result: ImportResult,
) -> tuple[list[int], list[int]]:
    """Store a batch of checked rows: new ones inserted in bulk, identical ones left alone,
    revised ones updated with their previous values kept as a version. Returns new and revised
    ids."""
    existing = _existing(session, batch)
    fresh: list[_Pending] = []
    revised: list[int] = []
    for pending in batch:
        key = (
            f"id:{pending.values['external_id']}"
            if pending.values["external_id"]
            else f"sha:{pending.sha256}"
        )
        stored = existing.get(key)
        if stored is None:
            fresh.append(pending)
            existing[key] = None  # a second row of the same id in this batch is caught before
            continue
        if stored.source_sha256 == pending.sha256:
            result.unchanged += 1
            continue
        if not _newer(pending.values["source_version"], stored.source_version):
            result.older += 1
            continue
        revised.append(_revise(session, stored, pending, report_id=report_id, actor=actor))
        result.revised += 1
    ids: list[int] = []
    if fresh:
        ids = _insert_incidents(session, [p.values for p in fresh])
        links = [
            {
                "incident_id": i,
                "agreement_id": p.row.data.agreement,
                "obligation_id": link.obligation,
                "effect": link.effect,
            }
            for i, p in zip(ids, fresh, strict=True)
            for link in p.row.data.obligations
        ]
        if links:
            session.execute(insert(_table(IncidentObligation)), links)
        result.new += len(ids)
    backed = ids + revised
    if backed:
        session.execute(
            insert(_table(IncidentReport)),
            [{"incident_id": i, "report_id": report_id} for i in backed],
        )
    return ids, revised


def _insert_incidents(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert incidents in bulk and return their ids in order. SQLite would insert one row a
    statement to return ordered ids; inside our write transaction (SQLite has one writer) its
    rowids are the next ones after the largest, so one executemany does and the count checks."""
    table = _table(Incident)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # Ids drawn from the sequence first, then one executemany: a RETURNING insert of
        # thousands of rows is one huge statement the driver parses again every batch.
        ids = list(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence('incidents', 'id')) "
                    "FROM generate_series(1, :n)"
                ),
                {"n": len(rows)},
            )
        )
        session.execute(insert(table), [row | {"id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    if dialect != "sqlite":
        return list(
            session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        )
    before = session.scalar(select(func.max(table.c.id))) or 0
    session.execute(insert(table), rows)
    after = session.scalar(select(func.max(table.c.id))) or 0
    if after - before != len(rows):
        raise ConflictError("incidents were written by another writer during the import")
    return list(range(before + 1, after + 1))


def _revise(
    session: Session, stored: Any, pending: _Pending, *, report_id: int, actor: intake.ActorLike
) -> int:
    """Keep the stored values as a version, then write the source's revision over them."""
    incident_id = int(stored.id)
    before = {name: getattr(stored, name) for name in REVISABLE}
    after = {name: pending.values[name] for name in REVISABLE}
    count = session.scalar(
        select(func.count())
        .select_from(IncidentVersion)
        .where(IncidentVersion.incident_id == incident_id)
    )
    version = (count or 0) + 1
    session.execute(
        insert(_table(IncidentVersion)),
        [
            {
                "incident_id": incident_id,
                "version": version,
                "values": _jsonable(before),
                "source_version": stored.source_version,
                "source_sha256": stored.source_sha256,
                "report_id": report_id,
                "superseded_at": utcnow(),
                "superseded_by": intake.actor_name(actor),
            }
        ],
    )
    session.execute(
        update(_table(Incident))
        .where(Incident.id == incident_id)
        .values(**after, updated_at=utcnow())
    )
    if pending.row.data.obligations:
        session.execute(
            delete(IncidentObligation).where(IncidentObligation.incident_id == incident_id)
        )
        session.execute(
            insert(_table(IncidentObligation)),
            [
                {
                    "incident_id": incident_id,
                    "agreement_id": pending.row.data.agreement,
                    "obligation_id": link.obligation,
                    "effect": link.effect,
                }
                for link in pending.row.data.obligations
            ],
        )
    changed = sorted(
        name
        for name in REVISABLE
        if name not in ("source_sha256", "source_fields") and before[name] != after[name]
    )
    emit(
        session,
        DomainEvent(
            "incident-revised",
            intake.actor_name(actor),
            "incident",
            str(incident_id),
            {
                "version": version + 1,
                "report": report_id,
                "source_version": [stored.source_version, pending.values["source_version"]],
                "changed": changed,
            },
        ),
    )
    return incident_id


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
    day_month: formats.DayMonth | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row, then store them all, or none: any refused row raises ImportRefusedError
    naming each bad row's line and reason. With `skip_bad` the good rows go in and the refused
    ones are returned (and if every row was refused, nothing is stored and it raises too).

    Idempotent: a row whose source id (ACLED's `event_id_cnty`, a GeoJSON feature's id; rows
    without one: their fingerprint) is stored already changes nothing when identical, and
    becomes a new version of that incident when the source revised it (an older one, by the
    source's version stamp, is left alone). The file itself is kept as one immutable report
    behind every incident it created or revised. Rows are checked and stored in batches."""
    incidents_service.require_writer(actor)
    text = formats.Source.of(content)
    encoding = text.encoding
    aliases = (
        agreements_service.party_aliases(session, agreement_id=agreement)
        if agreement
        else Aliases()
    )
    zones: dict[str | None, ZoneInfo] = {}  # each agreement's zone, looked up once
    options = formats.Options(agreement=agreement, day_month=day_month, aliases=aliases)
    result = ImportResult(None, encoding, mapped=bool(agreement))
    report = incidents_service.store_report(
        session,
        channel=Channel.IMPORT,
        content=content,
        actor=actor,
        media_type=MEDIA_TYPES[fmt],
        source=source_name,
        title=f"{fmt.value} import",
    )
    result.report_id = report.id
    total = max(content.count(b"\n"), 1)
    seen: dict[str, tuple[int, str]] = {}  # source id or fingerprint -> (line, fingerprint)
    batch: list[_Pending] = []
    new_ids: list[int] = []
    revised_ids: list[int] = []

    def flush() -> None:
        if batch and (skip_bad or not result.refused):
            ids, revised = _store(session, batch, report_id=report.id, actor=actor, result=result)
            new_ids.extend(ids)
            revised_ids.extend(revised)
        batch.clear()

    for line, parsed in formats.parse(fmt, text, options):
        if isinstance(parsed, formats.Refused):
            result.refuse(source_name, line, parsed.reason, parsed.message)
            continue
        try:
            values = intake.incident_values(
                session, data=parsed.data, status=status, actor=actor, zones=zones
            )
        except (CeasefireError, ValueError) as exc:
            message = str(exc)
            result.refuse(source_name, line, message.split(" '")[0].split(' "')[0], message)
            continue
        sha = fingerprint(values, parsed.source_fields)
        key = parsed.data.external_id or f"sha:{sha}"
        if key in seen:
            first_line, first_sha = seen[key]
            if first_sha == sha:
                result.unchanged += 1
            else:
                result.refuse(
                    source_name,
                    line,
                    "source id repeated with other values",
                    f"source id {parsed.data.external_id!r} repeated with other values "
                    f"(first at line {first_line})",
                )
            continue
        seen[key] = (line, sha)
        values.update(
            source_fields=parsed.source_fields,
            source_version=parsed.source_version,
            source_sha256=sha,
        )
        result.unmapped.update(parsed.unmapped)
        batch.append(_Pending(line, parsed, values, sha))
        if len(batch) >= BATCH:
            flush()
            if progress is not None:
                progress(line, total)
    flush()
    if progress is not None:
        progress(total, total)
    stored_any = result.new or result.revised or result.unchanged or result.older
    if result.refused and (not skip_bad or not stored_any):
        raise ImportRefusedError(result, source_name)
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
                "encoding": encoding,
                "imported": len(new_ids),
                "first_id": new_ids[0] if new_ids else None,
                "last_id": new_ids[-1] if new_ids else None,
                "revised": revised_ids,
                "unchanged": result.unchanged,
                "older": result.older,
                "refused_lines": [p.line for p in result.refused],
            },
        ),
    )
    return result


# --- exports -------------------------------------------------------------------------------------

#: The columns of an ACLED export, in its order (`iso3` as older exports have it).
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "iso3",
]
#: What ACLED's columns cannot say exactly, for our own imports (ACLED readers ignore them).
CEASEFIRE_COLUMNS = [
    "ceasefire_id",
    "ceasefire_type",
    "ceasefire_status",
    "ceasefire_finding",
    "ceasefire_agreement",
    "ceasefire_occurred",
    "ceasefire_time_precision",
    "ceasefire_area",
    "ceasefire_location_precision",
    "ceasefire_geometry",
    "ceasefire_actors",
    "ceasefire_casualties",
    "ceasefire_sources",
]
#: The columns an ACLED row is made of (decoding fewer JSON and time columns is faster).
ACLED_SOURCE_COLUMNS = (
    "id",
    "agreement_id",
    "external_id",
    "start_at",
    "time_label",
    "time_precision",
    "type",
    "actors",
    "casualties",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "area_id",
    "place_name",
    "geometry",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "location_precision",
    "sources",
    "summary",
    "status",
    "finding",
    "source_fields",
)
_TIME_PRECISION = {"exact": "1", "day": "1", "week": "2", "month": "3"}
_GEO_PRECISION = {"exact": "1", "near": "2", "district": "2", "region": "3"}
_UTC = ZoneInfo("UTC")


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
    return formats.ACLED_LIST_SEPARATOR.join(a["name"] for a in actors if a.get("role") == role)


def _point(geometry: Any) -> tuple[float, float] | None:
    """(lon, lat) of a plain two-coordinate GeoJSON point, else None."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if (
        isinstance(coordinates, list)
        and len(coordinates) == 2
        and all(isinstance(c, float | int) and not isinstance(c, bool) for c in coordinates)
    ):
        return float(coordinates[0]), float(coordinates[1])
    return None


def _coordinates(x: Any) -> tuple[str, str]:
    """Latitude and longitude: a point's own (exactly), else the middle of the bounding box."""
    point = _point(x.geometry)
    if point is not None:
        return repr(point[1]), repr(point[0])
    if x.min_lon is None or x.max_lon is None or x.min_lat is None or x.max_lat is None:
        return "", ""
    return f"{(x.min_lat + x.max_lat) / 2:.5f}", f"{(x.min_lon + x.max_lon) / 2:.5f}"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fatalities(casualties: list[dict[str, Any]]) -> int:
    return sum(
        int(c.get("killed_military", 0))
        + int(c.get("killed_civilian", 0))
        + int(c.get("killed_unspecified", 0))
        for c in casualties
    )


def local_day(x: Any, zones: dict[str, str]) -> str:
    """The day an incident began in its agreement's zone (the day a monitor sees), ISO."""
    zone = ZoneInfo(zones[x.agreement_id]) if x.agreement_id in zones else _UTC
    return str(x.start_at.astimezone(zone).date().isoformat())


def acled_row(x: Any, zones: dict[str, str]) -> list[str]:
    """One ACLED CSV row of an incident (a plain row of the incidents table, or an ORM object):
    ACLED's columns (the source's own values for those an incident has no field for), then
    ours. Every cell is neutralised against spreadsheet formulas."""
    event_type, sub_event_type = to_acled(x.type)
    latitude, longitude = _coordinates(x)
    kept = x.source_fields or {}
    day = local_day(x, zones)
    acled = {
        "event_id_cnty": x.external_id or f"CF{x.id}",
        "event_date": day,
        "year": day[:4],
        "time_precision": _TIME_PRECISION.get(x.time_precision, "1"),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": _actor(x.actors, "actor1"),
        "assoc_actor_1": _actor(x.actors, "associated with actor1"),
        "actor2": _actor(x.actors, "actor2"),
        "assoc_actor_2": _actor(x.actors, "associated with actor2"),
        "country": kept.get("country", "") or (x.country or ""),
        "admin1": x.admin1,
        "admin2": x.admin2,
        "admin3": x.admin3,
        "location": x.place_name,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": _GEO_PRECISION.get(x.location_precision, "2"),
        "source": formats.ACLED_LIST_SEPARATOR.join(x.sources),
        "notes": x.summary,
        "fatalities": str(fatalities(x.casualties)),
        "iso3": x.country or "",
    }
    ours = [
        str(x.id),
        x.type,
        x.status,
        x.finding,
        x.agreement_id or "",
        x.time_label,
        x.time_precision,
        x.area_id or "",
        x.location_precision,
        "" if x.geometry is None or _point(x.geometry) is not None else _dumps(x.geometry),
        _dumps(x.actors),
        _dumps(x.casualties),
        _dumps(x.sources),
    ]
    cells = [acled[c] if c in acled else str(kept.get(c, "")) for c in ACLED_COLUMNS] + ours
    return [formats.neutralise(cell) for cell in cells]


def _zones(session: Session) -> dict[str, str]:
    return agreements_service.timezones(session)


def export_acled_csv(
    engine: Engine,
    *,
    flt: incidents_service.IncidentFilter,
    user: User | None = None,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """ACLED-compatible CSV, produced in batches so a large export never waits or truncates.
    Dates are the days in each agreement's zone; our own columns follow ACLED's."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ACLED_COLUMNS + CEASEFIRE_COLUMNS)
    with transaction(engine) as session:
        zones = _zones(session)
        for number, incident in enumerate(
            session.execute(_query(flt, user, everything, ACLED_SOURCE_COLUMNS)), start=1
        ):
            writer.writerow(acled_row(incident, zones))
            if number % BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
                if progress is not None:
                    progress(number)
    yield buffer.getvalue()


#: The HXL export: (column header, HXL hashtag, value of an ACLED row's column or ours).
HXL_COLUMNS = (
    ("event_id", "#event+id", "event_id_cnty"),
    ("event_date", "#date+occurred", "event_date"),
    ("event_type", "#event+type", "event_type"),
    ("sub_event_type", "#event+type+sub", "sub_event_type"),
    ("incident_type", "#event+type+code", "ceasefire_type"),
    ("actor1", "#group+name+first", "actor1"),
    ("actor2", "#group+name+second", "actor2"),
    ("country_code", "#country+code", "iso3"),
    ("admin1", "#adm1+name", "admin1"),
    ("admin2", "#adm2+name", "admin2"),
    ("admin3", "#adm3+name", "admin3"),
    ("location", "#loc+name", "location"),
    ("latitude", "#geo+lat", "latitude"),
    ("longitude", "#geo+lon", "longitude"),
    ("fatalities", "#affected+killed", "fatalities"),
    ("source", "#meta+source", "source"),
    ("notes", "#description", "notes"),
    ("finding", "#status+finding", "ceasefire_finding"),
    ("agreement", "#meta+agreement", "ceasefire_agreement"),
)
_ACLED_INDEX = {name: i for i, name in enumerate(ACLED_COLUMNS + CEASEFIRE_COLUMNS)}


def export_hxl_csv(
    engine: Engine,
    *,
    flt: incidents_service.IncidentFilter,
    user: User | None = None,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """CSV for the Humanitarian Data Exchange: a header row, then a row of HXL hashtags
    (#date+occurred, #adm1+name, #geo+lat, #affected+killed ...), then one row an incident."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c[0] for c in HXL_COLUMNS])
    writer.writerow([c[1] for c in HXL_COLUMNS])
    picks = [_ACLED_INDEX[c[2]] for c in HXL_COLUMNS]
    with transaction(engine) as session:
        zones = _zones(session)
        for number, incident in enumerate(
            session.execute(_query(flt, user, everything, ACLED_SOURCE_COLUMNS)), start=1
        ):
            row = acled_row(incident, zones)
            writer.writerow([row[i] for i in picks])
            if number % BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
                if progress is not None:
                    progress(number)
    yield buffer.getvalue()


def feature(x: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": x.id,
        "geometry": x.geometry,
        "properties": {
            "type": x.type,
            "status": x.status,
            "finding": x.finding,
            "summary": x.summary,
            "occurred": x.time_label.partition("/")[0],
            "occurred_end": x.time_label.partition("/")[2] or None,
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
            "area": x.area_id,
            "external_id": x.external_id,
            "source_fields": x.source_fields,
            "source_version": x.source_version,
        },
    }


def export_geojson(
    engine: Engine,
    *,
    flt: incidents_service.IncidentFilter,
    user: User | None = None,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """A GeoJSON FeatureCollection, streamed feature by feature in batches."""
    yield '{"type": "FeatureCollection", "features": [\n'
    parts: list[str] = []
    first = True
    number = 0
    with transaction(engine) as session:
        for incident in session.execute(_query(flt, user, everything)):
            parts.append(
                ("" if first else ",\n") + json.dumps(feature(incident), ensure_ascii=False)
            )
            first = False
            number += 1
            if len(parts) >= BATCH:
                yield "".join(parts)
                parts.clear()
                if progress is not None:
                    progress(number)
    yield "".join(parts) + "\n]}\n"
