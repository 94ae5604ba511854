"""The agreement file: read, check every rule, and return a typed document or every problem found.

`read_agreement(path)` never returns half a document: either all of it is valid, or
InvalidInputError lists each problem as FILE:LINE: message.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ceasefire.agreements import aliases
from ceasefire.agreements.specs import (
    AmendmentSpec,
    Effect,
    Limit,
    ObligationSpec,
    Observation,
    Term,
)
from ceasefire.agreements.timeref import TimeRef, parse_timeref
from ceasefire.agreements.vocabulary import (
    ACTIONS,
    AREA_KINDS,
    EFFECTS,
    PARTY_ROLES,
    VERIFICATION_RULES,
)
from ceasefire.agreements.yamlines import LinedDocument, YamlSyntaxError, load_lined
from ceasefire.errors import InvalidInputError, Problem
from ceasefire.geo.areas import area_bbox, corridor_polygon

FORMAT = "ceasefire-agreement/1"


def schema() -> dict[str, Any]:
    """The JSON Schema of the agreement file."""
    text = resources.files("ceasefire.agreements").joinpath("agreement.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def source_url(source: Any) -> str:
    if isinstance(source, dict):
        return str(source.get("url", ""))
    return str(source or "")


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    kind: str
    approximate: bool
    geometry: dict[str, Any] | None
    place: dict[str, Any] | None
    width_km: float | None
    bbox: tuple[float, float, float, float] | None
    alternate_names: tuple[str, ...] = ()
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class AgreementDocument:
    """A valid agreement file, typed. `raw` keeps the file's own data for display and export."""

    id: str
    title: str
    timezone: str
    signed: TimeRef
    effective: TimeRef
    parties: dict[str, dict[str, Any]]
    monitoring_parties: tuple[str, ...]
    verification_rule: str
    provisions: list[dict[str, Any]]
    areas: list[Area]
    obligations: list[ObligationSpec]
    obligation_details: dict[str, dict[str, Any]]
    amendments: list[AmendmentSpec]
    amendment_details: dict[str, dict[str, Any]]
    observations: list[Observation]
    observation_details: dict[str, dict[str, Any]]
    raw: dict[str, Any]
    sha256: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def read_agreement(path: Path, *, display_name: str | None = None) -> AgreementDocument:
    """Read and check an agreement file; raises InvalidInputError naming each problem's line."""
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError([Problem(name, 1, f"cannot read file: {exc.strerror}")]) from None
    return parse_agreement(data, name)


def parse_agreement(data: bytes, name: str) -> AgreementDocument:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError([Problem(name, 1, f"not UTF-8 text: {exc.reason}")]) from None
    try:
        doc = load_lined(text)
    except YamlSyntaxError as exc:
        raise InvalidInputError([Problem(name, exc.line, str(exc))]) from None
    checker = _Checker(name, doc)
    result = checker.check(hashlib.sha256(data).hexdigest())
    if checker.problems or result is None:
        raise InvalidInputError(checker.problems)
    return result


def _schema_message(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "the document"
    pattern = error.schema.get("pattern", "") if isinstance(error.schema, dict) else ""
    if error.validator == "pattern" and isinstance(error.instance, str):
        if pattern.startswith("^[a-z0-9]"):
            return f"{where}: {error.instance!r} is not a valid id (lower-case words joined by '-')"
        return f"{where}: {error.instance!r} does not match {pattern}"
    return f"{where}: {error.message}"


class _Checker:
    def __init__(self, name: str, doc: LinedDocument) -> None:
        self.name = name
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(self.name, self.doc.line(path), message))

    def time(self, path: tuple[str | int, ...], value: Any, zone: ZoneInfo) -> TimeRef | None:
        try:
            return parse_timeref(value, zone)
        except ValueError as exc:
            self.add(path, f"{'.'.join(map(str, path))}: {exc}")
            return None

    def check(self, sha256: str) -> AgreementDocument | None:
        for line, key in self.doc.duplicate_keys:
            self.problems.append(Problem(self.name, line, f"duplicate key {key!r}"))
        raw = self.doc.data
        if not isinstance(raw, dict):
            self.add((), "the file must be a YAML mapping (key: value) describing one agreement")
            return None
        for error in Draft202012Validator(schema()).iter_errors(raw):
            self.add(tuple(error.absolute_path), _schema_message(error))
        if self.problems:
            return None
        return self._semantics(raw, sha256)

    def _unique(self, items: list[dict[str, Any]], key: str, section: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            value = str(item[key])
            if value in seen:
                singular = section.rstrip("s")
                self.add((section, i, key), f"duplicate {singular} {key} {value!r}")
            seen.add(value)
        return seen

    def _aliases(self, parties: list[dict[str, Any]]) -> None:
        """Each alias pattern usable, and no pattern given to two parties."""
        seen: dict[str, str] = {}
        for i, party in enumerate(parties):
            if party.get("aliases") and not str(party.get("aliases_note", "")).strip():
                self.add(
                    ("parties", i, "aliases"),
                    "aliases need an aliases_note: the agreement's judgement of which names "
                    "stand for this party",
                )
            for j, pattern in enumerate(party.get("aliases") or ()):
                problem = aliases.pattern_problem(pattern)
                if problem:
                    self.add(("parties", i, "aliases", j), problem)
                    continue
                key = str(pattern).strip().casefold()
                if key in seen and seen[key] != party["id"]:
                    self.add(
                        ("parties", i, "aliases", j),
                        f"alias pattern {pattern!r} is given to parties {seen[key]} and "
                        f"{party['id']}",
                    )
                seen.setdefault(key, str(party["id"]))

    def _semantics(self, raw: dict[str, Any], sha256: str) -> AgreementDocument | None:
        try:
            zone = ZoneInfo(raw["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            self.add(
                ("timezone",),
                f"unknown time zone {raw['timezone']!r} (use an IANA name such as Europe/Moscow)",
            )
            zone = ZoneInfo("UTC")
        signed = self.time(("signed",), raw["signed"], zone)
        effective = self.time(("effective",), raw["effective"], zone)

        parties = {str(p["id"]): p for p in raw["parties"]}
        self._unique(raw["parties"], "id", "parties")
        for i, party in enumerate(raw["parties"]):
            for j, role in enumerate(party["roles"]):
                if role not in PARTY_ROLES:
                    self.add(
                        ("parties", i, "roles", j),
                        f"unknown party role {role!r}; expected one of {', '.join(PARTY_ROLES)}",
                    )
        self._aliases(raw["parties"])

        def party_ref(path: tuple[str | int, ...], code: Any) -> None:
            if code not in parties:
                self.add(
                    path, f"unknown party {code!r}; declared parties: {', '.join(sorted(parties))}"
                )

        for section in ("signatories", "mediators"):
            for i, code in enumerate(raw.get(section, [])):
                party_ref((section, i), code)
        monitoring = raw.get("monitoring") or {"parties": [], "rule": "unanimity"}
        for i, code in enumerate(monitoring.get("parties", [])):
            party_ref(("monitoring", "parties", i), code)
        for i, code in enumerate(monitoring.get("peacekeeping", [])):
            party_ref(("monitoring", "peacekeeping", i), code)
        if monitoring.get("rule") not in VERIFICATION_RULES:
            self.add(
                ("monitoring", "rule"),
                f"unknown verification rule {monitoring.get('rule')!r}; expected one of {', '.join(VERIFICATION_RULES)}",
            )
        if "established" in monitoring:
            self.time(("monitoring", "established"), monitoring["established"], zone)
        for i, text in enumerate(raw.get("texts", [])):
            if "date" in text:
                self.time(("texts", i, "date"), text["date"], zone)
        self._unique(raw.get("texts", []), "id", "texts")

        provisions = {str(p["number"]) for p in raw["provisions"]}
        self._unique(raw["provisions"], "number", "provisions")

        areas: list[Area] = []
        self._unique(raw.get("areas", []), "id", "areas")
        for i, item in enumerate(raw.get("areas", [])):
            area = self._area(i, item)
            if area is not None:
                areas.append(area)
        area_ids = {str(a["id"]) for a in raw.get("areas", [])}

        def area_ref(path: tuple[str | int, ...], area_id: Any) -> None:
            if area_id not in area_ids:
                self.add(
                    path,
                    f"unknown area {area_id!r}; declared areas: {', '.join(sorted(area_ids)) or 'none'}",
                )

        obligations: list[ObligationSpec] = []
        details: dict[str, dict[str, Any]] = {}
        self._unique(raw["obligations"], "id", "obligations")
        for i, item in enumerate(raw["obligations"]):
            base = ("obligations", i)
            if str(item["provision"]) not in provisions:
                self.add(
                    (*base, "provision"),
                    f"unknown provision {item['provision']!r}; provisions: {', '.join(sorted(provisions))}",
                )
            for j, code in enumerate(item["parties"]):
                party_ref((*base, "parties", j), code)
            if "beneficiary" in item:
                party_ref((*base, "beneficiary"), item["beneficiary"])
            if item["action"] not in ACTIONS:
                self.add(
                    (*base, "action"),
                    f"unknown action {item['action']!r}; expected one of {', '.join(ACTIONS)}",
                )
            if "area" in item:
                area_ref((*base, "area"), item["area"])
            start = (
                self.time((*base, "effective_from"), item["effective_from"], zone)
                if "effective_from" in item
                else effective
            )
            deadline = (
                self.time((*base, "deadline"), item["deadline"], zone)
                if "deadline" in item
                else None
            )
            standing = bool(item.get("standing", False))
            if standing and deadline is not None:
                self.add(
                    (*base, "deadline"),
                    "an obligation is either standing or has a deadline, not both",
                )
            if start is not None and deadline is not None and deadline.end <= start.start:
                self.add(
                    (*base, "deadline"),
                    f"deadline {deadline.label} is before the obligation takes effect ({start.label})",
                )
            term = item.get("term")
            limits = tuple(
                Limit(str(x["measure"]), float(x["max"]), str(x.get("unit", "")))
                for x in item.get("limits", [])
            )
            if start is None:
                continue
            obligations.append(
                ObligationSpec(
                    id=str(item["id"]),
                    provision=str(item["provision"]),
                    parties=tuple(item["parties"]),
                    action=str(item["action"]),
                    effective_from=start.start,
                    area=item.get("area"),
                    deadline=deadline,
                    standing=standing,
                    term=Term(
                        term["months"], term.get("renewal_months"), term.get("notice_months", 0)
                    )
                    if term
                    else None,
                    limits=limits,
                )
            )
            details[str(item["id"])] = item
        obligation_by_id = {o.id: o for o in obligations}
        obligation_ids = {str(o["id"]) for o in raw["obligations"]}

        def obligation_ref(path: tuple[str | int, ...], ref: Any) -> bool:
            if ref not in obligation_ids:
                self.add(path, f"unknown obligation {ref!r}")
                return False
            return True

        amendments: list[AmendmentSpec] = []
        amendment_details: dict[str, dict[str, Any]] = {}
        self._unique(raw.get("amendments", []), "id", "amendments")
        for i, item in enumerate(raw.get("amendments", [])):
            base = ("amendments", i)
            known = obligation_ref((*base, "obligation"), item["obligation"])
            decided = self.time((*base, "decided"), item["decided"], zone)
            changes = item["changes"]
            new_deadline = (
                self.time((*base, "changes", "deadline"), changes["deadline"], zone)
                if "deadline" in changes
                else None
            )
            target = obligation_by_id.get(item["obligation"])
            if known and target is not None and new_deadline is not None and target.standing:
                self.add(
                    (*base, "changes", "deadline"),
                    f"obligation {target.id!r} is standing; it has no deadline to change",
                )
            if (
                target is not None
                and new_deadline is not None
                and new_deadline.end <= target.effective_from
            ):
                self.add(
                    (*base, "changes", "deadline"),
                    f"deadline {new_deadline.label} is before the obligation takes effect",
                )
            if decided is None:
                continue
            new_limits = (
                tuple(
                    Limit(str(x["measure"]), float(x["max"]), str(x.get("unit", "")))
                    for x in changes["limits"]
                )
                if "limits" in changes
                else None
            )
            amendments.append(
                AmendmentSpec(
                    str(item["id"]),
                    str(item["obligation"]),
                    decided.start,
                    new_deadline,
                    new_limits,
                )
            )
            amendment_details[str(item["id"])] = item

        observations: list[Observation] = []
        observation_details: dict[str, dict[str, Any]] = {}
        self._unique(raw.get("observations", []), "id", "observations")
        for i, item in enumerate(raw.get("observations", [])):
            base = ("observations", i)
            obligation_ref((*base, "obligation"), item["obligation"])
            if item["effect"] not in EFFECTS:
                self.add(
                    (*base, "effect"),
                    f"unknown effect {item['effect']!r}; expected one of {', '.join(EFFECTS)}",
                )
                continue
            if "area" in item:
                area_ref((*base, "area"), item["area"])
            if "reported_by" in item:
                party_ref((*base, "reported_by"), item["reported_by"])
            when = self.time((*base, "at"), item["at"], zone)
            if when is None:
                continue
            observations.append(
                Observation(
                    str(item["id"]),
                    str(item["obligation"]),
                    Effect(item["effect"]),
                    when.start,
                    when.end,
                    dict(item.get("figures", {})),
                    when.label,
                )
            )
            observation_details[str(item["id"])] = item

        if signed is None or effective is None or self.problems:
            return None
        return AgreementDocument(
            id=str(raw["id"]),
            title=str(raw["title"]),
            timezone=str(raw["timezone"]),
            signed=signed,
            effective=effective,
            parties=parties,
            monitoring_parties=tuple(monitoring.get("parties", [])),
            verification_rule=str(monitoring.get("rule", "unanimity")),
            provisions=list(raw["provisions"]),
            areas=areas,
            obligations=obligations,
            obligation_details=details,
            amendments=amendments,
            amendment_details=amendment_details,
            observations=observations,
            observation_details=observation_details,
            raw=raw,
            sha256=sha256,
        )

    def _area(self, i: int, item: dict[str, Any]) -> Area | None:
        base = ("areas", i)
        kind = item["kind"]
        if kind not in AREA_KINDS:
            self.add(
                (*base, "kind"),
                f"unknown area kind {kind!r}; expected one of {', '.join(AREA_KINDS)}",
            )
            return None
        geometry = item.get("geometry")
        if geometry is None and "place" not in item:
            self.add(base, f"area {item['id']!r} needs a geometry or a gazetteer place")
            return None
        width = item.get("width_km")
        if kind == "corridor":
            if width is None:
                self.add(base, f"corridor {item['id']!r} needs width_km")
            if geometry is not None and geometry["type"] != "LineString":
                self.add(
                    (*base, "geometry", "type"),
                    "a corridor's geometry is the LineString of its road",
                )
        bbox = None
        if geometry is not None:
            try:
                shape = (
                    corridor_polygon(geometry, float(width))
                    if kind == "corridor" and width
                    else geometry
                )
                bbox = area_bbox(shape)
            except (ValueError, TypeError, IndexError) as exc:
                self.add((*base, "geometry"), f"invalid geometry: {exc}")
                return None
        return Area(
            id=str(item["id"]),
            name=str(item["name"]),
            kind=kind,
            approximate=bool(item.get("approximate", False)),
            geometry=geometry,
            place=item.get("place"),
            width_km=float(width) if width is not None else None,
            bbox=bbox,
            alternate_names=tuple(item.get("alternate_names", [])),
            note=str(item.get("note", "")),
            source=source_url(item.get("source")),
        )
