"""The `ceasefire` command line: a thin face over the domain services."""

from __future__ import annotations

import typer

from ceasefire.cli import agreements, core, news

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
app.command()(news.ingest)
app.command()(news.extract)
app.add_typer(news.eval_app, name="eval")


def main() -> None:
    app()
