"""The command line, run in-process on both stores: what a monitoring officer types and sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def initialised(db_url: str) -> str:
    code, _out, err = run("init", "--db", db_url)
    assert code == 0, err
    return db_url


def compliance(db_url: str, as_of: str) -> dict[str, dict[str, object]]:
    code, out, err = run(
        "compliance", "nagorno-karabakh-2020", "--as-of", as_of, "--format", "json", "--db", db_url
    )
    assert code == 0, err
    return {row["obligation"]: row for row in json.loads(out)}


def test_init_twice_changes_nothing(db_url: str) -> None:
    code, first, _ = run("init", "--db", db_url)
    assert code == 0 and "nagorno-karabakh-2020: loaded" in first
    code, second, _ = run("init", "--db", db_url)
    assert code == 0 and "schema: up to date" in second and "unchanged" in second


def test_init_empty_and_other_scenario(db_url: str) -> None:
    assert run("init", "--empty", "--db", db_url)[0] == 0
    code, out, _ = run("agreements", "list", "--format", "json", "--db", db_url)
    assert code == 0 and json.loads(out) == []
    assert run("init", "--scenario", "idlib-2020", "--db", db_url)[0] == 0
    code, out, _ = run("agreements", "list", "--format", "json", "--db", db_url)
    assert [a["id"] for a in json.loads(out)] == ["idlib-2020"]
    code, _, err = run("init", "--scenario", "atlantis", "--db", db_url)
    assert code == 1 and "unknown scenario 'atlantis'" in err


def test_compliance_as_of_14_november(initialised: str) -> None:
    rows = compliance(initialised, "2020-11-14")
    assert (rows["return-aghdam"]["status"], rows["return-aghdam"]["deadline"]) == (
        "pending",
        "2020-11-20",
    )
    assert (rows["return-kalbajar"]["status"], rows["return-kalbajar"]["deadline"]) == (
        "pending",
        "2020-11-15",
    )
    assert (rows["return-lachin"]["status"], rows["return-lachin"]["deadline"]) == (
        "pending",
        "2020-12-01",
    )


def test_compliance_as_of_21_november(initialised: str) -> None:
    rows = compliance(initialised, "2020-11-21")
    assert rows["return-aghdam"]["status"] == "fulfilled"
    assert rows["return-aghdam"]["evidence"] == ["aghdam-handed-over"]
    kalbajar = rows["return-kalbajar"]
    assert (kalbajar["status"], kalbajar["deadline"]) == ("pending", "2020-11-25")
    assert [a["id"] for a in kalbajar["amendments"]] == ["kalbajar-extension"]  # type: ignore[union-attr]
    assert "kalbajar-extension" in str(kalbajar["reason"])
    assert rows["return-lachin"]["status"] == "pending"


def test_compliance_as_of_2_december(initialised: str) -> None:
    rows = compliance(initialised, "2020-12-02")
    for name in ("return-aghdam", "return-kalbajar", "return-lachin"):
        assert rows[name]["status"] == "fulfilled", rows[name]
        assert rows[name]["evidence"]


def test_compliance_json_has_the_documented_keys(initialised: str) -> None:
    row = compliance(initialised, "2020-11-21")["complete-ceasefire"]
    assert {
        "obligation",
        "provision",
        "parties",
        "action",
        "area",
        "deadline",
        "status",
        "evidence",
        "reason",
    } <= set(row)


def test_compliance_table_and_bad_input(initialised: str) -> None:
    code, out, _ = run(
        "compliance", "nagorno-karabakh-2020", "--as-of", "2020-11-21", "--db", initialised
    )
    assert code == 0 and "return-aghdam" in out and "fulfilled" in out
    code, _, err = run(
        "compliance", "nagorno-karabakh-2020", "--as-of", "21/11/2020", "--db", initialised
    )
    assert code == 1 and "--as-of: malformed date '21/11/2020'" in err
    code, _, err = run("compliance", "no-such-agreement", "--db", initialised)
    assert code == 1 and "no agreement 'no-such-agreement'" in err


def test_agreements_show(initialised: str) -> None:
    code, out, _ = run(
        "agreements", "show", "nagorno-karabakh-2020", "--format", "json", "--db", initialised
    )
    detail = json.loads(out)
    assert code == 0 and detail["monitoring_parties"] == ["RUS", "TUR"]
    assert detail["amendments"][0]["changes"] == {"deadline": "2020-11-25"}
    code, out, _ = run("agreements", "show", "nagorno-karabakh-2020", "--db", initialised)
    assert code == 0 and "return-kalbajar" in out


def test_validate_exit_codes(tmp_path: Path) -> None:
    from ceasefire import scenarios

    good = tmp_path / "good.yaml"
    good.write_bytes(scenarios.agreement_file("idlib-2020").read_bytes())
    code, out, _ = run("agreements", "validate", str(good))
    assert code == 0 and "valid" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("action: patrol", "action: stroll"))
    code, out, _ = run("agreements", "validate", str(bad))
    line = 1 + good.read_text().splitlines().index("    action: patrol")
    assert code == 1 and out.startswith(f"{bad}:{line}: unknown action 'stroll'")


def test_a_refused_load_stores_nothing(initialised: str, tmp_path: Path) -> None:
    from ceasefire import scenarios

    text = scenarios.agreement_file("nagorno-karabakh-2020").read_text()
    bad = tmp_path / "nk.yaml"
    bad.write_text(text.replace('deadline: "2020-12-01"', 'deadline: "2020-12-32"'))
    code, _, err = run("agreements", "load", str(bad), "--db", initialised)
    assert code == 1 and "malformed date '2020-12-32'" in err
    assert compliance(initialised, "2020-12-02")["return-lachin"]["deadline"] == "2020-12-01"


def test_load_replaces_a_changed_agreement(initialised: str, tmp_path: Path) -> None:
    from ceasefire import scenarios

    text = scenarios.agreement_file("nagorno-karabakh-2020").read_text()
    changed = tmp_path / "nk.yaml"
    changed.write_text(text.replace('deadline: "2020-12-01"', 'deadline: "2020-12-02"'))
    code, out, _ = run("agreements", "load", str(changed), "--db", initialised)
    assert code == 0 and "loaded" in out
    assert compliance(initialised, "2020-11-21")["return-lachin"]["deadline"] == "2020-12-02"


def test_database_from_environment_and_flag(tmp_path: Path) -> None:
    env_db = f"sqlite:///{tmp_path / 'env.db'}"
    flag_db = f"sqlite:///{tmp_path / 'flag.db'}"
    assert run("init", "--empty", env={"CEASEFIRE_DATABASE_URL": env_db})[0] == 0
    assert (tmp_path / "env.db").exists()
    assert run("init", "--empty", "--db", flag_db, env={"CEASEFIRE_DATABASE_URL": env_db})[0] == 0
    assert (tmp_path / "flag.db").exists()


def test_unreachable_database_is_a_plain_error(tmp_path: Path) -> None:
    code, _, err = run("agreements", "list", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db")
    assert code == 1 and err.startswith("error: cannot use the database")
