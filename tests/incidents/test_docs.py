"""The docs keep up with the code: every incident type and every API route is documented."""

from __future__ import annotations

import re
from pathlib import Path

from ceasefire.app import create_app
from ceasefire.settings import Settings
from ceasefire.taxonomy.incident_types import ACLED_TYPES, TAXONOMY

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_incident_type_is_in_the_taxonomy_page() -> None:
    text = (DOCS / "taxonomy.md").read_text(encoding="utf-8")
    missing = [key for key in TAXONOMY if f"`{key}`" not in text]
    assert not missing


def test_there_are_25_acled_sub_event_types() -> None:
    assert len(ACLED_TYPES) == 25


def test_every_route_of_ours_is_in_the_api_page(tmp_path: Path) -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    missing = []
    for route in app.routes:
        path = getattr(route, "path", "")
        if (
            not path.startswith("/api/v1/")
            or path.startswith("/api/v1/docs")
            or path.endswith("openapi.json")
        ):
            continue
        written = re.sub(r"\{[a-z_]+\}", "{x}", path.removeprefix("/api/v1"))
        documented = {
            re.sub(r"\{[a-z_]+\}", "{x}", p) for p in re.findall(r"`(?:[A-Z]+ )?(/[^` ?]*)", text)
        }
        if written not in documented:
            missing.append(path)
    assert not missing
