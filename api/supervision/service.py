"""Supervision sessions: scheduled by a school lead with one of the school's mentors (checked
for clashes against every calendar), recorded as held or not with a private note, and counted
for the mentor entitlement's supervision item. No HTTP here."""

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_time
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import Membership, Role, School, User
from api.scheduling import busy
from api.supervision import policy
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.supervision.schemas import (
    SupervisionClash,
    SupervisionCreate,
    SupervisionDetail,
    SupervisionPublic,
    SupervisionRecordWrite,
)

CLOCK_SLACK = timedelta(minutes=5)


def _school(session: Session, school_id: uuid.UUID) -> School:
    school = session.get(School, school_id)
    assert school is not None
    return school


def _mentors_at(session: Session, user_id: uuid.UUID, school_id: uuid.UUID) -> bool:
    return (
        session.exec(
            select(Membership.id)
            .join(User, col(User.id) == Membership.user_id)
            .where(
                Membership.user_id == user_id,
                Membership.school_id == school_id,
                Membership.role == Role.mentor,
                col(User.active).is_(True),
            )
        ).first()
        is not None
    )


def _clash_detail(session: Session, clashes: list[busy.Clash], zone: ZoneInfo) -> str:
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    first = clashes[0].busy
    what = f"{names[first.user_id].full_name}'s {first.title[0].lower()}{first.title[1:]}"
    more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
    return (
        f"This time clashes with {what} on {human_time(first.starts_at.astimezone(zone))}"
        f"{more}. Choose another time, or confirm the clash to schedule it anyway."
    )


def _clashes_public(session: Session, clashes: list[busy.Clash]) -> list[SupervisionClash]:
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    return [
        SupervisionClash(
            source=c.busy.source,
            title=c.busy.title,
            person=names[c.busy.user_id],
            starts_at=c.busy.starts_at,
            ends_at=c.busy.ends_at,
        )
        for c in clashes
    ]


def schedule(
    session: Session, principal: Principal, body: SupervisionCreate
) -> list[SupervisionSession]:
    school = org_service.get_school(session, principal, body.school_id)
    if not policy.may_schedule(principal, school.id):
        raise Forbidden("A lead of the school schedules supervision with its mentors.")
    if body.mentor_id == principal.id:
        raise Unprocessable(
            "Supervision is with someone else: choose one of the school's mentors.",
            errors=[FieldProblem(field="mentor_id", detail="yourself")],
        )
    if not _mentors_at(session, body.mentor_id, school.id):
        raise Unprocessable(
            "Supervision is with a mentor of this school; give them that role first.",
            errors=[FieldProblem(field="mentor_id", detail="not a mentor of this school")],
        )
    if body.starts_at < utcnow() - CLOCK_SLACK:
        raise Unprocessable(
            "Schedule supervision from now on; record a past session by scheduling it first "
            "for a time to come.",
            errors=[FieldProblem(field="starts_at", detail="in the past")],
        )
    zone = ZoneInfo(school.timezone)
    wanted = []
    for n in range(body.times):
        # The same wall-clock time each time, across the clock change (aware arithmetic in
        # the school's zone keeps the wall clock).
        local_start = body.starts_at.astimezone(zone) + timedelta(weeks=body.every_weeks * n)
        local_end = body.ends_at.astimezone(zone) + timedelta(weeks=body.every_weeks * n)
        wanted.append(busy.Interval(local_start.astimezone(UTC), local_end.astimezone(UTC)))
    clashes = busy.find_clashes(session, {principal.id, body.mentor_id}, wanted)
    if clashes and not body.confirm_clash:
        raise Conflict(
            _clash_detail(session, clashes, zone),
            slug="schedule-clash",
            clashes=[c.model_dump(mode="json") for c in _clashes_public(session, clashes)],
        )
    rows = []
    for interval in wanted:
        row = SupervisionSession(
            school_id=school.id,
            mentor_id=body.mentor_id,
            supervisor_id=principal.id,
            starts_at=interval.starts_at,
            ends_at=interval.ends_at,
            location=body.location,
            created_by=principal.id,
        )
        session.add(row)
        audit.record(
            session,
            principal,
            "supervision.scheduled",
            object_type="supervision",
            object_id=row.id,
            trust_id=school.trust_id,
            changes={
                "mentor_id": body.mentor_id,
                "starts_at": interval.starts_at,
                "ends_at": interval.ends_at,
                "location": body.location,
                "clashes_confirmed": len(clashes),
            },
        )
        rows.append(row)
    session.flush()
    return rows


def sessions_query(
    principal: Principal,
    *,
    mentor_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    status: SupervisionStatus | None = None,
    starts_from: datetime | None = None,
    newest_first: bool = False,
) -> SelectOfScalar[SupervisionSession]:
    query = select(SupervisionSession).where(policy.visible_sessions(principal))
    if mentor_id:
        query = query.where(SupervisionSession.mentor_id == mentor_id)
    if school_id:
        query = query.where(SupervisionSession.school_id == school_id)
    if status:
        query = query.where(SupervisionSession.status == status)
    if starts_from:
        query = query.where(SupervisionSession.starts_at >= starts_from)
    order = col(SupervisionSession.starts_at)
    return query.order_by(order.desc() if newest_first else order, col(SupervisionSession.id))


def _public(principal: Principal, row: SupervisionSession, people: dict) -> dict:
    shown = policy.may_read_note(principal, row)
    return {
        "id": row.id,
        "school_id": row.school_id,
        "mentor": people[row.mentor_id],
        "supervisor": people[row.supervisor_id],
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "location": row.location,
        "status": row.status,
        "held_on": row.held_on,
        "not_held_reason": row.not_held_reason,
        "recorded_at": row.recorded_at,
        "note_shown": shown,
        "supervision_note": row.supervision_note if shown else None,
    }


def sessions_public(
    session: Session, principal: Principal, rows: Sequence[SupervisionSession]
) -> list[SupervisionPublic]:
    people = org_people.people_refs(
        session, {p for r in rows for p in (r.mentor_id, r.supervisor_id)}
    )
    return [SupervisionPublic.model_validate(_public(principal, r, people)) for r in rows]


def session_detail(
    session: Session, principal: Principal, row: SupervisionSession
) -> SupervisionDetail:
    people = org_people.people_refs(session, {row.mentor_id, row.supervisor_id})
    return SupervisionDetail.model_validate(
        _public(principal, row, people) | {"can": policy.supervision_can(principal, row)}
    )


def get_session(
    session: Session, principal: Principal, session_id: uuid.UUID
) -> SupervisionSession:
    return first_visible(
        session,
        select(SupervisionSession).where(
            SupervisionSession.id == session_id, policy.visible_sessions(principal)
        ),
        "supervision session",
        session_id,
    )


def record(
    session: Session, principal: Principal, session_id: uuid.UUID, body: SupervisionRecordWrite
) -> SupervisionSession:
    row = get_session(session, principal, session_id)
    if not policy.may_record(principal, row):
        if row.status != SupervisionStatus.scheduled:
            raise Conflict("This session is recorded already.")
        raise Forbidden("The lead who holds the session records it.")
    now = utcnow()
    if row.starts_at > now + CLOCK_SLACK:
        raise Conflict("Record a session once its time has come.")
    zone = ZoneInfo(_school(session, row.school_id).timezone)
    scheduled_on = row.starts_at.astimezone(zone).date()
    if body.held:
        held_on = body.held_on or scheduled_on
        if held_on > now.astimezone(zone).date():
            raise Unprocessable(
                "It cannot have been held on a day still to come.",
                errors=[FieldProblem(field="held_on", detail="in the future")],
            )
        row.status, row.held_on, row.not_held_reason = SupervisionStatus.held, held_on, None
    else:
        if body.held_on is not None:
            raise Unprocessable(
                "A session that did not take place has no day it was held.",
                errors=[FieldProblem(field="held_on", detail="given for a session not held")],
            )
        row.status, row.held_on = SupervisionStatus.not_held, None
        row.not_held_reason = body.not_held_reason or None
    row.supervision_note = body.supervision_note
    row.recorded_at = row.updated_at = now
    session.add(row)
    audit.record(
        session,
        principal,
        "supervision.recorded",
        object_type="supervision",
        object_id=row.id,
        trust_id=_school(session, row.school_id).trust_id,
        changes={
            "status": row.status,
            "held_on": row.held_on,
            "not_held_reason": row.not_held_reason,
        },
    )
    session.flush()
    return row


def held_counts(
    session: Session, mentor_ids: set[uuid.UUID], from_: date, to: date
) -> dict[uuid.UUID, int]:
    """How many supervision sessions each mentor had, held on a day in from..to inclusive:
    what the mentor entitlement's supervision item counts."""
    if not mentor_ids:
        return {}
    rows = session.exec(
        select(SupervisionSession.mentor_id, func.count(col(SupervisionSession.id)))
        .where(
            col(SupervisionSession.mentor_id).in_(mentor_ids),
            SupervisionSession.status == SupervisionStatus.held,
            col(SupervisionSession.held_on) >= from_,
            col(SupervisionSession.held_on) <= to,
        )
        .group_by(col(SupervisionSession.mentor_id))
    ).all()
    return {mentor: count for mentor, count in rows}
