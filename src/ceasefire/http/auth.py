"""Who is asking: bearer tokens, signed session cookies, and CSRF for cookie-authenticated writes.

- `Authorization: Bearer <token>` acts as the token's user; no CSRF token needed.
- The `ceasefire_session` cookie (signed with itsdangerous) carries the key of a web session kept
  in the store (so signing out ends it in every server process) and a CSRF token;
  the same token is in the `ceasefire_csrf` cookie for pages and scripts to read. Every unsafe
  request authenticated by the cookie must repeat it in the form field `csrf_token` or the header
  `X-CSRF-Token`, else 403. The comparison is against the signed session, so a planted
  `ceasefire_csrf` cookie cannot forge it.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import User
from ceasefire.http.deps import UNSAFE_METHODS, SessionDep, SettingsDep
from ceasefire.settings import Settings

SESSION_COOKIE = "ceasefire_session"
CSRF_COOKIE = "ceasefire_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


@functools.cache
def _random_key() -> str:
    """Used when no secret key is set: sessions then end when the process restarts."""
    return secrets.token_urlsafe(32)


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key or _random_key(), salt="ceasefire-session")


def start_session(response: Response, *, session: Session, user: User, settings: Settings) -> None:
    """Sign `user` in on this response: a web session in the store, the session cookie naming
    it and the CSRF cookie."""
    csrf = secrets.token_urlsafe(32)
    key = accounts_service.start_web_session(session, user=user, hours=settings.session_hours)
    value = _serializer(settings).dumps({"s": key, "c": csrf})
    max_age = settings.session_hours * 3600
    secure = not settings.development
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=max_age, httponly=False, samesite="lax", secure=secure, path="/"
    )


def end_session(
    request: Request, response: Response, *, session: Session, settings: Settings
) -> None:
    """Sign out: the web session ends in the store (its cookie is refused from now on, by every
    server process) and the cookies are cleared."""
    data = _session_data(request, settings)
    if data is not None:
        accounts_service.end_web_session(session, key=str(data["s"]))
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def _session_data(request: Request, settings: Settings) -> dict[str, Any] | None:
    cached = request.scope.get("ceasefire.session")
    if cached is not None:
        return cached or None
    raw = request.cookies.get(SESSION_COOKIE)
    data: dict[str, Any] = {}
    if raw:
        try:
            loaded = _serializer(settings).loads(raw, max_age=settings.session_hours * 3600)
            if (
                isinstance(loaded, dict)
                and isinstance(loaded.get("s"), str)
                and isinstance(loaded.get("c"), str)
            ):
                data = loaded
        except BadSignature:
            data = {}
    request.scope["ceasefire.session"] = data
    return data or None


def csrf_token(request: Request) -> str:
    """The CSRF token of the signed-in session, for templates to embed in forms ('' if none)."""
    settings: Settings = request.app.state.settings
    data = _session_data(request, settings)
    return str(data["c"]) if data else ""


async def csrf_given(request: Request) -> str:
    """The CSRF token the request repeats (header, else form field), read on the event loop
    where the form is parsed; '' when there is none. No database work here."""
    if request.method not in UNSAFE_METHODS or SESSION_COOKIE not in request.cookies:
        return ""
    given = request.headers.get(CSRF_HEADER, "")
    if not given:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else ""
    return given


def _check_csrf(given: str, expected: str) -> None:
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            403, "missing or wrong CSRF token (form field csrf_token or header X-CSRF-Token)"
        )


def optional_user(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    given_csrf: Annotated[str, Depends(csrf_given)],
) -> User | None:
    """The user behind the request, or None for the anonymous public. A bad bearer token is 401;
    a cookie-authenticated unsafe request without the CSRF token is 403. A plain `def`: FastAPI
    runs it in a worker thread, never on the event loop."""
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(
                401, "expected Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
            )
        user = accounts_service.user_for_token(session, token=token.strip())
        if user is None:
            raise HTTPException(401, "unknown or revoked token", {"WWW-Authenticate": "Bearer"})
        return user
    data = _session_data(request, settings)
    if data is None:
        return None
    user = accounts_service.user_for_web_session(session, key=str(data["s"]))
    if user is None:
        return None
    if request.method in UNSAFE_METHODS:
        _check_csrf(given_csrf, str(data["c"]))
    return user


def require_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise HTTPException(401, "sign in or give a bearer token", {"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(require_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
