"""Request and response bodies for providers, their secrets, linked people and deliveries.

No response after a create or a rotation carries a signing secret: `ProviderCreated` and
`SecretRotated` are the only two that do, once.
"""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.core.schemas import Input, Patch, free_text, whole_number
from api.providers.models import DeliveryOutcome, ProviderKind

DEFAULT_OVERLAP_HOURS = 24
MAX_OVERLAP_HOURS = 168


class ProviderCreate(Input):
    name: free_text(1, 200) = Field(description="As the provider is known to your schools")
    kind: ProviderKind = Field(
        description="hei (a university), scitt, ecte_lead_provider (early career teacher "
        "entitlement) or other"
    )


class ProviderUpdate(Patch):
    name: free_text(1, 200) | None = None
    kind: ProviderKind | None = None


class SecretRotate(Input):
    overlap_hours: whole_number(0, MAX_OVERLAP_HOURS) = Field(
        default=DEFAULT_OVERLAP_HOURS,
        description="How long the current secret keeps working beside the new one (0: stops "
        "at once)",
    )


class SecretPublic(BaseModel):
    """A signing secret as it is listed: never its value."""

    id: uuid.UUID
    created_at: datetime
    expires_at: datetime | None = Field(
        description="When it stops verifying (set when a newer secret replaced it)"
    )
    status: Literal["current", "retiring"] = Field(
        description="current: the newest; retiring: still verifying until expires_at"
    )


class ProviderCan(BaseModel):
    edit: bool
    rotate_secret: bool
    disable: bool
    enable: bool
    link_people: bool


class ProviderPublic(BaseModel):
    id: uuid.UUID
    trust_id: uuid.UUID
    name: str
    kind: ProviderKind
    disabled_at: datetime | None
    created_at: datetime
    updated_at: datetime | None
    webhook_url: str = Field(description="The address to give the provider for its deliveries")
    linked_people: int


class ProviderDetail(ProviderPublic):
    secrets: list[SecretPublic] = Field(description="The secrets that still verify")
    can: ProviderCan


class ProviderCreated(BaseModel):
    provider: ProviderDetail
    signing_secret: str = Field(
        description="`whsec_` + base64: give it to the provider now; it is never shown again"
    )


class SecretRotated(BaseModel):
    provider: ProviderDetail
    signing_secret: str = Field(description="The new secret, shown this once")
    previous_expires_at: datetime | None = Field(
        description="When the secrets it replaces stop verifying"
    )


class ProviderLinkCreate(Input):
    user_ids: list[uuid.UUID] = Field(
        min_length=1,
        max_length=200,
        description="Mentors or mentees of your trust; one already linked to another provider "
        "moves to this one",
    )


class LinkedPerson(BaseModel):
    user_id: uuid.UUID
    full_name: str
    email: str
    trn: str | None
    roles: list[Literal["mentor", "mentee"]]
    linked_at: datetime


class DeliveryPublic(BaseModel):
    id: uuid.UUID
    provider_id: uuid.UUID
    provider_name: str
    webhook_id: str
    received_at: datetime
    type: str
    sent_at: datetime | None
    outcome: DeliveryOutcome
    reason: str | None
    duplicate_of: uuid.UUID | None
    reprocessed_at: datetime | None


class DeliveryCan(BaseModel):
    reprocess: bool = Field(description="Process it again, once (a rejected or failed one)")


class DeliveryDetail(DeliveryPublic):
    effects: list[str] = Field(description="What it changed, in plain words")
    body: str = Field(description="The payload as received")
    can: DeliveryCan


class DeliveryAnswer(BaseModel):
    """What the receiver answers a provider."""

    delivery_id: uuid.UUID
    outcome: DeliveryOutcome
    reason: str | None = None
