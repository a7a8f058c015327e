"""Request and response bodies for integration clients, and what they read."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.auth.scopes import CLIENT_SCOPES
from api.core.schemas import Input, Timestamp, free_text
from api.observations.counts import GroupBy
from api.observations.models import ObserverRole


class ApiClientCreate(Input):
    name: free_text(1, 200)
    scopes: Annotated[
        list[Literal[tuple(sorted(CLIENT_SCOPES))]],
        Field(min_length=1, max_length=10),
    ]
    school_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=200)]
    expires_at: Timestamp | None = Field(default=None, description="With a time zone offset.")

    @field_validator("scopes")
    @classmethod
    def known_client_scopes(cls, scopes: list[str]) -> list[str]:
        unknown = sorted(set(scopes) - CLIENT_SCOPES)
        if unknown:
            raise ValueError(
                f"not a client scope: {', '.join(unknown)} "
                f"(choose from {', '.join(sorted(CLIENT_SCOPES))})"
            )
        return sorted(set(scopes))


class ApiClientPublic(BaseModel):
    id: uuid.UUID = Field(description="The client_id for the token endpoint.")
    name: str
    scopes: list[str]
    school_ids: list[uuid.UUID]
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime


class ApiClientCreated(BaseModel):
    client: ApiClientPublic
    client_secret: str = Field(description="Shown once; stored only as a hash.")


class ObservationsByKind(BaseModel):
    """Observations that took place, by kind: every kind, zero included."""

    formal: int
    drop_in: int
    peer: int
    joint: int
    learning_walk: int


def _count() -> Any:
    return Field(description="Observations that took place (completed or shared)")


class SchoolCount(BaseModel):
    school_id: uuid.UUID
    count: int = _count()
    by_kind: ObservationsByKind


class MenteeCount(BaseModel):
    mentee_id: uuid.UUID
    trn: str | None = Field(description="The mentee's teacher reference number, when known")
    count: int = _count()
    by_kind: ObservationsByKind


class MentorCount(BaseModel):
    mentor_id: uuid.UUID
    trn: str | None = Field(description="The mentor's teacher reference number, when known")
    count: int = _count()
    by_kind: ObservationsByKind


class ObserverRoleCount(BaseModel):
    observer_role: ObserverRole
    count: int = _count()
    by_kind: ObservationsByKind


class WeekCount(BaseModel):
    week_start: date = Field(description="The Monday of the school week")
    count: int = _count()
    by_kind: ObservationsByKind


ObservationCountItem = SchoolCount | MenteeCount | MentorCount | ObserverRoleCount | WeekCount


class ObservationCounts(BaseModel):
    """One page of groups; `total` counts every group, `limit` and `offset` page them."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: date = Field(alias="from")
    to: date
    group_by: GroupBy
    total: int
    limit: int
    offset: int
    items: list[ObservationCountItem]
