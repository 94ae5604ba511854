"""Sign-in and sign-out pages over the accounts service and the session cookie."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.accounts import service as accounts_service
from ceasefire.api.auth import end_session, start_session
from ceasefire.api.deps import SessionDep, SettingsDep
from ceasefire.web.deps import PageUser, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Only a path on this server: never send a signed-in user to another host."""
    if not value:
        return "/map"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/map"
    return value


def signin_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/signin?next={quote(next_path)}", status_code=303)


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, user: PageUser, next: str | None = None) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "signin.html", title=_("Sign in"), next=safe_next(next), error="")


@router.post("/signin", response_class=HTMLResponse)
def signin(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/map",
) -> Response:
    source = request.client.host if request.client else "unknown"
    try:
        user = accounts_service.authenticate(session, name=name, password=password, source=source)
    except accounts_service.SignInError as exc:
        return render(
            request,
            "signin.html",
            status_code=401,
            title=_("Sign in"),
            next=safe_next(next),
            error=str(exc) or _("Wrong name or password."),
            name=name,
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    start_session(response, user=user, settings=settings)
    return response


@router.post("/signout")
def signout(_user: SignedInUser) -> Response:
    """Cookie-authenticated, so the CSRF token is checked before we get here."""
    response = RedirectResponse("/", status_code=303)
    end_session(response)
    return response
