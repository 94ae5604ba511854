"""accounts incidents verification complaints

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ceasefire.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=True),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("start_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("time_label", sa.String(length=60), nullable=False),
        sa.Column("time_precision", sa.String(length=10), nullable=False),
        sa.Column("place_name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.Column("admin2", sa.Text(), nullable=False),
        sa.Column("admin3", sa.Text(), nullable=False),
        sa.Column("area_id", sa.String(length=100), nullable=True),
        sa.Column("geometry", ceasefire.db.JSONType, nullable=True),
        sa.Column("location_precision", sa.String(length=10), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=True),
        sa.Column("min_lat", sa.Float(), nullable=True),
        sa.Column("max_lon", sa.Float(), nullable=True),
        sa.Column("max_lat", sa.Float(), nullable=True),
        sa.Column("actors", ceasefire.db.JSONType, nullable=False),
        sa.Column("casualties", ceasefire.db.JSONType, nullable=False),
        sa.Column("sources", ceasefire.db.JSONType, nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("finding", sa.String(length=20), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("reviewing_by", sa.String(length=80), nullable=True),
        sa.Column("reviewing_since", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["incidents.id"], name=op.f("fk_incidents_merged_into_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incidents_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            "ix_incidents_bbox", ["min_lon", "min_lat", "max_lon", "max_lat"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incidents_external_id"), ["external_id"], unique=False)
        batch_op.create_index("ix_incidents_start", ["start_at"], unique=False)
        batch_op.create_index("ix_incidents_status_type", ["status", "type"], unique=False)

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("received_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reporter", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_sha256"), ["sha256"], unique=False)

    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_failures_name_at", ["name", "at"], unique=False)
        batch_op.create_index("ix_sign_in_failures_source_at", ["source", "at"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("created_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", ceasefire.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("attribution", sa.String(length=16), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("evidence", ceasefire.db.JSONType, nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_assessments_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("incident_id", "party", "version", name="uq_assessments_version"),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_assessments_incident_party", ["incident_id", "party"], unique=False
        )

    op.create_table(
        "co_head_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_co_head_decisions_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_co_head_decisions")),
        sa.UniqueConstraint("incident_id", "party", "version", name="uq_co_head_decisions_version"),
    )
    with op.batch_alter_table("co_head_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_co_head_decisions_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("occurred", sa.String(length=60), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("attachments", ceasefire.db.JSONType, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.String(length=80), nullable=False),
        sa.Column("filed_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_complaints_incident_id_incidents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_complaints_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_party"), ["party"], unique=False)

    op.create_table(
        "incident_obligations",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=100), nullable=False),
        sa.Column("obligation_id", sa.String(length=100), nullable=False),
        sa.Column("effect", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_obligations_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "incident_id", "agreement_id", "obligation_id", name=op.f("pk_incident_obligations")
        ),
    )
    with op.batch_alter_table("incident_obligations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incident_obligations_agreement", ["agreement_id", "obligation_id"], unique=False
        )

    op.create_table(
        "incident_reports",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_reports_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_incident_reports_report_id_reports"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("incident_id", "report_id", name=op.f("pk_incident_reports")),
    )
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_reports_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "incidents_kept_apart",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("decided_at", ceasefire.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incidents_kept_apart_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["incidents.id"],
            name=op.f("fk_incidents_kept_apart_other_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", "other_id", name=op.f("pk_incidents_kept_apart")),
    )


def downgrade() -> None:
    op.drop_table("incidents_kept_apart")
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_reports_report_id"))

    op.drop_table("incident_reports")
    with op.batch_alter_table("incident_obligations", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_obligations_agreement")

    op.drop_table("incident_obligations")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_party"))

    op.drop_table("complaints")
    with op.batch_alter_table("co_head_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_co_head_decisions_incident_id"))

    op.drop_table("co_head_decisions")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_incident_party")

    op.drop_table("assessments")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))

    op.drop_table("api_tokens")
    op.drop_table("users")
    with op.batch_alter_table("sign_in_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_failures_source_at")
        batch_op.drop_index("ix_sign_in_failures_name_at")

    op.drop_table("sign_in_failures")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_sha256"))

    op.drop_table("reports")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_status_type")
        batch_op.drop_index("ix_incidents_start")
        batch_op.drop_index(batch_op.f("ix_incidents_external_id"))
        batch_op.drop_index("ix_incidents_bbox")
        batch_op.drop_index(batch_op.f("ix_incidents_agreement_id"))

    op.drop_table("incidents")
