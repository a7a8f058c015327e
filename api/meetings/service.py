"""Meetings: who sees which, and protected cancelling (moved within the school week, or lost),
for one meeting or this and every later one; and what a pairing's end calls off. Slots are in
`slots.py`, records and agendas in `records.py`. No HTTP here."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func
from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core import events
from api.core.models import utcnow
from api.core.pagination import Page, PageParams, page_of
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date, human_range, human_time
from api.meetings import closures, policy, slots
from api.meetings.events import MeetingsLost
from api.meetings.models import (
    CancelReason,
    Meeting,
    MeetingRecord,
    MeetingStatus,
    ProtectedSlot,
)
from api.meetings.schemas import (
    CancelOutcome,
    CancelResult,
    CancelScope,
    MeetingCancel,
    MeetingChange,
    MeetingPublic,
    SortOrder,
)
from api.mentoring import service as mentoring
from api.mentoring.events import PairingEnded
from api.mentoring.models import Pairing
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import School
from api.scheduling import busy
from api.scheduling.terms import school_week, term_calendar

# --- clashes ------------------------------------------------------------------------------------


# --- slots ---------------------------------------------------------------------------------------


# --- meetings ------------------------------------------------------------------------------------


def meetings_query(
    session: Session,
    principal: Principal,
    *,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    pairing_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    status: MeetingStatus | None = None,
    change: CancelOutcome | None = None,
    cancel_reason: CancelReason | None = None,
    not_recorded: bool = False,
    on_closure_day: bool = False,
    order: SortOrder = SortOrder.asc,
) -> SelectOfScalar[Meeting]:
    query = (
        select(Meeting)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .where(policy.visible_meetings(principal))
    )
    if starts_from:
        query = query.where(Meeting.starts_at >= starts_from)
    if starts_before:
        query = query.where(Meeting.starts_at < starts_before)
    # Ids in filters answer 404 when out of sight, as they do anywhere else.
    if pairing_id:
        mentoring.get_pairing(session, principal, pairing_id)
        query = query.where(Meeting.pairing_id == pairing_id)
    if school_id:
        org_service.get_school(session, principal, school_id)
        query = query.where(Pairing.school_id == school_id)
    if person_id:
        query = query.where(or_(Pairing.mentor_id == person_id, Pairing.mentee_id == person_id))
    if status:
        query = query.where(Meeting.status == status)
    if change == CancelOutcome.lost:
        query = query.where(col(Meeting.lost).is_(True))
    elif change == CancelOutcome.moved:
        query = query.where(col(Meeting.moved_from).is_not(None))
    if cancel_reason:
        query = query.where(Meeting.cancel_reason == cancel_reason)
    if not_recorded:
        # Over, and nobody has said whether it was held or did not take place.
        query = query.where(Meeting.status == MeetingStatus.scheduled, Meeting.ends_at <= utcnow())
    if on_closure_day:
        query = query.where(closures.on_closure_day_filter(session, principal, school_id))
    if order == SortOrder.desc:
        return query.order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    return query.order_by(col(Meeting.starts_at), col(Meeting.id))


def get_meeting(session: Session, principal: Principal, meeting_id: uuid.UUID) -> Meeting:
    return first_visible(
        session,
        select(Meeting)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .where(Meeting.id == meeting_id, policy.visible_meetings(principal)),
        "meeting",
        meeting_id,
    )


def meetings_public(session: Session, meetings: list[Meeting]) -> list[MeetingPublic]:
    # Only the columns each row needs; most pages name the same few pairings again and again.
    pairings = {
        pairing_id: (school_id, mentor_id, mentee_id)
        for pairing_id, school_id, mentor_id, mentee_id in session.exec(
            select(Pairing.id, Pairing.school_id, Pairing.mentor_id, Pairing.mentee_id).where(
                col(Pairing.id).in_({m.pairing_id for m in meetings})
            )
        )
    }
    people = org_people.people_refs(
        session, {person for _, *pair in pairings.values() for person in pair}
    )
    closed = closures.closed_days(session, [(m, pairings[m.pairing_id][0]) for m in meetings])
    recorded = set(
        session.exec(
            select(MeetingRecord.meeting_id).where(
                col(MeetingRecord.meeting_id).in_([m.id for m in meetings])
            )
        ).all()
    )
    return [
        MeetingPublic.model_validate(
            {
                **m.model_dump(),
                "school_id": pairings[m.pairing_id][0],
                "mentor": people[pairings[m.pairing_id][1]],
                "mentee": people[pairings[m.pairing_id][2]],
                "has_record": m.id in recorded,
                "closed_day": f"{closed[m.id].name}, {closed[m.id].dates}"
                if m.id in closed
                else None,
            }
        )
        for m in meetings
    ]


# A list page reads plain columns: the meeting's own, its pairing's school and people, and
# whether it has a record, with the count of the whole list, in one query; no ORM objects.
_meetings = Meeting.__table__  # type: ignore[attr-defined]
_PUBLIC_COLUMNS = (
    "id",
    "pairing_id",
    "slot_id",
    "occurrence_date",
    "starts_at",
    "ends_at",
    "location",
    "status",
    "lost",
    "cancel_reason",
    "moved_from",
    "change_reason",
)
_LIST_COLUMNS = (
    *(_meetings.c[name] for name in _PUBLIC_COLUMNS),
    col(Pairing.school_id),
    col(Pairing.mentor_id),
    col(Pairing.mentee_id),
    exists()
    .where(col(MeetingRecord.meeting_id) == _meetings.c.id)
    .correlate(_meetings)
    .label("has_record"),
)


@dataclass(frozen=True)
class _Listed:
    """What a closure check needs of a listed meeting."""

    id: uuid.UUID
    status: MeetingStatus
    starts_at: datetime


def meetings_page(
    session: Session, query: SelectOfScalar[Meeting], page: PageParams
) -> Page[MeetingPublic]:
    """One page of `meetings_query`, made public: the same answer as `meetings_public` gives
    for its rows, from one query of columns, one of names and (when any is scheduled) one of
    closures."""
    counted = (
        query.with_only_columns(*_LIST_COLUMNS, func.count().over(), maintain_column_froms=True)
        .limit(page.limit)
        .offset(page.offset)
    )
    rows = session.connection().execute(counted).all()
    if not rows:
        return page_of(session, query, page, lambda meetings: meetings_public(session, meetings))
    people = org_people.people_refs(
        session, {person for row in rows for person in (row.mentor_id, row.mentee_id)}
    )
    closed = closures.closed_days(
        session, [(_Listed(row.id, row.status, row.starts_at), row.school_id) for row in rows]
    )
    items = []
    for row in rows:
        item = {name: row._mapping[name] for name in _PUBLIC_COLUMNS}
        window = closed.get(row.id)
        item.update(
            school_id=row.school_id,
            mentor=people[row.mentor_id],
            mentee=people[row.mentee_id],
            has_record=bool(row.has_record),
            closed_day=f"{window.name}, {window.dates}" if window else None,
        )
        items.append(MeetingPublic.model_validate(item))
    return Page(items=items, total=rows[0][-1], limit=page.limit, offset=page.offset)


def cancel_meeting(
    session: Session,
    principal: Principal,
    meeting_id: uuid.UUID,
    body: MeetingCancel,
    *,
    dry_run: bool,
    as_of: datetime | None = None,
) -> CancelResult:
    """Moves (same school week) or loses this meeting, or this and every later one. `as_of` is
    for seeding history (the demo): the change as it was made back then."""
    meeting = get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    if not policy.may_change(principal, pairing):
        raise Forbidden("Only the mentor, the mentee or a school lead can do this.")
    if not policy.is_changeable(meeting):
        raise Conflict(f"This meeting is {meeting.status.value}; only scheduled ones change.")
    targets = _targets(session, meeting, body.scope)
    if body.outcome == CancelOutcome.lost:
        changes = [
            MeetingChange(meeting_id=m.id, starts_at=m.starts_at, new_starts_at=None)
            for m in targets
        ]
        if not dry_run:
            for m in targets:
                _mark(
                    m,
                    principal,
                    body.reason,
                    status=MeetingStatus.cancelled,
                    lost=True,
                    why=CancelReason.called_off,
                )
                session.add(m)
            lost = MeetingsLost(pairing.id, tuple(m.id for m in targets), body.reason, principal)
            events.publish(session, lost)
        clashes: list[busy.Clash] = []
    else:
        assert body.new_starts_at is not None
        _check_movable(session, pairing, meeting, body.new_starts_at, as_of or utcnow())
        moves = _plan_moves(session, pairing, meeting, targets, body.new_starts_at)
        changes = [
            MeetingChange(meeting_id=m.id, starts_at=m.starts_at, new_starts_at=new)
            for m, new in moves
        ]
        clashes = busy.find_clashes(
            session,
            {pairing.mentor_id, pairing.mentee_id},
            [busy.Interval(new, new + (m.ends_at - m.starts_at)) for m, new in moves],
            ignore={m.id for m in targets},
        )
        if clashes and not dry_run:
            raise slots.clash_problem(session, clashes, pairing)
        if not dry_run:
            for m, new in moves:
                length = m.ends_at - m.starts_at
                m.moved_from = m.moved_from or m.starts_at
                m.starts_at, m.ends_at = new, new + length
                _mark(m, principal, body.reason, status=MeetingStatus.scheduled, lost=False)
                session.add(m)
    if not dry_run:
        audit.record(
            session,
            principal,
            f"meeting.{body.outcome.value}",
            object_type="meeting",
            object_id=meeting.id,
            trust_id=mentoring.trust_id_of(session, pairing),
            changes={"reason": body.reason, "scope": body.scope, "meetings": len(targets)},
        )
    return CancelResult(
        changed=changes, clashes=slots.clashes_public(session, clashes, pairing), dry_run=dry_run
    )


def _check_movable(
    session: Session, pairing: Pairing, meeting: Meeting, new_starts_at: datetime, now: datetime
) -> None:
    """A meeting that has started stays where it was: record it, or call it off. Nor does a
    meeting move to a time already gone."""
    zone = slots.school_zone(session, pairing)
    if not policy.is_movable(meeting, now):
        raise Conflict(
            f"This meeting started on {human_time(meeting.starts_at.astimezone(zone))}; a "
            "meeting that has started cannot move to a new time. Record it, or call it off.",
            slug="meeting-started",
        )
    if new_starts_at <= now:
        raise Unprocessable(
            f"{human_time(new_starts_at.astimezone(zone))} has already passed; choose a time "
            "still to come.",
            errors=[FieldProblem(field="new_starts_at", detail="in the past")],
        )


def _targets(session: Session, meeting: Meeting, scope: CancelScope) -> list[Meeting]:
    if scope == CancelScope.this or meeting.slot_id is None:
        return [meeting]
    return list(
        session.exec(
            select(Meeting)
            .where(
                Meeting.slot_id == meeting.slot_id,
                Meeting.occurrence_date >= meeting.occurrence_date,
                Meeting.status == MeetingStatus.scheduled,
            )
            .order_by(col(Meeting.occurrence_date))
        ).all()
    )


def _plan_moves(
    session: Session,
    pairing: Pairing,
    meeting: Meeting,
    targets: list[Meeting],
    new_starts_at: datetime,
) -> list[tuple[Meeting, datetime]]:
    """The same shift, in the school's wall-clock time, for every target meeting; each must
    stay in its own school week."""
    school = session.get(School, pairing.school_id)
    assert school is not None
    zone = ZoneInfo(school.timezone)
    new_local = new_starts_at.astimezone(zone)
    # Shift from the slot's own day, so a meeting moved before moves by the same amount.
    day_shift = (new_local.date() - meeting.occurrence_date).days
    terms = term_calendar(session, school.id)
    moves = []
    for target in targets:
        day = target.occurrence_date + timedelta(days=day_shift)
        week_start, week_end = school_week(target.occurrence_date)
        if not week_start <= day <= week_end:
            raise Unprocessable(
                "A moved meeting must stay in its school week "
                f"({human_range(week_start, week_end)}); to give it up, call it off instead.",
                errors=[FieldProblem(field="new_starts_at", detail="outside the school week")],
            )
        if not pairing.starts_on <= day <= pairing.ends_on or not terms.is_term_day(day):
            raise Unprocessable(
                f"{human_date(day)} is not a term day of this pairing; "
                "choose another day that week.",
                errors=[FieldProblem(field="new_starts_at", detail="not a term day")],
            )
        wall_clock = new_local.timetz().replace(tzinfo=None)
        moves.append((target, datetime.combine(day, wall_clock, tzinfo=zone).astimezone(UTC)))
    return moves


def _mark(
    meeting: Meeting,
    principal: Principal,
    reason: str,
    *,
    status: MeetingStatus,
    lost: bool,
    why: CancelReason | None = None,
) -> None:
    meeting.status = status
    meeting.lost = lost
    meeting.cancel_reason = why
    meeting.change_reason = reason
    meeting.changed_by = principal.id
    meeting.changed_at = utcnow()


def stop_after_pairing_end(session: Session, event: PairingEnded) -> None:
    """Cancels the scheduled meetings after a pairing's new end (not lost: the pairing ended)
    and ends its slots there."""
    pairing = session.get(Pairing, event.pairing_id)
    assert pairing is not None
    later = session.exec(
        select(Meeting).where(
            Meeting.pairing_id == pairing.id,
            Meeting.status == MeetingStatus.scheduled,
            Meeting.occurrence_date > event.last_day,
        )
    ).all()
    for meeting in later:
        _mark(
            meeting,
            event.actor,
            f"Pairing ended: {event.reason}",
            status=MeetingStatus.cancelled,
            lost=False,
            why=CancelReason.pairing_ended,
        )
        session.add(meeting)
    for slot in session.exec(
        select(ProtectedSlot).where(
            ProtectedSlot.pairing_id == pairing.id, ProtectedSlot.ends_on > event.last_day
        )
    ).all():
        slot.ends_on = max(slot.starts_on, event.last_day)
        session.add(slot)
    if later:
        audit.record(
            session,
            event.actor,
            "meetings.cancelled_after_pairing_end",
            object_type="pairing",
            object_id=pairing.id,
            trust_id=mentoring.trust_id_of(session, pairing),
            changes={"meetings": len(later)},
        )


# --- records, actions and agendas ----------------------------------------------------------
