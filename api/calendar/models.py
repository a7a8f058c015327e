"""Per-person secret calendar feed links, stored hashed."""

import uuid
from datetime import datetime

from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, created_at_field, id_field
from api.org.models import User


class CalendarFeed(SQLModel, table=True):
    __tablename__ = "calendar_feeds"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    user: User | None = Relationship()
