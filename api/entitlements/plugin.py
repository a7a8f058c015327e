"""What entitlements plug in at start-up: the recorded provisions as a measure source, the
early warnings on a lead's home, and who reads the audit events about policies and provisions.

Compliance itself asks every registered measure source (`api.measures.sources`); a domain that
measures something new (training hours, say) registers its source from its own plug-in."""

from api.audit import service as audit
from api.entitlements import policy
from api.entitlements.measures import RecordedProvisions
from api.entitlements.todos import entitlement_todos
from api.measures.sources import register_measure_source
from api.todos.sources import register_todo_source


def register() -> None:
    register_measure_source(RecordedProvisions())
    register_todo_source("entitlements", entitlement_todos)
    audit.register_visibility("entitlement_policy", policy.policies_seen)
    audit.register_visibility("entitlement_provision", policy.provisions_seen)
