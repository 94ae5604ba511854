"""`ceasefire serve`: when it refuses to start, and what it tells uvicorn."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.cli.core import uvicorn_options
from ceasefire.settings import Settings, serving_problem

LONG = "k" * 32


@pytest.mark.parametrize(
    ("secret", "development", "workers", "refused"),
    [
        ("", True, 1, False),  # a developer's own machine: a random key is fine
        ("", False, 1, True),  # production without a secret: every restart ends every session
        ("", True, 2, True),  # several processes: each would refuse the others' cookies
        ("short", True, 1, True),  # a secret given must be long enough
        ("short", False, 1, True),
        (LONG, False, 1, False),
        (LONG, False, 4, False),
        (LONG, True, 2, False),
    ],
)
def test_serving_needs_a_secret_outside_development_or_with_several_workers(
    secret: str, development: bool, workers: int, refused: bool
) -> None:
    settings = Settings(secret_key=secret, development=development)
    assert (serving_problem(settings, workers=workers) is not None) is refused


def test_serve_refuses_several_workers_without_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CEASEFIRE_SECRET_KEY", raising=False)
    monkeypatch.setenv("CEASEFIRE_DEVELOPMENT", "1")
    result = CliRunner().invoke(app, ["serve", "--workers", "2", "--db", "sqlite://"])
    assert result.exit_code == 1
    assert "CEASEFIRE_SECRET_KEY" in result.output


def test_uvicorn_never_believes_proxy_headers_itself() -> None:
    options = uvicorn_options(Settings(), host="127.0.0.1", port=8000, workers=2)
    assert options["proxy_headers"] is False
    assert options["workers"] == 2
