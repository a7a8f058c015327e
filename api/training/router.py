"""HTTP for training: course dates and deadlines, cover requests, mentors' training records."""

import uuid

from fastapi import APIRouter, status

from api.auth.principals import TrainingManager, TrainingReader, TrainingWriter
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import READ_ERRORS, WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import Timestamp
from api.db import SessionDep
from api.training import records, service
from api.training.models import CoverStatus, ItemKind
from api.training.schemas import (
    AttendanceWrite,
    CoverDecision,
    CoverRequestDetail,
    CoverRequestPublic,
    HoursWrite,
    MentorTrainingSummary,
    TrainingItemDetail,
    TrainingItemPublic,
    TrainingRecord,
)

router = APIRouter(tags=["training"], route_class=BodyAfterAuthRoute)


@router.get(
    "/training/items",
    operation_id="list_training_items",
    summary="Course dates and deadlines that concern you or the schools you lead or oversee",
    response_model=Page[TrainingItemPublic],
    responses=READ_ERRORS,
)
def list_training_items(
    session: SessionDep,
    principal: TrainingReader,
    page: PageQuery,
    kind: ItemKind | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    starts_from: Timestamp | None = None,
    starts_before: Timestamp | None = None,
    include_cancelled: bool = False,
) -> Page[TrainingItemPublic]:
    query = service.items_query(
        principal,
        kind=kind,
        school_id=school_id,
        person_id=person_id,
        starts_from=starts_from,
        starts_before=starts_before,
        include_cancelled=include_cancelled,
    )
    return page_of(
        session, query, page, lambda rows: service.items_public(session, principal, rows)
    )


@router.get(
    "/training/items/{training_item_id}",
    operation_id="get_training_item",
    summary="A course date or deadline, with the people it concerns that you can see",
    response_model=TrainingItemDetail,
    responses=READ_ERRORS,
)
def get_training_item(
    training_item_id: uuid.UUID, session: SessionDep, principal: TrainingReader
) -> TrainingItemDetail:
    return service.item_detail(
        session, principal, service.get_item(session, principal, training_item_id)
    )


@router.put(
    "/training/items/{training_item_id}/attendance",
    operation_id="mark_training_attendance",
    summary="Mark whether a mentor attended a course date (the mentor, or their lead)",
    response_model=TrainingItemDetail,
    responses=WRITE_ERRORS,
)
def mark_training_attendance(
    training_item_id: uuid.UUID,
    body: AttendanceWrite,
    session: SessionDep,
    principal: TrainingWriter,
) -> TrainingItemDetail:
    item = service.mark_attendance(session, principal, training_item_id, body)
    return service.item_detail(session, principal, item)


@router.get(
    "/training/cover-requests",
    operation_id="list_cover_requests",
    summary="Cover requests for course dates: yours, or your schools'",
    response_model=Page[CoverRequestPublic],
    responses=READ_ERRORS,
)
def list_cover_requests(
    session: SessionDep,
    principal: TrainingReader,
    page: PageQuery,
    status: CoverStatus | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> Page[CoverRequestPublic]:
    query = service.cover_query(principal, status=status, school_id=school_id, person_id=person_id)
    return page_of(session, query, page, lambda rows: service.cover_public(session, rows))


@router.get(
    "/training/cover-requests/{cover_request_id}",
    operation_id="get_cover_request",
    summary="A cover request",
    response_model=CoverRequestDetail,
    responses=READ_ERRORS,
)
def get_cover_request(
    cover_request_id: uuid.UUID, session: SessionDep, principal: TrainingReader
) -> CoverRequestDetail:
    return service.cover_detail(
        session, principal, service.get_cover(session, principal, cover_request_id)
    )


@router.put(
    "/training/cover-requests/{cover_request_id}/decision",
    operation_id="decide_cover_request",
    summary="Approve or decline cover, with a note (a lead of the school)",
    response_model=CoverRequestDetail,
    responses=WRITE_ERRORS,
)
def decide_cover_request(
    cover_request_id: uuid.UUID,
    body: CoverDecision,
    session: SessionDep,
    principal: TrainingManager,
) -> CoverRequestDetail:
    row = service.decide_cover(session, principal, cover_request_id, body)
    return service.cover_detail(session, principal, row)


@router.get(
    "/training/records",
    operation_id="list_training_records",
    summary="Mentors whose training records you see, with their totals",
    response_model=Page[MentorTrainingSummary],
    responses=READ_ERRORS,
)
def list_training_records(
    session: SessionDep,
    principal: TrainingReader,
    page: PageQuery,
    school_id: uuid.UUID | None = None,
) -> Page[MentorTrainingSummary]:
    query = records.mentors_query(principal, school_id)
    return page_of(session, query, page, lambda rows: records.summaries(session, rows))


@router.get(
    "/training/records/{mentor_id}",
    operation_id="get_training_record",
    summary="A mentor's training record: sessions attended, hours logged, the 20-hour "
    "entitlement for mentors of early career teachers",
    response_model=TrainingRecord,
    responses=READ_ERRORS,
)
def get_training_record(
    mentor_id: uuid.UUID, session: SessionDep, principal: TrainingReader
) -> TrainingRecord:
    return records.training_record(session, principal, mentor_id)


@router.post(
    "/training/records/{mentor_id}/hours",
    operation_id="log_training_hours",
    summary="Log training by hand, with evidence (the mentor, or their lead)",
    status_code=status.HTTP_201_CREATED,
    response_model=TrainingRecord,
    responses=WRITE_ERRORS,
)
def log_training_hours(
    mentor_id: uuid.UUID, body: HoursWrite, session: SessionDep, principal: TrainingWriter
) -> TrainingRecord:
    records.log_hours(session, principal, mentor_id, body)
    return records.training_record(session, principal, mentor_id)
