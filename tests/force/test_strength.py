"""Strength reports: checked against the agreement's limits, and what they say for compliance,
through the command line on both stores."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.force import records

runner = CliRunner()
NK = "nagorno-karabakh-2020"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def initialised(db_url: str) -> str:
    code, _out, err = run("init", "--db", db_url)
    assert code == 0, err
    return db_url


def limits_row(db_url: str, as_of: str) -> dict[str, object]:
    code, out, err = run("compliance", NK, "--as-of", as_of, "--format", "json", "--db", db_url)
    assert code == 0, err
    rows = {row["obligation"]: row for row in json.loads(out)}
    return rows["peacekeeper-limits"]


def strength(
    db_url: str, date: str, personnel: str, armoured: str, other: str
) -> tuple[int, str, str]:
    return run(
        "force", "record", "strength", "--agreement", NK, "--db", db_url,
        "-f", "contributor=RUS", "-f", f"date={date}", "-f", f"personnel={personnel}",
        "-f", f"armoured-vehicles={armoured}", "-f", f"other-vehicles={other}",
        "-f", "source=test bulletin",
    )  # fmt: skip


def test_limits_from_recorded_strength_reports(initialised: str) -> None:
    assert limits_row(initialised, "2020-11-20")["status"] == "no-report"
    code, out, err = strength(initialised, "2020-11-21", "1960", "90", "380")
    assert code == 0, err
    assert "strength record 1 stored" in out
    within = limits_row(initialised, "2020-11-21")
    assert within["status"] == "in-force"
    assert within["evidence"] == ["strength-1"]
    assert "within the limits by the report of 2020-11-21" in str(within["reason"])
    assert limits_row(initialised, "2020-11-20")["status"] == "no-report"

    assert strength(initialised, "2020-12-01", "2100", "90", "380")[0] == 0
    breached = limits_row(initialised, "2020-12-01")
    assert breached["status"] == "breached"
    assert breached["evidence"] == ["strength-2"]
    assert "personnel 2100 above the limit 1960 on 2020-12-01" in str(breached["reason"])
    # the report of 21 November is still the one in force on 30 November
    assert limits_row(initialised, "2020-11-30")["status"] == "in-force"


@pytest.mark.parametrize(
    ("personnel", "expected"),
    [
        pytest.param("-5", "personnel: -5 is negative", id="negative"),
        pytest.param("many", "personnel: 'many' is not a number", id="non-numeric"),
    ],
)
def test_bad_figures_are_named_and_nothing_stored(
    initialised: str, personnel: str, expected: str
) -> None:
    code, _out, err = strength(initialised, "2020-11-21", personnel, "90", "380")
    assert code == 1
    assert expected in err
    assert limits_row(initialised, "2020-11-21")["status"] == "no-report"


def test_a_category_the_agreement_does_not_limit_is_refused(initialised: str) -> None:
    code, _out, err = run(
        "force", "record", "strength", "--agreement", NK, "--db", initialised,
        "-f", "contributor=RUS", "-f", "date=2020-11-21", "-f", "helicopters=4",
        "-f", "source=test",
    )  # fmt: skip
    assert code == 1
    assert "helicopters: nagorno-karabakh-2020 limits no such category" in err
    assert "personnel, armoured-vehicles, other-vehicles" in err


# --- the checks, on plain values ------------------------------------------------------------------

CTX = records.Context(
    agreement_id="a",
    zone=ZoneInfo("UTC"),
    parties=frozenset({"RUS", "ARM"}),
    categories=("personnel", "armoured-vehicles"),
)


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        pytest.param(
            {"contributor": "RUS", "date": "2020-11-21", "personnel": "1,960", "source": "s"},
            [],
            id="thousands-separator",
        ),
        pytest.param(
            {"contributor": "XYZ", "date": "2020-11-21", "personnel": "1", "source": "s"},
            ["contributor"],
            id="not-a-party",
        ),
        pytest.param(
            {"contributor": "RUS", "date": "21/11/2020", "personnel": "1", "source": "s"},
            ["date"],
            id="bad-date",
        ),
        pytest.param(
            {"contributor": "RUS", "date": "2020-11-21", "source": "s"},
            ["figures"],
            id="no-figure",
        ),
        pytest.param(
            {"contributor": "RUS", "date": "2020-11-21", "personnel": "1"},
            ["source"],
            id="no-source",
        ),
        pytest.param(
            {
                "contributor": "RUS",
                "date": "2020-11-21",
                "figures": {"personnel": -1},
                "source": "s",
            },
            ["personnel"],
            id="negative-in-a-mapping",
        ),
        pytest.param(
            {"contributor": "RUS", "date": "2020-11-21", "personnel": "nan", "source": "s"},
            ["personnel"],
            id="not-finite",
        ),
    ],
)
def test_strength_checks(fields: dict[str, object], problems: list[str]) -> None:
    if not problems:
        assert records.strength(fields, CTX).figures == {"personnel": 1960.0}
        return
    with pytest.raises(records.RecordError) as refused:
        records.strength(fields, CTX)
    assert [p.field for p in refused.value.problems] == problems


def test_the_categories_are_the_agreements_limits() -> None:
    assert records.categories(["personnel", "tanks", "personnel"]) == ("personnel", "tanks")
