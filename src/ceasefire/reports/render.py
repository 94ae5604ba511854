"""A daily report as canonical JSON (what gets signed), as HTML (Jinja2) and as PDF (WeasyPrint)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from weasyprint import HTML

from ceasefire.audit.chain import canonical_json, sha256_hex
from ceasefire.errors import InvalidInputError, Problem


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


def from_json(content: bytes, *, where: str = "report") -> dict[str, Any]:
    """A report back from its canonical JSON bytes (a signed file, a stored report)."""
    try:
        report = json.loads(content.decode("utf-8"))
        if not isinstance(report, dict) or "agreement" not in report:
            raise ValueError("not a daily report")
    except ValueError as exc:
        raise InvalidInputError([Problem(where, 1, f"not a daily report's JSON: {exc}")]) from None
    return report


def to_html(report: dict[str, Any], *, signed: bytes | None = None) -> str:
    """A page for people; it names the SHA-256 of the canonical JSON it was made from (`signed`,
    the exact bytes, when given), so a printed copy can be tied to the signed file."""
    env = _environment()
    env.filters["local"] = _local(ZoneInfo(report["agreement"]["timezone"]))
    template = env.get_template("daily.html")
    content = to_json(report) if signed is None else signed
    return template.render(report=report, json_sha256=sha256_hex(content))


def to_pdf(report: dict[str, Any], *, signed: bytes | None = None) -> bytes:
    pdf: bytes = HTML(string=to_html(report, signed=signed)).write_pdf()
    return pdf
