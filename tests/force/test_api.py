"""The force's routes through the real app on both stores: recording, refusing, importing, and
who may do what."""

from __future__ import annotations

from tests.world import AGREEMENT, make_world

BASE = f"/api/v1/agreements/{AGREEMENT}/force"


def test_record_list_and_the_days_activity(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    body = {
        "contributor": "RUS",
        "date": "2020-11-21",
        "figures": {"personnel": 1960, "armoured-vehicles": 90, "other-vehicles": 380},
        "source": "bulletin",
    }
    answer = tur.post(f"{BASE}/strength", json=body)
    assert answer.status_code == 201, answer.text
    assert answer.json()["figures"]["personnel"] == 1960
    convoy = {
        "start": "2020-11-26T09:00",
        "end": "2020-11-26T15:00",
        "participants": ["RUS"],
        "places": ["Goris", "Lachin", "Stepanakert"],
        "cargo": "humanitarian aid",
        "source": "bulletin",
    }
    assert tur.post(f"{BASE}/convoys", json=convoy).status_code == 201
    csv = "series,date,value,total,unit,source\nreturns,2020-11-26,500,,people,b\nreturns,2020-11-27,300,,people,b\n"
    answer = tur.post(f"{BASE}/totals/import", content=csv, headers={"Content-Type": "text/csv"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["imported"] == 2
    totals = tur.get(f"{BASE}/totals").json()
    assert [t["total"] for t in totals] == [500, 800]
    day = tur.get(f"/api/v1/agreements/{AGREEMENT}/force-day", params={"date": "2020-11-26"}).json()
    (listed,) = day["convoys"]
    assert "lachin-corridor-passage" in listed["obligations"]
    assert day["totals"] == [
        {
            "series": "returns",
            "unit": "people",
            "day": 500,
            "total": 500,
            "as_of": "2020-11-26",
            "source": "b",
        }
    ]
    assert day["strength"]["figures"]["armoured-vehicles"] == 90


def test_refused_fields_are_named_and_a_liaison_may_neither_read_nor_write(db_url: str) -> None:
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    bad = {"contributor": "RUS", "date": "2020-11-21", "figures": {"personnel": -1}, "source": "s"}
    answer = tur.post(f"{BASE}/strength", json=bad)
    assert answer.status_code == 422
    assert "personnel: -1 is negative" in answer.json()["problems"][0]["message"]
    assert tur.get(f"{BASE}/strength").json() == []
    liaison = world.client("liaison-arm")
    good = dict(bad, figures={"personnel": 1})
    assert liaison.post(f"{BASE}/strength", json=good).status_code == 403
    assert liaison.get(f"{BASE}/strength").status_code == 403
    assert world.client(None).get(f"{BASE}/strength").status_code == 401
