"""The Russian reader with the real model (natasha, pymorphy3): sentences written here in the
style of the Defence Ministry's bulletins and the wires, as case tables of what each yields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from ceasefire.extraction import languages
from ceasefire.extraction.ru import read
from ceasefire.extraction.ru.actors import parse_words
from ceasefire.extraction.ru.model import parse
from ceasefire.extraction.ru.places import centre_names
from ceasefire.extraction.ru.triggers import parse_rules
from ceasefire.extraction.values import Event, Extraction

pytestmark = pytest.mark.model

TUE_15_DEC_2020 = dt.date(2020, 12, 15)


def _events(text: str, published: dt.date = TUE_15_DEC_2020) -> list[Event]:
    return list(read(text, published).events)


# ---------------------------------------------------------------- triggers and modality
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "За прошедшие сутки зафиксировано два нарушения режима прекращения огня.",
            {("ceasefire-violation", "happened")},
        ),
        (
            "ВС Армении нарушили режим прекращения огня у села Тагавард.",
            {("ceasefire-violation", "happened")},
        ),
        (
            "По заявлению Минобороны Азербайджана, армянские подразделения обстреляли позиции.",
            {("shelling-artillery-missile-attack", "alleged")},
        ),
        (
            "Министерство обороны Армении опровергло сообщения об обстреле позиций.",
            {("shelling-artillery-missile-attack", "denied")},
        ),
        (
            "Азербайджанская сторона обвинила армянских военных в обстреле сёл.",
            {("shelling-artillery-missile-attack", "alleged")},
        ),
        (
            "Российские миротворцы провели патрулирование вдоль линии соприкосновения.",
            {("patrol", "happened")},
        ),
        (
            "Миротворцы обеспечили сопровождение колонн с гуманитарным грузом.",
            {("patrol", "happened")},
        ),
        (
            "Азербайджан и Армения провели обмен пленными и телами погибших.",
            {("exchange-of-detainees", "happened")},
        ),
        (
            "Стороны должны провести обмен военнопленными до конца месяца.",
            {("exchange-of-detainees", "obligation")},
        ),
        (
            "Обмен военнопленными будет проведён при посредничестве российских миротворцев.",
            {("exchange-of-detainees", "planned")},
        ),
        (
            "Сапёры провели разминирование участка дороги и обезвредили 40 снарядов.",
            {("demining", "happened")},
        ),
        (
            "В свои дома вернулись 412 вынужденных переселенцев.",
            {("other", "happened")},
        ),
        (
            "Вывод армянских войск из района завершится к 25 ноября.",
            {("withdrawal", "planned")},
        ),
        (
            "Миротворцы развернули ещё четыре наблюдательных поста.",
            {("headquarters-or-base-established", "happened")},
        ),
        (
            "Зафиксирован огонь из стрелкового оружия по позициям у села.",
            {("armed-clash", "happened")},
        ),
        # nothing happened: no event, whatever the words
        ("За истекшие сутки нарушений режима прекращения огня не зафиксировано.", set()),
        ("Ни одного нарушения режима прекращения огня за сутки не допущено.", set()),
        ("Обстрелов населённых пунктов не отмечено.", set()),
    ],
)
def test_the_events_of_a_sentence(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert {(e.type, e.modality) for e in _events(sentence)} == expected


# ---------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("sentence", "value", "unit", "approximate"),
    [
        ("Зафиксировано два нарушения режима прекращения огня.", 2, "нарушение", False),
        ("Зафиксировано 5 нарушений режима прекращения огня.", 5, "нарушение", False),
        ("Стороны обменялись телами двух военнослужащих.", 2, "военнослужащий", False),
        ("Состоялся обмен пленными: Армении переданы 44 пленных.", 44, "пленный", False),
        ("Зафиксировано 16 взрывов в районе села.", 16, "взрыв", False),
        ("Проведено патрулирование по двадцати трём маршрутам.", 23, "маршрут", False),
        ("Зафиксировано несколько нарушений режима прекращения огня.", None, "нарушение", True),
    ],
)
def test_the_count_of_an_event(
    sentence: str, value: int | None, unit: str, approximate: bool
) -> None:
    [event] = _events(sentence)
    assert event.quantity is not None
    assert (event.quantity.value, event.quantity.unit, event.quantity.approximate) == (
        value,
        unit,
        approximate,
    )


# ---------------------------------------------------------------- places
@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        # a district by its centre's adjective, the division before the town of that name
        (
            "Зафиксировано нарушение режима прекращения огня в Мартунинском районе.",
            "Martuni",
            "district",
        ),
        (
            "Зафиксировано нарушение режима прекращения огня в Аскеранском районе.",
            "Askeran",
            "district",
        ),
        (
            "Зафиксировано нарушение режима прекращения огня в Мардакертском районе.",
            "Martakert",
            "district",
        ),
        ("Миротворцы провели патрулирование в Кашатагском районе.", "Kashatagh", "district"),
        ("Зафиксировано нарушение режима прекращения огня в Гадрутском районе.", "Hadrut", "city"),
        ("Зафиксировано нарушение режима прекращения огня в Шушинском районе.", "Shusha", "city"),
        # a town in any case, by its nominative
        ("Миротворцы сопроводили колонну до Степанакерта.", "Stepanakert", "city"),
        ("Патрулирование прошло в Шуше.", "Shusha", "city"),
        # a country by its name, never a namesake town ("Армения" in Colombia)
        ("Патрулирование прошло в Армении.", "Armenia", "country"),
    ],
)
def test_the_place_of_an_event(sentence: str, name: str, kind: str) -> None:
    [event] = _events(sentence)
    assert event.place is not None
    assert (event.place.name, event.place.kind) == (name, kind)


@pytest.mark.parametrize(
    ("adjective", "centre"),
    [
        ("мартунинский", "Мартуни"),
        ("аскеранский", "Аскеран"),
        ("гадрутский", "Гадрут"),
        ("шушинский", "Шуша"),
        ("мардакертский", "Мардакерт"),
        ("кашатагский", "Кашатаг"),
        ("донецкий", "Донецк"),
    ],
)
def test_a_district_adjective_gives_its_centre_among_its_readings(
    adjective: str, centre: str
) -> None:
    assert centre in centre_names(adjective)


# ---------------------------------------------------------------- actors
@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Российские миротворцы провели патрулирование.", ("российский миротворец", "RUS", "MIL")),
        (
            "Вооружённые силы Азербайджана обстреляли позиции.",
            ("вооруженный сила азербайджан", "AZE", "MIL"),
        ),
        ("Минобороны России провело патрулирование.", ("минобороны россия", "RUS", "MIL")),
        ("ВС Армении нарушили режим прекращения огня.", ("вс армения", "ARM", "MIL")),
        (
            "Турецкие военнослужащие прибыли в центр мониторинга.",
            ("турецкий военнослужащий", "TUR", "MIL"),
        ),
        (
            "Президент Азербайджана Ильхам Алиев провёл встречу в Баку.",
            ("Ильхам Алиев", "AZE", "GOV"),
        ),
        # a country that fires acts through its forces
        ("Азербайджан обстрелял позиции у села.", ("азербайджан", "AZE", "MIL")),
        (
            "Министерство обороны Российской Федерации провело патрулирование.",
            ("министерство оборона российский федерация", "RUS", "MIL"),
        ),
        (
            "Министр обороны Турции Хулуси Акар провёл встречу в Баку.",
            ("Хулуси Акар", "TUR", "MIL"),
        ),
    ],
)
def test_the_actor_of_an_event(sentence: str, actor: tuple[str, str, str]) -> None:
    [event] = _events(sentence)
    assert actor in {(a.name, a.country, a.sector) for a in event.actors}


def test_a_country_in_an_actors_name_is_not_where_the_event_was() -> None:
    [event] = _events("Министерство обороны Армении опровергло сообщения об обстреле позиций.")
    assert event.place is None


def test_a_title_is_told_with_its_person_not_as_another_actor() -> None:
    result = read("Министр иностранных дел Армении Арарат Мирзоян провёл встречу.", None)
    assert [(a.name, a.country, a.sector) for a in result.actors] == [
        ("Арарат Мирзоян", "ARM", "GOV")
    ]


def test_the_speaker_and_the_mediator_are_not_parties() -> None:
    [event] = _events(
        "Минобороны России сообщило, что Армения и Азербайджан при посредничестве российских "
        "миротворцев провели обмен пленными."
    )
    assert {a.country for a in (*event.actors, *event.targets)} == {"ARM", "AZE"}


# ---------------------------------------------------------------- whole texts (done when)
BULLETIN = """Информационный бюллетень Министерства обороны Российской Федерации о деятельности российского миротворческого контингента

За прошедшие сутки зафиксировано два нарушения режима прекращения огня в Мартунинском районе. В Шушинском, Аскеранском и Мардакертском районах нарушений режима прекращения огня не зафиксировано.
Российские миротворцы продолжают выполнять задачи на 27 наблюдательных постах. Проведено патрулирование по 33 маршрутам, обеспечено сопровождение 12 колонн с беженцами.
Инженерно-сапёрные подразделения обследовали 3,5 гектара территории и обезвредили 16 взрывоопасных предметов."""


def test_a_defence_ministry_bulletin() -> None:
    published = dt.date(2020, 12, 12)
    events = _events(BULLETIN, published)
    [violation] = [e for e in events if e.type == "ceasefire-violation"]
    assert violation.modality == "happened"
    assert violation.quantity is not None and violation.quantity.value == 2
    assert violation.place is not None
    assert (violation.place.name, violation.place.kind, violation.place.country) == (
        "Martuni",
        "district",
        "AZE",
    )
    assert violation.date is not None and violation.date.value == "2020-12-11"  # the day before
    counted = {e.type: e.quantity.value for e in events if e.quantity}
    assert counted == {
        "ceasefire-violation": 2,
        "headquarters-or-base-established": 27,
        "patrol": 33,
        "demining": 16,
    }


def test_a_russian_text_is_routed_to_the_russian_reader() -> None:
    result = languages.read(BULLETIN, dt.date(2020, 12, 12))
    assert (result.language, result.reading) == ("ru", languages.READ)
    [violation] = [e for e in result.events if e.type == "ceasefire-violation"]
    assert violation.place is not None and violation.place.name == "Martuni"


TASS = """Армения и Азербайджан провели обмен военнопленными

СТЕПАНАКЕРТ, 14 декабря. /ТАСС/. Армения и Азербайджан в понедельник провели обмен военнопленными при посредничестве российских миротворцев. Об этом сообщили в Министерстве обороны России.
Армянской стороне переданы 44 пленных, азербайджанской — 12 военнослужащих, уточнили в ведомстве."""


def test_a_wire_report_of_an_exchange_of_prisoners() -> None:
    result = read(TASS, dt.date(2020, 12, 14))
    assert result.title == "Армения и Азербайджан провели обмен военнопленными"
    [exchange] = [e for e in result.events if e.type == "exchange-of-detainees"]
    assert exchange.modality == "happened"
    assert {a.country for a in exchange.actors} == {"ARM", "AZE"}
    assert exchange.quantity is not None
    assert (exchange.quantity.value, exchange.quantity.unit) == (44, "пленный")
    assert exchange.date is not None and exchange.date.value == "2020-12-14"


def test_the_reader_has_the_signature_every_language_reader_has() -> None:
    reader: Callable[[str, dt.date | None], Extraction] = read  # what a language table holds
    result = reader("Вчера прошло патрулирование.", None)
    assert isinstance(result, Extraction) and result.published is None
    [event] = result.events
    assert event.date is None  # "вчера" of an unknown day


def test_an_empty_text_reads_as_nothing() -> None:
    result = read("  \n ", None)
    assert (result.events, result.places, result.actors) == ((), (), ())


def test_lemmas_follow_the_tagger() -> None:
    [sentence] = parse("Двух военнослужащих передали в Мартунинском районе.").sentences
    assert [t.lemma for t in sentence.tokens][:2] == ["два", "военнослужащий"]


# ---------------------------------------------------------------- the tables
def test_a_bad_trigger_row_is_refused_with_its_line() -> None:
    with pytest.raises(ValueError, match=r"triggers.tsv:2: 'fighting' is no event type"):
        parse_rules("# a comment\nfighting\t3\tбой\n")
    with pytest.raises(ValueError, match=r"triggers.tsv:1: expected type"):
        parse_rules("patrol\tпатруль\n")


def test_a_bad_actor_row_is_refused_with_its_line() -> None:
    with pytest.raises(ValueError, match=r"actors.tsv:1: 'RU' is no ISO 3166-1 alpha-3"):
        parse_words("country\tRU\tроссийский\n")


# ---------------------------------------------------------------- quotes, datelines, lists
@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (
            "«Обстановка остаётся спокойной», — заявил командующий миротворцами Рустам Мурадов.",
            "Рустам Мурадов",
            "Обстановка остаётся спокойной",
        ),
        (
            "Никол Пашинян заявил: «Мы не допустим провокаций на границе».",
            "Никол Пашинян",
            "Мы не допустим провокаций на границе",
        ),
        ("На плакате было написано «Миру — мир» крупными буквами.", None, "Миру — мир"),
    ],
)
def test_a_quote_and_who_said_it(text: str, speaker: str | None, words: str) -> None:
    [quote] = read(text, TUE_15_DEC_2020).quotes
    assert (quote.speaker, quote.text) == (speaker, words)
    assert text[quote.span[0] : quote.span[1]] == words


def test_a_wire_dateline_dates_the_news_of_the_day() -> None:
    [event] = _events("СТЕПАНАКЕРТ, 14 декабря. /ТАСС/. Сапёры провели разминирование дороги.")
    assert event.date is not None and event.date.value == "2020-12-14"


def test_a_list_of_district_adjectives_names_districts() -> None:
    result = read("В Аскеранском и Мардакертском районах прошло патрулирование.", TUE_15_DEC_2020)
    assert {(p.place.name, p.place.kind) for p in result.places} == {
        ("Askeran", "district"),
        ("Martakert", "district"),
    }
