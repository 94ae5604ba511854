"""Typed settings: the default, the environment variable and the help text of each in one place."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///ceasefire.db"


class Settings(BaseSettings):
    """Every setting reads from `CEASEFIRE_<NAME>` (e.g. `CEASEFIRE_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="CEASEFIRE_", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL of the store. The default is the SQLite file `ceasefire.db` "
        "in the current folder; PostgreSQL: `postgresql+psycopg://USER@HOST:5432/DB`.",
    )
    host: str = Field("127.0.0.1", description="Address `ceasefire serve` listens on.")
    port: int = Field(8000, description="Port `ceasefire serve` listens on.")
    default_agreement: str = Field(
        "",
        description="Agreement shown and used when none is named. Empty means the agreement "
        "loaded first.",
    )
    secret_key: str = Field(
        "",
        description="Secret for signing session cookies. Empty means a random key made at start "
        "(sessions end when the server restarts); set it in production.",
    )
    development: bool = Field(
        False, description="Development mode: relaxes the secure-cookie flag for plain HTTP."
    )
    max_upload_bytes: int = Field(
        20 * 1024 * 1024, description="Largest request body or uploaded file accepted, in bytes."
    )
    tile_url: str = Field(
        "",
        description="Optional map tile server URL template (`https://.../{z}/{x}/{y}.png`) for "
        "centers with internet; empty means the offline basemap only.",
    )
    report_cutoff: str = Field(
        "19:30", description="Local cut-off time (HH:MM, agreement's time zone) of daily reports."
    )
    session_hours: int = Field(
        12, description="How long a web session lasts after signing in, in hours."
    )
    data_dir: Path = Field(
        Path(), description="Folder for files the center keeps (attachments, exports)."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of the reverse proxies whose "
        "`X-Forwarded-For`/`X-Forwarded-Proto` headers are believed (e.g. `127.0.0.1` when a "
        "proxy on this machine forwards to the server). Empty means none: the client address "
        "is the connection's, whatever the headers say.",
    )
    max_concurrent_requests: int = Field(
        16,
        ge=1,
        description="Requests of one server process served at once; others wait their turn for "
        "up to `busy_wait_seconds`, then answer 503 with Retry-After. `/healthz` never waits.",
    )
    busy_wait_seconds: float = Field(
        10.0,
        gt=0,
        description="Longest wait, in seconds, for a turn to be served, a database connection "
        "or SQLite's write lock before a request answers 503 with Retry-After.",
    )
    workers: int = Field(
        1,
        ge=1,
        description="Server processes `ceasefire serve` starts (uvicorn workers). More than one "
        "needs `secret_key` set, so that every process accepts every session cookie.",
    )
    cache_dir: Path | None = Field(
        None,
        description="Folder for rebuildable caches (the offline gazetteer, ~50 MB, built on first "
        "use). Empty means `$XDG_CACHE_HOME/ceasefire`, else `~/.cache/ceasefire`.",
    )
    tlog_origin: str = Field(
        "ceasefire-center/audit",
        description="Origin line of the audit log's checkpoints (C2SP tlog-checkpoint), also the "
        "name of the log key: set it to the center's own name, e.g. `monitoring.example/audit`; "
        "witnesses and mirrors are told the same.",
    )
    tlog_key: Path | None = Field(
        None,
        description="Ed25519 private key (PEM) that signs the audit log's checkpoints. Empty means "
        "`DATA_DIR/tlog.key`, made (owner-only) on first use; its `.pub` beside it is what "
        "witnesses, mirrors and report readers are given.",
    )
    tlog_witnesses: Path | None = Field(
        None,
        description="Folder of the witnesses' public keys, `PARTY.pub` (PEM, Ed25519): only "
        "cosignatures by these are kept. Empty means `DATA_DIR/witnesses`.",
    )

    job_queue_url: str = Field(
        "",
        description="Where the job queue (huey) keeps its messages: `sqlite:///FILE` or a "
        "PostgreSQL URL. Empty means next to the store: the file `<store>.jobs.db` beside a "
        "SQLite store, or the same PostgreSQL database (tables `job_queue_*`).",
    )
    job_threads: int = Field(
        2, description="Jobs one `ceasefire worker` process runs at once (its threads)."
    )
    job_attempts: int = Field(
        3, description="Attempts of a job before it is shown failed (retries with backoff)."
    )
    job_backoff_seconds: float = Field(
        30.0, description="Wait before a failed job's first retry; doubled for each next one."
    )
    job_lease_seconds: float = Field(
        3600.0,
        description="How long a running job's claim lasts without news from its worker; after "
        "it a job of a worker that vanished (another machine) is queued again. A job of a "
        "worker on the same machine whose process is gone is queued again at once.",
    )
    ingest_sources: str = Field(
        "",
        description="Folders or feed files ingested on a schedule, separated by commas (empty: "
        "none). Fetching stays offline-safe: only what the operator names is read.",
    )
    ingest_interval_minutes: int = Field(
        60, description="Minutes between two scheduled ingests of `ingest_sources`."
    )
    alert_interval_minutes: int = Field(
        5, description="Minutes between two scheduled evaluations of the alert rules."
    )
    alert_rules_file: Path | None = Field(
        None,
        description="Optional YAML file of alert rule parameters and timers over the settings "
        "below (docs/alerts.md); empty means the settings alone.",
    )
    alert_deadline_days: float = Field(
        3.0, description="Rule deadline-near: alert when a deadline is this many days away."
    )
    alert_dispute_hours: float = Field(
        24.0, description="Rule dispute-waiting: hours a disputed finding waits for co-heads."
    )
    alert_complaint_days: float = Field(
        7.0, description="Rule complaint-unanswered: days a complaint may wait for an answer."
    )
    alert_watch_hours: float = Field(
        24.0,
        description="Rules watched-area and finding-published: how long a new incident or a "
        "published finding stays news, in hours.",
    )
    alert_group_wait_seconds: float = Field(
        30.0, description="Timer group wait: a new group of alerts waits this long first."
    )
    alert_group_interval_seconds: float = Field(
        300.0, description="Timer group interval: wait after a message before telling a change."
    )
    alert_repeat_interval_seconds: float = Field(
        14400.0, description="Timer repeat interval: an unchanged group is repeated after this."
    )
    alert_delivery_attempts: int = Field(
        5, description="Attempts to deliver a webhook or an e-mail before it is shown failed."
    )
    smtp_host: str = Field("", description="SMTP server for alert e-mail (empty: no e-mail).")
    smtp_port: int = Field(25, description="Port of the SMTP server.")
    smtp_sender: str = Field("ceasefire@localhost", description="The From address of alert e-mail.")


#: Shortest session secret accepted for serving outside development.
MIN_SECRET_LENGTH = 32


def serving_problem(settings: Settings, *, workers: int) -> str | None:
    """Why the server must not start with these settings, or None. Several processes must share
    one session secret (else each refuses the others' cookies), and outside development a random
    one would end every session at each restart."""
    if len(settings.secret_key) >= MIN_SECRET_LENGTH:
        return None
    if not settings.secret_key and settings.development and workers == 1:
        return None
    reason = "several workers" if workers > 1 else "serving outside development"
    if settings.secret_key:
        return (
            f"CEASEFIRE_SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters; "
            "set a long random one (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    return (
        f"{reason} needs CEASEFIRE_SECRET_KEY (at least {MIN_SECRET_LENGTH} random characters), "
        "or CEASEFIRE_DEVELOPMENT=1 with one worker"
    )


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with `--db` taking precedence over CEASEFIRE_DATABASE_URL."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
