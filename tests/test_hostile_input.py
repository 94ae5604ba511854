"""Hostile input, every kind the probes of issue 17 sent, as one case table run on both stores:
each is refused with a clear 4xx naming what was wrong, nothing of it is written, and the server
answers the next request as before."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ceasefire import db as store
from ceasefire.agreements.document import parse_agreement
from ceasefire.errors import InvalidInputError
from ceasefire.incidents.models import Incident, Report
from ceasefire.ingest.models import Article
from tests.web.signin import sign_in
from tests.world import PASSWORD, incident_body, make_world

BIG = str(2**63)
INT4 = str(2**31)
DEEP = "[" * 50_000 + "]" * 50_000
HEADER = "type,summary,occurred,latitude,longitude\n"


def _geojson(**point: Any) -> str:
    coordinates = point.pop("coordinates", [46.0, 39.5])
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coordinates},
        "properties": {"type": "ceasefire-violation", "summary": "s", "occurred": "2020-12-11"},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]})


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    says: str  # a few words the refusal must carry
    kw: dict[str, Any] = field(default_factory=dict)
    status: int = 422


def _import(fmt: str, body: str | bytes, says: str, case_id: str) -> Case:
    media = "application/geo+json" if fmt == "geojson" else "text/csv"
    content = body.encode() if isinstance(body, str) else body
    return Case(
        case_id,
        "POST",
        f"/api/v1/incidents/import?format={fmt}",
        says,
        {"content": content, "headers": {"Content-Type": media}},
    )


CASES = [
    # ids and offsets past what the stores hold
    Case("id-2^63", "GET", f"/api/v1/incidents/{BIG}", "out of range"),
    Case("id-2^31", "GET", f"/api/v1/incidents/{INT4}/finding", "out of range"),
    Case("id-huge", "GET", f"/api/v1/incidents/{'9' * 5000}", "out of range"),
    Case("offset-2^63", "GET", f"/api/v1/incidents?offset={BIG}", "out of range"),
    Case("offset-2^31", "GET", f"/api/v1/incidents?offset={INT4}", "out of range"),
    Case("page-id-2^63", "GET", f"/incidents/{BIG}", "out of range"),
    Case(
        "answer-incident-2^63",
        "POST",
        "/api/v1/complaints/1/status",
        "",
        {"json": {"status": "under-review", "incident": 2**63}},
    ),
    # NUL characters (PostgreSQL's text cannot hold them; refused on both stores alike)
    Case("nul-query", "GET", "/api/v1/incidents?origin=a%00b", "NUL"),
    Case("nul-path", "GET", "/api/v1/agreements/a%00b", "NUL"),
    Case(
        "nul-json",
        "POST",
        "/api/v1/incidents",
        "NUL",
        {"json": incident_body(summary="fire\u0000exchanged")},
    ),
    Case(
        "nul-signin",
        "POST",
        "/signin",
        "NUL",
        {"data": {"name": "adm\x00in", "password": "x", "signin_token": "t"}},
    ),
    # impossible places sent to the API itself
    Case(
        "api-geometry-lat-999",
        "POST",
        "/api/v1/incidents",
        "latitude 999",
        {"json": incident_body(area=None, geometry={"type": "Point", "coordinates": [46, 999]})},
    ),
    Case(
        "api-latitude-nan",
        "POST",
        "/api/v1/incidents",
        "NaN",
        {
            "content": json.dumps(incident_body(area=None, latitude=float("nan"), longitude=46)),
            "headers": {"Content-Type": "application/json"},
        },
    ),
    # imports: oversized fields, deep JSON, impossible places, nothing to import
    _import(
        "csv",
        HEADER + "ceasefire-violation," + "x" * 140_000 + ",2020-12-11,,\n",
        "field larger than field limit",
        "csv-field-over-131072",
    ),
    _import(
        "csv",
        f'type,summary,occurred,actors\nceasefire-violation,s,2020-12-11,"{DEEP}"\n',
        "nested deeper",
        "csv-cell-json-50000-deep",
    ),
    _import(
        "geojson",
        '{"type": "FeatureCollection", "features": ' + DEEP + "}",
        "nested deeper",
        "geojson-50000-deep",
    ),
    _import("geojson", _geojson(coordinates=[46.0, 999]), "latitude 999", "geojson-lat-999"),
    _import("geojson", _geojson().replace("39.5", "NaN"), "NaN", "geojson-nan"),
    _import("geojson", _geojson().replace("39.5", "1e400"), "finite", "geojson-1e400"),
    _import(
        "geojson",
        _geojson(coordinates=[46.0, 39.5, 0, 0]).replace("46.0", "-Infinity"),
        "Infinity",
        "geojson-infinity",
    ),
    _import("csv", HEADER + "ceasefire-violation,s,2020-12-11,999,46\n", "latitude", "csv-lat-999"),
    _import("csv", "", "empty", "csv-empty"),
    _import("csv", "\n \n", "empty", "csv-blank"),
    _import("csv", HEADER, "no row", "csv-header-only"),
    _import(
        "geojson", '{"type": "FeatureCollection", "features": []}', "no row", "geojson-no-features"
    ),
    Case("import-without-body", "POST", "/api/v1/incidents/import?format=csv", "empty"),
    # articles that hold no text
    Case(
        "html-whitespace",
        "POST",
        "/api/v1/articles?filename=a.html&extract=false",
        "no article text",
        {"content": b"  \n\t ", "headers": {"Content-Type": "text/html"}},
    ),
    Case(
        "html-comment",
        "POST",
        "/api/v1/articles?filename=a.html&extract=false",
        "no article text",
        {"content": b"<!-- " + b"nothing " * 40 + b"-->", "headers": {"Content-Type": "text/html"}},
    ),
]


def _written(db_url: str) -> tuple[int, int, int]:
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(t)) or 0
            for t in (Report, Incident, Article)
        )
    engine.dispose()
    return counts  # type: ignore[return-value]


def test_every_hostile_request_is_refused_clearly_and_writes_nothing(db_url: str) -> None:
    world = make_world(db_url)
    complaint = world.client("liaison-arm").post(
        "/api/v1/complaints", json={"occurred": "2020-12-11", "place": "P", "description": "D"}
    )
    assert complaint.status_code == 201
    before = _written(db_url)
    client = world.client("monitor-tur")
    wrong = []
    for case in CASES:
        answer = client.request(case.method, case.path, **case.kw)
        if not 400 <= answer.status_code < 500 or case.says not in answer.text:
            wrong.append(f"{case.id}: {answer.status_code} {answer.text[:200]}")
        if client.get("/healthz").status_code != 200:  # and the server serves on
            wrong.append(f"{case.id}: the next request failed")
    assert not wrong, "\n".join(wrong)
    assert _written(db_url) == before


def test_a_page_asked_for_a_report_of_a_non_date_explains(db_url: str) -> None:
    world = make_world(db_url)
    with TestClient(world.app, base_url="https://testserver") as client:
        sign_in(client, "monitor-tur", PASSWORD)
        page = client.get("/reports", params={"date": "not-a-day"})
        assert page.status_code == 422
        assert "YYYY-MM-DD" in page.text
        assert client.get("/reports/daily/not-a-day.json").status_code == 422


ALIAS_BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (ALIAS_BOMB, "aliases are expanded"),
        ("a: &x\n  b: *x\n", "nested deeper"),  # an alias inside what it names
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested deeper"),
    ],
    ids=["billion-laughs", "self-alias", "deep"],
)
def test_an_agreement_file_that_would_explode_is_refused_with_its_line(
    text: str, says: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        parse_agreement(text.encode(), "bomb.yaml")
    problem = refused.value.problems[0]
    assert problem.file == "bomb.yaml"
    assert problem.line >= 1
    assert says in problem.message
