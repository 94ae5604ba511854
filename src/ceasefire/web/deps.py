"""Who is looking at a page (the session user or None, remembered on the request for templates),
and which agreement a page shows when none is named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from ceasefire import i18n
from ceasefire.accounts.models import User
from ceasefire.agreements import service as agreements_service
from ceasefire.alerts import service as alerts_service
from ceasefire.http.auth import csrf_token, optional_user
from ceasefire.http.deps import SessionDep, SettingsDep


@dataclass(frozen=True)
class Viewer:
    id: int
    name: str
    role: str
    party: str | None
    unread: int = 0  # the inbox's messages not yet acknowledged (the count in the header)
    language: str | None = None  # the account's interface language (None: the browser's)


class SignInRequired(Exception):  # noqa: N818 - a signal, handled by a redirect to the sign-in page
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def page_user(
    request: Request, session: SessionDep, user: Annotated[User | None, Depends(optional_user)]
) -> User | None:
    # a plain snapshot for templates: error pages render after the request's transaction has
    # rolled back, when the ORM object can no longer be read
    request.state.user = (
        Viewer(
            user.id,
            user.name,
            user.role,
            user.party,
            alerts_service.unread(session, user_id=user.id),
            user.language,
        )
        if user is not None
        else None
    )
    request.state.csrf_token = csrf_token(request) if user is not None else ""
    if user is not None and user.language:
        # the request's language holder is shared with the handler: this reaches its `_()`
        i18n.set_language(user.language)
    return user


def signed_in_user(request: Request, user: Annotated[User | None, Depends(page_user)]) -> User:
    if user is None:
        if request.method != "GET" or request.url.path.endswith(".geojson"):
            raise HTTPException(401, "sign in first")
        raise SignInRequired(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
    return user


def default_agreement(session: SessionDep, settings: SettingsDep) -> str | None:
    """The agreement a page shows when none is named (None: no agreement is loaded)."""
    return agreements_service.default_agreement_id(session, configured=settings.default_agreement)


DefaultAgreement = Annotated[str | None, Depends(default_agreement)]
PageUser = Annotated[User | None, Depends(page_user)]
SignedInUser = Annotated[User, Depends(signed_in_user)]
