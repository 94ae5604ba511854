"""Errors on pages are explained on a page, with the status the shell's table gives."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from ceasefire.errors import CeasefireError
from ceasefire.web.deps import SignInRequired
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render


def _title(status: int) -> str:
    return {404: _("Not found"), 403: _("Not allowed"), 409: _("Conflict")}.get(
        status, _("Not recorded")
    )


def error_page(request: Request, exc: CeasefireError, status: int) -> Response:
    """The error page of a refused request (`ceasefire.http.errors` gives the status)."""
    return render(request, "error.html", status_code=status, title=_title(status), message=str(exc))


def install(app: FastAPI) -> None:
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

    app.add_exception_handler(ValidationError, validation_error)
    app.add_exception_handler(SignInRequired, sign_in_required)
