"""Documentation that cannot drift: the CLI reference, the settings and the routes are documented."""

from __future__ import annotations

from pathlib import Path

from fastapi.routing import APIRoute

from ceasefire.api.app import create_app
from ceasefire.cli.docgen import render
from ceasefire.settings import Settings

DOCS = Path(__file__).parent.parent / "docs"


def test_cli_reference_is_generated_from_the_cli() -> None:
    assert (DOCS / "cli.md").read_text() == render(), "run `make docs` to regenerate docs/cli.md"


def test_every_setting_is_documented() -> None:
    operations = (DOCS / "operations.md").read_text()
    for name, field in Settings.model_fields.items():
        assert f"CEASEFIRE_{name.upper()}" in operations, (
            f"setting {name} missing from docs/operations.md"
        )
        assert field.description, f"setting {name} has no description"


def test_every_api_route_is_documented() -> None:
    api = (DOCS / "api.md").read_text()
    app = create_app(Settings(database_url="sqlite://"))
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path.startswith("/api/"):
            for method in route.methods:
                assert f"{method} {route.path}" in api, (
                    f"{method} {route.path} missing from docs/api.md"
                )
