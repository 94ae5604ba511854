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
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ceasefire import i18n
from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.db import utcnow
from ceasefire.errors import CeasefireError, NotFoundError
from ceasefire.http.deps import SessionDep, SettingsDep, own_transactions
from ceasefire.reports import render as reports_render
from ceasefire.reports import service as reports_service
from ceasefire.reports import signing
from ceasefire.reports import store as reports_store
from ceasefire.reports.period import parse_day
from ceasefire.web.deps import DefaultAgreement, SignedInUser
from ceasefire.web.i18n import _
from ceasefire.web.rendering import render

router = APIRouter(include_in_schema=False)
MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
MAX_KEY_FILES = 10
MAX_SIGNATURES_BYTES = 64 * 1024


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


def _language(value: str | None) -> str:
    """The language a rendering is asked in (`?lang=`), else the reader's."""
    if not value:
        return i18n.language()
    try:
        return i18n.check_language(value)
    except ValueError as exc:
        raise CeasefireError(f"lang: {exc}") from None


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


def _days(session: SessionDep, agreement_id: str | None) -> list[dict[str, object]]:
    """The stored reports of the agreement, newest day first, with each party's signature."""
    if agreement_id is None:
        return []
    parties = list(
        agreements_service.get_agreement(session, agreement_id=agreement_id).monitoring_parties
    )
    return [
        {"report": stored, "parties": reports_store.status(session, stored, parties)}
        for stored in reports_store.stored_reports(session, agreement_id=agreement_id)
    ]


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    date: Annotated[str, Query(max_length=10)] = "",
    message: Annotated[str, Query(max_length=300)] = "",
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
        days=_days(session, default),
        party=user.party if permissions.can_assess(user, user.party or "") else None,
        message=message,
    )


def _back(message: str) -> RedirectResponse:
    return RedirectResponse("/reports?message=" + quote(message[:300]), status_code=303)


@router.post("/reports/build")
def build(
    session: SessionDep,
    settings: SettingsDep,
    default: DefaultAgreement,
    user: SignedInUser,
    day: Annotated[str, Form(max_length=10)],
) -> RedirectResponse:
    """Build a day's report as the center knows it now and keep its exact bytes for signing."""
    _require_staff(user)
    if default is None or user is None:
        raise NotFoundError(_("No agreement is loaded yet: run `ceasefire init`."))
    existing = reports_store.find(session, agreement_id=default, day=parse_day(day))
    if existing is not None:
        return _back(_("The report of {day} is built already: sign that one.").format(day=day))
    stored = reports_store.build(
        session,
        agreement_id=default,
        day=parse_day(day),
        cutoff=settings.report_cutoff,
        actor=user.name,
    )
    return _back(
        _("Report of {day} built (SHA-256 {sha}).").format(day=stored.day, sha=stored.sha256)
    )


@router.post("/reports/stored/{report_id}/signatures")
def upload_signature(
    report_id: int,
    session: SessionDep,
    user: SignedInUser,
    signatures: Annotated[UploadFile | None, File()] = None,
) -> RedirectResponse:
    """A monitor or co-head uploads its own party's signature, made offline with `report sign`."""
    _require_staff(user)
    if user is None or user.party is None:
        raise NotFoundError("no reports")
    # the same people who speak for their party on an incident sign its reports
    if not permissions.can_assess(user, user.party):
        raise permissions.PermissionDeniedError(
            _("Only a monitor or co-head uploads its party's signature.")
        )
    if signatures is None:
        raise CeasefireError(
            "signatures: give the FILE.sig.json that `ceasefire report sign` wrote"
        )
    content = signatures.file.read(MAX_SIGNATURES_BYTES + 1)
    if len(content) > MAX_SIGNATURES_BYTES:
        raise CeasefireError(f"signatures: at most {MAX_SIGNATURES_BYTES} bytes")
    signature = reports_store.add_signature(
        session,
        report_id=report_id,
        party=user.party,
        envelope=content,
        where=signatures.filename or "signatures file",
        actor=user.name,
    )
    return _back(
        _("{party}'s signature kept (key {key}).").format(
            party=signature.party, key=signature.key_id
        )
    )


@router.get("/reports/stored/{report_id}.{kind}")
def stored_download(
    report_id: int,
    kind: str,
    session: SessionDep,
    user: SignedInUser,
    lang: Annotated[str | None, Query(max_length=8)] = None,
) -> Response:
    """The stored report's exact signed bytes, and its HTML and PDF made from those bytes (in
    `lang`, else the reader's language)."""
    _require_staff(user)
    language = _language(lang)
    if kind not in MEDIA:
        raise NotFoundError(f"no report format {kind!r} (json, html or pdf)")
    stored = reports_store.get(session, report_id=report_id)
    if kind == "json":
        body: bytes = stored.content
    else:
        report = reports_render.from_json(stored.content)
        if kind == "html":
            body = reports_render.to_html(report, signed=stored.content, language=language).encode()
        else:
            body = reports_render.to_pdf(report, signed=stored.content, language=language)
    return _attachment(body, f"daily-report-{stored.agreement_id}-{stored.day}.{kind}", kind)


def _attachment(body: bytes, name: str, kind: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "html":
        # the report page has its own inline styles; it is a download, not a page of this site
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return Response(body, media_type=MEDIA[kind], headers=headers)


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
    lang: Annotated[str | None, Query(max_length=8)] = None,
) -> Response:
    """A day's report as known at `known_at`; its HTML and PDF in `lang` (else the reader's)."""
    _require_staff(user)
    language = _language(lang)
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
    signed = reports_render.to_json(report)
    if kind == "json":
        body: bytes = signed
    elif kind == "html":
        body = reports_render.to_html(report, signed=signed, language=language).encode()
    else:
        body = reports_render.to_pdf(report, signed=signed, language=language)
    return _attachment(body, f"daily-report-{report['agreement']['id']}-{day}.{kind}", kind)


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
        days=[],
        party=None,
        message="",
    )
