"""The daily report's HTML and PDF in each reader's language: headings and enum words translated,
dates and numbers as the language writes them, what was recorded as stored; the signed JSON the
same bytes whatever the language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ceasefire import db as store
from ceasefire import i18n
from ceasefire.reports import render
from tests.reports.test_daily import NAMES, build, populate

# words each rendering must carry: the title with its date, headings, an enum word translated
WORDS = {
    "en": ["Daily report December 11, 2020", "Compliance at the cut-off", "disputed"],
    "ru": ["Ежедневная сводка за 11 декабря 2020", "Соблюдение на момент отсечки", "спорно",
           "Нарушение режима прекращения огня", "Миротворцы", "Наблюдающие стороны"],
    "tr": ["11 Aralık 2020 günlük raporu", "Kesim anında uyum", "ihtilaflı",
           "Belirtilmemiş ateşkes ihlali", "Barış gücü", "Gözlemci taraflar"],
}  # fmt: skip
ENGLISH = ["Daily report", "Compliance at the cut-off", "Open disputes", "The record", "Findings"]


@pytest.mark.parametrize("language", ["en", "ru", "tr"])
def test_the_html_is_in_the_language_asked(engine: Engine, language: str) -> None:
    populate(engine)
    report = build(engine)
    html = render.to_html(report, language=language)
    assert f'<html lang="{language}">' in html
    for word in WORDS[language]:
        assert word in html, word
    if language != "en":
        for english in ENGLISH:
            assert english not in html, english
    for name in NAMES:  # data stays as stored
        assert name in html
    # the language of the work in hand is the default, and is left as it was
    with i18n.use_language(language):
        assert render.to_html(report) == html
    assert i18n.language() == "en"


def test_the_json_does_not_depend_on_the_language(engine: Engine) -> None:
    populate(engine)
    report = build(engine)
    with i18n.use_language("ru"):
        russian = render.to_json(report)
    assert russian == render.to_json(report)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ru", "tr"])
def test_the_pdf_renders_in_russian_and_turkish(
    request: pytest.FixtureRequest, tmp_path: Path, language: str
) -> None:
    # One store is enough: the rendering does not depend on it.
    path = tmp_path / "report.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    engine = store.make_engine(f"sqlite:///{path}")
    populate(engine)
    pdf = render.to_pdf(build(engine), language=language)
    engine.dispose()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed: the PDF's text is not checked")
    (tmp_path / "report.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    words = " ".join(text.split())  # table cells wrap
    for word in WORDS[language]:
        assert word in words, word
    page = {"ru": "страница 1 из", "tr": "sayfa 1 / "}[language]
    assert page in words  # the page footer, drawn by the PDF's @page rule
    for name in NAMES:
        assert name in words
