"""observations amendments and targets

Revision ID: 6214c7963a58
Revises: eb7a34b1f1d6
Create Date: 2026-12-02 04:27:18.315088

Lesson observations (with the school, mentor and mentee, the local observed date and its week
as columns, indexed for counting), the record as it stood before each amendment after sharing,
and targets set from observations or meeting records.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.models

revision: str = "6214c7963a58"
down_revision: str | None = "eb7a34b1f1d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "observations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("pairing_id", sa.Uuid(), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=False),
        sa.Column("mentor_id", sa.Uuid(), nullable=False),
        sa.Column("observer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "observer_role",
            sa.Enum(
                "mentor",
                "subject_colleague",
                "senco",
                "eal_specialist",
                "senior_leader",
                "peer",
                "external",
                name="observerrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "formal",
                "drop_in",
                "peer",
                "joint",
                "learning_walk",
                name="observationkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("starts_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("class_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("year_group", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "completed",
                "shared",
                "cancelled",
                name="observationstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("cancel_reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("cancelled_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("focus_standards", sa.JSON(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("points_to_develop", sa.Text(), nullable=False),
        sa.Column("feedback_given_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("recorded_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("shared_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("reflected_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("scheduled_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name="observations_ends_after_start"),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["observer_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairings.id"],
        ),
        sa.ForeignKeyConstraint(
            ["scheduled_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_observations_mentee_observed", ["mentee_id", "observed_on"], unique=False
        )
        batch_op.create_index(
            "ix_observations_mentor_observed", ["mentor_id", "observed_on"], unique=False
        )
        batch_op.create_index(
            "ix_observations_observer_starts", ["observer_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "ix_observations_pairing_starts", ["pairing_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "ix_observations_school_observed", ["school_id", "observed_on"], unique=False
        )
        batch_op.create_index(
            "ix_observations_school_updated", ["school_id", "updated_at"], unique=False
        )
        batch_op.create_index(
            "ix_observations_school_week", ["school_id", "week_start"], unique=False
        )

    op.create_table(
        "targets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("pairing_id", sa.Uuid(), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=False),
        sa.Column(
            "source_type",
            sa.Enum("observation", "meeting", name="targetsource", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("standards", sa.JSON(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open", "achieved", "dropped", name="targetstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("set_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pairing_id"],
            ["pairings.id"],
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
        ),
        sa.ForeignKeyConstraint(
            ["set_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_targets_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index("ix_targets_pairing_due", ["pairing_id", "due_on"], unique=False)
        batch_op.create_index(
            "ix_targets_school_created", ["school_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_targets_source", ["source_type", "source_id"], unique=False)

    op.create_table(
        "observation_amendments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("observation_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("focus_standards", sa.JSON(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("points_to_develop", sa.Text(), nullable=False),
        sa.Column("feedback_given_at", api.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("amended_by", sa.Uuid(), nullable=False),
        sa.Column("amended_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["amended_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observation_amendments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observation_amendments_observation_id"), ["observation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("observation_amendments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_amendments_observation_id"))

    op.drop_table("observation_amendments")
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_index("ix_targets_source")
        batch_op.drop_index("ix_targets_school_created")
        batch_op.drop_index("ix_targets_pairing_due")
        batch_op.drop_index(batch_op.f("ix_targets_mentee_id"))

    op.drop_table("targets")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_school_week")
        batch_op.drop_index("ix_observations_school_updated")
        batch_op.drop_index("ix_observations_school_observed")
        batch_op.drop_index("ix_observations_pairing_starts")
        batch_op.drop_index("ix_observations_observer_starts")
        batch_op.drop_index("ix_observations_mentor_observed")
        batch_op.drop_index("ix_observations_mentee_observed")

    op.drop_table("observations")
