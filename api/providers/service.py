"""Providers: registered by trust admins, with a signing secret shown once, rotated with an
overlap, disabled; the people linked to them; and the receiver of their signed deliveries.

The receiver, in one transaction:
1. verifies the Standard Webhooks signature over the raw body with every live secret of the
   provider (any failure, including an unknown or disabled provider, is the same 401, and
   nothing is written);
2. inserts the delivery, whose (provider, webhook-id) is unique among first arrivals: a repeat,
   even one racing this one, ends up recorded as a duplicate of the first and answered 200;
3. parses `{"type", "timestamp", "data"}`; an unknown type is recorded as ignored; a known one
   with bad data is rejected (422) with the reason;
4. publishes `ProviderItemReceived` inside a savepoint: a handler's `InvalidItem` (or any error)
   undoes only the handler's effects, and the delivery is kept as rejected (or failed).
"""

import base64
import json
import logging
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import Any, Literal, cast

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection, Insert, Table, bindparam, func, or_, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar
from standardwebhooks.webhooks import Webhook

from api.audit import service as audit
from api.auth.principals import Principal
from api.core import events
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, NotFound, Unauthorized, Unprocessable
from api.core.queries import first_visible
from api.core.upserts import insert_unless_taken
from api.org.models import Membership, Role, User
from api.providers import policy
from api.providers.events import InvalidItem, ItemData, ProviderItemReceived
from api.providers.models import (
    DeliveryOutcome,
    Provider,
    ProviderKind,
    ProviderLink,
    ProviderSecret,
    WebhookDelivery,
)
from api.providers.schemas import (
    DEFAULT_OVERLAP_HOURS,
    DeliveryDetail,
    DeliveryPublic,
    LinkedPerson,
    ProviderDetail,
    ProviderPublic,
    SecretPublic,
)

logger = logging.getLogger("mentorhub.providers")

WEBHOOK_PATH = "/api/v1/webhooks/providers/{provider_id}"
# The largest body the receiver reads; larger ones are refused (413) before any check.
MAX_DELIVERY_BYTES = 256 * 1024
SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix of every secret, not a secret)
SECRET_BYTES = 32
MAX_WEBHOOK_ID = 255
MAX_REASON = 2000
KINDS = ("course_date", "deadline")
ACTIONS = ("created", "updated", "cancelled")
KNOWN_TYPES = frozenset(f"{kind}.{action}" for kind in KINDS for action in ACTIONS)
# The one answer to every delivery that cannot be verified, whatever the reason.
NOT_VERIFIED = "The delivery could not be verified."
LINKABLE_ROLES = (Role.mentor, Role.mentee)


# --- providers ---------------------------------------------------------------------------


def new_signing_secret() -> str:
    """`whsec_` + base64 of 32 random bytes, as Standard Webhooks secrets are written."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def webhook_url(base_url: str, provider_id: uuid.UUID) -> str:
    return base_url.rstrip("/") + WEBHOOK_PATH.format(provider_id=provider_id)


def providers_query(principal: Principal) -> SelectOfScalar[Provider]:
    return (
        select(Provider)
        .where(policy.visible_providers(principal))
        .order_by(col(Provider.name), col(Provider.id))
    )


def get_provider(session: Session, principal: Principal, provider_id: uuid.UUID) -> Provider:
    return first_visible(
        session,
        select(Provider).where(Provider.id == provider_id, policy.visible_providers(principal)),
        "provider",
        provider_id,
    )


def _live_secrets(session: Session, provider_ids: list[uuid.UUID]) -> list[ProviderSecret]:
    now = utcnow()
    return list(
        session.exec(
            select(ProviderSecret)
            .where(
                col(ProviderSecret.provider_id).in_(provider_ids),
                or_(
                    col(ProviderSecret.expires_at).is_(None),
                    col(ProviderSecret.expires_at) > now,
                ),
            )
            .order_by(col(ProviderSecret.created_at).desc(), col(ProviderSecret.id))
        ).all()
    )


def to_public(session: Session, providers: list[Provider], base_url: str) -> list[ProviderPublic]:
    ids = [p.id for p in providers]
    counts = dict(
        session.exec(
            select(ProviderLink.provider_id, func.count())
            .where(col(ProviderLink.provider_id).in_(ids))
            .group_by(col(ProviderLink.provider_id))
        ).all()
    )
    return [
        ProviderPublic.model_validate(
            {
                **p.model_dump(),
                "webhook_url": webhook_url(base_url, p.id),
                "linked_people": counts.get(p.id, 0),
            }
        )
        for p in providers
    ]


def provider_detail(
    session: Session, principal: Principal, provider: Provider, base_url: str
) -> ProviderDetail:
    public = to_public(session, [provider], base_url)[0]
    live = _live_secrets(session, [provider.id])
    secrets_public = [
        SecretPublic(
            id=s.id,
            created_at=s.created_at,
            expires_at=s.expires_at,
            status="current" if s.expires_at is None else "retiring",
        )
        for s in live
    ]
    return ProviderDetail.model_validate(
        {
            **public.model_dump(),
            "secrets": secrets_public,
            "can": policy.provider_can(principal, provider),
        }
    )


def _admin_trust(principal: Principal) -> uuid.UUID:
    if not principal.is_user or policy.MANAGE not in principal.scopes:
        raise NotFound("Providers are registered by the trust's admins.")
    if principal.trust_id in principal.admin_trust_ids:
        return principal.trust_id
    return sorted(principal.admin_trust_ids)[0]


def create_provider(
    session: Session, principal: Principal, name: str, kind: ProviderKind | str
) -> tuple[Provider, str]:
    """A provider of the admin's trust and its first signing secret (`whsec_...`), which the
    caller shows once."""
    provider = Provider(
        trust_id=_admin_trust(principal),
        name=name,
        kind=ProviderKind(kind),
        created_by=principal.id,
    )
    secret = new_signing_secret()
    session.add(provider)
    session.add(
        ProviderSecret(provider_id=provider.id, signing_secret=secret, created_by=principal.id)
    )
    audit.record(
        session,
        principal,
        "provider.created",
        object_type="provider",
        object_id=provider.id,
        trust_id=provider.trust_id,
        changes={"name": name, "kind": provider.kind},
    )
    session.flush()
    return provider, secret


def update_provider(
    session: Session, principal: Principal, provider_id: uuid.UUID, changes: dict
) -> Provider:
    provider = get_provider(session, principal, provider_id)
    if changes:
        audit.apply_changes(
            session,
            principal,
            provider,
            changes,
            object_type="provider",
            trust_id=provider.trust_id,
        )
        session.flush()
    return provider


def rotate_secret(
    session: Session,
    principal: Principal,
    provider_id: uuid.UUID,
    overlap_hours: int = DEFAULT_OVERLAP_HOURS,
) -> tuple[Provider, str, datetime | None]:
    """A new secret; the ones before it keep verifying for `overlap_hours` (never longer than
    they already would), then stop. Answers the provider, the new secret, and when the old
    ones stop."""
    provider = get_provider(session, principal, provider_id)
    now = utcnow()
    until = now + timedelta(hours=overlap_hours)
    previous: datetime | None = None
    for old in _live_secrets(session, [provider.id]):
        old.expires_at = min(old.expires_at, until) if old.expires_at else until
        previous = max(previous, old.expires_at) if previous else old.expires_at
        session.add(old)
    secret = new_signing_secret()
    session.add(
        ProviderSecret(provider_id=provider.id, signing_secret=secret, created_by=principal.id)
    )
    audit.record(
        session,
        principal,
        "provider.secret_rotated",
        object_type="provider",
        object_id=provider.id,
        trust_id=provider.trust_id,
        changes={"overlap_hours": overlap_hours, "previous_expires_at": previous},
    )
    session.flush()
    return provider, secret, previous


def set_disabled(
    session: Session, principal: Principal, provider_id: uuid.UUID, disabled: bool
) -> Provider:
    provider = get_provider(session, principal, provider_id)
    if disabled == (provider.disabled_at is not None):
        state = "disabled" if disabled else "enabled"
        raise Conflict(f"This provider is already {state}.")
    provider.disabled_at = utcnow() if disabled else None
    provider.updated_at = utcnow()
    session.add(provider)
    audit.record(
        session,
        principal,
        "provider.disabled" if disabled else "provider.enabled",
        object_type="provider",
        object_id=provider.id,
        trust_id=provider.trust_id,
    )
    session.flush()
    return provider


# --- linked people -----------------------------------------------------------------------


def links_query(
    session: Session, principal: Principal, provider_id: uuid.UUID
) -> SelectOfScalar[ProviderLink]:
    get_provider(session, principal, provider_id)
    return (
        select(ProviderLink)
        .join(User, col(User.id) == ProviderLink.user_id)
        .where(ProviderLink.provider_id == provider_id)
        .order_by(col(User.full_name), col(User.id))
    )


def linked_people(session: Session, links: list[ProviderLink]) -> list[LinkedPerson]:
    ids = [link.user_id for link in links]
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(ids))).all()}
    roles: dict[uuid.UUID, set[str]] = {i: set() for i in ids}
    for user_id, role in session.exec(
        select(Membership.user_id, Membership.role).where(
            col(Membership.user_id).in_(ids), col(Membership.role).in_(LINKABLE_ROLES)
        )
    ).all():
        roles[user_id].add(Role(role).value)
    return [
        LinkedPerson(
            user_id=link.user_id,
            full_name=users[link.user_id].full_name,
            email=users[link.user_id].email,
            trn=users[link.user_id].trn,
            roles=cast(list[Literal["mentor", "mentee"]], sorted(roles[link.user_id])),
            linked_at=link.created_at,
        )
        for link in links
    ]


def link_people(
    session: Session, principal: Principal, provider_id: uuid.UUID, user_ids: list[uuid.UUID]
) -> list[ProviderLink]:
    """Links mentors and mentees of the provider's trust to it (one provider per person: a
    person linked elsewhere moves here). Anyone else named is refused, and nothing changes."""
    provider = get_provider(session, principal, provider_id)
    wanted = list(dict.fromkeys(user_ids))
    eligible = set(
        session.exec(
            select(Membership.user_id).where(
                col(Membership.user_id).in_(wanted),
                Membership.trust_id == provider.trust_id,
                col(Membership.role).in_(LINKABLE_ROLES),
            )
        ).all()
    )
    refused = [u for u in wanted if u not in eligible]
    if refused:
        message = "Only mentors and mentees of the provider's trust can be linked to it."
        raise Unprocessable(
            message,
            errors=[
                FieldProblem(field="user_ids", detail=f"not a mentor or mentee of the trust: {u}")
                for u in refused
            ],
        )
    existing = {
        link.user_id: link
        for link in session.exec(
            select(ProviderLink).where(col(ProviderLink.user_id).in_(wanted))
        ).all()
    }
    linked = []
    for user_id in wanted:
        link = existing.get(user_id)
        if link is not None and link.provider_id == provider.id:
            linked.append(link)
            continue
        previous = link.provider_id if link else None
        if link is None:
            link = ProviderLink(provider_id=provider.id, user_id=user_id, created_by=principal.id)
        else:
            link.provider_id, link.created_by, link.created_at = provider.id, principal.id, utcnow()
        session.add(link)
        audit.record(
            session,
            principal,
            "provider_link.created",
            object_type="provider",
            object_id=provider.id,
            trust_id=provider.trust_id,
            changes={"user_id": user_id, "previous_provider_id": previous},
        )
        linked.append(link)
    session.flush()
    return linked


def unlink(
    session: Session, principal: Principal, provider_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    provider = get_provider(session, principal, provider_id)
    link = first_visible(
        session,
        select(ProviderLink).where(
            ProviderLink.provider_id == provider.id, ProviderLink.user_id == user_id
        ),
        "link to this provider for the person",
        user_id,
    )
    session.delete(link)
    audit.record(
        session,
        principal,
        "provider_link.removed",
        object_type="provider",
        object_id=provider.id,
        trust_id=provider.trust_id,
        changes={"user_id": user_id},
    )
    session.flush()


def provider_of(session: Session, user_id: uuid.UUID) -> Provider | None:
    """The provider a person is linked to, if any (for other domains: no principal check)."""
    return session.exec(
        select(Provider)
        .join(ProviderLink, col(ProviderLink.provider_id) == Provider.id)
        .where(ProviderLink.user_id == user_id)
    ).first()


# --- the delivery log --------------------------------------------------------------------


def deliveries_query(
    principal: Principal,
    *,
    provider_id: uuid.UUID | None = None,
    outcome: DeliveryOutcome | None = None,
) -> SelectOfScalar[WebhookDelivery]:
    query = select(WebhookDelivery).where(policy.visible_deliveries(principal))
    if provider_id is not None:
        query = query.where(WebhookDelivery.provider_id == provider_id)
    if outcome is not None:
        query = query.where(WebhookDelivery.outcome == outcome)
    return query.order_by(col(WebhookDelivery.received_at).desc(), col(WebhookDelivery.id))


def _provider_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.exec(select(Provider.id, Provider.name).where(col(Provider.id).in_(ids)))
    return {provider_id: name for provider_id, name in rows.all()}


def deliveries_public(session: Session, rows: list[WebhookDelivery]) -> list[DeliveryPublic]:
    names = _provider_names(session, {r.provider_id for r in rows})
    return [
        DeliveryPublic.model_validate({**r.model_dump(), "provider_name": names[r.provider_id]})
        for r in rows
    ]


def get_delivery(
    session: Session, principal: Principal, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, Provider]:
    row = first_visible(
        session,
        select(WebhookDelivery, Provider)
        .join(Provider, col(Provider.id) == WebhookDelivery.provider_id)
        .where(WebhookDelivery.id == delivery_id, policy.visible_deliveries(principal)),
        "delivery",
        delivery_id,
    )
    return row[0], row[1]


def delivery_detail(
    principal: Principal, delivery: WebhookDelivery, provider: Provider
) -> DeliveryDetail:
    return DeliveryDetail.model_validate(
        {
            **delivery.model_dump(),
            "provider_name": provider.name,
            "can": policy.delivery_can(principal, provider, delivery),
        }
    )


def reprocess(
    session: Session, principal: Principal, delivery_id: uuid.UUID
) -> tuple[WebhookDelivery, Provider]:
    """Processes a rejected or failed delivery again (after a fix), once: the same event is
    published again, and the delivery takes the new outcome."""
    delivery, provider = get_delivery(session, principal, delivery_id)
    if not policy.may_reprocess(principal, provider, delivery):
        if delivery.reprocessed_at is not None:
            raise Conflict("This delivery has already been processed again; that happens once.")
        raise Conflict("Only a rejected or failed delivery can be processed again.")
    before = delivery.outcome
    delivery.reprocessed_at, delivery.reprocessed_by = utcnow(), principal.id
    delivery.reason, delivery.effects = None, []
    _process(session, provider, delivery)
    session.add(delivery)
    audit.record(
        session,
        principal,
        "webhook_delivery.reprocessed",
        object_type="webhook_delivery",
        object_id=delivery.id,
        trust_id=provider.trust_id,
        changes={"outcome_before": before, "outcome": delivery.outcome},
    )
    session.flush()
    return delivery, provider


# --- the receiver ------------------------------------------------------------------------


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: str
    timestamp: AwareDatetime
    data: ItemData


def _not_verified() -> Unauthorized:
    return Unauthorized(NOT_VERIFIED, slug="webhook-not-verified")


def _usable_signatures(value: str) -> str:
    """The `v1,<base64>` entries of a signature header, so that one garbled entry beside a
    good one does not spoil it (the library stops at the first entry it cannot split)."""
    kept = []
    for entry in value.split(" "):
        version, comma, signature = entry.partition(",")
        if version != "v1" or not comma or not signature or "," in signature:
            continue
        try:
            base64.b64decode(signature, validate=True)
        except ValueError:
            continue
        kept.append(entry)
    return " ".join(kept)


@lru_cache(maxsize=256)
def _signer(secret: str) -> Webhook:
    """A secret's verifier, its key decoded once: a function of the secret's value alone, so
    a rotated or retired secret (no longer read for its provider) is simply not asked."""
    return Webhook(secret)


def _signature_matches(secret: str, body: bytes, headers: Mapping[str, str]) -> bool:
    try:
        _signer(secret).verify(body, dict(headers), json_parse=False)
    except Exception:  # noqa: BLE001 - any way a header is garbled is the same failure
        return False
    return True


@dataclass
class Arrival:
    """A delivery as the receiver records it: a row of `webhook_deliveries`, written with one
    prepared insert rather than through the ORM (the receiver's hot path)."""

    id: uuid.UUID
    webhook_id: str
    body: str
    outcome: DeliveryOutcome = DeliveryOutcome.processed
    type: str = ""
    sent_at: datetime | None = None
    reason: str | None = None
    effects: list[str] = field(default_factory=list)
    duplicate_of: uuid.UUID | None = None


@dataclass(frozen=True)
class Sender:
    """The verified provider of a delivery: what the receiver needs of it."""

    id: uuid.UUID
    trust_id: uuid.UUID


_PROVIDERS = cast(Table, Provider.__table__)  # type: ignore[attr-defined]
_SECRETS = cast(Table, ProviderSecret.__table__)  # type: ignore[attr-defined]
_DELIVERIES = cast(Table, WebhookDelivery.__table__)  # type: ignore[attr-defined]
# Built once, so each delivery reuses the compiled statements. The provider is read afresh on
# every delivery, in the delivery's own transaction: a disable or a rotation committed by any
# process is seen by the next delivery, with no cache to invalidate. Whether a secret is still
# live is decided against the clock here, so a retired secret stops at its `expires_at`.
_SENDER = (
    sa_select(
        _PROVIDERS.c.trust_id,
        _PROVIDERS.c.disabled_at,
        _SECRETS.c.signing_secret,
        _SECRETS.c.expires_at,
    )
    .select_from(_PROVIDERS.outerjoin(_SECRETS, _SECRETS.c.provider_id == _PROVIDERS.c.id))
    .where(_PROVIDERS.c.id == bindparam("provider_id"))
)
_INSERT_DELIVERY = _DELIVERIES.insert()
_SETTLE_DELIVERY = (
    _DELIVERIES.update()
    .where(_DELIVERIES.c.id == bindparam("delivery_id"))
    .values(
        outcome=bindparam("new_outcome"),
        reason=bindparam("new_reason"),
        effects=bindparam("new_effects"),
    )
)
# The same predicate as the partial unique index `uq_webhook_deliveries_first`.
_FIRST_ARRIVALS = text("outcome != 'duplicate'")


@cache
def _claim_statement(dialect: str) -> Insert:
    """The first arrival's insert: it does nothing when the (provider, webhook-id) is taken.
    On PostgreSQL it waits for a concurrent transaction holding the same key, then does nothing
    if that one committed (so the repeat becomes its duplicate) or inserts if it rolled back."""
    return insert_unless_taken(
        dialect, _DELIVERIES, ("provider_id", "webhook_id"), _FIRST_ARRIVALS
    ).returning(_DELIVERIES.c.id)


def _verified_sender(
    connection: Connection, provider_ref: str, headers: Mapping[str, str], body: bytes
) -> Sender:
    """The provider, once the signature is verified with one of its live secrets."""
    try:
        provider_id = uuid.UUID(provider_ref)
    except ValueError:
        raise _not_verified() from None
    webhook_id = headers.get("webhook-id", "")
    if not webhook_id or len(webhook_id) > MAX_WEBHOOK_ID:
        raise _not_verified()
    signatures = _usable_signatures(headers.get("webhook-signature", ""))
    if not signatures:
        raise _not_verified()
    rows = connection.execute(_SENDER, {"provider_id": provider_id}).all()
    if not rows or rows[0].disabled_at is not None:
        raise _not_verified()
    now = utcnow()
    live = [
        row.signing_secret
        for row in rows
        if row.signing_secret and (row.expires_at is None or row.expires_at > now)
    ]
    headers = {**headers, "webhook-signature": signatures}
    if not any(_signature_matches(secret, body, headers) for secret in live):
        raise _not_verified()
    return Sender(id=provider_id, trust_id=rows[0].trust_id)


def _first_arrival(
    session: Session, provider_id: uuid.UUID, webhook_id: str
) -> WebhookDelivery | None:
    return session.exec(
        select(WebhookDelivery).where(
            WebhookDelivery.provider_id == provider_id,
            WebhookDelivery.webhook_id == webhook_id,
            WebhookDelivery.outcome != DeliveryOutcome.duplicate,
        )
    ).first()


def _row(sender: Sender, arrival: Arrival) -> dict[str, Any]:
    return {
        "id": arrival.id,
        "provider_id": sender.id,
        "webhook_id": arrival.webhook_id,
        "received_at": utcnow(),
        "type": arrival.type,
        "sent_at": arrival.sent_at,
        "outcome": arrival.outcome,
        "reason": arrival.reason,
        "duplicate_of": arrival.duplicate_of,
        "effects": list(arrival.effects),
        "body": arrival.body,
    }


def receive(
    session: Session, provider_ref: str, headers: Mapping[str, str], body: bytes
) -> Arrival:
    """Verifies, records and applies one delivery; answers the recorded delivery (its outcome
    says how the receiver answers). Raises the generic 401 when it cannot be verified."""
    headers = {k.lower(): v for k, v in headers.items()}
    connection = session.connection()
    sender = _verified_sender(connection, provider_ref, headers, body)
    arrival = Arrival(id=uuid.uuid4(), webhook_id=headers["webhook-id"], body=body.decode())
    event = _parse(sender, arrival)
    handled = event is not None and bool(events.handlers_for(ProviderItemReceived))
    # The claim, before any effect: unique among first arrivals. A repeat, even one racing
    # this one, inserts nothing and is recorded as a duplicate of the first.
    claim = _claim_statement(connection.dialect.name)
    if connection.execute(claim, _row(sender, arrival)).first() is None:
        first = _first_arrival(session, sender.id, arrival.webhook_id)
        if first is None:  # the key was taken, so the first arrival exists
            raise RuntimeError("a delivery's first arrival could not be found")
        return _duplicate(session, sender, first, arrival)
    if handled and event is not None:
        _apply(session, arrival, event)
        connection.execute(
            _SETTLE_DELIVERY,
            {
                "delivery_id": arrival.id,
                "new_outcome": arrival.outcome,
                "new_reason": arrival.reason,
                "new_effects": arrival.effects,
            },
        )
    _audit_received(session, sender, arrival)
    return arrival


def _duplicate(
    session: Session, sender: Sender, first: WebhookDelivery, arrival: Arrival
) -> Arrival:
    repeat = Arrival(
        id=arrival.id,
        webhook_id=first.webhook_id,
        type=first.type,
        sent_at=first.sent_at,
        outcome=DeliveryOutcome.duplicate,
        reason="Already received: processed once, on its first arrival.",
        duplicate_of=first.id,
        body=arrival.body if arrival.body != first.body else "",
    )
    session.connection().execute(_INSERT_DELIVERY, _row(sender, repeat))
    _audit_received(session, sender, repeat)
    return repeat


def _audit_received(
    session: Session, provider: Sender | Provider, delivery: Arrival | WebhookDelivery
) -> None:
    audit.write(
        session,
        None,
        "webhook_delivery.received",
        object_type="webhook_delivery",
        object_id=delivery.id,
        trust_id=provider.trust_id,
        changes={
            "provider_id": provider.id,
            "webhook_id": delivery.webhook_id,
            "type": delivery.type,
            "outcome": delivery.outcome,
        },
    )


def _reason_from(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem.get("loc", ())) or "body"
        parts.append(f"{where}: {problem['msg']}")
    return "Invalid " + "; ".join(parts)


def _settle(
    delivery: Arrival | WebhookDelivery, outcome: DeliveryOutcome, reason: str | None
) -> None:
    delivery.outcome = outcome
    delivery.reason = reason[:MAX_REASON] if reason else None


def _process(session: Session, provider: Provider, delivery: WebhookDelivery) -> None:
    """Parses the stored body and hands it to the handlers; sets the delivery's outcome."""
    event = _parse(provider, delivery)
    if event is not None:
        _apply(session, delivery, event)


def _parse(
    provider: Sender | Provider, delivery: Arrival | WebhookDelivery
) -> ProviderItemReceived | None:
    """The event a delivery's body stands for, or None when its outcome is settled already
    (ignored, or rejected with the reason). Touches no database."""
    try:
        payload = json.loads(delivery.body)
    except ValueError:
        _settle(delivery, DeliveryOutcome.rejected, "The body is not JSON.")
        return None
    kind = payload.get("type") if isinstance(payload, dict) else None
    if not isinstance(kind, str) or not kind:
        _settle(
            delivery,
            DeliveryOutcome.rejected,
            'The body must be a JSON object with "type", "timestamp" and "data".',
        )
        return None
    delivery.type = kind[:100]
    if kind not in KNOWN_TYPES:
        _settle(delivery, DeliveryOutcome.ignored, f"Unknown type {kind[:100]!r}: nothing done.")
        return None
    try:
        envelope = _Envelope.model_validate(payload)
    except ValidationError as exc:
        _settle(delivery, DeliveryOutcome.rejected, _reason_from(exc))
        return None
    delivery.sent_at = envelope.timestamp
    item_kind, _, action = kind.partition(".")
    _settle(delivery, DeliveryOutcome.processed, None)
    return ProviderItemReceived(
        provider_id=provider.id,
        trust_id=provider.trust_id,
        delivery_id=delivery.id,
        kind=cast(Literal["course_date", "deadline"], item_kind),
        action=cast(Literal["created", "updated", "cancelled"], action),
        sent_at=envelope.timestamp,
        data=envelope.data,
    )


def _apply(
    session: Session, delivery: Arrival | WebhookDelivery, event: ProviderItemReceived
) -> None:
    """Publishes the event inside a savepoint: a handler that refuses the item (or fails)
    undoes its own effects only, and the delivery keeps why."""
    try:
        with session.begin_nested():
            events.publish(session, event)
            session.flush()
    except InvalidItem as exc:
        _settle(delivery, DeliveryOutcome.rejected, exc.reason)
        return
    except Exception:
        logger.exception("a provider delivery's handler failed", extra={"delivery": delivery.id})
        _settle(
            delivery,
            DeliveryOutcome.failed,
            "It could not be applied because of an error on our side; it can be processed "
            "again once that is fixed.",
        )
        return
    delivery.effects = list(event.outcome.effects)
    if event.outcome.ignored_because:
        _settle(delivery, DeliveryOutcome.ignored, event.outcome.ignored_because)
    else:
        _settle(delivery, DeliveryOutcome.processed, None)
