"""Our errors as HTTP answers: not found 404, conflict 409, refused input 422, not allowed 403."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from ceasefire.accounts.permissions import PermissionDeniedError
from ceasefire.errors import CeasefireError, ConflictError, InvalidInputError, NotFoundError


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(IntegrityError)
    async def _integrity_error(_request: Request, _exc: IntegrityError) -> JSONResponse:
        # Two writers raced (e.g. two revisions of one party's assessment at the same moment).
        return JSONResponse(
            {"detail": "a concurrent change conflicted with this one; reload and retry"},
            status_code=409,
        )

    @app.exception_handler(CeasefireError)
    async def _ceasefire_error(_request: Request, exc: CeasefireError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return JSONResponse({"detail": str(exc) or "not found"}, status_code=404)
        if isinstance(exc, PermissionDeniedError):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        if isinstance(exc, ConflictError):
            return JSONResponse({"detail": str(exc)}, status_code=409)
        if isinstance(exc, InvalidInputError):
            return JSONResponse(
                {
                    "detail": str(exc),
                    "problems": [
                        {"file": p.file, "line": p.line, "message": p.message} for p in exc.problems
                    ],
                },
                status_code=422,
            )
        return JSONResponse({"detail": str(exc)}, status_code=422)
