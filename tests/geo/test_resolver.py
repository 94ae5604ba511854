"""The resolver's rules, each with a case table, on the real gazetteer; the division helpers pure."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.geo.distance import haversine_km
from ceasefire.geo.divisions import divisions, extent_middle, short_name, without_strays
from ceasefire.geo.gazetteer import load
from ceasefire.geo.resolver import resolve_names
from ceasefire.geo.unknown import article_focus, inner_candidates


@pytest.mark.parametrize(
    ("names", "index", "country"),
    [
        # a province or state the article names decides between namesakes
        (["London", "Ontario"], 0, "CAN"),
        (["London", "London", "London", "London", "Ontario"], 0, "CAN"),  # repeats are no context
        (["London"], 0, "GBR"),
        (["Paris", "Texas"], 0, "USA"),
        (["Paris"], 0, "FRA"),
        # towns named next to each other
        (["Edmonton", "Enfield", "Tottenham"], 0, "GBR"),
        (["Edmonton", "Alberta"], 0, "CAN"),
        (["Florida", "Miami"], 0, "USA"),  # the state, not the village in New York
        # an alternate name is pulled by its neighbours as an own name is (Martuni is Khojavend)
        (["Lachin", "Aghdam", "Yerevan", "Kalbajar", "Askeran", "Martuni"], 5, "AZE"),
        # in an article about one country, a small foreign namesake is not meant
        (["Manchester", "Leeds", "Sheffield", "Liverpool", "Cheshire"], 4, "GBR"),
        (["Baku", "Shusha", "Aghdam", "Lachin", "Yerevan"], 4, "ARM"),  # ours have no population
        # small namesakes abroad do not vouch for each other's country
        (
            [
                "Silverstone",
                "Leicestershire",
                "Northamptonshire",
                "Yorkshire",
                "Cheshire",
                "Rockingham",
                "UK",
            ],
            3,
            "GBR",
        ),
        # an article of small towns of one country keeps them, with nothing else named
        (["Cheshire", "Wallingford", "Meriden", "Southington"], 0, "USA"),
        # a province found by its name without the designator ("Province of Laguna")
        (["Philippine", "Calamba", "Laguna"], 2, "PHL"),
        # a large province's name means it, not a namesake hamlet near the article's towns
        (["Calgary", "Alberta", "Queensland"], 2, "AUS"),
    ],
)
def test_context_decides_between_namesakes(names: list[str], index: int, country: str) -> None:
    place = resolve_names(load(), names)[index].place
    assert place is not None
    assert place.country == country, place


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Syrian", "SYR", "country"),
        ("Arab", "", "region"),  # the Arab world, not the town in Alabama
        ("Sahara", "", "region"),  # physical regions, not a village in Yemen
        ("Sinai", "EGY", "region"),
        ("Alps", "", "region"),
        ("Sicilian", "ITA", "admin1"),  # what a division's people are called
        ("Tamil", "IND", "admin1"),
        ("Texan", "USA", "state"),
        ("Crimean", "UKR", "region"),
        ("French", "FRA", "country"),
        ("Salvadoran", "SLV", "country"),
        ("Maltese", "MLT", "country"),
        ("Canadian", "CAN", "country"),  # not the village in Texas
        ("Czech Republic", "CZE", "country"),
        ("Russian Federation", "RUS", "country"),
        ("Democratic People's Republic of Korea", "PRK", "country"),
        ("North Korean", "PRK", "country"),  # the second KP row no longer hides the first
        ("Holland", "NLD", "country"),
        ("Mexico", "MEX", "country"),  # not the state of Mexico
        ("NSW", "AUS", "admin1"),
        ("Zhejiang", "CHN", "admin1"),  # "Zhejiang Sheng" in the source list
    ],
)
def test_names_of_countries_and_divisions(name: str, country: str, kind: str) -> None:
    place = resolve_names(load(), [name])[0].place
    assert place is not None
    assert (place.country, place.kind) == (country, kind), place


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        # approximate centres of the territories, as atlases give them
        ("Ontario", 50.0, -85.0),
        ("Manitoba", 55.0, -97.0),
        ("British Columbia", 54.0, -125.0),
        ("Saskatchewan", 54.0, -106.0),
        ("Queensland", -20.0, 145.0),
        ("Zhejiang", 29.0, 120.0),  # from its towns
        ("Bavaria", 49.0, 11.5),  # from its towns
    ],
)
def test_divisions_lie_near_their_centre(name: str, lat: float, lon: float) -> None:
    place = resolve_names(load(), [name])[0].place
    assert place is not None
    assert place.kind == "admin1"
    assert haversine_km(place.lat, place.lon, lat, lon) < 150, place


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("Western", "Western world"),  # the bloc, never a province of the Gambia
        ("West", "Western world"),
        ("Northern", None),
        ("Central", None),
        ("SA", None),
        ("OAS", None),
        ("CHU", None),  # a hospital, not a Vietnamese town of 128,000
        ("LA", "Los Angeles"),
        ("DC", "Washington"),
        ("SF", "San Francisco"),
    ],
)
def test_compass_words_and_acronyms(name: str, meant: str | None) -> None:
    """A lone compass word is no town or province (only "the West" as a bloc); an acronym is a
    country, state or metropolis only."""
    result = resolve_names(load(), [name])[0]
    assert (result.place.name if result.place else None) == meant, result


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Bank of Japan", "JPN", "country"),
        ("Manitoba Chambers of Commerce", "CAN", "admin1"),
        ("US Federal Reserve", "USA", "country"),
        ("European Central Bank", "", "continent"),
        ("Dubai World Cup", "ARE", "city"),
        ("British Embassy Tokyo", "JPN", "city"),  # an adjective says whose, not where
        ("Royal Street", None, None),  # streets are named after places anywhere
        ("West Wing", None, None),  # a compass word alone names nothing
        ("Summit of the Americas", "", "region"),  # a region of many countries is enough
    ],
)
def test_places_named_inside_unknown_names(
    name: str, country: str | None, kind: str | None
) -> None:
    found = inner_candidates(load(), name)
    if country is None:
        assert found == []
        return
    assert any(p.country == country and p.kind == kind for p, _ in found), found


def test_an_unknown_name_is_placed_at_the_place_inside_it_before_the_focus() -> None:
    resolved = resolve_names(load(), ["Winnipeg", "Japan", "Bank of Japan"])
    assert resolved[2].fallback
    assert resolved[2].place is not None
    assert resolved[2].place.country == "JPN"


def test_a_place_inside_an_unknown_name_can_make_the_focus() -> None:
    names = ["Louisiana", "Lafayette", "Franklin", "New Orleans Railways Company", "Royal Street"]
    street = resolve_names(load(), names)[4]
    assert street.fallback
    assert street.place is not None
    assert street.place.name == "New Orleans"


@pytest.mark.parametrize(
    ("names", "country"),
    [
        # the focus lies in the country the article names most, even with no town of it named
        (["Moscow", "Syria", "Syrian", "Syria"], "SYR"),
        (["Liverpool", "Cairo", "Egypt", "Egyptian"], "EGY"),
        (["Baku", "Shusha", "Azerbaijan"], "AZE"),
    ],
)
def test_article_focus_follows_the_country_named_most(names: list[str], country: str) -> None:
    places = [r.place for r in resolve_names(load(), names)]
    focus = article_focus(places)
    assert focus is not None
    assert focus.country == country


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Zhejiang Sheng", "Zhejiang"),
        ("Guangxi Zhuangzu Zizhiqu", "Guangxi"),
        ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
        ("Idlib Governorate", "Idlib"),
        ("Province of Laguna", "Laguna"),  # the designator in front
        ("Provincia de Buenos Aires", "Buenos Aires"),
        ("Ontario", "Ontario"),
        ("Province", "Province"),  # never empty
    ],
)
def test_short_name(name: str, short: str) -> None:
    assert short_name(name) == short


def test_a_stray_town_does_not_stretch_its_division() -> None:
    towns = [(30.0, 120.0), (30.5, 120.4), (29.5, 119.8), (31.0, 121.0), (36.0, 103.0)]
    kept = without_strays(towns)
    assert (36.0, 103.0) not in kept
    assert extent_middle(kept) == pytest.approx((30.25, 120.4))


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(10.0, 20.0)], [(10.0, 20.0)]),  # too few to judge
        ([(10.0, 20.0), (50.0, 60.0)], [(10.0, 20.0), (50.0, 60.0)]),
        ([(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)], [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)]),
    ],
)
def test_without_strays_keeps_what_it_cannot_judge(
    points: list[tuple[float, float]], expected: list[tuple[float, float]]
) -> None:
    assert without_strays(points) == expected


def test_extent_middle_across_the_antimeridian_takes_the_median() -> None:
    assert extent_middle([(-17.0, 179.0), (-18.0, -179.5), (-16.5, 178.5)]) == (-17.0, 178.5)


def test_divisions_are_named_through_the_city_list(tmp_path: Path) -> None:
    rg = tmp_path / "rg.csv"
    rg.write_text(
        "lat,lon,name,admin1,admin2,cc\n"
        "40.18111,44.51361,Yerevan,Yerevan,,AM\n"  # the other list has it 0.01 degrees off
        "40.2595,44.73086,Zarr,Kotayk'i Marz,,AM\n"
        "40.32053,44.48139,Yeghvard,Kotayk'i Marz,Nairi,AM\n"
        "48.58,7.75,Strasbourg,Alsace,,FR\n"
        "49.12,6.18,Metz,Lorraine,,FR\n"
        "49.11,6.17,Woippy,Lorraine,,FR\n",
        encoding="utf-8",
    )
    cities = [
        {"countrycode": "AM", "admin1code": "11", "name": "Yerevan",
         "latitude": 40.17702, "longitude": 44.50349},
        {"countrycode": "AM", "admin1code": "05", "name": "Zarr",
         "latitude": 40.2595, "longitude": 44.73086},
        {"countrycode": "FR", "admin1code": "44", "name": "Metz", "latitude": 49.12, "longitude": 6.18},
        {"countrycode": "FR", "admin1code": "44", "name": "Woippy", "latitude": 49.11, "longitude": 6.17},
        {"countrycode": "FR", "admin1code": "44", "name": "Strasbourg",
         "latitude": 48.58, "longitude": 7.75},
    ]  # fmt: skip
    found = {(d.country, d.name): d for d in divisions(cities, rg, points={}, skip_admin1=set())}
    assert found[("AM", "Yerevan")].admin1 == "11"
    assert found[("AM", "Kotayk'i Marz")].alternates == ("Kotayk'i",)
    assert found[("FR", "Lorraine")].admin1 == "44"  # the name most of the code's towns carry
    assert found[("FR", "Alsace")].admin1 == "44"  # an older division is kept
    assert found[("AM", "Nairi")].kind == "admin2"
    assert found[("AM", "Nairi")].admin1 == "05"


def test_an_unknown_name_inside_a_region_of_many_countries_is_placed_in_it() -> None:
    result = resolve_names(load(), ["Summit of the Americas"])[0]
    assert result.place is not None and result.fallback
    assert (result.place.name, result.place.country) == ("Americas", "")
