"""Who sees and who may act on observations and targets. Services enforce these predicates;
observation details send them to the web app as `can`, so the two never disagree."""

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.mentoring.models import Pairing
from api.observations.models import (
    TOOK_PLACE,
    Observation,
    ObservationStatus,
    Target,
)
from api.observations.schemas import ObservationCan
from api.org.models import Role, School

READ = "observations:view"
WRITE = "observations:write"


def visible_observations(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see their trust's observations; leads their schools'; the mentee, their
    mentor and the observer asked to make it see that one. Clients see none here."""
    if not principal.is_user:
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(Observation.observer_id) == principal.id,
        col(Observation.mentee_id) == principal.id,
        col(Observation.mentor_id) == principal.id,
    ]
    if principal.admin_trust_ids:
        conditions.append(
            col(Observation.school_id).in_(
                select(School.id).where(col(School.trust_id).in_(principal.admin_trust_ids))
            )
        )
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Observation.school_id).in_(lead_of))
    return or_(*conditions)


def leads(principal: Principal, school_id: uuid.UUID) -> bool:
    return school_id in principal.school_ids_with(Role.school_lead)


def may_schedule(principal: Principal, pairing: Pairing) -> bool:
    """The mentee's mentor, or a lead of their school."""
    return WRITE in principal.scopes and (
        principal.id == pairing.mentor_id or leads(principal, pairing.school_id)
    )


def may_read_content(principal: Principal, observation: Observation) -> bool:
    """The observer always; the mentor and the school's leads once it is recorded; the mentee
    once it is shared. Trust admins see that it happened, not what it says."""
    if principal.id == observation.observer_id:
        return True
    if observation.status not in TOOK_PLACE:
        return False
    if principal.id == observation.mentor_id or leads(principal, observation.school_id):
        return True
    return principal.id == observation.mentee_id and observation.status == ObservationStatus.shared


def may_record(principal: Principal, observation: Observation, now: datetime) -> bool:
    return (
        WRITE in principal.scopes
        and principal.id == observation.observer_id
        and observation.status in (ObservationStatus.scheduled, ObservationStatus.completed)
        and observation.starts_at <= now
    )


def may_amend(principal: Principal, observation: Observation) -> bool:
    return (
        WRITE in principal.scopes
        and principal.id == observation.observer_id
        and observation.status == ObservationStatus.shared
    )


def may_share(principal: Principal, observation: Observation) -> bool:
    return (
        WRITE in principal.scopes
        and observation.status == ObservationStatus.completed
        and (
            principal.id in (observation.observer_id, observation.mentor_id)
            or leads(principal, observation.school_id)
        )
    )


def may_cancel(principal: Principal, observation: Observation) -> bool:
    return (
        WRITE in principal.scopes
        and observation.status == ObservationStatus.scheduled
        and (
            principal.id in (observation.observer_id, observation.mentor_id)
            or leads(principal, observation.school_id)
        )
    )


def may_reflect(principal: Principal, observation: Observation) -> bool:
    return (
        WRITE in principal.scopes
        and principal.id == observation.mentee_id
        and observation.status == ObservationStatus.shared
    )


def may_set_target_from(principal: Principal, observation: Observation) -> bool:
    """Whoever reads the record, except the mentee, once it is recorded."""
    return (
        WRITE in principal.scopes
        and observation.status in TOOK_PLACE
        and principal.id != observation.mentee_id
        and may_read_content(principal, observation)
    )


def observation_can(
    principal: Principal, observation: Observation, now: datetime
) -> ObservationCan:
    return ObservationCan(
        record=may_record(principal, observation, now),
        amend=may_amend(principal, observation),
        share=may_share(principal, observation),
        cancel=may_cancel(principal, observation),
        reflect=may_reflect(principal, observation),
        set_target=may_set_target_from(principal, observation),
    )


# --- targets ------------------------------------------------------------------------------


def visible_targets(principal: Principal) -> ColumnElement[bool]:
    """The mentee's own, their mentor's, the school leads', and the ones a person set."""
    if not principal.is_user:
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(Target.mentee_id) == principal.id,
        col(Target.set_by) == principal.id,
        col(Target.pairing_id).in_(select(Pairing.id).where(Pairing.mentor_id == principal.id)),
    ]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Target.school_id).in_(lead_of))
    return or_(*conditions)


def may_set_target_in(principal: Principal, pairing: Pairing) -> bool:
    """From a meeting record: the pair, or a lead of their school."""
    return WRITE in principal.scopes and (
        principal.id in (pairing.mentor_id, pairing.mentee_id)
        or leads(principal, pairing.school_id)
    )


def may_update_target(principal: Principal, target: Target, mentor_id: uuid.UUID) -> bool:
    return WRITE in principal.scopes and (
        principal.id in (target.mentee_id, target.set_by, mentor_id)
        or leads(principal, target.school_id)
    )


def may_browse_board(principal: Principal, school_id: uuid.UUID) -> bool:
    """The school's mentors and leads learn from the targets set there, without names."""
    return READ in principal.scopes and school_id in principal.school_ids_with(
        Role.mentor, Role.school_lead
    )


# Audit events about observations are read by whoever sees the observation; about targets by
# whoever sees the target.


def observations_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(Observation.id).where(visible_observations(principal))


def targets_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(Target.id).where(visible_targets(principal))


# --- coverage ------------------------------------------------------------------------------


def coverage_schools(principal: Principal) -> ColumnElement[bool]:
    """The schools whose coverage the principal reads: a trust admin's trust, a lead's
    schools. Mentors, mentees and observers read none (names of mentees appear in it)."""
    if not principal.is_user or READ not in principal.scopes:
        return false()
    conditions: list[ColumnElement[bool]] = []
    if principal.admin_trust_ids:
        conditions.append(col(School.trust_id).in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(School.id).in_(lead_of))
    return or_(*conditions) if conditions else false()


def may_read_coverage(principal: Principal) -> bool:
    return (
        principal.is_user
        and READ in principal.scopes
        and bool(principal.admin_trust_ids or principal.school_ids_with(Role.school_lead))
    )


# --- targets reviewed at meetings ------------------------------------------------------------


def may_read_reviews(principal: Principal, pairing: Pairing) -> bool:
    """The pair and the leads of their school, as for the meeting's record."""
    return principal.id in (pairing.mentor_id, pairing.mentee_id) or leads(
        principal, pairing.school_id
    )


def may_review_targets(principal: Principal, keeper_id: uuid.UUID) -> bool:
    """Whoever keeps the meeting's record reviews the targets in it."""
    return WRITE in principal.scopes and principal.id == keeper_id


def may_backfill(principal: Principal, pairing: Pairing) -> bool:
    """Adding an observation that has already happened changes what counts as done: only a
    lead of the mentee's school does it, on purpose and with a reason."""
    return WRITE in principal.scopes and leads(principal, pairing.school_id)
