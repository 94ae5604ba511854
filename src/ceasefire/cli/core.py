"""`ceasefire init`, `serve` and `compliance`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from rich.console import Console
from rich.table import Table

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    fail,
    handle_errors,
    print_json,
    settings_for,
)
from ceasefire.compliance import service as compliance_service
from ceasefire.demo import AGREEMENT, add_demo
from ceasefire.demo.force import FORCE_DEMO, add_force_demo
from ceasefire.settings import Settings, serving_problem


@handle_errors
def init(
    scenario: Annotated[
        str,
        typer.Option(help=f"Built-in scenario to load ({', '.join(scenarios.available())})."),
    ] = scenarios.DEFAULT,
    empty: Annotated[bool, typer.Option("--empty", help="Create the schema only.")] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Also add the demo data: December 2020 incidents, the force's records, a complaint from each conflict "
            "party and one user of each role (new users' passwords are printed once).",
        ),
    ] = False,
    demo_password_file: Annotated[
        Path | None,
        typer.Option(
            "--demo-password-file",
            help="Give every new demo user the password in this file instead of a random one.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Create or upgrade the schema and load a scenario. Running it twice changes nothing."""
    try:
        resource = scenarios.agreement_file(scenario)
    except ValueError as exc:
        fail(str(exc))
    with engine_for(db) as engine:
        applied = store.upgrade(engine)
        typer.echo(f"schema: {', '.join(applied) if applied else 'up to date'}")
        if empty:
            return
        document = parse_agreement(resource.read_bytes(), f"scenario:{scenario}")
        with store.transaction(engine) as session:
            result = agreements_service.store_document(
                session, document=document, source_name=f"scenario:{scenario}", actor="init"
            )
        state = "loaded" if result.changed else "unchanged"
        typer.echo(f"scenario {scenario}: {state} ({result.obligations} obligations)")
        if demo:
            _add_demo(engine, scenario, demo_password_file)


def _add_demo(engine: Any, scenario: str, password_file: Path | None) -> None:
    if scenario != AGREEMENT:
        if scenario not in FORCE_DEMO:
            fail(f"--demo: the demo data belongs to the {AGREEMENT} scenario")
        with store.transaction(engine) as session:
            added = add_force_demo(session, agreement_id=scenario)
        typer.echo(f"demo: {added} force records added")
        return
    password = None
    if password_file is not None:
        password = password_file.read_text(encoding="utf-8").rstrip("\r\n")
    with store.transaction(engine) as session:
        result = add_demo(session, password=password)
    with store.transaction(engine) as session:
        force_added = add_force_demo(session, agreement_id=scenario)
    typer.echo(
        f"demo: {result.incidents_added} incidents, {result.complaints_added} complaints, "
        f"{len(result.users_added)} users added"
    )
    typer.echo(f"demo: {force_added} force records added")
    if result.users_added and password is None:
        typer.echo("demo users' passwords (shown once; keep them):")
        for name, secret in result.users_added.items():
            typer.echo(f"  {name}: {secret}")


def uvicorn_options(settings: Settings, *, host: str, port: int, workers: int) -> dict[str, Any]:
    """What `serve` gives uvicorn. Proxy headers are never read by uvicorn (which believes them
    from loopback by default): the application believes them from `trusted_proxies` only."""
    return {
        "host": host,
        "port": port,
        "workers": workers,
        "proxy_headers": False,
        "forwarded_allow_ips": "",
        "log_level": "info",
        "timeout_graceful_shutdown": 10,
    }


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Server processes (uvicorn workers; default: the `workers` setting). More than "
            "one needs CEASEFIRE_SECRET_KEY.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Serve the API and the web pages (127.0.0.1:8000 unless told otherwise). Refuses to start
    without CEASEFIRE_SECRET_KEY outside development or with several workers."""
    settings = settings_for(db)
    count = workers or settings.workers
    problem = serving_problem(settings, workers=count)
    if problem:
        fail(problem)
    options = uvicorn_options(
        settings, host=host or settings.host, port=port or settings.port, workers=count
    )
    if count == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # each worker process builds its own app from the environment, so --db travels there
    os.environ["CEASEFIRE_DATABASE_URL"] = settings.database_url
    uvicorn.run("ceasefire.app:create_app", factory=True, **options)


@handle_errors
def compliance(
    agreement_id: Annotated[str, typer.Argument(metavar="AGREEMENT_ID", help="Agreement id.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date (end of that day in the agreement's time zone) or ISO 8601 datetime; "
            "default: now.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Each obligation's status as of a moment, with the deadline in force and the evidence."""
    with engine_for(db) as engine, store.transaction(engine) as session:
        try:
            moment, rows = compliance_service.compliance(
                session, agreement_id=agreement_id, as_of=as_of
            )
        except ValueError as exc:
            fail(f"--as-of: {exc}")
        data = compliance_service.compliance_json(rows, session=session, agreement_id=agreement_id)
    if format is OutputFormat.json:
        print_json(data)
        return
    table = Table(
        "obligation",
        "status",
        "deadline",
        "parties",
        "evidence",
        "reason",
        title=f"{agreement_id} as of {moment.isoformat()}",
    )
    for row in data:
        table.add_row(
            row["obligation"],
            row["status"],
            row["deadline"] or "-",
            ", ".join(row["parties"]),
            ", ".join(row["evidence"]) or "-",
            row["reason"],
        )
    Console(width=200).print(table)
