"""Demo records of the peacekeeping force, per scenario: the Russian contingent of November and
December 2020 in Nagorno-Karabakh, and the first joint Russian-Turkish patrols on the M4 in
March 2020. In this project's words, with the sources of `FACTS.md`.

Source notes. What the public record gives (FACTS.md): the caps of the statement (1,960 troops,
90 armoured personnel carriers, 380 vehicles); the headquarters in Stepanakert (Khankendi) from
10 November 2020; 23 observation posts by mid-December 2020; a daily bulletin of the Russian
defence ministry with patrols, escorted convoys, returns "that day and in total since 14 November"
and demining; the Idlib patrols from 15 March 2020 between Trumba and Ain al-Havr, the first
shortened by the joint coordination centre, the second (23 March) cut short. What it does not
give, and is therefore marked ILLUSTRATIVE in each record's note: the deployed strength on a
date, the posts' positions, the patrols' and convoys' exact times and the bulletins' figures.
Illustrative values are placeholders to show the mechanism, not facts.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind
from ceasefire.force.models import Count, Movement, Post, StrengthReport

ACTOR = "init-demo"
BULLETIN = "Russian defence ministry, daily bulletin on the peacekeeping mission (via FACTS.md)"
STATEMENT = "https://www.primeminister.am/en/press-release/item/2020/11/10/Announcement/"
IDLIB_RECORD = "https://pax.peaceagreements.org/agreements/2273"
ILLUSTRATIVE = "ILLUSTRATIVE: not a reported figure; shows the mechanism"

NAGORNO_KARABAKH: list[tuple[Kind, dict[str, object]]] = [
    (Kind.STRENGTH, {
        "contributor": "RUS", "date": "2020-11-20", "personnel": 1960, "armoured-vehicles": 90,
        "other-vehicles": 380, "source": STATEMENT,
        "note": f"{ILLUSTRATIVE}: the statement's caps taken as the deployed strength",
    }),
    (Kind.POSTS, {
        "name": "Peacekeeping headquarters, Stepanakert (Khankendi)", "kind": "base",
        "contributor": "RUS", "lat": 39.82, "lon": 46.75, "area": "peacekeepers-hq",
        "opened": "2020-11-10", "source": BULLETIN,
        "note": "Headquarters of the contingent from the start of the deployment.",
    }),
    (Kind.POSTS, {
        "name": "Observation post, Lachin corridor (Lachin)", "contributor": "RUS",
        "lat": 39.64, "lon": 46.55, "area": "lachin-corridor", "opened": "2020-11-14",
        "source": BULLETIN,
        "note": f"{ILLUSTRATIVE}: position and date (posts' positions were not published)",
    }),
    (Kind.POSTS, {
        "name": "Observation post, Lachin corridor (near Shusha)", "contributor": "RUS",
        "lat": 39.78, "lon": 46.70, "area": "lachin-corridor", "opened": "2020-11-14",
        "source": BULLETIN,
        "note": f"{ILLUSTRATIVE}: position and date (posts' positions were not published)",
    }),
    (Kind.POSTS, {
        "name": "Observation post, line of contact (Aghdam direction)", "contributor": "RUS",
        "lat": 39.95, "lon": 46.86, "area": "line-of-contact", "opened": "2020-11-20",
        "source": BULLETIN,
        "note": f"{ILLUSTRATIVE}: position and date; 23 posts by mid-December 2020",
    }),
    (Kind.PATROLS, {
        "start": "2020-12-11T09:00", "end": "2020-12-11T13:00", "participants": "RUS",
        "places": "Lachin;Shusha;Stepanakert", "source": BULLETIN,
        "note": f"{ILLUSTRATIVE}: time and route of a corridor patrol the bulletin lists",
    }),
    (Kind.CONVOYS, {
        "start": "2020-12-11T10:00", "end": "2020-12-11T16:00", "participants": "RUS",
        "places": "Goris;Lachin;Stepanakert", "cargo": "humanitarian aid (illustrative)",
        "source": BULLETIN,
        "note": f"{ILLUSTRATIVE}: an escorted convoy on the Goris–Stepanakert road",
    }),
    (Kind.TOTALS, {
        "series": "returns", "date": "2020-12-10", "total": 40000, "unit": "people",
        "source": BULLETIN, "note": f"{ILLUSTRATIVE}: total returned since 14 November 2020",
    }),
    (Kind.TOTALS, {
        "series": "returns", "date": "2020-12-11", "value": 500, "unit": "people",
        "source": BULLETIN, "note": f"{ILLUSTRATIVE}: returned that day",
    }),
    (Kind.TOTALS, {
        "series": "demining-area", "date": "2020-12-11", "value": 20, "total": 300,
        "unit": "hectares", "source": BULLETIN, "note": ILLUSTRATIVE,
    }),
    (Kind.TOTALS, {
        "series": "demining-items", "date": "2020-12-11", "value": 150, "total": 12000,
        "unit": "explosive items", "source": BULLETIN, "note": ILLUSTRATIVE,
    }),
]  # fmt: skip

IDLIB: list[tuple[Kind, dict[str, object]]] = [
    (Kind.PATROLS, {
        "start": "2020-03-15", "participants": "RUS;TUR",
        "route": "[[36.78, 35.86], [36.61, 35.81]]", "source": IDLIB_RECORD,
        "note": "The first joint patrol on the M4, from Trumba; the joint coordination centre "
        "shortened its route (the part drawn is ILLUSTRATIVE).",
    }),
    (Kind.PATROLS, {
        "start": "2020-03-23", "participants": "RUS;TUR",
        "route": "[[36.78, 35.86], [36.61, 35.81], [36.45, 35.80]]", "source": IDLIB_RECORD,
        "note": "The second joint patrol on the M4, cut short (the part drawn is ILLUSTRATIVE).",
    }),
]  # fmt: skip

#: scenario id -> its demo records of the force
FORCE_DEMO: dict[str, list[tuple[Kind, dict[str, object]]]] = {
    "nagorno-karabakh-2020": NAGORNO_KARABAKH,
    "idlib-2020": IDLIB,
}


def add_force_demo(session: Session, *, agreement_id: str) -> int:
    """Add the scenario's demo force records unless the demo added them before; how many."""
    records = FORCE_DEMO.get(agreement_id, [])
    for model in (StrengthReport, Post, Movement, Count):
        found = session.scalar(
            select(model.id).where(model.agreement_id == agreement_id, model.created_by == ACTOR)
        )
        if found is not None:
            return 0
    for kind, fields in records:
        force_service.record(
            session, agreement_id=agreement_id, kind=kind, fields=fields, actor=ACTOR
        )
    return len(records)
