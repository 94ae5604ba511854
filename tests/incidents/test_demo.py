"""`ceasefire init --demo`: real December 2020 incidents, a complaint per conflict party, users."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.cli import app
from ceasefire.complaints.models import Complaint
from ceasefire.incidents.models import Incident


def test_init_demo_twice_changes_nothing(db_url: str, tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("demo password 2020\n", encoding="utf-8")
    runner = CliRunner()
    args = ["init", "--demo", "--demo-password-file", str(password), "--db", db_url]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "demo: 3 incidents, 2 complaints, 7 users added" in first.output
    assert "demo password 2020" not in first.output
    second = runner.invoke(app, args)
    assert "demo: 0 incidents, 0 complaints, 0 users added" in second.output
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        incidents = list(session.scalars(select(Incident).order_by(Incident.id)))
        assert [x.type for x in incidents] == [
            "ceasefire-violation",
            "armed-clash",
            "exchange-of-detainees",
        ]
        assert {x.finding for x in incidents} == {"pending"}
        assert all(x.sources for x in incidents)
        assert sorted(c.party for c in session.scalars(select(Complaint))) == ["ARM", "AZE"]
        user = accounts_service.authenticate(
            session, name="monitor-tur", password="demo password 2020", source="t"
        )
        assert (user.role, user.party) == ("monitor", "TUR")
    engine.dispose()


def test_random_demo_passwords_are_printed_once(db_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["init", "--demo", "--db", db_url])
    assert "monitor-rus: " in first.output
    assert "monitor-rus: " not in runner.invoke(app, ["init", "--demo", "--db", db_url]).output


def test_show_names_the_possible_duplicate(db_url: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--demo", "--db", db_url]).exit_code == 0
    shown = runner.invoke(app, ["incidents", "show", "1", "--db", db_url])
    assert "possibly the same as: 2" in shown.output
    missing = runner.invoke(app, ["incidents", "show", "99", "--db", db_url])
    assert missing.exit_code == 1
