"""Wellbeing check-ins and the school's wellbeing leads.

A check-in is restricted data: its scores, its note and its "I would like to talk" are columns
marked with `restricted_field`, so the audit service never records them. The audit service
strips restricted columns by NAME wherever they occur, so these names are used by no other table
(`wellbeing_score`, `workload_score`, `wellbeing_note`, `wants_to_talk`).

Who is a school's wellbeing lead is its own small table, owned here: a designation is only in
force while the person still leads that school (the policy checks both), so a lead who loses the
role stops seeing check-ins at once, with nothing else to tidy.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field, restricted_field


class CheckInRole(StrEnum):
    mentee = "mentee"
    mentor = "mentor"


class WellbeingCheckIn(SQLModel, table=True):
    __tablename__ = "wellbeing_check_ins"
    __table_args__ = (
        CheckConstraint(
            "wellbeing_score BETWEEN 1 AND 5", name="wellbeing_check_ins_wellbeing_range"
        ),
        CheckConstraint(
            "workload_score BETWEEN 1 AND 5", name="wellbeing_check_ins_workload_range"
        ),
        Index("ix_wellbeing_check_ins_subject_on", "subject_id", "checked_in_on"),
        Index("ix_wellbeing_check_ins_school_on", "school_id", "checked_in_on"),
    )

    id: uuid.UUID = id_field()
    subject_id: uuid.UUID = Field(foreign_key="users.id")  # who checked in
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    subject_role: CheckInRole = enum_field(CheckInRole)
    # The date at the school (its timezone), and the Monday of that week, for trends.
    checked_in_on: date
    week_start: date
    wellbeing_score: int = restricted_field()  # 1 (struggling) to 5 (thriving)
    workload_score: int = restricted_field()  # 1 (manageable) to 5 (unmanageable)
    wellbeing_note: str = restricted_field(default="", sa_type=Text)
    # Shared: the mentee's mentor (for a mentee) and the school's wellbeing lead read the note.
    wellbeing_note_shared: bool = restricted_field(default=False)
    wants_to_talk: bool = restricted_field(default=False)
    talk_followed_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    talk_followed_up_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WellbeingLead(SQLModel, table=True):
    """A school lead named as the school's wellbeing lead (a school may name more than one)."""

    __tablename__ = "wellbeing_leads"
    __table_args__ = (UniqueConstraint("school_id", "user_id", name="uq_wellbeing_lead"),)

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    designated_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
