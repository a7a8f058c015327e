"""HTTP for the mentor network."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from api.auth.principals import MentoringReader
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.network import service
from api.network.schemas import NetworkMentor

router = APIRouter(tags=["mentor network"], route_class=BodyAfterAuthRoute)


@router.get(
    "/mentor-network",
    operation_id="list_mentor_network",
    summary="The mentors of your trust: subjects, phase and how many mentees, never who",
    response_model=Page[NetworkMentor],
    responses=WRITE_ERRORS,
)
def list_mentor_network(
    session: SessionDep,
    principal: MentoringReader,
    page: PageQuery,
    school_id: Annotated[uuid.UUID | None, Query(description="Only this school's")] = None,
    subject: Annotated[
        str | None,
        Query(max_length=100, description="Only those mentoring a subject that starts so"),
    ] = None,
) -> Page[NetworkMentor]:
    query = service.network_query(principal, school_id=school_id, subject=subject)
    return page_of(session, query, page, lambda rows: service.network_public(session, rows))
