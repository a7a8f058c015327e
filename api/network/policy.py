"""Who sees the mentor network: the mentors and leads of a trust see its mentors (never their
mentees' names). Integration clients and observers do not."""

import uuid

from sqlalchemy import ColumnElement, false
from sqlmodel import col

from api.auth.principals import Principal
from api.org.models import Role, School

READ = "mentoring:read"


def network_trusts(principal: Principal) -> frozenset[uuid.UUID]:
    if not principal.is_user or READ not in principal.scopes:
        return frozenset()
    return frozenset(
        g.trust_id for g in principal.grants if g.role in (Role.mentor, Role.school_lead)
    )


def may_see_network(principal: Principal) -> bool:
    return bool(network_trusts(principal))


def visible_network_schools(principal: Principal) -> ColumnElement[bool]:
    trusts = network_trusts(principal)
    return col(School.trust_id).in_(trusts) if trusts else false()
