"""Sending what the inbox already holds to the other channels: webhooks signed per Standard
Webhooks (headers `webhook-id`, `webhook-timestamp`, `webhook-signature`) and e-mail over SMTP.

Each attempt is sent outside any transaction, then recorded in its own, so a slow receiver
never holds the store; a failed attempt is retried with backoff, then shown failed."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import httpx
from sqlalchemy import Engine
from standardwebhooks import Webhook

from ceasefire.alerts import service as alerts_service
from ceasefire.alerts.models import AlertChannel, ChannelKind
from ceasefire.db import transaction, utcnow


@dataclass(frozen=True)
class Mail:
    host: str
    port: int
    sender: str


def webhook_headers(secret: str, message_id: str, body: str, when: dt.datetime) -> dict[str, str]:
    """The three Standard Webhooks headers of one message."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, when, body),
        "content-type": "application/json",
    }


def send_webhook(url: str, secret: str, message_id: str, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    headers = webhook_headers(secret, message_id, body, utcnow())
    response = httpx.post(url, content=body.encode(), headers=headers, timeout=10.0)
    if response.status_code >= 300:
        raise RuntimeError(f"{url} answered {response.status_code}")


def _text(payload: dict[str, Any]) -> tuple[str, str]:
    data = payload["data"]
    lines = [f"[{a['status']}] {a['rule']}: {a['summary']}" for a in data["alerts"]]
    subject = f"Ceasefire alert ({data['status']}): {lines[0] if lines else data['group']}"
    return subject[:200], "\n".join(lines) + f"\n\ngroup: {data['group']}\n"


def send_email(mail: Mail, to: str, message_id: str, payload: dict[str, Any]) -> None:
    if not mail.host:
        raise RuntimeError("no SMTP server set (CEASEFIRE_SMTP_HOST)")
    subject, body = _text(payload)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = mail.sender, to, subject
    message["X-Ceasefire-Message"] = message_id
    message.set_content(body)
    with smtplib.SMTP(mail.host, mail.port, timeout=10) as smtp:
        smtp.send_message(message)


def deliver_due(
    engine: Engine,
    *,
    mail: Mail,
    max_attempts: int,
    now: Callable[[], dt.datetime] = utcnow,
) -> dict[str, int]:
    """Attempt every pending delivery that is due; returns how many were sent and failed."""
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    with transaction(engine) as session:
        due = [
            (d.id, d.channel, d.message_id, d.payload, d.channel_id)
            for d in alerts_service.due_deliveries(session, now=now())
        ]
        targets = {c.id: (c.target, c.secret) for c in session.query(AlertChannel).all()}
    for delivery_id, channel, message_id, payload, channel_id in due:
        error: str | None = None
        target, secret = targets.get(channel_id or -1, ("", ""))
        try:
            if not target:
                raise RuntimeError("the channel was removed")
            if channel == ChannelKind.WEBHOOK.value:
                send_webhook(target, secret, message_id, payload)
            else:
                send_email(mail, target, message_id, payload)
        except (OSError, RuntimeError, httpx.HTTPError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
        with transaction(engine) as session:
            row = alerts_service.record_attempt(
                session, delivery_id=delivery_id, error=error, now=now(), max_attempts=max_attempts
            )
            counts[
                "sent" if error is None else ("failed" if row.status == "failed" else "retrying")
            ] += 1
    return counts
