"""Every page each role may open loads in Chromium with no console error and no failed request
(the favicon included); the pages a role may not open answer 404 over HTTP, the public is sent
to sign in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import USERS, LiveServer, sign_in

pytestmark = pytest.mark.browser

AGREEMENT = "/agreements/nagorno-karabakh-2020"
EVERYONE = ["/map", "/agreements", AGREEMENT, "/complaints", "/account"]
STAFF = [*EVERYONE, "/incidents", "/incidents/new", "/queue", "/reports"]


def _pages(name: str | None, incident: int) -> list[str]:
    if name is None:
        return ["/map", "/agreements", AGREEMENT, "/signin"]
    role = USERS[name][0]
    if role == "liaison":
        return EVERYONE
    pages = [*STAFF, f"/incidents/{incident}"]
    return [*pages, "/admin"] if role == "admin" else pages


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_page_as_every_role_loads_cleanly(open_page: Any, live_server: LiveServer) -> None:
    incident = live_server.incidents["ceasefire-violation"]
    for name in [*USERS, None]:
        page = open_page()
        if name is not None:
            sign_in(page, name)
        for path in _pages(name, incident):
            response = page.goto(path)
            assert response is not None and response.status == 200, f"{name} {path}"
            page.wait_for_load_state("networkidle")
            icon = page.locator('link[rel="icon"]').get_attribute("href")
            assert icon and page.request.get(icon).status == 200
        assert page.request.get("/favicon.ico").status == 200
