"""The command table of `ceasefire`: every registered command loads from its module, and a
command imports only its own module (the root's help imports none, so no command waits for the
web application or the NLP library it does not use)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from ceasefire.cli import COMMANDS, app, load


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_registered_command_loads(name: str) -> None:
    command = load(name)
    assert command.name == name
    assert command.help, f"{name} has no help"
    assert len(COMMANDS[name].summary) <= 70, "keep the summary on one line of --help"


def test_the_root_lists_the_table() -> None:
    root = typer.main.get_command(app)
    ctx = root.context_class(root, info_name="ceasefire")
    assert root.list_commands(ctx) == list(COMMANDS)  # type: ignore[attr-defined]
    assert root.get_command(ctx, "no-such-command") is None  # type: ignore[attr-defined]


def _modules_after(*args: str) -> set[str]:
    probe = (
        "import sys; from typer.testing import CliRunner; from ceasefire.cli import app; "
        f"result = CliRunner().invoke(app, {list(args)!r}); assert result.exit_code == 0, "
        "result.output; print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_the_help_imports_no_command() -> None:
    loaded = _modules_after("--help")
    assert not {m for m in loaded if m.startswith("ceasefire.cli.")}
    assert not {"spacy", "weasyprint", "fastapi", "uvicorn"} & loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = _modules_after("agreements", "schema")
    assert "ceasefire.cli.agreements" in loaded
    assert not {"ceasefire.cli.news", "ceasefire.cli.core", "ceasefire.cli.reports"} & loaded
    assert not {"spacy", "weasyprint", "uvicorn"} & loaded
