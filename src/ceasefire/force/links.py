"""Which obligations a patrol or a convoy serves, by what the agreement's file says: the
obligation's action (`taxonomy.obligations.ACTION_RECORDS`), its area (names, shape, a corridor's
width, matched as `ingest.links` matches an event's place) and its parties.

A movement bears on an obligation when any point of its route, or any place it names, is in the
obligation's area (or, for an obligation without an area, in the agreement's region). A patrol
serves a patrol obligation only when every party the obligation binds took part (a joint patrol
needs all of them); a convoy's escort need not be the party guaranteeing its passage. Pure: the
targets come from `ingest.links.obligation_targets` or `agreement_targets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ceasefire.agreements.specs import Effect
from ceasefire.force.models import MovementKind
from ceasefire.ingest.links import EventFacts, Match, ObligationTarget, effect_of, match
from ceasefire.taxonomy.obligations import record_bearing


@dataclass(frozen=True)
class MovementFacts:
    """What linking reads of a movement."""

    kind: MovementKind
    participants: frozenset[str]
    #: (lon, lat) pairs of its route
    route: tuple[tuple[float, float], ...]
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class MovementLink:
    agreement_id: str
    obligation_id: str
    effect: Effect
    match: Match


def _facts(movement: MovementFacts) -> Iterable[EventFacts]:
    kind = movement.kind.value
    for name in movement.places:
        yield EventFacts(kind, place_name=name, countries=movement.participants)
    for lon, lat in movement.route:
        yield EventFacts(kind, lat=lat, lon=lon, countries=movement.participants)


def movement_links(
    movement: MovementFacts, targets: Sequence[ObligationTarget]
) -> list[MovementLink]:
    """Every obligation the movement serves, best fit first, then in the order written."""
    found: list[tuple[Match, ObligationTarget, MovementLink]] = []
    facts = list(_facts(movement))
    for target in targets:
        bearing = record_bearing(target.action, movement.kind.value)
        if bearing is None:
            continue
        if movement.kind is MovementKind.PATROL and not target.parties <= movement.participants:
            continue
        fits = [m for m in (match(f, target) for f in facts) if m is not None]
        if not fits:
            continue
        best = max(fits)
        effect = effect_of(bearing, standing=target.standing)
        found.append(
            (best, target, MovementLink(target.agreement_id, target.obligation_id, effect, best))
        )
    found.sort(key=lambda x: (-x[0], x[1].order))
    return [link for _, _, link in found]
