"""Request and response bodies for entitlement policies, adoptions, provisions and
compliance."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, StrictBool

from api.core.schemas import Input, Patch, SchoolDate, free_text
from api.entitlements.models import Period, PolicyAudience, PolicyStatus, ProvisionKind
from api.org.schemas import PersonRef


class ItemInput(Input):
    category: free_text(1, 40) = Field(description="One of the audience's categories")
    promise: free_text(1, 2000) = Field(description="What is promised, in words")
    measure: free_text(1, 80) = Field(
        description="How it is measured: a measure's name (see the templates' measures)"
    )
    target: float = Field(ge=0, le=100000, description="How much, per period")
    period: Period
    pro_rata: StrictBool = Field(default=False, description="Scaled by the person's FTE")


class PolicyCreate(Input):
    audience: PolicyAudience
    name: free_text(1, 200)
    template: free_text(0, 40) | None = Field(
        default=None, description="Start from this starter template's items"
    )
    items: list[ItemInput] | None = Field(default=None, max_length=40)
    effective_from: SchoolDate | None = Field(
        default=None, description="For a new version: the date it supersedes the current one"
    )


class PolicyPatch(Patch):
    nullable = frozenset({"effective_from"})

    name: free_text(1, 200) | None = None
    items: list[ItemInput] | None = Field(default=None, max_length=40)
    effective_from: SchoolDate | None = None


class DecisionInput(Input):
    approve: StrictBool = Field(description="True to approve, false to reject")
    note: free_text(1, 2000) = Field(description="The board's note: when and what it decided")


class RevisionInput(Input):
    effective_from: SchoolDate = Field(description="When the new version supersedes this one")


class ItemPublic(BaseModel):
    id: uuid.UUID
    position: int
    category: str
    promise: str
    measure: str
    measure_label: str
    unit: str
    measured: bool = Field(description="False while no source answers this measure yet")
    target: float
    period: Period
    pro_rata: bool


class PolicyCan(BaseModel):
    edit: bool = Field(description="Change the draft (trust admins; drafts and rejected ones)")
    submit: bool = Field(description="Submit the draft to the headteachers' board")
    decide: bool = Field(description="Record the board's approval or rejection")
    retire: bool = Field(description="Retire the approved version")
    revise: bool = Field(description="Start a new version from this one")
    adopt: bool = Field(
        description="Adopt this approved version for a school you lead (any of the trust's, "
        "for a trust admin) that has not adopted it yet: see `adopt_for`"
    )


class SchoolChoice(BaseModel):
    id: uuid.UUID
    name: str


class PolicyPublic(BaseModel):
    id: uuid.UUID
    trust_id: uuid.UUID
    audience: PolicyAudience
    version: int
    name: str
    status: PolicyStatus
    supersedes_id: uuid.UUID | None
    effective_from: date | None
    submitted_by: PersonRef | None
    submitted_at: datetime | None
    decided_by: PersonRef | None
    decided_at: datetime | None
    decision_note: str | None
    retired_at: datetime | None
    created_at: datetime


class PolicyDetail(PolicyPublic):
    items: list[ItemPublic]
    can: PolicyCan
    adopt_for: list[SchoolChoice] = Field(
        description="The schools you may adopt this version for, by name (empty unless `can.adopt`)"
    )


class TemplateItemPublic(BaseModel):
    category: str
    promise: str
    measure: str
    target: float
    period: Period
    pro_rata: bool


class TemplatePublic(BaseModel):
    key: str
    audience: PolicyAudience
    name: str
    items: list[TemplateItemPublic]


class MeasurePublic(BaseModel):
    name: str
    label: str
    unit: str
    measured: bool


class Catalogue(BaseModel):
    templates: list[TemplatePublic]
    categories: dict[str, list[str]] = Field(description="The categories of each audience")
    measures: list[MeasurePublic]


class AdoptionInput(Input):
    policy_id: uuid.UUID = Field(description="An approved policy of the school's trust")
    adopted_from: SchoolDate


class AdoptionPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    policy_id: uuid.UUID
    audience: PolicyAudience
    version: int
    policy_name: str
    adopted_from: date
    adopted_by: PersonRef
    created_at: datetime


class ProvisionInput(Input):
    user_id: uuid.UUID = Field(description="A mentor or mentee of the school")
    kind: ProvisionKind
    amount: float = Field(
        ge=0,
        le=100000,
        description="Per cent for a timetable reduction, pounds a year for a TLR, 1 for a "
        "device issued or a job description on file",
    )
    effective_from: SchoolDate
    evidence: free_text(1, 500) = Field(description="Where the evidence is (a document, a letter)")


class ProvisionPublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    person: PersonRef
    kind: ProvisionKind
    amount: float
    effective_from: date
    evidence: str
    recorded_by: PersonRef
    created_at: datetime


# --- compliance --------------------------------------------------------------------------------


class ShortWeekPublic(BaseModel):
    week: date = Field(description="Its Monday")
    promised: float
    delivered: float
    reasons: list[str]


class PeriodPublic(BaseModel):
    label: str
    starts_on: date
    ends_on: date
    promised: float
    delivered: float
    status: str
    short_weeks: list[ShortWeekPublic]


class ItemCompliance(BaseModel):
    policy_id: uuid.UUID | None = Field(
        default=None, description="The policy version the item comes from"
    )
    version: int | None = Field(default=None, description="That version's number")
    starts_on: date | None = Field(
        default=None,
        description="Monday of the person's first term week in the range under this version, "
        "judged yet or not",
    )
    ends_on: date | None = Field(
        default=None,
        description="Friday of the person's last term week in the range under this version",
    )
    category: str
    promise: str
    measure: str
    unit: str
    period: Period
    target: float
    pro_rata: bool
    promised: float
    delivered: float
    status: str = Field(description="met, on_track, at_risk, missed, not_owed or not_measured")
    short_weeks: list[ShortWeekPublic]
    periods: list[PeriodPublic] | None = None


class PersonCompliance(BaseModel):
    person: PersonRef
    school_id: uuid.UUID
    role: str
    audience: PolicyAudience
    fte: float
    status: str
    items: list[ItemCompliance]


class CellPublic(BaseModel):
    category: str
    status: str
    counts: dict[str, int]


class SchoolCompliance(BaseModel):
    school_id: uuid.UUID
    school_name: str
    status: str
    cells: list[CellPublic]


class ComplianceRange(BaseModel):
    starts_on: date
    ends_on: date
    as_of: date


class TrustCompliance(ComplianceRange):
    schools: list[SchoolCompliance]
    categories: list[str]


class SchoolPeopleCompliance(ComplianceRange):
    school: SchoolCompliance
    people: list[PersonCompliance]


class PersonDetailCompliance(ComplianceRange):
    people: list[PersonCompliance] = Field(
        description="One entry per role the person holds (a mentor who is also mentored, say)"
    )
