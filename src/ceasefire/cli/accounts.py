"""`ceasefire users ...` and `ceasefire tokens ...`: accounts and API tokens."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.roles import Role
from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    fail,
    handle_errors,
    print_json,
)
from ceasefire.db import transaction

users_app = typer.Typer(
    help="Add, list, check and deactivate users; reset passwords; set their language.",
    no_args_is_help=True,
)
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Language of the pages for this account: en, ru or tr (default: the browser's).",
        show_default=False,
    ),
]
tokens_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)


def _read_password(password_file: Path | None) -> str:
    if password_file is not None:
        text = password_file.read_text(encoding="utf-8")
    else:
        if sys.stdin.isatty():
            text = typer.prompt("password", hide_input=True, confirmation_prompt=True)
        else:
            text = sys.stdin.read()
    password = text.rstrip("\r\n")
    if not password:
        fail("empty password")
    return password


#: Where a password comes from: a file, else standard input (never the command line).
PasswordFileOption = Annotated[
    Path | None,
    typer.Option(
        "--password-file",
        help="Read the password from this file (else from standard input).",
        show_default=False,
    ),
]


@users_app.command("add")
@handle_errors
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Sign-in name.")],
    role: Annotated[
        Role, typer.Option("--role", help="admin, co-head, monitor or liaison.", show_default=False)
    ],
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            help="ISO3 party: a monitoring party (TUR, RUS) for admin/co-head/monitor, a conflict "
            "party (ARM, AZE) for a liaison.",
            show_default=False,
        ),
    ] = None,
    password_file: PasswordFileOption = None,
    language: LanguageOption = None,
    db: DbOption = None,
) -> None:
    """Add a user; the password comes from standard input or --password-file (argon2id-hashed)."""
    password = _read_password(password_file)
    with engine_for(db) as engine, transaction(engine) as session:
        user = accounts_service.create_user(
            session,
            name=name,
            role=role.value,
            party=party,
            password=password,
            actor="cli",
            language=language,
        )
        typer.echo(
            f"user {user.name}: added ({user.role}{', ' + user.party if user.party else ''})"
        )


@users_app.command("list")
@handle_errors
def list_(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """List users with their role, party and whether they are active."""
    with engine_for(db) as engine, transaction(engine) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": u.id,
                "name": u.name,
                "role": u.role,
                "party": u.party,
                "active": u.active,
                "language": u.language,
            }
            for u in accounts_service.list_users(session)
        ]
    if format is OutputFormat.json:
        print_json(rows)
        return
    table = Table("id", "name", "role", "party", "active", "language")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["name"],
            r["role"],
            r["party"] or "-",
            "yes" if r["active"] else "no",
            r["language"] or "-",
        )
    Console().print(table)


@users_app.command("check")
@handle_errors
def check(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """Report accounts whose party does not fit their role in the loaded agreements (a monitor
    of a conflict party, a liaison of a monitoring party, ...); exits 1 when there is one."""
    with engine_for(db) as engine, transaction(engine) as session:
        found = accounts_service.wrong_accounts(session)
    rows: list[dict[str, Any]] = [
        {"name": w.name, "role": w.role, "party": w.party, "active": w.active, "problem": w.problem}
        for w in found
    ]
    if format is OutputFormat.json:
        print_json(rows)
    elif not rows:
        typer.echo("every account's party fits its role")
    else:
        table = Table("name", "role", "party", "active", "problem")
        for r in rows:
            table.add_row(
                r["name"],
                r["role"],
                r["party"] or "-",
                "yes" if r["active"] else "no",
                r["problem"],
            )
        Console().print(table)
    if rows:
        raise typer.Exit(1)


@users_app.command("deactivate")
@handle_errors
def deactivate(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Sign-in name.")],
    db: DbOption = None,
) -> None:
    """Deactivate NAME: its sessions stop at their next request and its API tokens are revoked."""
    with engine_for(db) as engine, transaction(engine) as session:
        revoked = accounts_service.deactivate_user(session, name=name, actor="cli")
    typer.echo(f"user {name}: deactivated ({revoked} token(s) revoked)")


@users_app.command("set-language")
@handle_errors
def set_language(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Sign-in name.")],
    language: Annotated[
        str,
        typer.Argument(
            metavar="LANGUAGE", help="en, ru or tr; 'browser' to follow the browser's again."
        ),
    ],
    db: DbOption = None,
) -> None:
    """Set the language NAME's pages are shown in (recorded in the audit record)."""
    chosen = None if language.strip().lower() == "browser" else language
    with engine_for(db) as engine, transaction(engine) as session:
        user = accounts_service.set_language(session, name=name, language=chosen, actor="cli")
    typer.echo(f"user {name}: language {user.language or 'as the browser asks'}")


@users_app.command("reset-password")
@handle_errors
def reset_password(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Sign-in name.")],
    password_file: PasswordFileOption = None,
    db: DbOption = None,
) -> None:
    """Set a new password for NAME (from standard input or --password-file)."""
    password = _read_password(password_file)
    with engine_for(db) as engine, transaction(engine) as session:
        accounts_service.reset_password(session, name=name, new=password, actor="cli")
    typer.echo(f"user {name}: password reset")


@tokens_app.command("create")
@handle_errors
def create(
    user: Annotated[
        str, typer.Argument(metavar="USER", help="Name of the user the token acts as.")
    ],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "",
    db: DbOption = None,
) -> None:
    """Create an API token for USER and print it once (only its SHA-256 is stored)."""
    with engine_for(db) as engine, transaction(engine) as session:
        new = accounts_service.create_token(session, user_name=user, label=label, actor="cli")
    typer.echo(f"token {new.id} for {new.user} (shown once, keep it secret):", err=True)
    typer.echo(new.token)


@tokens_app.command("revoke")
@handle_errors
def revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="Token id (see tokens list).")],
    db: DbOption = None,
) -> None:
    """Revoke an API token: it stops working at once."""
    with engine_for(db) as engine, transaction(engine) as session:
        accounts_service.revoke_token(session, token_id=token_id, actor="cli")
    typer.echo(f"token {token_id}: revoked")


@tokens_app.command("list")
@handle_errors
def tokens_list(db: DbOption = None, format: FormatOption = OutputFormat.table) -> None:
    """List API tokens (never the tokens themselves): id, user, label, created, revoked."""
    with engine_for(db) as engine, transaction(engine) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": t.id,
                "user": name,
                "label": t.label,
                "created": t.created_at.isoformat(),
                "revoked": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t, name in accounts_service.list_tokens(session)
        ]
    if format is OutputFormat.json:
        print_json(rows)
        return
    table = Table("id", "user", "label", "created", "revoked")
    for r in rows:
        table.add_row(str(r["id"]), r["user"], r["label"], r["created"], r["revoked"] or "-")
    Console().print(table)
