"""When a group of alerts is notified: the timers of Prometheus Alertmanager, on plain values.

- group wait: a new group waits this long before its first message, to gather its like;
- group interval: after a message, a change in the group (an alert new or resolved) waits this
  long since the last message;
- repeat interval: an unchanged group that still holds is repeated only after this long.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from dataclasses import dataclass

from ceasefire.alerts.checks import FieldError


@dataclass(frozen=True)
class Timers:
    group_wait: dt.timedelta = dt.timedelta(seconds=30)
    group_interval: dt.timedelta = dt.timedelta(minutes=5)
    repeat_interval: dt.timedelta = dt.timedelta(hours=4)

    @classmethod
    def of_seconds(
        cls, *, group_wait: float, group_interval: float, repeat_interval: float, source: str
    ) -> Timers:
        """Timers from seconds; a negative one is refused, naming its field."""
        given = {
            "group_wait": group_wait,
            "group_interval": group_interval,
            "repeat_interval": repeat_interval,
        }
        for name, value in given.items():
            if value < 0:
                raise FieldError(f"{source}{name}", f"expected seconds >= 0, got {value:g}")
        return cls(*(dt.timedelta(seconds=v) for v in given.values()))


@dataclass(frozen=True)
class GroupState:
    created_at: dt.datetime
    last_sent_at: dt.datetime | None
    sent_keys: frozenset[str]


def due(state: GroupState, active: Set[str], now: dt.datetime, timers: Timers) -> bool:
    """Whether the group is to be notified now, with `active` the keys of its alerts holding."""
    if state.last_sent_at is None:
        return bool(active) and now >= state.created_at + timers.group_wait
    if frozenset(active) != state.sent_keys:
        return now >= state.last_sent_at + timers.group_interval
    return bool(active) and now >= state.last_sent_at + timers.repeat_interval
