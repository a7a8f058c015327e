"""Response bodies for the audit log."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditEventPublic(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: uuid.UUID | None
    actor_name: str | None = None
    action: str
    object_type: str
    object_id: uuid.UUID | None
    changes: dict[str, Any]
    request_id: str | None
