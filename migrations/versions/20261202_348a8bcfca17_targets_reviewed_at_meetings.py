"""targets reviewed at meetings

Revision ID: 348a8bcfca17
Revises: 6214c7963a58
Create Date: 2026-12-02 07:33:13.877403

The targets a meeting record reviewed, by reference: the meeting's id, the target's id, the
progress note (restricted) and any status the review gave the target; each target once per
meeting.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.models

revision: str = "348a8bcfca17"
down_revision: str | None = "6214c7963a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "target_reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "status_set",
            sa.Enum(
                "open", "achieved", "dropped", name="targetstatus", native_enum=False, length=32
            ),
            nullable=True,
        ),
        sa.Column("reviewed_by", sa.Uuid(), nullable=False),
        sa.Column("reviewed_at", api.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "target_id", name="uq_target_reviews_meeting_target"),
    )
    with op.batch_alter_table("target_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_target_reviews_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_target_reviews_target_id"), ["target_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("target_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_reviews_target_id"))
        batch_op.drop_index(batch_op.f("ix_target_reviews_meeting_id"))

    op.drop_table("target_reviews")
