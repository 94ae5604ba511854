"""The language of short texts in the center's five languages (written here, in the style of
bulletins, news and statements), mixed and transliterated texts, and routing to the readers."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction import languages
from ceasefire.extraction.languages import READERS, UNDETERMINED, detect, read, reading

CASES = [
    # English: wire news, bulletins, statements, headlines
    ("en", "Russian peacekeepers set up two more observation posts near the Lachin corridor."),
    ("en", "The defence ministry said the ceasefire was violated twice overnight."),
    ("en", "Prisoners of war were exchanged at the border on Monday, officials said."),
    ("en", "Shelling reported near Martuni; no casualties, the statement said."),
    ("en", "Azerbaijan accuses Armenia of breaking the truce"),
    ("en", "A convoy of 40 trucks crossed the corridor under escort."),
    ("en", "The joint monitoring center held its weekly meeting in Aghdam."),
    ("en", "Two soldiers were wounded by sniper fire, the ministry reported."),
    ("en", "Talks on the return of detainees will resume next week."),
    # Russian: the Defence Ministry's bulletins, TASS, statements
    ("ru", "За прошедшие сутки зафиксировано два нарушения режима прекращения огня."),
    ("ru", "Российские миротворцы продолжают выполнять задачи в Нагорном Карабахе."),
    ("ru", "В ночь на 12 декабря в Мартунинском районе произошёл обстрел."),
    ("ru", "Состоялся обмен пленными между сторонами конфликта, сообщает ТАСС."),
    ("ru", "Колонна с гуманитарным грузом прошла по Лачинскому коридору."),
    ("ru", "Патрулирование осуществлялось по четырём маршрутам."),
    ("ru", "Министерство обороны опровергло сообщения о потерях"),
    ("ru", "Пострадавших среди мирного населения нет."),
    ("ru", "Наблюдательный пункт выставлен у села Тагавард."),
    # Turkish: Anadolu, the Ministry of National Defence
    ("tr", "Ermenistan ordusu gece boyunca ateşkesi iki kez ihlal etti."),
    (
        "tr",
        "Milli Savunma Bakanlığı ortak gözlem merkezinin faaliyetlerine devam ettiğini açıkladı.",
    ),
    ("tr", "Esir takası sınırda gerçekleştirildi, yetkililer bildirdi."),
    ("tr", "Türk ve Rus subayları ortak devriye görevine çıktı."),
    ("tr", "Bölgede sivil kayıp bulunmadığı bildirildi."),
    ("tr", "Ateşkes ihlali iddialarına ilişkin açıklama yapıldı"),
    ("tr", "Askerlerimiz görevlerini başarıyla sürdürüyor."),
    ("tr", "Dışişleri Bakanı, barış görüşmelerinin yakında başlayacağını söyledi."),
    ("tr", "Mayın temizleme çalışmaları sürüyor."),
    # Azerbaijani: APA, the Ministry of Defence
    ("az", "Ermənistan silahlı qüvvələri gecə ərzində atəşkəs rejimini iki dəfə pozub."),
    ("az", "Müdafiə Nazirliyi bildirir ki, mövqelərimiz atəşə tutulub."),
    ("az", "Əsir mübadiləsi sərhəddə həyata keçirilib, rəsmilər bildirib."),
    ("az", "Türkiyə-Rusiya birgə monitorinq mərkəzi fəaliyyətini davam etdirir."),
    ("az", "Mülki əhali arasında itki yoxdur."),
    ("az", "Ağdam rayonu ərazisində minalar zərərsizləşdirilir"),
    ("az", "Şuşa şəhərində bərpa işləri aparılır."),
    ("az", "Xankəndi istiqamətində hərbi texnikanın hərəkəti müşahidə olunub."),
    ("az", "Azərbaycan Ordusunun bölmələri cavab tədbirləri görüb."),
    # Armenian: the Ministry of Defence, Armenpress
    ("hy", "Ադրբեջանական զինուժը խախտել է հրադադարի ռեժիմը։"),
    ("hy", "Պաշտպանության նախարարությունը հայտնում է, որ կրակոցներ են արձակվել։"),
    ("hy", "Ռուս խաղաղապահները շարունակում են պարեկությունը։"),
    ("hy", "Գերիների փոխանակումը տեղի ունեցավ սահմանին։"),
    ("hy", "Խաղաղ բնակիչների շրջանում զոհեր չկան։"),
    ("hy", "Մարտունու շրջանում լարվածություն է"),
    ("hy", "Շուշի"),
    ("hy", "Արմենպրես. Բանակցությունները կվերսկսվեն հաջորդ շաբաթ։"),
]

#: Turkish and Azerbaijani say nearly the same thing in nearly the same words.
NEAR_PAIRS = [
    ("Ermenistan ateşkesi ihlal etti.", "Ermənistan atəşkəsi pozdu."),
    ("Esirler takas edildi.", "Əsirlər mübadilə olundu."),
    ("Savunma Bakanlığı açıklama yaptı.", "Müdafiə Nazirliyi açıqlama verdi."),
    ("Sivil halktan kayıp yok.", "Mülki əhalidən itki yoxdur."),
]


@pytest.mark.parametrize(("expected", "text"), CASES)
def test_the_language_of_a_short_text(expected: str, text: str) -> None:
    found = detect(text)
    assert found.code == expected, found
    assert found.confidence >= languages.MIN_CONFIDENCE


def test_the_table_has_enough_cases_of_each_language() -> None:
    assert len(CASES) >= 40
    for code in ("en", "ru", "tr", "az", "hy"):
        assert sum(1 for c, _ in CASES if c == code) >= 8, code


@pytest.mark.parametrize(("turkish", "azerbaijani"), NEAR_PAIRS)
def test_turkish_and_azerbaijani_near_pairs_are_told_apart(turkish: str, azerbaijani: str) -> None:
    assert detect(turkish).code == "tr"
    assert detect(azerbaijani).code == "az"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12.12.2020",
        "OK",
        "Shusha",  # a name alone is in every language
        "Hello",
    ],
)
def test_too_little_to_tell_is_undetermined(text: str) -> None:
    found = detect(text)
    assert found.code == UNDETERMINED
    assert found.note


@pytest.mark.parametrize(
    "text",
    [
        "Za proshedshie sutki zafiksirovano dva narusheniya rezhima prekrashcheniya ognya.",
        "Rossiyskie mirotvortsy prodolzhayut vypolnyat zadachi v Nagornom Karabakhe.",
        "Sostoyalsya obmen plennymi mezhdu storonami konflikta, soobshchaet TASS.",
        "V nochʼ na 12 dekabrya v Martuninskom rayone proizoshel obstrel.",
    ],
)
def test_russian_in_latin_letters_is_never_taken_for_a_latin_language(text: str) -> None:
    found = detect(text)
    assert found.code in {UNDETERMINED, "ru"}, found
    assert found.code not in READERS or found.code == "ru"


def test_a_half_transliterated_text_is_russian_or_undetermined() -> None:
    half = "\n\n".join([
        RUSSIAN,
        "Za proshedshie sutki zafiksirovano dva narusheniya rezhima prekrashcheniya ognya v "
        "Martuninskom rayone, soobshchaet ministerstvo oborony.",
    ])  # fmt: skip
    found = detect(half)
    assert found.code in {"ru", UNDETERMINED}, found
    assert dict(found.shares).get("ru", 0) > 0.4 and UNDETERMINED in dict(found.shares)


def test_ascii_folded_turkish_is_not_routed_to_a_turkic_reader() -> None:
    found = detect("Ermenistan ordusu gece boyunca ateskesi iki kez ihlal etti, bakanlik bildirdi.")
    assert found.code == UNDETERMINED
    assert found.note is not None and "letters" in found.note


ENGLISH = (
    "Russian peacekeepers reported two violations of the ceasefire overnight near Martuni, "
    "the defence ministry said in its daily bulletin."
)
RUSSIAN = (
    "Министерство обороны сообщило, что за прошедшие сутки зафиксировано два нарушения режима "
    "прекращения огня в Мартунинском районе."
)
ARMENIAN = (
    "Պաշտպանության նախարարությունը հայտնում է, որ ադրբեջանական զինուժը խախտել է հրադադարի "
    "ռեժիմը Մարտունու շրջանում։"
)


def test_a_mixed_text_is_in_the_language_of_most_of_its_letters() -> None:
    found = detect("\n\n".join([ENGLISH, ENGLISH, RUSSIAN]))
    assert found.code == "en"
    assert found.confidence < 0.8  # lower than a text in one language
    assert dict(found.shares)["ru"] > 0.2
    assert found.note is not None and found.note.startswith("mixed")


def test_a_text_half_in_one_language_half_in_another_is_undetermined() -> None:
    found = detect("\n\n".join([RUSSIAN, ARMENIAN]))
    assert found.code == UNDETERMINED
    assert {code for code, _ in found.shares} == {"ru", "hy"}


def test_a_text_of_paragraphs_in_one_language_is_sure() -> None:
    found = detect("\n\n".join([RUSSIAN, RUSSIAN.replace("два", "три")]))
    assert (found.code, found.shares, found.note) == ("ru", (), None)
    assert found.confidence > 0.9


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "read"),
        ("ka", "not read: no reader for ka"),  # detected, never read
        ("und", "not read: language undetermined"),
    ],
)
def test_reading_says_whether_a_language_is_read(code: str, expected: str) -> None:
    assert reading(code) == expected


GEORGIAN = "თავდაცვის სამინისტრომ განაცხადა, რომ ცეცხლის შეწყვეტის რეჟიმი ორჯერ დაირღვა."


def test_a_language_without_a_reader_is_not_read_and_yields_nothing() -> None:
    result = read(GEORGIAN, dt.date(2020, 12, 12))
    assert (result.language, result.reading) == ("ka", "not read: no reader for ka")
    assert result.events == () and result.places == () and result.actors == ()
    assert result.as_json()["language_confidence"] == 1.0


def test_the_centers_languages_are_read_by_their_reader_or_marked_not_read() -> None:
    for code, text in [("hy", ARMENIAN), ("ru", RUSSIAN)]:
        result = read(text, dt.date(2020, 12, 12))
        assert (result.language, result.reading) == (code, reading(code))
        if code not in READERS:
            assert result.events == ()


def test_english_is_read_by_the_english_pipeline() -> None:
    result = read(ENGLISH, dt.date(2020, 12, 12))
    assert (result.language, result.reading) == ("en", "read")
    assert result.events  # the English model found the violations
    assert result.as_json()["language"] == "en"


def test_a_language_given_overrides_detection() -> None:
    result = read(ENGLISH, None, language=languages.given("HY"))
    assert (result.language, result.language_confidence) == ("hy", 1.0)
    if "hy" not in READERS:
        assert result.reading == "not read: no reader for hy" and not result.events
