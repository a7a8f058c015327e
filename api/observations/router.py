"""HTTP for lesson observations, their records and reflections, and targets."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from api.auth.principals import ObservationReader, ObservationWriter
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate, Timestamp
from api.db import SessionDep
from api.observations import coverage, reviews, service, targets
from api.observations.models import ObservationStatus, TargetStatus
from api.observations.schemas import (
    MAX_REVIEWS,
    BoardTarget,
    CoverageRow,
    CoverageWeek,
    ObservationAmend,
    ObservationCancel,
    ObservationClashProblem,
    ObservationCreate,
    ObservationDetail,
    ObservationPublic,
    ObservationRecordWrite,
    PersonChoice,
    ReflectionWrite,
    TargetCreate,
    TargetPublic,
    TargetReviewPublic,
    TargetReviewsWrite,
    TargetUpdate,
    UnobservedMentee,
)

router = APIRouter(tags=["observations"], route_class=BodyAfterAuthRoute)
CLASH_ERROR: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ObservationClashProblem,
        "description": "It clashes with what the observer or the mentee already has (each "
        "clash listed; send confirm_clash to schedule it anyway)",
    }
}


@router.get(
    "/observations",
    operation_id="list_observations",
    summary="Observations you make, receive or oversee",
    response_model=Page[ObservationPublic],
    responses=WRITE_ERRORS,
)
def list_observations(
    session: SessionDep,
    principal: ObservationReader,
    page: PageQuery,
    starts_from: Timestamp | None = None,
    starts_before: Timestamp | None = None,
    school_id: uuid.UUID | None = None,
    mentee_id: uuid.UUID | None = None,
    observer_id: uuid.UUID | None = None,
    status: ObservationStatus | None = None,
    newest_first: Annotated[bool, Query(description="Latest first (a history)")] = False,
) -> Page[ObservationPublic]:
    query = service.observations_query(
        session,
        principal,
        starts_from=starts_from,
        starts_before=starts_before,
        school_id=school_id,
        mentee_id=mentee_id,
        observer_id=observer_id,
        status=status,
        newest_first=newest_first,
    )
    return page_of(session, query, page, lambda rows: service.observations_public(session, rows))


@router.post(
    "/observations",
    operation_id="schedule_observation",
    summary="Schedule an observation of a mentee, checked for clashes",
    status_code=status.HTTP_201_CREATED,
    response_model=ObservationDetail,
    responses={**WRITE_ERRORS, **CLASH_ERROR},
)
def schedule_observation(
    body: ObservationCreate, session: SessionDep, principal: ObservationWriter
) -> ObservationDetail:
    observation = service.schedule(session, principal, body)
    return service.observation_detail(session, principal, observation)


@router.get(
    "/pairings/{pairing_id}/observer-choices",
    operation_id="list_observer_choices",
    summary="Who may observe this pairing's mentee: the people of their school",
    response_model=Page[PersonChoice],
    responses=WRITE_ERRORS,
)
def list_observer_choices(
    pairing_id: uuid.UUID, session: SessionDep, principal: ObservationWriter, page: PageQuery
) -> Page[PersonChoice]:
    query = service.observer_choices_query(session, principal, pairing_id)
    return page_of(session, query, page, service.observer_choices_public)


@router.get(
    "/observations/{observation_id}",
    operation_id="get_observation",
    summary="An observation with its record and reflection, as far as you may read them",
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def get_observation(
    observation_id: uuid.UUID, session: SessionDep, principal: ObservationReader
) -> ObservationDetail:
    observation = service.get_observation(session, principal, observation_id)
    return service.observation_detail(session, principal, observation)


@router.put(
    "/observations/{observation_id}/record",
    operation_id="save_observation_record",
    summary="Write the record (the observer, until it is shared)",
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def save_observation_record(
    observation_id: uuid.UUID,
    body: ObservationRecordWrite,
    session: SessionDep,
    principal: ObservationWriter,
) -> ObservationDetail:
    observation = service.save_record(session, principal, observation_id, body)
    return service.observation_detail(session, principal, observation)


@router.post(
    "/observations/{observation_id}/amendments",
    operation_id="amend_observation",
    summary="Amend a shared record, saying why (the shared version is kept)",
    status_code=status.HTTP_201_CREATED,
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def amend_observation(
    observation_id: uuid.UUID,
    body: ObservationAmend,
    session: SessionDep,
    principal: ObservationWriter,
) -> ObservationDetail:
    observation = service.amend(session, principal, observation_id, body)
    return service.observation_detail(session, principal, observation)


@router.post(
    "/observations/{observation_id}/share",
    operation_id="share_observation",
    summary="Share the record with the mentee",
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def share_observation(
    observation_id: uuid.UUID, session: SessionDep, principal: ObservationWriter
) -> ObservationDetail:
    observation = service.share(session, principal, observation_id)
    return service.observation_detail(session, principal, observation)


@router.post(
    "/observations/{observation_id}/cancel",
    operation_id="cancel_observation",
    summary="Cancel a scheduled observation, with a reason",
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def cancel_observation(
    observation_id: uuid.UUID,
    body: ObservationCancel,
    session: SessionDep,
    principal: ObservationWriter,
) -> ObservationDetail:
    observation = service.cancel(session, principal, observation_id, body)
    return service.observation_detail(session, principal, observation)


@router.put(
    "/observations/{observation_id}/reflection",
    operation_id="save_observation_reflection",
    summary="Write your reflection on a shared observation (the mentee)",
    response_model=ObservationDetail,
    responses=WRITE_ERRORS,
)
def save_observation_reflection(
    observation_id: uuid.UUID,
    body: ReflectionWrite,
    session: SessionDep,
    principal: ObservationWriter,
) -> ObservationDetail:
    observation = service.reflect(session, principal, observation_id, body)
    return service.observation_detail(session, principal, observation)


@router.post(
    "/targets",
    operation_id="create_target",
    summary="Set a target from an observation or a meeting record",
    status_code=status.HTTP_201_CREATED,
    response_model=TargetPublic,
    responses=WRITE_ERRORS,
)
def create_target(
    body: TargetCreate, session: SessionDep, principal: ObservationWriter
) -> TargetPublic:
    target = targets.create_target(session, principal, body)
    return targets.targets_public(session, [target])[0]


@router.get(
    "/targets",
    operation_id="list_targets",
    summary="Targets you work towards, set, or review",
    response_model=Page[TargetPublic],
    responses=WRITE_ERRORS,
)
def list_targets(
    session: SessionDep,
    principal: ObservationReader,
    page: PageQuery,
    mentee_id: uuid.UUID | None = None,
    pairing_id: uuid.UUID | None = None,
    source_id: uuid.UUID | None = None,
    status: TargetStatus | None = None,
) -> Page[TargetPublic]:
    query = targets.targets_query(
        principal, mentee_id=mentee_id, pairing_id=pairing_id, source_id=source_id, status=status
    )
    return page_of(session, query, page, lambda rows: targets.targets_public(session, rows))


@router.patch(
    "/targets/{target_id}",
    operation_id="update_target",
    summary="Change a target: its text, standards, due date, status or evidence",
    response_model=TargetPublic,
    responses=WRITE_ERRORS,
)
def update_target(
    target_id: uuid.UUID, body: TargetUpdate, session: SessionDep, principal: ObservationWriter
) -> TargetPublic:
    target = targets.update_target(session, principal, target_id, body)
    return targets.targets_public(session, [target])[0]


@router.get(
    "/schools/{school_id}/target-board",
    operation_id="list_school_target_board",
    summary="The targets set in a school, without names: for its mentors and leads",
    response_model=Page[BoardTarget],
    responses=WRITE_ERRORS,
)
def list_school_target_board(
    school_id: uuid.UUID, session: SessionDep, principal: ObservationReader, page: PageQuery
) -> Page[BoardTarget]:
    query = targets.board_query(session, principal, school_id)
    return page_of(session, query, page, targets.board_public)


# --- coverage, for the school's leads and the trust's admins ---------------------------------

From = Annotated[
    SchoolDate | None,
    Query(
        alias="from",
        description="The first day counted, by the date at the school (default: the Monday "
        "eleven weeks before the week of `to`, so twelve weeks in all)",
    ),
]
To = Annotated[
    SchoolDate | None, Query(description="The last day counted, inclusive (default today)")
]
CoverageSchool = Annotated[
    uuid.UUID | None, Query(description="One school only (otherwise every school you oversee)")
]


@router.get(
    "/observation-coverage",
    operation_id="list_observation_coverage",
    summary="Who observed whom, week by week, by observer role and kind (leads and trust admins)",
    response_model=Page[CoverageRow],
    responses=WRITE_ERRORS,
)
def list_observation_coverage(
    session: SessionDep,
    principal: ObservationReader,
    page: PageQuery,
    from_: From = None,
    to: To = None,
    school_id: CoverageSchool = None,
) -> Page[CoverageRow]:
    return coverage.rows_page(session, principal, page, from_=from_, to=to, school_id=school_id)


@router.get(
    "/observation-coverage/weeks",
    operation_id="list_observation_coverage_weeks",
    summary="Observations each week of the range, by observer role, weeks without any included",
    response_model=Page[CoverageWeek],
    responses=WRITE_ERRORS,
)
def list_observation_coverage_weeks(
    session: SessionDep,
    principal: ObservationReader,
    page: PageQuery,
    from_: From = None,
    to: To = None,
    school_id: CoverageSchool = None,
) -> Page[CoverageWeek]:
    return coverage.weeks_page(session, principal, page, from_=from_, to=to, school_id=school_id)


@router.get(
    "/observation-coverage/unobserved",
    operation_id="list_unobserved_mentees",
    summary="Mentees nobody has observed for the weeks you choose",
    response_model=Page[UnobservedMentee],
    responses=WRITE_ERRORS,
)
def list_unobserved_mentees(
    session: SessionDep,
    principal: ObservationReader,
    page: PageQuery,
    weeks: Annotated[
        int, Query(ge=1, le=52, description="Flag mentees with no observation for this many weeks")
    ] = 2,
    on: Annotated[
        SchoolDate | None, Query(description="Counted back from this day (default today)")
    ] = None,
    school_id: CoverageSchool = None,
) -> Page[UnobservedMentee]:
    return coverage.unobserved_page(
        session, principal, page, weeks=weeks, on=on, school_id=school_id
    )


@router.get(
    "/observation-coverage/export",
    operation_id="export_observation_coverage",
    summary="The coverage rows as CSV: every row of the list, with names (no record content)",
    response_class=Response,
    responses={
        **WRITE_ERRORS,
        200: {
            "description": "The rows, one per week, school, mentee, observer, role and kind",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def export_observation_coverage(
    session: SessionDep,
    principal: ObservationReader,
    from_: From = None,
    to: To = None,
    school_id: CoverageSchool = None,
) -> Response:
    first, last = coverage.date_range(from_, to)
    text = coverage.rows_csv(session, principal, from_=first, to=last, school_id=school_id)
    name = f"observation-coverage-{first.isoformat()}-to-{last.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


# --- targets reviewed at a meeting ----------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/target-reviews",
    operation_id="list_meeting_target_reviews",
    summary="The targets a meeting reviewed, with progress notes (the pair and their leads)",
    response_model=Page[TargetReviewPublic],
    responses=WRITE_ERRORS,
)
def list_meeting_target_reviews(
    meeting_id: uuid.UUID, session: SessionDep, principal: ObservationReader, page: PageQuery
) -> Page[TargetReviewPublic]:
    query = reviews.reviews_query(session, principal, meeting_id)
    return page_of(session, query, page, lambda rows: reviews.reviews_public(session, rows))


@router.put(
    "/meetings/{meeting_id}/target-reviews",
    operation_id="save_meeting_target_reviews",
    summary="Say which of the mentee's open targets a held meeting reviewed (the record keeper)",
    response_model=Page[TargetReviewPublic],
    responses=WRITE_ERRORS,
)
def save_meeting_target_reviews(
    meeting_id: uuid.UUID,
    body: TargetReviewsWrite,
    session: SessionDep,
    principal: ObservationWriter,
) -> Page[TargetReviewPublic]:
    saved = reviews.save_reviews(session, principal, meeting_id, body)
    items = reviews.reviews_public(session, saved)
    # Every review of the meeting (at most 50), as the first page of its list.
    return Page(items=items, total=len(items), limit=MAX_REVIEWS, offset=0)
