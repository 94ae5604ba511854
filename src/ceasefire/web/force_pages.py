"""The force's page (its records, and a form per kind to record one) and the map's layer of
posts and routes: thin handlers over `force.service`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.errors import InvalidInputError, NotFoundError
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import COLUMNS, Kind
from ceasefire.http.deps import SessionDep
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)

#: Form fields not sent on to the record.
_NOT_FIELDS = {"csrf_token", "agreement"}


def _forms(categories: tuple[str, ...]) -> list[dict[str, Any]]:
    forms = []
    for kind in Kind:
        columns = list(COLUMNS[kind])
        if kind is Kind.STRENGTH:
            columns = [*columns[:2], *categories, *columns[2:]]
        forms.append({"kind": kind.value, "fields": columns})
    return forms


def _page(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    agreement_id: str,
    *,
    problems: list[str] | None = None,
    values: dict[str, str] | None = None,
    failed: str = "",
    recorded: str = "",
) -> HTMLResponse:
    permissions.require(permissions.can_read_incidents(user), "read force records")
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    ctx = force_service.context(session, agreement_id=agreement_id)
    lists = {
        kind.value: force_service.list_public(session, agreement_id=agreement_id, kind=kind)
        for kind in Kind
    }
    return render(
        request,
        "force.html",
        status_code=422 if problems else 200,
        nav="force",
        title=_("The force"),
        agreement=agreement,
        lists=lists,
        forms=_forms(ctx.categories),
        may_write=permissions.can_write_incidents(user),
        problems=problems or [],
        values=values or {},
        failed=failed,
        recorded=recorded,
    )


@router.get("/force", response_class=HTMLResponse)
def force_page(
    request: Request,
    session: SessionDep,
    default: DefaultAgreement,
    user: SignedInUser,
    agreement: str | None = None,
    recorded: str = "",
) -> HTMLResponse:
    """The agreement's strength reports, posts, patrols, convoys and totals, and the forms."""
    agreement_id = agreement or default
    if agreement_id is None:
        return render(request, "agreements.html", nav="force", agreements=[])
    return _page(request, session, user, agreement_id, recorded=recorded[:40])


async def _form(request: Request) -> dict[str, str]:
    """The form's text fields, read on the event loop (no database work here)."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


@router.post("/force/{kind}", response_class=HTMLResponse)
def record(
    kind: Kind,
    request: Request,
    session: SessionDep,
    default: DefaultAgreement,
    user: SignedInUser,
    form: Annotated[dict[str, str], Depends(_form)],
) -> Response:
    """Record one force record from its form; refused fields are shown beside the form (422).
    A plain `def`: the database work runs in a worker thread, never on the event loop."""
    agreement_id = str(form.get("agreement") or default or "")
    fields = {
        k: str(v) for k, v in form.items() if k not in _NOT_FIELDS and isinstance(v, str) and v
    }
    try:
        row = force_service.record(
            session, agreement_id=agreement_id, kind=kind, fields=fields, actor=user, where="form"
        )
    except InvalidInputError as exc:
        return _page(
            request, session, user, agreement_id,
            problems=[p.message for p in exc.problems], values=fields, failed=kind.value,
        )  # fmt: skip
    target = f"/force?agreement={quote(agreement_id)}&recorded={kind.value}-{row.id}"
    return RedirectResponse(target, status_code=303)


@router.get("/map/force.geojson")
def force_geojson(
    session: SessionDep, default: DefaultAgreement, user: SignedInUser, agreement: str | None = None
) -> JSONResponse:
    """The map's layer of the force: posts as points, patrols and convoys as lines."""
    if not permissions.can_read_incidents(user):
        return JSONResponse({"type": "FeatureCollection", "features": []})
    agreement_id = agreement or default
    if agreement_id is None:
        raise NotFoundError("no agreement is loaded")
    features: list[dict[str, Any]] = []
    for post in force_service.posts(session, agreement_id=agreement_id):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [post.lon, post.lat]},
                "properties": {
                    "layer": "post", "id": post.id, "kind": post.kind, "name": post.name,
                    "contributor": post.contributor, "opened": post.opened_label,
                    "closed": post.closed_label,
                },
            }
        )  # fmt: skip
    for m in force_service.movements(session, agreement_id=agreement_id):
        features.append(
            {
                "type": "Feature",
                "geometry": m.route,
                "properties": {
                    "layer": m.kind, "id": m.id, "start": m.start_label, "end": m.end_label,
                    "participants": list(m.participants), "places": list(m.places),
                    "cargo": m.cargo,
                },
            }
        )  # fmt: skip
    return JSONResponse({"type": "FeatureCollection", "features": features})
