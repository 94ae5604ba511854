"""The agreement page in Chromium: compliance as of a date, with the amended Kalbajar deadline."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_as_of_21_november_aghdam_is_fulfilled_and_kalbajar_pending_with_amended_deadline(
    open_page: Any,
) -> None:
    page = open_page()
    page.goto("/agreements/nagorno-karabakh-2020")
    page.get_by_label("Compliance as of (end of day)").fill("2020-11-21")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**as_of=2020-11-21")

    aghdam = page.locator('tr[data-obligation="return-aghdam"]')
    assert aghdam.get_attribute("data-status") == "fulfilled"
    assert "Aghdam" in aghdam.locator("[data-evidence]").inner_text()

    kalbajar = page.locator('tr[data-obligation="return-kalbajar"]')
    assert kalbajar.get_attribute("data-status") == "pending"
    assert kalbajar.locator(".deadline-now").inner_text() == "2020-11-25"
    amendment = kalbajar.locator('[data-amendment="kalbajar-extension"]')
    assert "2020-11-15" in amendment.inner_text()
    assert amendment.locator("del").inner_text() == "2020-11-15"
    # the timeline shows the amended deadline, the superseded one and the amendment itself
    assert kalbajar.locator("line.mark-deadline").count() == 1
    assert kalbajar.locator("line.mark-superseded-deadline").count() == 1
    assert kalbajar.locator("line.mark-amendment").count() == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_as_of_control_works_from_the_keyboard_and_at_a_phone_width(open_page: Any) -> None:
    page = open_page(PHONE)
    page.goto("/agreements/nagorno-karabakh-2020?as_of=2020-11-14")
    assert page.locator('tr[data-obligation="return-kalbajar"]').get_attribute("data-status") == (
        "pending"
    )
    date = page.get_by_label("Compliance as of (end of day)")
    date.focus()
    page.keyboard.type("12022020")  # mm dd yyyy in Chromium's en-US date field
    page.keyboard.press("Enter")
    page.wait_for_url("**as_of=2020-12-02")
    assert page.locator('tr[data-obligation="return-lachin"]').get_attribute("data-status") == (
        "fulfilled"
    )
    # the page itself never scrolls sideways at a phone's width (the wide table scrolls inside)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
