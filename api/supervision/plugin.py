"""What supervision plugs in at start-up: a calendar source, a to-do source, and who reads the
audit events about supervision sessions."""

from api.audit import service as audit
from api.measures.sources import register_measure_source
from api.scheduling.sources import register_calendar_source
from api.supervision import policy
from api.supervision.calendar import SupervisionCalendar
from api.supervision.measures import SupervisionMeasures
from api.supervision.todos import supervision_todos
from api.todos.sources import register_todo_source


def register() -> None:
    register_measure_source(SupervisionMeasures())
    register_calendar_source(SupervisionCalendar())
    register_todo_source("supervision", supervision_todos)
    audit.register_visibility("supervision", policy.sessions_seen)
