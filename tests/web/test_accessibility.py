"""Every page at 1280x800 and at a phone's width: labelled controls, no sideways scrolling, and
the main navigation reachable from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import DESKTOP, PHONE, LiveServer, sign_in

pytestmark = pytest.mark.browser

UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_have_labelled_controls_and_fit_the_screen(
    open_page: Any, live_server: LiveServer, viewport: dict[str, int]
) -> None:
    page = open_page(viewport)
    sign_in(page, "admin")
    hadrut = live_server.incidents["ceasefire-violation"]
    for path in (
        "/map",
        "/incidents",
        f"/incidents/{hadrut}",
        "/queue",
        "/complaints",
        "/agreements/nagorno-karabakh-2020",
        "/reports",
        "/force",
        "/admin",
        "/incidents/new",
        "/account",
    ):
        page.goto(path)
        assert page.evaluate(UNLABELLED) == [], path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} is {width}px wide"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_keyboard_reaches_the_content_and_the_navigation(open_page: Any) -> None:
    page = open_page()
    page.goto("/agreements/nagorno-karabakh-2020")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto("/agreements/nagorno-karabakh-2020")
    for _ in range(3):  # skip link, the name of the site, then the first section
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/map"
    page.keyboard.press("Enter")
    page.wait_for_url("**/map")
