"""The `ceasefire` command line: a thin face over the domain services."""

from __future__ import annotations

import typer

from ceasefire.cli import accounts, agreements, audit, core, incidents, news, reports

app = typer.Typer(
    name="ceasefire",
    help="Ceasefire: the software of a joint ceasefire monitoring center.\n\n"
    "Every command that uses the store takes --db URL (else $CEASEFIRE_DATABASE_URL, "
    "else the SQLite file ceasefire.db in the current folder).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command()(core.init)
app.command()(core.serve)
app.command()(core.compliance)
app.add_typer(agreements.app, name="agreements")
app.add_typer(audit.app, name="audit")
app.add_typer(reports.report_app, name="report")
app.add_typer(reports.keys_app, name="keys")
app.add_typer(accounts.users_app, name="users")
app.add_typer(accounts.tokens_app, name="tokens")
app.add_typer(incidents.app, name="incidents")
app.command()(news.ingest)
app.command()(news.extract)
app.add_typer(news.eval_app, name="eval")


def main() -> None:
    app()
