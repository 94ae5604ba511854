"""One country code: ISO 3166-1 alpha-3, known codes and countries named in words; an incident's
country is checked at intake."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ceasefire.geo import countries
from ceasefire.incidents.schemas import IncidentCreate


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Azerbaijan", "AZE"),
        ("Russian Federation", "RUS"),
        ("Türkiye", "TUR"),
        ("turkey", "TUR"),
        ("Syria", "SYR"),
        ("AZE", "AZE"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_a_country_named_in_words(name: str, code: str | None) -> None:
    assert countries.code_of(name) == code


@pytest.mark.parametrize(
    ("given", "stored"),
    [("AZE", "AZE"), ("arm", "ARM"), ("Tur", "TUR"), ("", None), (None, None)],
)
def test_an_incident_country_is_alpha3(given: str | None, stored: str | None) -> None:
    data = IncidentCreate(type="armed-clash", summary="x", occurred="2020-12-11", country=given)
    assert data.country == stored


@pytest.mark.parametrize(
    ("given", "says"), [("AZ", "alpha-3"), ("XXX", "alpha-3"), ("Azerbaijan", "at most 3")]
)
def test_other_codes_are_refused_naming_the_field(given: str, says: str) -> None:
    with pytest.raises(ValidationError, match="country") as caught:
        IncidentCreate(type="armed-clash", summary="x", occurred="2020-12-11", country=given)
    assert says in str(caught.value)
