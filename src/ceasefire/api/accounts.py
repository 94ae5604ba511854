"""Routes of signing in and out and of the signed-in user."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from ceasefire.accounts import permissions
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import User
from ceasefire.accounts.schemas import (
    Deactivated,
    PasswordChange,
    PasswordReset,
    SignIn,
    UserAdmin,
    UserCreate,
    UserPublic,
)
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


@router.post("/me/password", status_code=204)
def change_password(body: PasswordChange, session: SessionDep, user: CurrentUser) -> None:
    """Change your own password: `{current, new}`."""
    accounts_service.change_password(session, name=user.name, current=body.current, new=body.new)


def _admin(user: User) -> None:
    permissions.require(permissions.can_manage_users(user), "managing users (admins only)")


def _admin_view(user: User) -> UserAdmin:
    return UserAdmin(
        id=user.id, name=user.name, role=user.role, party=user.party, active=user.active
    )


@router.get("/users")
def list_users(session: SessionDep, user: CurrentUser) -> list[UserAdmin]:
    """Every account with its role, party and whether it is active (admins only)."""
    _admin(user)
    return [_admin_view(u) for u in accounts_service.list_users(session)]


@router.post("/users", status_code=201)
def add_user(body: UserCreate, session: SessionDep, user: CurrentUser) -> UserAdmin:
    """Add an account (admins only); its party must fit its role in the loaded agreements."""
    _admin(user)
    created = accounts_service.create_user(
        session,
        name=body.name.strip(),
        role=body.role,
        party=body.party,
        password=body.password,
        actor=user.name,
    )
    return _admin_view(created)


@router.post("/users/{name}/deactivate")
def deactivate_user(name: str, session: SessionDep, user: CurrentUser) -> Deactivated:
    """Deactivate an account (admins only): its sessions and tokens stop at once."""
    _admin(user)
    revoked = accounts_service.deactivate_user(session, name=name, actor=user.name)
    return Deactivated(name=name, active=False, tokens_revoked=revoked)


@router.post("/users/{name}/password", status_code=204)
def reset_password(name: str, body: PasswordReset, session: SessionDep, user: CurrentUser) -> None:
    """Set a new password for an account (admins only): `{new}`."""
    _admin(user)
    accounts_service.reset_password(session, name=name, new=body.new, actor=user.name)
