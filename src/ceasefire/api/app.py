"""The application factory: nothing connects until `create_app` is called."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import text

from ceasefire import __version__, web
from ceasefire.api import accounts, agreements, articles, audit, complaints, incidents
from ceasefire.api.errors import install_error_handlers
from ceasefire.api.limits import BodySizeLimit
from ceasefire.db import make_engine
from ceasefire.settings import Settings, load_settings


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
        openapi_url="/api/v1/openapi.json",
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

    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, limit=settings.max_upload_bytes)
    app.include_router(agreements.router, prefix="/api/v1")
    app.include_router(accounts.router, prefix="/api/v1")
    app.include_router(incidents.router, prefix="/api/v1")
    app.include_router(complaints.router, prefix="/api/v1")
    app.include_router(articles.router, prefix="/api/v1")
    app.include_router(audit.router, prefix="/api/v1")
    web.install(app, settings)
    return app
