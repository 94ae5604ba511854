"""Our errors as HTTP answers: not found 404, conflict 409, refused input 422, not allowed 403,
and a store too busy to answer within the bounded wait 503 with Retry-After.

`status_of` is the one table of statuses: the JSON answers of the API and the error page of the
pages both take their status from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from ceasefire.accounts.permissions import PermissionDeniedError
from ceasefire.errors import CeasefireError, ConflictError, InvalidInputError, NotFoundError

#: Seconds a client is asked to wait before retrying a request refused as busy (503).
RETRY_AFTER_SECONDS = 2

#: Renders the error page of a refused request with the status `status_of` gave.
ErrorPage = Callable[[Request, CeasefireError, int], Response]


def status_of(exc: CeasefireError) -> int:
    """The HTTP status an error of ours answers with."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, PermissionDeniedError):
        return 403
    if isinstance(exc, ConflictError):
        return 409
    return 422


def json_error(exc: CeasefireError) -> JSONResponse:
    """`{"detail": ...}` (and `problems` for a refused input file) with the error's status."""
    status = status_of(exc)
    body: dict[str, Any] = {"detail": str(exc) or ("not found" if status == 404 else "")}
    if isinstance(exc, InvalidInputError):
        body["problems"] = [
            {"file": p.file, "line": p.line, "message": p.message} for p in exc.problems
        ]
    return JSONResponse(body, status_code=status)


def busy_response() -> JSONResponse:
    """503 with Retry-After: the server or its store is too busy now; nothing was done."""
    return JSONResponse(
        {"detail": "the server is busy; nothing was changed, retry after a moment"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install(app: FastAPI, *, page: ErrorPage | None = None, json_prefix: str = "/api/") -> None:
    """Our errors answer JSON on paths under `json_prefix` (everywhere without `page`), and the
    page `page` renders elsewhere; a database conflict answers 409 JSON on every path."""

    async def integrity_error(_request: Request, _exc: Exception) -> Response:
        # Two writers raced (e.g. two revisions of one party's assessment at the same moment).
        return JSONResponse(
            {"detail": "a concurrent change conflicted with this one; reload and retry"},
            status_code=409,
        )

    async def ceasefire_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CeasefireError)
        if page is None or request.url.path.startswith(json_prefix):
            return json_error(exc)
        return page(request, exc, status_of(exc))

    async def store_busy(_request: Request, _exc: Exception) -> Response:
        # SQLite's write lock, a pooled connection or the store itself did not come within the
        # bounded wait: nothing was written; the client may retry
        return busy_response()

    async def data_error(_request: Request, _exc: Exception) -> Response:
        # the store refused a value the request carried (an id beyond its integers, a NUL in a
        # text): the request's fault, and nothing was written
        return JSONResponse(
            {"detail": "a value of the request is outside what the store accepts"},
            status_code=422,
        )

    app.add_exception_handler(DataError, data_error)
    app.add_exception_handler(OperationalError, store_busy)
    app.add_exception_handler(PoolTimeoutError, store_busy)
    app.add_exception_handler(IntegrityError, integrity_error)
    app.add_exception_handler(CeasefireError, ceasefire_error)
