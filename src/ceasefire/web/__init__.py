"""The web pages: server-rendered (Jinja2) faces over the domain services, plus their static files."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ceasefire.web import (
    admin_pages,
    auth_pages,
    complaint_pages,
    correction_pages,
    errors,
    force_pages,
    incident_pages,
    intake_pages,
    job_pages,
    pages,
    queue_pages,
    report_pages,
)
from ceasefire.web.errors import error_page
from ceasefire.web.i18n import LanguageMiddleware

__all__ = ["error_page", "install"]


def install(app: FastAPI) -> None:
    """Mount the pages, their static files, their error handlers and the choice of language."""
    static = resources.files("ceasefire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (
        pages,
        auth_pages,
        intake_pages,  # before incident_pages: /incidents/new is no incident number
        incident_pages,
        correction_pages,
        queue_pages,
        complaint_pages,
        report_pages,
        force_pages,
        admin_pages,
        job_pages,
    ):
        app.include_router(module.router)
    errors.install(app)
    app.add_middleware(LanguageMiddleware)
