"""Targets: set from an observation or a meeting record (named by kind and id), reviewed by
the pair and their leads, and browsed without names by the school's mentors. No HTTP here."""

import uuid
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date
from api.meetings import service as meetings
from api.meetings.models import MeetingStatus
from api.mentoring.models import Pairing
from api.observations import policy
from api.observations import service as observations
from api.observations.models import Target, TargetSource, TargetStatus
from api.observations.schemas import BoardTarget, TargetCreate, TargetPublic, TargetUpdate
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import School


def _today_at(school: School) -> date:
    return utcnow().astimezone(ZoneInfo(school.timezone)).date()


def _not_past(due_on: date, today: date) -> None:
    if due_on < today:
        raise Unprocessable(
            f"A target is due today ({human_date(today)}) or later.",
            errors=[FieldProblem(field="due_on", detail="in the past")],
        )


def _source_pairing(session: Session, principal: Principal, body: TargetCreate) -> Pairing:
    """The pairing the source belongs to, once the person asking may set a target from it."""
    if body.source_type == TargetSource.observation:
        observation = observations.get_observation(session, principal, body.source_id)
        if not policy.may_set_target_from(principal, observation):
            if observation.status.value not in ("completed", "shared"):
                raise Conflict("Set targets from an observation once it has been recorded.")
            raise Forbidden("The observer, the mentor or a school lead sets targets from it.")
        pairing = session.get(Pairing, observation.pairing_id)
    else:
        meeting = meetings.get_meeting(session, principal, body.source_id)
        pairing = session.get(Pairing, meeting.pairing_id)
        assert pairing is not None
        if not policy.may_set_target_in(principal, pairing):
            raise Forbidden("The mentor, the mentee or a school lead sets targets from it.")
        if meeting.status != MeetingStatus.held:
            raise Conflict("Set targets from a meeting once it has been held and recorded.")
    assert pairing is not None
    return pairing


def create_target(session: Session, principal: Principal, body: TargetCreate) -> Target:
    pairing = _source_pairing(session, principal, body)
    school = session.get(School, pairing.school_id)
    assert school is not None
    _not_past(body.due_on, _today_at(school))
    target = Target(
        school_id=pairing.school_id,
        pairing_id=pairing.id,
        mentee_id=pairing.mentee_id,
        source_type=body.source_type,
        source_id=body.source_id,
        standards=list(body.standards),
        text=body.text,
        due_on=body.due_on,
        set_by=principal.id,
    )
    session.add(target)
    audit.record(
        session,
        principal,
        "target.set",
        object_type="target",
        object_id=target.id,
        trust_id=school.trust_id,
        changes={
            "source_type": body.source_type,
            "source_id": body.source_id,
            "standards": target.standards,
            "due_on": body.due_on,
        },
    )
    session.flush()
    return target


def targets_query(
    principal: Principal,
    *,
    mentee_id: uuid.UUID | None = None,
    pairing_id: uuid.UUID | None = None,
    source_id: uuid.UUID | None = None,
    status: TargetStatus | None = None,
) -> SelectOfScalar[Target]:
    query = select(Target).where(policy.visible_targets(principal))
    if mentee_id:
        query = query.where(Target.mentee_id == mentee_id)
    if pairing_id:
        query = query.where(Target.pairing_id == pairing_id)
    if source_id:
        query = query.where(Target.source_id == source_id)
    if status:
        query = query.where(Target.status == status)
    return query.order_by(col(Target.due_on), col(Target.id))


def targets_public(session: Session, targets: list[Target]) -> list[TargetPublic]:
    people = org_people.people_refs(session, {p for t in targets for p in (t.mentee_id, t.set_by)})
    return [
        TargetPublic.model_validate(
            {**t.model_dump(), "mentee": people[t.mentee_id], "set_by": people[t.set_by]}
        )
        for t in targets
    ]


def update_target(
    session: Session, principal: Principal, target_id: uuid.UUID, body: TargetUpdate
) -> Target:
    target = first_visible(
        session,
        select(Target).where(Target.id == target_id, policy.visible_targets(principal)),
        "target",
        target_id,
    )
    pairing = session.get(Pairing, target.pairing_id)
    assert pairing is not None
    if not policy.may_update_target(principal, target, pairing.mentor_id):
        raise Forbidden("The mentee, their mentor, whoever set it or a school lead updates it.")
    changes = body.changes()
    school = session.get(School, target.school_id)
    assert school is not None
    if "due_on" in changes and changes["due_on"] != target.due_on:
        _not_past(changes["due_on"], _today_at(school))
    audit.apply_changes(
        session, principal, target, changes, object_type="target", trust_id=school.trust_id
    )
    session.flush()
    return target


def board_query(
    session: Session, principal: Principal, school_id: uuid.UUID
) -> SelectOfScalar[Target]:
    """The school's targets, newest first; 404 unless the person asking sees the school."""
    org_service.get_school(session, principal, school_id)
    if not policy.may_browse_board(principal, school_id):
        raise Forbidden("The targets board is for the school's mentors and leads.")
    return (
        select(Target)
        .where(Target.school_id == school_id)
        .order_by(col(Target.created_at).desc(), col(Target.id))
    )


def board_public(rows: Sequence[Target]) -> list[BoardTarget]:
    """Each target with nothing that says whose it is."""
    return [
        BoardTarget(
            standards=t.standards,
            text=t.text,
            due_on=t.due_on,
            status=t.status,
            source_type=t.source_type,
            set_on=t.created_at.date(),
        )
        for t in rows
    ]
