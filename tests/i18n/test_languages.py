"""The language of the work in hand: the browser's choice read from Accept-Language, one holder per
request and thread, the enum words and labels the catalogues must carry."""

from __future__ import annotations

import contextvars
import datetime as dt
import threading
from enum import StrEnum

import pytest

from ceasefire import i18n, labels
from ceasefire.accounts.roles import ROLE_HELP, Role
from ceasefire.agreements.specs import Effect
from ceasefire.alerts.rules import Rule as AlertRule
from ceasefire.complaints.schemas import ComplaintStatus
from ceasefire.compliance.rows import Status
from ceasefire.force.csvfiles import Kind as ForceKind
from ceasefire.force.models import MovementKind, PostKind
from ceasefire.incidents.models import Finding, IncidentStatus
from ceasefire.incidents.schemas import Channel, LocationPrecision, TimePrecision
from ceasefire.ingest.models import CandidateStatus
from ceasefire.jobs.models import JobStatus
from ceasefire.taxonomy.incident_types import TAXONOMY
from ceasefire.verification.rules import Rule as VerificationRule
from ceasefire.verification.rules import Verdict
from ceasefire.web import timeline
from ceasefire.web.i18n import request_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("tr-TR,tr;q=0.9,en;q=0.8", "tr"),
        ("en-GB,en;q=0.9", "en"),
        ("de-DE,de;q=0.9", "en"),
        ("az-AZ,az;q=0.9,tr;q=0.8", "tr"),  # Azerbaijani readers often read Turkish
        ("hy,ru;q=0.6", "ru"),
        ("en;q=0.3,ru;q=0.5", "ru"),
        ("tr;q=0,ru;q=0.1", "ru"),  # q=0 means "not this one"
        ("RU", "ru"),
        ("ru;q=abc", "en"),  # a malformed quality counts as zero
        ("*", "en"),
        ("", "en"),
        (None, "en"),
        ("ru,tr", "ru"),  # equal qualities: the first wins
    ],
)
def test_the_browser_s_language(header: str | None, language: str) -> None:
    assert i18n.negotiate(header) == language


@pytest.mark.parametrize(
    ("cookie", "accept", "language"),
    [
        ("ceasefire_lang=tr", "ru", "tr"),
        ("other=1; ceasefire_lang=ru", "tr", "ru"),
        ("ceasefire_lang=de", "tr", "tr"),  # not a language of the pages: the browser decides
        ('ceasefire_lang="', "ru", "ru"),  # a malformed cookie header loses only the preference
        (None, "tr-TR", "tr"),
        (None, None, "en"),
    ],
)
def test_the_language_before_the_user_is_known(
    cookie: str | None, accept: str | None, language: str
) -> None:
    assert request_language(cookie, accept) == language


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [("en", "Dec 11, 2020", "1,250.5"), ("ru", "11 дек. 2020\u202fг.", "1\xa0250,5"),
     ("tr", "11 Ara 2020", "1.250,5")],
)  # fmt: skip
def test_dates_and_numbers_as_each_language_writes_them(
    language: str, date: str, number: str
) -> None:

    with i18n.use_language(language):
        assert i18n.format_date(dt.date(2020, 12, 11)) == date
        assert i18n.format_number(1250.5) == number


def test_each_thread_and_request_has_its_own_language() -> None:
    """Two pieces of work in two languages at once never see each other's: no global catalogue."""
    barrier = threading.Barrier(2)
    seen: dict[str, list[str]] = {"ru": [], "tr": []}

    def work(language: str) -> None:
        with i18n.use_language(language):
            for _n in range(50):
                barrier.wait()
                seen[language].append(i18n._("Sign in"))

    threads = [threading.Thread(target=work, args=(lang,)) for lang in seen]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert set(seen["ru"]) == {"Войти"} and set(seen["tr"]) == {"Giriş yap"}
    assert len(seen["ru"]) == len(seen["tr"]) == 50
    assert i18n.language() == "en" and i18n._("Sign in") == "Sign in"


def test_a_request_s_holder_is_changed_where_a_copy_of_the_context_runs() -> None:
    """FastAPI runs a sync dependency in a thread with a copy of the context: the account's
    language it sets must reach the handler, as the holder (not the variable) is changed."""

    token = i18n.begin("en")
    try:
        contextvars.copy_context().run(i18n.set_language, "tr")
        assert i18n.language() == "tr"
    finally:
        i18n.end(token)
    assert i18n.language() == "en"


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"language 'de': one of en, ru, tr"):
        i18n.check_language("de")
    assert i18n.check_language(" RU ") == "ru"


ENUMS: list[type[StrEnum]] = [
    Role, Effect, IncidentStatus, Finding, Verdict, VerificationRule, ComplaintStatus, Status,
    TimePrecision, LocationPrecision, Channel, JobStatus, CandidateStatus, PostKind, MovementKind,
    AlertRule, ForceKind,
]  # fmt: skip


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: f"{e.__module__}.{e.__name__}")
def test_every_enum_word_the_pages_show_is_in_the_catalogues(enum: type[StrEnum]) -> None:
    missing = {e.value for e in enum} - labels.TERMS
    assert missing == set(), f"add to ceasefire/labels.py TERMS, then make messages: {missing}"


def test_every_incident_type_and_role_label_is_in_the_catalogues() -> None:
    assert {t.label for t in TAXONOMY.values()} == labels.INCIDENT_TYPE_LABELS
    assert set(ROLE_HELP.values()) == labels.ROLE_HELP_TEXTS
    with i18n.use_language("ru"):
        assert labels.term(Role.CO_HEAD) == "сопредседатель"
        assert labels.label(TAXONOMY["patrol"].label) == "Патрулирование"
        assert labels.term("Hadrut") == "Hadrut"  # data is never translated
    with i18n.use_language("tr"):
        assert labels.term(Finding.DISPUTED) == "ihtilaflı"
        assert labels.label(TAXONOMY["exchange-of-detainees"].label) == "Tutuklu takası"


@pytest.mark.parametrize(
    ("language", "days", "first"),
    [("en", 6, "11 Nov"), ("ru", 6, "11 нояб."), ("tr", 6, "11 Kas"),
     ("en", 200, "Dec 2020"), ("ru", 200, "дек. 2020"), ("tr", 200, "Ara 2020")],
)  # fmt: skip
def test_the_timeline_s_dates_in_the_reader_s_language(
    language: str, days: int, first: str
) -> None:
    start = dt.datetime(2020, 11, 10, tzinfo=dt.UTC)
    with i18n.use_language(language):
        ticks = timeline.ticks(start, start + dt.timedelta(days=days))
    assert ticks[0][1] == first
