"""Mentor and mentee profiles, pairings and the mentoring agreement."""

import uuid
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field
from api.org.models import Phase, School, User


class Pathway(StrEnum):
    itt = "itt"
    ect = "ect"
    rqt = "rqt"


class PairingKind(StrEnum):
    subject_mentor = "subject_mentor"
    induction_mentor = "induction_mentor"


class FeedbackTiming(StrEnum):
    same_day = "same_day"
    after_reflection = "after_reflection"


class RecordKeeper(StrEnum):
    mentor = "mentor"
    mentee = "mentee"


class MentorProfile(SQLModel, table=True):
    __tablename__ = "mentor_profiles"
    __table_args__ = (
        UniqueConstraint("user_id", "school_id", name="uq_mentor_profile_school"),
        CheckConstraint("fte > 0 AND fte <= 1", name="mentor_profiles_fte"),
    )

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", index=True)
    subjects: list[str] = Field(default_factory=list, sa_type=JSON)
    phase: Phase | None = enum_field(Phase, default=None, nullable=True)
    trained: bool = False
    # Full-time equivalent (1.0 full time, 0.6 three days): pro-rata entitlements scale by it.
    fte: float = Field(default=1.0, gt=0, le=1, sa_column_kwargs={"server_default": "1.0"})
    starts_on: date
    ends_on: date | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    user: User | None = Relationship()
    school: School | None = Relationship()


class MenteeProfile(SQLModel, table=True):
    __tablename__ = "mentee_profiles"
    __table_args__ = (
        UniqueConstraint("user_id", "school_id", name="uq_mentee_profile_school"),
        CheckConstraint(
            "induction_year IS NULL OR induction_year IN (1, 2)",
            name="mentee_profiles_induction_year",
        ),
        CheckConstraint("fte > 0 AND fte <= 1", name="mentee_profiles_fte"),
    )

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", index=True)
    pathway: Pathway = enum_field(Pathway)
    programme: str | None = Field(default=None, max_length=200)
    induction_year: int | None = None
    provider: str | None = Field(default=None, max_length=200)
    subject: str | None = Field(default=None, max_length=100)
    phase: Phase | None = enum_field(Phase, default=None, nullable=True)
    fte: float = Field(default=1.0, gt=0, le=1, sa_column_kwargs={"server_default": "1.0"})
    starts_on: date
    ends_on: date | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    user: User | None = Relationship()
    school: School | None = Relationship()


class Pairing(SQLModel, table=True):
    """A dated period in which one mentor mentors one mentee at one school."""

    __tablename__ = "pairings"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="pairings_ends_after_start"),
        CheckConstraint("mentor_id <> mentee_id", name="pairings_not_self"),
        Index("ix_pairings_mentee_kind", "mentee_id", "kind"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id", index=True)
    mentor_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    mentee_id: uuid.UUID = Field(foreign_key="users.id")
    kind: PairingKind = enum_field(PairingKind)
    starts_on: date
    ends_on: date
    ended_early_reason: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at_field()

    school: School | None = Relationship()
    mentor: User | None = Relationship(sa_relationship_kwargs={"foreign_keys": "Pairing.mentor_id"})
    mentee: User | None = Relationship(sa_relationship_kwargs={"foreign_keys": "Pairing.mentee_id"})


class MentoringAgreement(SQLModel, table=True):
    """What a pair agreed at their first meeting. A change is a new version both agree again."""

    __tablename__ = "mentoring_agreements"
    __table_args__ = (UniqueConstraint("pairing_id", "version", name="uq_agreement_version"),)

    id: uuid.UUID = id_field()
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id", index=True)
    version: int
    meeting_frequency: str = Field(max_length=100)
    meeting_day: int = Field(ge=0, le=6)  # Monday is 0
    meeting_time: time
    meeting_location: str = Field(max_length=200)
    feedback_timing: FeedbackTiming = enum_field(FeedbackTiming)
    reflection_interval_hours: int | None = None
    mentor_prepares: str = Field(max_length=1000)
    mentee_prepares: str = Field(max_length=1000)
    record_keeper: RecordKeeper = enum_field(RecordKeeper)
    agenda_setting: str = Field(max_length=1000)
    feedback_approach: str = Field(max_length=1000)
    wellbeing_frequency: str = Field(max_length=200)
    concern_route: str = Field(max_length=1000)
    mentor_agreed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mentee_agreed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()

    pairing: Pairing | None = Relationship()
