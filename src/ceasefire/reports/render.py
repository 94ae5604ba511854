"""A daily report as canonical JSON (what gets signed), as HTML (Jinja2) and as PDF (WeasyPrint)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from weasyprint import HTML

from ceasefire.audit.chain import canonical_json, sha256_hex


def to_json(report: dict[str, Any]) -> bytes:
    """RFC 8785 canonical JSON: the exact bytes every monitoring party signs."""
    return canonical_json(report)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("ceasefire.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _local(zone: ZoneInfo) -> Any:
    def local(value: str | None) -> str:
        if not value:
            return "-"
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(zone)
        return moment.strftime("%Y-%m-%d %H:%M")

    return local


def to_html(report: dict[str, Any]) -> str:
    """A page for people; it names the SHA-256 of the canonical JSON it was made from, so a
    printed copy can be tied to the signed file."""
    env = _environment()
    env.filters["local"] = _local(ZoneInfo(report["agreement"]["timezone"]))
    template = env.get_template("daily.html")
    return template.render(report=report, json_sha256=sha256_hex(to_json(report)))


def to_pdf(report: dict[str, Any]) -> bytes:
    pdf: bytes = HTML(string=to_html(report)).write_pdf()
    return pdf
