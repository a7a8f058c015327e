"""The audit log: one append-only row per write."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, Relationship, SQLModel

from api.core.models import UTCDateTime, id_field, utcnow
from api.org.models import Trust


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_trust_time", "trust_id", "occurred_at"),
        Index("ix_audit_events_object", "object_type", "object_id"),
    )

    id: uuid.UUID = id_field()
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    trust_id: uuid.UUID | None = Field(default=None, foreign_key="trusts.id")
    actor_kind: str = Field(max_length=16)  # user | client | system
    actor_id: uuid.UUID | None = None
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=64)
    object_id: uuid.UUID | None = None
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    request_id: str | None = Field(default=None, max_length=128)

    trust: Trust | None = Relationship()
