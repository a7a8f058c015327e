"""Entitlement policies (versioned, made of items), their adoption by schools, and the
provisions a lead records (a timetable reduction, a TLR, a device, a job description).

An approved policy never changes: the service refuses to edit it, and a new version (a copy)
supersedes it from a date once approved. Whether a person got what was promised is never
stored: it is computed from what happened (`compliance.py`).
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field


class PolicyAudience(StrEnum):
    mentor = "mentor"
    itt = "itt"
    ect = "ect"
    rqt = "rqt"


class PolicyStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"
    retired = "retired"


class Period(StrEnum):
    week = "week"
    fortnight = "fortnight"
    half_term = "half_term"
    term = "term"
    year = "year"
    once = "once"


class ProvisionKind(StrEnum):
    timetable_reduction = "timetable_reduction"  # per cent of a full timetable
    tlr_payment = "tlr_payment"  # pounds a year
    device = "device"  # 1 when issued
    job_description = "job_description"  # 1 when on file


class EntitlementPolicy(SQLModel, table=True):
    __tablename__ = "entitlement_policies"
    __table_args__ = (
        UniqueConstraint("trust_id", "audience", "version", name="uq_entitlement_policy_version"),
    )

    id: uuid.UUID = id_field()
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    audience: PolicyAudience = enum_field(PolicyAudience)
    version: int
    name: str = Field(max_length=200)
    status: PolicyStatus = enum_field(PolicyStatus, default=PolicyStatus.draft)
    # The version it replaces, from `effective_from` once this one is approved.
    supersedes_id: uuid.UUID | None = Field(default=None, foreign_key="entitlement_policies.id")
    effective_from: date | None = None
    submitted_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The board's decision, recorded by a trust admin acting for the headteachers' board.
    decided_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str | None = Field(default=None, max_length=2000)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EntitlementItem(SQLModel, table=True):
    __tablename__ = "entitlement_items"
    __table_args__ = (
        CheckConstraint("target >= 0", name="entitlement_items_target"),
        UniqueConstraint("policy_id", "position", name="uq_entitlement_item_position"),
    )

    id: uuid.UUID = id_field()
    policy_id: uuid.UUID = Field(foreign_key="entitlement_policies.id", index=True)
    position: int
    category: str = Field(max_length=40)
    promise: str = Field(sa_type=Text)  # what is promised, in words
    measure: str = Field(max_length=80)  # a measure source's measure, or "recorded.<kind>"
    target: float
    period: Period = enum_field(Period)
    pro_rata: bool = False  # scaled by the person's FTE


class PolicyAdoption(SQLModel, table=True):
    """A school follows an approved policy from a date (until it adopts another for the same
    audience; a version approved to supersede it takes over from its own date)."""

    __tablename__ = "entitlement_adoptions"
    __table_args__ = (
        UniqueConstraint("school_id", "policy_id", name="uq_entitlement_adoption"),
        Index("ix_entitlement_adoptions_school_from", "school_id", "adopted_from"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    policy_id: uuid.UUID = Field(foreign_key="entitlement_policies.id", index=True)
    adopted_from: date
    adopted_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()


class Provision(SQLModel, table=True):
    """Something given to a person that no other record shows, recorded by a lead with the date
    it took effect and its evidence."""

    __tablename__ = "entitlement_provisions"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="entitlement_provisions_amount"),
        Index("ix_entitlement_provisions_user_from", "user_id", "effective_from"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id")
    kind: ProvisionKind = enum_field(ProvisionKind)
    amount: float
    effective_from: date
    evidence: str = Field(max_length=500)
    recorded_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()
