"""Request and response bodies for integration clients."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from api.auth.scopes import CLIENT_SCOPES
from api.core.schemas import Input, Timestamp, free_text


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
