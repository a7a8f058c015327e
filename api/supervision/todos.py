"""Supervision's to-dos: for the lead, sessions to record; for both, the coming week's."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_time
from api.org.models import School, User
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.todos.sources import Todo

REMINDER_DAYS = 28


def supervision_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user:
        return []
    now, me = utcnow(), principal.id
    rows = session.exec(
        select(SupervisionSession, School.timezone)
        .join(School, col(School.id) == SupervisionSession.school_id)
        .where(
            or_(SupervisionSession.mentor_id == me, SupervisionSession.supervisor_id == me),
            SupervisionSession.status == SupervisionStatus.scheduled,
            SupervisionSession.starts_at >= now - timedelta(days=REMINDER_DAYS),
            SupervisionSession.starts_at < now + timedelta(days=7),
        )
        .order_by(col(SupervisionSession.starts_at))
    ).all()
    names = dict(
        session.exec(
            select(User.id, User.full_name).where(
                col(User.id).in_({p for s, _ in rows for p in (s.mentor_id, s.supervisor_id)})
            )
        ).all()
    )
    todos = []
    for s, timezone in rows:
        local = s.starts_at.astimezone(ZoneInfo(timezone))
        when = human_time(local)
        if s.supervisor_id == me and s.starts_at <= now:
            todos.append(
                Todo(
                    "supervision.to_record",
                    f"Record your supervision with {names.get(s.mentor_id, 'a mentor')} on {when}.",
                    "supervision",
                    s.id,
                    local.date(),
                )
            )
        elif s.starts_at > now:
            other = s.mentor_id if s.supervisor_id == me else s.supervisor_id
            todos.append(
                Todo(
                    "supervision.upcoming",
                    f"Supervision with {names.get(other, 'a colleague')} on {when}.",
                    "supervision",
                    s.id,
                    local.date(),
                    group="coming_up",
                )
            )
    return todos
