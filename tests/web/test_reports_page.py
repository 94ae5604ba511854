"""The reports page over HTTP: downloads of one report in three renderings, signature status."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ceasefire.reports import signing
from tests.web.conftest import PASSWORD
from tests.web.signin import sign_in

KNOWN_AT = "2020-12-12T17:00:00Z"


def _sign_in(client: TestClient, name: str) -> str:
    return sign_in(client, name, PASSWORD)


def test_download_sign_offline_and_check_the_signatures(client: TestClient, tmp_path: Path) -> None:
    csrf = _sign_in(client, "cohead-tur")
    page = client.get("/reports?date=2020-12-11").text
    assert 'href="/reports/daily/2020-12-11.json?known_at=' in page
    response = client.get(f"/reports/daily/2020-12-11.json?known_at={KNOWN_AT}")
    assert response.status_code == 200
    assert client.get(f"/reports/daily/2020-12-11.json?known_at={KNOWN_AT}").content == (
        response.content
    )  # the same moment gives the same bytes
    assert b'"date":"2020-12-11"' in response.content
    html = client.get(f"/reports/daily/2020-12-11.html?known_at={KNOWN_AT}")
    assert html.headers["content-type"].startswith("text/html")

    report = tmp_path / "report.json"
    report.write_bytes(response.content)
    keys = {}
    for party in ("TUR", "RUS"):
        private, public = signing.generate_keys(party=party, out=tmp_path / party)
        signing.sign_file(report, private_key=signing.load_private_key(private), party=party)
        keys[party] = public
    envelope = signing.signatures_path(report)

    def check(content: bytes) -> str:
        files = [
            ("report", ("report.json", content, "application/json")),
            ("signatures", ("report.json.signatures", envelope.read_bytes(), "application/json")),
            *[
                ("keys", (f"{p}.pem", keys[p].read_bytes(), "application/x-pem-file"))
                for p in ("TUR", "RUS")
            ],
        ]
        result = client.post("/reports/check", data={"csrf_token": csrf}, files=files)
        assert result.status_code == 200, result.text
        return result.text

    good = check(report.read_bytes())
    assert "every signature holds" in good
    assert good.count('data-valid="yes"') == 2
    tampered = check(report.read_bytes().replace(b"2020-12-11", b"2020-12-10", 1))
    assert "not every signature holds" in tampered
    assert tampered.count('data-valid="no"') == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_pdf_is_a_pdf_and_liaisons_get_no_reports(client: TestClient) -> None:
    _sign_in(client, "monitor-rus")
    pdf = client.get(f"/reports/daily/2020-12-11.pdf?known_at={KNOWN_AT}")
    assert pdf.content.startswith(b"%PDF")
    client.cookies.clear()
    _sign_in(client, "liaison-arm")
    assert client.get("/reports").status_code == 404
    assert client.get(f"/reports/daily/2020-12-11.json?known_at={KNOWN_AT}").status_code == 404
