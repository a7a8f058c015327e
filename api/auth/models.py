"""Refresh tokens: opaque, stored hashed, rotated on every use, grouped in families."""

import uuid
from datetime import datetime

from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, created_at_field, id_field
from api.org.models import User


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
