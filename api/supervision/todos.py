"""Supervision's to-dos: for the lead, sessions to record; for both, the coming week's. One
query."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_time
from api.org.models import School, User
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.todos.sources import Todo

REMINDER_DAYS = 28


def supervision_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user or "supervision:read" not in principal.scopes:
        return []
    now, me = utcnow(), principal.id
    mentor, supervisor = aliased(User), aliased(User)
    rows = session.exec(
        select(SupervisionSession, School.timezone, mentor.full_name, supervisor.full_name)
        .join(School, col(School.id) == SupervisionSession.school_id)
        .join(mentor, col(mentor.id) == SupervisionSession.mentor_id)
        .join(supervisor, col(supervisor.id) == SupervisionSession.supervisor_id)
        .where(
            or_(SupervisionSession.mentor_id == me, SupervisionSession.supervisor_id == me),
            SupervisionSession.status == SupervisionStatus.scheduled,
            SupervisionSession.starts_at >= now - timedelta(days=REMINDER_DAYS),
            SupervisionSession.starts_at < now + timedelta(days=7),
        )
        .order_by(col(SupervisionSession.starts_at))
    ).all()
    todos = []
    for s, timezone, mentor_name, supervisor_name in rows:
        local = s.starts_at.astimezone(ZoneInfo(timezone))
        when = human_time(local)
        if s.supervisor_id == me and s.starts_at <= now:
            todos.append(
                Todo(
                    "supervision.to_record",
                    f"Record your supervision with {mentor_name} on {when}.",
                    "supervision",
                    s.id,
                    local.date(),
                )
            )
        elif s.starts_at > now:
            other = mentor_name if s.supervisor_id == me else supervisor_name
            todos.append(
                Todo(
                    "supervision.upcoming",
                    f"Supervision with {other} on {when}.",
                    "supervision",
                    s.id,
                    local.date(),
                    group="coming_up",
                )
            )
    return todos
