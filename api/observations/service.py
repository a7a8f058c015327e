"""Observations: scheduling (checked for clashes against every calendar), the observer's
record and its amendments after sharing, sharing, the mentee's reflection and cancelling; and
what a pairing's end calls off. Targets are in `targets.py`. No HTTP here."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date, human_time
from api.mentoring import service as mentoring
from api.mentoring.events import PairingEnded
from api.mentoring.models import Pairing
from api.observations import policy
from api.observations.models import (
    Observation,
    ObservationAmendment,
    ObservationStatus,
    ObserverRole,
    Target,
    TargetStatus,
)
from api.observations.schemas import (
    AmendmentPublic,
    ClashWith,
    ObservationAmend,
    ObservationCancel,
    ObservationCreate,
    ObservationDetail,
    ObservationPublic,
    ObservationRecordPublic,
    ObservationRecordWrite,
    PersonChoice,
    ReflectionWrite,
)
from api.org import people as org_people
from api.org.models import Membership, Role, School, User
from api.scheduling import busy

# Feedback is given after the lesson starts, and not in the future (a little clock drift apart).
CLOCK_SLACK = timedelta(minutes=5)


def observations_query(
    session: Session,
    principal: Principal,
    *,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    school_id: uuid.UUID | None = None,
    mentee_id: uuid.UUID | None = None,
    observer_id: uuid.UUID | None = None,
    status: ObservationStatus | None = None,
    newest_first: bool = False,
) -> SelectOfScalar[Observation]:
    query = select(Observation).where(policy.visible_observations(principal))
    if starts_from:
        query = query.where(Observation.starts_at >= starts_from)
    if starts_before:
        query = query.where(Observation.starts_at < starts_before)
    if school_id:
        query = query.where(Observation.school_id == school_id)
    if mentee_id:
        query = query.where(Observation.mentee_id == mentee_id)
    if observer_id:
        query = query.where(Observation.observer_id == observer_id)
    if status:
        query = query.where(Observation.status == status)
    if newest_first:
        return query.order_by(col(Observation.starts_at).desc(), col(Observation.id).desc())
    return query.order_by(col(Observation.starts_at), col(Observation.id))


def get_observation(
    session: Session, principal: Principal, observation_id: uuid.UUID
) -> Observation:
    return first_visible(
        session,
        select(Observation).where(
            Observation.id == observation_id, policy.visible_observations(principal)
        ),
        "observation",
        observation_id,
    )


def observations_public(
    session: Session, observations: list[Observation]
) -> list[ObservationPublic]:
    people = org_people.people_refs(
        session,
        {p for o in observations for p in (o.mentee_id, o.mentor_id, o.observer_id)},
    )
    return [
        ObservationPublic.model_validate(
            {
                **o.model_dump(),
                "mentee": people[o.mentee_id],
                "mentor": people[o.mentor_id],
                "observer": people[o.observer_id],
                "has_reflection": bool(o.reflection),
            }
        )
        for o in observations
    ]


def observation_detail(
    session: Session, principal: Principal, observation: Observation
) -> ObservationDetail:
    public = observations_public(session, [observation])[0]
    readable = policy.may_read_content(principal, observation)
    record = None
    if readable and observation.recorded_at is not None:
        amendments = session.exec(
            select(ObservationAmendment)
            .where(ObservationAmendment.observation_id == observation.id)
            .order_by(col(ObservationAmendment.amended_at).desc())
        ).all()
        people = org_people.people_refs(session, {a.amended_by for a in amendments})
        record = ObservationRecordPublic(
            focus_standards=observation.focus_standards,
            strengths=observation.strengths,
            points_to_develop=observation.points_to_develop,
            feedback_given_at=observation.feedback_given_at,
            recorded_at=observation.recorded_at,
            shared_at=observation.shared_at,
            amendments=[
                AmendmentPublic.model_validate(
                    {**a.model_dump(), "amended_by": people[a.amended_by]}
                )
                for a in amendments
            ],
        )
    shows_reflection = readable and observation.status == ObservationStatus.shared
    return ObservationDetail.model_validate(
        {
            **public.model_dump(),
            "can": policy.observation_can(principal, observation, utcnow()),
            "content_visible": readable,
            "record": record,
            "reflection": observation.reflection if shows_reflection else None,
            "reflected_at": observation.reflected_at if shows_reflection else None,
        }
    )


def _school(session: Session, school_id: uuid.UUID) -> School:
    school = session.get(School, school_id)
    assert school is not None
    return school


def _is_at_school(session: Session, user_id: uuid.UUID, school_id: uuid.UUID) -> bool:
    return (
        session.exec(
            select(Membership.id)
            .join(User, col(User.id) == Membership.user_id)
            .where(
                Membership.user_id == user_id,
                Membership.school_id == school_id,
                col(User.active).is_(True),
            )
        ).first()
        is not None
    )


def clash_detail(session: Session, clashes: list[busy.Clash], zone: ZoneInfo) -> str:
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    first = clashes[0].busy
    what = f"{names[first.user_id].full_name}'s {first.title[0].lower()}{first.title[1:]}"
    more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
    return (
        f"This time clashes with {what} on {human_time(first.starts_at.astimezone(zone))}"
        f"{more}. Choose another time, or confirm the clash to schedule it anyway."
    )


def clashes_public(session: Session, clashes: list[busy.Clash]) -> list[ClashWith]:
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    return [
        ClashWith(
            source=c.busy.source,
            title=c.busy.title,
            person=names[c.busy.user_id],
            starts_at=c.busy.starts_at,
            ends_at=c.busy.ends_at,
        )
        for c in clashes
    ]


def _check_start(
    principal: Principal, pairing: Pairing, body: ObservationCreate, now: datetime, zone: ZoneInfo
) -> None:
    """Observations are scheduled from now on; one that has already happened is added only by
    a lead of the school, with a reason (as for meetings back-filled into a slot)."""
    if body.starts_at >= now - CLOCK_SLACK:
        if body.backfill_reason is not None:
            raise Unprocessable(
                "A reason for back-filling is only for an observation that has already "
                "started; leave it out.",
                errors=[FieldProblem(field="backfill_reason", detail="only for past times")],
            )
        return
    when = human_time(now.astimezone(zone))
    if not policy.may_backfill(principal, pairing):
        raise Unprocessable(
            f"An observation is scheduled from now ({when}) on. One that has already "
            "happened can only be added by a school lead, with a reason.",
            errors=[FieldProblem(field="starts_at", detail="in the past")],
        )
    if body.backfill_reason is None:
        raise Unprocessable(
            f"This observation starts before now ({when}), so it has already happened. Say "
            "why in backfill_reason; it is kept in the audit log.",
            errors=[FieldProblem(field="backfill_reason", detail="required for past times")],
        )


def schedule(
    session: Session,
    principal: Principal,
    body: ObservationCreate,
    *,
    as_of: datetime | None = None,
) -> Observation:
    """`as_of` is for seeding history (the demo): scheduled as it would have been back then."""
    pairing = mentoring.get_pairing(session, principal, body.pairing_id)
    if not policy.may_schedule(principal, pairing):
        raise Forbidden(
            "Only the mentee's mentor or a lead of their school schedules observations."
        )
    if body.observer_id == pairing.mentee_id:
        raise Unprocessable(
            "Mentees do not observe themselves; choose someone else to observe.",
            errors=[FieldProblem(field="observer_id", detail="the mentee")],
        )
    if not _is_at_school(session, body.observer_id, pairing.school_id):
        raise Unprocessable(
            "The observer must be someone at the mentee's school; give them a role there first.",
            errors=[FieldProblem(field="observer_id", detail="not at this school")],
        )
    if body.observer_role == ObserverRole.mentor and body.observer_id != pairing.mentor_id:
        raise Unprocessable(
            "Only the mentee's own mentor observes as their mentor; choose another role.",
            errors=[FieldProblem(field="observer_role", detail="not the mentee's mentor")],
        )
    school = _school(session, pairing.school_id)
    zone = ZoneInfo(school.timezone)
    _check_start(principal, pairing, body, as_of or utcnow(), zone)
    observed_on = body.starts_at.astimezone(zone).date()
    if not pairing.starts_on <= observed_on <= pairing.ends_on:
        raise Unprocessable(
            f"The observation must fall inside the pairing ({human_date(pairing.starts_on)} "
            f"to {human_date(pairing.ends_on)}).",
            errors=[FieldProblem(field="starts_at", detail="outside the pairing")],
        )
    clashes = busy.find_clashes(
        session,
        {body.observer_id, pairing.mentee_id},
        [busy.Interval(body.starts_at, body.ends_at)],
    )
    if clashes and not body.confirm_clash:
        raise Conflict(
            clash_detail(session, clashes, zone),
            slug="schedule-clash",
            clashes=[c.model_dump(mode="json") for c in clashes_public(session, clashes)],
        )
    observation = Observation(
        school_id=pairing.school_id,
        pairing_id=pairing.id,
        mentee_id=pairing.mentee_id,
        mentor_id=pairing.mentor_id,
        observer_id=body.observer_id,
        observer_role=body.observer_role,
        kind=body.kind,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        observed_on=observed_on,
        week_start=observed_on - timedelta(days=observed_on.weekday()),
        class_name=body.class_name,
        subject=body.subject,
        year_group=body.year_group,
        scheduled_by=principal.id,
    )
    session.add(observation)
    audit.record(
        session,
        principal,
        "observation.scheduled",
        object_type="observation",
        object_id=observation.id,
        trust_id=school.trust_id,
        changes={
            "observer_id": body.observer_id,
            "observer_role": body.observer_role,
            "kind": body.kind,
            "starts_at": body.starts_at,
            "ends_at": body.ends_at,
            "clashes_confirmed": len(clashes),
            **({"backfill_reason": body.backfill_reason} if body.backfill_reason else {}),
        },
    )
    session.flush()
    return observation


def _audit(
    session: Session, principal: Principal, observation: Observation, action: str, **changes
) -> None:
    audit.record(
        session,
        principal,
        f"observation.{action}",
        object_type="observation",
        object_id=observation.id,
        trust_id=_school(session, observation.school_id).trust_id,
        changes=changes,
    )


def _check_record(observation: Observation, body: ObservationRecordWrite, now: datetime) -> None:
    given = body.feedback_given_at
    if given is not None and not observation.starts_at <= given <= now + CLOCK_SLACK:
        raise Unprocessable(
            "Feedback is given after the lesson starts and not in the future.",
            errors=[FieldProblem(field="feedback_given_at", detail="outside the lesson to now")],
        )


def _write_record(observation: Observation, body: ObservationRecordWrite, now: datetime) -> None:
    observation.focus_standards = list(body.focus_standards)
    observation.strengths, observation.points_to_develop = body.strengths, body.points_to_develop
    observation.feedback_given_at = body.feedback_given_at
    observation.recorded_at = observation.recorded_at or now
    observation.updated_at = now


def save_record(
    session: Session,
    principal: Principal,
    observation_id: uuid.UUID,
    body: ObservationRecordWrite,
) -> Observation:
    """The observer writes the record, and rewrites it freely until it is shared."""
    observation = get_observation(session, principal, observation_id)
    now = utcnow()
    if principal.id != observation.observer_id:
        raise Forbidden("Only the observer writes the record of an observation.")
    if not policy.may_record(principal, observation, now):
        if observation.status == ObservationStatus.cancelled:
            raise Conflict("This observation was cancelled; there is nothing to record.")
        if observation.status == ObservationStatus.shared:
            raise Conflict(
                "This observation has been shared; amend it instead, saying why "
                "(the shared version is kept)."
            )
        raise Conflict("This observation has not started yet; record it once the lesson has begun.")
    _check_record(observation, body, now)
    observation.status = ObservationStatus.completed
    _write_record(observation, body, now)
    session.add(observation)
    _audit(session, principal, observation, "recorded", status=observation.status)
    session.flush()
    return observation


def amend(
    session: Session, principal: Principal, observation_id: uuid.UUID, body: ObservationAmend
) -> Observation:
    """A change after sharing: the record as it stood is kept, with who changed it and why."""
    observation = get_observation(session, principal, observation_id)
    if principal.id != observation.observer_id:
        raise Forbidden("Only the observer amends the record of an observation.")
    if not policy.may_amend(principal, observation):
        raise Conflict(
            f"This observation is {observation.status.value}; only a shared one is amended "
            "(until then, edit the record)."
        )
    now = utcnow()
    _check_record(observation, body, now)
    session.add(
        ObservationAmendment(
            observation_id=observation.id,
            reason=body.reason,
            focus_standards=observation.focus_standards,
            strengths=observation.strengths,
            points_to_develop=observation.points_to_develop,
            feedback_given_at=observation.feedback_given_at,
            amended_by=principal.id,
        )
    )
    _write_record(observation, body, now)
    session.add(observation)
    _audit(session, principal, observation, "amended")
    session.flush()
    return observation


def share(session: Session, principal: Principal, observation_id: uuid.UUID) -> Observation:
    observation = get_observation(session, principal, observation_id)
    if not policy.may_share(principal, observation):
        if observation.status != ObservationStatus.completed:
            raise Conflict(
                f"This observation is {observation.status.value}; only a recorded one is shared."
            )
        raise Forbidden("The observer, the mentor or a school lead shares an observation.")
    observation.status = ObservationStatus.shared
    observation.shared_at = observation.updated_at = utcnow()
    session.add(observation)
    _audit(session, principal, observation, "shared")
    return observation


def cancel(
    session: Session, principal: Principal, observation_id: uuid.UUID, body: ObservationCancel
) -> Observation:
    observation = get_observation(session, principal, observation_id)
    if not policy.may_cancel(principal, observation):
        if observation.status != ObservationStatus.scheduled:
            raise Conflict(
                f"This observation is {observation.status.value}; only a scheduled one is "
                "cancelled."
            )
        raise Forbidden("The observer, the mentor or a school lead cancels an observation.")
    now = utcnow()
    observation.status = ObservationStatus.cancelled
    observation.cancel_reason = body.reason
    observation.cancelled_at = observation.updated_at = now
    session.add(observation)
    _audit(session, principal, observation, "cancelled", reason=body.reason)
    return observation


def reflect(
    session: Session, principal: Principal, observation_id: uuid.UUID, body: ReflectionWrite
) -> Observation:
    observation = get_observation(session, principal, observation_id)
    if principal.id != observation.mentee_id:
        raise Forbidden("Only the mentee reflects on their observation.")
    if not policy.may_reflect(principal, observation):
        raise Conflict("You can reflect once the observer has shared the observation.")
    observation.reflection = body.reflection
    observation.reflected_at = observation.updated_at = utcnow()
    session.add(observation)
    _audit(session, principal, observation, "reflected")
    return observation


def observer_choices_query(
    session: Session, principal: Principal, pairing_id: uuid.UUID
) -> SelectOfScalar[User]:
    """Who may observe this mentee: the active people of their school, the mentee apart."""
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    if not policy.may_schedule(principal, pairing):
        raise Forbidden(
            "Only the mentee's mentor or a lead of their school schedules observations."
        )
    in_school = select(Membership.user_id).where(Membership.school_id == pairing.school_id)
    return (
        select(User)
        .where(
            col(User.id).in_(in_school),
            col(User.active).is_(True),
            User.id != pairing.mentee_id,
        )
        .order_by(col(User.full_name), col(User.id))
    )


def observer_choices_public(users: Sequence[User]) -> list[PersonChoice]:
    return [PersonChoice(id=u.id, full_name=u.full_name) for u in users]


def cancel_after_pairing_end(session: Session, event: PairingEnded) -> None:
    """Scheduled observations after a pairing's new last day will not happen."""
    pairing = session.get(Pairing, event.pairing_id)
    assert pairing is not None
    later = session.exec(
        select(Observation).where(
            Observation.pairing_id == pairing.id,
            Observation.status == ObservationStatus.scheduled,
            Observation.observed_on > event.last_day,
        )
    ).all()
    now = utcnow()
    for observation in later:
        observation.status = ObservationStatus.cancelled
        observation.cancel_reason = f"Pairing ended: {event.reason}"
        observation.cancelled_at = observation.updated_at = now
        session.add(observation)
    if later:
        audit.record(
            session,
            event.actor,
            "observations.cancelled_after_pairing_end",
            object_type="pairing",
            object_id=pairing.id,
            trust_id=mentoring.trust_id_of(session, pairing),
            changes={"observations": len(later)},
        )


def open_target_standards(
    session: Session, principal: Principal, mentee_id: uuid.UUID
) -> list[list[int]] | None:
    """The Teachers' Standards of each of the mentee's open targets, for other domains (the
    resource library suggests reading by them); None when the person asking is neither the
    mentee nor someone who follows their targets (their mentor, a lead of their school)."""
    lead_of = principal.school_ids_with(Role.school_lead)
    follows = principal.is_user and (
        principal.id == mentee_id
        or session.exec(
            select(Pairing.id).where(
                Pairing.mentee_id == mentee_id,
                or_(Pairing.mentor_id == principal.id, col(Pairing.school_id).in_(lead_of)),
            )
        ).first()
        is not None
    )
    if not follows:
        return None
    rows = session.exec(
        select(Target.standards).where(
            Target.mentee_id == mentee_id,
            Target.status == TargetStatus.open,
            policy.visible_targets(principal),
        )
    ).all()
    return [list(standards) for standards in rows]
