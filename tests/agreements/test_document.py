"""Agreement files: every kind of problem is reported as FILE:LINE: message, and nothing loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire import scenarios
from ceasefire.agreements.document import parse_agreement, read_agreement
from ceasefire.errors import InvalidInputError

VALID = """\
format: ceasefire-agreement/1
id: test-agreement
title: A test agreement
timezone: Europe/Moscow
signed: "2020-11-09"
effective: "2020-11-10T00:00:00+03:00"
parties:
  - {id: ARM, name: Armenia, roles: [conflict]}
  - {id: AZE, name: Azerbaijan, roles: [conflict]}
  - {id: RUS, name: Russia, roles: [monitoring]}
monitoring:
  parties: [RUS]
  rule: unanimity
provisions:
  - {number: "1", summary: Ceasefire.}
  - {number: "2", summary: Aghdam returned.}
areas:
  - id: aghdam-district
    name: Aghdam district
    kind: district
    approximate: true
    geometry: {type: Polygon, coordinates: [[[46.6, 40.1], [47.1, 40.1], [47.1, 39.8], [46.6, 39.8], [46.6, 40.1]]]}
  - id: corridor
    name: A corridor
    kind: corridor
    width_km: 5
    geometry: {type: LineString, coordinates: [[46.36, 39.53], [46.75, 39.82]]}
obligations:
  - id: complete-ceasefire
    provision: "1"
    parties: [ARM, AZE]
    action: cease-fire
    summary: Stop firing.
    standing: true
  - id: return-aghdam
    provision: "2"
    parties: [ARM]
    action: hand-over
    summary: Return Aghdam.
    area: aghdam-district
    beneficiary: AZE
    deadline: "2020-11-20"
amendments:
  - id: extension
    obligation: return-aghdam
    decided: "2020-11-15"
    changes: {deadline: "2020-11-25"}
    summary: Moved.
    source: https://example.org/a
observations:
  - id: handed-over
    obligation: return-aghdam
    effect: fulfils
    at: "2020-11-20"
    summary: Done.
    source: https://example.org/b
"""


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        parse_agreement(text.encode(), "test.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_valid_file_is_valid() -> None:
    doc = parse_agreement(VALID.encode(), "test.yaml")
    assert [o.id for o in doc.obligations] == ["complete-ceasefire", "return-aghdam"]
    assert doc.areas[1].bbox is not None
    # the corridor's bounding box is the road widened by 2.5 km on each side
    _min_lon, min_lat, _max_lon, max_lat = doc.areas[1].bbox
    assert min_lat < 39.53 - 0.02 and max_lat > 39.82 + 0.02


CASES = [
    pytest.param(
        "parties: [ARM, AZE]\n    action: cease-fire",
        "parties: [ARM, XYZ]\n    action: cease-fire",
        "test.yaml:31: unknown party 'XYZ'",
        id="unknown-party",
    ),
    pytest.param(
        "area: aghdam-district\n    beneficiary",
        "area: agdam\n    beneficiary",
        "test.yaml:40: unknown area 'agdam'",
        id="unknown-area",
    ),
    pytest.param(
        'deadline: "2020-11-20"',
        'deadline: "2020-11-05"',
        "test.yaml:42: deadline 2020-11-05 is before the obligation takes effect",
        id="deadline-before-effective",
    ),
    pytest.param(
        'deadline: "2020-11-20"',
        'deadline: "2020-11-31"',
        "test.yaml:42: obligations.1.deadline: malformed date '2020-11-31'",
        id="malformed-date",
    ),
    pytest.param(
        'deadline: "2020-11-20"',
        'deadline: "20 Nov 2020"',
        "test.yaml:42: obligations.1.deadline: malformed date '20 Nov 2020'",
        id="unparseable-date",
    ),
    pytest.param(
        "  - id: return-aghdam\n",
        "  - id: complete-ceasefire\n",
        "test.yaml:35: duplicate obligation id 'complete-ceasefire'",
        id="duplicate-obligation-id",
    ),
    pytest.param(
        "action: hand-over",
        "action: give-back",
        "test.yaml:38: unknown action 'give-back'",
        id="unknown-action",
    ),
    pytest.param(
        'provision: "2"',
        'provision: "7"',
        "test.yaml:36: unknown provision '7'",
        id="unknown-provision",
    ),
    pytest.param(
        "obligation: return-aghdam\n    decided",
        "obligation: return-agdam\n    decided",
        "test.yaml:45: unknown obligation 'return-agdam'",
        id="amendment-unknown-obligation",
    ),
    pytest.param(
        "effect: fulfils",
        "effect: completes",
        "test.yaml:53: unknown effect 'completes'",
        id="unknown-effect",
    ),
    pytest.param(
        "rule: unanimity",
        "rule: consensus",
        "test.yaml:13: unknown verification rule 'consensus'",
        id="unknown-rule",
    ),
    pytest.param(
        "timezone: Europe/Moscow",
        "timezone: Mars/Olympus",
        "test.yaml:4: unknown time zone 'Mars/Olympus'",
        id="unknown-timezone",
    ),
    pytest.param(
        "kind: district",
        "kind: county",
        "test.yaml:20: unknown area kind 'county'",
        id="unknown-area-kind",
    ),
    pytest.param(
        "    width_km: 5\n",
        "",
        "test.yaml:23: corridor 'corridor' needs width_km",
        id="corridor-without-width",
    ),
    pytest.param(
        "[46.6, 40.1], [47.1, 40.1], [47.1, 39.8], [46.6, 39.8], [46.6, 40.1]",
        "[46.6, 40.1], [47.1, 39.8], [47.1, 40.1], [46.6, 39.8], [46.6, 40.1]",
        "test.yaml:22: invalid geometry: Polygon is not valid",
        id="self-intersecting-polygon",
    ),
    pytest.param(
        "    summary: Return Aghdam.\n",
        "",
        "test.yaml:35: obligations.1: 'summary' is a required property",
        id="missing-field",
    ),
    pytest.param(
        "    standing: true\n",
        "    standing: true\n    standing: false\n",
        "test.yaml:35: duplicate key 'standing'",
        id="duplicate-key",
    ),
    pytest.param(
        "    standing: true\n",
        "    standing: true\n    colour: red\n",
        "test.yaml:29: obligations.0: Additional properties are not allowed ('colour' was unexpected)",
        id="unknown-field",
    ),
    pytest.param(
        "  - id: return-aghdam\n",
        "  - id: Return_Aghdam\n",
        "test.yaml:35: obligations.1.id: 'Return_Aghdam' is not a valid id",
        id="bad-id",
    ),
    pytest.param(
        "title: A test agreement\n",
        "title: [unclosed\n",
        "test.yaml:4: YAML syntax",
        id="yaml-syntax",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_each_kind_of_problem_is_named_with_its_line(old: str, new: str, expected: str) -> None:
    assert old in VALID
    found = problems(VALID.replace(old, new, 1))
    assert any(expected in line for line in found), found


def test_all_problems_are_reported_at_once() -> None:
    broken = VALID.replace("action: hand-over", "action: give-back").replace(
        "beneficiary: AZE", "beneficiary: XYZ"
    )
    assert len(problems(broken)) == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"\xff\xfe", "test.yaml:1: not UTF-8 text", id="not-utf8"),
        pytest.param(
            b"- just\n- a list\n",
            "test.yaml:1: the file must be a YAML mapping",
            id="not-a-mapping",
        ),
        pytest.param(b"", "test.yaml:1: the file must be a YAML mapping", id="empty"),
    ],
)
def test_files_that_are_not_agreements(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_agreement(data, "test.yaml")
    assert expected in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot read file"):
        read_agreement(tmp_path / "nope.yaml")


@pytest.mark.parametrize("name", scenarios.available())
def test_built_in_scenarios_are_valid(name: str) -> None:
    doc = parse_agreement(scenarios.agreement_file(name).read_bytes(), name)
    for obligation_id, item in doc.obligation_details.items():
        assert item["summary"], obligation_id
    for observation_id, item in doc.observation_details.items():
        assert item["source"], f"observation {observation_id} has no source"
    for amendment_id, item in doc.amendment_details.items():
        assert item["source"], f"amendment {amendment_id} has no source"


def test_the_default_scenario_has_the_named_obligations() -> None:
    doc = parse_agreement(scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), "nk")
    ids = {o.id for o in doc.obligations}
    assert {
        "complete-ceasefire",
        "return-aghdam",
        "return-kalbajar",
        "return-lachin",
        "peacekeeper-deployment",
        "peacekeeper-limits",
        "lachin-corridor",
        "exchange-detainees",
        "return-displaced",
        "unblock-transport",
    } <= ids
    assert {p["number"] for p in doc.provisions} == {str(n) for n in range(1, 10)}
    assert {o.provision for o in doc.obligations} == {str(n) for n in range(1, 10)}
    limits = {limit.measure: limit.maximum for o in doc.obligations for limit in o.limits}
    assert limits == {"personnel": 1960, "armoured-vehicles": 90, "other-vehicles": 380}
    corridor = next(a for a in doc.areas if a.id == "lachin-corridor")
    assert corridor.width_km == 5 and corridor.approximate
