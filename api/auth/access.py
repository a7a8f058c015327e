"""Which schools a principal may see and manage: the primitive every domain's policy builds on.

A row outside these answers 404, never 403, so that ids in other schools reveal nothing.
"""

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col

from api.auth.principals import Principal
from api.org.models import Role, School


def visible_schools(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see their trust's schools; people their own; clients the ones granted."""
    if principal.kind == "client":
        return (
            col(School.id).in_(principal.client_school_ids)
            if principal.client_school_ids
            else false()
        )
    conditions: list[ColumnElement[bool]] = []
    if principal.admin_trust_ids:
        conditions.append(col(School.trust_id).in_(principal.admin_trust_ids))
    if principal.member_school_ids:
        conditions.append(col(School.id).in_(principal.member_school_ids))
    return or_(*conditions) if conditions else false()


def managed_school_ids(principal: Principal) -> ColumnElement[bool]:
    """Schools whose people and term dates this principal may change."""
    conditions: list[ColumnElement[bool]] = []
    if principal.admin_trust_ids:
        conditions.append(col(School.trust_id).in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(School.id).in_(lead_of))
    return or_(*conditions) if conditions else false()
