"""Request and response bodies for trusts, schools, term dates, people and roles."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)

from api.core.schemas import (
    EmailAddress,
    Input,
    Patch,
    SchoolDate,
    free_text,
    null,
    required,
    when,
)
from api.org.models import Phase, Role, TermKind


def _known_timezone(value: str) -> str:
    if value not in available_timezones():
        raise ValueError(f"{value!r} is not an IANA time zone such as Europe/London")
    return value


TimeZoneName = Annotated[
    str,
    AfterValidator(_known_timezone),
    Field(
        min_length=1,
        max_length=64,
        description="An IANA time zone name, such as Europe/London, known to the server's "
        "time zone database",
    ),
]


Urn = Annotated[str, Field(pattern="^[0-9]{6}$", description="6-digit unique reference number")]
Trn = Annotated[str, Field(pattern="^[0-9]{7}$", description="7-digit teacher reference number")]
Name = free_text(1, 200)


class TrustPublic(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime


class TrustCan(BaseModel):
    """What the person asking may do with this trust: the rules the action routes enforce."""

    edit: bool = Field(description="Rename the trust")


class TrustDetail(TrustPublic):
    can: TrustCan


class TrustUpdate(Input):
    name: Name


class SchoolCreate(Input):
    name: Name
    urn: Urn
    phase: Phase
    timezone: TimeZoneName = "Europe/London"


class SchoolUpdate(Patch):
    name: Name | None = None
    urn: Urn | None = None
    phase: Phase | None = None
    timezone: TimeZoneName | None = None
    active: StrictBool | None = None


class SchoolPublic(BaseModel):
    id: uuid.UUID
    trust_id: uuid.UUID
    name: str
    urn: str
    phase: Phase
    timezone: str
    active: bool
    created_at: datetime


class SchoolCan(BaseModel):
    """What the person asking may do with this school: the rules the action routes enforce."""

    edit: bool = Field(description="Change the school's name, URN, phase or time zone")
    add_term_date: bool = Field(description="Add, change and copy its term dates")


class SchoolDetail(SchoolPublic):
    can: SchoolCan


class _DateRange(Patch):
    @model_validator(mode="after")
    def ends_after_start(self):
        starts, ends = getattr(self, "starts_on", None), getattr(self, "ends_on", None)
        if starts and ends and ends < starts:
            raise ValueError("ends_on must be on or after starts_on")
        return self


class TermDateCreate(_DateRange):
    kind: TermKind
    name: free_text(1, 100)
    starts_on: SchoolDate
    ends_on: SchoolDate


class TermDateUpdate(_DateRange):
    kind: TermKind | None = None
    name: free_text(1, 100) | None = None
    starts_on: SchoolDate | None = None
    ends_on: SchoolDate | None = None


class TermDatePublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID
    kind: TermKind
    name: str
    starts_on: SchoolDate
    ends_on: SchoolDate


class TermDatesCopy(Input):
    target_school_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=100)]
    replace: StrictBool = Field(
        default=False,
        description="Delete the target schools' own term dates first; otherwise a clash is 409.",
    )


class TermDatesCopied(BaseModel):
    copied: int
    target_school_ids: list[uuid.UUID]


class MembershipCreate(Input):
    model_config = ConfigDict(
        json_schema_extra=when("role", "trust_admin", null("school_id"), required("school_id"))
    )

    role: Role
    school_id: uuid.UUID | None = Field(
        default=None, description="Required for every role but trust_admin, which is trust-wide."
    )

    @model_validator(mode="after")
    def school_matches_role(self):
        if self.role == Role.trust_admin and self.school_id is not None:
            raise ValueError("trust_admin is trust-wide: leave school_id empty")
        if self.role != Role.trust_admin and self.school_id is None:
            raise ValueError(f"{self.role.value} needs a school_id")
        return self


class MembershipPublic(BaseModel):
    id: uuid.UUID
    role: Role
    trust_id: uuid.UUID
    school_id: uuid.UUID | None
    school_name: str | None = None


class UserCreate(Input):
    email: EmailAddress
    full_name: Name
    trn: Trn | None = None
    mis_staff_code: free_text(1, 32) | None = None
    roles: Annotated[list[MembershipCreate], Field(min_length=1, max_length=20)]


class UserUpdate(Patch):
    nullable = frozenset({"trn", "mis_staff_code"})

    email: EmailAddress | None = None
    full_name: Name | None = None
    trn: Trn | None = None
    mis_staff_code: free_text(1, 32) | None = None
    active: StrictBool | None = None


class AccountStatus(StrEnum):
    """Whether a person can sign in with a password of their own yet."""

    set_up = "set_up"  # they chose their own password
    invited = "invited"  # not yet, but they hold an invitation link that still works
    not_set_up = "not_set_up"  # not yet, and no link that works: issue one


class UserPublic(BaseModel):
    id: uuid.UUID
    trust_id: uuid.UUID
    email: str
    full_name: str
    trn: str | None
    mis_staff_code: str | None
    active: bool
    must_change_password: bool
    account_status: AccountStatus = Field(
        description="set_up: chose their own password; invited: holds a set-up link that "
        "still works; not_set_up: neither (issue them a link)"
    )
    roles: list[MembershipPublic]
    created_at: datetime


class UserCan(BaseModel):
    """What the person asking may do with this person: the rules the action routes enforce."""

    edit: bool = Field(description="Change their details, or deactivate them")
    reset_password: bool = Field(description="Issue a new one-time password")
    invite: bool = Field(description="Issue a set-up link, cancelling any earlier one")
    add_role: bool = Field(description="Give or remove roles")


class UserDetail(UserPublic):
    can: UserCan


class UserCreated(BaseModel):
    user: UserPublic
    initial_password: str = Field(
        description="Shown once. The person must change it when they first sign in."
    )


class InvitationIssued(BaseModel):
    """A one-time set-up link, shown once: only its hash is kept."""

    user_id: uuid.UUID
    full_name: str
    email: str
    token: str = Field(description="Shown once. The link's secret part.")
    path: str = Field(
        description="The web app's page for it, /welcome#<token>: join it to the app's address"
    )
    expires_at: datetime


class PasswordReset(BaseModel):
    initial_password: str = Field(description="Shown once; must be changed at next sign-in.")


class PersonRef(BaseModel):
    """A person as other records name them."""

    id: uuid.UUID
    full_name: str
    email: str
