"""`ceasefire audit ...`: check the record, keep checkpoints of its head, read recent entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

# every domain's tables in the metadata: `--state` reads each table the record holds states of
from ceasefire import tables  # noqa: F401
from ceasefire.agreements import service as agreements_service
from ceasefire.audit import chain
from ceasefire.audit import service as audit_service
from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    handle_errors,
    print_json,
)
from ceasefire.db import transaction

app = typer.Typer(
    help="The audit record: every change, hash-chained so none can be quietly altered.",
    no_args_is_help=True,
)


@app.command()
@handle_errors
def verify(
    checkpoint: Annotated[
        str | None,
        typer.Option(
            "--checkpoint",
            help="A head kept earlier: a file written by `audit checkpoint`, SEQ:HASH, or a "
            "hash. The record must still reach it unchanged (this catches truncation).",
            show_default=False,
        ),
    ] = None,
    state: Annotated[
        bool,
        typer.Option(
            "--state",
            help="Also rebuild every audited row from the entries and name each row and field "
            "of the tables that differs from the record (a change made behind the record's back).",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="With --state: also fail on rows that no entry records (written before states "
            "were recorded, by a bulk import, or inserted behind the record's back).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Check every entry's hash, link and number, and the Merkle tree kept beside them. Exit 0
    printing the entry count and head hash; exit 1 naming the first bad entry (edited, deleted,
    inserted, reordered, truncated), or with --state every row that differs from the record."""
    kept = audit_service.parse_checkpoint(checkpoint) if checkpoint else None
    with engine_for(db) as engine, transaction(engine) as session:
        verdict, tree_problem = audit_service.verify_with_tree(session, checkpoint=kept)
        drifts, unrecorded = audit_service.verify_state(session) if state else ([], [])
    if verdict.problem is not None:
        problem = verdict.problem
        typer.echo(
            f"audit record NOT intact: first bad entry {problem.seq} ({problem.kind}): "
            f"{problem.message}",
            err=True,
        )
        typer.echo(
            f"{verdict.count} entries check out before it (up to entry {verdict.head_seq}, "
            f"hash {verdict.head_hash})",
            err=True,
        )
        raise typer.Exit(1)
    if tree_problem is not None:
        typer.echo(f"audit record NOT intact: {tree_problem}", err=True)
        raise typer.Exit(1)
    for drift in drifts:
        typer.echo(f"drift: {drift.message}", err=True)
    for row in unrecorded:
        typer.echo(f"{'unrecorded' if strict else 'note'}: {row.message}", err=True)
    if drifts or (strict and unrecorded):
        typer.echo(
            f"tables NOT as the record says: {len(drifts)} difference(s), "
            f"{len(unrecorded)} unrecorded row(s)",
            err=True,
        )
        raise typer.Exit(1)
    reach = ""
    if kept is not None:
        reach = f"; reaches the checkpoint {kept.seq if kept.seq is not None else kept.hash[:16]}"
    typer.echo(
        f"audit record intact: {verdict.count} entries, head {verdict.head_seq} "
        f"{verdict.head_hash}{reach}"
    )
    if state:
        typer.echo(f"tables as the record says ({len(unrecorded)} row(s) with no recorded state)")


@app.command()
@handle_errors
def checkpoint(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the checkpoint to this file.", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """Print the head (seq and hash, JSON) for each monitoring party to keep. Verifying later
    with --checkpoint shows nothing up to it was changed or cut off."""
    with engine_for(db) as engine, transaction(engine) as session:
        parties = sorted(
            {p for a in agreements_service.list_agreements(session) for p in a.monitoring_parties}
        )
        data = audit_service.checkpoint(session, parties=parties)
    if out is not None:
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_json(data)


@app.command()
@handle_errors
def log(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many entries.")] = 20,
    db: DbOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """The most recent entries, newest first."""
    with engine_for(db) as engine, transaction(engine) as session:
        rows = audit_service.recent(session, limit=limit)
        data = [
            {
                "seq": r.seq,
                "time": chain.format_time(r.time),
                "actor": r.actor,
                "action": r.action,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "payload": json.loads(r.payload),
                "hash": r.hash,
            }
            for r in rows
        ]
    if format is OutputFormat.json:
        print_json(data)
        return
    table = Table("seq", "time (UTC)", "actor", "action", "object", "hash", title="audit record")
    for row in data:
        table.add_row(
            str(row["seq"]),
            row["time"][:19].replace("T", " "),
            row["actor"],
            row["action"],
            f"{row['object_type']} {row['object_id']}",
            row["hash"][:16],
        )
    Console(width=160).print(table)


@app.command("state")
@handle_errors
def state_rows(
    table: Annotated[
        str | None,
        typer.Option("--table", help="Only this table (e.g. incidents).", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """The tables as the record says they are: every recorded row's last state rebuilt from the
    entries, as JSON lines `{table, key, seq, values}`. On a mirror's store this is the center's
    tables as published (secrets and long values as their SHA-256)."""
    with engine_for(db) as engine, transaction(engine) as session:
        states = audit_service.rebuild_state(session)
    for (name, key), recorded in sorted(states.items()):
        if table is None or name == table:
            line = {
                "table": name,
                "key": json.loads(key),
                "seq": recorded.seq,
                "values": recorded.values,
            }
            typer.echo(json.dumps(line, ensure_ascii=False, sort_keys=True))
