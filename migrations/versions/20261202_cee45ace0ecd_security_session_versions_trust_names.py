"""security: session versions on people and refresh tokens; trust names need not be unique

Revision ID: cee45ace0ecd
Revises: 711128bc570b
Create Date: 2026-12-02 01:06:14.563706

Downgrading restores the unique trust name, so it fails while two trusts share a name.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cee45ace0ecd"
down_revision: str | None = "711128bc570b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite keeps the trust-name constraint unnamed; batch mode names it by this convention.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_PG_TRUST_NAME_KEY = "trusts_name_key"


def _trust_name_constraint() -> str:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints("trusts"):
        if constraint["column_names"] == ["name"]:
            return constraint["name"] or "uq_trusts_name"
    raise RuntimeError("trusts.name has no unique constraint to drop")


def upgrade() -> None:
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
    name = _trust_name_constraint()
    with op.batch_alter_table("trusts", naming_convention=_NAMING) as batch_op:
        batch_op.drop_constraint(name, type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("trusts", schema=None) as batch_op:
        batch_op.create_unique_constraint(_PG_TRUST_NAME_KEY, ["name"])
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_column("session_version")
