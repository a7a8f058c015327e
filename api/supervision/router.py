"""HTTP for supervision sessions."""

import uuid
from typing import Any

from fastapi import APIRouter, status

from api.auth.principals import SupervisionReader, SupervisionWriter
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import Timestamp
from api.db import SessionDep
from api.supervision import service
from api.supervision.models import SupervisionStatus
from api.supervision.schemas import (
    SupervisionClashProblem,
    SupervisionCreate,
    SupervisionDetail,
    SupervisionPublic,
    SupervisionRecordWrite,
    SupervisionScheduled,
)

router = APIRouter(tags=["supervision"], route_class=BodyAfterAuthRoute)
CLASH_ERROR: dict[int | str, dict[str, Any]] = {
    409: {
        "model": SupervisionClashProblem,
        "description": "A session clashes with what you or the mentor already have (each clash "
        "listed; send confirm_clash to schedule anyway)",
    }
}


@router.get(
    "/supervision/sessions",
    operation_id="list_supervision_sessions",
    summary="Supervision sessions you hold or receive, or that your schools hold",
    response_model=Page[SupervisionPublic],
    responses=WRITE_ERRORS,
)
def list_supervision_sessions(
    session: SessionDep,
    principal: SupervisionReader,
    page: PageQuery,
    mentor_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    status: SupervisionStatus | None = None,
    starts_from: Timestamp | None = None,
    newest_first: bool = False,
) -> Page[SupervisionPublic]:
    query = service.sessions_query(
        principal,
        mentor_id=mentor_id,
        school_id=school_id,
        status=status,
        starts_from=starts_from,
        newest_first=newest_first,
    )
    return page_of(
        session, query, page, lambda rows: service.sessions_public(session, principal, rows)
    )


@router.post(
    "/supervision/sessions",
    operation_id="schedule_supervision",
    summary="Schedule supervision with a mentor: one session or a series, checked for clashes",
    status_code=status.HTTP_201_CREATED,
    response_model=SupervisionScheduled,
    responses={**WRITE_ERRORS, **CLASH_ERROR},
)
def schedule_supervision(
    body: SupervisionCreate, session: SessionDep, principal: SupervisionWriter
) -> SupervisionScheduled:
    rows = service.schedule(session, principal, body)
    items = [service.session_detail(session, principal, r) for r in rows]
    return SupervisionScheduled(items=items, total=len(items))


@router.get(
    "/supervision/sessions/{supervision_id}",
    operation_id="get_supervision_session",
    summary="A supervision session; its note only for the lead who holds it and the mentor",
    response_model=SupervisionDetail,
    responses=WRITE_ERRORS,
)
def get_supervision_session(
    supervision_id: uuid.UUID, session: SessionDep, principal: SupervisionReader
) -> SupervisionDetail:
    row = service.get_session(session, principal, supervision_id)
    return service.session_detail(session, principal, row)


@router.put(
    "/supervision/sessions/{supervision_id}/record",
    operation_id="record_supervision",
    summary="Record whether the session was held, with a private note (the lead who holds it)",
    response_model=SupervisionDetail,
    responses=WRITE_ERRORS,
)
def record_supervision(
    supervision_id: uuid.UUID,
    body: SupervisionRecordWrite,
    session: SessionDep,
    principal: SupervisionWriter,
) -> SupervisionDetail:
    row = service.record(session, principal, supervision_id, body)
    return service.session_detail(session, principal, row)
