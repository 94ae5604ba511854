"""Incidents and reports in and out of the API (and of imports)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from ceasefire.geo import countries
from ceasefire.incidents.models import IncidentStatus


class Channel(StrEnum):
    MONITOR = "monitor"
    COMPLAINT = "complaint"
    SENSOR = "sensor"
    BULLETIN = "bulletin"
    NEWS = "news"
    IMPORT = "import"


class TimePrecision(StrEnum):
    EXACT = "exact"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class LocationPrecision(StrEnum):
    EXACT = "exact"  # the place itself (a town, a post, coordinates)
    NEAR = "near"  # near the place or part of a district
    DISTRICT = "district"  # somewhere in the district (admin2)
    REGION = "region"  # somewhere in the region (admin1)


class Actor(BaseModel):
    name: str = Field(max_length=200)
    party: str | None = Field(None, max_length=16, description="ISO3 of the actor's state, if any.")
    role: str = Field("", max_length=40, description="e.g. attacker, target, mediator.")


class Casualties(BaseModel):
    side: str = Field(max_length=16, description="Whose casualties: ISO3 or 'unknown'.")
    killed_military: int = Field(0, ge=0)
    killed_civilian: int = Field(0, ge=0)
    wounded_military: int = Field(0, ge=0)
    wounded_civilian: int = Field(0, ge=0)
    killed_unspecified: int = Field(0, ge=0, description="Killed, military or civilian not said.")
    wounded_unspecified: int = Field(0, ge=0)


class ObligationLink(BaseModel):
    obligation: str = Field(max_length=100)
    effect: Literal["breaches", "fulfils", "complies"]


class IncidentCreate(BaseModel):
    type: str = Field(max_length=60, description="An id of the taxonomy (docs/taxonomy.md).")
    summary: str = Field(max_length=20_000)
    occurred: str = Field(
        max_length=60,
        description="When it happened or began: a date (day precision), a month, or an ISO 8601 "
        "datetime (exact); read in the agreement's time zone when no offset is given.",
    )
    occurred_end: str | None = Field(None, max_length=60, description="When it ended, if later.")
    time_precision: TimePrecision | None = Field(
        None, description="Overrides the precision implied by `occurred` (e.g. week)."
    )
    agreement: str | None = Field(None, max_length=100)
    place_name: str = Field("", max_length=300)
    country: str | None = Field(None, max_length=3, description="ISO 3166-1 alpha-3 (AZE).")
    admin1: str = Field("", max_length=200)
    admin2: str = Field("", max_length=200)
    admin3: str = Field("", max_length=200)
    area: str | None = Field(None, max_length=100, description="An area id of the agreement.")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    geometry: dict[str, Any] | None = Field(None, description="GeoJSON geometry (point or area).")
    location_precision: LocationPrecision = LocationPrecision.EXACT
    actors: list[Actor] = Field(default_factory=list, max_length=50)
    casualties: list[Casualties] = Field(default_factory=list, max_length=20)
    obligations: list[ObligationLink] = Field(default_factory=list, max_length=50)
    sources: list[str] = Field(default_factory=list, max_length=50)
    origin: str = Field("monitor", max_length=20)
    external_id: str | None = Field(None, max_length=100)

    @field_validator("country")
    @classmethod
    def _alpha3(cls, value: str | None) -> str | None:
        """One country code everywhere: ISO 3166-1 alpha-3, whatever case it is written in."""
        if value is None or not value.strip():
            return None
        code = value.strip().upper()
        if not countries.is_code(code):
            raise ValueError(
                f"expected an ISO 3166-1 alpha-3 country code such as AZE, got {value!r}"
            )
        return code


class IncidentDismissal(BaseModel):
    reason: str = Field(
        min_length=1,
        max_length=5000,
        description="Why it is not an incident; kept as a monitor's report backing it.",
    )


class IncidentUpdate(BaseModel):
    type: str | None = Field(None, max_length=60)
    summary: str | None = Field(None, max_length=20_000)
    status: IncidentStatus | None = None
    place_name: str | None = Field(None, max_length=300)
    actors: list[Actor] | None = None
    casualties: list[Casualties] | None = None
    obligations: list[ObligationLink] | None = None
    sources: list[str] | None = None


class IncidentPublic(BaseModel):
    id: int
    agreement: str | None
    type: str
    type_label: str
    status: str
    origin: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    time_label: str
    time_precision: str
    place_name: str
    country: str | None
    admin1: str
    admin2: str
    admin3: str
    area: str | None
    geometry: dict[str, Any] | None
    location_precision: str
    actors: list[dict[str, Any]]
    casualties: list[dict[str, Any]]
    obligations: list[ObligationLink]
    sources: list[str]
    finding: str
    reports: list[int] = Field(default_factory=list)
    merged_into: int | None = None
    reviewing_by: str | None = None
    reviewing_since: dt.datetime | None = None
    possible_duplicates: list[int] = Field(default_factory=list)


class IncidentPage(BaseModel):
    items: list[IncidentPublic]
    total: int
    limit: int
    offset: int


class IncidentCorrection(BaseModel):
    """A monitor's correction of what an incident says; fields left out stay as they are. The
    values before it are kept as a version, and the correction itself as a report."""

    reason: str = Field(min_length=1, max_length=5000, description="Why it is corrected.")
    type: str | None = Field(None, max_length=60)
    occurred: str | None = Field(None, max_length=60)
    occurred_end: str | None = Field(None, max_length=60)
    time_precision: TimePrecision | None = None
    place_name: str | None = Field(None, max_length=300)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    actors: list[Actor] | None = Field(None, max_length=50)
    casualties: list[Casualties] | None = Field(None, max_length=20)


class VersionPublic(BaseModel):
    """One earlier version: what the incident said before `changed_by` changed it at `changed_at`."""

    version: int
    changed_by: str
    changed_at: dt.datetime
    report: int | None
    was: dict[str, Any]
    became: dict[str, Any]
