"""Training providers, their webhook signing secrets, every delivery they sent, and who is
linked to them.

A signing secret is kept as the provider was given it (`whsec_` + base64): verifying a Standard
Webhooks signature needs the key itself, so it cannot be hashed. It is shown once (on creation
and on rotation), never returned again, and its column is restricted, so the audit service never
records it. A rotated-out secret keeps verifying until its `expires_at` (the overlap), then stops.

A delivery's (provider, webhook-id) is unique among first arrivals: the row is inserted in the
same transaction as the delivery's effects, so a repeat, however concurrent, is processed once.
A repeat is kept too, as its own row with the outcome `duplicate` (outside the unique index) and
a pointer to the first, so the log shows every delivery that arrived.
"""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Index, Text, text
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field, restricted_field


class ProviderKind(StrEnum):
    hei = "hei"
    scitt = "scitt"
    ecte_lead_provider = "ecte_lead_provider"
    other = "other"


class DeliveryOutcome(StrEnum):
    processed = "processed"
    duplicate = "duplicate"
    ignored = "ignored"
    rejected = "rejected"
    failed = "failed"


class Provider(SQLModel, table=True):
    __tablename__ = "providers"

    id: uuid.UUID = id_field()
    trust_id: uuid.UUID = Field(foreign_key="trusts.id", index=True)
    name: str = Field(max_length=200)
    kind: ProviderKind = enum_field(ProviderKind)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProviderSecret(SQLModel, table=True):
    """One signing secret. Live while `expires_at` is empty or still ahead."""

    __tablename__ = "provider_secrets"

    id: uuid.UUID = id_field()
    provider_id: uuid.UUID = Field(foreign_key="providers.id", index=True, ondelete="CASCADE")
    signing_secret: str = restricted_field(max_length=200)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """A verified delivery and what became of it. Unverified requests leave no row."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index(
            "uq_webhook_deliveries_first",
            "provider_id",
            "webhook_id",
            unique=True,
            sqlite_where=text("outcome != 'duplicate'"),
            postgresql_where=text("outcome != 'duplicate'"),
        ),
        Index("ix_webhook_deliveries_provider_received", "provider_id", "received_at"),
    )

    id: uuid.UUID = id_field()
    provider_id: uuid.UUID = Field(foreign_key="providers.id", ondelete="CASCADE")
    webhook_id: str = Field(max_length=255)  # the `webhook-id` header
    received_at: datetime = created_at_field()
    type: str = Field(default="", max_length=100)  # the payload's `type`, as sent
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # payload `timestamp`
    outcome: DeliveryOutcome = enum_field(DeliveryOutcome)
    reason: str | None = Field(default=None, max_length=2000)
    duplicate_of: uuid.UUID | None = Field(
        default=None, foreign_key="webhook_deliveries.id", ondelete="CASCADE"
    )
    effects: list[str] = Field(default_factory=list, sa_type=JSON)
    # The raw body (at most the receiver's cap), kept so a rejected or failed one can be
    # processed again after a fix.
    body: str = Field(default="", sa_type=Text)
    reprocessed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reprocessed_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class ProviderLink(SQLModel, table=True):
    """A mentor or mentee and the provider training them (one provider per person)."""

    __tablename__ = "provider_links"

    id: uuid.UUID = id_field()
    provider_id: uuid.UUID = Field(foreign_key="providers.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", unique=True, ondelete="CASCADE")
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
