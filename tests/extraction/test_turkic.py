"""The Turkish and Azerbaijani readers (`extraction/turkic.py` over `extraction/native.py`), on
texts written here in the style of Anadolu and APA, with the real gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction import readertables, tongue
from ceasefire.extraction.turkic import (
    AZ_SUFFIXES,
    AZERBAIJANI,
    TR_SUFFIXES,
    TURKISH,
    az_dates,
    lower,
    name_forms,
    read_az,
    read_tr,
    tr_dates,
)
from ceasefire.extraction.values import Event, Extraction, ResolvedDate
from ceasefire.geo.gazetteer import load

PUBLISHED = dt.date(2020, 12, 15)
DAY_BEFORE = "2020-12-14"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("IĞDIR", "ığdır"),
        ("İstanbul", "istanbul"),
        ("Ağdam", "ağdam"),
        ("Xocavənd", "xocavənd"),
    ],
)
def test_lower_case_keeps_the_dotted_and_dotless_i(word: str, expected: str) -> None:
    assert lower(word) == expected


@pytest.mark.parametrize(
    ("word", "suffixes", "form"),
    [
        ("Şuşa'da", TR_SUFFIXES, "Şuşa"),
        ("Ağdam’a", TR_SUFFIXES, "Ağdam"),
        ("Ermenistan'ın", TR_SUFFIXES, "Ermenistan"),
        ("Laçında", TR_SUFFIXES, "Laçın"),
        ("Xocavəndin", AZ_SUFFIXES, "Xocavənd"),
        ("Bakıdan", AZ_SUFFIXES, "Bakı"),
        ("Tərtərdə", AZ_SUFFIXES, "Tərtər"),
        ("Ağdamdakı", AZ_SUFFIXES, "Ağdam"),
        ("Füzulidə", AZ_SUFFIXES, "Füzuli"),
        ("Qubadlı", AZ_SUFFIXES, "Qubadlı"),
    ],
)
def test_a_names_forms_include_its_nominative(
    word: str, suffixes: tuple[str, ...], form: str
) -> None:
    forms = name_forms(word, suffixes)
    assert form in forms
    assert forms[0] == (word.replace("’", "'").split("'")[0])  # the word itself first


def test_an_apostrophe_form_gives_only_the_name() -> None:
    assert name_forms("Şuşa'dan", TR_SUFFIXES) == ["Şuşa"]
    assert name_forms("Ali", TR_SUFFIXES) == ["Ali"]  # no ending leaves fewer than 3 letters


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        (tr_dates, "11 Aralık 2020 tarihinde", [("2020-12-11", tongue.SURE)]),
        (tr_dates, "14 Aralık'ta yapılan takas", [("2020-12-14", tongue.FAIR)]),
        (tr_dates, "dün gerçekleştirildi", [(DAY_BEFORE, tongue.SURE)]),
        (tr_dates, "son 24 saatte", [(DAY_BEFORE, tongue.FAIR)]),
        (tr_dates, "bugün açıklandı", [("2020-12-15", tongue.SURE)]),
        (tr_dates, "dünya basını", []),  # "dün" inside a word is no date
        (az_dates, "11 dekabr 2020-ci il", [("2020-12-11", tongue.SURE)]),
        (az_dates, "2020-ci il dekabrın 10-da", [("2020-12-10", tongue.SURE)]),
        (az_dates, "dekabrın 14-də", [("2020-12-14", tongue.FAIR)]),
        (az_dates, "dünən axşam", [(DAY_BEFORE, tongue.SURE)]),
        (az_dates, "ötən sutka ərzində", [(DAY_BEFORE, tongue.FAIR)]),
        (az_dates, "30 fevral 2020", []),  # no such day
        (tr_dates, "15.12.2020 tarihli açıklama", [("2020-12-15", tongue.SURE)]),
        (az_dates, "14/12/2020", [("2020-12-14", tongue.SURE)]),
        (tr_dates, "31.02.2020", []),
    ],
)
def test_dates_are_resolved_against_the_publication_date(
    reader: object, text: str, expected: list[tuple[str, float]]
) -> None:
    assert callable(reader)
    found = reader(text, PUBLISHED)
    assert [(d.date.value, d.confidence) for d in found] == expected


def test_a_day_without_a_year_well_after_publication_is_of_the_year_before() -> None:
    assert [d.date.value for d in tr_dates("28 Aralık'ta", dt.date(2021, 1, 10))] == ["2020-12-28"]
    assert [d.date.value for d in az_dates("28 dekabrda", dt.date(2020, 12, 15))] == [
        "2020-12-28"
    ]  # a fortnight ahead: announced for this year


def test_no_publication_date_no_relative_date() -> None:
    assert tr_dates("dün 11 Aralık'ta", None) == []
    assert [d.date.value for d in az_dates("11 dekabr 2020-ci il", None)] == ["2020-12-11"]


def _only(extraction: Extraction, event_type: str) -> Event:
    found = [e for e in extraction.events if e.type == event_type]
    assert len(found) == 1, [e.as_json() for e in extraction.events]
    return found[0]


def _countries(event: Event) -> set[str | None]:
    return {a.country for a in (*event.actors, *event.targets)}


# (sentence, type, modality, place, count, date): None where the sentence gives none
Case = tuple[str, str | None, str | None, str | None, int | None, str | None]
TURKISH_CASES: list[Case] = [
    ("Azerbaycan ile Ermenistan arasında 12 esir takası gerçekleştirildi.",
     "exchange-of-detainees", "happened", None, 12, None),
    ("Ermenistan silahlı kuvvetleri dün gece Ağdam yönünde Azerbaycan ordusunun mevzilerini "
     "ateşe tuttu.", "shelling-artillery-missile-attack", "happened", "Aghdam", None, DAY_BEFORE),
    ("Rus barış gücü Laçın koridorunda devriye görevine başladı.",
     "patrol", "happened", "Lachin", None, None),
    ("Azerbaycan Milli Savunma Bakanlığı, Ermenistan'ın ateşkesi ihlal etmediğini açıkladı.",
     "ceasefire-violation", "denied", None, None, None),
    ("Ağdam'da mayın temizleme çalışmaları sürüyor.", "demining", "happened", "Aghdam", None,
     None),
    ("Kızılhaç aracılığıyla 3 cenaze teslim edildi.",
     "exchange-of-detainees", "happened", None, 3, None),
    ("Ermeni güçleri Şuşa'dan geri çekildi.", "withdrawal", "happened", "Shusha", None, None),
    ("Hocavend bölgesinde ateşkes ihlali kaydedildi.",
     "ceasefire-violation", "happened", "Martuni", None, None),
    ("Tarafların önümüzdeki hafta yeni bir esir takası yapması bekleniyor.",
     "exchange-of-detainees", "planned", None, None, None),
    ("Ermenistan, Azerbaycan'ın Tovuz bölgesinde ateşkes rejimini bozduğunu iddia etti.",
     "ceasefire-violation", "alleged", "Tovuz", None, None),
    ("Son 24 saatte cephe hattında 7 kez ateşkes ihlali yaşandı.",
     "ceasefire-violation", "happened", None, 7, DAY_BEFORE),
    ("Azerbaycan ile Ermenistan arasında on beş esir takas edildi.",
     "exchange-of-detainees", "happened", None, 15, None),
    ("Bakü'de hava bugün güneşli olacak.", None, None, None, None, None),
    ("Bakanlık, Ermenistan'ın Ağdam'a ateş açtığını açıkladı.",
     "shelling-artillery-missile-attack", "happened", "Aghdam", None, None),
    ("Bakanlık, ateşkesin korunduğunu açıkladı.", None, None, None, None, None),  # not "ateş aç"
    ("Azerbaycan ordusuna ait SİHA, Ermeni mevzilerini vurdu.",
     "air-drone-strike", "happened", None, None, None),
    ("Ağdam yakınlarında iki taraf arasında çatışma çıktı.",
     "armed-clash", "happened", "Aghdam", None, None),
    ("Çatışmaların sona ermesinin ardından bölgede sükunet hakim.", None, None, None, None, None),
]  # fmt: skip
AZERBAIJANI_CASES: list[Case] = [
    ("Azərbaycan və Ermənistan arasında 44 əsir mübadiləsi həyata keçirilib.",
     "exchange-of-detainees", "happened", None, 44, None),
    ("Ermənistan silahlı qüvvələri dünən Ağdam rayonunun kəndlərini atəşə tutub.",
     "shelling-artillery-missile-attack", "happened", "Agdam", None, DAY_BEFORE),
    ("Rusiya sülhməramlıları Laçın dəhlizində patrul xidmətini davam etdirir.",
     "patrol", "happened", "Lachin", None, None),
    ("Müdafiə Nazirliyinin məlumatına görə, ötən sutka ərzində atəşkəs rejimi pozulmayıb.",
     "ceasefire-violation", "denied", None, None, DAY_BEFORE),
    ("Ağdam rayonunda minalardan təmizləmə işləri aparılıb.",
     "demining", "happened", "Agdam", None, None),
    ("Xocavənd rayonu istiqamətində atəşkəs rejimi 3 dəfə pozulub.",
     "ceasefire-violation", "happened", "Martuni", 3, None),
    ("Beynəlxalq Qırmızı Xaç Komitəsinin vasitəçiliyi ilə 5 hərbçinin meyitləri təhvil verilib.",
     "exchange-of-detainees", "happened", None, 5, None),
    ("Erməni hərbçiləri Şuşa şəhərindən geri çəkilib.", "withdrawal", "happened", "Shusha",
     None, None),
    ("Yaxın günlərdə yeni əsir mübadiləsinin keçiriləcəyi gözlənilir.",
     "exchange-of-detainees", "planned", None, None, None),
    ("Ermənistan tərəfi Azərbaycanın atəşkəs rejimini pozduğunu iddia edib.",
     "ceasefire-violation", "alleged", None, None, None),
    ("2020-ci il dekabrın 10-da Füzuli rayonunda patrul həyata keçirilib.",
     "patrol", "happened", "Fuzuli", None, "2020-12-10"),
    ("Bakıda hava bu gün yağışlı olacaq.", None, None, None, None, None),
    ("Ermənistan PUA-sı Tovuz rayonunun kəndlərinə zərbə endirib.",
     "air-drone-strike", "happened", "Tovuz", None, None),
    ("Sərhəddə tərəflər arasında toqquşma baş verib.",
     "armed-clash", "happened", None, None, None),
    ("Toqquşmalar zamanı dağıdılan evlər bərpa olunur.", None, None, None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reader", "case"),
    [(read_tr, c) for c in TURKISH_CASES] + [(read_az, c) for c in AZERBAIJANI_CASES],
    ids=[c[0][:40] for c in TURKISH_CASES + AZERBAIJANI_CASES],
)
def test_a_sentence_gives_its_event(reader: object, case: Case) -> None:
    sentence, etype, modality, place, count, date = case
    assert callable(reader)
    result = reader(sentence, PUBLISHED)
    if etype is None:
        assert result.events == ()
        return
    event = _only(result, etype)
    assert event.modality == modality
    assert (event.place.name if event.place else None) == place
    assert (event.quantity.value if event.quantity else None) == count
    assert (event.date.value if event.date else None) == date


ANADOLU = """Azerbaycan ile Ermenistan arasında esir takası yapıldı
BAKÜ (AA) - Azerbaycan ile Ermenistan arasında 14 Aralık 2020'de 15 esir takası gerçekleştirildi.
Azerbaycan Dışişleri Bakanlığından yapılan açıklamada, takasın Rus barış gücünün arabuluculuğuyla \
yapıldığı belirtildi.
"""
APA = """Azərbaycan ilə Ermənistan arasında əsir mübadiləsi aparılıb
Bakı. 15 dekabr. APA. Azərbaycan ilə Ermənistan arasında 2020-ci il dekabrın 14-də 44 əsir \
mübadiləsi həyata keçirilib.
Mübadilə Rusiya sülhməramlılarının vasitəçiliyi ilə baş tutub.
"""


@pytest.mark.parametrize(("reader", "text", "count"), [(read_tr, ANADOLU, 15), (read_az, APA, 44)])
def test_an_exchange_of_prisoners_with_its_count_parties_and_date(
    reader: object, text: str, count: int
) -> None:
    assert callable(reader)
    event = _only(reader(text, PUBLISHED), "exchange-of-detainees")
    assert event.modality == "happened"
    assert event.quantity is not None and event.quantity.value == count
    assert {"AZE", "ARM"} <= {a.country for a in event.actors}
    assert event.date is not None and event.date.value == DAY_BEFORE
    assert dict(event.field_confidence)["date"] == tongue.SURE  # the year is written


MOD_TR = """Azerbaycan MSB: Ermenistan ateşkesi ihlal etti
Azerbaycan Milli Savunma Bakanlığı, Ermenistan silahlı kuvvetlerinin son 24 saatte Hocavend \
bölgesinde ateşkesi 5 kez ihlal ettiğini açıkladı.
"""
MOD_AZ = """Ermənistan atəşkəs rejimini pozub
Azərbaycan Müdafiə Nazirliyinin məlumatına görə, ötən sutka ərzində Ermənistan silahlı \
qüvvələri Xocavənd rayonu istiqamətində atəşkəs rejimini iki dəfə pozub.
"""


@pytest.mark.parametrize(("reader", "text", "count"), [(read_tr, MOD_TR, 5), (read_az, MOD_AZ, 2)])
def test_ceasefire_violations_in_a_district_are_placed_in_it(
    reader: object, text: str, count: int
) -> None:
    assert callable(reader)
    event = _only(reader(text, PUBLISHED), "ceasefire-violation")
    assert event.place is not None
    assert (event.place.name, event.place.kind, event.place.country) == (
        "Martuni",
        "district",
        "AZE",
    )
    assert event.quantity is not None and event.quantity.value == count
    assert event.date is not None and event.date.value == DAY_BEFORE
    # the ministry tells of it; Armenia's forces did it
    assert [a.country for a in event.actors] == ["ARM"]
    assert event.actors[0].sector == "MIL"


@pytest.mark.parametrize(
    ("reader", "text", "word"),
    [(read_tr, MOD_TR, "Hocavend"), (read_az, MOD_AZ, "Xocavənd"), (read_tr, ANADOLU, "BAKÜ")],
)
def test_a_place_found_only_by_transliteration_is_said_to_be_unsure(
    reader: object, text: str, word: str
) -> None:
    assert callable(reader)
    result = reader(text, PUBLISHED)
    spans = {s for p in result.places for s in p.mentions}
    start = text.index(word)
    assert any(s[0] == start for s in spans), word
    in_own_spelling = bool(load().as_written(word))
    for event in result.events:
        if event.place and event.span[0] <= start < event.span[1]:
            expected = tongue.SURE if in_own_spelling else tongue.UNSURE
            assert dict(event.field_confidence)["place"] == expected


def test_a_country_named_alone_is_a_place_and_an_actor() -> None:
    result = read_tr("Ermenistan ateşkesi ihlal etti.", PUBLISHED)
    assert [(p.place.name, p.place.kind) for p in result.places] == [("Armenia", "country")]
    assert [(a.country, a.sector) for a in result.actors] == [("ARM", "GOV")]
    event = _only(result, "ceasefire-violation")
    assert [(a.country, a.sector) for a in event.actors] == [("ARM", "MIL")]


def test_capitalised_words_that_name_no_place_here_are_not_places() -> None:
    # "Milli", "Savunma" and a person's name are capitalised; none is a place of this article
    result = read_tr(
        "Milli Savunma Bakanı Hulusi Akar, Bakü'de Azerbaycanlı mevkidaşıyla görüştü.", PUBLISHED
    )
    assert [p.place.name for p in result.places] == ["Baku"]


def test_every_table_row_of_both_languages_is_read() -> None:
    for language in (TURKISH, AZERBAIJANI):
        t = readertables.tables(language.code)
        assert len(t.triggers) >= 30 and t.countries and t.roles


def test_the_publication_date_is_read_from_the_dateline_when_not_given() -> None:
    text = (
        "Esir takası yapıldı\nBAKÜ, 15 Aralık 2020 (AA) - Azerbaycan ile Ermenistan arasında dün "
        "15 esir takası gerçekleştirildi."
    )
    result = read_tr(text, None)
    assert (result.published, result.published_found) == (PUBLISHED, True)
    assert _only(result, "exchange-of-detainees").date == ResolvedDate(DAY_BEFORE, "day")
    given = read_tr(text, dt.date(2020, 12, 16))  # a given date wins
    assert (given.published, given.published_found) == (dt.date(2020, 12, 16), False)
    # a day without its year says nothing on its own
    assert read_az("Bakı, 15 dekabr, APA. Əsir mübadiləsi aparılıb.", None).published is None
