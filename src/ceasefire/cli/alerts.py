"""`ceasefire alerts ...`: what holds at a moment, an evaluation that notifies, watched areas and
delivery channels."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from ceasefire import db as store
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.alerts import delivery
from ceasefire.alerts import service as alerts_service
from ceasefire.alerts.models import ChannelKind
from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    fail,
    handle_errors,
    print_json,
    settings_for,
)

app = typer.Typer(
    help="Alerts: what holds, evaluation with timers, areas, channels.", no_args_is_help=True
)

MomentOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The clock: a date (end of that day in the default agreement's zone) or an ISO 8601 "
        "datetime; default: now.",
        show_default=False,
    ),
]


def _moment(session: Session, value: str | None, configured: str) -> dt.datetime:
    if value is None:
        return store.utcnow()
    agreement_id = agreements_service.default_agreement_id(session, configured=configured)
    if agreement_id is None:
        fail("--as-of: no agreement is loaded")
    agreement = agreements_service.get_agreement(session, agreement_id=agreement_id)
    try:
        return agreements_service.resolve_moment(agreement, value)
    except ValueError as exc:
        fail(f"--as-of: {exc}")


@app.command()
@handle_errors
def evaluate(
    as_of: MomentOption = None, db: DbOption = None, format: FormatOption = OutputFormat.table
) -> None:
    """List the alerts that hold at a moment, each with its rule, key and object. Sends nothing
    and writes nothing."""
    settings = settings_for(db)
    with engine_for(db) as engine, store.transaction(engine) as session:
        moment = _moment(session, as_of, settings.default_agreement)
        cfg = alerts_service.settings_config(session, settings)
        firing = alerts_service.holding(session, moment=moment, params=cfg.parameters)
        data = [alerts_service.firing_json(f) for f in firing]
    if format is OutputFormat.json:
        print_json({"as_of": moment.isoformat(), "alerts": data})
        return
    table = Table("rule", "key", "object", "summary", title=f"alerts as of {moment.isoformat()}")
    for item in data:
        table.add_row(
            item["rule"],
            item["key"],
            f"{item['subject']['type']} {item['subject']['id']}",
            item["summary"],
        )
    Console().print(table)


@app.command()
@handle_errors
def run(as_of: MomentOption = None, db: DbOption = None) -> None:
    """Evaluate with the timers: raise, resolve, notify the groups that are due (inbox, webhooks,
    e-mail). What the scheduled `alerts-evaluate` job does, once, now."""
    settings = settings_for(db)
    with engine_for(db) as engine:
        with store.transaction(engine) as session:
            moment = _moment(session, as_of, settings.default_agreement)
            outcome = alerts_service.evaluate(
                session, now=moment, cfg=alerts_service.settings_config(session, settings)
            )
        mail = delivery.Mail(settings.smtp_host, settings.smtp_port, settings.smtp_sender)
        sent = delivery.deliver_due(
            engine, mail=mail, max_attempts=settings.alert_delivery_attempts
        )
    print_json(
        {
            "raised": outcome.raised,
            "resolved": outcome.resolved,
            "notified": outcome.notified,
            "deliveries": sent,
        }
    )


@app.command()
@handle_errors
def watch(
    user: Annotated[str, typer.Argument(help="The user who watches the area.")],
    name: Annotated[str, typer.Option("--name", help="The area's name.")],
    polygon: Annotated[
        Path | None,
        typer.Option(
            "--polygon",
            help="A GeoJSON file: a Polygon or MultiPolygon (or a Feature of one).",
            show_default=False,
        ),
    ] = None,
    center: Annotated[
        str | None, typer.Option("--center", help="LON,LAT of a place.", show_default=False)
    ] = None,
    radius_km: Annotated[
        float | None,
        typer.Option("--radius-km", help="Radius around --center, in km.", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """Watch an area: alert USER of every new report or incident inside it."""
    geometry = None
    where: tuple[float, float] | None = None
    if polygon is not None:
        try:
            geometry = json.loads(polygon.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            fail(f"--polygon: cannot read {polygon}: {exc}")
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")
    if center is not None:
        try:
            lon, lat = (float(x) for x in center.split(","))
        except ValueError:
            fail(f"--center: expected LON,LAT, got {center!r}")
        where = (lon, lat)
    with engine_for(db) as engine, store.transaction(engine) as session:
        owner = accounts_service.get_user(session, name=user)
        area = alerts_service.watch_area(
            session, user=owner, name=name, geometry=geometry, center=where, radius_km=radius_km
        )
        typer.echo(f"watched area {area.id} ({area.name}) of {owner.name}")


@app.command()
@handle_errors
def channel(
    user: Annotated[str, typer.Argument(help="The user whose alerts go there.")],
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="An http(s) URL.", show_default=False)
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret",
            help="The webhook's secret (whsec_...); default: a new one, printed.",
            show_default=False,
        ),
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help="An e-mail address.", show_default=False)
    ] = None,
    db: DbOption = None,
) -> None:
    """Send USER's alerts to a webhook (signed per Standard Webhooks) or an e-mail address too."""
    if (webhook is None) == (email is None):
        fail("give one of --webhook or --email")
    settings = settings_for(db)
    kind = ChannelKind.WEBHOOK if webhook else ChannelKind.EMAIL
    key = (secret or alerts_service.new_secret()) if webhook else ""
    with engine_for(db) as engine, store.transaction(engine) as session:
        owner = accounts_service.get_user(session, name=user)
        added = alerts_service.add_channel(
            session,
            user=owner,
            kind=kind,
            target=webhook or email or "",
            secret=key,
            server_host=settings.host,
            server_port=settings.port,
            actor="cli",
        )
        typer.echo(f"channel {added.id}: {kind.value} {added.target}")
        if webhook and secret is None:
            typer.echo(f"secret: {key}")
