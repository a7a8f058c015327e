"""Meetings' to-dos. For the pair: records to write, and the meetings of the coming week. For
a school lead, about their own schools only: pairings with no weekly slot, and the meetings of
the last seven days that were called off with no new time, recorded as missed, or not yet
recorded.

The home page asks for these on every visit, so each list is one query however many meetings
there are, with one more for the names and one for who keeps the records."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, not_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_time
from api.meetings import policy
from api.meetings.models import Meeting, MeetingStatus, ProtectedSlot
from api.meetings.records import record_keeper_ids
from api.mentoring.models import Pairing
from api.org.models import Role, School, User
from api.todos.sources import Todo

# How far back an unwritten record is still worth a reminder to the person who keeps it.
RECORD_REMINDER_DAYS = 56
# How far ahead a meeting is "coming up", and how far back a lead is told what went wrong.
WEEK = timedelta(days=7)

Mentor = aliased(User)
Mentee = aliased(User)


def meeting_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user:
        return []
    now = utcnow()
    todos = _pair_todos(session, principal, now)
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        todos += _pairings_without_slot(session, principal, lead_of)
        todos += _meetings_gone_wrong(session, principal, lead_of, now)
    return todos


def _meeting_rows(
    session: Session, *conditions: ColumnElement[bool]
) -> tuple[list[tuple[Meeting, Pairing, str]], dict[uuid.UUID, str]]:
    """Meetings with their pairing and the school's timezone, soonest first; and the names of
    everyone in those pairings."""
    rows = session.exec(
        select(Meeting, Pairing, School.timezone)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .join(School, col(School.id) == Pairing.school_id)
        .where(*conditions)
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    people = {p.mentor_id for _, p, _ in rows} | {p.mentee_id for _, p, _ in rows}
    names = (
        dict(session.exec(select(User.id, User.full_name).where(col(User.id).in_(people))).all())
        if people
        else {}
    )
    return list(rows), names


def _pair_todos(session: Session, principal: Principal, now: datetime) -> list[Todo]:
    rows, names = _meeting_rows(
        session,
        or_(col(Pairing.mentor_id) == principal.id, Pairing.mentee_id == principal.id),
        col(Meeting.status) == MeetingStatus.scheduled,
        col(Meeting.starts_at) >= now - timedelta(days=RECORD_REMINDER_DAYS),
        col(Meeting.starts_at) < now + WEEK,
    )
    keepers = record_keeper_ids(session, [pairing for _, pairing, _ in rows])
    todos = []
    for meeting, pairing, zone in rows:
        partner = pairing.mentee_id if pairing.mentor_id == principal.id else pairing.mentor_id
        with_whom = names[partner]
        local = meeting.starts_at.astimezone(ZoneInfo(zone))
        when = human_time(local)
        if meeting.ends_at <= now and keepers[pairing.id] == principal.id:
            overdue = local.date() < now.astimezone(ZoneInfo(zone)).date()
            todos.append(
                Todo(
                    "meeting.to_record",
                    f"Write the record of your meeting with {with_whom} on {when}.",
                    "meeting",
                    meeting.id,
                    meeting.occurrence_date,
                    group="overdue" if overdue else "to_do",
                )
            )
        elif meeting.starts_at > now:
            todos.append(
                Todo(
                    "meeting.upcoming",
                    f"Your meeting with {with_whom} this week is on {when}.",
                    "meeting",
                    meeting.id,
                    meeting.occurrence_date,
                    group="coming_up",
                )
            )
    return todos


def _pairings_without_slot(
    session: Session, principal: Principal, lead_of: frozenset[uuid.UUID]
) -> list[Todo]:
    """Current and coming pairings in the lead's schools with no weekly slot from today on."""
    today = date.today()
    has_slot = exists().where(
        col(ProtectedSlot.pairing_id) == Pairing.id, col(ProtectedSlot.ends_on) >= today
    )
    rows = session.exec(
        select(Pairing.id, Mentor.full_name, Mentee.full_name)
        .join(Mentor, col(Mentor.id) == Pairing.mentor_id)
        .join(Mentee, col(Mentee.id) == Pairing.mentee_id)
        .where(
            col(Pairing.school_id).in_(lead_of),
            policy.visible_meetings(principal),
            Pairing.ends_on >= today,
            not_(has_slot),
        )
        .order_by(col(Pairing.starts_on), col(Pairing.id))
    ).all()
    return [
        Todo(
            "slot.missing",
            f"Set up a weekly slot for {mentor} and {mentee}: they have no protected meeting time.",
            "pairing",
            pairing_id,
            group="to_do",
        )
        for pairing_id, mentor, mentee in rows
    ]


def _meetings_gone_wrong(
    session: Session, principal: Principal, lead_of: frozenset[uuid.UUID], now: datetime
) -> list[Todo]:
    """The last seven days' meetings in the lead's schools that did not happen or have no
    record yet; not the lead's own (their own list already asks them)."""
    rows, names = _meeting_rows(
        session,
        col(Pairing.school_id).in_(lead_of),
        policy.visible_meetings(principal),
        col(Pairing.mentor_id) != principal.id,
        col(Pairing.mentee_id) != principal.id,
        col(Meeting.starts_at) >= now - WEEK,
        col(Meeting.ends_at) <= now,
        or_(
            col(Meeting.status) == MeetingStatus.scheduled,
            col(Meeting.status) == MeetingStatus.missed,
            and_(col(Meeting.status) == MeetingStatus.cancelled, col(Meeting.lost).is_(True)),
        ),
    )
    unrecorded = [p for m, p, _ in rows if m.status == MeetingStatus.scheduled]
    keepers = record_keeper_ids(session, unrecorded)
    todos = []
    for meeting, pairing, zone in rows:
        what = (
            f"The meeting of {names[pairing.mentor_id]} and {names[pairing.mentee_id]} on "
            f"{human_time(meeting.starts_at.astimezone(ZoneInfo(zone)))}"
        )
        if meeting.status == MeetingStatus.scheduled:
            keeper = names[keepers[pairing.id]]
            kind, text = "meeting.unrecorded", f"{what} has no record yet: {keeper} keeps it."
        elif meeting.status == MeetingStatus.missed:
            kind, text = "meeting.missed", f"{what} did not happen (recorded as missed)."
        else:
            kind, text = "meeting.lost", f"{what} was called off with no new time."
        todos.append(Todo(kind, text, "meeting", meeting.id, meeting.occurrence_date))
    return todos
