"""The application: the HTTP shell, the API under /api/v1 and the pages, assembled into one app.

Nothing connects until `create_app` is called. The API and the pages never import each other;
this module is the one place that knows both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import text

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
from ceasefire.db import make_engine
from ceasefire.http import errors, inputs, security
from ceasefire.http.limits import BodySizeLimit
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
    app.state.engine = make_engine(settings.database_url)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, Any]:
        """Liveness and database reachability."""
        with app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    # API paths answer JSON, pages an error page; both with the status the shell gives
    errors.install(app, page=web.error_page, json_prefix="/api/")
    inputs.install(app, page=web.error_page, json_prefix="/api/")  # inside the size limit
    app.add_middleware(BodySizeLimit, limit=settings.max_upload_bytes)
    for module in (agreements, accounts, incidents, complaints, articles, audit, alerts, force):
        app.include_router(module.router, prefix=API_PREFIX)
    # The log sits at a stable path of its own, as tlog-tiles clients expect it.
    app.include_router(tlog.router)
    web.install(app)
    security.install(app, settings)
    return app
