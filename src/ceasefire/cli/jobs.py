"""`ceasefire worker` (the job consumer) and `ceasefire jobs ...` (submit and list jobs)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ceasefire import db as store
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
from ceasefire.jobs import queue
from ceasefire.jobs import service as jobs_service

app = typer.Typer(help="Background jobs: submit them and see how they went.", no_args_is_help=True)


@handle_errors
def worker(
    threads: Annotated[
        int | None,
        typer.Option(
            "--threads",
            help="Jobs run at once (default: the job_threads setting).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Run the job consumer until stopped: queued jobs, retries, and the schedule (alert
    evaluation, scheduled ingest, the daily report at the cut-off)."""
    settings = settings_for(db)
    typer.echo(f"worker {queue.worker_name()} on queue {queue.queue_url(settings)}", err=True)
    queue.run_worker(settings, threads=threads or settings.job_threads)


@app.command()
@handle_errors
def submit(
    kind: Annotated[
        str,
        typer.Argument(
            help="import-incidents, export-incidents, ingest, daily-report or alerts-evaluate."
        ),
    ],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            help="A parameter as NAME=VALUE (a JSON value or text); repeat it.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str, typer.Option("--by", help="Who starts the job (shown on the jobs page).")
    ] = "cli",
    db: DbOption = None,
) -> None:
    """Submit a job; the same job submitted twice (same kind and parameters) is one job."""
    from ceasefire.jobs import kinds  # registration: the kinds load every domain a job runs

    kinds.check_kind(kind)
    params: dict[str, object] = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            fail(f"--param: expected NAME=VALUE, got {item!r}")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    settings = settings_for(db)
    with engine_for(db) as engine:
        job_id, new = queue.submit(engine, settings, kind=kind, params=params, started_by=by)
    typer.echo(f"job {job_id} {'submitted' if new else 'already submitted: the same job'}")


@app.command("list")
@handle_errors
def list_(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """The latest jobs: kind, who started it, status, progress, errors."""
    with engine_for(db) as engine, store.transaction(engine) as session:
        data = [jobs_service.job_json(j) for j in jobs_service.list_jobs(session)]
    if format is OutputFormat.json:
        print_json(data)
        return
    table = Table("id", "kind", "by", "status", "attempts", "progress", "error")
    for j in data:
        p = j["progress"]
        table.add_row(
            str(j["id"]),
            j["kind"],
            j["started_by"],
            j["status"],
            f"{j['attempts']}/{j['max_attempts']}",
            f"{p['done']}/{p['total']} {p['note']}",
            (j["error"] or "").splitlines()[-1:][0] if j["error"] else "",
        )
    Console().print(table)
