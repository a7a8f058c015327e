"""Request and response bodies for observations, their records and reflections, and targets."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, model_validator

from api.core.problems import Problem
from api.core.schemas import Input, Patch, SchoolDate, Timestamp, free_text, whole_number
from api.observations.models import (
    ObservationKind,
    ObservationStatus,
    ObserverRole,
    TargetSource,
    TargetStatus,
)
from api.org.schemas import PersonRef

MAX_OBSERVATION_MINUTES = 240
MAX_REVIEWS = 50  # targets one meeting reviews
Standard = whole_number(1, 8)
Standards = Annotated[
    list[Standard],
    Field(
        max_length=8,
        description="Teachers' Standards (1 to 8), each at most once",
        json_schema_extra={"uniqueItems": True},
    ),
]


def _distinct(standards: list[int]) -> list[int]:
    if len(set(standards)) != len(standards):
        raise ValueError("name each standard once")
    return sorted(standards)


class ObservationCreate(Input):
    pairing_id: uuid.UUID = Field(description="The mentee's pairing")
    observer_id: uuid.UUID = Field(description="Who observes: someone at the mentee's school")
    observer_role: ObserverRole
    kind: ObservationKind
    starts_at: Timestamp
    ends_at: Timestamp
    class_name: free_text(1, 100) = Field(description="The class or group, e.g. 8B2")
    subject: free_text(1, 100)
    year_group: free_text(1, 30) = Field(description="e.g. Year 8, Reception")
    confirm_clash: StrictBool = Field(
        default=False,
        description="Schedule it even when it clashes with what the observer or the mentee "
        "already has (otherwise a clash answers 409)",
    )
    backfill_reason: free_text(3, 500) | None = Field(
        default=None,
        description="Only for a school lead, and required then, when starts_at is before now: "
        "why an observation that has already happened is being added (kept in the audit log)",
    )

    @model_validator(mode="after")
    def ends_after_start(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.ends_at - self.starts_at).total_seconds() > MAX_OBSERVATION_MINUTES * 60:
            raise ValueError("an observation lasts four hours at most")
        return self


class ObservationRecordWrite(Input):
    focus_standards: Standards = []
    strengths: free_text(0, 10000) = ""
    points_to_develop: free_text(0, 10000) = ""
    feedback_given_at: Timestamp | None = Field(
        default=None, description="When the observer gave the mentee feedback"
    )

    @model_validator(mode="after")
    def standards_once(self):
        self.focus_standards = _distinct(self.focus_standards)
        return self


class ObservationAmend(ObservationRecordWrite):
    """The whole record as it should now read, and why it changes after sharing."""

    reason: free_text(3, 500)


class ObservationCancel(Input):
    reason: free_text(3, 500)


class ReflectionWrite(Input):
    reflection: free_text(1, 10000)


class ObservationPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    pairing_id: uuid.UUID
    mentee: PersonRef
    mentor: PersonRef
    observer: PersonRef
    observer_role: ObserverRole
    kind: ObservationKind
    starts_at: datetime
    ends_at: datetime
    observed_on: date = Field(description="The date at the school (its timezone)")
    class_name: str
    subject: str
    year_group: str
    status: ObservationStatus
    cancel_reason: str | None
    has_reflection: bool


class AmendmentPublic(BaseModel):
    id: uuid.UUID
    reason: str
    focus_standards: list[int]
    strengths: str
    points_to_develop: str
    feedback_given_at: datetime | None
    amended_by: PersonRef
    amended_at: datetime


class ObservationRecordPublic(BaseModel):
    focus_standards: list[int]
    strengths: str
    points_to_develop: str
    feedback_given_at: datetime | None
    recorded_at: datetime | None
    shared_at: datetime | None
    amendments: list[AmendmentPublic] = Field(
        description="Earlier versions of the record, changed after it was shared; newest first"
    )


class ObservationCan(BaseModel):
    """What the person asking may do with this observation now: the same rules the action
    routes enforce."""

    record: bool = Field(
        description="Write or rewrite the record (the observer, once it has started, until "
        "it is shared)"
    )
    amend: bool = Field(
        description="Amend the shared record with a reason (the observer; the shared version "
        "is kept)"
    )
    share: bool = Field(description="Share the record with the mentee (once recorded)")
    cancel: bool = Field(description="Cancel it with a reason (while scheduled)")
    reflect: bool = Field(description="Write the reflection (the mentee, once shared)")
    set_target: bool = Field(description="Set a target from it (once recorded)")


class ObservationDetail(ObservationPublic):
    can: ObservationCan
    content_visible: bool = Field(
        description="Whether the record is shown to you: the observer, the mentor and the "
        "school's leads once recorded; the mentee once shared"
    )
    record: ObservationRecordPublic | None
    reflection: str | None
    reflected_at: datetime | None


class ClashWith(BaseModel):
    source: str
    title: str
    person: PersonRef
    starts_at: datetime
    ends_at: datetime


class ObservationClashProblem(Problem):
    """409 when the observation clashes with what the observer or the mentee already has."""

    clashes: list[ClashWith] | None = Field(
        default=None, description="Everything it clashes with; absent for other conflicts"
    )


class TargetCreate(Input):
    source_type: TargetSource = Field(description="Set from an observation or a meeting record")
    source_id: uuid.UUID = Field(description="The observation's or the meeting's id")
    standards: Standards = []
    text: free_text(3, 1000)
    due_on: SchoolDate = Field(description="Today or later")

    @model_validator(mode="after")
    def standards_once(self):
        self.standards = _distinct(self.standards)
        return self


class TargetUpdate(Patch):
    text: free_text(3, 1000) | None = None
    standards: Standards | None = None
    due_on: SchoolDate | None = Field(default=None, description="Today or later")
    status: TargetStatus | None = None
    evidence: free_text(0, 10000) | None = None

    @model_validator(mode="after")
    def standards_once(self):
        if self.standards is not None:
            self.standards = _distinct(self.standards)
        return self


class TargetPublic(BaseModel):
    id: uuid.UUID
    pairing_id: uuid.UUID
    mentee: PersonRef
    source_type: TargetSource
    source_id: uuid.UUID
    standards: list[int]
    text: str
    due_on: date
    status: TargetStatus
    evidence: str
    set_by: PersonRef
    created_at: datetime
    updated_at: datetime | None


class BoardTarget(BaseModel):
    """A target as other mentors of the school see it: what and when, never whose."""

    standards: list[int]
    text: str
    due_on: date
    status: TargetStatus
    source_type: TargetSource
    set_on: date


class PersonChoice(BaseModel):
    id: uuid.UUID
    full_name: str


# --- coverage: who observed whom, week by week, for the school's leads ---------------------


class CoverageRow(BaseModel):
    """How many times one observer, in one role and kind, observed one mentee in one week:
    observations that took place, by the date at the school."""

    week_start: date = Field(description="The Monday of the school week")
    school_id: uuid.UUID
    mentee: PersonRef
    observer: PersonRef
    observer_role: ObserverRole
    kind: ObservationKind
    count: int


class CoverageWeek(BaseModel):
    """One school week: observations that took place, by observer role (every role, zeros
    included)."""

    week_start: date = Field(description="The Monday of the school week")
    total: int
    by_role: dict[ObserverRole, int]


class UnobservedMentee(BaseModel):
    """A mentee in a pairing on the day asked about, not observed for the weeks asked about."""

    mentee: PersonRef
    school_id: uuid.UUID
    school_name: str
    mentors: list[PersonRef] = Field(description="Their mentors in pairings on that day")
    last_observed_on: date | None = Field(description="Their latest observation, if any")
    weeks_since: int | None = Field(description="Whole weeks since then; null if never")


# --- targets reviewed at a meeting -------------------------------------------------------


class TargetReviewWrite(Input):
    target_id: uuid.UUID = Field(description="One of the mentee's open targets")
    note: free_text(0, 5000) = Field(default="", description="Progress and what happens next")
    status: Literal[TargetStatus.achieved, TargetStatus.dropped] | None = Field(
        default=None, description="Mark the target achieved or dropped at this meeting"
    )


class TargetReviewsWrite(Input):
    """Every target the meeting reviewed: ones left out are no longer listed as reviewed."""

    reviews: Annotated[list[TargetReviewWrite], Field(max_length=MAX_REVIEWS)]

    @model_validator(mode="after")
    def each_target_once(self):
        ids = [r.target_id for r in self.reviews]
        if len(set(ids)) != len(ids):
            raise ValueError("review each target once")
        return self


class ReviewedTarget(BaseModel):
    id: uuid.UUID
    standards: list[int]
    text: str
    due_on: date
    status: TargetStatus


class TargetReviewPublic(BaseModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    target: ReviewedTarget
    note: str
    status_set: TargetStatus | None = Field(description="The status this review gave the target")
    reviewed_by: PersonRef
    reviewed_at: datetime
