"""Who sees and who may act on supervision sessions. The mentor and the lead who holds it see
it and its private note; the school's other leads and the trust's admins see that it is
scheduled and whether it was held, not what was said. Clients see none."""

import uuid

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.org.models import Role, School
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.supervision.schemas import SupervisionCan

READ = "supervision:read"
WRITE = "supervision:write"


def visible_sessions(principal: Principal) -> ColumnElement[bool]:
    if not principal.is_user or READ not in principal.scopes:
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(SupervisionSession.mentor_id) == principal.id,
        col(SupervisionSession.supervisor_id) == principal.id,
    ]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(SupervisionSession.school_id).in_(lead_of))
    if principal.admin_trust_ids:
        conditions.append(
            col(SupervisionSession.school_id).in_(
                select(School.id).where(col(School.trust_id).in_(principal.admin_trust_ids))
            )
        )
    return or_(*conditions)


def may_schedule(principal: Principal, school_id: uuid.UUID) -> bool:
    return WRITE in principal.scopes and school_id in principal.school_ids_with(Role.school_lead)


def may_read_note(principal: Principal, row: SupervisionSession) -> bool:
    return principal.id in (row.mentor_id, row.supervisor_id)


def may_record(principal: Principal, row: SupervisionSession) -> bool:
    return (
        WRITE in principal.scopes
        and principal.id == row.supervisor_id
        and row.status == SupervisionStatus.scheduled
    )


def supervision_can(principal: Principal, row: SupervisionSession) -> SupervisionCan:
    return SupervisionCan(record=may_record(principal, row))


def sessions_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(SupervisionSession.id).where(visible_sessions(principal))
