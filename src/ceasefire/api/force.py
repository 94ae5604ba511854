"""Routes of the force's records: list, record one, import a CSV file, the day's activity."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from ceasefire.accounts import permissions
from ceasefire.agreements import service as agreements_service
from ceasefire.force import daily as force_daily
from ceasefire.force import public as force_public
from ceasefire.force import service as force_service
from ceasefire.force.csvfiles import Kind
from ceasefire.http.auth import CurrentUser
from ceasefire.http.deps import RawBody, SessionDep

router = APIRouter(tags=["force"])


def _readable(user: CurrentUser) -> None:
    # the force's records are the monitoring center's internal picture, as incidents are
    permissions.require(permissions.can_read_incidents(user), "read force records")


@router.get("/agreements/{agreement_id}/force/{kind}")
def list_records(
    agreement_id: str, kind: Kind, session: SessionDep, user: CurrentUser
) -> list[dict[str, Any]]:
    """An agreement's records of one kind (totals: each entry with its running total)."""
    _readable(user)
    agreements_service.get_agreement(session, agreement_id=agreement_id)
    return force_service.list_public(session, agreement_id=agreement_id, kind=kind)


@router.post("/agreements/{agreement_id}/force/{kind}", status_code=201)
def record(
    agreement_id: str,
    kind: Kind,
    fields: Annotated[dict[str, Any], Body(description="The fields of the kind's CSV format.")],
    session: SessionDep,
    user: CurrentUser,
) -> dict[str, Any]:
    """Record one force record; a refused field is named (422) and nothing is stored."""
    row = force_service.record(
        session, agreement_id=agreement_id, kind=kind, fields=fields, actor=user, where="body"
    )
    return force_public.public(row)


@router.patch("/agreements/{agreement_id}/force/{kind}/{record_id}")
def correct(
    agreement_id: str,
    kind: Kind,
    record_id: int,
    fields: Annotated[dict[str, Any], Body(description="The fields to change.")],
    session: SessionDep,
    user: CurrentUser,
) -> dict[str, Any]:
    """Correct a record: the fields given replace its own (an empty value clears an optional
    one); checked again as a whole (422 names each refused field); its version goes up."""
    row = force_service.correct(
        session, agreement_id=agreement_id, kind=kind, record_id=record_id, fields=fields,
        actor=user, where="body",
    )  # fmt: skip
    return force_public.public(row)


@router.post(
    "/agreements/{agreement_id}/force/{kind}/import",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def import_records(
    agreement_id: str,
    kind: Kind,
    body: RawBody,
    session: SessionDep,
    user: CurrentUser,
    skip_bad: bool = False,
) -> dict[str, Any]:
    """Import a CSV file of one kind sent as the request body. All or nothing unless skip_bad;
    refused rows come back with their line and reason (422)."""
    result = force_service.import_csv(
        session,
        agreement_id=agreement_id,
        kind=kind,
        content=body,
        source_name=f"upload:{kind.value}",
        actor=user,
        skip_bad=skip_bad,
    )
    return {
        "report": result.report_id,
        "imported": result.imported,
        "refused": [{"line": p.line, "message": p.message} for p in result.refused],
    }


@router.get("/agreements/{agreement_id}/force-day")
def day(
    agreement_id: str,
    session: SessionDep,
    user: CurrentUser,
    date: Annotated[str, Query(description="The day (YYYY-MM-DD), in the agreement's zone.")],
) -> dict[str, Any]:
    """The force's activity of one day: patrols, convoys, the counted series, posts open, and
    the strength report in force."""
    _readable(user)
    return force_daily.day_of(session, agreement_id=agreement_id, date=date)
