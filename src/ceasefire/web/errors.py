"""Errors on pages are explained on a page; the API keeps its JSON answers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from ceasefire.accounts.permissions import PermissionDeniedError
from ceasefire.errors import CeasefireError, ConflictError, NotFoundError
from ceasefire.web.deps import SignInRequired
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render


def _status(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, NotFoundError):
        return 404, _("Not found")
    if isinstance(exc, PermissionDeniedError):
        return 403, _("Not allowed")
    if isinstance(exc, ConflictError):
        return 409, _("Conflict")
    return 422, _("Not recorded")


def install(app: FastAPI) -> None:
    api_handler = app.exception_handlers.get(CeasefireError)

    async def ceasefire_error(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/") and api_handler is not None:
            response: Response = await api_handler(request, exc)  # type: ignore[misc]
            return response
        status, title = _status(exc)
        return render(request, "error.html", status_code=status, title=title, message=str(exc))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ValidationError)
        message = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        return render(request, "error.html", status_code=422, title=_("Not recorded"),
                      message=message)  # fmt: skip

    async def sign_in_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return RedirectResponse(f"/signin?next={quote(exc.next_path)}", status_code=303)

    app.add_exception_handler(CeasefireError, ceasefire_error)
    app.add_exception_handler(ValidationError, validation_error)
    app.add_exception_handler(SignInRequired, sign_in_required)
