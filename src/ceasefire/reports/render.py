"""A daily report as canonical JSON (what gets signed), as HTML (Jinja2) and as PDF (WeasyPrint).

The JSON is one for every reader; the HTML and PDF are in the reader's language (en, ru, tr):
headings, enum words, dates and numbers are translated, what was recorded stays as stored."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from weasyprint import HTML

from ceasefire import i18n, labels
from ceasefire.audit.chain import canonical_json, sha256_hex
from ceasefire.errors import InvalidInputError, Problem
from ceasefire.taxonomy.incident_types import TAXONOMY


def to_json(report: dict[str, Any]) -> bytes:
    """RFC 8785 canonical JSON: the exact bytes every monitoring party signs."""
    return canonical_json(report)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ceasefire.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.escaped_gettext, ngettext=i18n.escaped_ngettext, newstyle=True
    )
    env.filters["term"] = labels.term
    env.filters["incident_type"] = _incident_type
    env.filters["number"] = i18n.format_number
    env.filters["day"] = _day
    return env


def _incident_type(code: str) -> str:
    return labels.label(TAXONOMY[code].label) if code in TAXONOMY else code


def _day(value: str) -> str:
    """An ISO day as the reader's language writes it in full ("11 декабря 2020 г.")."""
    try:
        return i18n.format_date(dt.date.fromisoformat(value), "long")
    except ValueError:
        return value


def _local(zone: ZoneInfo) -> Any:
    def local(value: str | None) -> str:
        if not value:
            return "-"
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(zone)
        return f"{i18n.format_date(moment, 'medium')} {moment:%H:%M}"

    return local


def from_json(content: bytes, *, where: str = "report") -> dict[str, Any]:
    """A report back from its canonical JSON bytes (a signed file, a stored report)."""
    try:
        report = json.loads(content.decode("utf-8"))
        if not isinstance(report, dict) or "agreement" not in report:
            raise ValueError("not a daily report")
    except ValueError as exc:
        raise InvalidInputError([Problem(where, 1, f"not a daily report's JSON: {exc}")]) from None
    return report


def to_html(
    report: dict[str, Any], *, signed: bytes | None = None, language: str | None = None
) -> str:
    """A page for people; it names the SHA-256 of the canonical JSON it was made from (`signed`,
    the exact bytes, when given), so a printed copy can be tied to the signed file. In `language`
    (else the language of the work in hand)."""
    with i18n.use_language(language or i18n.language()):
        env = _environment()
        env.filters["local"] = _local(ZoneInfo(report["agreement"]["timezone"]))
        template = env.get_template("daily.html")
        content = to_json(report) if signed is None else signed
        return template.render(
            report=report, json_sha256=sha256_hex(content), language=i18n.language()
        )


def to_pdf(
    report: dict[str, Any], *, signed: bytes | None = None, language: str | None = None
) -> bytes:
    html = to_html(report, signed=signed, language=language)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
