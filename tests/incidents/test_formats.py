"""Import formats without a store: date forms, day/month order, encodings, formula cells, the
ACLED and UCDP columns read into incidents."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.agreements.aliases import Aliases
from ceasefire.incidents import formats
from ceasefire.incidents.formats import DayMonth, FieldError, Options, Refused, Row

D, M = DayMonth.DAY_FIRST, DayMonth.MONTH_FIRST


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("2020-05-09", None, dt.date(2020, 5, 9)),
        ("2020-5-9", None, dt.date(2020, 5, 9)),
        ("2020-05-09 00:00:00.000", None, dt.date(2020, 5, 9)),  # UCDP's form
        ("9-May-20", None, dt.date(2020, 5, 9)),  # a spreadsheet's short form
        ("09-May-2020", None, dt.date(2020, 5, 9)),
        ("09 May 2020", None, dt.date(2020, 5, 9)),
        ("9 September 2020", None, dt.date(2020, 9, 9)),
        ("9 Sept 2020", None, dt.date(2020, 9, 9)),
        ("1-Jan-99", None, dt.date(1999, 1, 1)),  # two digits above 68: the 1900s
        ("May 9, 2020", None, dt.date(2020, 5, 9)),
        ("5/9/2020", M, dt.date(2020, 5, 9)),
        ("5/9/2020", D, dt.date(2020, 9, 5)),
        ("13/5/2020", D, dt.date(2020, 5, 13)),
        ("5/5/2020", None, dt.date(2020, 5, 5)),  # day = month: no order needed
        ("9.5.2020", D, dt.date(2020, 5, 9)),
        (" 2020-05-09 ", None, dt.date(2020, 5, 9)),
    ],
)
def test_every_date_form_acled_files_take(
    value: str, order: DayMonth | None, expected: dt.date
) -> None:
    assert formats.parse_date(value, order) == expected


@pytest.mark.parametrize(
    ("value", "order", "reason"),
    [
        ("5/9/2020", None, formats.AMBIGUOUS_ORDER),
        ("13/5/2020", M, "event_date: not a calendar date"),
        ("2020-02-30", None, "event_date: not a calendar date"),
        ("9-Mai-20", None, "event_date: not a known date form"),
        ("yesterday", None, "event_date: not a known date form"),
        ("", None, "event_date: not a known date form"),
    ],
)
def test_dates_refused_with_their_reason(value: str, order: DayMonth | None, reason: str) -> None:
    with pytest.raises(FieldError) as caught:
        formats.parse_date(value, order)
    assert caught.value.reason == reason
    assert "--day-first" in formats.AMBIGUOUS_ORDER


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["13/5/2020", "5/9/2020"], D),
        (["5/13/2020", "5/9/2020"], M),
        (["5/9/2020", "6/7/2020"], None),  # nothing says: ambiguous
        (["5/5/2020", "2020-05-09"], D),  # no date where the order matters
        ([], D),
        (["9-May-20"], D),
    ],
)
def test_the_day_month_order_is_read_from_the_whole_file(
    values: list[str], expected: DayMonth | None
) -> None:
    assert formats.numeric_order(values) == expected


def test_a_file_with_both_orders_is_refused() -> None:
    with pytest.raises(FieldError, match="both day-first"):
        formats.numeric_order(["13/5/2020", "5/13/2020"])


TEXT = "event_id_cnty,location\nX1,Şuşa – Füzuli\n"


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8", TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig", TEXT),
        (TEXT.encode("utf-16"), "utf-16", TEXT),
        ("id,place\n1,Café – Zürich\n".encode("cp1252"), "cp1252", "id,place\n1,Café – Zürich\n"),
        (b"id,place\n1,\x81\xe9\n", "latin-1", "id,place\n1,\x81é\n"),  # 0x81: not cp1252
    ],
)
def test_encodings_as_spreadsheets_write_them(content: bytes, encoding: str, expected: str) -> None:
    assert formats.decode(content) == (expected, encoding)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("'=already quoted", "''=already quoted"),
        ("-12.5", "-12.5"),  # a number stays a number
        ("1e-5", "1e-5"),
        ("plain", "plain"),
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_formula_cells_are_neutralised(cell: str, written: str) -> None:
    assert formats.neutralise(cell) == written
    assert formats.restore(written) == cell


@given(st.text(max_size=30))
def test_neutralising_round_trips(cell: str) -> None:
    assert formats.restore(formats.neutralise(cell)) == cell


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp\n"
)
ACLED_ROW = (
    "XYZ1,9-May-20,2020,1,Political violence,Explosions/Remote violence,"
    "Shelling/artillery/missile attack,Military Forces of Aland (2003-),,1,"
    "Military Forces of Bland (2018-),Civilians (Bland); Militia X,1,11,Civilian targeting,31,"
    "Caucasus,Azerbaijan,Region One,District Two,,Village Three,39.8177,46.7528,2,"
    "Source A; Source B,National,Shelling of the village.,3,casualties unknown,1618700000\n"
)
BLAND = Aliases.of([("AAA", "Military Forces of Aland (*)"), ("BBB", "* of Bland (*)")])


def _one(parsed: list[tuple[int, Row | Refused]]) -> Row:
    assert len(parsed) == 1
    row = parsed[0][1]
    assert isinstance(row, Row), row
    return row


def test_every_acled_column_is_read_or_kept() -> None:
    row = _one(
        list(formats.parse_acled(ACLED_HEADER + ACLED_ROW, Options("an-agreement", None, BLAND)))
    )
    data = row.data
    assert data.external_id == "XYZ1"
    assert data.occurred == "2020-05-09"
    assert data.type == "shelling-artillery-missile-attack"
    assert [(a.name, a.party, a.role) for a in data.actors] == [
        ("Military Forces of Aland (2003-)", "AAA", "actor1"),
        ("Military Forces of Bland (2018-)", "BBB", "actor2"),
        ("Civilians (Bland)", None, "associated with actor2"),
        ("Militia X", None, "associated with actor2"),
    ]
    assert row.unmapped == ("Civilians (Bland)", "Militia X")
    assert data.country == "AZE"
    assert (data.admin1, data.admin2, data.place_name) == (
        "Region One",
        "District Two",
        "Village Three",
    )
    assert (data.latitude, data.longitude) == (39.8177, 46.7528)
    assert data.location_precision == "near"
    assert data.sources == ["Source A", "Source B"]
    assert data.summary == "Shelling of the village."
    assert data.casualties[0].killed_unspecified == 3
    assert row.source_version == "1618700000"
    assert row.source_fields is not None
    for column in ("inter1", "inter2", "interaction", "civilian_targeting", "iso", "region"):
        assert row.source_fields[column]
    assert row.source_fields["tags"] == "casualties unknown"
    assert row.source_fields["source_scale"] == "National"
    assert row.source_fields["event_date"] == "9-May-20"  # as written


def test_semicolon_separated_spreadsheet_files_read_the_same() -> None:
    text = ACLED_HEADER.replace(",", ";") + ACLED_ROW.replace(",", ";").replace(
        "Source A; Source B", "Source A"
    ).replace("Civilians (Bland); Militia X", "Civilians (Bland)")
    row = _one(list(formats.parse_acled(text, Options())))
    assert row.data.external_id == "XYZ1"
    assert row.data.place_name == "Village Three"


UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,best,high,low,gwnoa,gwnob\n"
)


def _ucdp(**changes: str) -> str:
    values = {
        "id": "900001",
        "type_of_violence": "1",
        "side_a": "Government of Aland",
        "side_b": "Government of Bland",
        "dyad_name": "Government of Aland - Government of Bland",
        "source_article": "Agency 1; Agency 2",
        "source_headline": "Clash at the border",
        "where_prec": "2",
        "where_coordinates": "Village Four",
        "adm_1": "Region One province",
        "adm_2": "District Two",
        "latitude": "39.5",
        "longitude": "46.5",
        "country": "Azerbaijan",
        "date_prec": "1",
        "date_start": "2020-09-27 00:00:00.000",
        "date_end": "2020-09-27 00:00:00.000",
        "deaths_a": "2",
        "deaths_b": "1",
        "deaths_civilians": "4",
        "deaths_unknown": "0",
        "best": "7",
        "high": "9",
        "low": "7",
    } | changes
    header = UCDP_HEADER.strip().split(",")
    return UCDP_HEADER + ",".join(values.get(name, "") for name in header) + "\n"


def test_ucdp_ged_rows() -> None:
    aliases = Aliases.of([("AAA", "Government of Aland"), ("BBB", "Government of Bland")])
    row = _one(list(formats.parse_ucdp(_ucdp(), Options(None, None, aliases))))
    data = row.data
    assert data.external_id == "UCDP-900001"
    assert data.type == "armed-clash"
    assert (data.occurred, data.occurred_end) == ("2020-09-27", None)
    assert data.location_precision == "near"
    assert (data.admin1, data.admin2, data.country) == ("Region One", "District Two", "AZE")
    assert [(c.side, c.killed_military, c.killed_civilian) for c in data.casualties] == [
        ("AAA", 2, 0),
        ("BBB", 1, 0),
        ("unknown", 0, 4),
    ]
    assert data.sources == ["Agency 1", "Agency 2"]
    assert row.source_fields is not None
    assert (row.source_fields["best"], row.source_fields["low"], row.source_fields["high"]) == (
        "7",
        "7",
        "9",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"type_of_violence": "3"}, ("attack", "2020-09-27", None, None)),
        (
            {"date_prec": "4", "date_end": "2020-09-30"},
            ("armed-clash", "2020-09-27", "2020-09-30", None),
        ),
        ({"date_prec": "3"}, ("armed-clash", "2020-09-27", None, "week")),
    ],
)
def test_ucdp_types_and_date_precisions(
    changes: dict[str, str], expected: tuple[str, str, str | None, str | None]
) -> None:
    data = _one(list(formats.parse_ucdp(_ucdp(**changes), Options()))).data
    precision = data.time_precision.value if data.time_precision else None
    assert (data.type, data.occurred, data.occurred_end, precision) == expected


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"type_of_violence": "4"}, "type_of_violence: expected 1, 2 or 3"),
        ({"date_end": "2020-09-01"}, "date_end: before date_start"),
        ({"deaths_a": "many"}, "deaths_a: not a number"),
    ],
)
def test_ucdp_rows_refused_with_their_reason(changes: dict[str, str], reason: str) -> None:
    [(line, refused)] = list(formats.parse_ucdp(_ucdp(**changes), Options()))
    assert line == 2
    assert isinstance(refused, Refused)
    assert refused.reason == reason
