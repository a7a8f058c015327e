"""Who sees and who may act on training. A course date or deadline is seen by the people it
concerns, the leads of their schools (and of the schools the provider named) and the trust's
admins. A cover request by the person released, their school's leads and the trust's admins.
A mentor's training record by the mentor, the leads of a school they mentor at and the trust's
admins. Integration clients see none of it."""

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.org.models import Membership, Role, School
from api.training.models import (
    CoverRequest,
    CoverStatus,
    ItemKind,
    TrainingItem,
    TrainingItemPerson,
    TrainingItemSchool,
)

READ = "training:read"
WRITE = "training:write"
MANAGE = "training:manage"


def _reads(principal: Principal) -> bool:
    return principal.is_user and READ in principal.scopes


def visible_items(principal: Principal) -> ColumnElement[bool]:
    if not _reads(principal):
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(TrainingItem.id).in_(
            select(TrainingItemPerson.item_id).where(TrainingItemPerson.user_id == principal.id)
        )
    ]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(
            col(TrainingItem.id).in_(
                select(TrainingItemPerson.item_id).where(
                    col(TrainingItemPerson.school_id).in_(lead_of)
                )
            )
        )
        conditions.append(
            col(TrainingItem.id).in_(
                select(TrainingItemSchool.item_id).where(
                    col(TrainingItemSchool.school_id).in_(lead_of)
                )
            )
        )
    if principal.admin_trust_ids:
        conditions.append(col(TrainingItem.trust_id).in_(principal.admin_trust_ids))
    return or_(*conditions)


def visible_people(principal: Principal, trust_id: uuid.UUID) -> ColumnElement[bool]:
    """Which of an item's people the principal sees (the item itself being visible)."""
    if not _reads(principal):
        return false()
    if trust_id in principal.admin_trust_ids:
        return col(TrainingItemPerson.user_id).is_not(None)
    conditions: list[ColumnElement[bool]] = [col(TrainingItemPerson.user_id) == principal.id]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(TrainingItemPerson.school_id).in_(lead_of))
    return or_(*conditions)


def visible_cover(principal: Principal) -> ColumnElement[bool]:
    if not _reads(principal):
        return false()
    conditions: list[ColumnElement[bool]] = [col(CoverRequest.user_id) == principal.id]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(CoverRequest.school_id).in_(lead_of))
    if principal.admin_trust_ids:
        conditions.append(
            col(CoverRequest.school_id).in_(
                select(School.id).where(col(School.trust_id).in_(principal.admin_trust_ids))
            )
        )
    return or_(*conditions)


def visible_mentors(principal: Principal) -> ColumnElement[bool]:
    """Over `Membership` rows of role mentor: whose training record the principal sees."""
    if not _reads(principal):
        return false()
    conditions: list[ColumnElement[bool]] = [col(Membership.user_id) == principal.id]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Membership.school_id).in_(lead_of))
    if principal.admin_trust_ids:
        conditions.append(col(Membership.trust_id).in_(principal.admin_trust_ids))
    return or_(*conditions)


def may_decide(principal: Principal, row: CoverRequest, trust_id: uuid.UUID) -> bool:
    return (
        MANAGE in principal.scopes
        and row.status == CoverStatus.pending
        and (
            row.school_id in principal.school_ids_with(Role.school_lead)
            or trust_id in principal.admin_trust_ids
        )
    )


def may_mark_attendance_for(
    principal: Principal, item: TrainingItem, person: TrainingItemPerson, now: datetime
) -> bool:
    return (
        WRITE in principal.scopes
        and item.kind == ItemKind.course_date
        and item.cancelled_at is None
        and item.starts_at is not None
        and item.starts_at <= now
        and person.role == "mentor"
        and (
            person.user_id == principal.id
            or person.school_id in principal.school_ids_with(Role.school_lead)
        )
    )


def may_log_for(principal: Principal, mentor_id: uuid.UUID, school_ids: set[uuid.UUID]) -> bool:
    return WRITE in principal.scopes and (
        mentor_id == principal.id or bool(school_ids & principal.school_ids_with(Role.school_lead))
    )


def items_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(TrainingItem.id).where(visible_items(principal))


def cover_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(CoverRequest.id).where(visible_cover(principal))
