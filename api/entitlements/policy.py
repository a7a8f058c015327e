"""Who sees and who may act on entitlement policies, adoptions, provisions and compliance.

Policies belong to a trust. Its trust admins (acting for the headteachers' board) write,
submit, decide and retire them and see every version; everyone else in the trust with
`entitlements:read` sees the approved and retired ones. A school's leads (and the trust's
admins) adopt an approved version for the school and record provisions. Compliance: a mentor
sees their own and their mentees', a mentee their own, a lead the school's, a trust admin the
trust's. Integration clients see none of it.
"""

import uuid

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.entitlements.models import EntitlementPolicy, PolicyStatus, Provision
from api.entitlements.schemas import PolicyCan
from api.org.models import Role, School

READ = "entitlements:read"
MANAGE = "entitlements:manage"
ADOPT = "entitlements:adopt"
EDITABLE = (PolicyStatus.draft, PolicyStatus.rejected)
PUBLISHED = (PolicyStatus.approved, PolicyStatus.retired)


def visible_policies(principal: Principal) -> ColumnElement[bool]:
    if not principal.is_user or READ not in principal.scopes:
        return false()
    conditions: list[ColumnElement[bool]] = [
        (col(EntitlementPolicy.trust_id) == principal.trust_id)
        & col(EntitlementPolicy.status).in_(PUBLISHED)
    ]
    if principal.admin_trust_ids:
        conditions.append(col(EntitlementPolicy.trust_id).in_(principal.admin_trust_ids))
    return or_(*conditions)


def may_manage(principal: Principal, trust_id: uuid.UUID) -> bool:
    return MANAGE in principal.scopes and trust_id in principal.admin_trust_ids


def may_edit(principal: Principal, row: EntitlementPolicy) -> bool:
    return may_manage(principal, row.trust_id) and row.status in EDITABLE


def may_submit(principal: Principal, row: EntitlementPolicy) -> bool:
    return may_manage(principal, row.trust_id) and row.status == PolicyStatus.draft


def may_decide(principal: Principal, row: EntitlementPolicy) -> bool:
    return may_manage(principal, row.trust_id) and row.status == PolicyStatus.submitted


def may_retire(principal: Principal, row: EntitlementPolicy) -> bool:
    return may_manage(principal, row.trust_id) and row.status == PolicyStatus.approved


def may_revise(principal: Principal, row: EntitlementPolicy) -> bool:
    return may_manage(principal, row.trust_id) and row.status in PUBLISHED


def may_adopt(principal: Principal, school: School) -> bool:
    return ADOPT in principal.scopes and (
        school.id in principal.school_ids_with(Role.school_lead)
        or school.trust_id in principal.admin_trust_ids
    )


def adoptable_schools(principal: Principal, row: EntitlementPolicy) -> ColumnElement[bool]:
    """The schools the principal may adopt this version for (not yet adopted excluded by the
    caller): an approved version, for a school of its trust that they lead or administer."""
    if ADOPT not in principal.scopes or row.status != PolicyStatus.approved:
        return false()
    conditions: list[ColumnElement[bool]] = []
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(School.id).in_(lead_of))
    if row.trust_id in principal.admin_trust_ids:
        conditions.append(col(School.trust_id) == row.trust_id)
    if not conditions:
        return false()
    return (col(School.trust_id) == row.trust_id) & or_(*conditions)


def policy_can(principal: Principal, row: EntitlementPolicy, *, adoptable: bool) -> PolicyCan:
    """`adoptable`: some school the principal may adopt for has not adopted this version."""
    return PolicyCan(
        edit=may_edit(principal, row),
        submit=may_submit(principal, row),
        decide=may_decide(principal, row),
        retire=may_retire(principal, row),
        revise=may_revise(principal, row),
        adopt=adoptable,
    )


def compliance_schools(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    """Schools whose everyone's compliance the principal sees: led, or of an administered
    trust."""
    if not principal.is_user or READ not in principal.scopes:
        return select(School.id).where(false())
    conditions: list[ColumnElement[bool]] = []
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(School.id).in_(lead_of))
    if principal.admin_trust_ids:
        conditions.append(col(School.trust_id).in_(principal.admin_trust_ids))
    return select(School.id).where(or_(*conditions) if conditions else false())


def visible_provisions(principal: Principal) -> ColumnElement[bool]:
    if not principal.is_user or READ not in principal.scopes:
        return false()
    return or_(
        col(Provision.user_id) == principal.id,
        col(Provision.school_id).in_(compliance_schools(principal)),
    )


def policies_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(EntitlementPolicy.id).where(visible_policies(principal))


def provisions_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return select(Provision.id).where(visible_provisions(principal))
