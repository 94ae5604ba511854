"""The Armenian reader (`extraction/armenian.py` over `extraction/native.py`), on texts written
here in the style of Armenpress and the Armenian defence ministry, with the real gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction import tongue
from ceasefire.extraction.armenian import ARMENIAN, hy_dates, name_forms, read_hy
from ceasefire.extraction.values import Event, Extraction

PUBLISHED = dt.date(2020, 12, 12)
DAY_BEFORE = "2020-12-11"


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("Ստեփանակերտում", "Ստեփանակերտ"),  # locative
        ("Ստեփանակերտից", "Ստեփանակերտ"),  # ablative
        ("Մարտակերտի", "Մարտակերտ"),  # genitive
        ("Մարտունու", "Մարտունի"),  # the genitive -ու of a name in -ի
        ("Հադրութը", "Հադրութ"),  # the article
        ("Երևանն", "Երևան"),
        ("Գորիս", "Գորիս"),
    ],
)
def test_a_names_forms_include_its_nominative(word: str, form: str) -> None:
    forms = name_forms(word)
    assert forms[0] == word and form in forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020 թ. դեկտեմբերի 11-ին", [("2020-12-11", tongue.SURE)]),
        ("2020 թվականի դեկտեմբերի 10-ը", [("2020-12-10", tongue.SURE)]),
        ("Դեկտեմբերի 11-ին", [("2020-12-11", tongue.FAIR)]),
        ("երեկ", [(DAY_BEFORE, tongue.SURE)]),
        ("այսօր", [("2020-12-12", tongue.SURE)]),
        ("անցած օրվա ընթացքում", [(DAY_BEFORE, tongue.FAIR)]),
        ("նոյեմբերի 31-ին", []),  # no such day
    ],
)
def test_dates_are_resolved_against_the_publication_date(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(d.date.value, d.confidence) for d in hy_dates(text, PUBLISHED)] == expected


def _only(extraction: Extraction, event_type: str) -> Event:
    found = [e for e in extraction.events if e.type == event_type]
    assert len(found) == 1, [e.as_json() for e in extraction.events]
    return found[0]


# (sentence, type, modality, place, count, date): None where the sentence gives none
Case = tuple[str, str | None, str | None, str | None, int | None, str | None]
CASES: list[Case] = [
    ("Դեկտեմբերի 11-ին ադրբեջանական զինված ուժերը Մարտունու շրջանում խախտել են հրադադարի "
     "ռեժիմը։", "ceasefire-violation", "happened", "Martuni", None, DAY_BEFORE),
    ("Ադրբեջանի և Հայաստանի միջև տեղի է ունեցել գերիների փոխանակում։",
     "exchange-of-detainees", "happened", None, None, None),
    ("Ռուս խաղաղապահները պարեկություն են իրականացրել Ստեփանակերտում։",
     "patrol", "happened", "Stepanakert", None, None),
    ("Անցած օրվա ընթացքում հրադադարի ռեժիմի խախտում չի արձանագրվել։",
     "ceasefire-violation", "denied", None, None, DAY_BEFORE),
    ("Հակառակորդը կրակոցներ է արձակել Շուշիի ուղղությամբ։",
     "ceasefire-violation", "happened", "Shusha", None, None),
    ("Մարտակերտի շրջանում ականազերծման աշխատանքներ են իրականացվում։",
     "demining", "happened", "Martakert", None, None),
    ("Ադրբեջանական կողմը 3 անգամ խախտել է հրադադարը։",
     "ceasefire-violation", "happened", None, 3, None),
    ("Կարմիր Խաչի միջնորդությամբ Հայաստանին են փոխանցվել 12 զինծառայողի աճյուններ։",
     "exchange-of-detainees", "happened", None, 12, None),
    ("Ադրբեջանը պնդում է, որ հայկական կողմը խախտել է հրադադարը։",
     "ceasefire-violation", "alleged", None, None, None),
    ("Հայկական ստորաբաժանումները դուրս են բերվել Հադրութից։",
     "withdrawal", "happened", "Hadrut", None, None),
    ("Դեկտեմբերի 14-ին նախատեսվում է գերիների նոր փոխանակում։",
     "exchange-of-detainees", "planned", None, None, "2020-12-14"),
    ("Երևանում այսօր եղանակը արևոտ է։", None, None, None, None, None),
    ("Ադրբեջանական անօդաչու թռչող սարքը հարվածել է Մարտակերտի շրջանի դիրքերին։",
     "air-drone-strike", "happened", "Martakert", None, None),
    ("Շփման գծում տեղի է ունեցել բախում։", "armed-clash", "happened", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c[0][:30] for c in CASES])
def test_a_sentence_gives_its_event(case: Case) -> None:
    sentence, etype, modality, place, count, date = case
    result = read_hy(sentence, PUBLISHED)
    if etype is None:
        assert result.events == ()
        return
    event = _only(result, etype)
    assert event.modality == modality
    assert (event.place.name if event.place else None) == place
    assert (event.quantity.value if event.quantity else None) == count
    assert (event.date.value if event.date else None) == date


ARMENPRESS = """Ադրբեջանը խախտել է հրադադարի ռեժիմը
ԵՐԵՎԱՆ, դեկտեմբերի 12. ԱՐՄԵՆՊՐԵՍ։ ՊՆ-ի տվյալներով՝ դեկտեմբերի 11-ին ադրբեջանական զինված ուժերը \
Մարտունու շրջանում խախտել են հրադադարի ռեժիմը։ Կրակոցներ են արձակվել նաև Հադրութի շրջանի \
Հին Թաղեր գյուղի ուղղությամբ։ Ստեփանակերտում իրավիճակը հանգիստ է։
"""


def test_an_armenian_report_gives_its_places_and_a_ceasefire_violation() -> None:
    result = read_hy(ARMENPRESS, PUBLISHED)
    names = {p.place.name for p in result.places}
    assert {"Yerevan", "Martuni", "Hin Taghe", "Stepanakert"} <= names
    violations = [e for e in result.events if e.type == "ceasefire-violation"]
    assert violations and all(e.modality == "happened" for e in violations)
    first = violations[0]
    assert first.place is not None and first.place.name == "Martuni"
    assert first.date is not None and first.date.value == DAY_BEFORE
    assert [(a.country, a.sector) for a in first.actors] == [("AZE", "MIL")]
    assert [e.place.name for e in violations[1:] if e.place] == ["Hin Taghe"]  # the village
    # the ministry that tells of it is not its doer
    assert all(a.country != "ARM" for e in violations for a in e.actors)


def test_the_armenian_full_stop_ends_a_sentence() -> None:
    sentences = tongue.sentences(ARMENIAN, "Առաջին նախադասություն։ Երկրորդ նախադասություն։")
    assert [[w.text for w in s.words] for s in sentences] == [
        ["Առաջին", "նախադասություն"],
        ["Երկրորդ", "նախադասություն"],
    ]
