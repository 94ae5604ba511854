"""Imports of real-world files through the CLI, on both stores: date forms and encodings as
spreadsheets leave them, refusals summed up by reason, idempotence and revisions by source id,
actors mapped to parties, exports in the agreement's days, filters and the HXL export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from ceasefire import db as store
from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app
from ceasefire.incidents import transfer
from ceasefire.incidents.models import Incident, IncidentVersion, Report
from tests.incidents.test_formats import _ucdp

AGREEMENT = "nagorno-karabakh-2020"
HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def acled_row(
    event_id: str,
    date: str,
    *,
    actor1: str = "Military Forces of Azerbaijan (2003-)",
    actor2: str = "Military Forces of Armenia (2018-)",
    notes: str = "Made-up shelling for tests.",
    timestamp: str = "1600000000",
    location: str = "Made-up village",
) -> str:
    return (
        f"{event_id},{date},2020,1,Political violence,Explosions/Remote violence,"
        f'Shelling/artillery/missile attack,"{actor1}",,1,"{actor2}",,1,11,,31,Caucasus,'
        f'Azerbaijan,Made-up region,Made-up district,,"{location}",39.81,46.75,1,Made-up source,'
        f'National,"{notes}",1,,{timestamp}'
    )


def write(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding))
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def init(db_url: str) -> None:
    assert run("init", "--db", db_url).exit_code == 0


def incidents(db_url: str) -> list[Incident]:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        rows = list(session.scalars(select(Incident).order_by(Incident.id)))
        session.expunge_all()
    engine.dispose()
    return rows


@pytest.mark.parametrize(
    ("dates", "extra"),
    [
        (["2020-05-09", "2020-05-10"], []),
        (["9-May-20", "10-May-20"], []),
        (["09 May 2020", "10 May 2020"], []),
        (["5/9/2020", "5/13/2020"], []),  # month first: 13 is a day
        (["9/5/2020", "13/5/2020"], []),  # day first: 13 is a day
        (["5/9/2020", "5/10/2020"], ["--month-first"]),
        (["9/5/2020", "10/5/2020"], ["--day-first"]),
    ],
)
def test_a_file_in_each_date_form_imports(
    db_url: str, tmp_path: Path, dates: list[str], extra: list[str]
) -> None:
    init(db_url)
    path = write(tmp_path / "acled.csv", [acled_row(f"AZE{i}", d) for i, d in enumerate(dates)])
    result = run("incidents", "import", str(path), *extra, "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "2 new, 0 revised, 0 unchanged, 0 refused" in result.output
    days = sorted(x.time_label for x in incidents(db_url))
    assert days[0] == "2020-05-09"
    assert days[1] in {"2020-05-10", "2020-05-13"}


def test_an_ambiguous_day_month_file_is_refused_saying_how_to_choose(
    db_url: str, tmp_path: Path
) -> None:
    init(db_url)
    path = write(tmp_path / "acled.csv", [acled_row("A1", "5/9/2020"), acled_row("A2", "6/9/2020")])
    refused = run("incidents", "import", str(path), "--db", db_url)
    assert refused.exit_code == 1
    assert "nothing imported, 2 rows refused" in refused.output
    assert "day/month order ambiguous" in refused.output
    assert "--day-first or --month-first" in refused.output
    assert incidents(db_url) == []
    chosen = run("incidents", "import", str(path), "--day-first", "--db", db_url)
    assert chosen.exit_code == 0, chosen.output
    assert sorted(x.time_label for x in incidents(db_url)) == ["2020-09-05", "2020-09-06"]


def test_skip_bad_that_imports_nothing_fails_with_the_summary_by_reason(
    db_url: str, tmp_path: Path
) -> None:
    init(db_url)
    rows = [acled_row(f"B{i}", f"{i + 1}-Mai-20") for i in range(300)]
    path = write(tmp_path / "acled.csv", rows)
    result = run("incidents", "import", str(path), "--skip-bad", "--db", db_url)
    assert result.exit_code == 1
    assert "nothing imported, 300 rows refused" in result.output
    assert "event_date: not a known date form (300)" in result.output
    assert f"{path}:2: event_date '1-Mai-20': not a known date form" in result.output
    assert "... and 297 more rows" in result.output
    assert len(result.output.splitlines()) < 10  # not 300 identical lines
    assert incidents(db_url) == []


def test_spreadsheet_encodings_import_and_the_file_is_kept_as_received(
    db_url: str, tmp_path: Path
) -> None:
    init(db_url)
    for number, encoding in enumerate(("utf-8-sig", "cp1252", "utf-16")):
        path = write(
            tmp_path / f"{encoding}.csv",
            [acled_row(f"E{number}", "2020-05-09", location="Füzuli – Çay")],
            encoding,
        )
        result = run("incidents", "import", str(path), "--db", db_url)
        assert result.exit_code == 0, result.output
    assert [x.place_name for x in incidents(db_url)] == ["Füzuli – Çay"] * 3
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        kept = list(session.scalars(select(Report.content).where(Report.channel == "import")))
    engine.dispose()
    assert kept == [(tmp_path / f"{e}.csv").read_bytes() for e in ("utf-8-sig", "cp1252", "utf-16")]


def test_the_same_file_twice_changes_nothing_and_a_revision_is_a_new_version(
    db_url: str, tmp_path: Path
) -> None:
    init(db_url)
    rows = [acled_row(f"AZE{i}", "9-May-20", location=f"Village {i}") for i in range(5)]
    path = write(tmp_path / "first.csv", rows)
    assert "5 new, 0 revised" in run("incidents", "import", str(path), "--db", db_url).output
    before = [(x.id, x.summary, x.updated_at) for x in incidents(db_url)]
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    again = run("incidents", "import", str(path), "--db", db_url)
    assert again.exit_code == 0, again.output
    assert "0 new, 0 revised, 5 unchanged, 0 refused" in again.output
    assert [(x.id, x.summary, x.updated_at) for x in incidents(db_url)] == before
    # The same events after a spreadsheet rewrote the dates: still unchanged.
    iso = write(tmp_path / "iso.csv", [r.replace("9-May-20", "2020-05-09") for r in rows])
    assert (
        "0 new, 0 revised, 5 unchanged"
        in run("incidents", "import", str(iso), "--db", db_url).output
    )
    # ACLED revised one event (newer timestamp, more precise notes); another is older.
    revised = list(rows)
    revised[1] = acled_row(
        "AZE1",
        "2020-05-09",
        notes="Revised: two shells.",
        timestamp="1600000100",
        location="Village 1",
    )
    revised[2] = acled_row(
        "AZE2", "2020-05-09", notes="An older copy.", timestamp="1500000000", location="Village 2"
    )
    path2 = write(tmp_path / "revised.csv", revised)
    result = run("incidents", "import", str(path2), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "0 new, 1 revised, 3 unchanged, 1 older than stored, 0 refused" in result.output
    after = incidents(db_url)
    assert len(after) == 5
    assert after[1].summary == "Revised: two shells."
    assert after[1].source_version == "1600000100"
    assert after[2].summary == "Made-up shelling for tests."
    with store.transaction(engine) as session:
        versions = list(session.scalars(select(IncidentVersion)))
        assert [(v.incident_id, v.version) for v in versions] == [(after[1].id, 1)]
        assert versions[0].values["summary"] == "Made-up shelling for tests."
        assert versions[0].source_version == "1600000000"
        actions = [
            e.action
            for e in session.scalars(select(AuditEntry).where(AuditEntry.seq > audit_before))
        ]
        assert actions.count("incident-revised") == 1
    engine.dispose()


def test_actors_map_to_parties_through_the_agreement_aliases(db_url: str, tmp_path: Path) -> None:
    init(db_url)
    path = write(
        tmp_path / "acled.csv",
        [
            acled_row("P1", "2020-12-11"),
            acled_row("P2", "2020-12-11", actor1="Unidentified Armed Group (Azerbaijan)"),
            acled_row("P3", "2020-12-12", actor1="Military Forces of Artsakh (1994-)"),
        ],
    )
    result = run("incidents", "import", str(path), "--agreement", AGREEMENT, "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "1 actors kept as written, without a party (no party alias matches):" in result.output
    assert "Unidentified Armed Group (Azerbaijan) (1)" in result.output
    parties = [[(a["name"], a["party"]) for a in x.actors] for x in incidents(db_url)]
    assert parties[0] == [
        ("Military Forces of Azerbaijan (2003-)", "AZE"),
        ("Military Forces of Armenia (2018-)", "ARM"),
    ]
    assert parties[1][0] == ("Unidentified Armed Group (Azerbaijan)", None)
    assert parties[2][0] == ("Military Forces of Artsakh (1994-)", "ARM")


def _export(db_url: str, *args: str) -> list[dict[str, str]]:
    result = run("incidents", "export", "--db", db_url, *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_demo_incidents_export_with_their_local_dates(db_url: str, tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("demo password 2020\n", encoding="utf-8")
    demo = run("init", "--demo", "--demo-password-file", str(password), "--db", db_url)
    assert demo.exit_code == 0, demo.output
    rows = _export(db_url, "--format", "acled")
    assert rows
    for row in rows:
        assert row["event_date"] == row["ceasefire_occurred"][:10], row
    assert "2020-12-11" in {r["event_date"] for r in rows}


def test_export_filters_and_the_hxl_export(db_url: str, tmp_path: Path) -> None:
    init(db_url)
    path = write(
        tmp_path / "acled.csv",
        [
            acled_row("F1", "2020-12-01"),
            acled_row("F2", "2020-12-11", notes="=1+2"),
            acled_row("F3", "2020-12-21"),
        ],
    )
    assert (
        run("incidents", "import", str(path), "--agreement", AGREEMENT, "--db", db_url).exit_code
        == 0
    )
    since = _export(
        db_url, "--since", "2020-12-05", "--until", "2020-12-11", "--agreement", AGREEMENT
    )
    assert [r["event_id_cnty"] for r in since] == ["F2"]
    assert since[0]["notes"] == "'=1+2"
    assert since[0]["event_date"] == "2020-12-11"
    assert [r["event_id_cnty"] for r in _export(db_url, "--bbox", "46,39,47,40")] == [
        "F1",
        "F2",
        "F3",
    ]
    assert _export(db_url, "--bbox", "40,30,41,31") == []
    bad = run("incidents", "export", "--bbox", "1,2,3", "--db", db_url)
    assert bad.exit_code != 0
    assert "bbox" in bad.output
    hxl = run("incidents", "export", "--format", "hxl", "--db", db_url)
    assert hxl.exit_code == 0, hxl.output
    lines = list(csv.reader(io.StringIO(hxl.stdout)))
    assert lines[0][:2] == ["event_id", "event_date"]
    tags = dict(zip(lines[0], lines[1], strict=True))
    assert tags["event_date"] == "#date+occurred"
    assert tags["admin1"] == "#adm1+name"
    assert tags["latitude"] == "#geo+lat"
    assert tags["fatalities"] == "#affected+killed"
    assert all(tag.startswith("#") for tag in lines[1])
    assert [line[0] for line in lines[2:]] == ["F1", "F2", "F3"]
    assert lines[2][lines[0].index("admin1")] == "Made-up region"
    # The neutralised cell reads back as written in the source.
    again = write(tmp_path / "again.csv", [])
    exported = run("incidents", "export", "--out", str(again), "--db", db_url)
    assert exported.exit_code == 0
    fresh = tmp_path / "fresh.db"
    init(f"sqlite:///{fresh}")
    assert run("incidents", "import", str(again), "--db", f"sqlite:///{fresh}").exit_code == 0
    assert [x.summary for x in incidents(f"sqlite:///{fresh}")][1] == "=1+2"


def test_ucdp_ged_file_imports_idempotently(db_url: str, tmp_path: Path) -> None:
    init(db_url)
    path = tmp_path / "ged.csv"
    path.write_text(_ucdp(side_a="Government of Azerbaijan"), encoding="utf-8")
    first = run("incidents", "import", str(path), "--format", "ucdp", "--db", db_url)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.output
    again = run("incidents", "import", str(path), "--format", "ucdp", "--db", db_url)
    assert "0 new, 0 revised, 1 unchanged" in again.output
    [incident] = incidents(db_url)
    assert incident.external_id == "UCDP-900001"
    assert incident.source_fields is not None
    assert incident.source_fields["best"] == "7"


def test_a_late_bad_row_refuses_the_batches_before_it(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are written in batches inside one transaction: a bad row after several batches
    still leaves nothing stored."""
    init(db_url)
    monkeypatch.setattr(transfer, "BATCH", 2)
    rows = [acled_row(f"L{i}", "2020-05-09", location=f"Village {i}") for i in range(7)]
    rows.append(acled_row("L7", "2020-05-32"))
    path = write(tmp_path / "late.csv", rows)
    refused = run("incidents", "import", str(path), "--db", db_url)
    assert refused.exit_code == 1
    assert f"{path}:9: event_date '2020-05-32': not a calendar date" in refused.output
    assert incidents(db_url) == []
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        assert session.scalars(select(Report).where(Report.channel == "import")).all() == []
    engine.dispose()
