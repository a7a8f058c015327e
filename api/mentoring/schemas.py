"""Request and response bodies for profiles, pairings and agreements."""

import uuid
from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, model_validator

from api.core.schemas import (
    Input,
    Patch,
    SchoolDate,
    WallClockTime,
    Weekday,
    WeekdayPublic,
    free_text,
    null,
    required,
    when,
    whole_number,
)
from api.mentoring.models import FeedbackTiming, PairingKind, Pathway, RecordKeeper
from api.org.models import Phase
from api.org.schemas import PersonRef

ShortText = free_text(1, 200)
LongText = free_text(1, 1000)


def _check_dates(model):
    starts, ends = getattr(model, "starts_on", None), getattr(model, "ends_on", None)
    if starts and ends and ends < starts:
        raise ValueError("ends_on must be on or after starts_on")
    return model


def _a_fraction(value: object) -> object:
    # JSON Schema's number takes 0.6, not "0.6" or true; the parser alone takes all three.
    if isinstance(value, str | bool):
        raise ValueError("must be a number, not text or true/false")
    return value


FTE_DESCRIPTION = "Full-time equivalent: 1 full time, 0.6 three days a week"
Fte = Annotated[float, Field(gt=0, le=1, description=FTE_DESCRIPTION), BeforeValidator(_a_fraction)]


class MentorProfileCreate(Input):
    user_id: uuid.UUID
    subjects: Annotated[list[ShortText], Field(max_length=10)] = []
    phase: Phase | None = None
    trained: StrictBool = False
    fte: Fte = 1.0
    starts_on: SchoolDate
    ends_on: SchoolDate | None = None

    check_dates = model_validator(mode="after")(_check_dates)


class MentorProfileUpdate(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"phase", "ends_on"})

    subjects: Annotated[list[ShortText], Field(max_length=10)] | None = None
    phase: Phase | None = None
    trained: StrictBool | None = None
    fte: Fte | None = None
    starts_on: SchoolDate | None = None
    ends_on: SchoolDate | None = None


class MentorProfilePublic(BaseModel):
    id: uuid.UUID
    user: PersonRef
    school_id: uuid.UUID
    subjects: list[str]
    phase: Phase | None
    trained: bool
    fte: float = Field(description=FTE_DESCRIPTION)
    starts_on: SchoolDate
    ends_on: SchoolDate | None


class MenteeProfileCreate(Input):
    model_config = ConfigDict(
        json_schema_extra=when("pathway", "ect", required("induction_year"), null("induction_year"))
    )

    user_id: uuid.UUID
    pathway: Pathway
    programme: ShortText | None = None
    induction_year: whole_number(1, 2) | None = Field(
        default=None, description="1 or 2: required for an ECT, and only for an ECT"
    )
    provider: ShortText | None = None
    subject: free_text(1, 100) | None = None
    phase: Phase | None = None
    fte: Fte = 1.0
    starts_on: SchoolDate
    ends_on: SchoolDate | None = None

    @model_validator(mode="after")
    def induction_year_for_ects(self):
        _check_dates(self)
        if self.pathway == Pathway.ect and self.induction_year is None:
            raise ValueError("induction_year (1 or 2) is required for an ECT")
        if self.pathway != Pathway.ect and self.induction_year is not None:
            raise ValueError("induction_year is only for ECTs")
        return self


class MenteeProfileUpdate(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset(
        {"programme", "induction_year", "provider", "subject", "phase", "ends_on"}
    )

    pathway: Pathway | None = None
    programme: ShortText | None = None
    induction_year: whole_number(1, 2) | None = Field(
        default=None, description="1 or 2 for an ECT; an ECT keeps one and nobody else has one"
    )
    provider: ShortText | None = None
    subject: free_text(1, 100) | None = None
    phase: Phase | None = None
    fte: Fte | None = None
    starts_on: SchoolDate | None = None
    ends_on: SchoolDate | None = None


class MenteeProfilePublic(BaseModel):
    id: uuid.UUID
    user: PersonRef
    school_id: uuid.UUID
    pathway: Pathway
    programme: str | None
    induction_year: int | None
    provider: str | None
    subject: str | None
    phase: Phase | None
    fte: float = Field(description=FTE_DESCRIPTION)
    starts_on: SchoolDate
    ends_on: SchoolDate | None


class PairingCreate(Input):
    school_id: uuid.UUID
    mentor_id: uuid.UUID
    mentee_id: uuid.UUID
    kind: PairingKind
    starts_on: SchoolDate
    ends_on: SchoolDate | None = Field(
        default=None, description="Defaults to the end of the mentee's time at the school."
    )

    check_dates = model_validator(mode="after")(_check_dates)


class PairingEnd(Input):
    ends_on: SchoolDate
    reason: free_text(3, 500)


class PairingPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    school_name: str
    mentor: PersonRef
    mentee: PersonRef
    kind: PairingKind
    starts_on: SchoolDate
    ends_on: SchoolDate
    ended_early_reason: str | None
    created_at: datetime


class PairingCan(BaseModel):
    """What the person asking may do with this pairing now: the same rules the action routes
    enforce."""

    schedule_slot: bool = Field(description="Add a weekly protected slot")
    propose_agreement: bool = Field(description="Write a new version of the agreement")
    agree: bool = Field(description="Agree the newest version, as the mentor or the mentee")
    end: bool = Field(description="End the pairing early")


class PairingDetail(PairingPublic):
    can: PairingCan


class AgreementTerms(Input):
    """The questions the first meeting ("contracting") answers."""

    model_config = ConfigDict(
        json_schema_extra=when(
            "feedback_timing",
            "after_reflection",
            required("reflection_interval_hours"),
            null("reflection_interval_hours"),
        )
    )

    meeting_frequency: ShortText = Field(examples=["weekly"])
    meeting_day: Weekday
    meeting_time: WallClockTime
    meeting_location: ShortText
    feedback_timing: FeedbackTiming
    reflection_interval_hours: whole_number(1, 168) | None = Field(
        default=None,
        description="Required when feedback comes after a reflection interval, and only then.",
    )
    mentor_prepares: LongText
    mentee_prepares: LongText
    record_keeper: RecordKeeper
    agenda_setting: LongText
    feedback_approach: LongText
    wellbeing_frequency: ShortText
    concern_route: LongText

    @model_validator(mode="after")
    def interval_matches_timing(self):
        needs = self.feedback_timing == FeedbackTiming.after_reflection
        if needs and self.reflection_interval_hours is None:
            raise ValueError("reflection_interval_hours is required for after_reflection")
        if not needs and self.reflection_interval_hours is not None:
            raise ValueError("reflection_interval_hours is only for after_reflection")
        return self


class AgreementPublic(BaseModel):
    id: uuid.UUID
    pairing_id: uuid.UUID
    version: int
    meeting_frequency: str
    meeting_day: WeekdayPublic
    meeting_time: WallClockTime
    meeting_location: str
    feedback_timing: FeedbackTiming
    reflection_interval_hours: int | None
    mentor_prepares: str
    mentee_prepares: str
    record_keeper: RecordKeeper
    agenda_setting: str
    feedback_approach: str
    wellbeing_frequency: str
    concern_route: str
    mentor_agreed_at: datetime | None
    mentee_agreed_at: datetime | None
    agreed: bool
    current: bool
    created_by: uuid.UUID
    created_at: datetime
