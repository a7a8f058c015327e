"""What providers plug in at start-up: who reads the audit events about providers and their
deliveries. The receiver publishes `ProviderItemReceived`; the domains that apply deliveries
subscribe to it in their own plug-ins."""

from api.audit import service as audit
from api.providers import policy


def register() -> None:
    audit.register_visibility("provider", policy.visible_provider_ids)
    audit.register_visibility("webhook_delivery", policy.visible_delivery_ids)
