"""Who reads and who keeps the library. Services enforce these predicates; the resource detail
sends them to the web app as `can`, so the two never disagree.

Everyone in a trust reads its trust-wide resources; a school's people read that school's; trust
admins read all of their trust's. Trust admins keep the trust-wide ones (and may help with any
school's); a school's leads keep that school's. Integration clients see none.
"""

import uuid

from sqlalchemy import ColumnElement, and_, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.org.models import Role
from api.resources.models import Resource

READ = "resources:read"
WRITE = "resources:write"


def visible_resources(principal: Principal) -> ColumnElement[bool]:
    if not principal.is_user or READ not in principal.scopes:
        return false()
    conditions: list[ColumnElement[bool]] = [
        and_(col(Resource.trust_id) == principal.trust_id, col(Resource.school_id).is_(None))
    ]
    if principal.trust_id in principal.admin_trust_ids:
        conditions.append(col(Resource.trust_id) == principal.trust_id)
    schools = principal.member_school_ids
    if schools:
        conditions.append(
            and_(col(Resource.trust_id) == principal.trust_id, col(Resource.school_id).in_(schools))
        )
    return or_(*conditions)


def may_keep(principal: Principal, trust_id: uuid.UUID, school_id: uuid.UUID | None) -> bool:
    """Add, change or remove a resource kept here: trust-wide by the trust's admins, a school's
    by its leads (or the trust's admins)."""
    if WRITE not in principal.scopes or trust_id != principal.trust_id:
        return False
    if trust_id in principal.admin_trust_ids:
        return True
    return school_id is not None and school_id in principal.school_ids_with(Role.school_lead)


def may_keep_resource(principal: Principal, resource: Resource) -> bool:
    return may_keep(principal, resource.trust_id, resource.school_id)


def may_bookmark(principal: Principal) -> bool:
    return principal.is_user and READ in principal.scopes


def resources_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    """Audit events about a resource are read by whoever reads the resource."""
    return select(Resource.id).where(visible_resources(principal))
