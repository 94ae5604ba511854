"""Administration: users and API tokens (admins only; others are told there is no such page)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.accounts import permissions
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.roles import ROLE_HELP, Role
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.web.deps import SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


def _require_admin(user: SignedInUser) -> None:
    if not permissions.can_manage_users(user):
        raise NotFoundError("no such page")


def _page(
    request: Request,
    session: SessionDep,
    *,
    new_token: str = "",
    done: str = "",
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "admin.html",
        status_code=status_code,
        error=error,
        wrong=accounts_service.wrong_accounts(session),
        nav="admin",
        title=_("Admin"),
        users=accounts_service.list_users(session),
        tokens=accounts_service.list_tokens(session),
        roles=[(r.value, _(ROLE_HELP[r])) for r in Role],
        new_token=new_token,
        done=done,
    )


@router.get("/admin", response_class=HTMLResponse)
def admin(
    request: Request, session: SessionDep, user: SignedInUser, done: str = ""
) -> HTMLResponse:
    _require_admin(user)
    return _page(request, session, done=done[:200])


@router.post("/admin/users")
def add_user(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    name: Annotated[str, Form(max_length=80)],
    role: Annotated[str, Form(max_length=20)],
    password: Annotated[str, Form(max_length=1000)],
    party: Annotated[str, Form(max_length=3)] = "",
    language: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    _require_admin(user)
    try:
        accounts_service.create_user(
            session,
            name=name.strip(),
            role=role,
            party=party.strip().upper() or None,
            password=password,
            actor=user.name,
            language=language or None,
        )
    except CeasefireError as exc:
        # the form again, saying what was wrong (e.g. which parties the role allows)
        return _page(request, session, error=str(exc), status_code=422)
    return RedirectResponse(
        "/admin?done=" + quote(_("User {name} added.").format(name=name.strip())), status_code=303
    )


@router.post("/admin/tokens", response_class=HTMLResponse)
def create_token(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    owner: Annotated[str, Form(max_length=80)],
    label: Annotated[str, Form(max_length=200)] = "",
) -> HTMLResponse:
    """The token is shown once, on this response, and never again (only its hash is kept)."""
    _require_admin(user)
    token = accounts_service.create_token(
        session, user_name=owner, label=label.strip(), actor=user.name
    )
    return _page(request, session, new_token=token.token)


@router.post("/admin/tokens/{token_id}/revoke")
def revoke_token(session: SessionDep, user: SignedInUser, token_id: int) -> Response:
    _require_admin(user)
    accounts_service.revoke_token(session, token_id=token_id, actor=user.name)
    return RedirectResponse(
        "/admin?done=" + quote(_("Token {id} revoked.").format(id=token_id)), status_code=303
    )


@router.post("/admin/users/{name}/deactivate")
def deactivate_user(session: SessionDep, user: SignedInUser, name: str) -> Response:
    """The account's sessions stop at their next request and its tokens are revoked."""
    _require_admin(user)
    revoked = accounts_service.deactivate_user(session, name=name, actor=user.name)
    message = _("User {name} deactivated ({n} tokens revoked).").format(name=name, n=revoked)
    return RedirectResponse("/admin?done=" + quote(message), status_code=303)


@router.post("/admin/users/{name}/password")
def reset_password(
    request: Request,
    session: SessionDep,
    user: SignedInUser,
    name: str,
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    _require_admin(user)
    try:
        accounts_service.reset_password(session, name=name, new=password, actor=user.name)
    except CeasefireError as exc:
        return _page(request, session, error=str(exc), status_code=422)
    message = _("Password of {name} reset.").format(name=name)
    return RedirectResponse("/admin?done=" + quote(message), status_code=303)
