"""What meetings plug in at start-up: a calendar source, a to-do source, event handlers and
who reads the audit events about meetings."""

from api.audit import service as audit
from api.core import events
from api.measures.sources import register_measure_source
from api.meetings import policy
from api.meetings.calendar import MeetingCalendar
from api.meetings.closures import closure_todos, note_meetings_on_new_closure
from api.meetings.measures import MeetingMeasures
from api.meetings.service import stop_after_pairing_end
from api.meetings.todos import meeting_todos
from api.mentoring.events import PairingEnded
from api.org.events import ClosureAdded
from api.scheduling.sources import register_calendar_source
from api.todos.sources import register_todo_source


def register() -> None:
    register_measure_source(MeetingMeasures())
    register_calendar_source(MeetingCalendar())
    register_todo_source("meetings", meeting_todos)
    register_todo_source("meeting_closures", closure_todos)
    events.subscribe(PairingEnded, stop_after_pairing_end)
    events.subscribe(ClosureAdded, note_meetings_on_new_closure)
    audit.register_visibility("meeting", policy.meetings_seen)
    audit.register_visibility("protected_slot", policy.slots_seen)
    audit.register_visibility("agenda_item", policy.agenda_items_read)
    audit.register_visibility("meeting_action", policy.actions_read)
