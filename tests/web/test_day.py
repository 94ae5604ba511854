"""The monitors' whole day in Chromium, one browser context per role: a TUR monitor files a field
report with a photo; a RUS monitor corrects its place; both assess, differently; the co-heads
decide; an ARM liaison files a complaint, sees its page and cannot see AZE's; a monitor answers
it with the finding; the daily report lists it; it is built and kept, and TUR's and RUS's
signatures, made offline with the CLI, are uploaded and shown as verified. With CEASEFIRE_DAY_SHOTS=DIR each page is
photographed into DIR (docs/screenshots/ for the docs)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ceasefire.audit.chain import sha256_hex
from ceasefire.cli import app
from tests.web.conftest import LiveServer, sign_in
from tests.web.test_intake import PHOTO

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("CEASEFIRE_DAY_SHOTS", "")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"day-{name}.png"), full_page=False)


def _assess(page: Any, verdict: str, attribution: str, rationale: str) -> None:
    form = page.locator("#assessment-form")
    form.get_by_label(verdict, exact=True).check()
    form.get_by_label("Responsible party (ISO3, if any)").fill(attribution)
    form.get_by_label("Rationale").fill(rationale)
    form.get_by_role("button", name="Record assessment").click()
    page.wait_for_selector("#message")


def _decide(page: Any, verdict: str, rationale: str) -> None:
    form = page.locator("#decision-form")
    form.get_by_label(verdict, exact=True).check()
    form.get_by_label("Rationale").fill(rationale)
    form.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("#message")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_whole_day(open_page: Any, live_server: LiveServer, tmp_path: Path) -> None:
    # 1. the Turkish monitor files a field report with a photo, placed by a click on the map
    tur = open_page()
    sign_in(tur, "monitor-tur")
    tur.goto("/incidents")
    tur.get_by_role("link", name="File a field report").click()
    tur.wait_for_selector('#pick-map[data-ready="true"]')
    tur.get_by_label("Type").select_option("ceasefire-violation")
    tur.get_by_label("What happened").fill("Small-arms fire from the ridge above the village.")
    tur.get_by_label("Began (date, month, or date and time)").fill("2020-12-11T06:10")
    tur.get_by_label("Ended (optional)").fill("2020-12-11T06:40")
    tur.get_by_label("Place name (towns of the region are suggested)").fill("Hadrut")
    tur.locator("#pick-map").click()  # the middle of the agreement's areas
    assert tur.get_by_label("Latitude").input_value() != ""
    tur.get_by_label("Actors, one a line: name, party (ISO3), role").fill(
        "Armed forces, AZE, attacker"
    )
    tur.get_by_label(
        "Photos and files (kept as received, with their SHA-256; size-limited)"
    ).set_input_files({"name": "ridge.png", "mimeType": "image/png", "buffer": PHOTO})
    _shot(tur, "1-field-report")
    tur.get_by_role("button", name="File the report").click()
    tur.wait_for_selector("#message")
    incident = int(tur.url.split("/incidents/")[1].split("?")[0])
    assert "ridge.png" in tur.locator("main").inner_text()
    _shot(tur, "2-incident-filed")

    # 2. the Russian monitor corrects its place: the version before is kept and shown
    rus = open_page()
    sign_in(rus, "monitor-rus")
    rus.goto(f"/incidents/{incident}")
    rus.get_by_text("Correct this incident").click()
    form = rus.locator("#correct-form")
    form.get_by_label("Place name").fill("Tugh")
    form.get_by_label("Latitude").fill("39.5478")
    form.get_by_label("Longitude").fill("47.0160")
    form.get_by_label("Why (kept with the correction)").fill("Our post places it at Tugh.")
    form.get_by_role("button", name="Record the correction").click()
    rus.wait_for_selector("#message")
    versions = rus.locator("#versions").inner_text()
    assert "Changed by monitor-rus at" in versions and "“Hadrut”, now “Tugh”" in versions
    _shot(rus, "3-corrected")

    # 3. both assess, differently: disputed, with who said what
    tur.goto(f"/incidents/{incident}")
    _assess(tur, "confirmed", "AZE", "Heard and seen by our patrol.")
    rus.goto(f"/incidents/{incident}")
    _assess(rus, "inconclusive", "", "Our post could not see the ridge.")
    assert rus.locator("[data-finding]").get_attribute("data-finding") == "disputed"
    assert "TUR said confirmed (AZE responsible)" in rus.locator("#finding-words").inner_text()

    # 4. the co-heads decide: confirmed, and the finding says who
    for name in ("cohead-rus", "cohead-tur"):
        head = open_page()
        sign_in(head, name)
        head.goto(f"/incidents/{incident}")
        _decide(head, "confirmed", "The patrol's report and the photo agree.")
    head.goto(f"/incidents/{incident}")
    assert head.locator("[data-finding]").get_attribute("data-finding") == "confirmed"
    words = head.locator("#finding-words").inner_text()
    assert words == "AZE responsible, confirmed by RUS and TUR"  # no obligation linked yet
    _shot(head, "4-decided")

    # 5. the Armenian liaison files a complaint and sees its page; the Azerbaijani one cannot
    arm = open_page()
    sign_in(arm, "liaison-arm")
    arm.goto("/complaints")
    arm.get_by_label("When it happened (date or date and time)").fill("2020-12-11")
    arm.get_by_label("Where").fill("Tugh")
    arm.get_by_label("What happened").fill("Fire on the village at dawn.")
    arm.get_by_role("button", name="File complaint").click()
    arm.wait_for_selector("#message")
    complaint_path = arm.url.split("?")[0].removeprefix(live_server.url)
    assert arm.locator('[data-move="withdrawn"]').count() == 1
    _shot(arm, "5-complaint")
    aze = open_page()
    sign_in(aze, "liaison-aze")
    aze.watch.expected.append("the server responded with a status of 404")
    response = aze.goto(complaint_path)
    assert response is not None and response.status == 404

    # 6. a monitor reviews it and answers it with the finding
    tur.goto(complaint_path)
    tur.get_by_role("button", name="Start the review").click()
    tur.wait_for_selector('[data-move="answered"]')
    tur.get_by_label("Incident whose published finding answers it").fill(str(incident))
    tur.get_by_label("Answer to the party").fill("Confirmed by the monitoring parties.")
    tur.get_by_role("button", name="Answer with the finding").click()
    tur.wait_for_selector('[data-status="answered"]')
    arm.goto(complaint_path)
    assert arm.locator("[data-finding]").get_attribute("data-finding") == "confirmed"
    _shot(arm, "6-answered")

    # 7. the daily report of the day it was answered lists it
    complaint = int(complaint_path.rsplit("/", 1)[1])
    today = dt.datetime.now(dt.UTC).date()
    listed = {}
    for day in (today, today + dt.timedelta(days=1)):  # the period holding now, by the cut-off
        body = json.loads(tur.request.get(f"/reports/daily/{day.isoformat()}.json").body())
        listed.update({(c["id"], c["status"]): day for c in body["complaints"]["items"]})
    assert (complaint, "answered") in listed
    report_day = listed[(complaint, "answered")].isoformat()
    tur.goto("/reports")
    _shot(tur, "7-reports")

    # 8. the report is built and kept; TUR and RUS sign its bytes offline with the CLI and
    # upload their signatures, which the page verifies against the keys an admin registered
    tur.get_by_label("Build and keep the report of").fill(report_day)
    tur.get_by_role("button", name="Build the report").click()
    tur.wait_for_selector("#message")
    row = tur.locator(f'#days tr[data-day="{report_day}"]')
    stored = row.get_attribute("data-report")
    signed = tur.request.get(f"/reports/stored/{stored}.json").body()
    assert tur.request.get(f"/reports/stored/{stored}.html").text().count(sha256_hex(signed)) >= 1
    runner = CliRunner()
    for party, page in (("TUR", tur), ("RUS", rus)):
        folder = tmp_path / party
        ran = runner.invoke(app, ["keys", "generate", "--party", party, "--out", str(folder)])
        assert ran.exit_code == 0, ran.output
        ran = runner.invoke(
            app, ["keys", "register", str(folder / f"{party}.pub"), "--db", live_server.db_url]
        )
        assert ran.exit_code == 0, ran.output
        file = folder / "report.json"
        file.write_bytes(signed)
        ran = runner.invoke(
            app, ["report", "sign", str(file), "--key", str(folder / f"{party}.key")]
        )
        assert ran.exit_code == 0, ran.output
        page.goto("/reports")
        page.get_by_label(f"{party}'s signatures file (.sig.json)").set_input_files(
            str(folder / "report.json.sig.json")
        )
        page.get_by_role("button", name="Upload signature").click()
        page.wait_for_selector("#message")
    shown = rus.locator(f'#days tr[data-report="{stored}"] [data-party]')
    states = {
        li.get_attribute("data-party"): li.get_attribute("data-signature") for li in shown.all()
    }
    assert states == {"RUS": "verified", "TUR": "verified"}
    _shot(rus, "8-signed")
