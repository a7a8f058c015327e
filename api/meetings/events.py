"""Events the meetings domain publishes (see `api.core.events`)."""

import uuid
from dataclasses import dataclass

from api.auth.principals import Principal


@dataclass(frozen=True)
class MeetingsLost:
    """Protected meetings that will not happen and count against the entitlement."""

    pairing_id: uuid.UUID
    meeting_ids: tuple[uuid.UUID, ...]
    reason: str
    actor: Principal


@dataclass(frozen=True)
class MeetingRecorded:
    """A meeting's record was written: it was held, or it was missed."""

    pairing_id: uuid.UUID
    meeting_id: uuid.UUID
    held: bool
    actor: Principal
