"""Whatever a query says comes back escaped: every page, every filter and form parameter, for
the public, a liaison and monitoring staff (issue 17, finding 11: `/map?agreement=<payload>`).
And the map's script puts no text in as markup (Leaflet takes a string tooltip or popup as HTML).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.signin import sign_in
from tests.world import PASSWORD, make_world

PAYLOADS = [
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</script><script>alert(1)</script>",
    'javascript:alert(1)//"><svg onload=alert(1)>',
]
PAGES = [
    "/map", "/incidents", "/timeline", "/queue", "/reports", "/complaints", "/admin", "/signin",
    "/agreements", "/agreements/nagorno-karabakh-2020",
]  # fmt: skip
PARAMS = [
    "agreement", "start", "end", "type", "status", "finding", "origin", "party", "bbox", "as_of",
    "date", "next", "message", "filed", "zoom", "known_at",
]  # fmt: skip
MAP_SCRIPT = Path(__file__).parents[2] / "src/ceasefire/web/static/map.js"


def _unescaped(html: str, payload: str) -> bool:
    """The payload's markup reached the page as markup (a tag or an attribute broken out of)."""
    return payload in html or "<img src=x" in html or "<svg onload" in html


@pytest.mark.parametrize("who", [None, "liaison-arm", "monitor-tur"])
def test_every_page_escapes_what_the_query_says(db_url: str, who: str | None) -> None:
    world = make_world(db_url)
    with TestClient(world.app, base_url="https://testserver") as client:
        if who is not None:
            sign_in(client, who, PASSWORD)
        wrong = []
        for path in PAGES:
            for payload in PAYLOADS:
                answer = client.get(path, params=dict.fromkeys(PARAMS, payload))
                if answer.headers.get("content-type", "").startswith("text/html") and _unescaped(
                    answer.text, payload
                ):
                    wrong.append(f"{path} ({answer.status_code}): {payload}")
        for payload in PAYLOADS:  # the probe's own request, alone
            answer = client.get("/map", params={"agreement": payload})
            if _unescaped(answer.text, payload):
                wrong.append(f"/map?agreement= ({answer.status_code}): {payload}")
    assert not wrong, "\n".join(wrong)


def test_the_map_script_puts_no_text_in_as_markup() -> None:
    script = MAP_SCRIPT.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", script)
    for call in re.finditer(r"bind(?:Tooltip|Popup)\(([^)]*)\)", script):
        assert re.fullmatch(r"\w+", call.group(1).strip()), call.group(0)  # a DOM node
    assert not re.search(r"html:\s*[^\"'\s]", script)  # divIcon html only as a literal
