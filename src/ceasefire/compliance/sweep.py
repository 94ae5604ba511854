"""`compliance_series` as a sweep over the sorted moments, building a row only where it changes."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ceasefire.agreements.specs import (
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import TimeRef, add_months
from ceasefire.compliance import rows as reasons
from ceasefire.compliance.rows import ComplianceRow, Status
from ceasefire.compliance.rules import Indexed, above_limits, index

#: What a row depends on beyond the obligation itself: a status tag, the number of amendments
#: applied, then up to three counts or positions its evidence and reason are made of (0 or -1
#: where unused). Equal keys, equal rows.
_Key = tuple[Status, int, int, int, int]

_ZONE = operator.attrgetter("tzinfo")
_START = operator.attrgetter("start")


@dataclass(frozen=True)
class _Version:
    """What an obligation says once its first `n` amendments (in decision order) applied."""

    deadline: TimeRef | None
    limits: tuple[Limit, ...]
    amendments: tuple[str, ...]


def _versions(item: Indexed) -> list[_Version]:
    """The versions after 0, 1, ... amendments, replaced the way `evaluate` replaces them."""
    deadline, limits = item.spec.deadline, item.spec.limits
    versions = [_Version(deadline, limits, ())]
    for n, amendment in enumerate(item.amendments, start=1):
        deadline = amendment.deadline or deadline
        limits = amendment.limits if amendment.limits is not None else limits
        versions.append(_Version(deadline, limits, tuple(a.id for a in item.amendments[:n])))
    return versions


class _Sweep:
    """One obligation evaluated over moments sorted in ascending order.

    Every comparison `Indexed.evaluate` makes with the moment has the form `x <= moment` (or its
    negation `moment < x`) for a threshold `x` that does not depend on the moment: an
    observation's last instant, an amendment's decision, the effective moment, a deadline's end,
    a term's end, the first notice. Between two consecutive thresholds every comparison gives the
    same answer, so the row is the same: one evaluation per stretch of moments is enough. Each
    evaluation counts with the same bisections as `evaluate`, then a key of exactly what the row
    shows decides whether the previous row object can be handed out again (most stretches change
    nothing it shows: a complying report after a breach, a second fulfilment after the first).
    """

    def __init__(self, item: Indexed, moments: list[dt.datetime]) -> None:
        self.item = item
        self.spec = item.spec
        self.moments = moments
        self.versions = _versions(item)
        empty: list[dt.datetime] = []
        self.ends = {effect: item.ends.get(effect, empty) for effect in Effect}
        notices = item.by_effect.get(Effect.NOTICE, [])
        # items are sorted by last instant, so the first notice is the one that counts first;
        # `_term_end` asks whether *any* counted notice came before a cut-off, i.e. this one
        self.first_notice = notices[0].last if notices else None
        # the terms' (end, notice cut-off), as far as `_term_end` walks at any of the moments:
        # it walks further the later the moment, both among the moments before the first notice
        # counts and among those after, so the last moment of each group walks furthest
        self.chain: list[tuple[dt.datetime, dt.datetime]] = []
        last_before_notice = (
            bisect.bisect_left(moments, self.first_notice) - 1
            if self.first_notice is not None
            else -1
        )
        for i in {last_before_notice, len(moments) - 1} - {-1}:
            self._term_index(moments[i])
        # evidence is a prefix of these (rows are rebuilt often, the ids stay the same)
        self.ids = {e: [o.id for o in item.by_effect.get(e, [])] for e in Effect}
        # per version, computed when first needed: whether each figure report (in sorted
        # order) is above one of the version's limits
        self._above: dict[int, list[bool]] = {}

    def _term_index(self, moment: dt.datetime) -> int | None:
        """Which term `_term_end(moment)` returns (None: no term), walking the terms' chain the
        same way and computing its links as `_term_end` would."""
        term = self.spec.term
        if term is None:
            return None
        k = 0
        while True:
            if k == len(self.chain):
                self.chain.append(self._next_term(term))
            end, cut = self.chain[k]
            if term.renewal_months is None or self._notice_before(cut, moment) or end > moment:
                return k
            k += 1

    def _next_term(self, term: Term) -> tuple[dt.datetime, dt.datetime]:
        """The (end, notice cut-off) of the term after the chain's last."""
        if self.chain:
            assert term.renewal_months is not None  # only renewed terms have a successor
            end = add_months(self.chain[-1][0], term.renewal_months)
        else:
            end = add_months(self.spec.effective_from, term.months)
        return end, add_months(end, -term.notice_months)

    def _notice_before(self, cut: dt.datetime, moment: dt.datetime) -> bool:
        first = self.first_notice
        return first is not None and first < cut and first <= moment

    def thresholds(self) -> list[dt.datetime]:
        """Every instant `x` for which `x <= moment` can change the row (see the module doc)."""
        spec = self.spec
        marks = [spec.effective_from, *self.item.amendment_times]
        marks += [end for end, _ in self.chain]
        if self.first_notice is not None and self.chain:
            marks.append(self.first_notice)
        effects = [Effect.BREACHES, Effect.COMPLIES, Effect.FIGURE]
        if not spec.standing:
            # only one-off obligations are fulfilled, or look at their deadline
            effects.append(Effect.FULFILS)
            marks += [v.deadline.end for v in self.versions if v.deadline is not None]
        for effect in effects:
            marks += self.ends[effect]
        return marks

    def above(self, version: int, figure: int) -> bool:
        """Whether the figure report at index `figure` is above a limit of the version."""
        flags = self._above.get(version)
        if flags is None:
            limits = self.versions[version].limits
            flags = self._above[version] = [
                bool(above_limits(o, limits)) for o in self.item.by_effect.get(Effect.FIGURE, [])
            ]
        return flags[figure]

    def key(self, moment: dt.datetime) -> _Key:
        """What the row at `moment` depends on, following `evaluate` branch by branch."""
        spec, ends, right = self.spec, self.ends, bisect.bisect_right
        version = right(self.item.amendment_times, moment)
        if moment < spec.effective_from:
            return (Status.NOT_IN_FORCE, version, 0, 0, 0)
        term = self._term_index(moment)
        if term is not None and moment >= self.chain[term][0]:
            return (Status.EXPIRED, version, term, 0, 0)
        if not spec.standing:
            fulfils = right(ends[Effect.FULFILS], moment)
            if fulfils:
                # on time or late is decided by the version's deadline, already in the key
                return (Status.FULFILLED, version, self.item.first_fulfil[fulfils - 1], 0, 0)
        breaches = right(ends[Effect.BREACHES], moment)
        figures = right(ends[Effect.FIGURE], moment)
        limits = self.versions[version].limits
        exceeded = figures if limits and figures and self.above(version, figures - 1) else 0
        if breaches or exceeded:
            return (Status.BREACHED, version, breaches, exceeded, 0)
        complies = right(ends[Effect.COMPLIES], moment)
        if spec.standing:
            status = Status.NO_REPORT if limits and not figures else Status.IN_FORCE
            return (status, version, complies, figures, -1 if term is None else term)
        deadline = self.versions[version].deadline
        if deadline is not None and moment >= deadline.end:
            return (Status.OVERDUE, version, complies, figures, 0)
        return (Status.PENDING, version, complies, figures, 0)

    def row(self, key: _Key) -> ComplianceRow:
        """The row `evaluate` returns at any moment with this key (same reasons, same order)."""
        spec, ids = self.spec, self.ids
        tag, n, a, b, c = key
        version = self.versions[n]
        deadline = version.deadline

        def row(status: Status, reason: str, evidence: Sequence[str] = ()) -> ComplianceRow:
            return ComplianceRow(
                spec.id, spec.provision, spec.parties, spec.action, spec.area, status,
                deadline, version.amendments, tuple(evidence), reason, version.limits,
            )  # fmt: skip

        if tag is Status.NOT_IN_FORCE:
            return row(tag, reasons.not_in_force(spec.effective_from))
        if tag is Status.EXPIRED:
            return row(tag, reasons.expired(self.chain[a][0]))
        if tag is Status.FULFILLED:
            fulfilling = self.item.by_effect[Effect.FULFILS][a]
            status, reason = reasons.fulfilment(fulfilling, deadline)
            return row(status, reason, [fulfilling.id])
        if tag is Status.BREACHED:
            parts = []
            if a:
                parts.append(reasons.breaches(a, self.item.by_effect[Effect.BREACHES][a - 1]))
            evidence = ids[Effect.BREACHES][:a]
            if b:
                latest = self.item.by_effect[Effect.FIGURE][b - 1]
                parts += [
                    reasons.above_limit(latest, x) for x in above_limits(latest, version.limits)
                ]
                evidence += [latest.id]
            return row(tag, "; ".join(parts), evidence)
        support = ids[Effect.COMPLIES][:a] + ids[Effect.FIGURE][b - 1 : b]
        if tag is Status.NO_REPORT:
            term_end = self.chain[c][0] if c >= 0 else None
            return row(tag, reasons.no_report(len(support), term_end), support)
        if tag is Status.IN_FORCE:
            term_end = self.chain[c][0] if c >= 0 else None
            report = self.item.by_effect[Effect.FIGURE][b - 1] if version.limits and b else None
            return row(tag, reasons.in_force(len(support), term_end, report), support)
        if tag is Status.OVERDUE:
            assert deadline is not None  # only a deadline passes
            return row(tag, reasons.overdue(deadline), support)
        return row(Status.PENDING, reasons.pending(deadline, version.amendments), support)

    def column(self) -> list[ComplianceRow]:
        """The obligation's row at each moment, one evaluation per stretch between thresholds."""
        moments = self.moments
        # a threshold x changes the row from the first moment >= x on
        starts = {bisect.bisect_left(moments, x) for x in self.thresholds()}
        starts.add(0)
        cuts = sorted(i for i in starts if i < len(moments))
        cuts.append(len(moments))
        column: list[ComplianceRow] = []
        previous: _Key | None = None
        row: ComplianceRow | None = None
        for lo, hi in itertools.pairwise(cuts):
            key = self.key(moments[lo])
            if key != previous or row is None:
                row, previous = self.row(key), key
            column += [row] * (hi - lo)
        return column


def _one_timeline(instants: list[dt.datetime]) -> bool:
    """Whether Python's comparisons order these aware instants as points of a single timeline.

    Datetimes sharing a tzinfo compare by wall clock (ignoring `fold`), the others in UTC. The
    two orders agree except at wall-clock times a DST change makes ambiguous or skips; there, a
    moment can compare before an observation in its own zone and after it through a third zone,
    and no sorted order matches the comparisons `compliance_at` makes.
    """
    zones = set(map(_ZONE, instants))
    if len(zones) <= 1 or all(isinstance(zone, dt.timezone) for zone in zones):
        return True  # the usual case, checked in C: one zone, or fixed offsets only
    for d in instants:
        if isinstance(d.tzinfo, dt.timezone):
            continue
        if not isinstance(d.tzinfo, ZoneInfo):
            return False  # a custom tzinfo: nothing known about its wall clock
        if d.utcoffset() != d.replace(fold=1 - d.fold).utcoffset():
            return False
    return True


def _instants(sweeps: list[_Sweep], moments: list[dt.datetime]) -> list[dt.datetime]:
    """Every instant the rule compares with another: the moments, and each obligation's."""
    instants = list(moments)
    for sweep in sweeps:
        item = sweep.item
        instants.append(item.spec.effective_from)
        instants += item.amendment_times
        instants += [v.deadline.end for v in sweep.versions if v.deadline is not None]
        for end, cut in sweep.chain:
            instants += (end, cut)
        for items in item.by_effect.values():
            instants += map(_START, items)
        for ends in item.ends.values():
            instants += ends
    return instants


def sweep_series(indexed: list[Indexed], moments: list[dt.datetime]) -> list[list[ComplianceRow]]:
    """Every obligation's `evaluate` at each of `moments` (aware, any order, repeats allowed),
    in the order given."""
    if not moments:
        return []
    order = sorted(range(len(moments)), key=moments.__getitem__)
    ordered = [moments[i] for i in order]
    sweeps = [_Sweep(item, ordered) for item in indexed]
    if not _one_timeline(_instants(sweeps, ordered)):
        # no order of the moments fits every comparison: evaluate each moment on its own
        return [[item.evaluate(moment) for item in indexed] for moment in moments]
    columns = [sweep.column() for sweep in sweeps]
    by_rank = list(zip(*columns, strict=True)) if columns else [()] * len(ordered)
    series: list[list[ComplianceRow]] = [[] for _ in moments]
    for rank, position in enumerate(order):
        series[position] = list(by_rank[rank])
    return series


def compliance_series(
    obligations: Iterable[ObligationSpec],
    amendments: Iterable[AmendmentSpec],
    observations: Iterable[Observation],
    moments: Sequence[dt.datetime],
) -> list[list[ComplianceRow]]:
    """`rules.compliance_at` at each of `moments` (timezone-aware, any order, repeats allowed),
    in the order given: equal to evaluating one moment at a time, computed as a sweep."""
    moments = list(moments)
    if any(moment.tzinfo is None for moment in moments):
        raise ValueError("compliance needs a timezone-aware moment")
    return sweep_series(index(obligations, amendments, observations), moments)
