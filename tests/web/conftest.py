"""Page-test harness: a real server on a free loopback port over a fresh database, and Chromium.

Every page fixture fails the test on a console error, an uncaught page error, or any request to a
host other than the server's own. Without /usr/bin/chromium the browser tests are skipped and the
summary says so plainly, except under CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi.testclient import TestClient
from playwright.sync_api import sync_playwright

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.demo.screenshots import CHROMIUM_ARGS
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.schemas import IncidentCreate
from ceasefire.settings import Settings

CHROMIUM = Path(os.environ.get("CEASEFIRE_TEST_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_browser: list[str] = []
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


PASSWORD = "web test password 2020"
#: name -> (role, party)
USERS: dict[str, tuple[str, str | None]] = {
    "admin": ("admin", "TUR"),
    "monitor-tur": ("monitor", "TUR"),
    "monitor-rus": ("monitor", "RUS"),
    "cohead-tur": ("co-head", "TUR"),
    "cohead-rus": ("co-head", "RUS"),
    "liaison-arm": ("liaison", "ARM"),
    "liaison-aze": ("liaison", "AZE"),
}

# Incidents of December 2020 for the walk-throughs, in this project's words (sources: FACTS.md).
DECEMBER_2020: list[dict[str, Any]] = [
    {
        "type": "ceasefire-violation",
        "summary": "The Russian defence ministry's bulletin reported the first ceasefire "
        "violation since the statement, in the Hadrut district.",
        "occurred": "2020-12-11",
        "agreement": scenarios.DEFAULT,
        "area": "hadrut",
        "place_name": "Hadrut",
        "admin2": "Khojavend",
        "actors": [{"name": "Armed forces of Azerbaijan", "party": "AZE"}],
        "obligations": [{"obligation": "complete-ceasefire", "effect": "breaches"}],
        "sources": [
            "https://hyetert.org/2020/12/12/first-ceasefire-violation-recorded-in-nagorno-karabakh-russias-defense-ministry/"
        ],
        "report": "Bulletin of 12 December 2020: a violation of the ceasefire was recorded on "
        "11 December in the Hadrut district.",
    },
    {
        "type": "armed-clash",
        "summary": "Armenia's defence ministry reported an Azerbaijani advance towards the "
        "villages of Hin Taghe and Khtsaberd; six wounded were reported.",
        "occurred": "2020-12-11",
        "agreement": scenarios.DEFAULT,
        "place_name": "Hin Taghe",
        "latitude": 39.55,
        "longitude": 46.98,
        "location_precision": "near",
        "actors": [
            {"name": "Armed forces of Azerbaijan", "party": "AZE"},
            {"name": "Armed forces of Armenia", "party": "ARM"},
        ],
        "obligations": [{"obligation": "hold-positions", "effect": "breaches"}],
        "sources": [
            "https://armenianclub.com/2020/12/15/russia-says-it-follows-developments-in-nagorno-karabakh-after-azeri-ceasefire-breach/amp"
        ],
        "report": "Armenian defence ministry, 11 December 2020: Azerbaijani units advanced "
        "towards Hin Taghe and Khtsaberd.",
    },
    {
        "type": "exchange-of-detainees",
        "summary": "An exchange of prisoners began, mediated by the peacekeeping command.",
        "occurred": "2020-12-14",
        "agreement": scenarios.DEFAULT,
        "area": "peacekeepers-hq",
        "place_name": "Stepanakert (Khankendi)",
        "obligations": [{"obligation": "exchange-detainees", "effect": "complies"}],
        "report": "14 December 2020: the exchange of prisoners began.",
    },
]


# What the news channel would propose into the queue: one the same as the Hadrut incident, one not
# an incident at all.
CANDIDATES: list[dict[str, Any]] = [
    {
        "key": "news-hadrut",
        "type": "ceasefire-violation",
        "summary": "News article: shooting reported near Hadrut on 11 December.",
        "occurred": "2020-12-11",
        "agreement": scenarios.DEFAULT,
        "area": "hadrut",
        "place_name": "Hadrut",
        "origin": "news",
        "report": "Article text as received: shooting near Hadrut, 11 December 2020.",
    },
    {
        "key": "news-meeting",
        "type": "diplomatic-meeting",
        "summary": "News article about a cultural festival, proposed by mistake.",
        "occurred": "2020-12-13",
        "agreement": scenarios.DEFAULT,
        "place_name": "Baku",
        "latitude": 40.38,
        "longitude": 49.89,
        "origin": "news",
        "report": "A festival opened in Baku.",
    },
]


def populate(db_url: str) -> dict[str, int]:
    """The demo people and the December 2020 incidents (each backed by a report); their ids."""
    engine = store.make_engine(db_url)
    ids: dict[str, int] = {}
    try:
        with store.transaction(engine) as session:
            for name, (role, party) in USERS.items():
                accounts_service.create_user(
                    session, name=name, role=role, party=party, password=PASSWORD, actor="test"
                )
            for item in DECEMBER_2020:
                fields = {k: v for k, v in item.items() if k != "report"}
                report = incidents_service.store_report(
                    session,
                    channel="bulletin",
                    content=item["report"].encode(),
                    actor="monitor-tur",
                    source=(item.get("sources") or [""])[0],
                    title=item["place_name"],
                )
                incident = incidents_service.create_incident(
                    session, data=IncidentCreate(**fields), actor="monitor-tur", report=report
                )
                ids[item["type"]] = incident.id
            for item in CANDIDATES:
                fields = {k: v for k, v in item.items() if k not in {"report", "key"}}
                report = incidents_service.store_report(
                    session, channel="news", content=item["report"].encode(), actor="news"
                )
                candidate = incidents_service.propose_incident(
                    session, data=IncidentCreate(**fields), report=report, actor="news"
                )
                ids[item["key"]] = candidate.id
    finally:
        engine.dispose()
    return ids


def load_scenario(db_url: str) -> None:
    engine = store.make_engine(db_url)
    try:
        document = parse_agreement(
            scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
        )
        with store.transaction(engine) as session:
            agreements_service.store_document(
                session, document=document, source_name=scenarios.DEFAULT, actor="test"
            )
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class LiveServer:
    url: str
    db_url: str
    settings: Settings
    incidents: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def live_server(db_url: str) -> Iterator[LiveServer]:
    """uvicorn in a thread, serving the whole application over `db_url` with the scenario loaded."""
    load_scenario(db_url)
    ids = populate(db_url)
    port = _free_port()
    settings = Settings(database_url=db_url, development=True, secret_key="test-secret-" + "x" * 32)
    app = create_app(settings)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", db_url, settings, ids)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}"
        if IN_CI:
            pytest.fail(f"{reason}; CI never skips the browser tests")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did that a test must not allow."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    # responses of 400 and over the page's own loads got (a missing favicon, script or image)
    failed_requests: list[str] = field(default_factory=list)
    # console messages a test provokes on purpose (e.g. the 404 of a page a liaison may not see)
    expected: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        errors = [m for m in self.console_errors if not any(e in m for e in self.expected)]
        failed = [m for m in self.failed_requests if not any(e in m for e in self.expected)]
        return (
            [f"console error: {m}" for m in errors]
            + [f"failed request: {m}" for m in failed]
            + [f"request to another host: {u}" for u in self.foreign_requests]
        )


@pytest.fixture
def open_page(request: pytest.FixtureRequest, live_server: LiveServer) -> Iterator[Any]:
    """`open_page(viewport=DESKTOP, locale="ru-RU")` -> a fresh browser context's page (its
    Accept-Language from `locale`, when given), watched for errors."""
    try:
        browser = request.getfixturevalue("browser")
    except pytest.skip.Exception:
        _skipped_browser.append(request.node.nodeid)
        raise
    contexts: list[Any] = []
    watches: list[Watch] = []
    own = urlsplit(live_server.url)

    def make(viewport: dict[str, int] | None = None, locale: str | None = None) -> Any:
        options: dict[str, Any] = {"locale": locale} if locale else {}
        context = browser.new_context(
            viewport=viewport or DESKTOP, base_url=live_server.url, **options
        )
        contexts.append(context)
        watch = Watch(live_server.url)
        watches.append(watch)

        def on_request(req: Any) -> None:
            parts = urlsplit(req.url)
            if parts.scheme in {"data", "blob", "about"}:
                return
            if (parts.hostname, parts.port) != (own.hostname, own.port):
                watch.foreign_requests.append(req.url)

        def on_route(route: Any) -> None:
            # never let a request leave the machine, even when a test is about to fail for it
            parts = urlsplit(route.request.url)
            if (parts.hostname, parts.port) == (own.hostname, own.port):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", on_route)
        page = context.new_page()
        page.on("request", on_request)
        page.on(
            "response",
            lambda r: (
                r.status >= 400
                and watch.failed_requests.append(
                    f"the server responded with a status of {r.status}: {r.url}"
                )
            ),
        )
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
        page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
        page.set_default_timeout(15000)
        page.watch = watch  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()
    problems = [p for w in watches for p in w.problems()]
    if problems:
        pytest.fail("the page misbehaved:\n" + "\n".join(problems))


def sign_in(page: Any, name: str, password: str = PASSWORD) -> None:
    """Sign in through the page, as a person would."""
    page.goto("/signin")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-testid="who"]')


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_browser:
        terminalreporter.write_line(
            f"NOTE: skipped {len(_skipped_browser)} browser tests: Chromium not found at "
            f"{CHROMIUM}. Install it (apt-get install chromium) to run them.",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """The pages in process over the default scenario and `populate`'s people and incidents."""
    load_scenario(db_url)
    populate(db_url)
    app = create_app(Settings(database_url=db_url, development=True, secret_key="k" * 40))
    with TestClient(app) as c:
        yield c
