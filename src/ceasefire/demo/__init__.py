"""Demo data for the default scenario: real December 2020 incidents in our own words with their
public sources, a complaint from each conflict party, and one user of each role.

Adding it twice changes nothing: users are matched by name, incidents and complaints by their
demo ids. Findings are left pending so the monitors can assess them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.accounts import service as accounts_service
from ceasefire.accounts.models import User
from ceasefire.complaints import service as complaints_service
from ceasefire.complaints.models import Complaint
from ceasefire.complaints.schemas import ComplaintCreate
from ceasefire.incidents import service as incidents_service
from ceasefire.incidents.models import Incident
from ceasefire.incidents.schemas import Channel, IncidentCreate

AGREEMENT = "nagorno-karabakh-2020"
ACTOR = "init-demo"

#: name -> (role, party)
DEMO_USERS: dict[str, tuple[str, str | None]] = {
    "admin": ("admin", "TUR"),
    "cohead-tur": ("co-head", "TUR"),
    "cohead-rus": ("co-head", "RUS"),
    "monitor-tur": ("monitor", "TUR"),
    "monitor-rus": ("monitor", "RUS"),
    "liaison-arm": ("liaison", "ARM"),
    "liaison-aze": ("liaison", "AZE"),
}

HYETERT = "https://hyetert.org/2020/12/12/first-ceasefire-violation-recorded-in-nagorno-karabakh-russias-defense-ministry/"
ARMENIANCLUB = "https://armenianclub.com/2020/12/15/russia-says-it-follows-developments-in-nagorno-karabakh-after-azeri-ceasefire-breach/amp"

#: The project's fact sheet records this event without a URL; say so rather than invent one.
EXCHANGE_SOURCE = (
    "Public reporting of 14 December 2020 (no URL recorded in the project's fact sheet)"
)

DEMO_INCIDENTS: list[dict[str, Any]] = [
    {
        "external_id": "demo-2020-12-11-hadrut",
        "channel": Channel.BULLETIN,
        "report_source": HYETERT,
        "data": {
            "type": "ceasefire-violation",
            "summary": "The Russian defence ministry's bulletin of 12 December 2020 recorded the first "
            "violation of the ceasefire since it took effect on 10 November: on 11 December, in the "
            "Hadrut district.",
            "occurred": "2020-12-11",
            "agreement": AGREEMENT,
            "place_name": "Hadrut district",
            "admin2": "Hadrut",
            "area": "hadrut",
            "location_precision": "district",
            "obligations": [{"obligation": "complete-ceasefire", "effect": "breaches"}],
            "sources": [HYETERT],
            "origin": "bulletin",
        },
    },
    {
        "external_id": "demo-2020-12-11-hin-taghe",
        "channel": Channel.BULLETIN,
        "report_source": ARMENIANCLUB,
        "data": {
            "type": "armed-clash",
            "summary": "Armenia's defence ministry reported on 11 December 2020 that Azerbaijani forces "
            "advanced towards the villages of Hin Taghe and Khtsaberd in the Hadrut area. Armenian "
            "reports spoke of six wounded; on 14 December the Kremlin's spokesman called the "
            "incident alarming but said it had been quickly neutralised.",
            "occurred": "2020-12-11",
            "agreement": AGREEMENT,
            "place_name": "Hin Taghe and Khtsaberd",
            "admin2": "Hadrut",
            "area": "hadrut",
            "location_precision": "near",
            "actors": [
                {
                    "name": "Military Forces of Azerbaijan",
                    "party": "AZE",
                    "role": "alleged attacker",
                },
                {"name": "Armenian forces", "party": "ARM", "role": "reporting side"},
            ],
            "obligations": [
                {"obligation": "complete-ceasefire", "effect": "breaches"},
                {"obligation": "hold-positions", "effect": "breaches"},
            ],
            "sources": [ARMENIANCLUB],
            "origin": "bulletin",
        },
    },
    {
        "external_id": "demo-2020-12-14-exchange",
        "channel": Channel.BULLETIN,
        "report_source": EXCHANGE_SOURCE,
        "data": {
            "type": "exchange-of-detainees",
            "summary": "An exchange of prisoners between Armenia and Azerbaijan began on 14 December "
            "2020, mediated by the command of the Russian peacekeepers.",
            "occurred": "2020-12-14",
            "agreement": AGREEMENT,
            "place_name": "Nagorno-Karabakh",
            "location_precision": "region",
            "obligations": [{"obligation": "exchange-detainees", "effect": "complies"}],
            "sources": [EXCHANGE_SOURCE],
            "origin": "bulletin",
        },
    },
]

DEMO_COMPLAINTS: list[tuple[str, dict[str, Any]]] = [
    (
        "liaison-arm",
        {
            "occurred": "2020-12-11",
            "place": "Hin Taghe and Khtsaberd, Hadrut area",
            "description": "Demo complaint based on Armenia's defence ministry report of 11 December "
            "2020: Azerbaijani units advanced on Hin Taghe and Khtsaberd after the ceasefire, "
            f"leaving six wounded. Source: {ARMENIANCLUB}",
            "agreement": AGREEMENT,
        },
    ),
    (
        "liaison-aze",
        {
            "occurred": "2020-12-11",
            "place": "Hadrut area",
            "description": "Illustrative demo complaint (not a historical record): alleges that armed "
            "units remaining in the Hadrut area after 10 November 2020 opened fire on positions "
            "held by Azerbaijan, and asks the center to verify it.",
            "agreement": AGREEMENT,
        },
    ),
]


@dataclass(frozen=True)
class DemoResult:
    users_added: dict[str, str]  # name -> password, shown once
    incidents_added: int
    complaints_added: int


def add_demo(session: Session, *, password: str | None = None) -> DemoResult:
    """Add whatever of the demo data is missing (the agreement must be loaded already)."""
    added: dict[str, str] = {}
    for name, (role, party) in DEMO_USERS.items():
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            continue
        secret = password or secrets.token_urlsafe(12)
        accounts_service.create_user(
            session, name=name, role=role, party=party, password=secret, actor=ACTOR
        )
        added[name] = secret
    incidents = 0
    for item in DEMO_INCIDENTS:
        if session.scalar(select(Incident.id).where(Incident.external_id == item["external_id"])):
            continue
        data = IncidentCreate(**item["data"], external_id=item["external_id"])
        report = incidents_service.store_report(
            session,
            channel=item["channel"],
            content=data.summary.encode(),
            actor=ACTOR,
            source=item["report_source"],
            title=f"demo: {data.type} {data.occurred}",
        )
        incidents_service.create_incident(session, data=data, actor=ACTOR, report=report)
        incidents += 1
    complaints = 0
    for liaison, body in DEMO_COMPLAINTS:
        user = accounts_service.get_user(session, name=liaison)
        exists = session.scalar(
            select(Complaint.id).where(
                Complaint.party == user.party, Complaint.description == body["description"]
            )
        )
        if exists:
            continue
        complaints_service.file_complaint(session, data=ComplaintCreate(**body), actor=user)
        complaints += 1
    return DemoResult(added, incidents, complaints)
