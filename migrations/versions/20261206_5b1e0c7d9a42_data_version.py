"""data version

Revision ID: 5b1e0c7d9a42
Revises: 02c088da316f
Create Date: 2026-12-06 22:15:00.000000

One row holding a counter that every committed write adds one to, so that a server process can
give a kept answer again while nothing has changed, and knows at once when something has.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b1e0c7d9a42"
down_revision: str | None = "02c088da316f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("data_version")
