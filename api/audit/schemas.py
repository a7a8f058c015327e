"""Response bodies for the audit log."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AuditEventPublic(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: uuid.UUID | None
    actor_name: str | None = Field(
        default=None, description="Who acted, when they are someone you may see"
    )
    action: str
    object_type: str
    object_id: uuid.UUID | None
    object_name: str | None = Field(
        default=None,
        description="What was acted on (a person, school or trust), when you may see it",
    )
    changes: dict[str, Any]
    request_id: str | None
