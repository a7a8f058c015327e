"""What principals sign in with: people's refresh tokens (opaque, stored hashed, rotated on
every use, grouped in families), invitation links (one-time, stored hashed, expiring) and
integration clients (a hashed secret, scopes and the schools they may read)."""

import uuid
from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, created_at_field, id_field
from api.org.models import School, Trust, User


class RefreshToken(SQLModel, table=True):
    __tablename__ = "refresh_tokens"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    # Every token rotated from one sign-in shares a family; reuse of a spent one revokes it all.
    family_id: uuid.UUID = Field(index=True)
    token_hash: str = Field(max_length=64, unique=True)
    # The owner's session version when issued: refreshing needs it to be the current one.
    session_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    user: User | None = Relationship()


class Invitation(SQLModel, table=True):
    """A one-time link for a person to set their own password. Only the token's hash is kept;
    a new link for the same person cancels the ones before it."""

    __tablename__ = "invitations"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiClient(SQLModel, table=True):
    __tablename__ = "api_clients"

    id: uuid.UUID = id_field()  # the OAuth client_id
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    name: str = Field(max_length=200)
    secret_hash: str = Field(max_length=64)
    scopes: list[str] = Field(default_factory=list, sa_type=JSON)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()

    trust: Trust | None = Relationship()


class ApiClientSchool(SQLModel, table=True):
    """The schools whose data a client may read."""

    __tablename__ = "api_client_schools"

    client_id: uuid.UUID = Field(foreign_key="api_clients.id", primary_key=True, ondelete="CASCADE")
    school_id: uuid.UUID = Field(foreign_key="schools.id", primary_key=True)

    client: ApiClient | None = Relationship()
    school: School | None = Relationship()
