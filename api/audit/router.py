"""HTTP for reading the audit log. There is deliberately no route that changes it."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit import service
from api.audit.schemas import AuditEventPublic
from api.auth.principals import AuditReader
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import Problem
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import Timestamp
from api.db import SessionDep

router = APIRouter(tags=["audit"], route_class=BodyAfterAuthRoute)


@router.get(
    "/audit-events",
    operation_id="list_audit_events",
    summary="Audit events of your trust, newest first",
    response_model=Page[AuditEventPublic],
    responses={401: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}},
)
def list_audit_events(
    session: SessionDep,
    principal: AuditReader,
    page: PageQuery,
    action: Annotated[str | None, Query(max_length=64)] = None,
    object_type: Annotated[str | None, Query(max_length=64)] = None,
    object_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    since: Annotated[Timestamp | None, Query(description="From this time (inclusive)")] = None,
    until: Annotated[Timestamp | None, Query(description="Before this time")] = None,
) -> Page[AuditEventPublic]:
    query = service.list_query(
        principal,
        action=action,
        object_type=object_type,
        object_id=object_id,
        actor_id=actor_id,
        since=since,
        until=until,
    )
    return page_of(session, query, page, lambda rows: service.with_names(session, principal, rows))
