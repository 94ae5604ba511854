"""Sign-in and sign-out pages over the accounts service and the session cookie."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire import i18n
from ceasefire.accounts import service as accounts_service
from ceasefire.errors import CeasefireError
from ceasefire.http.auth import end_session, start_session
from ceasefire.http.deps import SessionDep, SettingsDep, own_transactions
from ceasefire.settings import Settings
from ceasefire.web.deps import PageUser, SignedInUser
from ceasefire.web.i18n import COOKIE as LANGUAGE_COOKIE
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)

# Login CSRF: the sign-in form carries a token that must equal this cookie's, so another site
# cannot sign a visitor in under the other site's account.
SIGNIN_COOKIE = "ceasefire_signin"
SIGNIN_FIELD = "signin_token"
LANGUAGE_COOKIE_DAYS = 365


def _signin_page(
    request: Request, settings: Settings, *, status_code: int = 200, **context: object
) -> Response:
    token = request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(24)
    response = render(
        request,
        "signin.html",
        status_code=status_code,
        title=_("Sign in"),
        signin_token=token,
        **context,
    )
    response.set_cookie(
        SIGNIN_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
        secure=not settings.development, path="/signin",
    )  # fmt: skip
    return response


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
def signin_form(
    request: Request, user: PageUser, settings: SettingsDep, next: str | None = None
) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _signin_page(request, settings, next=safe_next(next), error="")


@router.post("/signin", response_class=HTMLResponse)
@own_transactions  # a failed sign-in is recorded in a transaction of its own
def signin(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/map",
    signin_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    expected = request.cookies.get(SIGNIN_COOKIE, "")
    if not expected or not secrets.compare_digest(signin_token, expected):
        return _signin_page(
            request, settings, status_code=403, next=safe_next(next), name=name,
            error=_("This sign-in form has expired or did not come from this server; please try again."),
        )  # fmt: skip
    source = request.client.host if request.client else "unknown"
    try:
        user = accounts_service.authenticate(session, name=name, password=password, source=source)
    except accounts_service.SignInError as exc:
        return _signin_page(
            request,
            settings,
            status_code=401,
            next=safe_next(next),
            error=str(exc) or _("Wrong name or password."),
            name=name,
        )
    response = RedirectResponse(safe_next(next), status_code=303)
    start_session(response, session=session, user=user, settings=settings)
    response.delete_cookie(SIGNIN_COOKIE, path="/signin")
    if user.language:
        # pages that know no user (an unknown path's 404) are in the account's language too
        _remember_language(response, user.language, settings)
    return response


@router.post("/signout")
def signout(
    request: Request, _user: SignedInUser, session: SessionDep, settings: SettingsDep
) -> Response:
    """Cookie-authenticated, so the CSRF token is checked before we get here; the session ends
    in the store."""
    response = RedirectResponse("/", status_code=303)
    end_session(request, response, session=session, settings=settings)
    return response


@router.post("/language")
def choose_language(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: PageUser,
    language: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/map",
) -> Response:
    """The switcher in the header (and the account page): kept on the account when signed in,
    and in a cookie for the pages before sign-in; empty: the browser's Accept-Language again."""
    chosen: str | None = None
    if language.strip():
        try:
            chosen = i18n.check_language(language)
        except ValueError as exc:
            raise CeasefireError(str(exc)) from None
    if user is not None:
        accounts_service.set_language(session, name=user.name, language=chosen, actor=user.name)
    response = RedirectResponse(safe_next(next), status_code=303)
    _remember_language(response, chosen, settings)
    return response


def _remember_language(response: Response, language: str | None, settings: Settings) -> None:
    if language is None:
        response.delete_cookie(LANGUAGE_COOKIE, path="/")
        return
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_DAYS * 86400, httponly=True,
        samesite="lax", secure=not settings.development, path="/",
    )  # fmt: skip


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: SignedInUser, done: str = "") -> Response:
    """Your account: who you are, your language and your password."""
    return render(request, "account.html", nav="account", title=_("Your account"), done=done[:200])


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    current: Annotated[str, Form(max_length=1000)],
    new: Annotated[str, Form(max_length=1000)],
) -> Response:
    try:
        accounts_service.change_password(session, name=user.name, current=current, new=new)
    except CeasefireError as exc:
        return render(
            request, "account.html", nav="account", title=_("Your account"), done="",
            error=str(exc), status_code=422,
        )  # fmt: skip
    return RedirectResponse("/account?done=" + quote(_("Password changed.")), status_code=303)
