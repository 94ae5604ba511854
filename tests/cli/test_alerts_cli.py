"""`ceasefire alerts ...` and `ceasefire jobs ...` in-process on both stores: what holds at a
moment (nothing written), channels and areas refused with the field named, one job for two
submissions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.alerts.models import Alert
from ceasefire.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def initialised(db_url: str, tmp_path: Path) -> str:
    code, _out, err = run("init", "--db", db_url)
    assert code == 0, err
    code, _out, err = run(
        "users",
        "add",
        "monitor-tur",
        "--role",
        "monitor",
        "--party",
        "TUR",
        "--password-file",
        str(password(tmp_path)),
        "--db",
        db_url,
    )
    assert code == 0, err
    return db_url


def password(tmp_path: Path) -> Path:
    path = tmp_path / "password"
    path.write_text("correct horse battery staple\n")
    return path


def test_evaluate_lists_what_holds_and_writes_nothing(initialised: str) -> None:
    data = yaml.safe_load(scenarios.agreement_file(scenarios.DEFAULT).read_text())
    due = {o["id"] for o in data["obligations"] if str(o.get("deadline")) == "2020-12-01"}
    code, out, err = run(
        "alerts",
        "evaluate",
        "--as-of",
        "2020-11-28T12:00:00+03:00",
        "--format",
        "json",
        "--db",
        initialised,
    )
    assert code == 0, err
    alerts = json.loads(out)["alerts"]
    near = {a["subject"]["id"] for a in alerts if a["rule"] == "deadline-near"}
    assert due <= near
    assert all(a["key"].startswith(a["rule"] + ":") for a in alerts)
    engine = store.make_engine(initialised)
    with store.transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 0
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--webhook", "ftp://x.example/h"], "url: expected an http:// or https:// URL"),
        (["--webhook", "http://127.0.0.1:8000/api/v1/hook"], "points at this server itself"),
        (["--email", "not an address"], "email: expected an e-mail address"),
    ],
)
def test_channels_refused_naming_the_field(initialised: str, args: list[str], message: str) -> None:
    code, _out, err = run("alerts", "channel", "monitor-tur", *args, "--db", initialised)
    assert code == 1 and message in err


def test_a_webhook_channel_prints_its_secret(initialised: str) -> None:
    code, out, err = run(
        "alerts",
        "channel",
        "monitor-tur",
        "--webhook",
        "https://hooks.example/c",
        "--db",
        initialised,
    )
    assert code == 0, err
    assert "secret: whsec_" in out


def test_an_invalid_watched_area_is_refused(initialised: str, tmp_path: Path) -> None:
    bow_tie = tmp_path / "area.geojson"
    bow_tie.write_text(
        json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]})
    )
    code, _out, err = run(
        "alerts",
        "watch",
        "monitor-tur",
        "--name",
        "x",
        "--polygon",
        str(bow_tie),
        "--db",
        initialised,
    )
    assert code == 1 and "geometry: not a valid polygon" in err
    code, _out, err = run(
        "alerts",
        "watch",
        "monitor-tur",
        "--name",
        "post",
        "--center",
        "46.9,39.5",
        "--radius-km",
        "-3",
        "--db",
        initialised,
    )
    assert code == 1 and "radius_km: expected kilometres > 0" in err
    code, out, err = run(
        "alerts",
        "watch",
        "monitor-tur",
        "--name",
        "post",
        "--center",
        "46.9,39.5",
        "--radius-km",
        "3",
        "--db",
        initialised,
    )
    assert code == 0 and "watched area 1 (post)" in out


def test_a_job_submitted_twice_is_one_job(initialised: str, tmp_path: Path) -> None:
    env = {"CEASEFIRE_JOB_QUEUE_URL": f"sqlite:///{tmp_path / 'queue.db'}"}
    args = [
        "jobs",
        "submit",
        "export-incidents",
        "--param",
        f"path={tmp_path / 'x.geojson'}",
        "--db",
        initialised,
    ]
    code, first, err = run(*args, env=env)
    assert code == 0 and first.strip() == "job 1 submitted", err
    code, second, _ = run(*args, env=env)
    assert code == 0 and second.strip() == "job 1 already submitted: the same job"
    code, _out, err = run("jobs", "submit", "exprot", "--db", initialised, env=env)
    assert code == 1 and "kind: unknown job kind 'exprot'" in err
    code, out, _ = run("jobs", "list", "--format", "json", "--db", initialised)
    (job,) = json.loads(out)
    assert (job["kind"], job["status"], job["started_by"]) == ("export-incidents", "queued", "cli")
