"""Who sees and who may act on pairings and agreements: the query builder every pairing query
filters through, and the predicates services enforce and detail responses send as `can`."""

import uuid

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.mentoring.models import MentoringAgreement, Pairing
from api.org.models import Role, School

# Acting on a pairing (slots, agreements, meetings) is for people holding this scope: the pair
# and school leads. Trust admins oversee, they do not act.
ACT = "meetings:write"
# Setting pairings up and ending them is for those who manage the school.
MANAGE = "mentoring:write"


def visible_pairings(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see their trust's pairings; leads their schools'; mentors and mentees the
    pairings they are in. Observers and clients see none."""
    if not principal.is_user:
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(Pairing.mentor_id) == principal.id,
        col(Pairing.mentee_id) == principal.id,
    ]
    if principal.admin_trust_ids:
        conditions.append(
            col(Pairing.school_id).in_(
                select(School.id).where(col(School.trust_id).in_(principal.admin_trust_ids))
            )
        )
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Pairing.school_id).in_(lead_of))
    return or_(*conditions)


def is_in_pair(principal: Principal, pairing: Pairing) -> bool:
    return principal.id in (pairing.mentor_id, pairing.mentee_id)


def leads_school_of(principal: Principal, pairing: Pairing) -> bool:
    return pairing.school_id in principal.school_ids_with(Role.school_lead)


def may_act_on(principal: Principal, pairing: Pairing) -> bool:
    """The people in the pairing, or a lead of its school."""
    return ACT in principal.scopes and (
        is_in_pair(principal, pairing) or leads_school_of(principal, pairing)
    )


def may_end(principal: Principal, pairing: Pairing, trust_id: uuid.UUID) -> bool:
    """Those who manage the pairing's school: its leads and the trust's admins."""
    return MANAGE in principal.scopes and (
        leads_school_of(principal, pairing) or trust_id in principal.admin_trust_ids
    )


def may_agree(principal: Principal, pairing: Pairing, current: MentoringAgreement | None) -> bool:
    """The mentor or the mentee agree the newest version (agreeing twice changes nothing)."""
    return ACT in principal.scopes and is_in_pair(principal, pairing) and current is not None


# Audit events about pairings and agreements are read by whoever sees the pairing.


def pairings_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(Pairing.id).where(visible_pairings(principal))


def agreements_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return (
        select(MentoringAgreement.id)
        .join(Pairing, col(Pairing.id) == MentoringAgreement.pairing_id)
        .where(visible_pairings(principal))
    )
