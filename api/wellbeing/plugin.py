"""What wellbeing plugs in at start-up: a to-do source (requests to talk), and who reads the
audit events about check-ins (nobody who reads the audit log: trust admins never see one)."""

from api.audit import service as audit
from api.measures.sources import register_measure_source
from api.todos.sources import register_todo_source
from api.wellbeing import policy
from api.wellbeing.measures import WellbeingMeasures
from api.wellbeing.todos import wellbeing_todos


def register() -> None:
    register_measure_source(WellbeingMeasures())
    register_todo_source("wellbeing", wellbeing_todos)
    audit.register_visibility("wellbeing_check_in", policy.check_ins_seen)
