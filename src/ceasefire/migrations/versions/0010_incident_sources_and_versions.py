"""Imports are idempotent and keep what they read: an incident keeps the source's fields as they
were in the file (`source_fields`), the source's own version stamp (`source_version`, ACLED's
`timestamp`) and a fingerprint of what it was made from (`source_sha256`); when a source revises
an event, the incident's previous values are kept in `incident_versions`, one row a version.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.db import JSONType, UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("source_fields", JSONType, nullable=True))
        batch.add_column(sa.Column("source_version", sa.String(40), nullable=True))
        batch.add_column(sa.Column("source_sha256", sa.String(64), nullable=True))
    op.create_index("ix_incidents_source_sha256", "incidents", ["source_sha256"])
    op.create_table(
        "incident_versions",
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("values", JSONType, nullable=False),
        sa.Column("source_version", sa.String(40), nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=True),
        sa.Column("superseded_at", UTCDateTime, nullable=False),
        sa.Column("superseded_by", sa.String(80), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("incident_versions")
    op.drop_index("ix_incidents_source_sha256", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("source_sha256")
        batch.drop_column("source_version")
        batch.drop_column("source_fields")
