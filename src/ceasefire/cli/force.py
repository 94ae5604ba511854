"""`ceasefire force ...`: record, import and list the peacekeeping force's records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind

app = typer.Typer(
    help="The force: strength reports, posts, patrols, convoys, running totals.",
    no_args_is_help=True,
)

AgreementOption = Annotated[
    str, typer.Option("--agreement", help="Agreement the records belong to.", show_default=False)
]
KindArgument = Annotated[
    Kind,
    typer.Argument(
        metavar="KIND", help="strength, posts, patrols, convoys or totals.", show_default=False
    ),
]


@app.command("record")
@handle_errors
def record(
    kind: KindArgument,
    agreement: AgreementOption,
    field: Annotated[
        list[str],
        typer.Option(
            "--field",
            "-f",
            help="NAME=VALUE, one per field of the kind's CSV format (docs/force.md); repeatable.",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Record one force record, given as the fields of its CSV format. A refused field is named
    (exit 1) and nothing is stored."""
    fields = _fields(field)
    with engine_for(db) as engine, transaction(engine) as session:
        row = force_service.record(
            session,
            agreement_id=agreement,
            kind=kind,
            fields=fields,
            actor="cli",
            where="--field",
        )
        typer.echo(f"{kind.value} record {row.id} stored")


def _fields(items: list[str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{item!r}: expected NAME=VALUE", param_hint="--field")
        fields[name.strip()] = value
    return fields


@app.command("correct")
@handle_errors
def correct(
    kind: KindArgument,
    record_id: Annotated[
        int, typer.Argument(metavar="ID", help="The record's id.", show_default=False)
    ],
    agreement: AgreementOption,
    field: Annotated[
        list[str],
        typer.Option(
            "--field",
            "-f",
            help="NAME=VALUE, a field to change (NAME= clears an optional one); repeatable.",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Correct a record: the fields given replace its own, the whole is checked again, and its
    version goes up (both versions are kept in the audit record)."""
    with engine_for(db) as engine, transaction(engine) as session:
        row = force_service.correct(
            session,
            agreement_id=agreement,
            kind=kind,
            record_id=record_id,
            fields=_fields(field),
            actor="cli",
            where="--field",
        )
        typer.echo(f"{kind.value} record {row.id} corrected (version {row.version})")


@app.command("import")
@handle_errors
def import_(
    kind: KindArgument,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The CSV file to import.", show_default=False)
    ],
    agreement: AgreementOption,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Import the good rows and list the refused ones (default: all or nothing).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Import force records of one kind from CSV. All or nothing: any bad row refuses the whole
    file and each bad row is listed as FILE:LINE: field: reason (exit 1). The file is kept as an
    immutable report."""
    content = file.read_bytes()
    with engine_for(db) as engine, transaction(engine) as session:
        result = force_service.import_csv(
            session,
            agreement_id=agreement,
            kind=kind,
            content=content,
            source_name=str(file),
            actor="cli",
            skip_bad=skip_bad,
        )
    for problem in result.refused:
        typer.echo(f"skipped {problem}", err=True)
    typer.echo(
        f"{file}: {result.imported} {kind.value} records imported, "
        f"{len(result.refused)} rows skipped (report {result.report_id})"
    )


@app.command("list")
@handle_errors
def list_(
    kind: KindArgument,
    agreement: AgreementOption,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List an agreement's force records of one kind (totals: with the running total)."""
    with engine_for(db) as engine, transaction(engine) as session:
        items = force_service.list_public(session, agreement_id=agreement, kind=kind)
    if format is OutputFormat.json:
        print_json(items)
        return
    columns = list(items[0]) if items else ["id"]
    columns = [c for c in columns if c not in {"agreement", "route", "recorded_by"}]
    table = Table(*columns, title=f"{agreement}: {kind.value}")
    for item in items:
        table.add_row(*(_cell(item[c]) for c in columns))
    Console(width=200).print(table)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in value.items()
        )
    return str(value)
