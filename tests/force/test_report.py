"""The daily report carries the force's activity of its period: patrols, convoys, the counted
series' figures and totals, posts open and the strength report in force; in the JSON, as
recorded by `known_at`, and in the HTML."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Engine

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind
from ceasefire.reports import render
from ceasefire.reports import service as reports_service
from ceasefire.reports.period import parse_day

AGREEMENT = scenarios.DEFAULT

RECORDS: list[tuple[Kind, dict[str, object]]] = [
    (Kind.STRENGTH, {"contributor": "RUS", "date": "2020-11-20", "personnel": 1960, "source": "b1"}),
    (Kind.POSTS, {"name": "Post 1", "contributor": "RUS", "lat": 39.7, "lon": 46.6, "opened": "2020-11-12", "source": "b1"}),
    (Kind.PATROLS, {"start": "2020-11-26T10:00", "participants": "RUS", "places": "Lachin;Stepanakert", "source": "b2"}),
    (Kind.CONVOYS, {"start": "2020-11-26T12:00", "participants": "RUS", "places": "Goris;Lachin", "cargo": "aid", "source": "b2"}),
    (Kind.PATROLS, {"start": "2020-11-28T10:00", "participants": "RUS", "places": "Lachin", "source": "b3"}),
    (Kind.TOTALS, {"series": "returns", "date": "2020-11-25", "total": 1000, "unit": "people", "source": "b2"}),
    (Kind.TOTALS, {"series": "returns", "date": "2020-11-26", "value": 250, "unit": "people", "source": "b2"}),
]  # fmt: skip


def build(engine: Engine, known_at: dt.datetime | None = None) -> dict[str, object]:
    with store.transaction(engine) as session:
        return reports_service.daily_report(
            session, agreement_id=AGREEMENT, day=parse_day("2020-11-26"), cutoff="23:59",
            known_at=known_at,
        )  # fmt: skip


def test_the_report_carries_the_days_patrols_convoys_and_totals(engine: Engine) -> None:
    document = parse_agreement(scenarios.agreement_file(AGREEMENT).read_bytes(), AGREEMENT)
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name=AGREEMENT)
    before = dt.datetime.now(dt.UTC)
    with store.transaction(engine) as session:
        for kind, fields in RECORDS:
            force_service.record(
                session, agreement_id=AGREEMENT, kind=kind, fields=fields, actor="t"
            )
    report = build(engine)
    force = report["force"]
    assert isinstance(force, dict)
    assert [p["places"] for p in force["patrols"]] == [["Lachin", "Stepanakert"]]
    (convoy,) = force["convoys"]
    assert convoy["cargo"] == "aid"
    assert "lachin-corridor-passage" in convoy["obligations"]
    assert force["totals"] == [
        {
            "series": "returns",
            "unit": "people",
            "day": 250,
            "total": 1250,
            "as_of": "2020-11-26",
            "source": "b2",
        }
    ]
    assert force["posts_open"] == 1
    assert force["strength"]["figures"] == {"personnel": 1960}
    assert render.to_json(json.loads(render.to_json(report))) == render.to_json(report)
    html = render.to_html(report)
    assert "Patrols (1)" in html and "Convoys (1)" in html
    assert "Goris – Lachin" in html and "1,250 people" in html  # numbers as English writes them
    # rebuilt as known before the records were made, the report shows none of them
    empty = build(engine, known_at=before)["force"]
    assert empty == {"patrols": [], "convoys": [], "totals": [], "posts_open": 0, "strength": None}
