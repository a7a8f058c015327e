"""Request and response bodies for wellbeing check-ins, the school view and wellbeing leads."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool

from api.core.schemas import Input, Patch, free_text, whole_number
from api.org.schemas import PersonRef
from api.wellbeing.models import CheckInRole

Score = whole_number(1, 5)
# Whoever sees a check-in, seen from where they stand.
Relation = Literal["own", "mentor", "wellbeing_lead"]
# Groups of fewer people than this are never shown in a school's figures.
MINIMUM_GROUP = 5


class CheckInCreate(Input):
    wellbeing_score: Score = Field(description="How you are: 1 struggling ... 5 thriving")
    workload_score: Score = Field(description="Your workload: 1 manageable ... 5 unmanageable")
    wellbeing_note: free_text(0, 2000) = Field(
        default="", description="Anything you want to add; yours unless you share it"
    )
    wellbeing_note_shared: StrictBool = Field(
        default=False,
        description="Share the note with your mentor (if you are a mentee) and your school's "
        "wellbeing lead",
    )
    wants_to_talk: StrictBool = Field(
        default=False,
        description="I would like to talk: your mentor (if you are a mentee) or your school's "
        "wellbeing lead (if you are a mentor) gets a to-do",
    )
    school_id: uuid.UUID | None = Field(
        default=None,
        description="The school you check in at; needed only when you mentor or are mentored "
        "at more than one",
    )


class CheckInUpdate(Patch):
    wellbeing_note_shared: StrictBool | None = Field(
        default=None, description="Share your note, or stop sharing it"
    )


class CheckInCan(BaseModel):
    share_note: bool = Field(description="Share the note or stop sharing it (the person only)")
    follow_up: bool = Field(
        description="Say that the talk asked for has been arranged (whoever the request went to)"
    )


class CheckInPublic(BaseModel):
    id: uuid.UUID
    subject: PersonRef
    school_id: uuid.UUID
    subject_role: CheckInRole
    checked_in_on: date
    created_at: datetime
    wellbeing_score: int
    workload_score: int
    wants_to_talk: bool
    talk_followed_up_at: datetime | None
    relation: Relation = Field(description="Whose check-in this is to you")
    note_shown: bool = Field(
        description="Whether the note is shown to you: always to the person; to their mentor "
        "(for a mentee) and the school's wellbeing lead only when shared"
    )
    wellbeing_note: str | None = Field(description="The note, when it is shown to you")
    wellbeing_note_shared: bool | None = Field(description="Whether it is shared (the person only)")


class CheckInDetail(CheckInPublic):
    can: CheckInCan


class SummaryRow(BaseModel):
    """One group (mentees or mentors) in one school week. A group of fewer than five people is
    hidden: its figures are null."""

    week_start: date
    group: CheckInRole
    hidden: bool = Field(description="Fewer than five people checked in: nothing is shown")
    people: int | None
    check_ins: int | None
    mean_wellbeing: float | None
    mean_workload: float | None
    talk_requests: int | None


class SchoolSummary(BaseModel):
    school_id: uuid.UUID
    from_: date = Field(alias="from")
    to: date
    minimum_group: int = Field(description="Groups smaller than this are hidden")
    items: list[SummaryRow]
    total: int

    model_config = {"populate_by_name": True}


class WellbeingLeadPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    person: PersonRef
    designated_by: PersonRef
    created_at: datetime
