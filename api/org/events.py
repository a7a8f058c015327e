"""Events the organisation publishes (see `api.core.events`)."""

import uuid
from dataclasses import dataclass
from datetime import date

from api.auth.principals import Principal


@dataclass(frozen=True)
class ClosureAdded:
    """A school closes from `starts_on` to `ends_on` (an INSET day, a holiday, a closure made
    longer): whatever was planned on those days will not happen."""

    school_id: uuid.UUID
    term_date_id: uuid.UUID
    starts_on: date
    ends_on: date
    actor: Principal


@dataclass(frozen=True)
class PersonDeactivated:
    """Someone can no longer sign in; their records stay."""

    user_id: uuid.UUID
    trust_id: uuid.UUID
    actor: Principal
