"""Who sees and who may act on providers and their deliveries: the admins of the provider's
trust, with `providers:manage`. Nobody else sees them at all (another trust's provider is a 404);
the receiver needs no principal, the signature is its credential."""

import uuid

from sqlalchemy import ColumnElement, false
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.providers.models import DeliveryOutcome, Provider, WebhookDelivery
from api.providers.schemas import DeliveryCan, ProviderCan

MANAGE = "providers:manage"
REPROCESSABLE = frozenset({DeliveryOutcome.rejected, DeliveryOutcome.failed})


def visible_providers(principal: Principal) -> ColumnElement[bool]:
    if not principal.is_user or MANAGE not in principal.scopes or not principal.admin_trust_ids:
        return false()
    return col(Provider.trust_id).in_(principal.admin_trust_ids)


def visible_provider_ids(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(Provider.id).where(visible_providers(principal))


def visible_deliveries(principal: Principal) -> ColumnElement[bool]:
    return col(WebhookDelivery.provider_id).in_(visible_provider_ids(principal))


def may_manage(principal: Principal, provider: Provider) -> bool:
    return MANAGE in principal.scopes and provider.trust_id in principal.admin_trust_ids


def may_reprocess(principal: Principal, provider: Provider, delivery: WebhookDelivery) -> bool:
    return (
        may_manage(principal, provider)
        and delivery.outcome in REPROCESSABLE
        and delivery.reprocessed_at is None
    )


def provider_can(principal: Principal, provider: Provider) -> ProviderCan:
    manage = may_manage(principal, provider)
    live = provider.disabled_at is None
    return ProviderCan(
        edit=manage,
        rotate_secret=manage,
        disable=manage and live,
        enable=manage and not live,
        link_people=manage,
    )


def delivery_can(
    principal: Principal, provider: Provider, delivery: WebhookDelivery
) -> DeliveryCan:
    return DeliveryCan(reprocess=may_reprocess(principal, provider, delivery))


def visible_delivery_ids(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(WebhookDelivery.id).where(visible_deliveries(principal))
