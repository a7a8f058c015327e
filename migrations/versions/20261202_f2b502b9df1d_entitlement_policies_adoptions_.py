"""entitlement policies, adoptions, provisions and FTE on profiles

Revision ID: f2b502b9df1d
Revises: af41165a93d2
Create Date: 2026-12-02 15:49:29.180528
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.models

revision: str = "f2b502b9df1d"
down_revision: str | None = "af41165a93d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entitlement_policies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("trust_id", sa.Uuid(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "mentor", "itt", "ect", "rqt", name="policyaudience", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "approved",
                "rejected",
                "retired",
                name="policystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("submitted_by", sa.Uuid(), nullable=True),
        sa.Column("submitted_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("retired_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["entitlement_policies.id"],
        ),
        sa.ForeignKeyConstraint(
            ["trust_id"],
            ["trusts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "trust_id", "audience", "version", name="uq_entitlement_policy_version"
        ),
    )
    with op.batch_alter_table("entitlement_policies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entitlement_policies_trust_id"), ["trust_id"], unique=False
        )

    op.create_table(
        "entitlement_provisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "timetable_reduction",
                "tlr_payment",
                "device",
                "job_description",
                name="provisionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("evidence", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount >= 0", name="entitlement_provisions_amount"),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("entitlement_provisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entitlement_provisions_school_id"), ["school_id"], unique=False
        )
        batch_op.create_index(
            "ix_entitlement_provisions_user_from", ["user_id", "effective_from"], unique=False
        )

    op.create_table(
        "entitlement_adoptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=False),
        sa.Column("adopted_from", sa.Date(), nullable=False),
        sa.Column("adopted_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["adopted_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["entitlement_policies.id"],
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("school_id", "policy_id", name="uq_entitlement_adoption"),
    )
    with op.batch_alter_table("entitlement_adoptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entitlement_adoptions_policy_id"), ["policy_id"], unique=False
        )
        batch_op.create_index(
            "ix_entitlement_adoptions_school_from", ["school_id", "adopted_from"], unique=False
        )

    op.create_table(
        "entitlement_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("promise", sa.Text(), nullable=False),
        sa.Column("measure", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column(
            "period",
            sa.Enum(
                "week",
                "fortnight",
                "half_term",
                "term",
                "year",
                "once",
                name="period",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("pro_rata", sa.Boolean(), nullable=False),
        sa.CheckConstraint("target >= 0", name="entitlement_items_target"),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["entitlement_policies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("policy_id", "position", name="uq_entitlement_item_position"),
    )
    with op.batch_alter_table("entitlement_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entitlement_items_policy_id"), ["policy_id"], unique=False
        )

    with op.batch_alter_table("mentee_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fte", sa.Float(), server_default="1.0", nullable=False))
        batch_op.create_check_constraint("mentee_profiles_fte", "fte > 0 AND fte <= 1")

    with op.batch_alter_table("mentor_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fte", sa.Float(), server_default="1.0", nullable=False))
        batch_op.create_check_constraint("mentor_profiles_fte", "fte > 0 AND fte <= 1")


def downgrade() -> None:
    with op.batch_alter_table("mentor_profiles", schema=None) as batch_op:
        batch_op.drop_constraint("mentor_profiles_fte", type_="check")
        batch_op.drop_column("fte")

    with op.batch_alter_table("mentee_profiles", schema=None) as batch_op:
        batch_op.drop_constraint("mentee_profiles_fte", type_="check")
        batch_op.drop_column("fte")

    with op.batch_alter_table("entitlement_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entitlement_items_policy_id"))

    op.drop_table("entitlement_items")
    with op.batch_alter_table("entitlement_adoptions", schema=None) as batch_op:
        batch_op.drop_index("ix_entitlement_adoptions_school_from")
        batch_op.drop_index(batch_op.f("ix_entitlement_adoptions_policy_id"))

    op.drop_table("entitlement_adoptions")
    with op.batch_alter_table("entitlement_provisions", schema=None) as batch_op:
        batch_op.drop_index("ix_entitlement_provisions_user_from")
        batch_op.drop_index(batch_op.f("ix_entitlement_provisions_school_id"))

    op.drop_table("entitlement_provisions")
    with op.batch_alter_table("entitlement_policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entitlement_policies_trust_id"))

    op.drop_table("entitlement_policies")
