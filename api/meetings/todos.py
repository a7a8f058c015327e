"""Meetings' to-dos: records to write, and the meetings of the coming week."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.meetings.models import Meeting, MeetingStatus
from api.meetings.records import record_keeper_id
from api.mentoring.models import Pairing
from api.org.models import School, User
from api.todos.sources import Todo

# How far back an unwritten record is still worth a reminder.
RECORD_REMINDER_DAYS = 56


def meeting_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user:
        return []
    now = utcnow()
    rows = session.exec(
        select(Meeting, Pairing, School.timezone)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .join(School, col(School.id) == Pairing.school_id)
        .where(
            or_(Pairing.mentor_id == principal.id, Pairing.mentee_id == principal.id),
            Meeting.status == MeetingStatus.scheduled,
            Meeting.starts_at >= now - timedelta(days=RECORD_REMINDER_DAYS),
            Meeting.starts_at < now + timedelta(days=7),
        )
        .order_by(col(Meeting.starts_at))
    ).all()
    partners = {p.mentee_id if p.mentor_id == principal.id else p.mentor_id for _, p, _ in rows}
    names = dict(
        session.exec(select(User.id, User.full_name).where(col(User.id).in_(partners))).all()
    )
    keepers = {p.id: record_keeper_id(session, p) for _, p, _ in rows}
    todos = []
    for meeting, pairing, zone in rows:
        partner = pairing.mentee_id if pairing.mentor_id == principal.id else pairing.mentor_id
        local = meeting.starts_at.astimezone(ZoneInfo(zone))
        when = f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"
        with_whom = names.get(partner, "your partner")
        if meeting.ends_at <= now and keepers[pairing.id] == principal.id:
            todos.append(
                Todo(
                    "meeting.to_record",
                    f"Write the record of your meeting with {with_whom} on {when}.",
                    "meeting",
                    meeting.id,
                    meeting.occurrence_date,
                )
            )
        elif meeting.starts_at > now:
            todos.append(
                Todo(
                    "meeting.upcoming",
                    f"Your protected meeting with {with_whom} is on {when}.",
                    "meeting",
                    meeting.id,
                    meeting.occurrence_date,
                )
            )
    return todos
