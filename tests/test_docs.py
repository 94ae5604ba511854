"""Documentation that cannot drift: the CLI reference, the settings and the routes are documented."""

from __future__ import annotations

from pathlib import Path

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
