"""Who may read and write what: every role against every endpoint, on both stores."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.signin import sign_in
from tests.world import PASSWORD, USERS, World, incident_body, make_world

STAFF = ("admin", "cohead-tur", "cohead-rus", "monitor-tur", "monitor-rus")
LIAISONS = ("liaison-arm", "liaison-aze")
EVERYONE = (*STAFF, *LIAISONS, None)


def _expect(default: int, **by_user: int) -> dict[str | None, int]:
    table: dict[str | None, int] = dict.fromkeys(EVERYONE, default)
    table[None] = by_user.pop("anonymous", 401)
    for name, code in by_user.items():
        table[name.replace("_", "-")] = code
    return table


def _setup(world: World) -> dict[str, int]:
    tur, rus, arm, aze = (
        world.client("monitor-tur"),
        world.client("monitor-rus"),
        world.client("liaison-arm"),
        world.client("liaison-aze"),
    )
    pending = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    published = tur.post(
        "/api/v1/incidents", json=incident_body(type="exchange-of-detainees", obligations=[])
    ).json()["id"]
    for client in (tur, rus):
        answer = client.post(
            f"/api/v1/incidents/{published}/assessments",
            json={"verdict": "confirmed", "rationale": "seen by our monitors"},
        )
        assert answer.status_code == 201, answer.text
    merged, dismissed = (_published(tur, rus) for _ in range(2))
    assert tur.post(f"/api/v1/incidents/{published}/merge/{merged}").status_code == 200
    dismissal = tur.post(f"/api/v1/incidents/{dismissed}/dismiss", json={"reason": "not one"})
    assert dismissal.status_code == 200, dismissal.text
    complaint = {"occurred": "2020-12-11", "place": "Hadrut", "description": "shots fired"}
    arm_complaint = arm.post("/api/v1/complaints", json=complaint).json()["id"]
    aze_complaint = aze.post("/api/v1/complaints", json=complaint).json()["id"]
    spare = {"name": "spare", "role": "monitor", "party": "RUS", "password": PASSWORD}
    assert world.client("admin").post("/api/v1/users", json=spare).status_code == 201
    withdrawn = arm.post("/api/v1/complaints", json=complaint).json()["id"]
    gone = arm.post(f"/api/v1/complaints/{withdrawn}/status", json={"status": "withdrawn"})
    assert gone.status_code == 200, gone.text
    return {
        "pending": pending,
        "published": published,
        "merged": merged,
        "dismissed": dismissed,
        "absent": dismissed + 1000,
        "arm": arm_complaint,
        "aze": aze_complaint,
        "withdrawn": withdrawn,
    }


def _published(tur: Any, rus: Any) -> int:
    """A new incident with a confirmed (published) finding."""
    body = incident_body(type="exchange-of-detainees", obligations=[])
    incident = tur.post("/api/v1/incidents", json=body).json()["id"]
    for client in (tur, rus):
        answer = client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": "confirmed", "rationale": "seen by our monitors"},
        )
        assert answer.status_code == 201, answer.text
    return incident


def _cases(
    ids: dict[str, int],
) -> list[tuple[str, str, dict[str, Any] | None, dict[str | None, int]]]:
    p, q = ids["pending"], ids["published"]
    assess = {"verdict": "inconclusive", "rationale": "checking"}
    hidden = {"liaison_arm": 404, "liaison_aze": 404}
    return [
        ("GET", "/api/v1/me", None, _expect(200)),
        ("GET", "/api/v1/incidents", None, _expect(200)),
        ("GET", f"/api/v1/incidents/{p}", None, _expect(200, **hidden)),
        ("GET", f"/api/v1/incidents/{q}", None, _expect(200)),
        ("GET", f"/api/v1/incidents/{p}/assessments", None, _expect(200, **hidden)),
        ("GET", f"/api/v1/incidents/{q}/assessments", None, _expect(200, **hidden)),
        ("GET", f"/api/v1/incidents/{p}/finding", None, _expect(200, **hidden)),
        ("GET", f"/api/v1/incidents/{q}/finding", None, _expect(200)),
        # merged and dismissed incidents keep their published finding but leave the list
        *(
            (method, f"/api/v1/incidents/{ids[gone]}{tail}", None, _expect(200, **hidden))
            for gone in ("merged", "dismissed")
            for method, tail in (("GET", ""), ("GET", "/finding"))
        ),
        (
            "POST",
            "/api/v1/incidents",
            incident_body(),
            _expect(201, liaison_arm=403, liaison_aze=403),
        ),
        (
            "POST",
            f"/api/v1/incidents/{p}/assessments",
            {**assess, "party": "TUR"},
            _expect(403, monitor_tur=201, cohead_tur=201, **hidden),
        ),
        (
            "POST",
            f"/api/v1/incidents/{p}/assessments",
            {**assess, "party": "RUS"},
            _expect(403, monitor_rus=201, cohead_rus=201, **hidden),
        ),
        ("POST", f"/api/v1/incidents/{p}/review", None, _expect(200, **hidden)),
        ("GET", "/api/v1/complaints", None, _expect(200)),
        # the news channel's every route by role: tests/api/test_articles_api.py
        ("GET", "/api/v1/articles", None, _expect(200, liaison_arm=403, liaison_aze=403)),
        ("GET", f"/api/v1/complaints/{ids['arm']}", None, _expect(200, liaison_aze=404)),
        ("GET", f"/api/v1/complaints/{ids['aze']}", None, _expect(200, liaison_arm=404)),
        (
            "POST",
            "/api/v1/complaints",
            {"occurred": "2020-12-12", "place": "Khtsaberd", "description": "advance"},
            _expect(403, liaison_arm=201, liaison_aze=201),
        ),
        (
            "POST",
            f"/api/v1/complaints/{ids['aze']}/status",
            {"status": "answered"},
            _expect(409, liaison_arm=404, liaison_aze=403),  # staff: received cannot be answered
        ),
        # a liaison withdraws its complaint but links no incident and writes no answer (refused
        # before the complaint's state is looked at: staff hear that it is withdrawn already)
        *(
            (
                "POST",
                f"/api/v1/complaints/{ids['withdrawn']}/status",
                {"status": "withdrawn", **extra},
                _expect(403, liaison_aze=404),  # only its liaison withdraws,
            )
            for extra in ({"incident": p}, {"incident": ids["absent"]}, {"answer": "ours"})
        ),
        (
            "POST",
            f"/api/v1/incidents/{p}/corrections",
            {"reason": "matrix", "place_name": "Hadrut town"},
            _expect(422, admin=200, **hidden),  # after the first writer it changes nothing
        ),
        ("GET", f"/api/v1/incidents/{p}/versions", None, _expect(200, **hidden)),
        ("GET", f"/api/v1/incidents/{q}/versions", None, _expect(200, **hidden)),
        # accounts: everyone their own password, admins the rest
        ("POST", "/api/v1/me/password", {"current": PASSWORD, "new": PASSWORD}, _expect(204)),
        ("GET", "/api/v1/users", None, _expect(403, admin=200)),
        (
            "POST",
            "/api/v1/users",
            {"name": "spare-2", "role": "liaison", "party": "ARM", "password": PASSWORD},
            _expect(403, admin=201),
        ),
        ("POST", "/api/v1/users/spare/password", {"new": PASSWORD}, _expect(403, admin=204)),
        ("POST", "/api/v1/users/spare/deactivate", None, _expect(403, admin=200)),
    ]


def test_role_by_endpoint_matrix(db_url: str) -> None:
    world = make_world(db_url)
    ids = _setup(world)
    clients = {name: world.client(name) for name in (*USERS, None)}
    wrong = []
    for method, path, body, expected in _cases(ids):
        for name, code in expected.items():
            answer = clients[name].request(method, path, json=body)
            if answer.status_code != code:
                wrong.append(f"{name} {method} {path}: {answer.status_code} (expected {code})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", LIAISONS)
def test_what_a_liaison_may_not_see_is_answered_as_if_absent(db_url: str, name: str) -> None:
    """Same status and same words (but for the id asked) for an incident that is not the
    liaison's to see as for an id that was never used: nothing tells them apart."""
    world = make_world(db_url)
    ids = _setup(world)
    client, absent = world.client(name), ids["absent"]
    for hidden in ("pending", "merged", "dismissed"):
        for tail in ("", "/finding", "/assessments"):
            seen = client.get(f"/api/v1/incidents/{ids[hidden]}{tail}")
            missing = client.get(f"/api/v1/incidents/{absent}{tail}")
            assert seen.status_code == missing.status_code == 404, (hidden, tail)
            assert seen.text.replace(str(ids[hidden]), "N") == missing.text.replace(
                str(absent), "N"
            ), (hidden, tail)
    own = ids["arm" if name == "liaison-arm" else "aze"]
    for incident in (ids["pending"], absent):
        answer = client.post(
            f"/api/v1/complaints/{own}/status", json={"status": "withdrawn", "incident": incident}
        )
        assert answer.status_code == 403
        assert str(incident) not in answer.text
    complaint = world.client("admin").get(f"/api/v1/complaints/{own}").json()
    assert (complaint["status"], complaint["incident"], complaint["answer"]) == (
        "received",
        None,
        "",
    )


def test_a_liaison_page_of_an_incident_it_may_not_see_is_not_found(db_url: str) -> None:
    world = make_world(db_url)
    ids = _setup(world)
    with TestClient(world.app, base_url="https://testserver") as client:
        sign_in(client, "liaison-arm", PASSWORD)
        assert client.get(f"/incidents/{ids['published']}").status_code == 200
        for hidden in ("pending", "merged", "dismissed", "absent"):
            page = client.get(f"/incidents/{ids[hidden]}")
            assert page.status_code == 404, hidden
            assert "Not found" in page.text


def test_liaisons_see_only_their_own_complaints_and_published_findings(db_url: str) -> None:
    world = make_world(db_url)
    ids = _setup(world)
    arm = world.client("liaison-arm")
    assert [c["id"] for c in arm.get("/api/v1/complaints").json()] == [ids["withdrawn"], ids["arm"]]
    listed = arm.get("/api/v1/incidents").json()
    assert [x["id"] for x in listed["items"]] == [ids["published"]]
    assert listed["items"][0]["reports"] == []
    finding = arm.get(f"/api/v1/incidents/{ids['published']}/finding").json()
    assert finding["finding"] == "confirmed"
    assert finding["assessments"] == []
    staff = world.client("admin").get(f"/api/v1/incidents/{ids['published']}/finding").json()
    assert {a["party"] for a in staff["assessments"]} == {"RUS", "TUR"}
    assert len(world.client("admin").get("/api/v1/complaints").json()) == 3
