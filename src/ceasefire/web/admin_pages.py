"""Administration: users and API tokens (admins only; others are told there is no such page)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire.accounts import permissions
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.roles import ROLE_HELP, Role
from ceasefire.errors import NotFoundError
from ceasefire.http.deps import SessionDep
from ceasefire.web.deps import SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)


def _require_admin(user: SignedInUser) -> None:
    if not permissions.can_manage_users(user):
        raise NotFoundError("no such page")


def _page(
    request: Request, session: SessionDep, *, new_token: str = "", done: str = ""
) -> HTMLResponse:
    return render(
        request,
        "admin.html",
        nav="admin",
        title=_("Admin"),
        users=accounts_service.list_users(session),
        tokens=accounts_service.list_tokens(session),
        roles=[(r.value, ROLE_HELP[r]) for r in Role],
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
    session: SessionDep,
    user: SignedInUser,
    name: Annotated[str, Form(max_length=80)],
    role: Annotated[str, Form(max_length=20)],
    password: Annotated[str, Form(max_length=1000)],
    party: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    _require_admin(user)
    accounts_service.create_user(
        session,
        name=name.strip(),
        role=role,
        party=party.strip().upper() or None,
        password=password,
        actor=user.name,
    )
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
