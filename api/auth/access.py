"""What a principal may see and manage: the query builders every domain filters through.

A row outside these answers 404, never 403, so that ids in other schools reveal nothing.
"""

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import select

from api.auth.principals import Principal
from api.org.models import Membership, Role, School, User


def visible_schools(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see their trust's schools; people their own; clients the ones granted."""
    if principal.kind == "client":
        return (
            School.id.in_(principal.client_school_ids) if principal.client_school_ids else false()
        )
    conditions = []
    if principal.admin_trust_ids:
        conditions.append(School.trust_id.in_(principal.admin_trust_ids))
    if principal.member_school_ids:
        conditions.append(School.id.in_(principal.member_school_ids))
    return or_(*conditions) if conditions else false()


def managed_school_ids(principal: Principal) -> ColumnElement[bool]:
    """Schools whose people and term dates this principal may change."""
    conditions = []
    if principal.admin_trust_ids:
        conditions.append(School.trust_id.in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(School.id.in_(lead_of))
    return or_(*conditions) if conditions else false()


def visible_users(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see every account of their trust; leads the people of their schools;
    everyone sees themselves."""
    conditions = [User.id == principal.id] if principal.is_user else []
    if principal.admin_trust_ids:
        conditions.append(User.trust_id.in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(
            User.id.in_(select(Membership.user_id).where(Membership.school_id.in_(lead_of)))
        )
    return or_(*conditions) if conditions else false()


def visible_memberships(principal: Principal) -> ColumnElement[bool]:
    """The part of a person a principal sees: trust admins every role in their trust; leads the
    roles at the schools they lead, never a shared person's roles elsewhere; everyone their own.
    """
    conditions = [Membership.user_id == principal.id] if principal.is_user else []
    if principal.admin_trust_ids:
        conditions.append(Membership.trust_id.in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(Membership.school_id.in_(lead_of))
    return or_(*conditions) if conditions else false()
