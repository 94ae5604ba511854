"""The force in the pages, in Chromium: posts with their own symbol and patrol routes as lines
on the map, the strength chart against the caps on the agreement page, and the form that
records one (refusing a bad figure by name)."""

from __future__ import annotations

from typing import Any

import pytest

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.demo.force import FORCE_DEMO, add_force_demo
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind
from tests.web.conftest import LiveServer, sign_in

pytestmark = pytest.mark.browser
AGREEMENT = scenarios.DEFAULT

RECORDS: list[tuple[Kind, dict[str, object]]] = [
    (Kind.STRENGTH, {"contributor": "RUS", "date": "2020-11-20", "personnel": 1960, "armoured-vehicles": 90, "other-vehicles": 380, "source": "t"}),
    (Kind.STRENGTH, {"contributor": "RUS", "date": "2020-12-20", "personnel": 2000, "source": "t"}),
    (Kind.POSTS, {"name": "Post A", "contributor": "RUS", "lat": 39.7, "lon": 46.6, "opened": "2020-11-12", "source": "t"}),
    (Kind.POSTS, {"name": "Base B", "kind": "base", "contributor": "RUS", "lat": 39.82, "lon": 46.75, "opened": "2020-11-12", "source": "t"}),
    (Kind.PATROLS, {"start": "2020-11-26", "participants": "RUS", "places": "Lachin;Stepanakert", "source": "t"}),
    (Kind.CONVOYS, {"start": "2020-11-27", "participants": "RUS", "places": "Goris;Lachin", "cargo": "aid", "source": "t"}),
]  # fmt: skip


def record_all(server: LiveServer) -> None:
    engine = store.make_engine(server.db_url)
    try:
        with store.transaction(engine) as session:
            for kind, fields in RECORDS:
                force_service.record(
                    session, agreement_id=AGREEMENT, kind=kind, fields=fields, actor="test"
                )
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_map_shows_posts_and_patrol_routes(open_page: Any, live_server: LiveServer) -> None:
    record_all(live_server)
    page = open_page()
    sign_in(page, "monitor-tur")
    page.goto("/map")
    page.wait_for_selector('#map[data-force-loaded="true"]')
    assert page.locator(".post-symbol[data-post]").count() == 2
    assert page.locator(".post-symbol.base[data-post]").count() == 1
    assert page.locator("path[data-route='patrol-1']").count() == 1
    assert page.locator("path[data-route='convoy-2']").count() == 1
    assert page.locator(".map-legend .legend-post").count() == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_public_map_shows_no_force_layer(open_page: Any, live_server: LiveServer) -> None:
    record_all(live_server)
    page = open_page()
    page.goto("/map")
    page.wait_for_selector('#map[data-areas-loaded="true"]')
    page.wait_for_timeout(300)
    assert page.locator("#map").get_attribute("data-force") == ""
    assert page.locator(".post-symbol").count() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_agreement_page_charts_strength_against_each_cap(
    open_page: Any, live_server: LiveServer
) -> None:
    record_all(live_server)
    page = open_page()
    page.goto(f"/agreements/{AGREEMENT}?as_of=2020-12-31")
    personnel = page.locator("figure.strength[data-measure='personnel']")
    assert personnel.locator("circle.strength-mark").count() == 2
    assert personnel.locator("circle.strength-mark.above").count() == 1
    assert personnel.locator("line.cap").count() == 1
    assert page.locator("figure.strength[data-measure='armoured-vehicles'] circle").count() == 1
    row = page.locator("tr[data-obligation='peacekeeper-limits']")
    assert row.get_attribute("data-status") == "breached"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_form_records_and_refuses_by_field(open_page: Any, live_server: LiveServer) -> None:
    page = open_page()
    sign_in(page, "monitor-tur")
    page.goto("/force")
    page.locator("summary", has_text="strength").click()
    form = page.locator("#form-strength")
    form.get_by_label("contributor").fill("RUS")
    form.get_by_label("date").fill("2020-11-20")
    form.get_by_label("personnel").fill("-3")
    form.get_by_label("source").fill("bulletin")
    page.watch.expected.append("422")
    form.get_by_role("button").click()
    assert "personnel: -3 is negative" in page.locator("#problems").inner_text()
    form = page.locator("#form-strength")
    form.get_by_label("personnel").fill("1960")
    form.get_by_role("button").click()
    assert page.locator("#message").get_attribute("data-recorded") == "strength-1"
    assert page.locator("table[data-kind='strength'] tbody tr").count() == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_map_shows_the_demos_posts_and_routes(open_page: Any, live_server: LiveServer) -> None:
    engine = store.make_engine(live_server.db_url)
    try:
        with store.transaction(engine) as session:
            assert add_force_demo(session, agreement_id=AGREEMENT) > 0
    finally:
        engine.dispose()
    posts = [f for k, f in FORCE_DEMO[AGREEMENT] if k is Kind.POSTS]
    page = open_page()
    sign_in(page, "monitor-rus")
    page.goto("/map")
    page.wait_for_selector('#map[data-force-loaded="true"]')
    assert page.locator(".post-symbol[data-post]").count() == len(posts)
    assert page.locator("path[data-route^='patrol-']").count() == 1
    assert page.locator("path[data-route^='convoy-']").count() == 1
