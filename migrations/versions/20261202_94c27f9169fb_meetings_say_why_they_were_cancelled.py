"""meetings say why they were cancelled: called off, school closed or pairing ended

Revision ID: 94c27f9169fb
Revises: ef697d37eead
Create Date: 2026-12-02 04:40:00.000000

Cancelled meetings so far were either called off (`lost`) or cancelled when their pairing
ended; existing rows get the reason that matches. A school closure is the new third reason.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "94c27f9169fb"
down_revision: str | None = "ef697d37eead"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_meetings = sa.table(
    "meetings",
    sa.column("status", sa.String()),
    sa.column("lost", sa.Boolean()),
    sa.column("cancel_reason", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "cancel_reason",
                sa.Enum(
                    "called_off",
                    "school_closed",
                    "pairing_ended",
                    name="cancelreason",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
    cancelled = _meetings.c.status == "cancelled"
    op.execute(
        _meetings.update()
        .where(cancelled, _meetings.c.lost.is_(True))
        .values(cancel_reason="called_off")
    )
    op.execute(
        _meetings.update()
        .where(cancelled, _meetings.c.lost.is_(False))
        .values(cancel_reason="pairing_ended")
    )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
