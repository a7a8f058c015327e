"""Wellbeing's to-dos: a request to talk, on the home of whoever it goes to (a mentee's mentor;
for a mentor, the school's wellbeing lead), until they follow it up. The text names the person
and the day; never their scores or note."""

from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.wording import human_date
from api.org.models import User
from api.todos.sources import Todo
from api.wellbeing import service
from api.wellbeing.models import WellbeingCheckIn
from api.wellbeing.policy import may_follow_up, relation


def wellbeing_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user:
        return []
    viewer = service.Viewer(session, principal)
    rows = session.exec(
        service.check_ins_query(viewer, open_talk_requests=True).where(
            WellbeingCheckIn.subject_id != principal.id
        )
    ).all()
    rows = [
        r
        for r in rows
        if may_follow_up(
            principal, r, relation(principal, r, viewer.lead_schools), viewer.is_mentor(r)
        )
    ]
    names = dict(
        session.exec(
            select(User.id, User.full_name).where(col(User.id).in_({r.subject_id for r in rows}))
        ).all()
    )
    return [
        Todo(
            "wellbeing.to_talk",
            f"{names.get(r.subject_id, 'Someone')} would like to talk "
            f"(checked in on {human_date(r.checked_in_on)}).",
            "wellbeing_check_in",
            r.id,
            r.checked_in_on,
        )
        for r in rows
    ]
