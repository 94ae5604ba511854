"""Who is looking at a page: the session user (or None), remembered on the request for templates."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from ceasefire.accounts.models import User
from ceasefire.api.auth import csrf_token, optional_user


class SignInRequired(Exception):  # noqa: N818 - a signal, handled by a redirect to the sign-in page
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


async def page_user(
    request: Request, user: Annotated[User | None, Depends(optional_user)]
) -> User | None:
    request.state.user = user
    request.state.csrf_token = csrf_token(request) if user is not None else ""
    return user


async def signed_in_user(
    request: Request, user: Annotated[User | None, Depends(page_user)]
) -> User:
    if user is None:
        if request.method != "GET" or request.url.path.endswith(".geojson"):
            raise HTTPException(401, "sign in first")
        raise SignInRequired(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
    return user


PageUser = Annotated[User | None, Depends(page_user)]
SignedInUser = Annotated[User, Depends(signed_in_user)]
