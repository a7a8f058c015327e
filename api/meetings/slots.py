"""Protected weekly slots: one meeting per term week at the school's wall-clock time, every
occurrence checked for clashes before anything is saved. No HTTP here."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.meetings import policy
from api.meetings.models import (
    Meeting,
    MeetingStatus,
    ProtectedSlot,
)
from api.meetings.schemas import (
    BusyPublic,
    ClashPublic,
    OccurrencePublic,
    SchedulePlan,
    SlotCreate,
    SlotPublic,
)
from api.mentoring import service as mentoring
from api.mentoring.models import Pairing
from api.org import people as org_people
from api.org.models import School
from api.scheduling import busy
from api.scheduling.terms import term_calendar

# Meetings that count for a slot: still to come, or that happened.
ACTIVE = (MeetingStatus.scheduled, MeetingStatus.held, MeetingStatus.missed)


def clashes_public(session: Session, clashes: list[busy.Clash]) -> list[ClashPublic]:
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    return [
        ClashPublic(
            starts_at=c.wanted.starts_at,
            ends_at=c.wanted.ends_at,
            clashes_with=BusyPublic(
                source=c.busy.source,
                title=c.busy.title,
                person=names[c.busy.user_id],
                starts_at=c.busy.starts_at,
                ends_at=c.busy.ends_at,
            ),
        )
        for c in clashes
    ]


def clash_problem(session: Session, clashes: list[busy.Clash]) -> Conflict:
    listed = clashes_public(session, clashes)
    return Conflict(
        f"{len(listed)} occurrence(s) clash with what the mentor or mentee already has.",
        slug="schedule-clash",
        clashes=[c.model_dump(mode="json") for c in listed],
    )


@dataclass
class PlannedMeeting:
    occurrence_date: date
    starts_at: datetime
    ends_at: datetime


def plan_slot(session: Session, pairing: Pairing, body: SlotCreate) -> list[PlannedMeeting]:
    """One meeting per term week from starts_on to ends_on, at the school's wall-clock time."""
    if body.starts_on < pairing.starts_on or body.ends_on > pairing.ends_on:
        raise Unprocessable(
            f"The slot must fall inside the pairing ({pairing.starts_on} to {pairing.ends_on}).",
            errors=[FieldProblem(field="starts_on", detail="outside the pairing")],
        )
    school = session.get(School, pairing.school_id)
    assert school is not None
    zone = ZoneInfo(school.timezone)
    days = term_calendar(session, school.id).weekly_dates(
        body.weekday, body.starts_on, body.ends_on
    )
    if not days:
        raise Unprocessable(
            "No term-time weeks fall in that range; check the school's term dates.",
            errors=[FieldProblem(field="ends_on", detail="no term weeks in range")],
        )
    length = timedelta(minutes=body.duration_minutes)
    planned = []
    for day in days:
        starts = datetime.combine(day, body.start_time, tzinfo=zone).astimezone(UTC)
        planned.append(PlannedMeeting(day, starts, starts + length))
    return planned


def schedule_slot(
    session: Session,
    principal: Principal,
    pairing_id: uuid.UUID,
    body: SlotCreate,
    *,
    dry_run: bool,
) -> SchedulePlan | tuple[ProtectedSlot, list[Meeting]]:
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    if not policy.may_change(principal, pairing):
        raise Forbidden("Only the mentor, the mentee or a school lead can do this.")
    planned = plan_slot(session, pairing, body)
    clashes = busy.find_clashes(
        session,
        {pairing.mentor_id, pairing.mentee_id},
        [busy.Interval(p.starts_at, p.ends_at) for p in planned],
    )
    if dry_run:
        return SchedulePlan(
            occurrences=[
                OccurrencePublic(starts_at=p.starts_at, ends_at=p.ends_at) for p in planned
            ],
            clashes=clashes_public(session, clashes),
        )
    if clashes:
        raise clash_problem(session, clashes)
    slot = ProtectedSlot(pairing_id=pairing.id, created_by=principal.id, **body.model_dump())
    session.add(slot)
    meetings = [
        Meeting(
            pairing_id=pairing.id,
            slot_id=slot.id,
            occurrence_date=p.occurrence_date,
            starts_at=p.starts_at,
            ends_at=p.ends_at,
            location=body.location,
        )
        for p in planned
    ]
    session.add_all(meetings)
    audit.record(
        session,
        principal,
        "slot.created",
        object_type="protected_slot",
        object_id=slot.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes=body.model_dump(mode="json") | {"meetings": len(meetings)},
    )
    return slot, meetings


def list_slots(session: Session, principal: Principal, pairing_id: uuid.UUID) -> list[SlotPublic]:
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    slots = session.exec(
        select(ProtectedSlot)
        .where(ProtectedSlot.pairing_id == pairing.id)
        .order_by(col(ProtectedSlot.starts_on))
    ).all()
    counts: dict[uuid.UUID, int] = {}
    for slot_id in session.exec(
        select(Meeting.slot_id).where(
            col(Meeting.slot_id).in_([s.id for s in slots]), col(Meeting.status).in_(ACTIVE)
        )
    ).all():
        if slot_id is not None:
            counts[slot_id] = counts.get(slot_id, 0) + 1
    return [slot_public(s, counts.get(s.id, 0)) for s in slots]


def slot_public(slot: ProtectedSlot, meeting_count: int) -> SlotPublic:
    return SlotPublic.model_validate({**slot.model_dump(), "meeting_count": meeting_count})
