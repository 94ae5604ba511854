"""In Chromium, a Russian-speaking monitor and a Turkish-speaking co-head signed in at the same time,
in two browser contexts on one server: every page of the tour is in each one's language (its
heading and the menu in their words, no English string of the catalogue left on the page)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from babel.messages.pofile import read_po

from ceasefire import db as store
from ceasefire import i18n
from ceasefire.accounts import service as accounts_service
from tests.web.conftest import CANDIDATES, DECEMBER_2020, PASSWORD, LiveServer

pytestmark = pytest.mark.browser

AGREEMENT = "/agreements/nagorno-karabakh-2020"
# each page of the tour and a string of the catalogue it must show (in the reader's language)
TOUR = {
    "/map": "The same incidents as a list",
    "/incidents": "Incidents",
    "/incidents/{incident}": "What happened",
    "/incidents/new": "File a field report",
    "/queue": "Merge into",
    "/agreements": "Agreements",
    AGREEMENT: "Provisions",
    "/complaints": "Filed complaints",
    "/reports": "Days built and who has signed",
    "/force": "The force",
    "/jobs": "Jobs",
    "/inbox": "Inbox",
    "/account": "Language of the pages",
}
# the menu and the header, on every page
EVERY_PAGE = ["Map", "Incidents", "Queue", "Reports", "Complaints", "Sign out", "Change language"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\(")


def _english_strings() -> list[str]:
    """The catalogue's English strings a page could show by mistake: those of two words or more
    whose translations differ and that the test's data does not say itself (one-word strings
    occur in the data, which stays English)."""
    data = " ".join(str(v) for item in [*DECEMBER_2020, *CANDIDATES] for v in item.values())
    with i18n.po_file("ru").open("rb") as f:
        catalogue = read_po(f, locale="ru")
    return [
        m.id
        for m in catalogue
        if isinstance(m.id, str)
        and " " in m.id.strip()
        and len(m.id) >= 10
        and not PLACEHOLDER.search(m.id)
        and m.string != m.id
        and m.id not in data
    ]


def _sign_in(page: Any, name: str) -> None:
    page.goto("/signin")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.locator("form.signin button[type=submit]").click()
    page.wait_for_selector('[data-testid="who"]')


def _check(page: Any, language: str, path: str, wanted: str, english: list[str]) -> list[str]:
    problems: list[str] = []
    if page.locator("html").get_attribute("lang") != language:
        problems.append(f"{language} {path}: <html lang> is not {language}")
    text = page.locator("body").text_content() or ""
    with i18n.use_language(language):
        for msgid in [wanted, *EVERY_PAGE]:
            if i18n._(msgid) not in text:
                problems.append(f"{language} {path}: {i18n._(msgid)!r} ({msgid!r}) is missing")
        if i18n._("Ceasefire") not in page.title():
            problems.append(f"{language} {path}: the title is {page.title()!r}")
    problems += [f"{language} {path}: English {s!r} on the page" for s in english if s in text]
    return problems


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_russian_monitor_and_a_turkish_co_head_each_in_their_language(
    open_page: Any, live_server: LiveServer
) -> None:
    engine = store.make_engine(live_server.db_url)
    try:
        with store.transaction(engine) as session:
            accounts_service.set_language(session, name="cohead-tur", language="tr", actor="test")
    finally:
        engine.dispose()
    english = _english_strings()
    russian = open_page(locale="ru-RU")  # no account language: the browser's decides
    turkish = open_page(locale="en-US")  # an English browser: the account's language decides

    # before signing in: the Russian browser gets Russian, the English one English
    russian.goto("/signin")
    assert russian.locator("form.signin button[type=submit]").inner_text() == "Войти"
    turkish.goto("/signin")
    assert turkish.locator("form.signin button[type=submit]").inner_text() == "Sign in"
    _sign_in(russian, "monitor-rus")
    _sign_in(turkish, "cohead-tur")
    assert "наблюдатель" in russian.get_by_test_id("who").inner_text()
    assert "eş başkan" in turkish.get_by_test_id("who").inner_text()

    incident = live_server.incidents["ceasefire-violation"]
    problems: list[str] = []
    for path, wanted in TOUR.items():
        url = path.format(incident=incident)
        for page, language in ((russian, "ru"), (turkish, "tr")):  # interleaved, page by page
            response = page.goto(url)
            assert response is not None and response.status == 200, f"{language} {url}"
            page.wait_for_load_state("networkidle")
            problems += _check(page, language, url, wanted, english)
    assert problems == [], "\n".join(problems)

    # the map's script writes its count in the reader's words (a Russian plural form, too)
    for page, word in ((russian, "инцидент"), (turkish, "olay")):
        page.goto("/map")
        page.wait_for_selector("#map-count[data-total]")
        assert word in page.locator("#map-count").inner_text()

    # the Turkish co-head switches to Russian in the header; the Russian monitor is untouched
    turkish.goto("/incidents")
    turkish.select_option("#language-choice", "ru")
    turkish.locator("#language-switcher button").click()
    turkish.wait_for_url("**/incidents")
    assert turkish.locator("html").get_attribute("lang") == "ru"
    assert "сопредседатель" in turkish.get_by_test_id("who").inner_text()
    russian.goto("/incidents")
    assert russian.locator("h1").inner_text() == "Инциденты"
