"""Who sees and who may change trusts, schools, term dates and people: the query builders the
organisation's queries filter through, and the predicates its services enforce and its detail
responses send as `can`. Schools themselves are scoped by `api.auth.access`, the primitive every
domain shares."""

import uuid

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select

from api.auth.principals import Principal
from api.org.models import Membership, Role, School, Trust, User
from api.org.schemas import SchoolCan, TrustCan, UserCan


def visible_users(principal: Principal) -> ColumnElement[bool]:
    """Trust admins see every account of their trust; leads the people of their schools;
    everyone sees themselves."""
    conditions: list[ColumnElement[bool]] = (
        [col(User.id) == principal.id] if principal.is_user else []
    )
    if principal.admin_trust_ids:
        conditions.append(col(User.trust_id).in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(
            col(User.id).in_(
                select(Membership.user_id).where(col(Membership.school_id).in_(lead_of))
            )
        )
    return or_(*conditions) if conditions else false()


def visible_memberships(principal: Principal) -> ColumnElement[bool]:
    """The part of a person a principal sees: trust admins every role in their trust; leads the
    roles at the schools they lead, never a shared person's roles elsewhere; everyone their own.
    """
    conditions: list[ColumnElement[bool]] = (
        [col(Membership.user_id) == principal.id] if principal.is_user else []
    )
    if principal.admin_trust_ids:
        conditions.append(col(Membership.trust_id).in_(principal.admin_trust_ids))
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Membership.school_id).in_(lead_of))
    return or_(*conditions) if conditions else false()


def administers(principal: Principal, trust_id: uuid.UUID) -> bool:
    return trust_id in principal.admin_trust_ids


def manages(principal: Principal, school: School) -> bool:
    """Trust admins manage every school of the trust; leads the schools they lead."""
    return administers(principal, school.trust_id) or school.id in principal.school_ids_with(
        Role.school_lead
    )


def may_edit_trust(principal: Principal, trust: Trust) -> bool:
    return "org:write" in principal.scopes and administers(principal, trust.id)


def may_edit_school(principal: Principal, school: School) -> bool:
    return "org:write" in principal.scopes and administers(principal, school.trust_id)


def may_set_term_dates(principal: Principal, school: School) -> bool:
    return "terms:write" in principal.scopes and manages(principal, school)


def may_manage_user(principal: Principal, user: User, grants: list[Membership]) -> bool:
    """Trust admins anyone in the trust; a lead only people whose every role is at schools they
    lead (changing someone shared with another school is for a trust admin)."""
    if "users:write" not in principal.scopes:
        return False
    if administers(principal, user.trust_id):
        return True
    lead_of = principal.school_ids_with(Role.school_lead)
    return bool(grants) and all(m.school_id in lead_of for m in grants)


def trust_can(principal: Principal, trust: Trust) -> TrustCan:
    return TrustCan(edit=may_edit_trust(principal, trust))


def school_can(principal: Principal, school: School) -> SchoolCan:
    return SchoolCan(
        edit=may_edit_school(principal, school),
        add_term_date=may_set_term_dates(principal, school),
    )


def user_can(principal: Principal, user: User, grants: list[Membership]) -> UserCan:
    manage = may_manage_user(principal, user, grants)
    # One's own password is changed with the current one, never reset or set through a link.
    others = manage and user.id != principal.id
    return UserCan(
        edit=manage,
        reset_password=others,
        invite=others and user.active,
        add_role=manage,
    )
