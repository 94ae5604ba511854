"""The registry on both stores: loading the default scenario and computing compliance from it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.agreements import models
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.compliance import service as compliance_service


def _load(engine: Engine, name: str = scenarios.DEFAULT) -> agreements_service.LoadResult:
    document = parse_agreement(scenarios.agreement_file(name).read_bytes(), name)
    with store.transaction(engine) as session:
        return agreements_service.store_document(session, document=document, source_name=name)


def test_loading_twice_changes_nothing(engine: Engine) -> None:
    assert _load(engine).changed
    assert not _load(engine).changed
    with store.transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(models.Obligation)) == 15


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (
            "2020-11-14",
            {
                "return-aghdam": ("pending", "2020-11-20"),
                "return-kalbajar": ("pending", "2020-11-15"),
                "return-lachin": ("pending", "2020-12-01"),
            },
        ),
        (
            "2020-11-21",
            {
                "return-aghdam": ("fulfilled", "2020-11-20"),
                "return-kalbajar": ("pending", "2020-11-25"),
                "return-lachin": ("pending", "2020-12-01"),
            },
        ),
        (
            "2020-12-02",
            {
                "return-aghdam": ("fulfilled", "2020-11-20"),
                "return-kalbajar": ("fulfilled", "2020-11-25"),
                "return-lachin": ("fulfilled", "2020-12-01"),
            },
        ),
    ],
)
def test_compliance_of_the_returns(
    engine: Engine, as_of: str, expected: dict[str, tuple[str, str]]
) -> None:
    _load(engine)
    with store.transaction(engine) as session:
        _, rows = compliance_service.compliance(
            session, agreement_id=scenarios.DEFAULT, as_of=as_of
        )
        data = {
            r["obligation"]: r
            for r in compliance_service.compliance_json(
                rows, session=session, agreement_id=scenarios.DEFAULT
            )
        }
    for obligation, (status, deadline) in expected.items():
        assert (data[obligation]["status"], data[obligation]["deadline"]) == (status, deadline)
        if status == "fulfilled":
            assert data[obligation]["evidence"]


def test_a_second_scenario_loads_beside_the_first(engine: Engine) -> None:
    _load(engine)
    _load(engine, "idlib-2020")
    with store.transaction(engine) as session:
        assert [a.id for a in agreements_service.list_agreements(session)] == [
            "idlib-2020",
            "nagorno-karabakh-2020",
        ]


@pytest.mark.parametrize(
    ("loaded", "configured", "expected"),
    [
        ((), "", None),  # nothing loaded: no default
        ((), "somewhere-else", "somewhere-else"),  # the setting wins, loaded or not
        (("idlib-2020",), "", "idlib-2020"),
        # the agreement loaded first, not the first by name
        (("nagorno-karabakh-2020", "idlib-2020"), "", "nagorno-karabakh-2020"),
        (("idlib-2020", "nagorno-karabakh-2020"), "", "idlib-2020"),
        (("idlib-2020", "nagorno-karabakh-2020"), "nagorno-karabakh-2020", "nagorno-karabakh-2020"),
    ],
)
def test_the_default_agreement_is_the_setting_else_the_one_loaded_first(
    engine: Engine, loaded: tuple[str, ...], configured: str, expected: str | None
) -> None:
    for name in loaded:  # one transaction each: each its own loaded_at
        _load(engine, name)
    with store.transaction(engine) as session:
        assert agreements_service.default_agreement_id(session, configured=configured) == expected
