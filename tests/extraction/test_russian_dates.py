"""Russian date expressions resolved against the publication date: a case table, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction.ru import dates

SAT_12_DEC_2020 = dt.date(2020, 12, 12)


@pytest.mark.parametrize(
    ("text", "written", "value", "precision"),
    [
        ("Обстрел начался 11 декабря.", "11 декабря", "2020-12-11", "day"),
        ("Это произошло 11 декабря 2020 года.", "11 декабря 2020 года", "2020-12-11", "day"),
        ("Колонна вышла 10.11.2020 утром.", "10.11.2020", "2020-11-10", "day"),
        ("За прошедшие сутки нарушений нет.", "За прошедшие сутки", "2020-12-11", "day"),
        ("За истекшие сутки всё спокойно.", "За истекшие сутки", "2020-12-11", "day"),
        # the night from the 11th into the 12th: neither day alone
        ("В ночь на 12 декабря был обстрел.", "В ночь на 12 декабря", "2020-12-11TNI", "night"),
        ("Вчера прошёл обмен.", "Вчера", "2020-12-11", "day"),
        ("Сегодня патруль вернулся.", "Сегодня", "2020-12-12", "day"),
        ("Позавчера сапёры работали.", "Позавчера", "2020-12-10", "day"),
        (
            "По состоянию на 19:30 30 августа обстрелов нет.",
            "По состоянию на 19:30 30 августа",
            "2020-08-30",
            "day",
        ),
        ("Встреча прошла в четверг.", "в четверг", "2020-12-10", "day"),  # Sat 12 Dec: Thu 10th
        ("Колонна вышла в субботу.", "в субботу", "2020-12-12", "day"),  # the day itself
        ("Это было в минувшую субботу.", "в минувшую субботу", "2020-12-05", "day"),
        ("Обмен пройдёт в следующий понедельник.", "в следующий понедельник", "2020-12-14", "day"),
        ("Соглашение подписано в ноябре 2020 года.", "в ноябре 2020 года", "2020-11", "month"),
        ("Колонны шли в ноябре.", "в ноябре", "2020-11", "month"),
        ("Бои шли в 2016 году.", "в 2016 году", "2016", "year"),
        # a day and month well after publication is last year's
        ("Пленных взяли 25 марта.", "25 марта", "2020-03-25", "day"),
        ("Это было 30 декабря.", "30 декабря", "2020-12-30", "day"),
    ],
)
def test_a_date_is_resolved(text: str, written: str, value: str, precision: str) -> None:
    found = dates.mentions(text, SAT_12_DEC_2020)
    assert [(m.text.lower(), m.date and (m.date.value, m.date.precision)) for m in found] == [
        (written.lower(), (value, precision))
    ]


def test_a_relative_date_without_publication_is_left_unresolved() -> None:
    [vague, firm] = dates.mentions("Вчера, 11 декабря 2020 года, прошёл обмен.", None)
    assert vague.date is None
    assert firm.date is not None and firm.date.value == "2020-12-11"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("За прошедшие сутки зафиксировано два нарушения.", "2020-12-11"),
        ("По состоянию на 19:30 30 ноября зафиксировано 16 взрывов.", "2020-11-30"),
        ("Сегодня прошла встреча.", None),  # no reporting period
    ],
)
def test_the_reporting_day_of_a_bulletin(text: str, day: str | None) -> None:
    found = dates.reporting_day(dates.find(text, SAT_12_DEC_2020), SAT_12_DEC_2020)
    assert (found.value if found else None) == day


def test_no_date_in_a_place_name_or_a_count() -> None:
    assert dates.mentions("В Мартунинском районе зафиксировано 5 нарушений.", SAT_12_DEC_2020) == []
