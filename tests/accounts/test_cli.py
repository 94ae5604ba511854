"""`ceasefire users ...` and `ceasefire tokens ...` on both stores."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.cli import app
from tests.world import load_default


def test_users_and_tokens(db_url: str, tmp_path: Path) -> None:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        load_default(session)
    engine.dispose()
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["users", "add", "mon", "--role", "monitor", "--party", "tur", "--db", db_url],
        input="a long password\n",
    )
    assert added.exit_code == 0, added.output
    assert "user mon: added (monitor, TUR)" in added.output
    pw = tmp_path / "pw"
    pw.write_text("another long password\n", encoding="utf-8")
    assert (
        runner.invoke(
            app,
            [
                "users",
                "add",
                "arm",
                "--role",
                "liaison",
                "--party",
                "ARM",
                "--password-file",
                str(pw),
                "--db",
                db_url,
            ],
        ).exit_code
        == 0
    )
    again = runner.invoke(
        app,
        ["users", "add", "mon", "--role", "monitor", "--party", "TUR", "--db", db_url],
        input="a long password\n",
    )
    assert again.exit_code == 1
    assert "exists already" in again.output
    missing_party = runner.invoke(
        app, ["users", "add", "x", "--role", "liaison", "--db", db_url], input="a long password\n"
    )
    assert missing_party.exit_code == 1
    listed = json.loads(
        runner.invoke(app, ["users", "list", "--format", "json", "--db", db_url]).stdout
    )
    assert [(u["name"], u["role"], u["party"]) for u in listed] == [
        ("arm", "liaison", "ARM"),
        ("mon", "monitor", "TUR"),
    ]
    created = runner.invoke(app, ["tokens", "create", "mon", "--label", "news", "--db", db_url])
    assert created.exit_code == 0
    token = created.stdout.strip().splitlines()[-1]
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        user = accounts_service.user_for_token(session, token=token)
        assert user is not None
        assert user.name == "mon"
        assert accounts_service.authenticate(
            session, name="arm", password="another long password", source="t"
        )
    tokens = json.loads(
        runner.invoke(app, ["tokens", "list", "--format", "json", "--db", db_url]).stdout
    )
    assert token not in json.dumps(tokens)
    assert (
        runner.invoke(app, ["tokens", "revoke", str(tokens[0]["id"]), "--db", db_url]).exit_code
        == 0
    )
    with store.transaction(engine) as session:
        assert accounts_service.user_for_token(session, token=token) is None
    engine.dispose()
    assert runner.invoke(app, ["tokens", "revoke", "99", "--db", db_url]).exit_code == 1
