"""audit events hold no meeting record content

Revision ID: ef697d37eead
Revises: cee45ace0ecd
Create Date: 2026-12-02 01:40:00.000000

Events of recorded meetings used to say how many actions were agreed and whether wellbeing
was discussed: restricted content that overseers may not read. This keeps only the status,
which the meeting itself shows. The audit log is otherwise append-only; this is the one
deliberate change to past events, and it cannot be undone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ef697d37eead"
down_revision: str | None = "cee45ace0ecd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_events = sa.table(
    "audit_events",
    sa.column("id", sa.Uuid()),
    sa.column("action", sa.String()),
    sa.column("changes", sa.JSON()),
)


def upgrade() -> None:
    bind = op.get_bind()
    recorded = bind.execute(
        sa.select(_events.c.id, _events.c.changes).where(_events.c.action == "meeting.recorded")
    ).all()
    for event_id, changes in recorded:
        kept = {k: v for k, v in (changes or {}).items() if k == "status"}
        if kept != changes:
            bind.execute(_events.update().where(_events.c.id == event_id).values(changes=kept))


def downgrade() -> None:
    """What was removed is gone on purpose."""
