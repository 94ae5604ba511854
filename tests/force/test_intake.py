"""Intake of force records from CSV files: all or nothing naming each bad row, or `--skip-bad`;
every record in the audit record; running totals from counted series. On both stores."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app
from ceasefire.force import totals

runner = CliRunner()
IDLIB = "idlib-2020"
NK = "nagorno-karabakh-2020"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def listed(db_url: str, kind: str, agreement: str) -> list[dict[str, object]]:
    code, out, err = run(
        "force", "list", kind, "--agreement", agreement, "--db", db_url, "--format", "json"
    )
    assert code == 0, err
    result: list[dict[str, object]] = json.loads(out)
    return result


def patrols_csv(path: Path, n: int, bad_line: int | None) -> Path:
    lines = ["start,end,participants,route,source"]
    day = dt.date(2020, 3, 15)
    for i in range(n):
        line_number = i + 2
        on = (day + dt.timedelta(days=i % 150)).isoformat()
        participants = "RUS;XYZ" if line_number == bad_line else "RUS;TUR"
        lines.append(f'{on},{on},{participants},"[[36.78, 35.86], [36.61, 35.81]]",bulletin {i}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_thousand_patrols_with_one_bad_row_are_refused_whole(db_url: str, tmp_path: Path) -> None:
    assert run("init", "--scenario", IDLIB, "--db", db_url)[0] == 0
    path = patrols_csv(tmp_path / "patrols.csv", 1000, bad_line=517)
    code, _out, err = run(
        "force", "import", "patrols", str(path), "--agreement", IDLIB, "--db", db_url
    )
    assert code == 1
    assert f"{path}:517: participants: 'XYZ' is not a party of idlib-2020" in err
    assert err.count(f"{path}:") == 1
    assert listed(db_url, "patrols", IDLIB) == []

    code, out, err = run(
        "force", "import", "patrols", str(path), "--agreement", IDLIB, "--db", db_url, "--skip-bad"
    )
    assert code == 0, err
    assert "999 patrols records imported, 1 rows skipped" in out
    assert f"skipped {path}:517: participants" in err
    assert len(listed(db_url, "patrols", IDLIB)) == 999


def test_a_bad_header_refuses_the_file_even_with_skip_bad(db_url: str, tmp_path: Path) -> None:
    assert run("init", "--db", db_url)[0] == 0
    path = tmp_path / "strength.csv"
    path.write_text("contributor,date,personnel,helicopters,source\nRUS,2020-11-21,1960,4,s\n")
    code, _out, err = run(
        "force", "import", "strength", str(path), "--agreement", NK, "--db", db_url, "--skip-bad"
    )
    assert code == 1
    assert f"{path}:1: unknown column(s) helicopters" in err
    assert "nagorno-karabakh-2020 limits personnel, armoured-vehicles, other-vehicles" in err


def test_every_record_is_in_the_audit_record(db_url: str, engine: Engine, tmp_path: Path) -> None:
    assert run("init", "--db", db_url)[0] == 0
    files = {
        "strength": "contributor,date,personnel,armoured-vehicles,other-vehicles,source\n"
        "RUS,2020-11-21,1960,90,380,bulletin\n",
        "posts": "name,contributor,lat,lon,opened,source\nPost 1,RUS,39.7,46.6,2020-11-12,bulletin\n",
        "convoys": 'start,participants,places,cargo,source\n2020-11-26,RUS,"Goris;Lachin",aid,bulletin\n',
        "totals": "series,date,value,total,unit,source\nreturns,2020-11-26,500,,people,bulletin\n",
    }
    for kind, text in files.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        code, _out, err = run("force", "import", kind, str(path), "--agreement", NK, "--db", db_url)
        assert code == 0, (kind, err)
    with Session(engine) as session:
        actions = {
            e.action: json.loads(e.payload)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        }
    assert actions["strength-report-recorded"]["figures"]["personnel"] == 1960
    assert actions["post-recorded"]["name"] == "Post 1"
    assert actions["convoy-recorded"]["cargo"] == "aid"
    assert actions["count-recorded"]["series"] == "returns"
    assert run("audit", "verify", "--db", db_url)[0] == 0


def test_a_post_outside_every_area_needs_the_monitors_confirmation(db_url: str) -> None:
    assert run("init", "--db", db_url)[0] == 0
    base = ["force", "record", "posts", "--agreement", NK, "--db", db_url]
    fields = ["-f", "name=Far post", "-f", "contributor=RUS", "-f", "lat=45.0", "-f", "lon=40.0"]
    fields += ["-f", "opened=2020-11-12", "-f", "source=test"]
    code, _out, err = run(*base, *fields)
    assert code == 1
    assert "position: 45, 40 is outside every area of nagorno-karabakh-2020" in err
    assert listed(db_url, "posts", NK) == []
    code, _out, err = run(*base, *fields, "-f", "confirm_outside=yes")
    assert code == 0, err
    (post,) = listed(db_url, "posts", NK)
    assert post["outside_areas"] is True


# --- running totals, on plain values --------------------------------------------------------------

UTC = dt.UTC


def entry(day: int, value: float | None, total: float | None, ident: str = "") -> totals.Entry:
    start = dt.datetime(2020, 11, day, tzinfo=UTC)
    return totals.Entry(
        ident or f"e{day}", "returns", start, start + dt.timedelta(days=1), f"2020-11-{day}",
        value, total,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("entries", "expected_totals", "expected_gaps"),
    [
        pytest.param(
            [entry(14, 100, None), entry(15, 50, None)], [100, 150], [None, None], id="days-add-up"
        ),
        pytest.param(
            [entry(14, None, 1000), entry(15, 50, None)],
            [1000, 1050],
            [None, None],
            id="from-a-total",
        ),
        pytest.param(
            [entry(14, 100, None), entry(15, 50, 200)],
            [100, 200],
            [None, 50],
            id="source-total-wins-gap-shown",
        ),
        pytest.param(
            [entry(15, 50, None), entry(14, 100, None)], [100, 150], [None, None], id="date-order"
        ),
    ],
)
def test_running_totals(
    entries: list[totals.Entry], expected_totals: list[float], expected_gaps: list[float | None]
) -> None:
    (points,) = totals.running(entries).values()
    assert [p.total for p in points] == expected_totals
    assert [p.gap for p in points] == expected_gaps


def test_a_days_figure_counts_once_the_day_is_over() -> None:
    (points,) = totals.running([entry(14, 100, None), entry(15, 50, None)]).values()
    end_of_14 = dt.datetime(2020, 11, 15, tzinfo=UTC) - dt.timedelta(microseconds=1)
    point = totals.as_of(points, end_of_14)
    assert point is not None
    assert point.total == 100
    assert totals.as_of(points, dt.datetime(2020, 11, 14, 12, tzinfo=UTC)) is None


def test_a_correction_is_checked_whole_and_keeps_both_versions(db_url: str, engine: Engine) -> None:
    assert run("init", "--db", db_url)[0] == 0
    base = ["force", "record", "strength", "--agreement", NK, "--db", db_url]
    code, _out, err = run(
        *base,
        "-f",
        "contributor=RUS",
        "-f",
        "date=2020-11-21",
        "-f",
        "personnel=2100",
        "-f",
        "source=b",
    )
    assert code == 0, err
    correct = ["force", "correct", "strength", "1", "--agreement", NK, "--db", db_url]
    code, _out, err = run(*correct, "-f", "personnel=-1")
    assert code == 1
    assert "personnel: -1 is negative" in err
    code, out, err = run(*correct, "-f", "personnel=1900")
    assert code == 0, err
    assert "strength record 1 corrected (version 2)" in out
    (report,) = listed(db_url, "strength", NK)
    assert (report["figures"], report["version"]) == ({"personnel": 1900}, 2)
    with Session(engine) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "strength-report-corrected")
        ).one()
    payload = json.loads(entry.payload)
    assert payload["before"]["figures"] == {"personnel": 2100}
    assert payload["after"]["figures"] == {"personnel": 1900}
    code, out, err = run(
        "compliance", NK, "--as-of", "2020-11-21", "--format", "json", "--db", db_url
    )
    limits = next(r for r in json.loads(out) if r["obligation"] == "peacekeeper-limits")
    assert limits["status"] == "in-force"


def test_a_patrols_route_corrected_from_places_to_a_line(db_url: str) -> None:
    assert run("init", "--scenario", IDLIB, "--db", db_url)[0] == 0
    code, _out, err = run(
        "force", "record", "patrols", "--agreement", IDLIB, "--db", db_url,
        "-f", "start=2020-03-15", "-f", "participants=RUS;TUR", "-f", "places=Saraqib", "-f", "source=b",
    )  # fmt: skip
    assert code == 0, err
    code, _out, err = run(
        "force", "correct", "patrols", "1", "--agreement", IDLIB, "--db", db_url,
        "-f", "route=[[36.78, 35.86], [36.61, 35.81]]",
    )  # fmt: skip
    assert code == 0, err
    (patrol,) = listed(db_url, "patrols", IDLIB)
    assert patrol["places"] == []
    assert patrol["route"]["coordinates"] == [[36.78, 35.86], [36.61, 35.81]]
