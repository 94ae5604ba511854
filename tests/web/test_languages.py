"""Each reader sees the pages in their own language, on one server at the same time: the account's
language, else the switcher's cookie, else the browser's Accept-Language (en by default). Error
pages, flash messages and the daily report's HTML follow the same request language."""

from __future__ import annotations

import threading

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.audit.models import AuditEntry
from ceasefire.cli import app as cli_app
from tests.web.conftest import PASSWORD, LiveServer, load_scenario
from tests.web.signin import sign_in

KNOWN_AT = "2020-12-12T17:00:00Z"


def _set_language(db_url: str, name: str, language: str | None) -> None:
    engine = store.make_engine(db_url)
    try:
        with store.transaction(engine) as session:
            accounts_service.set_language(session, name=name, language=language, actor="test")
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("accept_language", "lang", "word"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru", "Войти"),
        ("tr-TR,tr;q=0.9", "tr", "Giriş yap"),
        ("de-DE,de;q=0.9", "en", "Sign in"),
        ("de;q=0.9,tr;q=0.5,ru;q=0.7", "ru", "Войти"),
        ("", "en", "Sign in"),
    ],
)
def test_before_sign_in_the_browser_s_language_decides(
    client: TestClient, accept_language: str, lang: str, word: str
) -> None:
    page = client.get("/signin", headers={"Accept-Language": accept_language})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert f">{word}</button>" in page.text


def test_the_account_s_language_wins_and_the_switcher_keeps_it(
    client: TestClient, db_url: str
) -> None:
    _set_language(db_url, "monitor-rus", "ru")
    client.headers["Accept-Language"] = "tr"
    assert "Giriş yap" in client.get("/signin").text
    csrf = sign_in(client, "monitor-rus", PASSWORD)
    page = client.get("/incidents").text
    assert '<html lang="ru">' in page and "Инциденты" in page
    # an error page and a flash message in the reader's language too
    missing = client.get("/incidents/99999")
    assert missing.status_code == 404 and "Не найдено" in missing.text
    switched = client.post(
        "/language",
        data={"language": "tr", "next": "/account", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert switched.status_code == 303 and switched.headers["location"] == "/account"
    assert "Hesabınız" in client.get("/account").text
    done = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": PASSWORD + "!", "csrf_token": csrf},
    )
    assert "Parola değiştirildi." in done.text
    engine = store.make_engine(db_url)
    try:
        with store.transaction(engine) as session:
            user = accounts_service.get_user(session, name="monitor-rus")
            assert user.language == "tr"
            actions = session.scalars(select(AuditEntry.action)).all()
            assert actions.count("language-set") == 2  # the test's ru, the switcher's tr
    finally:
        engine.dispose()


def test_the_switcher_before_sign_in_leaves_a_cookie(client: TestClient) -> None:
    response = client.post(
        "/language", data={"language": "ru", "next": "/map"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert '<html lang="ru">' in client.get("/signin", headers={"Accept-Language": "tr"}).text
    refused = client.post("/language", data={"language": "de"})
    assert refused.status_code == 422 and "en, ru, tr" in refused.text


def test_the_daily_report_is_rendered_in_the_language_asked(
    client: TestClient, db_url: str
) -> None:
    _set_language(db_url, "cohead-tur", "tr")
    sign_in(client, "cohead-tur", PASSWORD)
    own = client.get(f"/reports/daily/2020-12-11.html?known_at={KNOWN_AT}").text
    assert (
        '<html lang="tr">' in own and "Günlük rapor" not in own
    )  # the title is "{day} günlük raporu"
    assert "11 Aralık 2020 günlük raporu" in own and "Olaylar" in own
    russian = client.get(f"/reports/daily/2020-12-11.html?known_at={KNOWN_AT}&lang=ru").text
    assert "Ежедневная сводка за 11 декабря 2020" in russian and "Соблюдение" in russian
    wrong = client.get(f"/reports/daily/2020-12-11.html?known_at={KNOWN_AT}&lang=xx")
    assert wrong.status_code == 422 and "lang" in wrong.text
    # the signed JSON is one for every reader
    json_ru = client.get(f"/reports/daily/2020-12-11.json?known_at={KNOWN_AT}&lang=ru")
    json_tr = client.get(f"/reports/daily/2020-12-11.json?known_at={KNOWN_AT}&lang=tr")
    assert json_ru.content == json_tr.content


def _signed_in(url: str, name: str) -> httpx.Client:
    http = httpx.Client(base_url=url, headers={"Accept-Language": "en"})
    http.get("/signin")
    http.post(
        "/signin",
        data={"name": name, "password": PASSWORD, "signin_token": http.cookies["ceasefire_signin"]},
    )
    # the sign-in leaves the account's language in a cookie; without it, every request's
    # language must come from the account, set where the session is read (a worker thread)
    http.cookies.delete("ceasefire_lang")
    assert "ceasefire_lang" not in http.cookies
    return http


def test_two_readers_of_two_languages_at_the_same_time(live_server: LiveServer) -> None:
    """Many requests of a Russian and a Turkish reader interleaved on one server (its worker
    threads run the sync dependencies): each answer is in its reader's language."""
    _set_language(live_server.db_url, "monitor-rus", "ru")
    _set_language(live_server.db_url, "cohead-tur", "tr")
    incident = live_server.incidents["ceasefire-violation"]
    # a page's word, and the error page's of an incident that is not there
    words = {"monitor-rus": ("Инцидент", "Не найдено"), "cohead-tur": ("Olay", "Bulunamadı")}
    wrong: list[str] = []
    answered: list[str] = []
    start = threading.Barrier(2)

    def read(name: str) -> None:
        http = _signed_in(live_server.url, name)
        try:
            start.wait()
            for n in range(12):
                path = ["/incidents", f"/incidents/{incident}", "/queue", "/incidents/99999"][n % 4]
                text = http.get(path).text
                own = words[name][1 if path == "/incidents/99999" else 0]
                other = next(w for n, w in words.items() if n != name)
                answered.append(name)
                if own not in text or any(w in text for w in other):
                    wrong.append(f"{name} {path}")
        finally:
            http.close()

    threads = [threading.Thread(target=read, args=(name,)) for name in words]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(answered) == 24 and wrong == []


def test_the_cli_sets_an_account_s_language(db_url: str) -> None:
    load_scenario(db_url)
    runner = CliRunner()
    added = runner.invoke(
        cli_app,
        ["users", "add", "ivanov", "--role", "monitor", "--party", "RUS", "--language", "ru",
         "--db", db_url],
        input="a long enough password\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli_app, ["users", "list", "--format", "json", "--db", db_url])
    assert '"language": "ru"' in listed.output
    wrong = runner.invoke(cli_app, ["users", "set-language", "ivanov", "de", "--db", db_url])
    assert wrong.exit_code != 0 and "en, ru, tr" in wrong.output
    back = runner.invoke(cli_app, ["users", "set-language", "ivanov", "browser", "--db", db_url])
    assert back.exit_code == 0 and "as the browser asks" in back.output
