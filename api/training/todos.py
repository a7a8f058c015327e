"""Training's to-dos. For the pair (mentor and mentee) and their school's leads: course dates
to come that overlap one of the pair's protected meetings. For leads: cover requests waiting
for a decision. The home asks on every visit, so both lists are one query (a UNION ALL, names
joined in) however many rows they find."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, Uuid, and_, literal, null, union_all
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
CLASH, COVER = "clash", "cover"


def training_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user or policy.READ not in principal.scopes:
        return []
    lead_of = principal.school_ids_with(Role.school_lead)
    now = utcnow()
    query: Any = _clashes(principal, lead_of, now)
    if lead_of and policy.MANAGE in principal.scopes:
        query = union_all(query, _pending_cover(lead_of, now))
    rows: list[Any] = list(SASession.execute(session, query).all())
    todos, seen = [], set()
    for what, target_id, title, item_id, at, mentor_id, mentee_id, mentor, mentee in sorted(
        rows, key=lambda r: (r[4], str(r[1]))
    ):
        if what == COVER:
            todos.append(_cover_todo(target_id, title, at, mentor))
        elif (item_id, target_id) not in seen:
            seen.add((item_id, target_id))
            todos.append(
                _clash_todo(principal, item_id, title, at, (mentor_id, mentee_id), (mentor, mentee))
            )
    return todos


def _clashes(principal: Principal, lead_of: frozenset[uuid.UUID], now: datetime) -> Any:
    """Rows (clash, meeting id, course title, course id, meeting start, the pair's ids and
    names) for course dates to come over a protected meeting of the principal's pairs or of
    their schools' pairs."""
    whose = [col(Pairing.mentor_id) == principal.id, col(Pairing.mentee_id) == principal.id]
    if lead_of:
        whose.append(col(Pairing.school_id).in_(lead_of))
    return (
        sa_select(
            literal(CLASH, String),
            col(Meeting.id),
            col(TrainingItem.title),
            col(TrainingItem.id),
            col(Meeting.starts_at),
            col(Pairing.mentor_id),
            col(Pairing.mentee_id),
            col(Mentor.full_name),
            col(Mentee.full_name),
        )
        .select_from(TrainingItem)
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
    )


def _pending_cover(lead_of: frozenset[uuid.UUID], now: datetime) -> Any:
    """Rows (cover, request id, course title, course id, course start, the person released and
    their name) for the leads' schools' requests still waiting."""
    return (
        sa_select(
            literal(COVER, String),
            col(CoverRequest.id),
            col(TrainingItem.title),
            col(TrainingItem.id),
            col(TrainingItem.starts_at),
            col(CoverRequest.user_id),
            null().cast(Uuid),
            col(User.full_name),
            null().cast(String),
        )
        .select_from(CoverRequest)
        .join(TrainingItem, col(TrainingItem.id) == CoverRequest.item_id)
        .join(User, col(User.id) == CoverRequest.user_id)
        .where(
            col(CoverRequest.status) == CoverStatus.pending,
            col(CoverRequest.school_id).in_(lead_of),
            col(TrainingItem.cancelled_at).is_(None),
            col(TrainingItem.ends_at) > now,
        )
    )


def _clash_todo(
    principal: Principal,
    item_id: uuid.UUID,
    title: str,
    meeting_at: datetime,
    pair: tuple[uuid.UUID, uuid.UUID],
    names: tuple[str, str],
) -> Todo:
    when = human_time(meeting_at.astimezone(ZONE))
    if principal.id == pair[0]:
        whose = f"your protected meeting with {names[1]}"
    elif principal.id == pair[1]:
        whose = f"your protected meeting with {names[0]}"
    else:
        whose = f"the protected meeting of {names[0]} and {names[1]}"
    return Todo(
        kind="training.clash",
        text=f'The course "{title}" clashes with {whose} on {when}: move the meeting or '
        "agree what gives.",
        target_type="training_item",
        target_id=item_id,
        due_on=meeting_at.astimezone(ZONE).date(),
    )


def _cover_todo(cover_id: uuid.UUID, title: str, starts_at: datetime, name: str) -> Todo:
    return Todo(
        kind="training.cover_to_decide",
        text=f'Approve or decline cover for {name} to attend "{title}" on '
        f"{human_time(starts_at.astimezone(ZONE))}.",
        target_type="cover_request",
        target_id=cover_id,
        due_on=starts_at.astimezone(ZONE).date(),
    )
