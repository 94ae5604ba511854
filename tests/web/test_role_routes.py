"""The pages' new routes, every role against each over HTTP: who gets the page, who is told it
does not exist (404), who is sent to sign in (303), who may not (403)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.app import create_app
from ceasefire.incidents.models import IncidentReport
from ceasefire.reports import store as reports_store
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD, USERS, load_scenario, populate
from tests.web.signin import sign_in

STAFF = ("admin", "cohead-tur", "cohead-rus", "monitor-tur", "monitor-rus")
LIAISONS = ("liaison-arm", "liaison-aze")


def _expect(staff: int, liaison: int, anonymous: int, **by_user: int) -> dict[str | None, int]:
    table: dict[str | None, int] = dict.fromkeys(STAFF, staff)
    table.update(dict.fromkeys(LIAISONS, liaison))
    table[None] = anonymous
    table.update({k.replace("_", "-"): v for k, v in by_user.items()})
    return table


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_new_page_route_by_role(db_url: str) -> None:
    load_scenario(db_url)
    ids = populate(db_url)
    incident = ids["ceasefire-violation"]
    engine = store.make_engine(db_url)
    with store.transaction(engine) as session:
        report = session.query(IncidentReport).filter_by(incident_id=incident).first()
        assert report is not None
        report_id = report.report_id
        stored = reports_store.build(
            session, agreement_id=scenarios.DEFAULT, day=dt.date(2020, 12, 11), cutoff="17:00",
            actor="monitor-tur",
        )  # fmt: skip
        stored_id = stored.id
    engine.dispose()
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    clients: dict[str | None, tuple[TestClient, str]] = {}
    for name in (*USERS, None):
        client = TestClient(app)
        csrf = sign_in(client, name, PASSWORD) if name else ""
        clients[name] = (client, csrf)
    arm, arm_csrf = clients["liaison-arm"]
    filed = arm.post(
        "/complaints",
        data={"occurred": "2020-12-11", "place": "X", "description": "Y", "csrf_token": arm_csrf},
        files=[("files", ("a.png", b"png bytes", "image/png"))],
        follow_redirects=False,
    )
    complaint = filed.headers["location"].split("?")[0]
    form = {"type": "ceasefire-violation", "summary": "seen", "occurred": "2020-12-11"}
    cases: list[tuple[str, str, dict[str, Any] | None, dict[str | None, int]]] = [
        ("GET", "/favicon.ico", None, _expect(301, 301, 301)),  # to /static/favicon.svg
        ("GET", "/account", None, _expect(200, 200, 303)),
        ("POST", "/account/password", {"current": PASSWORD, "new": PASSWORD},
         _expect(200, 200, 401)),
        ("GET", "/incidents/new", None, _expect(200, 404, 303)),
        ("POST", "/incidents/new", form, _expect(200, 404, 401)),
        ("GET", f"/incidents/{incident}/reports/{report_id}", None, _expect(200, 404, 303)),
        ("POST", f"/incidents/{incident}/correct",
         {"reason": "role test", "place_name": "Hadrut"}, _expect(200, 404, 401)),
        ("GET", complaint, None, _expect(200, 200, 303, liaison_aze=404)),
        ("GET", f"{complaint}/attachments/1", None, _expect(200, 200, 303, liaison_aze=404)),
        ("GET", "/reports", None, _expect(200, 404, 303)),
        ("POST", "/reports/build", {"day": "2020-12-12"}, _expect(200, 404, 401)),
        ("GET", f"/reports/stored/{stored_id}.json", None, _expect(200, 404, 303)),
        ("GET", f"/reports/stored/{stored_id}.html", None, _expect(200, 404, 303)),
        ("POST", f"/reports/stored/{stored_id}/signatures", {}, _expect(422, 404, 401, admin=403)),
        ("POST", "/admin/users/liaison-aze/password", {"password": PASSWORD},
         _expect(404, 404, 401, admin=200)),
        ("POST", "/admin/users/monitor-rus/deactivate", None, _expect(404, 404, 401, admin=200)),
    ]  # fmt: skip
    wrong = []
    for method, path, data, expected in cases:
        for name, code in expected.items():
            if name == "monitor-rus" and "deactivate" in path:
                continue  # deactivated by the admin just before in this loop's order
            client, csrf = clients[name]
            body = {**data, "csrf_token": csrf} if data is not None else {"csrf_token": csrf}
            post = method == "POST"
            answer = client.request(
                method, path, data=body if post else None, follow_redirects=post
            )
            if answer.status_code != code:
                wrong.append(f"{name} {method} {path}: {answer.status_code} (expected {code})")
    assert not wrong, "\n".join(wrong)
