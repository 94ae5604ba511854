"""Relevance of the news channel's candidate events: whether each is about a loaded agreement
(`relevant`, true for the candidates stored before, which all reached the queue), its score, the
agreement and area it is most about and the reasons (`ingest.relevance`).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ceasefire.db import JSONType

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs (no table rebuild on SQLite, so `same_as` links are kept: see 0008)
    op.add_column(
        "candidate_events",
        sa.Column("relevant", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column("candidate_events", sa.Column("relevance", sa.Float(), nullable=True))
    op.add_column(
        "candidate_events", sa.Column("relevance_agreement_id", sa.String(100), nullable=True)
    )
    op.add_column("candidate_events", sa.Column("relevance_area_id", sa.String(100), nullable=True))
    op.add_column("candidate_events", sa.Column("relevance_reasons", JSONType, nullable=True))
    op.create_index("ix_candidate_events_relevant", "candidate_events", ["relevant", "relevance"])


def downgrade() -> None:
    op.drop_index("ix_candidate_events_relevant", table_name="candidate_events")
    with op.batch_alter_table("candidate_events") as batch:
        for name in ("relevance_reasons", "relevance_area_id", "relevance_agreement_id",
                     "relevance", "relevant"):  # fmt: skip
            batch.drop_column(name)
