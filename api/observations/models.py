"""Lesson observations, their later amendments, and the targets set from observations and
meeting records.

Counting is the MIS's question (per school, mentee, mentor, observer role and week, by the
observed date in the school's timezone), so each observation carries its school, mentor and
mentee, its local date and that date's school week as columns, with indexes for each grouping;
`updated_at` moves on every change (cancelling too), so "what changed since" is one range.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import (
    UTCDateTime,
    created_at_field,
    enum_field,
    id_field,
    restricted_field,
)
from api.mentoring.models import Pairing


class ObserverRole(StrEnum):
    mentor = "mentor"
    subject_colleague = "subject_colleague"
    senco = "senco"
    eal_specialist = "eal_specialist"
    senior_leader = "senior_leader"
    peer = "peer"
    external = "external"


class ObservationKind(StrEnum):
    formal = "formal"
    drop_in = "drop_in"
    peer = "peer"
    joint = "joint"
    learning_walk = "learning_walk"


class ObservationStatus(StrEnum):
    scheduled = "scheduled"
    completed = "completed"
    shared = "shared"
    cancelled = "cancelled"


# Observations that took place: what counts, and what is busy in a calendar besides scheduled.
TOOK_PLACE = (ObservationStatus.completed, ObservationStatus.shared)


class Observation(SQLModel, table=True):
    __tablename__ = "observations"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="observations_ends_after_start"),
        Index("ix_observations_school_observed", "school_id", "observed_on"),
        Index("ix_observations_school_week", "school_id", "week_start"),
        Index("ix_observations_mentee_observed", "mentee_id", "observed_on"),
        Index("ix_observations_mentor_observed", "mentor_id", "observed_on"),
        Index("ix_observations_observer_starts", "observer_id", "starts_at"),
        Index("ix_observations_pairing_starts", "pairing_id", "starts_at"),
        Index("ix_observations_school_updated", "school_id", "updated_at"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id")
    mentee_id: uuid.UUID = Field(foreign_key="users.id")
    mentor_id: uuid.UUID = Field(foreign_key="users.id")  # the pairing's, kept for counting
    observer_id: uuid.UUID = Field(foreign_key="users.id")
    observer_role: ObserverRole = enum_field(ObserverRole)
    kind: ObservationKind = enum_field(ObservationKind)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    # The date it is observed on at the school (its timezone), and the Monday of that week.
    observed_on: date
    week_start: date
    class_name: str = Field(max_length=100)
    subject: str = Field(max_length=100)
    year_group: str = Field(max_length=30)
    status: ObservationStatus = enum_field(ObservationStatus, default=ObservationStatus.scheduled)
    cancel_reason: str | None = Field(default=None, max_length=500)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The record, written by the observer.
    focus_standards: list[int] = restricted_field(default_factory=list, sa_type=JSON)
    strengths: str = restricted_field(default="", sa_type=Text)
    points_to_develop: str = restricted_field(default="", sa_type=Text)
    feedback_given_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    recorded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    shared_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The mentee's, once it is shared.
    reflection: str = restricted_field(default="", sa_type=Text)
    reflected_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    scheduled_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()

    pairing: Pairing | None = Relationship()


class ObservationAmendment(SQLModel, table=True):
    """The record as it stood before a change made after it was shared."""

    __tablename__ = "observation_amendments"

    id: uuid.UUID = id_field()
    observation_id: uuid.UUID = Field(foreign_key="observations.id", index=True)
    # Why it was amended, like every other reason in the audit log; restricted names are
    # stripped from audit changes wherever they occur, so "reason" must stay unrestricted.
    reason: str = Field(max_length=500)
    focus_standards: list[int] = restricted_field(default_factory=list, sa_type=JSON)
    strengths: str = restricted_field(default="", sa_type=Text)
    points_to_develop: str = restricted_field(default="", sa_type=Text)
    feedback_given_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    amended_by: uuid.UUID = Field(foreign_key="users.id")
    amended_at: datetime = created_at_field()

    observation: Observation | None = Relationship()


class TargetSource(StrEnum):
    observation = "observation"
    meeting = "meeting"


class TargetStatus(StrEnum):
    open = "open"
    achieved = "achieved"
    dropped = "dropped"


class Target(SQLModel, table=True):
    """Something the mentee works towards, set from an observation or a meeting record (named
    by its kind and id, so this table depends on neither)."""

    __tablename__ = "targets"
    __table_args__ = (
        Index("ix_targets_school_created", "school_id", "created_at"),
        Index("ix_targets_pairing_due", "pairing_id", "due_on"),
        Index("ix_targets_source", "source_type", "source_id"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id")
    mentee_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    source_type: TargetSource = enum_field(TargetSource)
    source_id: uuid.UUID
    standards: list[int] = Field(default_factory=list, sa_type=JSON)
    text: str = restricted_field(max_length=1000)
    due_on: date
    status: TargetStatus = enum_field(TargetStatus, default=TargetStatus.open)
    evidence: str = restricted_field(default="", sa_type=Text)
    set_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    pairing: Pairing | None = Relationship()


class TargetReview(SQLModel, table=True):
    """A target reviewed at a mentoring meeting: named by the meeting's id (meetings know
    nothing of targets), with the progress note and any status the review gave it."""

    __tablename__ = "target_reviews"
    __table_args__ = (
        UniqueConstraint("meeting_id", "target_id", name="uq_target_reviews_meeting_target"),
    )

    id: uuid.UUID = id_field()
    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", index=True)
    target_id: uuid.UUID = Field(foreign_key="targets.id", index=True)
    note: str = restricted_field(default="", sa_type=Text)
    status_set: TargetStatus | None = enum_field(TargetStatus, default=None, nullable=True)
    reviewed_by: uuid.UUID = Field(foreign_key="users.id")
    reviewed_at: datetime = created_at_field()

    target: Target | None = Relationship()
