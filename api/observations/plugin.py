"""What observations plug in at start-up: a calendar source, a to-do source, what a pairing's
end calls off, and who reads the audit events about observations and targets."""

from api.audit import service as audit
from api.core import events
from api.measures.sources import register_measure_source
from api.mentoring.events import PairingEnded
from api.observations import policy
from api.observations.calendar import ObservationCalendar
from api.observations.measures import ObservationMeasures
from api.observations.service import cancel_after_pairing_end
from api.observations.todos import observation_todos
from api.scheduling.sources import register_calendar_source
from api.todos.sources import register_todo_source


def register() -> None:
    register_measure_source(ObservationMeasures())
    register_calendar_source(ObservationCalendar())
    register_todo_source("observations", observation_todos)
    events.subscribe(PairingEnded, cancel_after_pairing_end)
    audit.register_visibility("observation", policy.observations_seen)
    audit.register_visibility("target", policy.targets_seen)
