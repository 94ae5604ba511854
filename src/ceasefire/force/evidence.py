"""What the force's records say for compliance: a strength report is a figure observation of
each obligation with limits that binds its contributor; a patrol or convoy is an observation of
each obligation it serves (`force.links`). Derived at read time, so a reloaded agreement file can
never leave a stale link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ceasefire.agreements.models import Agreement
from ceasefire.agreements.specs import Effect, ObligationSpec, Observation
from ceasefire.force import service as force_service
from ceasefire.force.links import MovementFacts, MovementLink, movement_links
from ceasefire.force.models import Movement, MovementKind
from ceasefire.ingest import links as ingest_links


def route_points(route: Mapping[str, Any]) -> list[tuple[float, float]]:
    """A stored route's (lon, lat) points, a LineString's or a Point's."""
    coordinates = route.get("coordinates", [])
    if route.get("type") == "Point":
        coordinates = [coordinates]
    return [(float(p[0]), float(p[1])) for p in coordinates]


def link_movement(
    movement: Movement,
    targets: Sequence[ingest_links.ObligationTarget],
    seen: dict[MovementFacts, list[MovementLink]] | None = None,
) -> list[MovementLink]:
    """The obligations a stored movement serves; `seen` remembers the answer per route and
    participants across many movements (patrols repeat the same route day after day)."""
    facts = MovementFacts(
        MovementKind(movement.kind),
        frozenset(movement.participants),
        tuple(route_points(movement.route)),
        tuple(movement.places),
    )
    if seen is None:
        return movement_links(facts, targets)
    if facts not in seen:
        seen[facts] = movement_links(facts, targets)
    return seen[facts]


def targets(session: Session, *, agreement_id: str) -> list[ingest_links.ObligationTarget]:
    """The linking targets of one agreement's obligations, in the order written."""
    return [t for t in ingest_links.obligation_targets(session) if t.agreement_id == agreement_id]


def observations(
    session: Session,
    *,
    agreement: Agreement,
    obligations: Sequence[ObligationSpec],
    known_at: dt.datetime,
) -> list[Observation]:
    """The observations the force's records make, as recorded by `known_at`: a `figure` per
    strength report for each obligation with limits that binds its contributor, and one per
    obligation a patrol or convoy serves."""
    limited = [o for o in obligations if o.limits]
    out: list[Observation] = []
    for report in force_service.strength_reports(session, agreement_id=agreement.id):
        if report.created_at > known_at:
            continue
        for spec in limited:
            if report.contributor in spec.parties:
                out.append(
                    Observation(
                        f"strength-{report.id}", spec.id, Effect.FIGURE, report.start_at,
                        max(report.start_at, report.end_at), dict(report.figures),
                        report.date_label,
                    )
                )  # fmt: skip
    recorded = [
        m
        for m in force_service.movements(session, agreement_id=agreement.id)
        if m.created_at <= known_at
    ]
    if recorded:
        found = targets(session, agreement_id=agreement.id)
        seen: dict[MovementFacts, list[MovementLink]] = {}
        for movement in recorded:
            for link in link_movement(movement, found, seen):
                out.append(
                    Observation(
                        f"{movement.kind}-{movement.id}-{link.obligation_id}", link.obligation_id,
                        link.effect, movement.start_at, movement.end_at, {},
                        movement.start_label,
                    )
                )  # fmt: skip
    return out
