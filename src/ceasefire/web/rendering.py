"""Rendering pages: one Jinja2 environment (autoescaped, with Jinja2's i18n extension over the
request's language) with `_()`, dates and numbers per locale, and the signed-in user."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ceasefire import __version__, i18n, labels


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ceasefire.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # newstyle: `_()` and `ngettext()` escape their %-arguments and `ngettext` fills `%(num)s`
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.escaped_gettext, ngettext=i18n.escaped_ngettext, newstyle=True
    )
    env.globals.update(version=__version__, languages=i18n.LANGUAGES)
    env.filters["date"] = i18n.format_date
    env.filters["datetime"] = i18n.format_datetime
    env.filters["number"] = i18n.format_number
    env.filters["term"] = labels.term
    env.filters["label"] = labels.label
    env.filters["combine"] = lambda a, b: {**a, **b}
    env.filters["qs"] = lambda params: urlencode(params, doseq=True)
    return env


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """The page `template` with the request, the user (or None) and a CSRF token in its context."""
    context.setdefault("user", getattr(request.state, "user", None))
    context.setdefault("csrf_token", getattr(request.state, "csrf_token", ""))
    context.setdefault("settings", request.app.state.settings)
    context.setdefault("nav", "")
    context.setdefault("language", i18n.language())
    html = environment().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)
