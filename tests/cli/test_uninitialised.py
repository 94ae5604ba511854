"""A command on a store that was never initialised says how to fix it, on both stores."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.cli.common import NOT_INITIALISED


@pytest.mark.parametrize(
    "command", [["users", "list"], ["incidents", "list"], ["users", "check"], ["audit", "verify"]]
)
def test_a_store_never_initialised_is_named(db_url: str, command: list[str]) -> None:
    engine = create_engine(db_url)
    with engine.begin() as connection:  # the fixture migrated it: undo that, as a new store is
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            names = [
                r[0]
                for r in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type='table'")
                )
            ]
            for name in names:
                connection.execute(text(f'DROP TABLE "{name}"'))
    engine.dispose()
    result = CliRunner().invoke(app, [*command, "--db", db_url])
    assert result.exit_code == 1
    assert NOT_INITIALISED in result.output
    assert "no such table" not in result.output
