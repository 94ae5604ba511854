"""The demo's force records in both scenarios: added once, counted for compliance, and in the
daily report of their day."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.demo.force import FORCE_DEMO, ILLUSTRATIVE

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(db_url: str, agreement: str, as_of: str) -> dict[str, dict[str, object]]:
    code, out, err = run(
        "compliance", agreement, "--as-of", as_of, "--format", "json", "--db", db_url
    )
    assert code == 0, err
    return {row["obligation"]: row for row in json.loads(out)}


def test_the_default_scenarios_demo_force(db_url: str, tmp_path: Path) -> None:
    password = tmp_path / "pw"
    password.write_text("demo password 2020\n", encoding="utf-8")
    args = ["init", "--demo", "--demo-password-file", str(password), "--db", db_url]
    code, out, err = run(*args)
    assert code == 0, err
    assert f"demo: {len(FORCE_DEMO['nagorno-karabakh-2020'])} force records added" in out
    assert "demo: 0 force records added" in run(*args)[1]
    limits = rows(db_url, "nagorno-karabakh-2020", "2020-11-20")["peacekeeper-limits"]
    assert (limits["status"], limits["evidence"]) == ("in-force", ["strength-1"])
    assert (
        rows(db_url, "nagorno-karabakh-2020", "2020-11-19")["peacekeeper-limits"]["status"]
        == "no-report"
    )
    out_file = tmp_path / "report.json"
    code, _out, err = run(
        "report", "daily", "--agreement", "nagorno-karabakh-2020", "--date", "2020-12-11", "--out", str(out_file),
        "--db", db_url,
    )  # fmt: skip
    assert code == 0, err
    force = json.loads(out_file.read_text(encoding="utf-8"))["force"]
    assert [p["places"] for p in force["patrols"]] == [["Lachin", "Shusha", "Stepanakert"]]
    assert [c["places"] for c in force["convoys"]] == [["Goris", "Lachin", "Stepanakert"]]
    assert {t["series"]: t["total"] for t in force["totals"]}["returns"] == 40500
    assert force["posts_open"] == 4
    # every figure the public record does not give says so
    code, out, _ = run(
        "force",
        "list",
        "totals",
        "--agreement",
        "nagorno-karabakh-2020",
        "--db",
        db_url,
        "--format",
        "json",
    )
    assert all(item["source"] for item in json.loads(out))


def test_the_idlib_demo_has_the_first_joint_patrols(db_url: str) -> None:
    code, out, err = run("init", "--scenario", "idlib-2020", "--demo", "--db", db_url)
    assert code == 0, err
    assert "demo: 2 force records added" in out
    patrols = rows(db_url, "idlib-2020", "2020-03-15")["joint-patrols"]
    assert "patrol-1-joint-patrols" in patrols["evidence"]
    assert (
        "patrol-2-joint-patrols"
        in rows(db_url, "idlib-2020", "2020-03-23")["joint-patrols"]["evidence"]
    )


def test_illustrative_records_say_so() -> None:
    """Only the headquarters (FACTS.md: Stepanakert, from 10 November) is all fact; every other
    demo record carries a placeholder the public record does not give, and says so."""
    for records in FORCE_DEMO.values():
        for _kind, fields in records:
            assert fields["source"]
            if fields.get("kind") == "base":
                continue
            assert "ILLUSTRATIVE" in str(fields["note"]), fields
    assert ILLUSTRATIVE.startswith("ILLUSTRATIVE")
