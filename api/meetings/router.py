"""HTTP for protected slots, meetings, their records, agendas and actions."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from api.auth.principals import MeetingWriter, MentoringReader
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate, Timestamp
from api.db import SessionDep
from api.meetings import closures, records, service, slots
from api.meetings.models import CancelReason, MeetingStatus
from api.meetings.schemas import (
    ActionPublic,
    ActionUpdate,
    AgendaItemCreate,
    CancelOutcome,
    CancelResult,
    ClashProblem,
    FreeTimes,
    LetGo,
    MeetingCancel,
    MeetingDetail,
    MeetingPublic,
    OccurrencePublic,
    RecordWrite,
    SchedulePlan,
    SlotChange,
    SlotChangeResult,
    SlotCreate,
    SlotCreated,
    SlotEnd,
    SlotPublic,
    SortOrder,
)

router = APIRouter(tags=["meetings"], route_class=BodyAfterAuthRoute)
CLASH_ERROR: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ClashProblem,
        "description": "Clashes: each one listed, or the meeting is not scheduled",
    }
}
DryRun = Annotated[bool, Query(description="Check and report clashes; change nothing")]


@router.get(
    "/pairings/{pairing_id}/slots",
    operation_id="list_slots",
    summary="The pairing's weekly protected slots",
    response_model=Page[SlotPublic],
    responses=WRITE_ERRORS,
)
def list_slots(
    pairing_id: uuid.UUID, session: SessionDep, principal: MentoringReader, page: PageQuery
) -> Page[SlotPublic]:
    query = slots.slots_query(session, principal, pairing_id)
    return page_of(session, query, page, lambda rows: slots.slots_public(session, rows))


@router.post(
    "/pairings/{pairing_id}/slots",
    operation_id="create_slot",
    summary="Protect a weekly slot: one meeting each term week, every one checked for clashes",
    status_code=status.HTTP_201_CREATED,
    response_model=SlotCreated,
    responses={
        **WRITE_ERRORS,
        **CLASH_ERROR,
        200: {"model": SchedulePlan, "description": "dry_run: the plan"},
    },
)
def create_slot(
    pairing_id: uuid.UUID,
    body: SlotCreate,
    session: SessionDep,
    principal: MeetingWriter,
    dry_run: DryRun = False,
):
    result = slots.schedule_slot(session, principal, pairing_id, body, dry_run=dry_run)
    if isinstance(result, SchedulePlan):
        return JSONResponse(result.model_dump(mode="json"))
    slot, meetings = result
    return SlotCreated(
        slot=slots.slot_public(slot, len(meetings)),
        occurrences=[
            OccurrencePublic(starts_at=m.starts_at, ends_at=m.ends_at, meeting_id=m.id)
            for m in meetings
        ],
    )


@router.get(
    "/pairings/{pairing_id}/slots/free-times",
    operation_id="suggest_free_times",
    summary="Weekly times in school hours when neither the mentor nor the mentee is busy",
    response_model=FreeTimes,
    responses=WRITE_ERRORS,
)
def suggest_free_times(
    pairing_id: uuid.UUID,
    session: SessionDep,
    principal: MentoringReader,
    duration_minutes: Annotated[int, Query(ge=15, le=240)] = 60,
    starts_on: Annotated[SchoolDate | None, Query(description="From this date (default today)")] = (
        None
    ),
    ends_on: Annotated[
        SchoolDate | None, Query(description="To this date (default the pairing's end)")
    ] = None,
) -> FreeTimes:
    return slots.free_times(
        session,
        principal,
        pairing_id,
        duration_minutes=duration_minutes,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@router.post(
    "/slots/{slot_id}/change",
    operation_id="change_slot",
    summary="Change a slot's time, length or room from a date: later scheduled meetings follow",
    response_model=SlotChangeResult,
    responses={**WRITE_ERRORS, **CLASH_ERROR},
)
def change_slot(
    slot_id: uuid.UUID,
    body: SlotChange,
    session: SessionDep,
    principal: MeetingWriter,
    dry_run: DryRun = False,
) -> SlotChangeResult:
    return slots.change_slot(session, principal, slot_id, body, dry_run=dry_run)


@router.post(
    "/slots/{slot_id}/end",
    operation_id="end_slot",
    summary="End a slot on a date: its later scheduled meetings are called off",
    response_model=SlotChangeResult,
    responses=WRITE_ERRORS,
)
def end_slot(
    slot_id: uuid.UUID,
    body: SlotEnd,
    session: SessionDep,
    principal: MeetingWriter,
    dry_run: DryRun = False,
) -> SlotChangeResult:
    return slots.end_slot(session, principal, slot_id, body, dry_run=dry_run)


@router.get(
    "/meetings",
    operation_id="list_meetings",
    summary="Meetings you are in or oversee, filtered: a pairing's, a school's, a person's, "
    "by status and dates, the ones not recorded or on a day the school is closed",
    response_model=Page[MeetingPublic],
    responses=WRITE_ERRORS,
)
def list_meetings(
    session: SessionDep,
    principal: MentoringReader,
    page: PageQuery,
    starts_from: Timestamp | None = None,
    starts_before: Timestamp | None = None,
    pairing_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    status: Annotated[
        MeetingStatus | None,
        Query(
            description="scheduled, held, cancelled (ahead of time: called off, school closed or "
            "pairing ended) or missed (did not take place, recorded afterwards)"
        ),
    ] = None,
    change: Annotated[
        CancelOutcome | None, Query(description="lost (called off) or moved only")
    ] = None,
    cancel_reason: Annotated[
        CancelReason | None, Query(description="Cancelled for this reason only")
    ] = None,
    not_recorded: Annotated[
        bool,
        Query(description="Only meetings that are over and still scheduled: not yet recorded"),
    ] = False,
    on_closure_day: Annotated[
        bool,
        Query(
            description="Only scheduled meetings on a day their school is closed (a closure "
            "added after they were planned), for the lead to move or let go"
        ),
    ] = False,
    order: Annotated[SortOrder, Query(description="by start time: asc (default) or desc")] = (
        SortOrder.asc
    ),
) -> Page[MeetingPublic]:
    query = service.meetings_query(
        session,
        principal,
        starts_from=starts_from,
        starts_before=starts_before,
        pairing_id=pairing_id,
        school_id=school_id,
        person_id=person_id,
        status=status,
        change=change,
        cancel_reason=cancel_reason,
        not_recorded=not_recorded,
        on_closure_day=on_closure_day,
        order=order,
    )
    return service.meetings_page(session, query, page)


@router.get(
    "/meetings/{meeting_id}",
    operation_id="get_meeting",
    summary="A meeting with its agenda and record",
    response_model=MeetingDetail,
    responses=WRITE_ERRORS,
)
def get_meeting(
    meeting_id: uuid.UUID, session: SessionDep, principal: MentoringReader
) -> MeetingDetail:
    meeting = service.get_meeting(session, principal, meeting_id)
    return records.meeting_detail(session, principal, meeting)


@router.post(
    "/meetings/{meeting_id}/cancel",
    operation_id="cancel_meeting",
    summary="Change a meeting ahead of time, with a reason: move it to a new time in the same "
    "week, or call it off (lost)",
    response_model=CancelResult,
    responses={**WRITE_ERRORS, **CLASH_ERROR},
)
def cancel_meeting(
    meeting_id: uuid.UUID,
    body: MeetingCancel,
    session: SessionDep,
    principal: MeetingWriter,
    dry_run: DryRun = False,
) -> CancelResult:
    return service.cancel_meeting(session, principal, meeting_id, body, dry_run=dry_run)


@router.put(
    "/meetings/{meeting_id}/record",
    operation_id="save_meeting_record",
    summary="Write the meeting's record (the agreed record keeper only)",
    response_model=MeetingDetail,
    responses=WRITE_ERRORS,
)
def save_meeting_record(
    meeting_id: uuid.UUID, body: RecordWrite, session: SessionDep, principal: MeetingWriter
) -> MeetingDetail:
    return records.save_record(session, principal, meeting_id, body)


@router.post(
    "/meetings/{meeting_id}/agenda-items",
    operation_id="add_agenda_item",
    summary="Add something to talk about at the meeting",
    status_code=status.HTTP_201_CREATED,
    response_model=MeetingDetail,
    responses=WRITE_ERRORS,
)
def add_agenda_item(
    meeting_id: uuid.UUID, body: AgendaItemCreate, session: SessionDep, principal: MeetingWriter
) -> MeetingDetail:
    return records.add_agenda_item(session, principal, meeting_id, body.text)


@router.patch(
    "/meeting-actions/{action_id}",
    operation_id="update_meeting_action",
    summary="Tick an action off (or back on)",
    response_model=ActionPublic,
    responses=WRITE_ERRORS,
)
def update_meeting_action(
    action_id: uuid.UUID, body: ActionUpdate, session: SessionDep, principal: MeetingWriter
) -> ActionPublic:
    return records.set_action_done(session, principal, action_id, body.done)


@router.post(
    "/schools/{school_id}/closure-meetings/let-go",
    operation_id="let_go_closure_meetings",
    summary="Let go meetings on a day the school is closed: cancelled as school_closed, "
    "counted against nobody",
    response_model=CancelResult,
    responses=WRITE_ERRORS,
)
def let_go_closure_meetings(
    school_id: uuid.UUID, body: LetGo, session: SessionDep, principal: MeetingWriter
) -> CancelResult:
    return closures.let_go(session, principal, school_id, body)
