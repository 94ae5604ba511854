"""What the force did in a period, for the daily report and the API: patrols and convoys with
the obligations they serve, the counted series, posts open, the strength report in force."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.timeref import parse_timeref
from ceasefire.errors import InvalidInputError, Problem
from ceasefire.force import evidence, totals
from ceasefire.force import service as force_service
from ceasefire.force.links import MovementFacts, MovementLink
from ceasefire.force.models import MovementKind
from ceasefire.force.public import Record, public


def day_summary(
    session: Session,
    *,
    agreement_id: str,
    start: dt.datetime,
    end: dt.datetime,
    known_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """What the force did in [start, end), from what was recorded by `known_at` (None: all):
    its patrols and convoys (with the obligations they serve), the counted series' figures of
    the period and totals by `end`, the posts open at its end, and the strength report in
    force then."""

    def known(row: Record) -> bool:
        return known_at is None or row.created_at <= known_at

    found = evidence.targets(session, agreement_id=agreement_id)
    moving = force_service.movements(session, agreement_id=agreement_id, start=start, before=end)
    day: dict[str, list[dict[str, Any]]] = {"patrols": [], "convoys": []}
    seen: dict[MovementFacts, list[MovementLink]] = {}
    for m in filter(known, moving):
        item = public(m)
        item["obligations"] = [x.obligation_id for x in evidence.link_movement(m, found, seen)]
        day["patrols" if m.kind == MovementKind.PATROL.value else "convoys"].append(item)
    last = end - dt.timedelta(microseconds=1)
    entries = [
        force_service.entry(c)
        for c in force_service.counts(session, agreement_id=agreement_id)
        if known(c)
    ]
    series = []
    for name, points in sorted(totals.running(entries).items()):
        # an entry dated in the period counts in the period's total (a bulletin of the day)
        counted = [p for p in points if p.entry.start < end]
        if not counted:
            continue
        point = counted[-1]
        of_day = [p for p in points if start <= p.entry.start < end]
        series.append(
            {
                "series": name,
                "unit": point.entry.unit,
                "day": sum(p.entry.value or 0 for p in of_day) if of_day else None,
                "total": point.total,
                "as_of": point.entry.label,
                "source": point.entry.source,
            }
        )
    open_posts = force_service.posts_open(
        [p for p in force_service.posts(session, agreement_id=agreement_id) if known(p)], last
    )
    strength = [
        r
        for r in force_service.strength_reports(session, agreement_id=agreement_id)
        if known(r) and r.end_at <= end
    ]
    return {
        "patrols": day["patrols"],
        "convoys": day["convoys"],
        "totals": series,
        "posts_open": len(open_posts),
        "strength": public(strength[-1]) if strength else None,
    }


def day_of(session: Session, *, agreement_id: str, date: str) -> dict[str, Any]:
    """`day_summary` of a day written as a date in the agreement's zone."""
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    try:
        ref = parse_timeref(date, ZoneInfo(agreement.timezone))
    except ValueError as exc:
        raise InvalidInputError([Problem("date", 0, str(exc))]) from None
    return day_summary(session, agreement_id=agreement_id, start=ref.start, end=ref.end)
