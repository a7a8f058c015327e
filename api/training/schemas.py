"""Request and response bodies for training: course dates and deadlines, cover requests and
mentors' training records."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool, field_validator

from api.core.schemas import Input, SchoolDate, free_text, whole_number
from api.org.schemas import PersonRef
from api.training.models import (
    ConcernRole,
    CoverStatus,
    ItemKind,
    TrainingAudience,
    TrainingKind,
)

# National standards for school-based initial teacher training (ITT) mentors (DfE, 2016).
MENTOR_STANDARDS: dict[int, str] = {
    1: "Personal qualities",
    2: "Teaching",
    3: "Professionalism",
    4: "Self-development and working in partnership",
}
STANDARDS_DESCRIPTION = (
    "National standards for school-based ITT mentors: 1 Personal qualities, 2 Teaching, "
    "3 Professionalism, 4 Self-development and working in partnership"
)


def _standards(value: list[int]) -> list[int]:
    if any(isinstance(v, bool) or v not in MENTOR_STANDARDS for v in value):
        raise ValueError("mentor standards are numbered 1 to 4")
    return sorted(set(value))


# --- course dates and deadlines -------------------------------------------------------------


class TrainingItemCan(BaseModel):
    mark_attendance: bool = Field(
        description="Mark who attended (a mentor for themselves, a lead for the school's "
        "mentors; once the course has started)"
    )


class MyRelease(BaseModel):
    cover_request_id: uuid.UUID
    status: CoverStatus


class TrainingItemPublic(BaseModel):
    id: uuid.UUID
    provider_id: uuid.UUID
    kind: ItemKind
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    due_at: datetime | None
    audience: TrainingAudience
    location: str | None
    online_url: str | None
    requires_release: bool
    cancelled: bool
    people_count: int = Field(description="How many people it concerns that you can see")
    my_role: ConcernRole | None = Field(description="Your part in it, if it concerns you")
    my_release: MyRelease | None = Field(description="Your release from school for it, if any")
    clashes_with_meeting: bool = Field(
        description="It overlaps a protected meeting of someone it concerns that you can see"
    )


class ConcernedPerson(BaseModel):
    person: PersonRef
    role: ConcernRole
    school_id: uuid.UUID | None
    attended: bool | None
    training_kind: TrainingKind | None
    standards: list[int]


class TrainingItemDetail(TrainingItemPublic):
    people: list[ConcernedPerson]
    can: TrainingItemCan


class AttendanceWrite(Input):
    user_id: uuid.UUID = Field(description="The mentor whose attendance this is")
    attended: StrictBool
    training_kind: TrainingKind = Field(
        default=TrainingKind.initial, description="Initial or refresher mentor training"
    )
    standards: list[int] = Field(
        default_factory=list, max_length=4, description=STANDARDS_DESCRIPTION
    )

    _check_standards = field_validator("standards")(_standards)


# --- cover requests -------------------------------------------------------------------------


class CoverRequestCan(BaseModel):
    decide: bool = Field(description="Approve or decline (a lead of the school, while pending)")


class CoverRequestPublic(BaseModel):
    id: uuid.UUID
    item_id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str | None
    person: PersonRef
    role: ConcernRole
    school_id: uuid.UUID
    status: CoverStatus
    decision_note: str | None
    decided_by: PersonRef | None
    decided_at: datetime | None
    created_at: datetime


class CoverRequestDetail(CoverRequestPublic):
    can: CoverRequestCan


class CoverDecision(Input):
    decision: Literal["approved", "declined"]
    note: free_text(0, 1000) = Field(default="", description="Why, for the person released")


# --- the training record --------------------------------------------------------------------


class HoursWrite(Input):
    title: free_text(1, 300)
    training_kind: TrainingKind
    taken_on: SchoolDate
    minutes: whole_number(1, 2400) = Field(description="How long, in minutes")
    provider_id: uuid.UUID | None = Field(
        default=None, description="One of the trust's providers (or give provider_name)"
    )
    provider_name: free_text(0, 200) = Field(
        default="",
        description="Who provided it, if not one of the trust's providers (neither: the "
        "provider the mentor is linked to)",
    )
    standards: list[int] = Field(
        default_factory=list, max_length=4, description=STANDARDS_DESCRIPTION
    )
    evidence: free_text(1, 5000) = Field(description="What shows it happened, in words")
    evidence_url: free_text(0, 2000) = Field(
        default="", description="A link to a certificate or notes (https://...)"
    )

    _check_standards = field_validator("standards")(_standards)

    @field_validator("evidence_url")
    @classmethod
    def _a_link(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("a link starts with https://")
        return value


class RecordEntry(BaseModel):
    source: Literal["session", "logged"]
    id: uuid.UUID = Field(description="The course date (session) or the logged hours")
    title: str
    taken_on: date
    minutes: int
    provider: str
    training_kind: TrainingKind | None
    standards: list[int]
    evidence: str | None
    evidence_url: str | None


class Total(BaseModel):
    key: str
    label: str
    minutes: int


class EntitlementProgress(BaseModel):
    applies: bool = Field(description="The mentor mentors an ECT, so the 20 hours apply")
    starts_on: date | None
    ends_on: date | None
    target_minutes: int
    done_minutes: int
    expected_minutes_by_now: int
    on_track: bool
    by_term: list[Total]


class BookedSession(BaseModel):
    id: uuid.UUID = Field(description="The course date")
    title: str
    starts_at: datetime
    ends_at: datetime
    provider: str
    release: CoverStatus | None = Field(description="The mentor's release from school, if asked")


class TrainingRecordCan(BaseModel):
    log_hours: bool = Field(description="Log hours for this mentor (the mentor, or their lead)")


class TrainingRecord(BaseModel):
    mentor: PersonRef
    provider: str | None = Field(description="The provider the mentor is linked to, if any")
    entries: list[RecordEntry]
    booked: list[BookedSession] = Field(description="Course dates to come that concern the mentor")
    total_minutes: int
    by_provider: list[Total]
    by_kind: list[Total]
    by_standard: list[Total]
    ect_entitlement: EntitlementProgress
    can: TrainingRecordCan


class MentorTrainingSummary(BaseModel):
    mentor: PersonRef
    total_minutes: int
    entitlement_applies: bool
    entitlement_done_minutes: int
