"""The page routes: thin, they gather what the domain services say and render a template."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ceasefire import labels
from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.errors import NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.incidents.models import Finding
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.web import agreement_view, filters
from ceasefire.web.deps import DefaultAgreement, PageUser
from ceasefire.web.i18n import _, ngettext
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=404, title=_("Not found"), message=message)


def no_agreement(request: Request, *, nav: str) -> HTMLResponse:
    """What a page that needs an agreement says when none is loaded."""
    return render(request, "agreements.html", nav=nav, agreements=[])


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for it even of pages that name their icon (JSON, files): never a 404."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/")
def home(default: DefaultAgreement) -> RedirectResponse:
    """The default agreement's page; the list of agreements (which says none is loaded) else."""
    target = f"/agreements/{quote(default)}" if default else "/agreements"
    return RedirectResponse(target, status_code=303)


@router.get("/agreements", response_class=HTMLResponse)
def agreements(request: Request, session: SessionDep, _user: PageUser) -> HTMLResponse:
    return render(
        request,
        "agreements.html",
        nav="agreement",
        agreements=agreements_service.list_agreements(session),
    )


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement(
    request: Request,
    agreement_id: str,
    session: SessionDep,
    _user: PageUser,
    as_of: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    """Provisions and obligations with a compliance timeline as of a date."""
    try:
        page = agreement_view.agreement_page(
            session, agreement_id=agreement_id, as_of=as_of or None
        )
    except NotFoundError as exc:
        return not_found(request, str(exc))
    except ValueError as exc:
        return render(
            request,
            "error.html",
            status_code=422,
            title=_("Date not understood"),
            message=_("As of: {problem}").format(problem=exc),
        )
    return render(request, "agreement.html", nav="agreement", page=page)


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, session: SessionDep, default: DefaultAgreement, user: PageUser
) -> HTMLResponse:
    """The common picture: basemap, the agreement's areas and (signed in) the incidents."""
    try:
        flt = filters.parse(request.query_params, default_agreement=default)
        if flt.agreement is None:
            return no_agreement(request, nav="map")
        found = agreements_service.get_agreement(session, agreement_id=flt.agreement)
    except NotFoundError as exc:
        return not_found(request, str(exc))
    except ValueError as exc:
        return render(request, "error.html", status_code=422, title=_("Filter not understood"),
                      message=str(exc))  # fmt: skip
    return render(
        request,
        "map.html",
        nav="map",
        agreement=found,
        flt=flt,
        flt_query=filters.query(flt),
        incidents_url="/map/incidents.geojson" if user is not None else "",
        force_url=f"/map/force.geojson?agreement={quote(found.id)}"
        if user is not None and permissions.can_read_incidents(user)
        else "",
        taxonomy=sorted(
            ((k, labels.label(v.label)) for k, v in TAXONOMY.items()), key=lambda kv: kv[1]
        ),
        findings=[f.value for f in Finding],
        map_words=_map_words(),
    )


def _map_words() -> dict[str, object]:
    """The words map.js writes, in the reader's language (a plural form for each CLDR category
    the script's Intl.PluralRules may answer; `%(num)s` is the count)."""
    forms = {n: ngettext("%(num)s incident", "%(num)s incidents", n) for n in (1, 2, 5)}
    return {
        "approximate": _("approximate"),
        "unplaced": _("{n} without coordinates, listed but not drawn"),
        "plural": {"one": forms[1], "few": forms[2], "many": forms[5], "other": forms[2]},
        "terms": {v: labels.term(v) for v in [*(f.value for f in Finding), "candidate"]},
        "types": {k: labels.label(v.label) for k, v in TAXONOMY.items()},
    }
