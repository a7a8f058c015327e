"""What training plugs in at start-up: a measure source, a calendar source, a to-do source, the
handler for the providers domain's deliveries, and who reads the audit events about training."""

from api.audit import service as audit
from api.core import events
from api.measures.sources import register_measure_source
from api.providers.events import ProviderItemReceived
from api.scheduling.sources import register_calendar_source
from api.todos.sources import register_todo_source
from api.training import policy
from api.training.calendar import TrainingCalendar
from api.training.measures import TrainingMeasures
from api.training.service import apply_provider_item
from api.training.todos import training_todos


def register() -> None:
    register_measure_source(TrainingMeasures())
    register_calendar_source(TrainingCalendar())
    register_todo_source("training", training_todos)
    events.subscribe(ProviderItemReceived, apply_provider_item)
    audit.register_visibility("training_item", policy.items_seen)
    audit.register_visibility("cover_request", policy.cover_seen)
