"""Supervision: a school lead's regular sessions with each mentor.

Whether it was held, and on which date, are plain columns (`status`, `held_on`), so the mentor
entitlement's supervision item counts them with one query. What was said is a restricted
column with a name no other table uses (`supervision_note`): it never enters the audit log.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field, restricted_field


class SupervisionStatus(StrEnum):
    scheduled = "scheduled"
    held = "held"
    not_held = "not_held"


class SupervisionSession(SQLModel, table=True):
    __tablename__ = "supervision_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="supervision_sessions_ends_after_start"),
        Index("ix_supervision_sessions_mentor_starts", "mentor_id", "starts_at"),
        Index("ix_supervision_sessions_supervisor_starts", "supervisor_id", "starts_at"),
        Index("ix_supervision_sessions_school_starts", "school_id", "starts_at"),
        Index("ix_supervision_sessions_mentor_held", "mentor_id", "status", "held_on"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    mentor_id: uuid.UUID = Field(foreign_key="users.id")
    supervisor_id: uuid.UUID = Field(foreign_key="users.id")  # the lead who holds it
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    location: str = Field(default="", max_length=200)
    status: SupervisionStatus = enum_field(SupervisionStatus, default=SupervisionStatus.scheduled)
    # The date it was held at the school (its timezone): what the entitlement counts.
    held_on: date | None = None
    not_held_reason: str | None = Field(default=None, max_length=500)
    supervision_note: str = restricted_field(default="", sa_type=Text)
    recorded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
