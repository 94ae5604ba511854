"""`ceasefire extract` reads a Russian bulletin and Turkish and Azerbaijani reports of an exchange
of prisoners, each through its own language's reader with the real models: issue 11's first
"done when", through the command a person runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ceasefire.cli import app as cli_app
from tests.extraction.test_russian import BULLETIN
from tests.extraction.test_turkic import ANADOLU, APA


def _extract(tmp_path: Path, text: str, published: str) -> dict[str, Any]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(cli_app, ["extract", str(path), "--published", published])
    assert out.exit_code == 0, out.output
    result: dict[str, Any] = json.loads(out.output)
    return result


def test_a_russian_bulletin_gives_the_days_violations_in_the_district(tmp_path: Path) -> None:
    result = _extract(tmp_path, BULLETIN, "2020-12-12")
    assert (result["language"], result["reading"]) == ("ru", "read")
    violations = [e for e in result["events"] if e["type"] == "ceasefire-violation"]
    assert sum((e["quantity"] or {}).get("value") or 1 for e in violations) == 2
    for event in violations:
        assert event["modality"] == "happened"
        place = event["place"]
        assert (place["name"], place["kind"], place["country"]) == ("Martuni", "district", "AZE")
        assert event["date"]["value"] == "2020-12-11"  # "over the past day": the day before


@pytest.mark.parametrize(("text", "language", "count"), [(ANADOLU, "tr", 15), (APA, "az", 44)])
def test_an_exchange_of_prisoners_in_turkish_and_azerbaijani(
    tmp_path: Path, text: str, language: str, count: int
) -> None:
    result = _extract(tmp_path, text, "2020-12-15")
    assert (result["language"], result["reading"]) == (language, "read")
    [exchange] = [e for e in result["events"] if e["type"] == "exchange-of-detainees"]
    assert exchange["quantity"]["value"] == count
    assert {"AZE", "ARM"} <= {a["country"] for a in exchange["actors"]}
    assert exchange["date"]["value"] == "2020-12-14"
