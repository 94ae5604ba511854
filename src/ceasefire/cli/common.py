"""What every command shares: the --db and --format options, opening the store, reporting errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import wraps
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from ceasefire.db import make_engine
from ceasefire.errors import CeasefireError, InvalidInputError
from ceasefire.settings import Settings, load_settings

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (else $CEASEFIRE_DATABASE_URL, else sqlite:///ceasefire.db).",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


NOT_INITIALISED = "store not initialised: run `ceasefire init` (with the same --db) first"


def is_missing_table(exc: DBAPIError) -> bool:
    """A table of ours is missing: SQLite says "no such table", PostgreSQL's code 42P01."""
    if (
        getattr(exc.orig, "pgcode", None) == "42P01"
        or getattr(exc.orig, "sqlstate", None) == "42P01"
    ):
        return True
    text = str(exc.orig)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Report our own errors as plain messages with exit code 1 instead of a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InvalidInputError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            raise typer.Exit(1) from None
        except CeasefireError as exc:
            fail(str(exc))
        except (OperationalError, ProgrammingError) as exc:
            if is_missing_table(exc):
                fail(NOT_INITIALISED)
            if isinstance(exc, ProgrammingError):
                raise
            fail(f"cannot use the database: {exc.orig}")

    return wrapper


def settings_for(db: str | None) -> Settings:
    return load_settings(db)


@contextmanager
def engine_for(db: str | None) -> Iterator[Engine]:
    engine = make_engine(settings_for(db).database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
