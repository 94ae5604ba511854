"""`ceasefire incidents ...`: list, show, import and export incidents."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from ceasefire.agreements import service as agreements_service
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
from ceasefire.incidents.filters import parse_incident_filter
from ceasefire.incidents.formats import DayMonth, ImportFormat
from ceasefire.incidents.models import Incident, IncidentStatus
from ceasefire.verification import service as verification_service

app = typer.Typer(help="List, show, import and export incidents.", no_args_is_help=True)


class ExportFormat:
    ACLED = "acled"
    HXL = "hxl"
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


@contextmanager
def _progress(description: str) -> Iterator[transfer.Progress | None]:
    """A progress bar on a terminal (standard error); nothing in a pipe or a file."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield advance


@app.command("import")
@handle_errors
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The file to import.", show_default=False)
    ],
    format: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            help="acled (ACLED-format CSV), ucdp (UCDP GED CSV), csv (ours) or geojson.",
        ),
    ] = ImportFormat.ACLED,
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement",
            help="Agreement the incidents belong to (its party aliases map the actors).",
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Import the good rows and list the refused ones (default: all or nothing).",
        ),
    ] = False,
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Dates like 5/9/2020 are day/month/year.")
    ] = False,
    month_first: Annotated[
        bool, typer.Option("--month-first", help="Dates like 5/9/2020 are month/day/year.")
    ] = False,
    status: Annotated[
        IncidentStatus,
        typer.Option(
            "--status", help="Status of the imported incidents (candidate: the work queue)."
        ),
    ] = IncidentStatus.CANDIDATE,
    db: DbOption = None,
) -> None:
    """Import incidents from ACLED-format CSV, UCDP GED CSV, our CSV or GeoJSON. All or nothing:
    any bad row refuses the whole file, and the refusals are summed up by reason with their
    lines (exit 1). Importing a file again changes nothing; a row its source revised becomes a
    new version of its incident. The file is kept as an immutable report."""
    if status is IncidentStatus.MERGED:
        raise typer.BadParameter("imported incidents cannot be merged ones", param_hint="--status")
    if day_first and month_first:
        raise typer.BadParameter("choose one of --day-first and --month-first")
    order = DayMonth.DAY_FIRST if day_first else DayMonth.MONTH_FIRST if month_first else None
    content = file.read_bytes()
    try:
        with (
            _progress(f"importing {file.name}") as progress,
            engine_for(db) as engine,
            transaction(engine) as session,
        ):
            result = transfer.import_incidents(
                session,
                fmt=format,
                content=content,
                source_name=str(file),
                actor="cli",
                agreement=agreement,
                skip_bad=skip_bad,
                status=status,
                day_month=order,
                progress=progress,
            )
    except transfer.ImportRefusedError as exc:
        lines = exc.result.summary(exc.source_name)
        lines[0] = f"{file}: nothing imported, {len(exc.result.refused)} rows refused"
        for line in lines:
            typer.echo(line, err=True)
        raise typer.Exit(1) from None
    for line in result.summary(str(file)):
        typer.echo(line)


@app.command("export")
@handle_errors
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="acled (ACLED-compatible CSV), hxl (CSV with HXL hashtags) or geojson.",
        ),
    ] = "acled",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (default: standard output).")
    ] = None,
    agreement: AgreementOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only incidents going on at or after this date, month or time."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", help="Only incidents begun by this date, month or time (included)."
        ),
    ] = None,
    bbox: Annotated[
        str | None,
        typer.Option("--bbox", help="Only incidents in west,south,east,north (degrees)."),
    ] = None,
    status: StatusOption = None,
    type_: TypeOption = None,
    db: DbOption = None,
) -> None:
    """Export incidents as ACLED-compatible CSV, HXL-hashtagged CSV or GeoJSON, streamed in
    batches. Dates without an offset are read in the agreement's zone (UTC without one)."""
    writers = {
        ExportFormat.ACLED: transfer.export_acled_csv,
        ExportFormat.HXL: transfer.export_hxl_csv,
        ExportFormat.GEOJSON: transfer.export_geojson,
    }
    if format not in writers:
        raise typer.BadParameter("expected acled, hxl or geojson", param_hint="--format")
    params = {
        name: [value]
        for name, value in (
            ("agreement", agreement),
            ("start", since),
            ("end", until),
            ("bbox", bbox),
        )
        if value
    }
    params["status"] = list(status or ())
    params["type"] = list(type_ or ())
    with engine_for(db) as engine:
        with transaction(engine) as session:
            try:
                flt = parse_incident_filter(params, zones=agreements_service.timezones(session))
            except ValueError as exc:
                raise typer.BadParameter(str(exc)) from None
        with _progress("exporting") as progress:
            chunks = writers[format](
                engine,
                flt=flt,
                everything=True,
                progress=None if progress is None else lambda n: progress(n, 0),
            )
            if out is None:
                for chunk in chunks:
                    sys.stdout.write(chunk)
                return
            with out.open("w", encoding="utf-8", newline="") as handle:
                for chunk in chunks:
                    handle.write(chunk)
