"""Which agreement the pages show when none is named, on both stores: the `default_agreement`
setting, else the agreement loaded first; with none loaded, the pages say so."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import User
from ceasefire.app import create_app
from ceasefire.cli import app as cli
from ceasefire.settings import Settings
from tests.web.signin import sign_in

PASSWORD = "default agreement test password"


def _init(*args: str) -> None:
    result = CliRunner().invoke(cli, ["init", *args])
    assert result.exit_code == 0, result.stderr


def _add_monitor(db_url: str) -> None:
    result = CliRunner().invoke(
        cli, ["users", "add", "mon", "--role", "monitor", "--party", "TUR", "--db", db_url],
        input=f"{PASSWORD}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_the_only_scenario_loaded_is_the_home_page(db_url: str) -> None:
    _init("--scenario", "idlib-2020", "--db", db_url)
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        home = client.get("/", follow_redirects=False)
        assert home.status_code == 303
        assert home.headers["location"] == "/agreements/idlib-2020"
        assert client.get("/agreements/idlib-2020").status_code == 200
        assert 'data-agreement="idlib-2020"' in client.get("/map").text


def test_the_setting_names_the_default(db_url: str) -> None:
    _init("--scenario", "idlib-2020", "--db", db_url)
    _init("--db", db_url)  # nagorno-karabakh-2020, loaded second
    settings = Settings(database_url=db_url, default_agreement="nagorno-karabakh-2020")
    with TestClient(create_app(settings)) as client:
        home = client.get("/", follow_redirects=False)
        assert home.headers["location"] == "/agreements/nagorno-karabakh-2020"
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        home = client.get("/", follow_redirects=False)
        assert home.headers["location"] == "/agreements/idlib-2020"


def _add_monitor_unchecked(db_url: str) -> None:
    """No account can be added before an agreement is loaded (its party cannot be checked):
    the monitor is stored as a store made before that rule would hold it."""
    refused = CliRunner().invoke(
        cli, ["users", "add", "mon", "--role", "monitor", "--party", "TUR", "--db", db_url],
        input=f"{PASSWORD}\n",
    )  # fmt: skip
    assert refused.exit_code == 1 and "no agreement is loaded" in refused.output
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        session.add(
            User(
                name="mon",
                role="monitor",
                party="TUR",
                password_hash=accounts_service.hash_password(PASSWORD),
            )
        )
    engine.dispose()


def test_with_no_agreement_loaded_the_pages_say_so(db_url: str) -> None:
    _init("--empty", "--db", db_url)
    _add_monitor_unchecked(db_url)
    settings = Settings(database_url=db_url, development=True, secret_key="k" * 40)
    with TestClient(create_app(settings)) as client:
        home = client.get("/", follow_redirects=False)
        assert (home.status_code, home.headers["location"]) == (303, "/agreements")
        for path in ("/agreements", "/map"):
            page = client.get(path)
            assert page.status_code == 200, path
            assert "No agreement is loaded yet" in page.text, path
        sign_in(client, "mon", PASSWORD)
        assert client.get("/incidents").status_code == 200
        assert client.get("/map/incidents.geojson").json()["total"] == 0
        reports = client.get("/reports")
        assert reports.status_code == 200 and "no agreement is loaded yet" in reports.text
        download = client.get("/reports/daily/2020-12-11.json")
        assert download.status_code == 404 and "No agreement is loaded yet" in download.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_daily_report_command_needs_an_agreement(db_url: str) -> None:
    _init("--empty", "--db", db_url)
    result = CliRunner().invoke(cli, ["report", "daily", "--date", "2020-12-11", "--db", db_url])
    assert result.exit_code == 1
    assert "--agreement: no agreement is loaded yet" in result.stderr
