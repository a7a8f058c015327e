"""Training's to-dos. For the pair (mentor and mentee) and their school's leads: course dates
to come that overlap one of the pair's protected meetings. For leads: cover requests waiting
for a decision. Each list is one query however many rows it finds (names joined in)."""

from sqlalchemy import and_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_time
from api.meetings.models import Meeting, MeetingStatus
from api.mentoring.models import Pairing
from api.org.models import Role, User
from api.todos.sources import Todo
from api.training import policy
from api.training.models import (
    CoverRequest,
    CoverStatus,
    ItemKind,
    TrainingItem,
    TrainingItemPerson,
)
from api.training.service import ZONE

Mentor = aliased(User)
Mentee = aliased(User)


def training_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user or policy.READ not in principal.scopes:
        return []
    lead_of = principal.school_ids_with(Role.school_lead)
    todos = _clashes(session, principal, lead_of)
    if lead_of and policy.MANAGE in principal.scopes:
        todos += _pending_cover(session, lead_of)
    return todos


def _clashes(session: Session, principal: Principal, lead_of: frozenset) -> list[Todo]:
    now = utcnow()
    whose = [col(Pairing.mentor_id) == principal.id, col(Pairing.mentee_id) == principal.id]
    if lead_of:
        whose.append(col(Pairing.school_id).in_(lead_of))
    rows = SASession.execute(
        session,
        sa_select(
            col(TrainingItem.id),
            col(TrainingItem.title),
            col(Meeting.id),
            col(Meeting.starts_at),
            col(Pairing.mentor_id),
            col(Pairing.mentee_id),
            col(Mentor.full_name),
            col(Mentee.full_name),
        )
        .join(TrainingItemPerson, col(TrainingItemPerson.item_id) == TrainingItem.id)
        .join(
            Pairing,
            or_(
                col(Pairing.mentor_id) == TrainingItemPerson.user_id,
                col(Pairing.mentee_id) == TrainingItemPerson.user_id,
            ),
        )
        .join(
            Meeting,
            and_(
                col(Meeting.pairing_id) == Pairing.id,
                col(Meeting.slot_id).is_not(None),
                col(Meeting.status) == MeetingStatus.scheduled,
                col(Meeting.starts_at) < TrainingItem.ends_at,
                col(Meeting.ends_at) > TrainingItem.starts_at,
            ),
        )
        .join(Mentor, col(Mentor.id) == Pairing.mentor_id)
        .join(Mentee, col(Mentee.id) == Pairing.mentee_id)
        .where(
            col(TrainingItem.kind) == ItemKind.course_date,
            col(TrainingItem.cancelled_at).is_(None),
            col(TrainingItem.ends_at) > now,
            or_(*whose),
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id)),
    ).all()
    todos, seen = [], set()
    for (
        item_id,
        title,
        meeting_id,
        meeting_at,
        mentor_id,
        mentee_id,
        mentor,
        mentee,
    ) in rows:
        if (item_id, meeting_id) in seen:
            continue
        seen.add((item_id, meeting_id))
        when = human_time(meeting_at.astimezone(ZONE))
        if principal.id == mentor_id:
            whose_meeting = f"your protected meeting with {mentee}"
        elif principal.id == mentee_id:
            whose_meeting = f"your protected meeting with {mentor}"
        else:
            whose_meeting = f"the protected meeting of {mentor} and {mentee}"
        todos.append(
            Todo(
                kind="training.clash",
                text=f'The course "{title}" clashes with {whose_meeting} on {when}: move the '
                "meeting or agree what gives.",
                target_type="training_item",
                target_id=item_id,
                due_on=meeting_at.astimezone(ZONE).date(),
            )
        )
    return todos


def _pending_cover(session: Session, lead_of: frozenset) -> list[Todo]:
    rows = SASession.execute(
        session,
        sa_select(
            col(CoverRequest.id),
            col(TrainingItem.title),
            col(TrainingItem.starts_at),
            col(User.full_name),
        )
        .join(TrainingItem, col(TrainingItem.id) == CoverRequest.item_id)
        .join(User, col(User.id) == CoverRequest.user_id)
        .where(
            col(CoverRequest.status) == CoverStatus.pending,
            col(CoverRequest.school_id).in_(lead_of),
            col(TrainingItem.ends_at) > utcnow(),
        )
        .order_by(col(TrainingItem.starts_at), col(CoverRequest.id)),
    ).all()
    return [
        Todo(
            kind="training.cover_to_decide",
            text=f'Approve or decline cover for {name} to attend "{title}" on '
            f"{human_time(starts_at.astimezone(ZONE))}.",
            target_type="cover_request",
            target_id=cover_id,
            due_on=starts_at.astimezone(ZONE).date(),
        )
        for cover_id, title, starts_at, name in rows
        if starts_at is not None
    ]
