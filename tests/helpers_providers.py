"""The world's training provider, and deliveries signed as a provider signs them.

Northern University (an HEI of the world's trust) has one signing secret; the mentee is linked
to it; one of its deliveries was rejected and can be processed again. A second provider of the
trust is disabled."""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session
from standardwebhooks.webhooks import Webhook

from api.org.models import Trust, User
from api.providers.models import (
    DeliveryOutcome,
    Provider,
    ProviderKind,
    ProviderLink,
    ProviderSecret,
    WebhookDelivery,
)
from api.providers.service import new_signing_secret


def course_date(item_id: str = "cd-1", **data: Any) -> dict[str, Any]:
    """A course_date payload's data, valid for contract 4."""
    return {
        "id": item_id,
        "title": "Mentor training day 2",
        "starts_at": "2027-03-04T09:00:00Z",
        "ends_at": "2027-03-04T15:30:00Z",
        "audience": "mentors",
        "location": "Northern University, room 4.12",
        "requires_release": True,
        "schools": ["100001"],
        "participants": [{"trn": "1000002", "role": "mentor"}],
    } | data


def payload(type_: str = "course_date.created", data: Any = None, **extra: Any) -> dict:
    return {
        "type": type_,
        "timestamp": extra.pop("timestamp", datetime.now(UTC).isoformat()),
        "data": course_date() if data is None else data,
    } | extra


def sign(
    secret: str,
    body: bytes | str | dict,
    *,
    msg_id: str | None = None,
    when: datetime | None = None,
) -> tuple[bytes, dict[str, str]]:
    """The body and headers a provider sends, signed with the standardwebhooks library."""
    if isinstance(body, dict):
        body = json.dumps(body)
    raw = body.encode() if isinstance(body, str) else body
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    when = when or datetime.now(UTC)
    signature = Webhook(secret).sign(msg_id, when, raw.decode())
    return raw, {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


def webhook_path(provider_id: uuid.UUID | str) -> str:
    return f"/api/v1/webhooks/providers/{provider_id}"


def providers_world(session: Session, trust: Trust, people: dict[str, User]) -> dict:
    session.flush()  # the trust and the people first: these rows name them
    provider = Provider(trust_id=trust.id, name="Northern University", kind=ProviderKind.hei)
    disabled = Provider(
        trust_id=trust.id,
        name="Old SCITT",
        kind=ProviderKind.scitt,
        disabled_at=datetime(2026, 9, 1, tzinfo=UTC),
    )
    session.add_all([provider, disabled])
    session.flush()
    secret = new_signing_secret()
    session.add(ProviderSecret(provider_id=provider.id, signing_secret=secret))
    session.add(ProviderSecret(provider_id=disabled.id, signing_secret=new_signing_secret()))
    link = ProviderLink(provider_id=provider.id, user_id=people["mentee"].id)
    delivery = WebhookDelivery(
        provider_id=provider.id,
        webhook_id="msg_world_rejected",
        type="course_date.created",
        outcome=DeliveryOutcome.rejected,
        reason="The course date ends before it starts.",
        body=json.dumps(payload(timestamp="2026-09-20T08:00:00Z")),
    )
    session.add_all([link, delivery])
    return dict(
        provider=provider,
        provider_secret=secret,
        disabled_provider=disabled,
        provider_link=link,
        delivery=delivery,
    )
