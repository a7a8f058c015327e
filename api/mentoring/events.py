"""Events the mentoring domain publishes (see `api.core.events`)."""

import uuid
from dataclasses import dataclass
from datetime import date

from api.auth.principals import Principal


@dataclass(frozen=True)
class PairingEnded:
    """A pairing was ended early: nothing of it should happen after `last_day`."""

    pairing_id: uuid.UUID
    last_day: date
    reason: str
    actor: Principal
