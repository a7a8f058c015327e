"""Request and response bodies for slots, meetings, records and agendas."""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from api.core.problems import Problem
from api.core.schemas import (
    Input,
    SchoolDate,
    Timestamp,
    WallClockTime,
    Weekday,
    WeekdayPublic,
    free_text,
    null,
    required,
    when,
    whole_number,
)
from api.meetings.models import CancelReason, MeetingStatus
from api.org.schemas import PersonRef

MAX_SLOT_DAYS = 731  # an ECT's two-year induction


class SlotCreate(Input):
    weekday: Weekday
    start_time: WallClockTime
    duration_minutes: whole_number(15, 240) = 60
    location: free_text(1, 200)
    starts_on: SchoolDate = Field(description="Today or later, unless a school lead back-fills")
    ends_on: SchoolDate
    additional: StrictBool = Field(
        default=False,
        description="A pair has one weekly slot at a time; true adds a second one on purpose",
    )
    backfill_reason: free_text(3, 500) | None = Field(
        default=None,
        description="Only for a school lead, and required then, when starts_on is before today: "
        "why past meetings are being added (kept in the audit log)",
    )

    @model_validator(mode="after")
    def ends_after_start(self):
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on must be on or after starts_on")
        if (self.ends_on - self.starts_on).days > MAX_SLOT_DAYS:
            raise ValueError("a slot runs for two years at most; add another for longer")
        return self


class SlotPublic(BaseModel):
    id: uuid.UUID
    pairing_id: uuid.UUID
    weekday: WeekdayPublic
    start_time: WallClockTime
    duration_minutes: int
    location: str
    starts_on: SchoolDate
    ends_on: SchoolDate
    meeting_count: int


class BusyPublic(BaseModel):
    source: str
    title: str
    person: PersonRef
    starts_at: datetime
    ends_at: datetime


class SortOrder(StrEnum):
    asc = "asc"
    desc = "desc"


class ClashPublic(BaseModel):
    starts_at: datetime = Field(description="The wanted occurrence that clashes")
    ends_at: datetime
    clashes_with: BusyPublic
    description: str = Field(description="What it clashes with, in plain words")


class ClashGroup(BaseModel):
    """Clashes with the same thing, counted in weeks: the summary a person reads first."""

    description: str
    weeks: int
    summary: str = Field(description='e.g. "28 Wednesdays clash with your existing weekly slot"')


class FreeTime(BaseModel):
    weekday: WeekdayPublic
    start_time: WallClockTime
    duration_minutes: int
    meetings: int = Field(description="How many term-week meetings it would make")


class FreeTimes(BaseModel):
    """Weekly times in school hours when neither person has anything booked, in every week."""

    items: list[FreeTime]
    starts_on: date
    ends_on: date
    searched: str = Field(description="The school hours searched, in plain words")


class OccurrencePublic(BaseModel):
    starts_at: datetime
    ends_at: datetime
    meeting_id: uuid.UUID | None = None


class SchedulePlan(BaseModel):
    """What a slot or a move would produce, and what it would clash with."""

    occurrences: list[OccurrencePublic]
    clashes: list[ClashPublic]
    clash_summary: list[ClashGroup] = []


class SlotChange(Input):
    # At least one of the three changes; each one left out stays as it is.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["start_time"]},
                {"required": ["duration_minutes"]},
                {"required": ["location"]},
            ]
        }
    )

    from_date: SchoolDate = Field(description="Today or later: meetings from this date follow")
    start_time: WallClockTime = Field(default=None)  # type: ignore[assignment]
    duration_minutes: whole_number(15, 240) = Field(default=None)
    location: free_text(1, 200) = Field(default=None)
    reason: free_text(3, 500)

    @model_validator(mode="after")
    def something_changes(self):
        if self.start_time is None and self.duration_minutes is None and self.location is None:
            raise ValueError("give a new start_time, duration_minutes or location")
        return self


class SlotEnd(Input):
    last_date: SchoolDate = Field(
        description="Yesterday or later: scheduled meetings after this date are called off"
    )
    reason: free_text(3, 500)


class SlotChangeResult(BaseModel):
    """What a change from a date, or an end, does (or would do, on a dry run)."""

    slot: SlotPublic = Field(description="The slot as it runs from the date")
    summary: str = Field(description="What happens, in plain words")
    meetings_changed: int = Field(description="Later scheduled meetings that follow the change")
    meetings_untouched: int = Field(
        description="Meetings on or after the date left as they are: held, recorded or started"
    )
    clashes: list[ClashPublic]
    clash_summary: list[ClashGroup]
    dry_run: bool


class SlotCreated(BaseModel):
    slot: SlotPublic
    occurrences: list[OccurrencePublic]


class MeetingPublic(BaseModel):
    id: uuid.UUID
    pairing_id: uuid.UUID
    school_id: uuid.UUID
    slot_id: uuid.UUID | None
    mentor: PersonRef
    mentee: PersonRef
    occurrence_date: date
    starts_at: datetime
    ends_at: datetime
    location: str
    status: MeetingStatus
    lost: bool = Field(
        description="Called off ahead of time: it will not happen and counts against the "
        "entitlement (status cancelled, cancel_reason called_off)"
    )
    cancel_reason: CancelReason | None = Field(
        description="Why a cancelled meeting will not happen; school_closed and pairing_ended "
        "count against nobody"
    )
    moved_from: datetime | None
    change_reason: str | None
    has_record: bool
    closed_day: str | None = Field(
        description="While it is scheduled: the school closure its day falls on (an INSET day "
        "added after it was planned), for the lead to move it or let it go"
    )


class CancelOutcome(StrEnum):
    moved = "moved"
    lost = "lost"


class CancelScope(StrEnum):
    this = "this"
    following = "following"


class MeetingCancel(Input):
    model_config = ConfigDict(
        json_schema_extra=when("outcome", "moved", required("new_starts_at"), null("new_starts_at"))
    )

    reason: free_text(3, 500)
    outcome: CancelOutcome = Field(
        description="moved: a new time in the same school week; lost: called off, it will not "
        "happen and counts against the entitlement (a meeting that was due and did not take "
        "place is recorded afterwards as missed instead)"
    )
    new_starts_at: Timestamp | None = Field(
        default=None,
        description="Required when moved, and only then: the new start of this meeting",
    )
    scope: CancelScope = Field(
        default=CancelScope.this,
        description="This meeting, or this and every later one of the same weekly slot",
    )

    @model_validator(mode="after")
    def new_time_only_when_moved(self):
        if self.outcome == CancelOutcome.moved and self.new_starts_at is None:
            raise ValueError("new_starts_at is required when the meeting is moved")
        if self.outcome == CancelOutcome.lost and self.new_starts_at is not None:
            raise ValueError("a lost meeting has no new time; choose moved instead")
        return self


class LetGo(Input):
    meeting_ids: Annotated[list[uuid.UUID], Field(max_length=200)] = Field(
        description="Scheduled meetings of this school on a day it is closed; each is cancelled "
        "with the reason school_closed and counts against nobody"
    )


class MeetingChange(BaseModel):
    meeting_id: uuid.UUID
    starts_at: datetime
    new_starts_at: datetime | None


class CancelResult(BaseModel):
    changed: list[MeetingChange]
    clashes: list[ClashPublic]
    dry_run: bool


class ActionWrite(Input):
    id: uuid.UUID | None = Field(
        default=None,
        description="An existing action of this meeting, to keep it (and its "
        "done mark) while changing its text",
    )
    text: free_text(1, 500)
    owner: Literal["mentor", "mentee"]
    due_on: SchoolDate | None = None


class ActionPublic(BaseModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    meeting_date: date = Field(description="The week of the meeting that agreed it")
    text: str
    owner: PersonRef
    due_on: date | None
    done: bool


class ActionUpdate(Input):
    done: StrictBool


class RecordWrite(Input):
    status: Literal[MeetingStatus.held, MeetingStatus.missed]
    notes: free_text(0, 20000) = ""
    targets_reviewed: free_text(0, 5000) = ""
    wellbeing_discussed: StrictBool = False
    actions: Annotated[list[ActionWrite], Field(max_length=30)] = []


class RecordPublic(BaseModel):
    notes: str
    targets_reviewed: str
    wellbeing_discussed: bool
    recorded_by: uuid.UUID
    recorded_at: datetime
    updated_at: datetime | None
    actions: list[ActionPublic]


class AgendaItemCreate(Input):
    text: free_text(1, 500)


class AgendaItemPublic(BaseModel):
    id: uuid.UUID
    text: str
    added_by: PersonRef
    created_at: datetime


class MeetingCan(BaseModel):
    """What the person asking may do with this meeting now: the same rules the action routes
    enforce."""

    record: bool = Field(
        description="Write or rewrite the record (the record keeper, once started)"
    )
    cancel: bool = Field(description="Move it or call it off (while it is scheduled)")
    move: bool = Field(
        description="Move it to a new time in its school week (only before it has started)"
    )
    add_agenda_item: bool = Field(description="Add to the agenda (the pair, while scheduled)")
    tick_actions: bool = Field(description="Tick actions off (the pair)")


class MeetingDetail(MeetingPublic):
    can: MeetingCan
    content_visible: bool = Field(
        description="Whether the agenda, actions and record are shown to you: they stay with the "
        "pair and their school leads"
    )
    record_keeper: PersonRef
    carried_actions: list[ActionPublic] = Field(
        description="Open actions from earlier meetings of this pairing"
    )
    agenda_items: list[AgendaItemPublic]
    record: RecordPublic | None


class ClashProblem(Problem):
    """409 when a slot or a move clashes: every clashing occurrence."""

    clashes: list[ClashPublic] | None = Field(
        default=None,
        description="Every clashing occurrence; absent when the meeting is not scheduled",
    )
    clash_summary: list[ClashGroup] | None = Field(
        default=None, description="The clashes counted in weeks, one line per thing clashed with"
    )
