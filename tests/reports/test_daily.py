"""The daily report on both stores: what it gathers, that it is canonical and can be rebuilt
byte for byte, and that the PDF renders Armenian, Azerbaijani, Russian and Turkish names."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.audit import service as audit_service
from ceasefire.cli import app
from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.schemas import ComplaintCreate
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.schemas import IncidentCreate, ObligationLink
from ceasefire.reports import render
from ceasefire.reports import service as reports_service
from ceasefire.reports.period import parse_day
from ceasefire.verification import service as verification_service
from ceasefire.verification.schemas import AssessmentCreate

AGREEMENT = scenarios.DEFAULT
DAY = parse_day("2020-12-11")
NAMES = ["Հին Թաղեր", "Xocavənd", "Гадрут", "Şuşa", "Ağdam", "Խծաբերդ"]


def populate(engine: Engine) -> dict[str, int]:
    """The default scenario, two monitors, a liaison, three incidents around the 11 December
    2020 cut-off (only two fall in its period), a split assessment and a complaint."""
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name=AGREEMENT)
        users = {
            name: accounts_service.create_user(
                session, name=name, role=role, party=party, password="x" * 16, actor="test"
            )
            for name, role, party in [
                ("monitor-tur", "monitor", "TUR"),
                ("monitor-rus", "monitor", "RUS"),
                ("liaison-arm", "liaison", "ARM"),
            ]
        }

        def incident(occurred: str, **fields: Any) -> int:
            data = IncidentCreate(
                type="ceasefire-violation",
                summary=f"Fire reported ({occurred}).",
                occurred=occurred,
                agreement=AGREEMENT,
                **fields,
            )
            return incidents_service.create_incident(
                session, data=data, actor=users["monitor-tur"]
            ).id

        ids = {
            "hadrut": incident(
                "2020-12-11",
                area="hadrut",
                admin2="Hadrut (Гадрут / Xocavənd)",
                place_name="Hin Taghe (Հին Թաղեր)",
            ),
            "aghdam": incident("2020-12-11T10:15", place_name="Ağdam", admin2="Ağdam"),
            "before": incident("2020-12-10", place_name="Şuşa", admin2="Şuşa"),
            "after": incident("2020-12-11T20:00", place_name="Şuşa", admin2="Şuşa"),
        }
        for name, verdict in [("monitor-tur", "confirmed"), ("monitor-rus", "not-confirmed")]:
            verification_service.record_assessment(
                session,
                incident_id=ids["hadrut"],
                data=AssessmentCreate(verdict=verdict, rationale="Bulletin and UAV footage."),
                actor=users[name],
            )
        complaint = complaints_service.file_complaint(
            session,
            data=ComplaintCreate(
                occurred="2020-12-11",
                place="Khtsaberd (Խծաբերդ), south of Şuşa",
                description="Advance towards Hin Taghe and Khtsaberd.",
                agreement=AGREEMENT,
            ),
            actor=users["liaison-arm"],
        )
        ids["complaint"] = complaint.id
    return ids


def build(engine: Engine, **kwargs: Any) -> dict[str, Any]:
    with store.transaction(engine) as session:
        return reports_service.daily_report(
            session, agreement_id=AGREEMENT, day=DAY, cutoff="19:30", **kwargs
        )


def test_the_report_gathers_the_period(engine: Engine) -> None:
    ids = populate(engine)
    report = build(engine)
    assert report["period"] == {
        "from": "2020-12-10T16:30:00.000000Z",
        "to": "2020-12-11T16:30:00.000000Z",
    }
    incidents = report["incidents"]
    assert [i["id"] for i in incidents["items"]] == [ids["hadrut"], ids["aghdam"]]
    assert incidents["by_type"] == {"ceasefire-violation": 2}
    assert incidents["by_district"] == {"Ağdam": 1, "Hadrut (Гадрут / Xocavənd)": 1}
    findings = {f["incident"]: f for f in report["findings"]}
    assert {i: f["finding"] for i, f in findings.items()} == {
        ids["hadrut"]: "disputed",
        ids["aghdam"]: "pending",
    }
    assert findings[ids["aghdam"]]["missing"] == ["RUS", "TUR"]
    finding = findings[ids["hadrut"]]
    assert {p: a["verdict"] for p, a in finding["assessments"].items()} == {
        "RUS": "not-confirmed",
        "TUR": "confirmed",
    }
    assert [d["incident"] for d in report["open_disputes"]] == [ids["hadrut"]]
    assert report["complaints"]["by_status"] == {"received": 1}
    assert report["complaints"]["items"][0]["place"] == "Khtsaberd (Խծաբերդ), south of Şuşa"
    # Internal reasoning and the text of a party's allegation stay out of a report meant to be
    # published: verdicts, places and statuses go in.
    assert "rationale" not in json.dumps(report)
    assert "description" not in report["complaints"]["items"][0]
    statuses = {row["obligation"]: row["status"] for row in report["compliance"]}
    assert statuses["return-lachin"] == "fulfilled"
    assert [c["measure"] for c in report["peacekeepers"]["caps"]]
    with store.transaction(engine) as session:
        head = audit_service.head(session)
    assert report["audit_head"]["hash"] == head.hash
    assert report["audit_head"]["seq"] == head.seq


def test_the_json_is_canonical_and_rebuilds_byte_for_byte(engine: Engine) -> None:
    populate(engine)
    first = render.to_json(build(engine))
    assert render.to_json(json.loads(first)) == first
    known_at = json.loads(first)["known_at"]
    moment = dt.datetime.fromisoformat(known_at.replace("Z", "+00:00"))
    with store.transaction(engine) as session:  # later changes do not alter the rebuilt report
        user = accounts_service.create_user(
            session, name="monitor-tur-2", role="monitor", party="TUR", password="y" * 16, actor="t"
        )
        incidents_service.create_incident(
            session,
            data=IncidentCreate(
                type="ceasefire-violation",
                summary="Late.",
                occurred="2020-12-11",
                agreement=AGREEMENT,
            ),
            actor=user,
        )
    assert render.to_json(build(engine, known_at=moment)) == first
    assert render.to_json(build(engine)) != first


def test_a_later_revised_assessment_leaves_the_rebuilt_compliance_as_it_was(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """Compliance in a report is read from the findings as known at `known_at`, not from the
    incident's current finding: a party revising its assessment afterwards changes today's
    compliance, never the rebuilt report."""
    populate(engine)
    with store.transaction(engine) as session:
        monitors = {
            party: accounts_service.get_user(session, name=f"monitor-{party.lower()}")
            for party in ("TUR", "RUS")
        }
        breach = incidents_service.create_incident(
            session,
            data=IncidentCreate(
                type="ceasefire-violation",
                summary="Shelling across the line of contact.",
                occurred="2020-12-11T09:00",
                agreement=AGREEMENT,
                obligations=[ObligationLink(obligation="complete-ceasefire", effect="breaches")],
            ),
            actor=monitors["TUR"],
        ).id
        for user in monitors.values():
            verification_service.record_assessment(
                session,
                incident_id=breach,
                data=AssessmentCreate(verdict="confirmed", rationale="Both saw it."),
                actor=user,
            )
    first = render.to_json(build(engine))
    report = json.loads(first)
    statuses = {row["obligation"]: row for row in report["compliance"]}
    assert statuses["complete-ceasefire"]["status"] == "breached"
    assert f"incident-{breach}-complete-ceasefire" in statuses["complete-ceasefire"]["evidence"]
    known_at = dt.datetime.fromisoformat(report["known_at"].replace("Z", "+00:00"))
    with store.transaction(engine) as session:  # RUS revises its assessment the day after
        rus = accounts_service.get_user(session, name="monitor-rus")
        verification_service.record_assessment(
            session,
            incident_id=breach,
            data=AssessmentCreate(verdict="not-confirmed", rationale="On review, outgoing fire."),
            actor=rus,
        )
    rebuilt = render.to_json(build(engine, known_at=known_at))
    assert json.loads(rebuilt)["compliance"] == report["compliance"]
    assert rebuilt == first
    out = tmp_path / "rebuilt.json"  # the same from the command line, --known-at as reported
    result = CliRunner().invoke(app, [
        "report", "daily", "--date", "2020-12-11", "--known-at", report["known_at"],
        "--format", "json", "--out", str(out), "--db", db_url,
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == first
    now = {row["obligation"]: row["status"] for row in build(engine)["compliance"]}
    assert now["complete-ceasefire"] == "in-force"


def test_nothing_recorded_yet_makes_an_empty_report(engine: Engine) -> None:
    populate(engine)
    report = build(engine, known_at=dt.datetime(2020, 12, 11, 16, 30, tzinfo=dt.UTC))
    assert report["incidents"] == {"count": 0, "by_type": {}, "by_district": {}, "items": []}
    assert report["findings"] == []
    assert report["complaints"]["count"] == 0
    assert report["audit_head"]["seq"] == 0


def test_cli_writes_each_format(db_url: str, engine: Engine, tmp_path: Path) -> None:
    populate(engine)
    runner = CliRunner()
    for fmt in ("json", "html"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            app,
            [
                "report",
                "daily",
                "--date",
                "2020-12-11",
                "--format",
                fmt,
                "--out",
                str(out),
                "--db",
                db_url,
            ],
        )
        assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "report.json").read_bytes())["date"] == "2020-12-11"
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    for name in NAMES:
        assert name in html
    result = runner.invoke(app, ["report", "daily", "--date", "11/12/2020", "--db", db_url])
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.output


@pytest.mark.slow
def test_pdf_renders_every_script(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    # One store is enough: the rendering does not depend on it.
    path = tmp_path / "report.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    engine = store.make_engine(f"sqlite:///{path}")
    populate(engine)
    pdf = render.to_pdf(build(engine))
    engine.dispose()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils is not installed: text and fonts not checked")
    (tmp_path / "report.pdf").write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, check=True, text=True
    ).stdout
    assert "DejaVu-Sans" in fonts  # the family that carries all four scripts is embedded
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    words = " ".join(text.split())  # a name wrapped in a narrow column is still the name
    for name in NAMES:
        assert name in words
