"""The field report form: a monitor files what was seen (when, where by map click or a town's
name, actors, casualties, photos) as a new incident or attached to an existing one; and the
download of a report's bytes as received."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ceasefire import labels
from ceasefire.accounts import permissions
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep, SettingsDep
from ceasefire.incidents import fieldreports, places
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.schemas import (
    Actor,
    Casualties,
    IncidentCreate,
    LocationPrecision,
    TimePrecision,
)
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


def _require_staff(user: SignedInUser) -> None:
    if not permissions.can_write_incidents(user):
        raise NotFoundError("no such page")


def _form_page(
    request: Request,
    session: SessionDep,
    agreement: str | None,
    *,
    values: dict[str, str] | None = None,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    towns = places.towns(session, agreement_id=agreement) if agreement else []
    return render(
        request,
        "report_form.html",
        status_code=status_code,
        nav="incidents",
        title=_("File a field report"),
        agreement=agreement,
        taxonomy=sorted((key, labels.label(t.label)) for key, t in TAXONOMY.items()),
        precisions=[p.value for p in TimePrecision],
        towns=towns,
        values=values or {},
        error=error,
    )


@router.get("/incidents/new", response_class=HTMLResponse)
def report_form(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    default: DefaultAgreement,
    attach_to: int | None = None,
) -> HTMLResponse:
    _require_staff(user)
    values = {"attach_to": str(attach_to)} if attach_to else {}
    return _form_page(request, session, default, values=values)


def number(value: str, field: str) -> int:
    value = value.strip()
    if not value:
        return 0
    if not value.isdigit():
        raise CeasefireError(f"{field}: expected a whole number, got {value!r}")
    return int(value)


def coordinate(value: str, field: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise CeasefireError(f"{field}: expected degrees such as 39.76, got {value!r}") from None


def actors_of(text: str) -> list[Actor]:
    """One actor a line: `name, party, role` (party and role may be left out)."""
    actors = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = [p.strip() for p in line.split(",")]
        if not parts[0]:
            continue
        party = parts[1].upper() if len(parts) > 1 and parts[1] else None
        if party is not None and not (len(party) == 3 and party.isalpha()):
            raise CeasefireError(
                f"actors, line {number}: party {parts[1]!r} is not an ISO3 code such as AZE"
            )
        role = parts[2] if len(parts) > 2 else ""
        actors.append(Actor(name=parts[0][:200], party=party, role=role[:40]))
    return actors


@router.post("/incidents/new", response_class=HTMLResponse)
def file_report(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: SignedInUser,
    default: DefaultAgreement,
    type: Annotated[str, Form(max_length=60)] = "",
    summary: Annotated[str, Form(max_length=20_000)] = "",
    occurred: Annotated[str, Form(max_length=60)] = "",
    occurred_end: Annotated[str, Form(max_length=60)] = "",
    time_precision: Annotated[str, Form(max_length=10)] = "",
    place_name: Annotated[str, Form(max_length=300)] = "",
    latitude: Annotated[str, Form(max_length=30)] = "",
    longitude: Annotated[str, Form(max_length=30)] = "",
    actors: Annotated[str, Form(max_length=5000)] = "",
    casualty_side: Annotated[str, Form(max_length=16)] = "",
    killed_military: Annotated[str, Form(max_length=6)] = "",
    killed_civilian: Annotated[str, Form(max_length=6)] = "",
    wounded_military: Annotated[str, Form(max_length=6)] = "",
    wounded_civilian: Annotated[str, Form(max_length=6)] = "",
    attach_to: Annotated[str, Form(max_length=20)] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    _require_staff(user)
    values = {
        "type": type, "summary": summary, "occurred": occurred, "occurred_end": occurred_end,
        "time_precision": time_precision, "place_name": place_name, "latitude": latitude,
        "longitude": longitude, "actors": actors, "casualty_side": casualty_side,
        "killed_military": killed_military, "killed_civilian": killed_civilian,
        "wounded_military": wounded_military, "wounded_civilian": wounded_civilian,
        "attach_to": attach_to,
    }  # fmt: skip
    uploads = [
        fieldreports.Upload(f.filename or "file", f.content_type or "", f.file.read())
        for f in (files or [])
        if f.filename
    ]
    try:
        target = number(attach_to, "attach to") or None
        data = _incident(session, default, values) if target is None else None
        form = json.dumps(
            {**values, "files": [u.filename for u in uploads]}, ensure_ascii=False
        ).encode()
        with session.begin_nested():  # a refusal leaves nothing behind, and the form is shown again
            filed = fieldreports.file_field_report(
                session,
                data=data,
                form=form,
                uploads=uploads,
                actor=user,
                attach_to=target,
                max_bytes=settings.max_upload_bytes,
            )
    except (CeasefireError, ValidationError) as exc:
        message = str(exc) if isinstance(exc, CeasefireError) else validation_message(exc)
        return _form_page(request, session, default, values=values, error=message, status_code=422)
    note = _("Field report filed.") if filed.created else _("Report attached.")
    return RedirectResponse(
        f"/incidents/{filed.incident.id}?message={quote(note)}", status_code=303
    )


def validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid')}"


#: The casualty counts a field report and a correction take, as form fields.
COUNTS = ("killed_military", "killed_civilian", "wounded_military", "wounded_civilian")


def counts_of(values: dict[str, str]) -> dict[str, int]:
    """The casualty counts of a form (an empty field is 0), each refused by its name."""
    return {k: number(values[k], k.replace("_", " ")) for k in COUNTS}


def _incident(session: SessionDep, agreement: str | None, values: dict[str, str]) -> IncidentCreate:
    if not values["summary"].strip():
        raise CeasefireError(_("what happened: describe it"))
    if not values["occurred"].strip():
        raise CeasefireError(_("when: give a date or a time"))
    lat = coordinate(values["latitude"], "latitude")
    lon = coordinate(values["longitude"], "longitude")
    place = values["place_name"].strip()
    precision = LocationPrecision.EXACT
    if (lat is None) != (lon is None):
        raise CeasefireError(_("where: give both latitude and longitude, or click the map"))
    if lat is None and place and agreement:
        town = places.locate(session, agreement_id=agreement, name=place)
        if town is not None:
            lat, lon, precision = town.lat, town.lon, LocationPrecision.NEAR
    side = values["casualty_side"].strip().upper()
    counts = counts_of(values)
    casualties = [Casualties(side=side or "unknown", **counts)] if any(counts.values()) else []
    return IncidentCreate(
        type=values["type"],
        summary=values["summary"].strip(),
        occurred=values["occurred"].strip(),
        occurred_end=values["occurred_end"].strip() or None,
        time_precision=TimePrecision(values["time_precision"])
        if values["time_precision"]
        else None,
        agreement=agreement,
        place_name=place,
        latitude=lat,
        longitude=lon,
        location_precision=precision,
        actors=actors_of(values["actors"]),
        casualties=casualties,
    )


@router.get("/incidents/{incident_id}/reports/{report_id}")
def report_file(
    incident_id: int, report_id: int, session: SessionDep, user: SignedInUser
) -> Response:
    """A report's bytes exactly as received, as a download (never shown inline: a file from
    outside could be a page of its own)."""
    incidents_service.get_incident(session, incident_id=incident_id, user=user)
    if report_id not in incidents_service.report_ids(session, incident_id=incident_id):
        raise NotFoundError(f"incident {incident_id} has no report {report_id}")
    report = incidents_service.get_report(session, report_id=report_id, user=user)
    name = "".join(c for c in (report.title or f"report-{report_id}") if c.isalnum() or c in "._-")
    return Response(
        report.content,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name or report_id}"',
            "ETag": f'"{report.sha256}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
