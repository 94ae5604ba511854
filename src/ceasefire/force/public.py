"""The force's records as plain JSON (the documented shape of the API, the report and the
audit record), and as the fields that would record them again. Pure: rows in, values out."""

from __future__ import annotations

from typing import Any

from ceasefire.force.models import Count, Movement, MovementKind, Post, StrengthReport

Record = StrengthReport | Post | Movement | Count


def public(row: Record) -> dict[str, Any]:
    """A record in the documented JSON shape of the API, the report and the audit record."""
    if isinstance(row, StrengthReport):
        return {
            "id": row.id, "agreement": row.agreement_id, "contributor": row.contributor,
            "date": row.date_label, "figures": dict(row.figures), "source": row.source,
            "note": row.note, "recorded_by": row.created_by, "version": row.version,
        }  # fmt: skip
    if isinstance(row, Post):
        return {
            "id": row.id, "agreement": row.agreement_id, "name": row.name, "kind": row.kind,
            "contributor": row.contributor, "lat": row.lat, "lon": row.lon, "area": row.area_id,
            "opened": row.opened_label, "closed": row.closed_label,
            "outside_areas": row.outside_areas, "source": row.source, "note": row.note,
            "recorded_by": row.created_by, "version": row.version,
        }  # fmt: skip
    if isinstance(row, Movement):
        return {
            "id": row.id, "agreement": row.agreement_id, "kind": row.kind,
            "start": row.start_label, "end": row.end_label,
            "participants": list(row.participants), "route": row.route,
            "places": list(row.places), "cargo": row.cargo, "incidents": list(row.incident_ids),
            "source": row.source, "note": row.note, "recorded_by": row.created_by,
            "version": row.version,
        }  # fmt: skip
    return {
        "id": row.id, "agreement": row.agreement_id, "series": row.series,
        "date": row.date_label, "value": row.value, "total": row.total, "unit": row.unit,
        "source": row.source, "note": row.note, "recorded_by": row.created_by,
        "version": row.version,
    }  # fmt: skip


def as_fields(row: Record) -> dict[str, object]:
    """A stored record as the fields that would record it again (its CSV columns)."""
    if isinstance(row, StrengthReport):
        return {
            "contributor": row.contributor, "date": row.date_label,
            "figures": dict(row.figures), "source": row.source, "note": row.note,
        }  # fmt: skip
    if isinstance(row, Post):
        return {
            "name": row.name, "kind": row.kind, "contributor": row.contributor, "lat": row.lat,
            "lon": row.lon, "area": row.area_id, "opened": row.opened_label,
            "closed": row.closed_label, "confirm_outside": "yes" if row.outside_areas else "",
            "source": row.source, "note": row.note,
        }  # fmt: skip
    if isinstance(row, Movement):
        fields: dict[str, object] = {
            "start": row.start_label, "end": row.end_label,
            "participants": list(row.participants), "incidents": list(row.incident_ids),
            "source": row.source, "note": row.note,
        }  # fmt: skip
        if row.places:
            fields["places"] = list(row.places)
        else:
            fields["route"] = row.route
        if row.kind == MovementKind.CONVOY.value:
            fields["cargo"] = row.cargo
        return fields
    return {
        "series": row.series, "date": row.date_label, "value": row.value, "total": row.total,
        "unit": row.unit, "source": row.source, "note": row.note,
    }  # fmt: skip
