"""Gathers every registered to-do source for the person asking. No HTTP here."""

from datetime import date

from sqlmodel import Session

from api.auth.principals import Principal
from api.todos.schemas import TodoPublic
from api.todos.sources import TODO_GROUPS, todo_sources


def todos_for(session: Session, principal: Principal) -> list[TodoPublic]:
    """Overdue first, then what to do now, then what is coming up; in each group dated to-dos
    first, soonest first, and undated ones after, in the order sources give them."""
    found = [todo for source in todo_sources() for todo in source(session, principal)]
    found.sort(key=lambda t: (TODO_GROUPS.index(t.group), t.due_on is None, t.due_on or date.min))
    return [
        TodoPublic(
            kind=t.kind,
            text=t.text,
            due_on=t.due_on,
            target_type=t.target_type,
            target_id=t.target_id,
            group=t.group,
        )
        for t in found
    ]
