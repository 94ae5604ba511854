"""The alert rules file: the rules' parameters and timers, checked whole, each problem at its line.

```yaml
parameters: {deadline_days: 3, dispute_hours: 24, complaint_days: 7, watch_hours: 24}
obligations: [an-obligation-id]      # only these for the obligation rules (default: all)
disabled: [finding-published]        # rules switched off
timers: {group_wait_seconds: 30, group_interval_seconds: 300, repeat_interval_seconds: 14400}
```
Values missing from the file are the center's settings."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from ceasefire.agreements.yamlines import YamlSyntaxError, load_lined
from ceasefire.alerts.rules import Parameters, Rule
from ceasefire.alerts.timers import Timers
from ceasefire.errors import InvalidInputError, Problem

PARAMETERS = ("deadline_days", "dispute_hours", "complaint_days", "watch_hours")
TIMERS = ("group_wait_seconds", "group_interval_seconds", "repeat_interval_seconds")
SECTIONS = ("parameters", "obligations", "disabled", "timers")


@dataclass(frozen=True)
class AlertConfig:
    parameters: Parameters
    timers: Timers


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def parse(text: str, *, source: str, base: AlertConfig, obligations: Set[str]) -> AlertConfig:
    """The file's rules over `base`; every problem at once (`FILE:LINE: field: message`).
    `obligations` are the ids of every loaded agreement's obligations."""
    try:
        doc = load_lined(text)
    except YamlSyntaxError as exc:
        raise InvalidInputError([Problem(source, exc.line, str(exc))]) from None
    data = doc.data if doc.data is not None else {}
    problems: list[Problem] = []

    def bad(path: tuple[str | int, ...], message: str) -> None:
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path)
        problems.append(Problem(source, doc.line(path), f"{name.replace('.[', '[')}: {message}"))

    if not isinstance(data, dict):
        raise InvalidInputError([Problem(source, 1, "expected a mapping of sections")])
    for key in data:
        if key not in SECTIONS:
            bad((key,), f"unknown section (expected one of {', '.join(SECTIONS)})")
    params = dataclasses.asdict(base.parameters)
    for section, names in (("parameters", PARAMETERS), ("timers", TIMERS)):
        values = data.get(section, {})
        if not isinstance(values, dict):
            bad((section,), "expected a mapping")
            continue
        for name, value in values.items():
            if name not in names:
                bad((section, name), f"unknown (expected one of {', '.join(names)})")
            elif (number := _number(value)) is None or number < 0:
                bad((section, name), f"expected a number >= 0, got {value!r}")
            elif section == "parameters":
                params[name] = number
    chosen = data.get("obligations")
    if chosen is not None:
        if not isinstance(chosen, list):
            bad(("obligations",), "expected a list of obligation ids")
        else:
            for i, oid in enumerate(chosen):
                if oid not in obligations:
                    bad(("obligations", i), f"unknown obligation {oid!r}")
            params["obligations"] = frozenset(str(o) for o in chosen)
    disabled = data.get("disabled", [])
    known_rules = {r.value for r in Rule}
    if not isinstance(disabled, list):
        bad(("disabled",), "expected a list of rule names")
        disabled = []
    for i, name in enumerate(disabled):
        if name not in known_rules:
            bad(
                ("disabled", i),
                f"unknown rule {name!r} (expected one of {', '.join(sorted(known_rules))})",
            )
    if problems:
        raise InvalidInputError(problems)
    params["disabled"] = frozenset(Rule(n) for n in disabled) | base.parameters.disabled
    timers_in = data.get("timers", {}) or {}
    timers = Timers.of_seconds(
        group_wait=float(
            timers_in.get("group_wait_seconds", base.timers.group_wait.total_seconds())
        ),
        group_interval=float(
            timers_in.get("group_interval_seconds", base.timers.group_interval.total_seconds())
        ),
        repeat_interval=float(
            timers_in.get("repeat_interval_seconds", base.timers.repeat_interval.total_seconds())
        ),
        source="timers.",
    )
    return AlertConfig(Parameters(**params), timers)
