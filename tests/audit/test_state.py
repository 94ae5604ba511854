"""`audit verify --state`: the tables rebuilt from the record, and every row and field changed
behind its back named, on both stores."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.audit import state
from ceasefire.cli import app
from tests.world import incident_body, make_world

runner = CliRunner()


def _verify(db_url: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", "verify", "--state", *extra, "--db", db_url])
    return result.exit_code, result.stdout + result.stderr


def _world(db_url: str) -> dict[str, int]:
    world = make_world(db_url)
    tur, rus, arm = (world.client(n) for n in ("monitor-tur", "monitor-rus", "liaison-arm"))
    incident = tur.post("/api/v1/incidents", json=incident_body()).json()["id"]
    for client in (tur, rus):
        answer = client.post(
            f"/api/v1/incidents/{incident}/assessments",
            json={"verdict": "confirmed", "rationale": "seen by our monitors"},
        )
        assert answer.status_code == 201, answer.text
    complaint = arm.post(
        "/api/v1/complaints",
        json={"occurred": "2020-12-11", "place": "Hadrut", "description": "shots fired"},
    ).json()["id"]
    return {"incident": incident, "complaint": complaint}


def _remove_guards(connection: Connection, *tables: str) -> None:
    """What an operator with database access does first: drop the append-only triggers, which
    refuse the edit otherwise (`--state` is there to name an edit made after that)."""
    postgres = connection.dialect.name == "postgresql"
    for table in tables:
        for name in (
            f"{table}_append_only_update",
            f"{table}_append_only_delete",
            f"{table}_append_only",
        ):
            connection.execute(
                text(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
            )


def test_untouched_tables_are_as_the_record_says(db_url: str) -> None:
    _world(db_url)
    code, output = _verify(db_url, "--strict")
    assert code == 0, output
    assert "tables as the record says" in output


def test_direct_updates_are_named_row_and_field(db_url: str) -> None:
    ids = _world(db_url)
    engine = store.make_engine(db_url)
    with engine.begin() as connection:
        _remove_guards(connection, "assessments", "complaints")
        connection.execute(
            text("UPDATE incidents SET summary = 'Nothing happened.' WHERE id = :id"),
            {"id": ids["incident"]},
        )
        connection.execute(
            text(
                "UPDATE assessments SET verdict = 'not-confirmed' WHERE incident_id = :id AND party = 'RUS'"
            ),
            {"id": ids["incident"]},
        )
        connection.execute(
            text("UPDATE complaints SET description = 'all quiet' WHERE id = :id"),
            {"id": ids["complaint"]},
        )
    engine.dispose()
    code, output = _verify(db_url)
    assert code == 1, output
    assert f'incidents {{"id":{ids["incident"]}}}: field summary is "Nothing happened."' in output
    assert "assessments" in output and 'field verdict is "not-confirmed"' in output
    assert f'complaints {{"id":{ids["complaint"]}}}: field description is "all quiet"' in output
    assert "3 difference(s)" in output


def test_a_deleted_row_and_an_inserted_one_are_named(db_url: str) -> None:
    ids = _world(db_url)
    engine = store.make_engine(db_url)
    with engine.begin() as connection:
        _remove_guards(connection, "complaints")
        connection.execute(text("DELETE FROM complaints WHERE id = :id"), {"id": ids["complaint"]})
    engine.dispose()
    code, output = _verify(db_url)
    assert code == 1, output
    assert f'complaints {{"id":{ids["complaint"]}}}: entry' in output
    assert "the table has none" in output


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("summary", "short", "short"),
        (
            "password_hash",
            "$argon2id$v=19$...",
            {"sha256": state.chain.sha256_hex(b'"$argon2id$v=19$..."')},
        ),
        ("document", "x" * 5000, {"sha256": state.chain.sha256_hex(b'"' + b"x" * 5000 + b'"')}),
        ("content", b"raw", {"sha256": state.chain.sha256_hex(b"raw")}),
    ],
)
def test_secrets_and_long_values_are_kept_as_digests(
    column: str, value: object, expected: object
) -> None:
    assert state._value(column, value, lambda v: v) == expected


def test_a_revised_import_leaves_the_tables_as_the_record_says(db_url: str) -> None:
    """An import that revises stored incidents writes them with a Core UPDATE: its entry must
    still carry the state it leaves (it did not, and `--state` named every revised field)."""
    world = make_world(db_url)
    tur = world.client("monitor-tur")
    created = tur.post("/api/v1/incidents", json={**incident_body(), "external_id": "MON-1"})
    assert created.status_code == 201, created.text
    exported = tur.get("/api/v1/incidents/export?format=acled")
    assert exported.status_code == 200, exported.text
    answer = tur.post(
        "/api/v1/incidents/import?format=acled",
        content=exported.content,
        headers={"Content-Type": "text/csv"},
    )
    assert answer.status_code in (200, 201), answer.text
    assert answer.json()["revised"] == 1, answer.text
    code, output = _verify(db_url)
    assert code == 0, output
    assert "drift" not in output
