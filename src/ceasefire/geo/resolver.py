"""Toponym resolution: pick, for every place name of an article, the gazetteer entry it means.

Context decides (countries mentioned, provinces named, nearby places, feature kind, population);
a name the gazetteer lacks (a street, a building) goes to a place named inside it, else to the
article's focus, the place it is most about, since such names are nearly always local to it
(`unknown.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ceasefire.geo.distance import within_km
from ceasefire.geo.gazetteer import Gazetteer, Place
from ceasefire.geo.names import normalise
from ceasefire.geo.unknown import ACRONYM, WHOLE, article_focus, inner_candidates

_KIND_PRIOR = {
    "country": 5.0,
    "continent": 4.0,
    "state": 6.0,  # a US state: no population in the data, scored as a large town
    "admin1": 3.5,
    "admin2": 0.5,
    "region": 4.5,
    "sea": 8.0,
    "landmark": 8.0,
    "corridor": 3.0,
    "city": 0.0,
    "village": 2.0,
    "district": 1.0,
}
# Names ending like this are streets, buildings and institutions: a town that happens to carry
# the same name as an alternate is almost never meant.
FACILITY = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|way|highway|square|plaza|house|"
    r"tower|towers|building|hall|church|cathedral|mosque|temple|school|college|university|academy|"
    r"hospital|clinic|park|bridge|airport|station|stadium|arena|center|centre|mall|hotel|museum|"
    r"library|prison|jail|court|base|camp|port|harbou?r|market|gate|palace|club|restaurant|"
    r"theater|theatre|office|headquarters|field|wing|reserve|bank)$",
    re.I,
)
_SUFFIXES = re.compile(
    r"\s+(?:city|county|province|region|district|governorate|oblast|state|prefecture|"
    r"municipality|town|village|area|island|islands|rayon|raion|valley)$",
    re.I,
)
_PREFIXES = re.compile(r"^(?:(?:the|city of|state of|province of|republic of|downtown|central|northern|"
                       r"southern|eastern|western|north|south|east|west)\s+)+", re.I)  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    place: Place | None
    score: float
    fallback: bool = False  # placed at the article's focus, the name itself was not found


def variants(name: str) -> list[str]:
    """The name, then shorter forms a gazetteer may know ("Hama district" -> "Hama")."""
    out = [name]
    stripped = name.strip().strip(".,;:'\"")
    for pattern in (_SUFFIXES, _PREFIXES):
        shorter = pattern.sub("", stripped).strip()
        if shorter and shorter != stripped and shorter not in out:
            out.append(shorter)
    both = _PREFIXES.sub("", _SUFFIXES.sub("", stripped)).strip()
    if both and both not in out:
        out.append(both)
    if stripped.endswith("'s") or stripped.endswith("’s"):
        out.append(stripped[:-2])
    return out


#: Alone, these mean a direction or a bloc ("the West", "Western governments"), never a town or
#: province of that name: only our supplement's blocs (the Western world) are read for them.
_COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest",
}  # fmt: skip


def _candidates(gazetteer: Gazetteer, name: str) -> list[tuple[Place, bool]]:
    if normalise(name) in _COMPASS:
        return [(p, primary) for p, primary in gazetteer.candidates(name) if p.geonameid < 0]
    facility = bool(FACILITY.search(name.strip()))
    for number, variant in enumerate(variants(name)):
        found = gazetteer.candidates(variant)
        if facility:
            # a building or street: only a curated landmark of that exact name will do
            found = [(p, primary) for p, primary in found if number == 0 and p.geonameid < 0]
        if found:
            return _plausible(name, found)
    return []


#: A town at least this large may be meant by a name that also names a country or state, or by
#: an acronym ("LA", "DC").
LARGE_TOWN = 100_000
METROPOLIS = 500_000  # also what a bare name in the news usually means


def _plausible(name: str, found: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """The readings a person would consider: the name of a country or state (or an adjective of a
    country) means it, not a namesake village ("Florida", "Canadian"); an acronym means a country,
    state or metropolis, not a town that happens to spell it ("SA", "OAS")."""
    if ACRONYM.match(name.strip().replace(".", "")):
        found = [
            (p, primary) for p, primary in found
            if p.kind not in _TOWN or p.population >= METROPOLIS or p.geonameid < 0
        ]  # fmt: skip
    named = {p.country for p, _ in found if p.kind == "country"}
    if named:  # a province named like its own country ("Mexico", "Panama"): the country is meant
        found = [(p, primary) for p, primary in found
                 if not (p.kind == "admin1" and p.country in named)]  # fmt: skip
    if any(p.kind in {"country", "state"} or _large_division(p) for p, _ in found):
        found = [
            (p, primary) for p, primary in found
            if p.kind not in _TOWN or p.population >= LARGE_TOWN or p.geonameid < 0
        ]  # fmt: skip
    return found


def _large_division(place: Place) -> bool:
    """A province of a hundred towns or more (a size proxy of a thousand per town)."""
    return place.kind == "admin1" and place.population >= LARGE_TOWN


def _base_score(
    place: Place, is_primary: bool, name: str, capitals: frozenset[int] | set[int] = frozenset()
) -> float:
    if place.geonameid < 0 and place.kind == "district":
        # a conflict zone's district, whose name a town elsewhere may carry (Martuni): scored
        # as a town of some thousand people, so the article's other places decide
        return SUPPLEMENT_DISTRICT + _KIND_PRIOR["district"]
    if place.geonameid < 0:  # our curated supplement: written for exactly these names
        return 12.0 + _KIND_PRIOR.get(place.kind, 0.0)
    score = math.log10(place.population + 1) + _KIND_PRIOR.get(place.kind, 0.0)
    if place.kind == "city":
        # a metropolis or a capital is what a bare name in the news usually means
        score += (1.0 if place.population >= METROPOLIS else 0.0) + (
            1.5 if place.geonameid in capitals else 0.0
        )
    if is_primary:
        score += 1.5
    if place.kind == "city" and name[:1].islower():
        score -= 3.0
    return score


def resolve_names(
    gazetteer: Gazetteer,
    names: list[str],
    *,
    context_countries: Counter[str] | None = None,
) -> list[Resolution]:
    """Resolve every name of one article, the choices informing each other."""
    found = [_candidates(gazetteer, name) for name in names]
    first: list[Place | None] = []
    for name, cands in zip(names, found, strict=True):
        best = max(
            cands, key=lambda c: _base_score(c[0], c[1], name, gazetteer.capitals), default=None
        )
        first.append(best[0] if best else None)

    picks = first
    out: list[Resolution] = []
    for _ in range(ROUNDS):
        out = _rescore(gazetteer, names, found, picks, context_countries)
        picks = [r.place for r in out]

    countries = Counter(r.place.country for r in out if r.place is not None and r.place.country)
    for i, r in enumerate(out):
        if r.place is None:
            inner = _inner_guess(gazetteer, names[i], countries)
            if inner is not None:
                out[i] = Resolution(inner, 0.0, fallback=True)
    # the places inside unknown names ("New Orleans Railways") tell what the article is about too
    focus = article_focus([r.place for r in out])
    if focus is not None:
        out = [r if r.place is not None else Resolution(focus, 0.0, fallback=True) for r in out]
    return out


def _inner_guess(gazetteer: Gazetteer, name: str, countries: Counter[str]) -> Place | None:
    """The best place named inside `name`: a country or state, a place spanning several countries
    (a continent, a region, a sea: "Summit of the Americas", "Black Sea Fleet"), or a place in a
    country the article names."""
    best: Place | None = None
    best_score = -math.inf
    for place, primary in inner_candidates(gazetteer, name):
        if place.kind not in WHOLE and place.country and not countries[place.country]:
            continue
        score = _base_score(place, primary, name, gazetteer.capitals)
        score += 2.5 if countries[place.country] else 0.0
        if score > best_score:
            best, best_score = place, score
    return best


ROUNDS = 2
_LOCAL = {"city", "village", "state", "region", "admin1", "admin2", "district"}
_TOWN = {"city", "village", "admin2", "district"}
#: The base score of a district of our supplement (that of a town of 10,000 with its own name).
SUPPLEMENT_DISTRICT = 5.5
_DIVISION = {"state", "admin1"}


def _rescore(
    gazetteer: Gazetteer,
    names: list[str],
    found: list[list[tuple[Place, bool]]],
    picks: list[Place | None],
    context_countries: Counter[str] | None,
) -> list[Resolution]:
    """Score every candidate again with what the other names were taken to mean."""
    keys = [normalise(name) for name in names]
    cells = _candidate_cells(keys, found, picks)
    countries: Counter[str] = Counter(context_countries or {})
    # what each name was taken to mean: a name repeated is no context for itself
    own_countries: dict[str, Counter[str]] = {}
    # the same, counting only names read as something other than a small town: small towns
    # abroad that merely share a name must not vouch for each other's country
    solid_countries: dict[str, Counter[str]] = {}
    divisions: dict[tuple[str, str], set[str]] = {}  # (country, admin1) -> names of divisions
    for key, place in zip(keys, picks, strict=True):
        if place is None:
            continue
        if place.country:
            countries[place.country] += 1
            own_countries.setdefault(key, Counter())[place.country] += 1
            if not _small_town(place):
                solid_countries.setdefault(key, Counter())[place.country] += 1
        if place.admin1 and place.country and place.kind in _DIVISION:
            divisions.setdefault((place.country, place.admin1), set()).add(key)
    out: list[Resolution] = []
    for i, (name, cands) in enumerate(zip(names, found, strict=True)):
        key = keys[i]
        context = countries - own_countries.get(key, Counter())
        # how many other names each country has, each name once
        names_in = Counter(c for k, own in own_countries.items() if k != key for c in own)
        solid_in = Counter(c for k, own in solid_countries.items() if k != key for c in own)
        solid_in.update(context_countries or {})
        dominant = max(names_in.values(), default=0)
        # each other place once (an article names the same town many times): (lat, lon, town)
        others = {
            (p.lat, p.lon, p.kind in _TOWN) for j, p in enumerate(picks)
            if j != i and p is not None and p.kind in _LOCAL and keys[j] != key
        }  # fmt: skip
        best_place: Place | None = None
        best_score = -math.inf
        # a state's or country's name means the state far more often than a namesake town
        division_name = any(p.kind in _DIVISION or p.kind == "country" for p, pr in cands if pr)
        settled = dominant >= SETTLED_NAMES
        for place, is_primary in cands:
            if settled and _stray(place, solid_in, names_in[place.country], dominant):
                continue
            score = _base_score(place, is_primary, name, gazetteer.capitals)
            if place.country and context[place.country]:
                score += 2.5 * min(context[place.country], 4) ** 0.5
            if place.kind in _LOCAL:
                wide = place.kind not in {"city", "village", "admin2"}
                near = {
                    (lat, lon) for lat, lon, town in others
                    if within_km(lat, lon, place.lat, place.lon, 700 if wide or not town else 250)
                }  # fmt: skip
                score += 1.25 * min(len(near), 3)
                if place.kind in _TOWN and not division_name:
                    score += NEIGHBOUR_BONUS * min(_neighbours(place, key, cells), 3)
                if is_primary:  # an alternate name is too weak a match to be pulled this way
                    score += _division_bonus(place, key, divisions)
            if score > best_score:
                best_place, best_score = place, score
        out.append(Resolution(best_place, best_score))
    return out


#: A town is likelier meant when another name of the article can be read as a town right next to
#: it (Edmonton and Enfield, both in north London), whatever that name was taken to mean.
NEIGHBOUR_BONUS = 1.0
_CELL = 0.5  # degrees: a cell and its neighbours reach some 50 to 100 km


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _candidate_cells(
    keys: list[str], found: list[list[tuple[Place, bool]]], picks: list[Place | None]
) -> dict[tuple[int, int], set[str]]:
    """Grid cell -> the names with a town of their own name (not an alternate) in it, for the
    names taken to be towns (a state's name is no town's neighbour)."""
    cells: dict[tuple[int, int], set[str]] = {}
    for key, cands, pick in zip(keys, found, picks, strict=True):
        if pick is None or pick.kind not in _TOWN:
            continue
        for place, primary in cands:
            if primary and place.kind in _TOWN:
                cells.setdefault(_cell(place.lat, place.lon), set()).add(key)
    return cells


def _neighbours(place: Place, key: str, cells: dict[tuple[int, int], set[str]]) -> int:
    """How many other names can be read as a town in the place's grid cell or next to it."""
    row, col = _cell(place.lat, place.lon)
    near: set[str] = set()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            near |= cells.get((row + dr, col + dc), set())
    return len(near - {key})


#: An article with this many names in one country is about it: a small town in a country it
#: never names that merely shares a name ("Cheshire" in an article on English racing) is not
#: what it means.
SETTLED_NAMES = 3


def _small_town(place: Place) -> bool:
    return (
        place.kind in _TOWN
        and place.population < LARGE_TOWN
        and place.geonameid >= 0  # our supplement's entries carry no population
    )


def _stray(place: Place, solid: Counter[str], names_in_country: int, dominant: int) -> bool:
    """A small town in a country that no other name of the article (other than small towns)
    is taken to be in, while another country has more of the article's names."""
    return _small_town(place) and not solid[place.country] and names_in_country < dominant


def _division_bonus(
    place: Place,
    key: str,
    divisions: dict[tuple[str, str], set[str]],
) -> float:
    """A town in a province or state the article names ("London" with "Ontario") is likelier the
    town meant."""
    if place.kind not in _TOWN or not place.admin1 or not place.country:
        return 0.0
    return DIVISION_BONUS if divisions.get((place.country, place.admin1), set()) - {key} else 0.0


#: What naming a town's province or state adds to the town's score (about a country's worth).
DIVISION_BONUS = 1.5


def same_name(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)
