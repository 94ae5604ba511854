"""Date resolution against the publication date: a case table, no model."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from ceasefire.extraction.dates import find_date_expressions, find_publication_date, resolve

WED_11_NOV_2020 = dt.date(2020, 11, 11)


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("on Tuesday", "2020-11-10", "day"),
        ("on Wednesday", "2020-11-11", "day"),  # the publication day itself
        ("on Thursday", "2020-11-05", "day"),  # the most recent one on or before publication
        ("last Wednesday", "2020-11-04", "day"),
        ("next Monday", "2020-11-16", "day"),
        ("in the early hours of Tuesday", "2020-11-10", "day"),
        ("yesterday", "2020-11-10", "day"),
        ("today", "2020-11-11", "day"),
        ("tomorrow", "2020-11-12", "day"),
        ("three days ago", "2020-11-08", "day"),
        ("last week", "2020-W45", "week"),
        ("late September", "2020-09", "month"),
        ("in December", "2019-12", "month"),  # a month after publication means last year's
        ("this month", "2020-11", "month"),
        ("last month", "2020-10", "month"),
        ("by the end of this month", "2020-11-30", "day"),
        ("by the end of next month", "2020-12-31", "day"),
        ("the end of February", "2020-02-29", "day"),
        ("11 November, 2020", "2020-11-11", "day"),
        ("November 11, 2020", "2020-11-11", "day"),
        ("on 9 November", "2020-11-09", "day"),
        ("on November 9", "2020-11-09", "day"),
        ("10 Nov", "2020-11-10", "day"),
        ("2020-12-01", "2020-12-01", "day"),
        ("25/11/2020", "2020-11-25", "day"),
        ("in September 2023", "2023-09", "month"),
        ("since 1994", "1994", "year"),
        ("last year", "2019", "year"),
    ],
)
def test_resolve(expression: str, value: str, precision: str) -> None:
    resolved = resolve(expression, WED_11_NOV_2020)
    assert resolved is not None, expression
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize("expression", ["he may go", "the meeting", "a quarter-century"])
def test_not_dates(expression: str) -> None:
    assert resolve(expression, WED_11_NOV_2020) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\n3 min read\n11 November, 2020\nBody on Tuesday.", dt.date(2020, 11, 11)),
        ("Title\nPublished: November 12, 2020\nBody", dt.date(2020, 11, 12)),
        ("Title\nWednesday, 11 November 2020 08:00 GMT\nBody", dt.date(2020, 11, 11)),
        ("Title\nNothing here but on Tuesday the army moved.\n", None),
    ],
)
def test_find_publication_date(text: str, expected: dt.date | None) -> None:
    assert find_publication_date(text) == expected


def test_date_expressions_do_not_overlap() -> None:
    text = "By the end of this month they must leave; on Tuesday, 10 November, talks began."
    found = find_date_expressions(text)
    spans = [(s, e) for s, e, _ in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert "the end of this month" in [t for _, _, t in found]


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("in the 1990s", "199", "decade"),
        ("the first quarter", "2020-Q1", "quarter"),
        ("last winter", "2019-WI", "season"),
        ("now", "PRESENT_REF", "reference"),
        ("recently", "PAST_REF", "reference"),
    ],
)
def test_resolve_timeml_values(expression: str, value: str, precision: str) -> None:
    resolved = resolve(expression, WED_11_NOV_2020)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)
