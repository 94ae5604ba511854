"""The documented vocabularies of the agreement format: actions, party roles, area kinds, rules."""

from __future__ import annotations

ACTIONS: dict[str, str] = {
    "cease-fire": "stop all fire and hostilities",
    "hold-positions": "stay at the positions held at the effective moment",
    "withdraw": "pull forces out of an area",
    "hand-over": "return or cede an area to the beneficiary",
    "deploy": "station forces (e.g. peacekeepers) in an area",
    "keep-within-limits": "keep numbers (personnel, vehicles, weapons) at or below stated caps",
    "guarantee-passage": "guarantee safe movement of people, vehicles and cargo along a route",
    "control-corridor": "hold and control a corridor",
    "build-route": "plan or build a new road or route",
    "patrol": "patrol a route or area, jointly or alone",
    "establish-zone": "set up a security or buffer zone or corridor",
    "agree-parameters": "agree the details of another obligation",
    "exchange-detainees": "exchange prisoners of war, hostages, other detainees and bodies",
    "enable-return": "let displaced persons and refugees return",
    "unblock-links": "unblock economic and transport links",
    "establish-body": "set up a centre, commission or other body",
    "notify": "give notice or inform another party",
}

PARTY_ROLES: dict[str, str] = {
    "conflict": "a party to the conflict, bound by the ceasefire",
    "monitoring": "a monitoring party, with an equal role in joint verification",
    "mediator": "brokered the agreement",
    "peacekeeping": "contributes peacekeeping forces",
    "guarantor": "guarantees the agreement",
    "observer": "observes without a role in verification",
}

AREA_KINDS: dict[str, str] = {
    "district": "an administrative district (polygon)",
    "region": "a larger region (polygon)",
    "zone": "a security or buffer zone (polygon)",
    "line": "a line such as the line of contact (LineString)",
    "corridor": "a road or route with a width (LineString plus width_km)",
    "route": "a road or route without a width (LineString)",
    "post": "an observation or checkpoint post (Point)",
    "place": "a town or village (Point, or a gazetteer place)",
}

VERIFICATION_RULES: dict[str, str] = {
    "unanimity": "confirmed only when every monitoring party confirms; rejected when every one "
    "does not; disputed for any other complete set; pending while one is missing",
    "majority": "the majority of monitoring parties decides once every party has assessed; "
    "a tie is disputed",
}

EFFECTS: dict[str, str] = {
    "fulfils": "completes a one-off obligation (e.g. a district handed over)",
    "breaches": "breaks the obligation (e.g. a ceasefire violation)",
    "complies": "supports a standing obligation without completing it (e.g. a patrol held)",
    "figure": "reports figures (e.g. personnel) that are checked against the obligation's limits",
    "notice": "a party's notice that it ends the obligation at the end of the current term",
}
