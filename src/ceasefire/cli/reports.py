"""`ceasefire report ...` (daily reports, signing, verifying) and `ceasefire keys generate`."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ceasefire.agreements import service as agreements_service
from ceasefire.audit import notes
from ceasefire.cli.common import DbOption, engine_for, fail, handle_errors, settings_for
from ceasefire.db import transaction
from ceasefire.reports import record, render, signing
from ceasefire.reports import service as reports_service
from ceasefire.reports import store as reports_store
from ceasefire.reports.period import parse_cutoff, parse_day, parse_moment

report_app = typer.Typer(
    help="Daily reports: canonical JSON that every monitoring party signs, HTML and PDF.",
    no_args_is_help=True,
)
keys_app = typer.Typer(
    help="Signing keys of the monitoring parties (Ed25519).", no_args_is_help=True
)


class ReportFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"


@report_app.command()
@handle_errors
def daily(
    date: Annotated[
        str, typer.Option("--date", help="The report's day (YYYY-MM-DD).", show_default=False)
    ],
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement",
            help="Agreement id (default: the default_agreement setting, else the agreement loaded "
            "first).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", help="json (what is signed), html or pdf.")
    ] = ReportFormat.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="File to write (default: standard output; PDF needs a file).",
            show_default=False,
        ),
    ] = None,
    cutoff: Annotated[
        str | None,
        typer.Option(
            "--cutoff",
            help="Cut-off HH:MM in the agreement's time zone (default: the report_cutoff setting).",
            show_default=False,
        ),
    ] = None,
    known_at: Annotated[
        str | None,
        typer.Option(
            "--known-at",
            help="Build from what was recorded by this moment (ISO 8601, e.g. the known_at of "
            "an earlier report, to rebuild it byte for byte). Default: now.",
            show_default=False,
        ),
    ] = None,
    from_json: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Render this report JSON file (e.g. the signed one) as HTML or PDF instead of "
            "building the report again: both then name that file's SHA-256.",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """The daily report as of the cut-off: the period's incidents by type and district, findings,
    open disputes, complaints, the compliance table, peacekeeper figures and the audit head."""
    settings = settings_for(db)
    try:
        day = parse_day(date)
        cut = cutoff or settings.report_cutoff
        parse_cutoff(cut)
        known = parse_moment(known_at) if known_at else None
    except ValueError as exc:
        fail(str(exc))
    if format is ReportFormat.pdf and out is None:
        fail("--out FILE is needed for a PDF")
    if from_json is not None:
        if format is ReportFormat.json:
            fail("--from renders a report JSON file as html or pdf: give --format html or pdf")
        signed = from_json.read_bytes()
        report = render.from_json(signed, where=str(from_json))
        if report.get("date") != day.isoformat():
            fail(f"--from {from_json}: the report of {report.get('date')}, not of {day}")
        _write(
            render.to_html(report, signed=signed).encode("utf-8")
            if format is ReportFormat.html
            else render.to_pdf(report, signed=signed),
            out,
            day,
            format,
        )
        return
    with engine_for(db) as engine, transaction(engine) as session:
        agreement_id = agreement or agreements_service.default_agreement_id(
            session, configured=settings.default_agreement
        )
        if agreement_id is None:
            fail("--agreement: no agreement is loaded yet (run `ceasefire init`)")
        report = reports_service.daily_report(
            session,
            agreement_id=agreement_id,
            day=day,
            cutoff=cut,
            known_at=known,
        )
    signed = render.to_json(report)
    if format is ReportFormat.json:
        content = signed
    elif format is ReportFormat.html:
        content = render.to_html(report, signed=signed).encode("utf-8")
    else:
        content = render.to_pdf(report, signed=signed)
    _write(content, out, day, format)


def _write(content: bytes, out: Path | None, day: object, format: ReportFormat) -> None:
    if out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    out.write_bytes(content)
    typer.echo(f"{out}: daily report {day} ({format}, {len(content)} bytes)", err=True)


@report_app.command()
@handle_errors
def sign(
    file: Annotated[
        Path,
        typer.Argument(
            help="The report file (its bytes are signed as they are).",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ],
    key: Annotated[
        Path,
        typer.Option(
            "--key",
            help="The party's private key (PEM).",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ],
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            help="The signing party (default: the key file's name, e.g. TUR for TUR.key).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add the party's signature to FILE.sig.json next to the report; FILE itself is not touched."""
    if party is None and not re.fullmatch(r"[A-Za-z]{3}", key.stem):
        fail(f"--party: say which party signs (the key file's name {key.stem!r} is not one)")
    signer = signing.check_party(party or key.stem)
    envelope = signing.sign_file(file, private_key=signing.load_private_key(key), party=signer)
    typer.echo(f"{envelope}: signed by {signer}")


@report_app.command()
@handle_errors
def verify(
    file: Annotated[
        Path,
        typer.Argument(help="The report file.", show_default=False, exists=True, dir_okay=False),
    ],
    key: Annotated[
        list[Path],
        typer.Option(
            "--key",
            help="A public key (PEM) whose signature must hold; repeat it for every party.",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ],
    signatures: Annotated[
        Path | None,
        typer.Option(
            "--signatures", help="The signatures file (default: FILE.sig.json).", show_default=False
        ),
    ] = None,
    witness_key: Annotated[
        list[Path] | None,
        typer.Option(
            "--witness-key",
            help="A witness's public key (PEM, named PARTY.pub): the report's checkpoint must "
            "carry its valid cosignature. Repeat it for every witness.",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    log_key: Annotated[
        Path | None,
        typer.Option(
            "--log-key",
            help="The center's log public key: the report's checkpoint must be signed by it.",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Exit 0 only when every given key's signature is valid over the exact bytes of FILE (each
    key standing for a different party: a key given twice counts once, and fails) and, for a
    JSON report, the inclusion proof of every listed incident holds in the report's checkpoint,
    with the cosignature of every --witness-key and the log's signature (--log-key)."""
    checks = signing.verify_file(file, public_keys=key, envelope=signatures)
    for check in checks:
        who = f"{check.party} " if check.party else ""
        typer.echo(f"{check.key}: {who}key {check.key_id}: {check.reason}")
    log_checks = _log_checks(file, witness_key or [], log_key)
    for log_check in log_checks:
        typer.echo(f"{log_check.what}: {log_check.reason}")
    if not all(check.valid for check in checks) or not all(c.valid for c in log_checks):
        raise typer.Exit(1)
    parties = ", ".join(sorted({c.party or c.key_id for c in checks}))
    typer.echo(f"{file}: valid signatures by all {len(checks)} keys, of parties {parties}")


def _log_checks(
    file: Path, witness_keys: list[Path], log_key: Path | None
) -> list[record.LogCheck]:
    try:
        report = json.loads(file.read_bytes())
    except (UnicodeDecodeError, ValueError):
        report = None
    if not isinstance(report, dict) or "log" not in report:
        if witness_keys or log_key:
            return [
                record.LogCheck("log", False, "the file is not a JSON report with a checkpoint")
            ]
        return []
    if not (report["log"] or {}).get("checkpoint") and not (witness_keys or log_key):
        return [record.LogCheck("log", True, "no checkpoint had been cosigned by the cut-off")]
    witnesses = {path.stem: notes.load_public_key(path) for path in witness_keys}
    public_log = notes.load_public_key(log_key) if log_key else None
    return record.verify_log_section(report, witnesses=witnesses, log_key=public_log)


@keys_app.command()
@handle_errors
def generate(
    party: Annotated[
        str, typer.Option("--party", help="Monitoring party (ISO3, e.g. TUR).", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for PARTY.key and PARTY.pub.", show_default=False)
    ],
) -> None:
    """Make an Ed25519 key pair: PARTY.key (private, mode 0600: keep it secret) and PARTY.pub
    (public: hand it to anyone who will check the party's signatures)."""
    private_path, public_path = signing.generate_keys(party=party, out=out)
    typer.echo(f"private key: {private_path} (keep it secret)\npublic key: {public_path}")


@keys_app.command()
@handle_errors
def register(
    public_key: Annotated[
        Path,
        typer.Argument(
            help="The party's public key file (PEM, PARTY.pub from `keys generate`).",
            show_default=False,
            exists=True,
            dir_okay=False,
        ),
    ],
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            help="The party (default: the file's name, e.g. TUR for TUR.pub).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Register a monitoring party's public key with the server, so the reports page can verify
    the signatures the party uploads (the private key stays with the party)."""
    chosen = party or public_key.stem
    with engine_for(db) as engine, transaction(engine) as session:
        monitoring = {
            p for a in agreements_service.list_agreements(session) for p in a.monitoring_parties
        }
        chosen = signing.check_party(chosen)
        if chosen not in monitoring:
            fail(
                f"--party {chosen}: not a monitoring party of any loaded agreement "
                f"({', '.join(sorted(monitoring)) or 'none loaded'})"
            )
        key = reports_store.register_key(
            session, party=chosen, pem=public_key.read_bytes(), where=str(public_key), actor="cli"
        )
        typer.echo(f"{chosen}: public key {key.key_id} registered")
