"""Where a name the gazetteer lacks goes: to a place named inside it, else to the article's focus.

Pure functions over gazetteer lookups and places; the resolver scores what they find.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ceasefire.geo.distance import haversine_km
from ceasefire.geo.gazetteer import Gazetteer, Place

#: Two or three capitals: an acronym ("US", "OAS").
ACRONYM = re.compile(r"^[A-Z]{2,3}$")
_WIDE = {"country", "state", "admin1", "region", "continent", "sea"}
#: Inner names that are themselves enough context; other inner places must lie in a country the
#: article names.
WHOLE = {"country", "state", "continent"}
_STREET = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|dr|way|square|place|terrace|"
    r"crescent|court|close|row|highway|estate|township|park|gardens|stade)\b\.?",
    re.I,
)
#: Words that make no place on their own ("West" in "West Wing", "Centre" in "Rogers Centre").
_GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "upper", "lower", "greater", "new", "old", "great", "little", "metro",
    "delta", "lakes", "district", "national", "royal", "st", "saint", "mount", "lake", "river",
}  # fmt: skip
#: A town this large is what a name inside an institution's name means ("Dubai World Cup").
INNER_TOWN_POPULATION = 100_000


def inner_candidates(gazetteer: Gazetteer, name: str) -> list[tuple[Place, bool]]:
    """For a name the gazetteer lacks, the places a shorter run of its capitalised words names,
    the longest run first ("Manitoba Chambers of Commerce" -> Manitoba, "Bank of Japan" ->
    Japan): an institution or event named after a place is nearly always in it. Only countries,
    provinces, regions and large towns: a street named after a small town is rarely in it."""
    if _STREET.search(name):
        return []  # streets are named after places anywhere
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if not all(w[:1].isupper() for w in run) or all(
                w.casefold().strip(".,'") in _GENERIC for w in run
            ):
                continue
            # a country's adjective tells whose a thing is, not where ("British Embassy Tokyo");
            # its acronym ("US Federal Reserve") and a continent's adjective name the place
            acronym = size == 1 and bool(ACRONYM.match(run[0].replace(".", "")))
            found: list[tuple[Place, bool]] = [
                (p, primary) for p, primary in gazetteer.candidates(" ".join(run))
                if (primary or p.kind == "continent" or (acronym and p.kind in WHOLE))
                and (p.kind in _WIDE or p.population >= INNER_TOWN_POPULATION)
            ]  # fmt: skip
            if found:
                return found
    return []


def article_focus(places: list[Place | None]) -> Place | None:
    """The place an article is most about: in the country it names most (by its places, and by
    the country's name and adjectives), the town or region with the most of the article's other
    places around it (a street named Franklin does not make the article about Franklin); the
    country itself when the article names none of its towns."""
    named = [p for p in places if p is not None]
    by_country = Counter(p.country for p in named if p.country)
    top = by_country.most_common(1)[0][0] if by_country else None
    local = [
        p for p in named
        if p.kind in {"city", "village", "state", "admin1", "admin2", "region"}
        and (top is None or p.country == top)
    ]  # fmt: skip
    if not local:
        countries = Counter(p for p in named if p.kind == "country")
        in_top = [c for c, _ in countries.most_common() if c.country == top]
        if in_top:
            return in_top[0]
        return countries.most_common(1)[0][0] if countries else None
    counts = Counter(local)

    def support(p: Place) -> float:
        near = sum(
            n for q, n in counts.items()
            if q is not p and haversine_km(p.lat, p.lon, q.lat, q.lon) < 300
        )  # fmt: skip
        town = 0.5 if p.kind in {"city", "village"} else 0.0
        return near + 0.5 * counts[p] + town + 0.1 * math.log10(p.population + 1)

    return max(counts, key=support)
