"""The jobs page and the inbox in Chromium: who started each job, its progress and error; the
unread count in the header, and acknowledging a message with a note."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ceasefire import db as store
from ceasefire.alerts import service as alerts_service
from ceasefire.audit.models import AuditEntry
from ceasefire.jobs import kinds
from ceasefire.jobs import service as jobs_service
from ceasefire.settings import Settings
from tests.web.conftest import PASSWORD, LiveServer

CLOCK = dt.datetime(2020, 11, 28, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
CFG = alerts_service.base_config(
    deadline_days=3,
    dispute_hours=24,
    complaint_days=7,
    watch_hours=24,
    group_wait=0,
    group_interval=300,
    repeat_interval=14400,
)


def sign_in(page: Any, name: str) -> None:
    page.goto("/signin")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def jobs_ran(server: LiveServer, tmp_path: Path) -> None:
    engine = store.make_engine(server.db_url)
    settings = Settings(database_url=server.db_url, data_dir=tmp_path, job_attempts=1)
    bad = tmp_path / "bad.csv"
    bad.write_text("type,summary,occurred\nnot-a-type,x,2020-12-11\n", encoding="utf-8")
    for by, kind, params in (
        ("monitor-tur", "export-incidents", {"path": str(tmp_path / "all.geojson")}),
        ("cohead-rus", "import-incidents", {"path": str(bad), "format": "csv"}),
    ):
        with store.transaction(engine) as session:
            job, _ = jobs_service.submit(
                session, kind=kind, params=params, started_by=by, max_attempts=1, now=store.utcnow()
            )
        kinds.run_job(engine, settings, job_id=job.id, worker="test:1")
    with store.transaction(engine) as session:
        alerts_service.evaluate(session, now=CLOCK, cfg=CFG)
    engine.dispose()


@pytest.mark.browser
def test_the_jobs_page_shows_who_started_each_job_and_its_error(
    open_page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    jobs_ran(live_server, tmp_path)
    page = open_page()
    sign_in(page, "monitor-tur")
    page.get_by_role("link", name="Jobs").click()
    rows = page.locator("#jobs tbody tr")
    assert rows.count() == 2
    failed = page.locator("tr[data-status=failed]")
    assert "cohead-rus" in failed.inner_text()
    assert "import-incidents" in failed.inner_text()
    assert "bad.csv:2:" in failed.locator("summary").inner_text()
    done = page.locator("tr[data-status=succeeded]")
    assert "monitor-tur" in done.inner_text() and "export-incidents" in done.inner_text()
    assert page.watch.problems() == []


@pytest.mark.browser
def test_the_inbox_counts_unread_and_acknowledges_with_a_note(
    open_page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    jobs_ran(live_server, tmp_path)
    page = open_page()
    sign_in(page, "monitor-tur")
    assert page.get_by_test_id("unread").inner_text() == "1"
    page.get_by_test_id("inbox-link").click()
    message = page.locator("#inbox li.message").first
    assert message.get_attribute("data-status") == "firing"
    assert "deadline-near" in message.inner_text()
    message.get_by_label("Note").fill("Called the liaison; handover planned for 1 December")
    message.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    assert "Called the liaison" in page.locator(".acknowledged").inner_text()
    assert page.get_by_test_id("unread").count() == 0
    assert page.watch.problems() == []
    # a liaison has no message about an obligation, and no jobs page
    other = open_page()
    sign_in(other, "liaison-arm")
    assert other.get_by_test_id("unread").count() == 0
    assert other.get_by_role("link", name="Jobs").count() == 0
    engine = store.make_engine(live_server.db_url)
    with store.transaction(engine) as session:
        notes = list(
            session.scalars(
                select(AuditEntry.payload).where(AuditEntry.action == "alert-acknowledged")
            )
        )
    engine.dispose()
    assert [json.loads(n)["note"] if isinstance(n, str) else n["note"] for n in notes] == [
        "Called the liaison; handover planned for 1 December"
    ]
