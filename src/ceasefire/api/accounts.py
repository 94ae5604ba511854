"""Routes of signing in and out and of the signed-in user."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.schemas import SignIn, UserPublic
from ceasefire.http.auth import CurrentUser, end_session, start_session
from ceasefire.http.deps import SessionDep, SettingsDep, own_transactions

router = APIRouter(tags=["accounts"])


@router.post("/session")
@own_transactions  # a failed sign-in is recorded in a transaction of its own
def sign_in(
    body: SignIn, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> UserPublic:
    """Sign in with name and password: sets the session cookie and the CSRF cookie."""
    source = request.client.host if request.client else "unknown"
    try:
        user = accounts_service.authenticate(
            session, name=body.name, password=body.password, source=source
        )
    except accounts_service.SignInError as exc:
        raise HTTPException(401, str(exc)) from None
    start_session(response, session=session, user=user, settings=settings)
    return UserPublic(id=user.id, name=user.name, role=user.role, party=user.party)


@router.delete("/session", status_code=204)
def sign_out(
    request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> None:
    """Sign out: the session ends in the store (its cookie is refused from now on) and the
    session and CSRF cookies are cleared."""
    end_session(request, response, session=session, settings=settings)


@router.get("/me")
def me(user: CurrentUser) -> UserPublic:
    """The signed-in user (or the bearer token's user)."""
    return UserPublic(id=user.id, name=user.name, role=user.role, party=user.party)
