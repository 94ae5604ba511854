"""Whether an extracted event is about a loaded agreement at all, and how much: the news channel
puts in the monitors' queue only what bears on an agreement the center monitors.

Pure: an event's facts and each agreement's scope (what its file says: areas, period, parties,
monitoring parties) in, a `Relevance` out. Nothing here knows one agreement; every loaded one is
scored and the best wins.

An event is about an agreement when its time allows it and its place or its actors tie it there:

- *time*: a day, week, month or year it is dated to overlaps the agreement's period, from
  `MARGIN_DAYS` before it takes effect to the end of its term (open while a term renews itself or
  none is set). An event dated outside is about no agreement, whatever else it says.
- *place* (best first): its place or its sentence names one of the agreement's areas; its point
  lies in an area's shape or within `BUFFER_KM` of it; its point lies in the agreement's region
  (the box around all of its areas, grown by `links.NEAR_KM`). A point elsewhere (a town, a
  district, more precise than a country) says the event happened away from the agreement: it is
  about no agreement, whatever its actors.
- *the article*: an event without a place of its own ("over the past day, two violations were
  recorded") in an article that places another of its mentions in or near one of the agreement's
  areas (a bulletin on the contingent's districts) is about that agreement;
- *actors*: otherwise, without a telling place (none, or only a country's or a continent's), the
  event must both bear on one of the agreement's obligations (`links`) and name among its actors
  one of the agreement's conflict parties (a monitoring party alone is not enough: peacekeepers
  of one country serve in many places).

The score orders the queue: the place's fit (named 1.0, inside 0.9, near 0.8, region 0.6,
the article 0.5, actors only 0.4), plus 0.1 for a link to an obligation and 0.1 for a date inside the period,
at most 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceasefire.agreements import models as agreement_models
from ceasefire.agreements import service as agreements_service
from ceasefire.geo.areas import AreaShape
from ceasefire.geo.distance import BBox
from ceasefire.geo.names import normalise
from ceasefire.ingest import links

#: How far from an area's drawn shape an event still counts as near it, in km.
BUFFER_KM = 20.0
#: How long before an agreement takes effect its events already count (the fighting it ends,
#: the talks that lead to it), in days.
MARGIN_DAYS = 30
#: The reason stored for an event about no loaded agreement.
NOT_ABOUT_ANY = "not about any agreement"

PLACE_SCORES = {
    "named": 1.0, "inside": 0.9, "near": 0.8, "region": 0.6, "article": 0.5, "actors": 0.4,
}  # fmt: skip


@dataclass(frozen=True)
class AreaScope:
    id: str
    names: frozenset[str]
    shape: AreaShape | None = None


@dataclass(frozen=True)
class AgreementScope:
    """What relevance reads of one loaded agreement."""

    id: str
    starts: dt.date  # the day it takes effect
    ends: dt.date | None  # the last day of its term; None: open
    conflict_parties: frozenset[str]
    monitoring_parties: frozenset[str] = frozenset()
    areas: tuple[AreaScope, ...] = ()
    region: BBox | None = None
    order: int = 0


@dataclass(frozen=True)
class Relevance:
    """How much an event bears on the agreement it is most about (`agreement_id` None: on none)."""

    score: float
    agreement_id: str | None = None
    area_id: str | None = None
    obligation_id: str | None = None
    reasons: tuple[str, ...] = field(default=(NOT_ABOUT_ANY,))

    @property
    def relevant(self) -> bool:
        return self.agreement_id is not None


NONE = Relevance(0.0)

_YEAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def date_range(value: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a resolved date stands for (a day, week, month or year); None for
    one that says nothing of when (a reference such as `PRESENT_REF`, a decade)."""
    if not value:
        return None
    try:
        if week := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday, monday + dt.timedelta(days=6)
        found = _YEAR.match(value)
        if found is None:
            return None
        year, month, day = found.group(1), found.group(2), found.group(3)
        if day:
            one = dt.date(int(year), int(month), int(day))
            return one, one
        if month:
            first = dt.date(int(year), int(month), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if precision in {None, "year", "quarter", "season"}:
            return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return None
    return None


def in_period(scope: AgreementScope, when: tuple[dt.date, dt.date] | None) -> bool | None:
    """Whether the dates overlap the agreement's period with its margin (None: undated)."""
    if when is None:
        return None
    first = scope.starts - dt.timedelta(days=MARGIN_DAYS)
    return when[1] >= first and (scope.ends is None or when[0] <= scope.ends)


def _names_in(text: str, names: frozenset[str]) -> bool:
    folded = f" {normalise(text)} "
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", folded) for n in names)


def place_fit(event: links.EventFacts, scope: AgreementScope) -> tuple[str, str | None] | None:
    """How the event's place ties it to the agreement: (`named`, `inside`, `near` or `region`,
    the area), `("elsewhere", None)` for a precise point away from it, None when the place says
    nothing (none, or a country's)."""
    name = normalise(event.place_name) if event.place_name else None
    for area in scope.areas:
        if area.names and ((name and name in area.names) or _names_in(event.sentence, area.names)):
            return "named", area.id
    point = links.point_of(event)
    if point is None:
        return None
    best: tuple[float, str] | None = None
    for area in scope.areas:
        if area.shape is not None:
            km = area.shape.distance_km(*point)
            if best is None or km < best[0]:
                best = (km, area.id)
    if best is not None and best[0] == 0:
        return "inside", best[1]
    if best is not None and best[0] <= BUFFER_KM:
        return "near", best[1]
    if scope.region is not None and links.in_box(scope.region, *point):
        return "region", None
    return "elsewhere", None


def score_one(
    event: links.EventFacts,
    scope: AgreementScope,
    *,
    when: tuple[dt.date, dt.date] | None,
    link: links.Link | None,
    article: dict[str, str] | None = None,
) -> Relevance:
    """How much the event bears on one agreement (`NONE`: not at all); `article`: the area of
    each agreement the event's article places a mention in (`article_areas`)."""
    dated = in_period(scope, when)
    if dated is False:
        return NONE
    fit = place_fit(event, scope)
    if fit is not None and fit[0] == "elsewhere":
        return NONE
    linked = link is not None and link.agreement_id == scope.id
    parties = sorted(event.countries & scope.conflict_parties)
    if fit is None and event.lat is None and article and scope.id in article:
        fit = ("article", article[scope.id])
    if fit is None:
        if not (linked and parties):
            return NONE
        how, area = "actors", None
    else:
        how, area = fit
    reasons = [f"{how}: {area}" if area else how]
    if parties:
        reasons.append("parties: " + ", ".join(parties))
    monitors = sorted(event.countries & scope.monitoring_parties)
    if monitors:
        reasons.append("monitoring parties: " + ", ".join(monitors))
    obligation = link.obligation_id if link is not None and linked else None
    if obligation:
        reasons.append(f"obligation: {obligation}")
    if dated:
        reasons.append("within the period")
    score = PLACE_SCORES[how] + (0.1 if obligation else 0.0) + (0.1 if dated else 0.0)
    return Relevance(round(min(score, 1.0), 2), scope.id, area, obligation, tuple(reasons))


def score(
    event: links.EventFacts,
    scopes: Sequence[AgreementScope],
    *,
    date: tuple[str | None, str | None] = (None, None),
    link: links.Link | None = None,
    article: dict[str, str] | None = None,
) -> Relevance:
    """The agreement the event is most about (the highest score; ties to the first loaded), or
    `NONE`."""
    when = date_range(*date)
    best = NONE
    for scope in sorted(scopes, key=lambda s: s.order):
        found = score_one(event, scope, when=when, link=link, article=article)
        if found.score > best.score:
            best = found
    return best


def article_areas(
    places: Sequence[tuple[str, float, float, str]], scopes: Sequence[AgreementScope]
) -> dict[str, str]:
    """For each agreement, the area one of an article's places (name, lat, lon, kind) lies in or
    near or names, the first found."""
    out: dict[str, str] = {}
    for name, lat, lon, kind in places:
        facts = links.EventFacts(type="", place_name=name, lat=lat, lon=lon, place_kind=kind)
        for scope in scopes:
            fit = place_fit(facts, scope)
            if scope.id not in out and fit is not None and fit[1] is not None:
                out[scope.id] = fit[1]
    return out


def _period_end(starts: dt.date, terms: Sequence[dict[str, object] | None]) -> dt.date | None:
    """The last day of the month in which the longest term an obligation sets ends (None: one
    renews itself, or none is set: the agreement holds until it is ended)."""
    months: list[int] = []
    for term in terms:
        if not term:
            continue
        if term.get("renewal_months"):
            return None
        value = term.get("months")
        if isinstance(value, int):
            months.append(value)
    if not months:
        return None
    total = starts.month + max(months)  # the month after the one the term ends in, from 0
    return dt.date(starts.year + total // 12, total % 12 + 1, 1) - dt.timedelta(days=1)


def agreement_scopes(session: Session) -> list[AgreementScope]:
    """The scope of every loaded agreement, the first loaded first."""
    scopes: list[AgreementScope] = []
    for rank, agreement in enumerate(agreements_service.agreements_in_load_order(session)):
        parties = session.scalars(
            select(agreement_models.AgreementParty).where(
                agreement_models.AgreementParty.agreement_id == agreement.id
            )
        ).all()
        areas = [
            links.stored_area(a)
            for a in agreements_service.areas(session, agreement_id=agreement.id)
        ]
        starts = agreement.effective_at.date()
        terms = [o.term for o in agreements_service.obligations(session, agreement_id=agreement.id)]
        scopes.append(
            AgreementScope(
                id=agreement.id,
                starts=starts,
                ends=_period_end(starts, terms),
                conflict_parties=frozenset(p.code for p in parties if "conflict" in p.roles),
                monitoring_parties=frozenset(agreement.monitoring_parties or ()),
                areas=tuple(
                    AreaScope(
                        a.id, links.area_names(a.name, a.alternate_names, a.place_name), a.shape()
                    )
                    for a in areas
                ),
                region=links.region_of(areas),
                order=rank,
            )
        )
    return scopes
