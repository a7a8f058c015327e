"""What mentoring plugs in at start-up: its to-do source, and who reads the audit events about
pairings and agreements."""

from api.audit import service as audit
from api.mentoring import policy
from api.mentoring.todos import agreement_todos
from api.todos.sources import register_todo_source


def register() -> None:
    register_todo_source("mentoring", agreement_todos)
    audit.register_visibility("pairing", policy.pairings_seen)
    audit.register_visibility("mentoring_agreement", policy.agreements_seen)
