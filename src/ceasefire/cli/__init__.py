"""The `ceasefire` command line: a thin face over the domain services.

The commands are registered below by the module that holds each one; a module is imported when
its command runs or shows its help, never for another command. Importing them all would make every
command wait for the web application, the PDF renderer and the NLP library (seconds, not
tenths); `tests/cli/test_commands.py` holds the table to the modules' own help.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass

import typer
import typer.main
from typer.core import TyperGroup


@dataclass(frozen=True)
class Registered:
    """A command of `ceasefire`: where it lives, and its line in `ceasefire --help`."""

    module: str
    attribute: str  # a typer.Typer (a group of commands) or a function (one command)
    summary: str


COMMANDS: dict[str, Registered] = {
    "init": Registered(
        "ceasefire.cli.core", "init", "Create or upgrade the schema and load a scenario."
    ),
    "serve": Registered("ceasefire.cli.core", "serve", "Serve the API and the web pages."),
    "compliance": Registered(
        "ceasefire.cli.core", "compliance", "Each obligation's status as of a moment."
    ),
    "ingest": Registered(
        "ceasefire.cli.news",
        "ingest",
        "Store news articles as received and propose their events.",
    ),
    "promote": Registered(
        "ceasefire.cli.news",
        "promote",
        "Put a news event stored as about no agreement in the queue.",
    ),
    "extract": Registered(
        "ceasefire.cli.news", "extract", "What the extraction finds in one article (no store)."
    ),
    "agreements": Registered(
        "ceasefire.cli.agreements", "app", "Check, load, list and show agreements."
    ),
    "audit": Registered("ceasefire.cli.audit", "app", "The audit record: read it and check it."),
    "witness": Registered(
        "ceasefire.cli.tlog", "witness_app", "A party's witness: cosign checkpoints, refuse forks."
    ),
    "mirror": Registered(
        "ceasefire.cli.tlog", "mirror", "Copy and check the center's log into a party's own store."
    ),
    "report": Registered(
        "ceasefire.cli.reports", "report_app", "Daily reports: build, sign and verify them."
    ),
    "keys": Registered(
        "ceasefire.cli.reports", "keys_app", "Signing keys of the monitoring parties (Ed25519)."
    ),
    "users": Registered(
        "ceasefire.cli.accounts",
        "users_app",
        "Add, list, check and deactivate users; reset passwords.",
    ),
    "tokens": Registered(
        "ceasefire.cli.accounts", "tokens_app", "Create, list and revoke API tokens."
    ),
    "incidents": Registered(
        "ceasefire.cli.incidents", "app", "List, show, import and export incidents."
    ),
    "worker": Registered(
        "ceasefire.cli.jobs", "worker", "Run the job consumer (queued jobs and the schedule)."
    ),
    "jobs": Registered("ceasefire.cli.jobs", "app", "Submit background jobs and list them."),
    "alerts": Registered(
        "ceasefire.cli.alerts", "app", "Alerts: what holds, evaluation, areas, channels."
    ),
    "force": Registered(
        "ceasefire.cli.force",
        "app",
        "The force: strength reports, posts, patrols, convoys, running totals.",
    ),
    "eval": Registered(
        "ceasefire.cli.news", "eval_app", "Measure the extraction on public evaluation formats."
    ),
}


@functools.cache
def load(name: str) -> typer.core.TyperCommand | TyperGroup:
    """The command `name`, its module imported now; built as a child of a root like ours, so
    it reads and helps exactly as if it had been added to the root directly."""
    registered = COMMANDS[name]
    target = getattr(importlib.import_module(registered.module), registered.attribute)
    parent = typer.Typer(add_completion=False, rich_markup_mode=None)
    if isinstance(target, typer.Typer):
        parent.add_typer(target, name=name)
    else:  # one command: a function
        parent.command(name=name)(target)
        parent.callback()(_nothing)  # a root of one command would be that command itself
    root = typer.main.get_command(parent)
    assert isinstance(root, TyperGroup)
    command = root.commands[name]
    assert isinstance(command, typer.core.TyperCommand | TyperGroup)
    return command


def _nothing() -> None:
    """Holds a lone command under a group while it is built."""


class _Registry(TyperGroup):
    """The root command: its subcommands come from `COMMANDS`, imported when used."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(  # type: ignore[override]
        self, ctx: typer.Context, cmd_name: str
    ) -> typer.core.TyperCommand | TyperGroup | None:
        return load(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: typer.Context, formatter: object) -> None:  # type: ignore[override]
        rows = [(name, registered.summary) for name, registered in COMMANDS.items()]
        with formatter.section("Commands"):  # type: ignore[attr-defined]
            formatter.write_dl(rows)  # type: ignore[attr-defined]


app = typer.Typer(
    cls=_Registry,
    name="ceasefire",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def ceasefire() -> None:
    """Ceasefire: the software of a joint ceasefire monitoring center.

    Every command that uses the store takes --db URL (else $CEASEFIRE_DATABASE_URL, else the
    SQLite file ceasefire.db in the current folder).
    """


def main() -> None:
    app()
