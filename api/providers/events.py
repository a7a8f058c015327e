"""What the providers domain publishes: one verified delivery about a provider's item.

The receiver has checked the signature and the payload's shape; a handler (the training
domain) applies it in the same transaction and reports back through `outcome`, which the
delivery log stores.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, HttpUrl


class Participant(BaseModel):
    model_config = ConfigDict(extra="ignore")
    trn: str = Field(pattern=r"^\d{7}$")
    role: Literal["mentor", "mentee"]


class ItemData(BaseModel):
    """`data` of a course_date.* or deadline.* delivery (contract 4 of the design brief)."""

    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    due_at: AwareDatetime | None = None
    audience: Literal["mentors", "mentees", "both"] = "both"
    location: str | None = Field(default=None, max_length=300)
    online_url: HttpUrl | None = None
    requires_release: bool = False
    schools: list[str] = Field(default_factory=list, max_length=500)  # URNs
    participants: list[Participant] = Field(default_factory=list, max_length=2000)


@dataclass
class Outcome:
    """Filled in by the handler: plain-words effects for the delivery log, and whether the
    delivery was ignored (for example an update older than the stored version)."""

    effects: list[str] = field(default_factory=list)
    ignored_because: str | None = None


class InvalidItem(Exception):
    """Raised by a handler when the data is valid JSON of the right shape but cannot be
    applied (e.g. ends before it starts, cancelling for a kind that needs dates): the
    receiver answers 422 and records the reason. Nothing of the delivery's effects is kept."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderItemReceived:
    provider_id: UUID
    trust_id: UUID
    delivery_id: UUID
    kind: Literal["course_date", "deadline"]
    action: Literal["created", "updated", "cancelled"]
    sent_at: datetime  # the payload's `timestamp`: orders updates of the same item
    data: ItemData
    outcome: Outcome = field(default_factory=Outcome)
