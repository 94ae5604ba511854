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

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.api.app import create_app
from ceasefire.settings import Settings

CHROMIUM = Path(os.environ.get("CEASEFIRE_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_skipped_browser: list[str] = []
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


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


@pytest.fixture
def live_server(db_url: str) -> Iterator[LiveServer]:
    """uvicorn in a thread, serving the whole application over `db_url` with the scenario loaded."""
    load_scenario(db_url)
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
    yield LiveServer(f"http://127.0.0.1:{port}", db_url, settings)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}"
        if IN_CI:
            pytest.fail(f"{reason}; CI never skips the browser tests")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

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

    def problems(self) -> list[str]:
        return [f"console error: {m}" for m in self.console_errors] + [
            f"request to another host: {u}" for u in self.foreign_requests
        ]


@pytest.fixture
def open_page(request: pytest.FixtureRequest, live_server: LiveServer) -> Iterator[Any]:
    """`open_page(viewport=DESKTOP)` -> a fresh browser context's page, watched for errors."""
    try:
        browser = request.getfixturevalue("browser")
    except pytest.skip.Exception:
        _skipped_browser.append(request.node.nodeid)
        raise
    contexts: list[Any] = []
    watches: list[Watch] = []
    own = urlsplit(live_server.url)

    def make(viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, base_url=live_server.url)
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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _skipped_browser:
        terminalreporter.write_line(
            f"NOTE: skipped {len(_skipped_browser)} browser tests: Chromium not found at "
            f"{CHROMIUM}. Install it (apt-get install chromium) to run them.",
            yellow=True,
            bold=True,
        )
