"""Index incidents by the end of their time span: the map and the list ask for a recent window
(`end_at >= window start`), which the start index alone answers by reading the whole history.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_end", "incidents", ["end_at"])


def downgrade() -> None:
    op.drop_index("ix_incidents_end", table_name="incidents")
