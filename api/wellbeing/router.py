"""HTTP for wellbeing check-ins, a school's wellbeing figures and its wellbeing leads."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.principals import UserReader, UserWriter, WellbeingUser
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate
from api.db import SessionDep
from api.wellbeing import service
from api.wellbeing.schemas import (
    CheckInCreate,
    CheckInDetail,
    CheckInPublic,
    CheckInUpdate,
    SchoolSummary,
    WellbeingLeadPublic,
)

router = APIRouter(tags=["wellbeing"], route_class=BodyAfterAuthRoute)


@router.get(
    "/wellbeing/check-ins",
    operation_id="list_wellbeing_check_ins",
    summary="Check-ins you may see: your own, your mentees', or your school's as its "
    "wellbeing lead; newest first",
    response_model=Page[CheckInPublic],
    responses=WRITE_ERRORS,
)
def list_wellbeing_check_ins(
    session: SessionDep,
    principal: WellbeingUser,
    page: PageQuery,
    subject_id: Annotated[uuid.UUID | None, Query(description="One person's check-ins")] = None,
    school_id: uuid.UUID | None = None,
    open_talk_requests: Annotated[
        bool, Query(description="Only those asking to talk that nobody has followed up yet")
    ] = False,
) -> Page[CheckInPublic]:
    viewer = service.Viewer(session, principal)
    query = service.check_ins_query(
        viewer, subject_id=subject_id, school_id=school_id, open_talk_requests=open_talk_requests
    )
    return page_of(
        session, query, page, lambda rows: service.check_ins_public(session, viewer, rows)
    )


@router.post(
    "/wellbeing/check-ins",
    operation_id="create_wellbeing_check_in",
    summary="Check in: how you are, your workload, and whether you would like to talk",
    status_code=status.HTTP_201_CREATED,
    response_model=CheckInDetail,
    responses=WRITE_ERRORS,
)
def create_wellbeing_check_in(
    body: CheckInCreate, session: SessionDep, principal: WellbeingUser
) -> CheckInDetail:
    row = service.check_in(session, principal, body)
    return service.check_in_detail(session, service.Viewer(session, principal), row)


@router.get(
    "/wellbeing/check-ins/{check_in_id}",
    operation_id="get_wellbeing_check_in",
    summary="A check-in, as far as you may read it",
    response_model=CheckInDetail,
    responses=WRITE_ERRORS,
)
def get_wellbeing_check_in(
    check_in_id: uuid.UUID, session: SessionDep, principal: WellbeingUser
) -> CheckInDetail:
    viewer = service.Viewer(session, principal)
    return service.check_in_detail(
        session, viewer, service.get_check_in(session, viewer, check_in_id)
    )


@router.patch(
    "/wellbeing/check-ins/{check_in_id}",
    operation_id="update_wellbeing_check_in",
    summary="Share your note, or stop sharing it (the person who checked in)",
    response_model=CheckInDetail,
    responses=WRITE_ERRORS,
)
def update_wellbeing_check_in(
    check_in_id: uuid.UUID, body: CheckInUpdate, session: SessionDep, principal: WellbeingUser
) -> CheckInDetail:
    viewer = service.Viewer(session, principal)
    row = service.update_check_in(session, viewer, check_in_id, body)
    return service.check_in_detail(session, viewer, row)


@router.post(
    "/wellbeing/check-ins/{check_in_id}/follow-up",
    operation_id="follow_up_wellbeing_check_in",
    summary="Say that the talk asked for is arranged (the mentor, or the wellbeing lead)",
    response_model=CheckInDetail,
    responses=WRITE_ERRORS,
)
def follow_up_wellbeing_check_in(
    check_in_id: uuid.UUID, session: SessionDep, principal: WellbeingUser
) -> CheckInDetail:
    viewer = service.Viewer(session, principal)
    row = service.follow_up(session, viewer, check_in_id)
    return service.check_in_detail(session, viewer, row)


@router.get(
    "/schools/{school_id}/wellbeing-summary",
    operation_id="get_school_wellbeing_summary",
    summary="A school's weekly wellbeing figures for mentees and for mentors, groups under "
    "five hidden: for its wellbeing lead",
    response_model=SchoolSummary,
    responses=WRITE_ERRORS,
)
def get_school_wellbeing_summary(
    school_id: uuid.UUID,
    session: SessionDep,
    principal: WellbeingUser,
    from_: Annotated[
        SchoolDate | None,
        Query(alias="from", description="First day (inclusive); default twelve weeks back"),
    ] = None,
    to: Annotated[
        SchoolDate | None, Query(description="Last day (inclusive); default today")
    ] = None,
) -> SchoolSummary:
    viewer = service.Viewer(session, principal)
    return service.school_summary(session, viewer, school_id, from_, to)


@router.get(
    "/schools/{school_id}/wellbeing-leads",
    operation_id="list_wellbeing_leads",
    summary="The school's wellbeing leads: for its leads and the trust's admins",
    response_model=Page[WellbeingLeadPublic],
    responses=WRITE_ERRORS,
)
def list_wellbeing_leads(
    school_id: uuid.UUID, session: SessionDep, principal: UserReader, page: PageQuery
) -> Page[WellbeingLeadPublic]:
    query = service.wellbeing_leads_query(session, principal, school_id)
    return page_of(session, query, page, lambda rows: service.wellbeing_leads_public(session, rows))


@router.put(
    "/schools/{school_id}/wellbeing-leads/{user_id}",
    operation_id="set_wellbeing_lead",
    summary="Name one of the school's leads as a wellbeing lead (nothing changes if they are)",
    response_model=WellbeingLeadPublic,
    responses=WRITE_ERRORS,
)
def set_wellbeing_lead(
    school_id: uuid.UUID, user_id: uuid.UUID, session: SessionDep, principal: UserWriter
) -> WellbeingLeadPublic:
    row = service.designate(session, principal, school_id, user_id)
    return service.wellbeing_leads_public(session, [row])[0]


@router.delete(
    "/schools/{school_id}/wellbeing-leads/{user_id}",
    operation_id="remove_wellbeing_lead",
    summary="Stop a lead being a wellbeing lead (they stay a lead)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
def remove_wellbeing_lead(
    school_id: uuid.UUID, user_id: uuid.UUID, session: SessionDep, principal: UserWriter
) -> Response:
    service.undesignate(session, principal, school_id, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
