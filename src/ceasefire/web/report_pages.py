"""Daily reports: download a day's report (canonical JSON, HTML, PDF) and check its signatures.

Every link on one view of the page carries the same `known_at` moment, so the JSON, HTML and PDF
downloaded from it are renderings of the very same report (the JSON is what parties sign).
Signatures are checked against the public keys the person gives: the server holds no keys.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ceasefire.accounts import permissions
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep, SettingsDep, own_transactions
from ceasefire.reports import render as reports_render
from ceasefire.reports import service as reports_service
from ceasefire.reports import signing
from ceasefire.reports.period import parse_day
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)
MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
MAX_KEY_FILES = 10


def _require_staff(user: SignedInUser) -> None:
    if not permissions.is_monitoring_staff(user):
        raise NotFoundError("no reports")


def _shown(agreement: str | None) -> str:
    return agreement or _("no agreement is loaded yet")


def _day(field: str, value: str) -> dt.date:
    """The day asked for, or the error page naming the field (a non-date is the asker's slip)."""
    try:
        return parse_day(value)
    except ValueError as exc:
        raise CeasefireError(f"{field}: {exc}") from None


def _known_at(value: str | None) -> dt.datetime:
    if not value:
        return utcnow()
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CeasefireError(f"known_at: expected an ISO 8601 moment, got {value!r}") from None
    if moment.tzinfo is None:
        raise CeasefireError("known_at: give the time zone (e.g. 2020-12-12T17:00:00Z)")
    return moment


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    date: Annotated[str, Query(max_length=10)] = "",
) -> HTMLResponse:
    _require_staff(user)
    day = _day("date", date) if date else (utcnow() - dt.timedelta(days=1)).date()
    known_at = utcnow().isoformat(timespec="seconds").replace("+00:00", "Z")
    return render(
        request,
        "reports.html",
        nav="reports",
        title=_("Daily reports"),
        day=day.isoformat(),
        known_at=known_at,
        cutoff=settings.report_cutoff,
        agreement=_shown(default),
        checks=None,
    )


@router.get("/reports/daily/{day}.{kind}")
def download(
    day: str,
    kind: str,
    session: SessionDep,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    known_at: Annotated[str | None, Query(max_length=40)] = None,
    agreement: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    _require_staff(user)
    if kind not in MEDIA:
        raise NotFoundError(f"no report format {kind!r} (json, html or pdf)")
    agreement_id = agreement or default
    if agreement_id is None:
        raise NotFoundError(_("No agreement is loaded yet: run `ceasefire init`."))
    report = reports_service.daily_report(
        session,
        agreement_id=agreement_id,
        day=_day("day", day),
        cutoff=settings.report_cutoff,
        known_at=_known_at(known_at),
    )
    if kind == "json":
        body: bytes = reports_render.to_json(report)
    elif kind == "html":
        body = reports_render.to_html(report).encode()
    else:
        body = reports_render.to_pdf(report)
    name = f"daily-report-{report['agreement']['id']}-{day}.{kind}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "html":
        # the report page has its own inline styles; it is a download, not a page of this site
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return Response(body, media_type=MEDIA[kind], headers=headers)


@router.post("/reports/check", response_class=HTMLResponse)
@own_transactions  # checks signatures, writes nothing
async def check(
    request: Request,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    report: Annotated[UploadFile, File()],
    signatures: Annotated[UploadFile, File()],
    keys: Annotated[list[UploadFile], File()],
) -> HTMLResponse:
    """Check a report's signatures against the public keys given (the upload is not kept)."""
    _require_staff(user)
    if len(keys) > MAX_KEY_FILES:
        raise CeasefireError(f"keys: at most {MAX_KEY_FILES} public key files")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        report_path = base / "report.json"
        report_path.write_bytes(await report.read())
        envelope = base / "report.json.signatures"
        envelope.write_bytes(await signatures.read())
        key_paths = []
        for i, key in enumerate(keys):
            path = base / f"key{i}.pem"
            path.write_bytes(await key.read())
            key_paths.append(path)
        results = signing.verify_file(report_path, public_keys=key_paths, envelope=envelope)
        names = {
            str(p): (k.filename or f"key {i + 1}")
            for i, (p, k) in enumerate(zip(key_paths, keys, strict=True))
        }
        checks = [
            {"key": names[c.key], "key_id": c.key_id, "party": c.party, "valid": c.valid,
             "reason": c.reason}
            for c in results
        ]  # fmt: skip
    day = (utcnow() - dt.timedelta(days=1)).date().isoformat()
    return render(
        request,
        "reports.html",
        nav="reports",
        title=_("Daily reports"),
        day=day,
        known_at=utcnow().isoformat(timespec="seconds").replace("+00:00", "Z"),
        cutoff=settings.report_cutoff,
        agreement=_shown(default),
        checks=checks,
        all_valid=bool(checks) and all(c["valid"] for c in checks),
    )
