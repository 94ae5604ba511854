"""The joint finding in words that say who: "breached by AZE (confirmed by RUS and TUR)", and
when the parties differ, who said what. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from ceasefire.incidents.models import Finding


def _and(names: list[str]) -> str:
    names = sorted(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def finding_words(
    finding: Finding,
    verdicts: Mapping[str, str],
    attributions: Mapping[str, str | None],
    *,
    breaches: bool,
    public: bool = False,
) -> str:
    """The finding with who found it and whom it holds responsible. `verdicts` and
    `attributions` are each party's latest; `breaches`: the incident is linked to an obligation
    it breaches. `public` leaves out what each party said (for the conflict parties)."""
    if finding is Finding.PENDING:
        waiting = [p for p, v in verdicts.items() if not v]
        return "pending" + (f" (waiting for {_and(waiting)})" if waiting and not public else "")
    if finding in (Finding.CONFIRMED, Finding.REJECTED):
        agreeing = "confirmed" if finding is Finding.CONFIRMED else "not-confirmed"
        by = [p for p, v in verdicts.items() if v == agreeing]
        named = {attributions.get(p) for p in by} - {None, ""}
        head = str(finding)
        if finding is Finding.CONFIRMED and len(named) == 1:
            (who,) = named
            tail = f"confirmed by {_and(by)}" if by and not public else ""
            if breaches:
                return f"breached by {who} ({tail})" if tail else f"breached by {who}"
            return f"{who} responsible, {tail}" if tail else f"confirmed, {who} responsible"
        if public or not by:
            return head
        words = f"{finding} by {_and(by)}"
        if len(named) > 1:
            words += "; responsible: " + "; ".join(
                f"{attributions[p]} according to {p}" for p in sorted(by) if attributions.get(p)
            )
        others = [p for p in verdicts if p not in by and verdicts[p]]
        if others:
            words += "; dissent: " + "; ".join(f"{p} said {verdicts[p]}" for p in sorted(others))
        return words
    if public:
        return str(finding)
    said = [
        f"{p} said {v}" + (f" ({attributions[p]} responsible)" if attributions.get(p) else "")
        for p, v in sorted(verdicts.items())
        if v
    ]
    return f"{finding}: " + "; ".join(said) if said else str(finding)
