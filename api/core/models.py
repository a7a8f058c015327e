"""Column types and mixins shared by every table."""

import uuid
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import BigInteger, DateTime, TypeDecorator
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores UTC and always hands back an aware datetime, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def id_field() -> uuid.UUID:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def created_at_field() -> datetime:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def enum_field(enum_type: type[Enum], **kwargs: Any) -> Any:
    """An enum stored as its value in a VARCHAR: no native type to migrate when values grow."""
    return Field(
        sa_type=SAEnum(
            enum_type,
            native_enum=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
        ),
        **kwargs,
    )


def restricted_field(**kwargs: Any) -> Any:
    """A column of restricted content: what a meeting record says, wellbeing. Only the people
    its domain's rules name may read it, and it never enters the audit log (the audit service
    drops every field of this name from what an event records)."""
    return Field(sa_column_kwargs={"info": {"restricted": True}}, **kwargs)


class DataVersion(SQLModel, table=True):
    """One row, one counter: every committed write adds one to it (`api.db`), so a process can
    tell with a single cheap query whether anything at all changed since it kept an answer."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(sa_type=BigInteger, nullable=False)
