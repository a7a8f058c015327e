"""Protected weekly slots, the meetings they produce, and what each meeting recorded."""

import uuid
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import (
    UTCDateTime,
    created_at_field,
    enum_field,
    id_field,
    restricted_field,
)
from api.mentoring.models import Pairing
from api.org.models import User


class MeetingStatus(StrEnum):
    """Where a meeting stands. The web app's words: `scheduled` "Scheduled" (planned);
    `held` "Held" (it took place; its record says so); `cancelled` it will not happen, decided
    ahead of time (`cancel_reason` says why: "Called off" by the pair or a lead, counted
    against the entitlement; or "School closed" or "Pairing ended", counted against nobody);
    `missed` "Did not take place" (it was due and did not happen, recorded afterwards by the
    record keeper; counted against the entitlement)."""

    scheduled = "scheduled"
    held = "held"
    cancelled = "cancelled"
    missed = "missed"


class CancelReason(StrEnum):
    """Why a cancelled meeting will not happen. `called_off`: the pair or a lead called it off
    ahead of time, with a reason (counts against the entitlement; `lost` is true);
    `school_closed`: the school was closed that day (an INSET day or other closure added after
    the meeting was planned) and the lead let it go; `pairing_ended`: the pairing ended before
    it. Neither of the last two counts against anyone."""

    called_off = "called_off"
    school_closed = "school_closed"
    pairing_ended = "pairing_ended"


class ProtectedSlot(SQLModel, table=True):
    """A weekly hour, in term weeks only, from starts_on to ends_on."""

    __tablename__ = "protected_slots"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="protected_slots_ends_after_start"),
        CheckConstraint("weekday BETWEEN 0 AND 4", name="protected_slots_weekday"),
        CheckConstraint("duration_minutes BETWEEN 15 AND 240", name="protected_slots_duration"),
    )

    id: uuid.UUID = id_field()
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id", index=True)
    weekday: int  # Monday is 0, Friday 4
    start_time: time  # wall-clock time at the school
    duration_minutes: int = 60
    location: str = Field(max_length=200)
    starts_on: date
    ends_on: date
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()

    pairing: Pairing | None = Relationship()


class Meeting(SQLModel, table=True):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("slot_id", "occurrence_date", name="uq_meeting_slot_occurrence"),
        Index("ix_meetings_pairing_starts", "pairing_id", "starts_at"),
        Index("ix_meetings_starts", "starts_at"),
    )

    id: uuid.UUID = id_field()
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id")
    slot_id: uuid.UUID | None = Field(default=None, foreign_key="protected_slots.id")
    # The slot's date for this week, kept when the meeting moves (the calendar's RECURRENCE-ID).
    occurrence_date: date
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    location: str = Field(max_length=200)
    status: MeetingStatus = enum_field(MeetingStatus, default=MeetingStatus.scheduled)
    moved_from: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lost: bool = False  # called off without a new time: counts against the entitlement
    # Set when the status is cancelled; school_closed and pairing_ended count against nobody.
    cancel_reason: CancelReason | None = enum_field(CancelReason, default=None, nullable=True)
    change_reason: str | None = Field(default=None, max_length=500)
    changed_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()

    pairing: Pairing | None = Relationship()
    slot: ProtectedSlot | None = Relationship()


class MeetingRecord(SQLModel, table=True):
    __tablename__ = "meeting_records"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True)
    notes: str = restricted_field(default="", sa_type=Text)
    targets_reviewed: str = restricted_field(default="", sa_type=Text)
    wellbeing_discussed: bool = restricted_field(default=False)
    recorded_by: uuid.UUID = Field(foreign_key="users.id")
    recorded_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    meeting: Meeting | None = Relationship()


class AgendaItem(SQLModel, table=True):
    """Something either side wants to talk about, added before the meeting."""

    __tablename__ = "agenda_items"

    id: uuid.UUID = id_field()
    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", index=True)
    text: str = restricted_field(max_length=500)
    added_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = created_at_field()

    meeting: Meeting | None = Relationship()
    author: User | None = Relationship()


class MeetingAction(SQLModel, table=True):
    """An action agreed at a meeting; open ones come back on the next agenda."""

    __tablename__ = "meeting_actions"

    id: uuid.UUID = id_field()
    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", index=True)
    pairing_id: uuid.UUID = Field(foreign_key="pairings.id", index=True)
    text: str = restricted_field(max_length=500)
    owner_id: uuid.UUID = Field(foreign_key="users.id")
    due_on: date | None = None
    done: bool = False
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = created_at_field()

    meeting: Meeting | None = Relationship()
    pairing: Pairing | None = Relationship()
    owner: User | None = Relationship()
