"""Daily reports stored as built (their canonical JSON bytes), the monitoring parties' public
keys, and the parties' detached signatures over a stored report, so the reports page can list
days with who signed and whether each signature verifies.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.db import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agreement_id", sa.String(100), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("built_by", sa.String(80), nullable=False),
        sa.Column("built_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("agreement_id", "day", name="uq_daily_reports_day"),
    )
    op.create_table(
        "party_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("party", sa.String(3), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("registered_by", sa.String(80), nullable=False),
        sa.Column("registered_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("party", "public_key", name="uq_party_keys_key"),
    )
    op.create_index("ix_party_keys_party", "party_keys", ["party"])
    op.create_table(
        "report_signatures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("daily_reports.id"), nullable=False),
        sa.Column("party", sa.String(3), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.Column("uploaded_by", sa.String(80), nullable=False),
        sa.Column("uploaded_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("report_id", "party", name="uq_report_signatures_party"),
    )


def downgrade() -> None:
    op.drop_table("report_signatures")
    op.drop_index("ix_party_keys_party", table_name="party_keys")
    op.drop_table("party_keys")
    op.drop_table("daily_reports")
