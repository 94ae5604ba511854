"""The application: the HTTP shell, the API under /api/v1 and the pages, assembled into one app.

Nothing connects until `create_app` is called. The API and the pages never import each other;
this module is the one place that knows both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ceasefire import __version__, web
from ceasefire.api import (
    accounts,
    agreements,
    alerts,
    articles,
    audit,
    complaints,
    force,
    incidents,
    tlog,
)
from ceasefire.db import is_current, make_engine
from ceasefire.http import contract, errors, inputs, security
from ceasefire.http.limits import BodySizeLimit, ConcurrencyLimit
from ceasefire.settings import Settings, load_settings

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Ceasefire",
        version=__version__,
        description="API of a joint ceasefire monitoring center.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # no interactive explorer: FastAPI's loads its scripts from a CDN, and nothing here may
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = make_engine(
        settings.database_url,
        wait_seconds=settings.busy_wait_seconds,
        pool_size=settings.max_concurrent_requests,
    )

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, Any]:
        """Liveness: the process answers. Served on the event loop, never waiting for a turn or
        the database, so it answers under any load (`/readyz` asks the database)."""
        return {"status": "ok", "version": __version__}

    @app.get(
        "/readyz",
        tags=["health"],
        responses={503: {"description": "The database does not answer or is not migrated."}},
    )
    def readyz() -> JSONResponse:
        """Readiness: the database answers and has every migration of this version applied."""
        if not is_current(app.state.engine):
            return JSONResponse(
                {"status": "not ready", "detail": "the database is not migrated: ceasefire init"},
                status_code=503,
                headers={"Retry-After": str(errors.RETRY_AFTER_SECONDS)},
            )
        return JSONResponse({"status": "ready", "version": __version__})

    # API paths answer JSON, pages an error page; both with the status the shell gives
    errors.install(app, page=web.error_page, json_prefix="/api/")
    inputs.install(app, page=web.error_page, json_prefix="/api/")  # inside the size limit
    app.add_middleware(BodySizeLimit, limit=settings.max_upload_bytes)
    app.add_middleware(
        ConcurrencyLimit,
        limit=settings.max_concurrent_requests,
        wait_seconds=settings.busy_wait_seconds,
        retry_after=errors.RETRY_AFTER_SECONDS,
        exempt=("/healthz", "/static/"),
    )
    routers = [
        m.router
        for m in (agreements, accounts, incidents, complaints, articles, audit, alerts, force)
    ]
    for router in routers:
        app.include_router(router, prefix=API_PREFIX)
    # The log sits at a stable path of its own, as tlog-tiles clients expect it.
    app.include_router(tlog.router)
    contract.install(app, routers=[(API_PREFIX, r) for r in routers] + [("", tlog.router)])
    web.install(app)
    security.install(app, settings)
    if settings.trusted_proxies:
        # only these proxies may say who the client is; by default nobody may
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app
