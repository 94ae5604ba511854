"""Screenshots of the pages for the docs: `python -m ceasefire.demo.screenshots [OUT_DIR]`.

Builds a throw-away SQLite store with the default scenario and the demo data, serves it on a free
loopback port, and has Debian's Chromium photograph the map, an incident, the queue and the
compliance timeline at 1280x800 (PNG files in docs/screenshots/ by default).
"""

from __future__ import annotations

import secrets
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from ceasefire import db as store
from ceasefire import demo, scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident
from ceasefire.incidents.schemas import IncidentCreate
from ceasefire.settings import Settings
from ceasefire.verification import service as verification_service
from ceasefire.verification.rules import Verdict
from ceasefire.verification.schemas import AssessmentCreate

CHROMIUM = "/usr/bin/chromium"
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


def _prepare(db_url: str, password: str) -> int:
    """The scenario, the demo data, one candidate from the news, one assessment; the Hadrut id."""
    engine = store.make_engine(db_url)
    store.upgrade(engine)
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    with store.transaction(engine) as session:
        agreements_service.store_document(
            session, document=document, source_name=scenarios.DEFAULT, actor="screenshots"
        )
        demo.add_demo(session, password=password)
        report = incidents_service.store_report(
            session,
            channel="news",
            content=b"Shooting was reported near Hadrut on the evening of 11 December 2020.",
            actor="news",
            title="Shooting reported near Hadrut",
        )
        incidents_service.propose_incident(
            session,
            data=IncidentCreate(
                type="ceasefire-violation",
                summary="News item: shooting reported near Hadrut on 11 December.",
                occurred="2020-12-11",
                agreement=scenarios.DEFAULT,
                area="hadrut",
                place_name="Hadrut",
                origin="news",
            ),
            report=report,
            actor="news",
        )
        hadrut = session.scalars(
            select(Incident.id).where(Incident.external_id == "demo-2020-12-11-hadrut")
        ).one()
        monitor = accounts_service.get_user(session, name="monitor-tur")
        verification_service.record_assessment(
            session,
            incident_id=hadrut,
            data=AssessmentCreate(
                verdict=Verdict.CONFIRMED,
                attribution="AZE",
                rationale="The peacekeepers' bulletin and our own observation agree.",
            ),
            actor=monitor,
        )
    engine.dispose()
    return int(hadrut)


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db_url = f"sqlite:///{folder}/screenshots.db"
        # a throw-away store: its one password is made here and forgotten with it
        password = secrets.token_urlsafe(16)
        hadrut = _prepare(db_url, password)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app = create_app(Settings(database_url=db_url, development=True, secret_key="s" * 40))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800}, base_url=base)
                page.goto("/signin")
                page.get_by_label("Name").fill("monitor-tur")
                page.get_by_label("Password").fill(password)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_selector('[data-testid="who"]')
                page.goto("/map?start=2020-12-01&end=2020-12-31")
                page.wait_for_selector('#map[data-ready="true"]')
                page.wait_for_selector("[data-incident], [data-count]")
                page.wait_for_timeout(800)
                page.screenshot(path=str(out / "map.png"))
                page.goto(f"/incidents/{hadrut}")
                page.screenshot(path=str(out / "incident.png"))
                page.goto("/queue")
                page.screenshot(path=str(out / "queue.png"))
                page.goto("/agreements/nagorno-karabakh-2020?as_of=2020-11-21")
                page.locator('tr[data-obligation="return-kalbajar"]').scroll_into_view_if_needed()
                page.screenshot(path=str(out / "timeline.png"))
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    for name in ("map", "incident", "queue", "timeline"):
        print(out / f"{name}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
