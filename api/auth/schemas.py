"""Request and response bodies for sign-in and the current person."""

import uuid
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from api.org.models import Role


class GrantType(StrEnum):
    password = "password"  # noqa: S105
    refresh_token = "refresh_token"  # noqa: S105
    client_credentials = "client_credentials"


class TokenTransport(StrEnum):
    """Where the refresh token travels. `cookie` is for the browser app: an httpOnly cookie
    it cannot read, instead of the response body."""

    body = "body"
    cookie = "cookie"


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105
    expires_in: int
    scope: str
    refresh_token: str | None = None


class OAuthError(BaseModel):
    """RFC 6749 section 5.2, with the RFC 9457 fields beside it."""

    error: str
    error_description: str | None = None
    type: str
    title: str
    status: int
    detail: str | None = None


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=256)
    new_password: str = Field(max_length=256)


class LogoutRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str | None = Field(default=None, max_length=256)


class RoleGrantPublic(BaseModel):
    role: Role
    trust_id: uuid.UUID
    school_id: uuid.UUID | None
    school_name: str | None = None


class MePublic(BaseModel):
    id: uuid.UUID
    email: str
    full_name: str
    trn: str | None
    trust_id: uuid.UUID
    trust_name: str
    must_change_password: bool
    roles: list[RoleGrantPublic]
    scopes: list[str]


InvitationTokenText = Field(
    min_length=1,
    max_length=100,
    description="The token from the invitation link: what follows `#` in /welcome#...",
)


class InvitationOpen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = InvitationTokenText


class InvitationAccept(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = InvitationTokenText
    new_password: str = Field(max_length=256)
    token_transport: TokenTransport = TokenTransport.body


class InvitationPublic(BaseModel):
    """Whose link this is, so that the page greets them by name before they choose a password."""

    full_name: str
    email: str
