"""The API contract is what the API does (issue 17, finding 10): schemathesis generates requests
from the OpenAPI document for every operation, as each role and as the public, and every answer
must be no server error, with a status code, content type, headers and body the document names.

Bounded for `make test` (a few examples per operation and role); `make fuzz` sets
CEASEFIRE_FUZZ_EXAMPLES higher and adds every role on both stores."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text

from ceasefire.app import create_app
from ceasefire.settings import Settings
from tests.conftest import _pg_url, _postgres_admin
from tests.world import World, incident_body, make_world

EXAMPLES = int(os.environ.get("CEASEFIRE_FUZZ_EXAMPLES", "3"))
EVERYTHING = os.environ.get("CEASEFIRE_FUZZ_ALL", "") == "1"
ROLES = ["admin", "cohead-tur", "monitor-tur", "liaison-arm", None]
#: (store, role) pairs fuzzed: in `make test` every role on SQLite and two on PostgreSQL
TARGETS = [("sqlite", role) for role in ROLES] + [
    ("postgresql", role) for role in (ROLES if EVERYTHING else ["monitor-tur", "liaison-arm"])
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass
class Target:
    world: World
    role: str | None

    @property
    def headers(self) -> dict[str, str]:
        if self.role is None:
            return {}
        return {"Authorization": f"Bearer {self.world.tokens[self.role]}"}


def _seed(world: World) -> None:
    """A few objects for the generated ids to find: incidents, an assessment, a complaint."""
    tur = world.client("monitor-tur")
    for i in range(3):
        created = tur.post("/api/v1/incidents", json=incident_body(summary=f"Shots {i}."))
        assert created.status_code == 201, created.text
    arm = world.client("liaison-arm")
    body = {"agreement": "nagorno-karabakh-2020", "summary": "Shelling reported.",
            "occurred": "2020-12-11", "area": "hadrut"}  # fmt: skip
    arm.post("/api/v1/complaints", json=body)


@pytest.fixture(scope="module")
def _store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """One migrated store of each kind for the whole module (fuzzing only adds rows)."""
    urls: dict[str, str] = {}
    template: Path = request.getfixturevalue("_sqlite_template")
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copyfile(template, path)
    urls["sqlite"] = f"sqlite:///{path}"
    admin = _postgres_admin()
    name = f"cf_fuzz_{uuid.uuid4().hex[:10]}"
    if admin is not None:
        pg_template: str = request.getfixturevalue("_pg_template")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
        urls["postgresql"] = _pg_url(name)
    yield urls
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


_worlds: dict[str, World] = {}


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(
            t,
            id=f"{t[0]}-{t[1] or 'public'}",
            marks=[pytest.mark.postgres] * (t[0] == "postgresql"),
        )
        for t in TARGETS
    ],
)
def target(request: pytest.FixtureRequest, _store: dict[str, str]) -> Target:
    store, role = request.param
    if store not in _store:
        pytest.skip("PostgreSQL not reachable")
    if store not in _worlds:
        _worlds[store] = make_world(_store[store])
        _seed(_worlds[store])
    return Target(_worlds[store], role)


@pytest.fixture(scope="module")
def api_schema(target: Target) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", target.world.app)


def _operation_labels() -> list[str]:
    """Every operation of the document ("GET /api/v1/incidents"), read from an app that is
    never served (creating it connects to nothing)."""
    app = create_app(Settings(database_url="sqlite://"))
    document = schemathesis.openapi.from_dict(app.openapi())
    return [result.ok().label for result in document.get_all_operations()]


@pytest.mark.slow
@pytest.mark.parametrize("label", _operation_labels())
def test_every_answer_is_documented(
    label: str, target: Target, api_schema: schemathesis.BaseSchema
) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not EVERYTHING,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def answer_is_documented(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=target.headers, checks=CHECKS)

    answer_is_documented()
