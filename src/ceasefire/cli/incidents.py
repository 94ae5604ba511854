"""`ceasefire incidents ...`: list, show, import and export incidents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    handle_errors,
    print_json,
)
from ceasefire.db import transaction
from ceasefire.errors import NotFoundError
from ceasefire.incidents import public as incidents_public
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents import transfer
from ceasefire.incidents.formats import ImportFormat
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.verification import service as verification_service

app = typer.Typer(help="List, show, import and export incidents.", no_args_is_help=True)


class ExportFormat:
    ACLED = "acled"
    GEOJSON = "geojson"


def _filter(
    agreement: str | None, status: list[str] | None, type_: list[str] | None
) -> incidents_service.IncidentFilter:
    return incidents_service.IncidentFilter(
        agreement=agreement, statuses=tuple(status or ()), types=tuple(type_ or ())
    )


AgreementOption = Annotated[
    str | None, typer.Option("--agreement", help="Only this agreement's incidents.")
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option("--status", help="candidate, open, merged or dismissed (repeatable)."),
]
TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="Incident type id (repeatable).")
]


@app.command("list")
@handle_errors
def list_(
    agreement: AgreementOption = None,
    status: StatusOption = None,
    type_: TypeOption = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 100,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List incidents with their type, time, place, status and finding."""
    with engine_for(db) as engine, transaction(engine) as session:
        rows, total = incidents_service.list_incidents(
            session, user=None, flt=_filter(agreement, status, type_), limit=limit, internal=True
        )
        data: list[dict[str, Any]] = [
            {
                "id": x.id,
                "type": x.type,
                "occurred": x.time_label,
                "place": x.place_name,
                "status": x.status,
                "finding": x.finding,
                "summary": x.summary,
            }
            for x in rows
        ]
    if format is OutputFormat.json:
        print_json(data)
        return
    table = Table(
        "id", "type", "occurred", "place", "status", "finding", title=f"{total} incidents"
    )
    for r in data:
        table.add_row(str(r["id"]), r["type"], r["occurred"], r["place"], r["status"], r["finding"])
    Console(width=160).print(table)


@app.command()
@handle_errors
def show(
    incident_id: Annotated[int, typer.Argument(metavar="ID", help="Incident id.")],
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show an incident with its finding and each monitoring party's latest assessment."""
    with engine_for(db) as engine, transaction(engine) as session:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise NotFoundError(f"no incident {incident_id}")
        data = incidents_public.to_public(
            session, incident, user=None, internal=True, with_duplicates=True
        ).model_dump(mode="json")
        assessed = verification_service.latest_assessments(session, incident_id=incident_id)
        data["assessments"] = {
            party: {"verdict": a.verdict, "version": a.version, "author": a.author}
            for party, a in sorted(assessed.items())
        }
    if format is OutputFormat.json:
        print_json(data)
        return
    console = Console(width=120)
    console.print(
        f"incident {data['id']}: {data['type_label']} ({data['status']}, finding {data['finding']})"
    )
    console.print(
        f"when: {data['time_label']} ({data['time_precision']}); where: {data['place_name'] or '-'}"
    )
    console.print(data["summary"])
    if data["possible_duplicates"]:
        console.print(f"possibly the same as: {', '.join(map(str, data['possible_duplicates']))}")
    for party, a in data["assessments"].items():
        console.print(f"  {party}: {a['verdict']} (version {a['version']}, {a['author']})")


@app.command("import")
@handle_errors
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The file to import.", show_default=False)
    ],
    format: Annotated[
        ImportFormat, typer.Option("--format", help="csv, geojson or acled (ACLED-format CSV).")
    ] = ImportFormat.ACLED,
    agreement: Annotated[
        str | None, typer.Option("--agreement", help="Agreement the incidents belong to.")
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Import the good rows and list the refused ones (default: all or nothing).",
        ),
    ] = False,
    status: Annotated[
        IncidentStatus,
        typer.Option(
            "--status", help="Status of the imported incidents (candidate: the work queue)."
        ),
    ] = IncidentStatus.CANDIDATE,
    db: DbOption = None,
) -> None:
    """Import incidents from CSV, GeoJSON or ACLED-format CSV. All or nothing: any bad row refuses
    the whole file and each bad row is listed as FILE:LINE: reason (exit 1). The file is kept as
    an immutable report."""
    if status is IncidentStatus.MERGED:
        raise typer.BadParameter("imported incidents cannot be merged ones", param_hint="--status")
    content = file.read_bytes()
    with engine_for(db) as engine, transaction(engine) as session:
        result = transfer.import_incidents(
            session,
            fmt=format,
            content=content,
            source_name=str(file),
            actor="cli",
            agreement=agreement,
            skip_bad=skip_bad,
            status=status,
        )
    for problem in result.refused:
        typer.echo(f"skipped {problem}", err=True)
    typer.echo(
        f"{file}: {result.imported} incidents imported, {len(result.refused)} rows skipped (report {result.report_id})"
    )


@app.command("export")
@handle_errors
def export(
    format: Annotated[
        str, typer.Option("--format", help="acled (ACLED-compatible CSV) or geojson.")
    ] = "acled",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (default: standard output).")
    ] = None,
    agreement: AgreementOption = None,
    status: StatusOption = None,
    type_: TypeOption = None,
    db: DbOption = None,
) -> None:
    """Export incidents as ACLED-compatible CSV or GeoJSON, streamed in batches."""
    if format not in (ExportFormat.ACLED, ExportFormat.GEOJSON):
        raise typer.BadParameter("expected acled or geojson", param_hint="--format")
    writer = transfer.export_acled_csv if format == ExportFormat.ACLED else transfer.export_geojson
    with engine_for(db) as engine:
        chunks = writer(engine, flt=_filter(agreement, status, type_), everything=True)
        if out is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        with out.open("w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
