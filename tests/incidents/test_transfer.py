"""Imports (all or nothing, --skip-bad) and streamed exports, through the CLI on both stores."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.cli import app
from ceasefire.incidents.models import Incident, Report

HEADER = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities\n"


def synthetic_acled(rows: int, *, bad_row: int | None = None) -> str:
    """Made-up ACLED-format rows (not real events); row `bad_row` (1-based) has a bad type."""
    out = [HEADER]
    for i in range(1, rows + 1):
        sub = (
            "Tea party"
            if i == bad_row
            else ("Armed clash" if i % 2 else "Shelling/artillery/missile attack")
        )
        kind = (
            "Battles"
            if sub != "Shelling/artillery/missile attack"
            else "Explosions/Remote violence"
        )
        day = 1 + i % 28
        out.append(
            f'SYN{i},2020-12-{day:02d},1,{kind},{sub},"Side A, unit {i % 7}",Side B,Azerbaijan,'
            f"Region,District {i % 5},Place {i % 50},{39 + (i % 100) / 100:.3f},{46 + (i % 90) / 100:.3f},"
            f'1,Synthetic source,"Synthetic row {i}, for tests",{i % 3}\n'
        )
    return "".join(out)


def _count(db_url: str) -> int:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        count = session.scalar(select(func.count()).select_from(Incident)) or 0
    engine.dispose()
    return count


def test_a_bad_row_refuses_the_whole_file_unless_skipped(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", db_url]).exit_code == 0
    path = tmp_path / "acled.csv"
    path.write_text(synthetic_acled(10_000, bad_row=4321), encoding="utf-8")
    refused = runner.invoke(
        app, ["incidents", "import", str(path), "--format", "acled", "--db", db_url]
    )
    assert refused.exit_code == 1
    # The header is line 1, so data row 4321 is line 4322.
    assert (
        f"{path}:4322: event_type/sub_event_type: unknown ACLED pair 'Battles' / 'Tea party'"
        in refused.output
    )
    assert _count(db_url) == 0
    skipped = runner.invoke(
        app, ["incidents", "import", str(path), "--format", "acled", "--skip-bad", "--db", db_url]
    )
    assert skipped.exit_code == 0, skipped.output
    assert "9999 new, 0 revised, 0 unchanged, 1 refused" in skipped.output
    assert "event_type/sub_event_type: unknown ACLED pair (1)" in skipped.output
    assert f"{path}:4322: event_type/sub_event_type: unknown ACLED pair" in skipped.output
    assert _count(db_url) == 9_999
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        report = session.scalars(select(Report).where(Report.channel == "import")).one()
        assert report.content == path.read_bytes()
    engine.dispose()


def test_exports_round_trip(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", db_url]).exit_code == 0
    source = tmp_path / "in.csv"
    source.write_text(synthetic_acled(5), encoding="utf-8")
    assert runner.invoke(app, ["incidents", "import", str(source), "--db", db_url]).exit_code == 0
    out = tmp_path / "out.csv"
    assert (
        runner.invoke(
            app, ["incidents", "export", "--format", "acled", "--out", str(out), "--db", db_url]
        ).exit_code
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == ["SYN1", "SYN2", "SYN3", "SYN4", "SYN5"]
    assert rows[0]["sub_event_type"] == "Armed clash"
    assert rows[1]["ceasefire_type"] == "shelling-artillery-missile-attack"
    assert rows[1]["fatalities"] == "2"
    assert rows[0]["iso3"] == "AZE"
    # Re-importing our own export, or its GeoJSON, changes nothing: the same source ids.
    again = runner.invoke(app, ["incidents", "import", str(out), "--db", db_url])
    assert again.exit_code == 0, again.output
    assert "0 new, 0 revised, 5 unchanged, 0 refused" in again.output
    geo = runner.invoke(app, ["incidents", "export", "--format", "geojson", "--db", db_url])
    collection = json.loads(geo.stdout)
    assert len(collection["features"]) == 5
    assert collection["features"][0]["geometry"]["type"] == "Point"
    geo_file = tmp_path / "in.geojson"
    geo_file.write_text(geo.stdout, encoding="utf-8")
    geo_again = runner.invoke(
        app, ["incidents", "import", str(geo_file), "--format", "geojson", "--db", db_url]
    )
    assert geo_again.exit_code == 0, geo_again.output
    assert "0 new, 0 revised, 5 unchanged" in geo_again.output
    assert _count(db_url) == 5
    listed = runner.invoke(
        app, ["incidents", "list", "--status", "candidate", "--format", "json", "--db", db_url]
    )
    assert len(json.loads(listed.stdout)) == 5


def test_our_csv_and_geojson_refuse_bad_rows_with_their_place(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--db", db_url]).exit_code == 0
    ours = tmp_path / "ours.csv"
    ours.write_text(
        "type,summary,occurred,area,obligations\n"
        "ceasefire-violation,Shots,2020-12-11,hadrut,complete-ceasefire:breaches\n"
        "ceasefire-violation,Shots,2020-13-11,hadrut,\n"
        "ceasefire-violation,Shots,2020-12-11,atlantis,\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "incidents",
            "import",
            str(ours),
            "--format",
            "csv",
            "--agreement",
            "nagorno-karabakh-2020",
            "--db",
            db_url,
        ],
    )
    assert result.exit_code == 1
    assert f"{ours}:3: occurred: malformed date" in result.output
    assert (
        f"{ours}:4: area: agreement nagorno-karabakh-2020 has no area 'atlantis'" in result.output
    )
    geo = tmp_path / "bad.geojson"
    geo.write_text(
        json.dumps({"type": "FeatureCollection", "features": [{"properties": {"type": "patrol"}}]})
    )
    result = runner.invoke(
        app, ["incidents", "import", str(geo), "--format", "geojson", "--db", db_url]
    )
    assert result.exit_code == 1
    assert f"{geo}:1: summary: Field required" in result.output


def test_import_and_export_through_the_api(db_url: str) -> None:
    from tests.world import make_world

    world = make_world(db_url)
    tur, arm = world.client("monitor-tur"), world.client("liaison-arm")
    body = synthetic_acled(3, bad_row=2)
    refused = tur.post("/api/v1/incidents/import?format=acled", content=body)
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["line"] == 3
    assert (
        arm.post("/api/v1/incidents/import?format=acled&skip_bad=true", content=body).status_code
        == 403
    )
    done = tur.post("/api/v1/incidents/import?format=acled&skip_bad=true", content=body).json()
    assert (done["imported"], done["refused"][0]["line"]) == (2, 3)
    exported = tur.get("/api/v1/incidents/export?format=acled")
    assert exported.headers["content-type"].startswith("text/csv")
    assert len(exported.text.strip().splitlines()) == 3
    assert len(arm.get("/api/v1/incidents/export?format=geojson").json()["features"]) == 0
