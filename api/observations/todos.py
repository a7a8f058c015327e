"""Observations' to-dos: records to write, records to share, reflections to write, and the
observations of the coming week."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_time
from api.observations.models import Observation, ObservationStatus
from api.org.models import School, User
from api.todos.sources import Todo

# How far back an unwritten record is still worth a reminder.
REMINDER_DAYS = 56


def observation_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user:
        return []
    now = utcnow()
    me = principal.id
    rows = session.exec(
        select(Observation, School.timezone)
        .join(School, col(School.id) == Observation.school_id)
        .where(
            or_(
                Observation.observer_id == me,
                Observation.mentee_id == me,
                Observation.mentor_id == me,
            ),
            col(Observation.status).in_(
                (ObservationStatus.scheduled, ObservationStatus.completed, ObservationStatus.shared)
            ),
            Observation.starts_at >= now - timedelta(days=REMINDER_DAYS),
            Observation.starts_at < now + timedelta(days=7),
        )
        .order_by(col(Observation.starts_at))
    ).all()
    names = dict(
        session.exec(
            select(User.id, User.full_name).where(
                col(User.id).in_({p for o, _ in rows for p in (o.mentee_id, o.observer_id)})
            )
        ).all()
    )
    todos = []
    for o, timezone in rows:
        when = human_time(o.starts_at.astimezone(ZoneInfo(timezone)))
        mentee, observer = names.get(o.mentee_id, "a mentee"), names.get(o.observer_id, "")
        todo = None
        if o.status == ObservationStatus.scheduled and o.observer_id == me:
            if o.starts_at <= now:
                todo = ("to_record", f"Write up your observation of {mentee} on {when}.")
            else:
                todo = (
                    "upcoming",
                    f"You observe {mentee} ({o.subject}, {o.class_name}) on {when}.",
                )
        elif o.status == ObservationStatus.scheduled and o.mentee_id == me and o.starts_at > now:
            todo = ("upcoming", f"{observer} observes your lesson on {when}.")
        elif o.status == ObservationStatus.completed and o.mentor_id == me != o.observer_id:
            todo = ("to_share", f"Share {observer}'s observation of {mentee} on {when}.")
        elif o.status == ObservationStatus.completed and o.observer_id == me:
            todo = ("to_share", f"Share your observation of {mentee} on {when}.")
        elif o.status == ObservationStatus.shared and o.mentee_id == me and not o.reflection:
            todo = ("to_reflect", f"Reflect on {observer}'s observation of your lesson on {when}.")
        if todo:
            todos.append(
                Todo(
                    f"observation.{todo[0]}",
                    todo[1],
                    "observation",
                    o.id,
                    o.observed_on,
                    group="coming_up" if todo[0] == "upcoming" else "to_do",
                )
            )
    return todos
