"""Training: course dates and deadlines that providers push, who they concern, the cover a
course date needs, and each mentor's training record.

A provider's item is keyed by (provider, kind, the provider's own id) and versioned by the
delivery's timestamp, so an older update never overwrites a newer one. Who an item concerns is
worked out when it arrives (schools by URN, people by TRN, within the provider's trust) and
kept as rows, so busy times, feeds and to-dos are one query however many people it reaches.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field


class ItemKind(StrEnum):
    course_date = "course_date"
    deadline = "deadline"


class TrainingAudience(StrEnum):
    mentors = "mentors"
    mentees = "mentees"
    both = "both"


class ConcernRole(StrEnum):
    mentor = "mentor"
    mentee = "mentee"


class CoverStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"
    withdrawn = "withdrawn"  # the course date was cancelled or moved out of the school day


class TrainingKind(StrEnum):
    initial = "initial"
    refresher = "refresher"


class TrainingItem(SQLModel, table=True):
    __tablename__ = "training_items"
    __table_args__ = (
        UniqueConstraint(
            "provider_id", "kind", "external_id", name="uq_training_items_provider_kind_external"
        ),
        CheckConstraint(
            "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at",
            name="training_items_ends_after_start",
        ),
        Index("ix_training_items_trust_starts", "trust_id", "starts_at"),
    )

    id: uuid.UUID = id_field()
    trust_id: uuid.UUID = Field(foreign_key="trusts.id")
    provider_id: uuid.UUID = Field(foreign_key="providers.id")
    kind: ItemKind = enum_field(ItemKind)
    external_id: str = Field(max_length=200)  # the provider's own id for the item
    title: str = Field(max_length=300)
    starts_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    audience: TrainingAudience = enum_field(TrainingAudience, default=TrainingAudience.both)
    location: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=2000)
    requires_release: bool = False
    version: datetime = Field(sa_type=UTCDateTime)  # the newest delivery's timestamp applied
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TrainingItemSchool(SQLModel, table=True):
    """A school the provider named (by URN) for the item: its leads see the item."""

    __tablename__ = "training_item_schools"

    item_id: uuid.UUID = Field(foreign_key="training_items.id", primary_key=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", primary_key=True, index=True)


class TrainingItemPerson(SQLModel, table=True):
    """A person the item concerns, at the school they are a mentor or mentee of (which decides
    whose lead sees them and approves their cover), and whether they attended."""

    __tablename__ = "training_item_people"
    __table_args__ = (Index("ix_training_item_people_user", "user_id", "item_id"),)

    item_id: uuid.UUID = Field(foreign_key="training_items.id", primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    school_id: uuid.UUID | None = Field(default=None, foreign_key="schools.id", index=True)
    role: ConcernRole = enum_field(ConcernRole)
    attended: bool | None = None  # None: not marked yet
    training_kind: TrainingKind | None = enum_field(TrainingKind, default=None, nullable=True)
    standards: list[int] = Field(default_factory=list, sa_type=JSON)  # mentor standards 1-4
    attendance_marked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    attendance_marked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CoverRequest(SQLModel, table=True):
    """Release from school for a course date in the school day: one per person released, for
    their school's lead to approve or decline."""

    __tablename__ = "cover_requests"
    __table_args__ = (
        UniqueConstraint("item_id", "user_id", name="uq_cover_requests_item_user"),
        Index("ix_cover_requests_school_status", "school_id", "status"),
    )

    id: uuid.UUID = id_field()
    item_id: uuid.UUID = Field(foreign_key="training_items.id")
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    status: CoverStatus = enum_field(CoverStatus, default=CoverStatus.pending)
    decision_note: str | None = Field(default=None, max_length=1000)
    decided_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TrainingHours(SQLModel, table=True):
    """Training a mentor logs by hand, with evidence."""

    __tablename__ = "training_hours"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 2400", name="training_hours_minutes_range"),
        Index("ix_training_hours_mentor_on", "mentor_id", "taken_on"),
    )

    id: uuid.UUID = id_field()
    mentor_id: uuid.UUID = Field(foreign_key="users.id")
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    provider_id: uuid.UUID | None = Field(default=None, foreign_key="providers.id")
    provider_name: str = Field(default="", max_length=200)
    training_kind: TrainingKind = enum_field(TrainingKind)
    title: str = Field(max_length=300)
    taken_on: date
    minutes: int
    standards: list[int] = Field(default_factory=list, sa_type=JSON)
    evidence: str = Field(default="", sa_type=Text)
    evidence_url: str | None = Field(default=None, max_length=2000)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
