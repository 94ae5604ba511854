"""Compliance at any moment: obligations + amendments + verified observations + moment -> status.

Pure functions over plain values; no database. The rules, in short (docs/agreement-format.md has
the full text):
- an obligation is `not-in-force` before its effective moment and `expired` after its term ends
  (a term with automatic renewal ends only when a party's notice came early enough);
- an amendment applies from the moment it was decided, never before;
- an observation counts once the last instant of the period it happened in has passed (a fact
  dated 20 November counts from the last instant of 20 November in the agreement's time zone);
- a one-off obligation (a deadline, or none) is `pending` until fulfilled, `overdue` once its
  deadline passed unfulfilled, `fulfilled` or `fulfilled-late` when an observation fulfils it;
- a standing obligation is `in-force` until an observation breaches it, then `breached`;
- limits (caps) are checked against the latest figure report counted by the moment (a strength
  report supersedes the one before it): above a limit it is `breached` with that report as its
  evidence, within them `in-force`; a standing obligation with limits and no report yet is
  `no-report`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ceasefire.agreements.specs import (
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
)
from ceasefire.agreements.timeref import add_months
from ceasefire.compliance import rows as reasons
from ceasefire.compliance.rows import ComplianceRow, Status

__all__ = ["ComplianceRow", "Indexed", "Status", "above_limits", "compliance_at", "index"]


@dataclass
class Indexed:
    """One obligation with its amendments and observations sorted for fast look-ups by moment."""

    spec: ObligationSpec
    amendments: list[AmendmentSpec]
    amendment_times: list[dt.datetime]
    by_effect: dict[Effect, list[Observation]]
    ends: dict[Effect, list[dt.datetime]]
    # fulfils: index of the earliest-starting observation among the first k (prefix minimum)
    first_fulfil: list[int]

    @classmethod
    def build(
        cls, spec: ObligationSpec, amendments: Iterable[AmendmentSpec], obs: Iterable[Observation]
    ) -> Indexed:
        ordered = sorted(amendments, key=lambda a: (a.decided_at, a.id))
        by_effect: dict[Effect, list[Observation]] = defaultdict(list)
        for o in obs:
            by_effect[o.effect].append(o)
        for items in by_effect.values():
            items.sort(key=lambda o: (o.last, o.start, o.id))
        ends = {effect: [o.last for o in items] for effect, items in by_effect.items()}
        first: list[int] = []
        best = -1
        for i, o in enumerate(by_effect.get(Effect.FULFILS, [])):
            if best < 0 or o.start < by_effect[Effect.FULFILS][best].start:
                best = i
            first.append(best)
        return cls(spec, ordered, [a.decided_at for a in ordered], by_effect, ends, first)

    def counted(self, effect: Effect, moment: dt.datetime) -> int:
        """How many observations of `effect` have fully happened by `moment`."""
        return bisect.bisect_right(self.ends.get(effect, []), moment)

    def evaluate(self, moment: dt.datetime) -> ComplianceRow:
        spec = self.spec
        applied = self.amendments[: bisect.bisect_right(self.amendment_times, moment)]
        deadline, limits = spec.deadline, spec.limits
        for amendment in applied:
            deadline = amendment.deadline or deadline
            limits = amendment.limits if amendment.limits is not None else limits
        amendment_ids = tuple(a.id for a in applied)

        def row(status: Status, reason: str, evidence: Sequence[str] = ()) -> ComplianceRow:
            return ComplianceRow(
                spec.id, spec.provision, spec.parties, spec.action, spec.area, status,
                deadline, amendment_ids, tuple(evidence), reason, limits,
            )  # fmt: skip

        if moment < spec.effective_from:
            return row(Status.NOT_IN_FORCE, reasons.not_in_force(spec.effective_from))
        term_end = self._term_end(moment)
        if term_end is not None and moment >= term_end:
            return row(Status.EXPIRED, reasons.expired(term_end))

        breaches = self.by_effect.get(Effect.BREACHES, [])[: self.counted(Effect.BREACHES, moment)]
        latest = self.latest_figure(moment)
        exceeded = above_limits(latest, limits)
        breach_ids = [o.id for o in breaches] + ([latest.id] if latest and exceeded else [])

        n_fulfils = self.counted(Effect.FULFILS, moment)
        if not spec.standing and n_fulfils:
            fulfilling = self.by_effect[Effect.FULFILS][self.first_fulfil[n_fulfils - 1]]
            status, reason = reasons.fulfilment(fulfilling, deadline)
            return row(status, reason, [fulfilling.id])

        if breach_ids:
            parts = [reasons.breaches(len(breaches), breaches[-1])] if breaches else []
            if latest is not None:
                parts += [reasons.above_limit(latest, limit) for limit in exceeded]
            return row(Status.BREACHED, "; ".join(parts), breach_ids)

        complies = self.by_effect.get(Effect.COMPLIES, [])[: self.counted(Effect.COMPLIES, moment)]
        support = [o.id for o in complies] + ([latest.id] if latest else [])
        if spec.standing:
            if limits and latest is None:
                return row(Status.NO_REPORT, reasons.no_report(len(support), term_end), support)
            report = latest if limits else None
            return row(Status.IN_FORCE, reasons.in_force(len(support), term_end, report), support)
        if deadline is not None and moment >= deadline.end:
            return row(Status.OVERDUE, reasons.overdue(deadline), support)
        return row(Status.PENDING, reasons.pending(deadline, amendment_ids), support)

    def latest_figure(self, moment: dt.datetime) -> Observation | None:
        """The figure report in force at `moment`: the last one counted by then (None: none)."""
        n = self.counted(Effect.FIGURE, moment)
        return self.by_effect[Effect.FIGURE][n - 1] if n else None

    def _term_end(self, moment: dt.datetime) -> dt.datetime | None:
        """When the term in force at `moment` ends (None: no term, or renewed past `moment`)."""
        term = self.spec.term
        if term is None:
            return None
        notices = self.by_effect.get(Effect.NOTICE, [])
        end = add_months(self.spec.effective_from, term.months)
        while True:
            cut = add_months(end, -term.notice_months)
            notice_given = any(o.last < cut and o.last <= moment for o in notices)
            if term.renewal_months is None or notice_given or end > moment:
                return end
            end = add_months(end, term.renewal_months)


def above_limits(report: Observation | None, limits: tuple[Limit, ...]) -> list[Limit]:
    """The limits a figure report is above, in the limits' order (none without a report)."""
    if report is None:
        return []
    return [
        x for x in limits if x.measure in report.figures and report.figures[x.measure] > x.maximum
    ]


def index(
    obligations: Iterable[ObligationSpec],
    amendments: Iterable[AmendmentSpec],
    observations: Iterable[Observation],
) -> list[Indexed]:
    """Each obligation with its own amendments and observations, sorted for look-ups by moment."""
    by_obligation: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_obligation[o.obligation].append(o)
    amended: dict[str, list[AmendmentSpec]] = defaultdict(list)
    for a in amendments:
        amended[a.obligation].append(a)
    return [
        Indexed.build(spec, amended.get(spec.id, []), by_obligation.get(spec.id, []))
        for spec in obligations
    ]


def compliance_at(
    obligations: Iterable[ObligationSpec],
    amendments: Iterable[AmendmentSpec],
    observations: Iterable[Observation],
    moment: dt.datetime,
) -> list[ComplianceRow]:
    """Each obligation's status as of `moment` (timezone-aware), in the obligations' order."""
    if moment.tzinfo is None:
        raise ValueError("compliance needs a timezone-aware moment")
    return [item.evaluate(moment) for item in index(obligations, amendments, observations)]
