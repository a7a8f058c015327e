"""Request and response bodies for supervision sessions."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, StrictBool, model_validator

from api.core.problems import Problem
from api.core.schemas import Input, SchoolDate, Timestamp, free_text, whole_number
from api.org.schemas import PersonRef
from api.supervision.models import SupervisionStatus

MAX_SUPERVISION_MINUTES = 180


class SupervisionCreate(Input):
    mentor_id: uuid.UUID = Field(description="A mentor of the school")
    school_id: uuid.UUID = Field(description="The school, which you lead and they mentor at")
    starts_at: Timestamp
    ends_at: Timestamp
    location: free_text(0, 200) = ""
    every_weeks: whole_number(1, 12) = Field(
        default=4, description="For a series: how many weeks apart the sessions are"
    )
    times: whole_number(1, 12) = Field(
        default=1, description="How many sessions to schedule (1 for a single one)"
    )
    confirm_clash: StrictBool = Field(
        default=False,
        description="Schedule even when a session clashes with what you or the mentor already "
        "have (otherwise a clash answers 409)",
    )

    @model_validator(mode="after")
    def ends_after_start(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.ends_at - self.starts_at).total_seconds() > MAX_SUPERVISION_MINUTES * 60:
            raise ValueError("a supervision session lasts three hours at most")
        return self


class SupervisionRecordWrite(Input):
    held: StrictBool = Field(description="Whether it took place")
    held_on: SchoolDate | None = Field(
        default=None, description="The day it was held, if not the day it was scheduled for"
    )
    not_held_reason: free_text(0, 500) = Field(default="", description="Why not, if not held")
    supervision_note: free_text(0, 5000) = Field(
        default="", description="Private: read only by you and the mentor"
    )


class SupervisionCan(BaseModel):
    record: bool = Field(description="Record whether it was held (the lead who holds it)")


class SupervisionPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    mentor: PersonRef
    supervisor: PersonRef
    starts_at: datetime
    ends_at: datetime
    location: str
    status: SupervisionStatus
    held_on: date | None
    not_held_reason: str | None
    recorded_at: datetime | None
    note_shown: bool = Field(description="The note is shown to the supervisor and the mentor")
    supervision_note: str | None


class SupervisionDetail(SupervisionPublic):
    can: SupervisionCan


class SupervisionScheduled(BaseModel):
    items: list[SupervisionDetail]
    total: int


class SupervisionClash(BaseModel):
    source: str
    title: str
    person: PersonRef
    starts_at: datetime
    ends_at: datetime


class SupervisionClashProblem(Problem):
    clashes: list[SupervisionClash] | None = Field(
        default=None, description="Everything it clashes with; absent for other conflicts"
    )
