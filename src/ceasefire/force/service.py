"""The force's records in the store: recording, correcting and importing them (checked against
their agreement, each in the audit record with the whole row), and reading them.

Keyword-only arguments, session first. What they say for compliance is `force.evidence`; a
period's activity for the daily report is `force.daily`; their JSON shape is `force.public`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.accounts import permissions
from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.models import AgreementParty
from ceasefire.audit.events import DomainEvent, emit
from ceasefire.db import utcnow
from ceasefire.errors import InvalidInputError, NotFoundError, Problem
from ceasefire.force import csvfiles, records, totals
from ceasefire.force.csvfiles import Kind
from ceasefire.force.models import Count, Movement, MovementKind, Post, StrengthReport
from ceasefire.force.public import Record, as_fields, public
from ceasefire.geo import gazetteer
from ceasefire.geo.areas import AreaShape
from ceasefire.geo.names import normalise
from ceasefire.geo.resolver import resolve_names
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.intake import ActorLike, actor_name
from ceasefire.incidents.models import Incident
from ceasefire.incidents.schemas import Channel


def require_writer(actor: ActorLike) -> None:
    """Who may record force records: the monitoring staff (never a conflict party's liaison)."""
    if isinstance(actor, User):
        permissions.require(permissions.can_write_incidents(actor), "record force records")


# --- the agreement's facts ----------------------------------------------------------------------


def context(session: Session, *, agreement_id: str) -> records.Context:
    """What checking a record of this agreement needs: its zone, parties, limited categories,
    areas, and a way to find a place (its areas first, then the gazetteer)."""
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    parties = session.scalars(
        select(AgreementParty.code).where(AgreementParty.agreement_id == agreement_id)
    ).all()
    obligation_specs, amendment_specs = agreements_service.specs(session, agreement=agreement)
    measures = [x.measure for o in obligation_specs for x in o.limits]
    measures += [x.measure for a in amendment_specs for x in a.limits or ()]
    areas = agreements_service.areas(session, agreement_id=agreement_id)
    shapes = {
        a.id: AreaShape(a.geometry, width_km=a.width_km if a.kind == "corridor" else None)
        for a in areas
        if a.geometry is not None
    }
    by_name: dict[str, list[tuple[float, float]]] = {}
    for area in areas:
        points = _area_points(area.geometry)
        if not points:
            continue
        for name in [area.id, area.name, *area.alternate_names]:
            by_name.setdefault(normalise(name), points)
    countries = Counter(p for p in parties if len(p) == 3 and p.isalpha())

    def find_place(name: str) -> list[tuple[float, float]] | None:
        found = by_name.get(normalise(name))
        if found:
            return found
        (resolution,) = resolve_names(gazetteer.load(), [name], context_countries=countries)
        if resolution.place is None or resolution.fallback:
            return None
        return [(resolution.place.lat, resolution.place.lon)]

    return records.Context(
        agreement_id=agreement_id,
        zone=ZoneInfo(agreement.timezone),
        parties=frozenset(parties),
        categories=records.categories(measures),
        shapes=shapes,
        area_ids=frozenset(a.id for a in areas),
        find_place=find_place,
    )


def _area_points(geometry: dict[str, Any] | None) -> list[tuple[float, float]]:
    """An area as route points (lat, lon): a point itself, a line its vertices, a shape its middle."""
    if geometry is None:
        return []
    if geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        return [(float(lat), float(lon))]
    if geometry.get("type") == "LineString":
        return [(float(lat), float(lon)) for lon, lat, *_ in geometry["coordinates"]]
    middle = shape(geometry).representative_point()
    return [(float(middle.y), float(middle.x))]


# --- recording ----------------------------------------------------------------------------------


def record(
    session: Session,
    *,
    agreement_id: str,
    kind: Kind,
    fields: Mapping[str, object],
    actor: ActorLike,
    where: str = "request",
) -> Record:
    """Check one record of `kind` given as fields (a form, a JSON body) and store it, or raise
    InvalidInputError naming each refused field (`where`: what the fields came from)."""
    require_writer(actor)
    ctx = context(session, agreement_id=agreement_id)
    _refuse_unknown_fields(kind, fields, where)
    try:
        checked = csvfiles.checker(kind)(dict(fields), ctx)
    except records.RecordError as exc:
        raise InvalidInputError([Problem(where, 0, str(p)) for p in exc.problems]) from None
    problems = _incident_problems(session, agreement_id=agreement_id, checked=checked)
    if problems:
        raise InvalidInputError([Problem(where, 0, p) for p in problems])
    return _store(session, agreement_id=agreement_id, checked=checked, actor=actor)


def correct(
    session: Session,
    *,
    agreement_id: str,
    kind: Kind,
    record_id: int,
    fields: Mapping[str, object],
    actor: ActorLike,
    where: str = "request",
) -> Record:
    """Correct a record: the fields given replace its own (an empty value clears an optional
    one), the whole is checked again as a new record would be, and the row takes the new
    values with its version raised; the audit entry `*-corrected` keeps both versions."""
    require_writer(actor)
    _refuse_unknown_fields(kind, fields, where)
    row = get(session, kind=kind, record_id=record_id)
    if row.agreement_id != agreement_id:
        raise NotFoundError(f"no {kind.value} record {record_id} of {agreement_id}")
    merged: dict[str, object] = {**as_fields(row), **fields}
    if "route" in fields and "places" not in fields:
        merged.pop("places", None)  # a new line replaces the places it was drawn from
    if "places" in fields and "route" not in fields:
        merged.pop("route", None)
    merged = {k: v for k, v in merged.items() if v not in (None, "")}
    before = public(row)
    ctx = context(session, agreement_id=agreement_id)
    try:
        checked = csvfiles.checker(kind)(merged, ctx)
    except records.RecordError as exc:
        raise InvalidInputError([Problem(where, 0, str(p)) for p in exc.problems]) from None
    problems = _incident_problems(session, agreement_id=agreement_id, checked=checked)
    if problems:
        raise InvalidInputError([Problem(where, 0, p) for p in problems])
    by = actor_name(actor)
    fresh, name, object_type = _build(checked, agreement_id=agreement_id, by=by)
    for column in type(row).__table__.columns:
        if column.key not in {"id", "agreement_id", "created_at", "created_by", "version"}:
            setattr(row, column.key, getattr(fresh, column.key))
    row.version += 1
    session.flush()
    emit(
        session,
        DomainEvent(
            name.replace("-recorded", "-corrected"), by, object_type, str(row.id),
            {"version": row.version, "before": before, "after": public(row)},
        ),
    )  # fmt: skip
    return row


def _refuse_unknown_fields(kind: Kind, fields: Mapping[str, object], where: str) -> None:
    """A field the kind does not have is named, not dropped (a strength report's unknown field
    is named by its check, as a category the agreement does not limit)."""
    if kind is Kind.STRENGTH:
        return
    expected = ", ".join(csvfiles.COLUMNS[kind])
    unknown = [name for name in fields if name not in csvfiles.COLUMNS[kind]]
    if unknown:
        raise InvalidInputError(
            [
                Problem(where, 0, f"{name}: not a field of {kind.value} ({expected})")
                for name in unknown
            ]
        )


@dataclass(frozen=True)
class ImportResult:
    imported: int
    refused: list[Problem]
    report_id: int


def import_csv(
    session: Session,
    *,
    agreement_id: str,
    kind: Kind,
    content: bytes,
    source_name: str,
    actor: ActorLike,
    skip_bad: bool = False,
) -> ImportResult:
    """Import a CSV file of one kind. All or nothing: any refused row refuses the whole file,
    each named as FILE:LINE (InvalidInputError); with `skip_bad`, the good rows are stored and
    the refused ones returned. The file is kept as an immutable report."""
    require_writer(actor)
    ctx = context(session, agreement_id=agreement_id)
    read = csvfiles.read(content, kind=kind, source_name=source_name, ctx=ctx)
    refused = list(read.refused)
    good: list[csvfiles.Checked] = []
    known = _incident_ids(session, agreement_id=agreement_id)
    for line, checked in read.rows:
        missing = _missing_incidents(checked, known)
        if missing:
            refused.append(Problem(source_name, line, missing))
        else:
            good.append(checked)
    file_level = any(p.line == 1 for p in read.refused) and not read.rows
    if refused and (not skip_bad or file_level):
        raise InvalidInputError(refused)
    report = incidents_service.store_report(
        session,
        channel=Channel.IMPORT,
        content=content,
        actor=actor,
        media_type="text/csv",
        source=source_name,
        title=f"{kind.value} records for {agreement_id}",
    )
    _store_all(session, agreement_id=agreement_id, checked=good, actor=actor, report=report.id)
    return ImportResult(len(good), sorted(refused), report.id)


def _incident_ids(session: Session, *, agreement_id: str) -> set[int]:
    return set(
        session.scalars(select(Incident.id).where(Incident.agreement_id == agreement_id)).all()
    )


def _missing_incidents(checked: csvfiles.Checked, known: set[int]) -> str:
    if not isinstance(checked, records.MovementIn):
        return ""
    missing = [i for i in checked.incidents if i not in known]
    if not missing:
        return ""
    return "incidents: no incident " + ", ".join(f"#{i}" for i in missing) + " of this agreement"


def _incident_problems(
    session: Session, *, agreement_id: str, checked: csvfiles.Checked
) -> list[str]:
    if not isinstance(checked, records.MovementIn) or not checked.incidents:
        return []
    missing = _missing_incidents(checked, _incident_ids(session, agreement_id=agreement_id))
    return [missing] if missing else []


def _store(
    session: Session,
    *,
    agreement_id: str,
    checked: csvfiles.Checked,
    actor: ActorLike,
    report: int | None = None,
) -> Record:
    return _store_all(
        session, agreement_id=agreement_id, checked=[checked], actor=actor, report=report
    )[0]


def _store_all(
    session: Session,
    *,
    agreement_id: str,
    checked: Sequence[csvfiles.Checked],
    actor: ActorLike,
    report: int | None = None,
) -> list[Record]:
    """Store checked records in one flush, then write each one's audit entry (the whole row)."""
    by = actor_name(actor)
    built = [_build(item, agreement_id=agreement_id, by=by) for item in checked]
    session.add_all([row for row, _, _ in built])
    session.flush()
    for row, name, object_type in built:
        payload = public(row)
        if report is not None:
            payload["report"] = report
        emit(session, DomainEvent(name, by, object_type, str(row.id), payload))
    return [row for row, _, _ in built]


def _build(checked: csvfiles.Checked, *, agreement_id: str, by: str) -> tuple[Record, str, str]:
    """The row of a checked record, its audit event's name and object type."""
    row: Record
    if isinstance(checked, records.StrengthIn):
        row = StrengthReport(
            agreement_id=agreement_id, contributor=checked.contributor,
            date_label=checked.date.label, start_at=checked.date.start, end_at=checked.date.end,
            figures=checked.figures, source=checked.source, note=checked.note, created_by=by,
        )  # fmt: skip
        name, object_type = "strength-report-recorded", "strength-report"
    elif isinstance(checked, records.PostIn):
        row = Post(
            agreement_id=agreement_id, name=checked.name, kind=checked.kind.value,
            contributor=checked.contributor, lat=checked.lat, lon=checked.lon,
            area_id=checked.area, opened_label=checked.opened.label,
            opened_at=checked.opened.start,
            closed_label=checked.closed.label if checked.closed else None,
            closed_at=checked.closed.end if checked.closed else None,
            outside_areas=checked.outside_areas, source=checked.source, note=checked.note,
            created_by=by,
        )  # fmt: skip
        name, object_type = "post-recorded", "post"
    elif isinstance(checked, records.MovementIn):
        row = Movement(
            agreement_id=agreement_id, kind=checked.kind.value,
            start_label=checked.start.label, start_at=checked.start.start,
            end_label=checked.end.label, end_at=max(checked.end.end, checked.start.start),
            participants=list(checked.participants), route=checked.geometry(),
            places=list(checked.places), cargo=checked.cargo,
            incident_ids=list(checked.incidents), source=checked.source, note=checked.note,
            created_by=by,
        )  # fmt: skip
        name, object_type = f"{checked.kind.value}-recorded", checked.kind.value
    else:
        row = Count(
            agreement_id=agreement_id, series=checked.series, date_label=checked.date.label,
            start_at=checked.date.start, end_at=checked.date.end, value=checked.value,
            total=checked.total, unit=checked.unit, source=checked.source, note=checked.note,
            created_by=by,
        )  # fmt: skip
        name, object_type = "count-recorded", "count"
    row.created_at = utcnow()
    row.version = 1
    return row, name, object_type


# --- reading ------------------------------------------------------------------------------------


def strength_reports(session: Session, *, agreement_id: str) -> list[StrengthReport]:
    return list(
        session.scalars(
            select(StrengthReport)
            .where(StrengthReport.agreement_id == agreement_id)
            .order_by(StrengthReport.end_at, StrengthReport.id)
        )
    )


def posts(session: Session, *, agreement_id: str) -> list[Post]:
    return list(
        session.scalars(
            select(Post).where(Post.agreement_id == agreement_id).order_by(Post.opened_at, Post.id)
        )
    )


def movements(
    session: Session,
    *,
    agreement_id: str,
    start: dt.datetime | None = None,
    before: dt.datetime | None = None,
    kind: MovementKind | None = None,
) -> list[Movement]:
    """Patrols and convoys whose time overlaps [start, before), in time order."""
    query = select(Movement).where(Movement.agreement_id == agreement_id)
    if start is not None:
        query = query.where(Movement.end_at >= start)
    if before is not None:
        query = query.where(Movement.start_at < before)
    if kind is not None:
        query = query.where(Movement.kind == kind.value)
    return list(session.scalars(query.order_by(Movement.start_at, Movement.id)))


def counts(session: Session, *, agreement_id: str) -> list[Count]:
    return list(
        session.scalars(
            select(Count)
            .where(Count.agreement_id == agreement_id)
            .order_by(Count.series, Count.end_at, Count.id)
        )
    )


def get(session: Session, *, kind: Kind, record_id: int) -> Record:
    row: Record | None
    if kind is Kind.STRENGTH:
        row = session.get(StrengthReport, record_id)
    elif kind is Kind.POSTS:
        row = session.get(Post, record_id)
    elif kind is Kind.TOTALS:
        row = session.get(Count, record_id)
    else:
        row = session.get(Movement, record_id)
        wanted = MovementKind.PATROL if kind is Kind.PATROLS else MovementKind.CONVOY
        row = row if row is not None and row.kind == wanted.value else None
    if row is None:
        raise NotFoundError(f"no {kind.value} record {record_id}")
    return row


def running_totals(session: Session, *, agreement_id: str) -> dict[str, list[totals.Point]]:
    """Each counted series with its running total after every entry."""
    return totals.running(entry(c) for c in counts(session, agreement_id=agreement_id))


def totals_public(session: Session, *, agreement_id: str) -> list[dict[str, Any]]:
    """Every counted series' entries with the running total after each, as JSON."""
    series = running_totals(session, agreement_id=agreement_id)
    return [
        {
            "series": name,
            "date": p.entry.label,
            "value": p.entry.value,
            "total": p.total,
            "gap": p.gap,
            "unit": p.entry.unit,
            "source": p.entry.source,
        }
        for name, points in sorted(series.items())
        for p in points
    ]


def list_public(session: Session, *, agreement_id: str, kind: Kind) -> list[dict[str, Any]]:
    """An agreement's records of one kind as JSON, in time order (totals: `totals_public`)."""
    if kind is Kind.TOTALS:
        return totals_public(session, agreement_id=agreement_id)
    rows: Sequence[Record]
    if kind is Kind.STRENGTH:
        rows = strength_reports(session, agreement_id=agreement_id)
    elif kind is Kind.POSTS:
        rows = posts(session, agreement_id=agreement_id)
    else:
        wanted = MovementKind.PATROL if kind is Kind.PATROLS else MovementKind.CONVOY
        rows = movements(session, agreement_id=agreement_id, kind=wanted)
    return [public(r) for r in rows]


def entry(c: Count) -> totals.Entry:
    return totals.Entry(
        f"count-{c.id}", c.series, c.start_at, c.end_at, c.date_label, c.value, c.total,
        c.unit, c.source,
    )  # fmt: skip


def posts_open(items: Sequence[Post], moment: dt.datetime) -> list[Post]:
    """The posts open at `moment`."""
    return [
        p for p in items if p.opened_at <= moment and (p.closed_at is None or p.closed_at > moment)
    ]
