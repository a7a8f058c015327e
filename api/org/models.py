"""Trusts, schools, term dates, people and their roles."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field


class Phase(StrEnum):
    nursery = "nursery"
    primary = "primary"
    secondary = "secondary"
    all_through = "all_through"
    special = "special"
    alternative_provision = "alternative_provision"
    post_16 = "post_16"


class TermKind(StrEnum):
    term = "term"
    closure = "closure"


class Role(StrEnum):
    trust_admin = "trust_admin"
    school_lead = "school_lead"
    mentor = "mentor"
    mentee = "mentee"
    observer = "observer"


class Trust(SQLModel, table=True):
    __tablename__ = "trusts"

    id: uuid.UUID = id_field()
    # Not unique: a name clash would tell one trust that another exists.
    name: str = Field(max_length=200)
    created_at: datetime = created_at_field()


class School(SQLModel, table=True):
    __tablename__ = "schools"

    id: uuid.UUID = id_field()
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    name: str = Field(max_length=200)
    urn: str = Field(max_length=6, unique=True)
    phase: Phase = enum_field(Phase)
    timezone: str = Field(default="Europe/London", max_length=64)
    active: bool = True
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    # Many-to-one links let the unit of work insert parents before children.
    trust: Optional["Trust"] = Relationship()


class TermDate(SQLModel, table=True):
    """A term (weeks that count) or a closure inside one (half-term, INSET, bank holiday)."""

    __tablename__ = "term_dates"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="term_dates_ends_after_start"),
        Index("ix_term_dates_school_starts", "school_id", "starts_on"),
    )

    id: uuid.UUID = id_field()
    school_id: uuid.UUID = Field(foreign_key="schools.id")
    kind: TermKind = enum_field(TermKind)
    name: str = Field(max_length=100)
    starts_on: date
    ends_on: date
    created_at: datetime = created_at_field()

    school: Optional["School"] = Relationship()


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = id_field()
    # The trust that owns the account; roles come from memberships.
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    email: str = Field(max_length=254, unique=True)  # stored lower-cased
    full_name: str = Field(max_length=200)
    trn: str | None = Field(default=None, max_length=7, unique=True)
    mis_staff_code: str | None = Field(default=None, max_length=32)
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=255)
    must_change_password: bool = True
    password_changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Every access and refresh token carries the value it was issued under and works only while
    # it is still current: a password change or reset, or deactivation, adds one. Counting,
    # not comparing times, so ending sessions is exact whatever the clock's resolution.
    session_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    trust: Optional["Trust"] = Relationship()


class Membership(SQLModel, table=True):
    """A role a user holds: trust-wide (trust_admin) or at one school (every other role)."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "school_id", "role", name="uq_membership_user_school_role"),
        CheckConstraint(
            "(role = 'trust_admin') = (school_id IS NULL)",
            name="memberships_school_matches_role",
        ),
    )

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    school_id: uuid.UUID | None = Field(default=None, foreign_key="schools.id", index=True)
    role: Role = enum_field(Role)
    created_at: datetime = created_at_field()

    user: Optional["User"] = Relationship()
    trust: Optional["Trust"] = Relationship()
    school: Optional["School"] = Relationship()
