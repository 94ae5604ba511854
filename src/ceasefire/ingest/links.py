"""Which obligation an extracted event bears on, by what the loaded agreements' files say: the
obligation's action (mapped to incident types by `taxonomy.obligations`), its area (names and
alternate names, geometry, a corridor's width) and its parties. Every loaded agreement is
considered; nothing here knows one.

An event is in an obligation's area when (best first):
1. *named*: its place, or its sentence, names the area (name, alternate names, gazetteer place);
2. *inside*: its point lies in the area's shape;
3. *near*: its point lies within `NEAR_KM` of the shape (shapes are often drawn by hand).
An obligation with no area (an exchange of detainees) holds over its agreement's region: the event's
point lies within `NEAR_KM` of the box around the agreement's areas, or, for an event without a
point, every party the obligation binds is among its actors. A country's point (or a continent's)
says nothing of where in it an event happened, so it places an event in no area. The best match wins; ties go to the
agreement loaded first, then to the obligation written first. Linking proposes, people verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy.orm import Session

from ceasefire.agreements import models as agreement_models
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import AgreementDocument
from ceasefire.agreements.document import Area as DocumentArea
from ceasefire.agreements.specs import Effect
from ceasefire.geo.areas import AreaShape
from ceasefire.geo.distance import BBox, grow_bbox
from ceasefire.geo.names import normalise
from ceasefire.geo.resolver import variants
from ceasefire.taxonomy.obligations import Bearing, bearing

#: How far from an area's drawn shape an event still counts as in it, in km.
NEAR_KM = 10.0
#: Places whose point stands for a whole country or more: never placed inside an area by it.
COARSE_KINDS = frozenset({"country", "continent", "sea"})
#: Names shorter than this (after normalising) are never matched in a sentence.
MIN_NAME_LENGTH = 3
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


class Match(IntEnum):
    """How an event's place fits an obligation's area: a larger value is a better fit."""

    REGION = 1  # in the agreement's region (an obligation without an area)
    NEAR = 2
    INSIDE = 3
    NAMED = 4


@dataclass(frozen=True)
class ObligationTarget:
    """What linking needs of one obligation of one loaded agreement."""

    agreement_id: str
    obligation_id: str
    action: str
    standing: bool
    parties: frozenset[str]
    #: normalised names of its area; empty for an obligation without an area
    names: frozenset[str] = frozenset()
    shape: AreaShape | None = None
    has_area: bool = False
    #: the box around all of the agreement's areas, for an obligation without one
    region: BBox | None = None
    order: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class EventFacts:
    """What linking reads of an extracted event."""

    type: str
    sentence: str = ""
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    #: the gazetteer's kind of the place (city, village, region, country ...)
    place_kind: str | None = None
    #: countries (alpha-3) of its actors and targets
    countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    agreement_id: str
    obligation_id: str
    effect: Effect
    match: Match


def effect_of(found: Bearing, *, standing: bool) -> Effect:
    """What an incident link records: a breach breaches; meeting a standing obligation supports
    (complies with) it, meeting a one-off obligation fulfils it."""
    if found is Bearing.BREACHES:
        return Effect.BREACHES
    return Effect.COMPLIES if standing else Effect.FULFILS


def area_names(name: str, alternates: Iterable[str], place_name: str | None) -> frozenset[str]:
    """The normalised names an area goes by: its name without a parenthesis ("Line of contact
    (November 2020)" is the line of contact) and without a designator ("Hama district" is Hama),
    its alternate names and its gazetteer place."""
    raw = [*variants(name), *variants(_PARENTHESIS.sub("", name)), *alternates, place_name or ""]
    return frozenset(n for n in (normalise(x) for x in raw) if len(n) >= MIN_NAME_LENGTH)


def _names_in(text: str, names: frozenset[str]) -> bool:
    folded = f" {normalise(text)} "
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", folded) for n in names)


def in_box(box: BBox, lat: float, lon: float) -> bool:
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north


def point_of(event: EventFacts) -> tuple[float, float] | None:
    """The event's point, if it says where the event happened more closely than a country."""
    if event.lat is None or event.lon is None or event.place_kind in COARSE_KINDS:
        return None
    return event.lat, event.lon


def match(event: EventFacts, target: ObligationTarget) -> Match | None:
    """How well the event's place fits the target's area (None: it does not)."""
    point = point_of(event)
    if target.has_area:
        if target.names and (
            (event.place_name and normalise(event.place_name) in target.names)
            or _names_in(event.sentence, target.names)
        ):
            return Match.NAMED
        if target.shape is not None and point is not None:
            distance = target.shape.distance_km(*point)
            if distance == 0:
                return Match.INSIDE
            if distance <= NEAR_KM:
                return Match.NEAR
        return None
    if point is not None:
        if target.region is not None and in_box(target.region, *point):
            return Match.REGION
        return None
    if target.parties and target.parties <= event.countries:
        return Match.REGION
    return None


def link(event: EventFacts, targets: Sequence[ObligationTarget]) -> Link | None:
    """The obligation the event bears on best, or None."""
    best: tuple[Match, ObligationTarget, Bearing] | None = None
    for target in targets:
        found = bearing(target.action, event.type)
        if found is None:
            continue
        fit = match(event, target)
        if fit is None:
            continue
        if best is None or fit > best[0] or (fit == best[0] and target.order < best[1].order):
            best = (fit, target, found)
    if best is None:
        return None
    fit, target, found = best
    return Link(
        target.agreement_id,
        target.obligation_id,
        effect_of(found, standing=target.standing),
        fit,
    )


@dataclass(frozen=True)
class AreaFacts:
    """What linking reads of an area, whether from an agreement file or from the store."""

    id: str
    name: str
    kind: str
    alternate_names: tuple[str, ...] = ()
    place_name: str | None = None
    geometry: dict[str, Any] | None = None
    width_km: float | None = None
    bbox: BBox | None = None

    def shape(self) -> AreaShape | None:
        if self.geometry is None:
            return None
        return AreaShape(self.geometry, width_km=self.width_km if self.kind == "corridor" else None)


@dataclass(frozen=True)
class ObligationFacts:
    """What linking reads of an obligation."""

    id: str
    action: str
    standing: bool
    parties: tuple[str, ...]
    area: str | None = None


def region_of(areas: Iterable[AreaFacts]) -> BBox | None:
    boxes = [a.bbox for a in areas if a.bbox is not None]
    if not boxes:
        return None
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return grow_bbox(box, NEAR_KM)


def agreement_targets(
    agreement_id: str,
    *,
    obligations: Sequence[ObligationFacts],
    areas: Sequence[AreaFacts],
    rank: int = 0,
) -> list[ObligationTarget]:
    """The targets of one agreement's obligations, in the order written (`rank`: the agreement's
    place among those loaded, the first loaded first)."""
    by_id = {a.id: a for a in areas}
    shapes = {a.id: a.shape() for a in areas}
    region = region_of(areas)
    targets = []
    for position, obligation in enumerate(obligations):
        area = by_id.get(obligation.area) if obligation.area else None
        targets.append(
            ObligationTarget(
                agreement_id=agreement_id,
                obligation_id=obligation.id,
                action=obligation.action,
                standing=obligation.standing,
                parties=frozenset(obligation.parties),
                names=area_names(area.name, area.alternate_names, area.place_name)
                if area is not None
                else frozenset(),
                shape=shapes[area.id] if area is not None else None,
                has_area=area is not None,
                region=region,
                order=(rank, position),
            )
        )
    return targets


def document_targets(document: AgreementDocument, *, rank: int = 0) -> list[ObligationTarget]:
    """The targets of an agreement file, before (or without) it is stored."""
    return agreement_targets(
        document.id,
        obligations=[
            ObligationFacts(o.id, o.action, o.standing, o.parties, o.area)
            for o in document.obligations
        ],
        areas=[_document_area(a) for a in document.areas],
        rank=rank,
    )


def _document_area(area: DocumentArea) -> AreaFacts:
    return AreaFacts(
        area.id, area.name, area.kind, area.alternate_names, _place_name(area.place),
        area.geometry, area.width_km, area.bbox,
    )  # fmt: skip


def _place_name(place: object) -> str | None:
    return str(place["name"]) if isinstance(place, dict) and place.get("name") else None


def stored_area(area: agreement_models.Area) -> AreaFacts:
    west, south, east, north = area.min_lon, area.min_lat, area.max_lon, area.max_lat
    bbox = (
        (west, south, east, north)
        if west is not None and south is not None and east is not None and north is not None
        else None
    )
    return AreaFacts(
        area.id, area.name, area.kind, tuple(area.alternate_names), _place_name(area.place),
        area.geometry, area.width_km, bbox,
    )  # fmt: skip


def obligation_targets(session: Session) -> list[ObligationTarget]:
    """The targets of every obligation of every loaded agreement, the first loaded first."""
    targets: list[ObligationTarget] = []
    for rank, agreement in enumerate(agreements_service.agreements_in_load_order(session)):
        targets += agreement_targets(
            agreement.id,
            obligations=[
                ObligationFacts(o.id, o.action, o.standing, tuple(o.parties), o.area_id)
                for o in agreements_service.obligations(session, agreement_id=agreement.id)
            ],
            areas=[
                stored_area(a) for a in agreements_service.areas(session, agreement_id=agreement.id)
            ],
            rank=rank,
        )
    return targets
