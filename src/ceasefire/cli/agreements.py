"""`ceasefire agreements ...`: check, load, list and show agreement files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.agreements import document as agreement_document
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
from ceasefire.errors import InvalidInputError

app = typer.Typer(help="Check, load, list and show agreements.", no_args_is_help=True)

FileArgument = Annotated[Path, typer.Argument(help="Agreement file (YAML).", show_default=False)]


@app.command()
def validate(file: FileArgument) -> None:
    """Check an agreement file. Exit 0 if valid; else print FILE:LINE: message per problem, exit 1."""
    try:
        doc = agreement_document.read_agreement(file)
    except InvalidInputError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        raise typer.Exit(1) from None
    typer.echo(
        f"{file}: valid: agreement {doc.id!r}, {len(doc.obligations)} obligations, "
        f"{len(doc.areas)} areas, {len(doc.amendments)} amendments, "
        f"{len(doc.observations)} observations"
    )


@app.command()
@handle_errors
def load(file: FileArgument, db: DbOption = None) -> None:
    """Check and store an agreement file, all or nothing (an unchanged file changes nothing)."""
    with engine_for(db) as engine, transaction(engine) as session:
        result = agreements_service.load_file(session, path=file, actor="cli")
    state = "loaded" if result.changed else "unchanged"
    typer.echo(f"{result.agreement_id}: {state} ({result.obligations} obligations)")


@app.command("list")
@handle_errors
def list_(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """List the stored agreements."""
    with engine_for(db) as engine, transaction(engine) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": a.id,
                "title": a.title,
                "effective": a.effective_label,
                "timezone": a.timezone,
                "obligations": len(agreements_service.obligations(session, agreement_id=a.id)),
            }
            for a in agreements_service.list_agreements(session)
        ]
    if format is OutputFormat.json:
        print_json(rows)
        return
    table = Table("id", "effective", "obligations", "title")
    for row in rows:
        table.add_row(row["id"], row["effective"], str(row["obligations"]), row["title"])
    Console().print(table)


@app.command()
@handle_errors
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="Agreement id.")],
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show an agreement: parties, provisions, obligations, areas and amendments."""
    with engine_for(db) as engine, transaction(engine) as session:
        detail = agreements_service.agreement_detail(session, agreement_id=agreement_id)
    if format is OutputFormat.json:
        print_json(detail)
        return
    console = Console()
    console.print(f"[bold]{detail['title']}[/bold] ({detail['id']})")
    console.print(f"effective {detail['effective']} ({detail['timezone']}); rule: {detail['rule']}")
    table = Table("obligation", "provision", "parties", "action", "area", "deadline")
    for o in detail["obligations"]:
        deadline = o["deadline"] or ("standing" if o["standing"] else "-")
        table.add_row(
            o["id"],
            o["provision"],
            ", ".join(o["parties"]),
            o["action"],
            o["area"] or "-",
            deadline,
        )
    console.print(table)
    for a in detail["amendments"]:
        console.print(f"amendment {a['id']} ({a['decided']}): {a['obligation']} {a['changes']}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the agreement file."""
    print_json(agreement_document.schema())
