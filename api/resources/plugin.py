"""What the resource library plugs in at start-up: who reads the audit events about it."""

from api.audit import service as audit
from api.resources import policy


def register() -> None:
    audit.register_visibility("resource", policy.resources_seen)
