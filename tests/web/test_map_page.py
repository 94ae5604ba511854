"""The map in Chromium: the offline basemap and the agreement's areas, nothing from other hosts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_map_draws_the_basemap_and_the_areas_offline(
    open_page: Any, viewport: dict[str, int] | None
) -> None:
    page = open_page(viewport)
    page.goto("/map")
    page.wait_for_selector('#map[data-areas-loaded="true"]')
    # basemap countries and the agreement's areas are SVG paths in Leaflet's overlay pane
    # (a locator's wait, not wait_for_function: a string predicate polled in the page is an eval,
    # which the page's Content-Security-Policy refuses when the first check is not yet true)
    page.locator(".leaflet-overlay-pane path").nth(20).wait_for(state="attached")
    assert page.locator(".leaflet-overlay-pane path").count() > 20
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= (viewport or {"width": 1280})["width"]
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_harness_notices_requests_to_other_hosts_and_console_errors(open_page: Any) -> None:
    page = open_page()
    page.goto("/map")
    page.evaluate("fetch('http://example.org/tile.png').catch(function () {})")
    page.evaluate("console.error('deliberate')")
    page.wait_for_timeout(300)
    watch = page.watch
    # the policy refuses the fetch before it leaves (a console error); the harness sees both
    assert "deliberate" in watch.console_errors
    assert any("example.org" in m for m in watch.console_errors)
    watch.console_errors.clear()
    watch.foreign_requests.clear()
