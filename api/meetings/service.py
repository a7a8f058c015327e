"""Rules for protected slots and meetings: term weeks only, no clashes, protected cancelling,
and records kept by the person the agreement names. No HTTP here."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.meetings import policy
from api.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingAction,
    MeetingRecord,
    MeetingStatus,
    ProtectedSlot,
)
from api.meetings.schemas import (
    ActionPublic,
    AgendaItemPublic,
    BusyPublic,
    CancelOutcome,
    CancelResult,
    CancelScope,
    ClashPublic,
    MeetingCancel,
    MeetingChange,
    MeetingDetail,
    MeetingPublic,
    OccurrencePublic,
    RecordPublic,
    RecordWrite,
    SchedulePlan,
    SlotCreate,
    SlotPublic,
    SortOrder,
)
from api.mentoring import service as mentoring
from api.mentoring.events import PairingEnded
from api.mentoring.models import Pairing, RecordKeeper
from api.mentoring.schemas import PersonRef
from api.org import service as org_service
from api.org.models import School
from api.scheduling import busy
from api.scheduling.terms import school_week, term_calendar

ACTIVE = (MeetingStatus.scheduled, MeetingStatus.held, MeetingStatus.missed)


# --- clashes ------------------------------------------------------------------------------------


def _clashes_public(session: Session, clashes: list[busy.Clash]) -> list[ClashPublic]:
    names = _people(session, {c.busy.user_id for c in clashes})
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


def _people(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, PersonRef]:
    return mentoring.people_refs(session, ids)


def _clash_problem(session: Session, clashes: list[busy.Clash]) -> Conflict:
    listed = _clashes_public(session, clashes)
    return Conflict(
        f"{len(listed)} occurrence(s) clash with what the mentor or mentee already has.",
        slug="schedule-clash",
        clashes=[c.model_dump(mode="json") for c in listed],
    )


# --- slots ---------------------------------------------------------------------------------------


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
            clashes=_clashes_public(session, clashes),
        )
    if clashes:
        raise _clash_problem(session, clashes)
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
        .order_by(ProtectedSlot.starts_on)
    ).all()
    counts: dict[uuid.UUID, int] = {}
    for slot_id in session.exec(
        select(Meeting.slot_id).where(
            col(Meeting.slot_id).in_([s.id for s in slots]), col(Meeting.status).in_(ACTIVE)
        )
    ).all():
        counts[slot_id] = counts.get(slot_id, 0) + 1
    return [slot_public(s, counts.get(s.id, 0)) for s in slots]


def slot_public(slot: ProtectedSlot, meeting_count: int) -> SlotPublic:
    return SlotPublic.model_validate({**slot.model_dump(), "meeting_count": meeting_count})


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
    if order == SortOrder.desc:
        return query.order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    return query.order_by(Meeting.starts_at, Meeting.id)


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
        p.id: p
        for p in session.exec(
            select(Pairing.id, Pairing.school_id, Pairing.mentor_id, Pairing.mentee_id).where(
                col(Pairing.id).in_({m.pairing_id for m in meetings})
            )
        )
    }
    people = _people(
        session, {p.mentor_id for p in pairings.values()} | {p.mentee_id for p in pairings.values()}
    )
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
                "school_id": pairings[m.pairing_id].school_id,
                "mentor": people[pairings[m.pairing_id].mentor_id],
                "mentee": people[pairings[m.pairing_id].mentee_id],
                "has_record": m.id in recorded,
            }
        )
        for m in meetings
    ]


def cancel_meeting(
    session: Session,
    principal: Principal,
    meeting_id: uuid.UUID,
    body: MeetingCancel,
    *,
    dry_run: bool,
) -> CancelResult:
    """Moves (same school week) or loses this meeting, or this and every later one."""
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
                _mark(m, principal, body.reason, status=MeetingStatus.cancelled, lost=True)
                session.add(m)
        clashes: list[busy.Clash] = []
    else:
        assert body.new_starts_at is not None
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
            raise _clash_problem(session, clashes)
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
    return CancelResult(changed=changes, clashes=_clashes_public(session, clashes), dry_run=dry_run)


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
            .order_by(Meeting.occurrence_date)
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
                f"A moved meeting must stay in its school week ({week_start} to {week_end}); "
                "to give it up, mark it lost instead.",
                errors=[FieldProblem(field="new_starts_at", detail="outside the school week")],
            )
        if not pairing.starts_on <= day <= pairing.ends_on or not terms.is_term_day(day):
            raise Unprocessable(
                f"{day} is not a term day of this pairing; choose another day that week.",
                errors=[FieldProblem(field="new_starts_at", detail="not a term day")],
            )
        wall_clock = new_local.timetz().replace(tzinfo=None)
        moves.append((target, datetime.combine(day, wall_clock, tzinfo=zone).astimezone(UTC)))
    return moves


def _mark(
    meeting: Meeting, principal: Principal, reason: str, *, status: MeetingStatus, lost: bool
) -> None:
    meeting.status = status
    meeting.lost = lost
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


def record_keeper_id(session: Session, pairing: Pairing) -> uuid.UUID:
    # Only an agreed version counts: a proposal does not move the record to the proposer.
    agreement = mentoring.agreed_agreement(session, pairing.id)
    if agreement is not None and agreement.record_keeper == RecordKeeper.mentee:
        return pairing.mentee_id
    return pairing.mentor_id


def save_record(
    session: Session, principal: Principal, meeting_id: uuid.UUID, body: RecordWrite
) -> MeetingDetail:
    meeting = get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    if not policy.may_keep_record(principal, record_keeper_id(session, pairing)):
        raise Forbidden("The agreement names someone else to keep the record of this meeting.")
    if meeting.status == MeetingStatus.cancelled:
        raise Conflict("This meeting was cancelled; there is nothing to record.")
    if meeting.starts_at > utcnow():
        raise Conflict("This meeting has not started yet; record it once it has happened.")
    record = session.get(MeetingRecord, meeting.id)
    if record is None:
        record = MeetingRecord(meeting_id=meeting.id, recorded_by=principal.id)
    else:
        record.updated_at = utcnow()
        record.recorded_by = principal.id
    record.notes, record.targets_reviewed = body.notes, body.targets_reviewed
    record.wellbeing_discussed = body.wellbeing_discussed
    session.add(record)
    meeting.status = body.status
    session.add(meeting)
    _save_actions(session, meeting, pairing, body)
    audit.record(
        session,
        principal,
        "meeting.recorded",
        object_type="meeting",
        object_id=meeting.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        # That it was recorded, and how it went, is what the meeting itself shows overseers.
        changes={"status": body.status},
    )
    session.flush()
    return meeting_detail(session, principal, meeting)


def _save_actions(session: Session, meeting: Meeting, pairing: Pairing, body: RecordWrite) -> None:
    """The record's actions: ones sent with an id are kept (and keep their done mark), new
    ones are added, and ones left out are removed."""
    existing = {
        a.id: a
        for a in session.exec(
            select(MeetingAction).where(MeetingAction.meeting_id == meeting.id)
        ).all()
    }
    owners = {"mentor": pairing.mentor_id, "mentee": pairing.mentee_id}
    kept: set[uuid.UUID] = set()
    for written in body.actions:
        action = existing.get(written.id) if written.id else None
        if written.id and action is None:
            raise Unprocessable(f"Action {written.id} is not one of this meeting's actions.")
        if action is None:
            action = MeetingAction(
                meeting_id=meeting.id, pairing_id=pairing.id, text="", owner_id=pairing.mentor_id
            )
        action.text, action.owner_id, action.due_on = (
            written.text,
            owners[written.owner],
            written.due_on,
        )
        session.add(action)
        kept.add(action.id)
    for action_id, action in existing.items():
        if action_id not in kept:
            session.delete(action)


def add_agenda_item(
    session: Session, principal: Principal, meeting_id: uuid.UUID, text: str
) -> MeetingDetail:
    meeting = get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    if not policy.may_add_to_agenda(principal, pairing):
        raise Forbidden("Only the mentor and the mentee add to their agenda.")
    if not policy.is_changeable(meeting):
        raise Conflict(f"This meeting is {meeting.status.value}; its agenda is closed.")
    item = AgendaItem(meeting_id=meeting.id, text=text, added_by=principal.id)
    session.add(item)
    audit.record(
        session,
        principal,
        "agenda_item.added",
        object_type="agenda_item",
        object_id=item.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes={"meeting_id": meeting.id},
    )
    session.flush()
    return meeting_detail(session, principal, meeting)


def set_action_done(
    session: Session, principal: Principal, action_id: uuid.UUID, done: bool
) -> ActionPublic:
    found = first_visible(
        session,
        select(MeetingAction, Pairing)
        .join(Pairing, col(Pairing.id) == MeetingAction.pairing_id)
        # Actions are record content: out of sight for whoever cannot read the record.
        .where(MeetingAction.id == action_id, policy.readable_records(principal)),
        "action",
        action_id,
    )
    action, pairing = found
    if not policy.may_tick_actions(principal, pairing):
        raise Forbidden("Only the mentor and the mentee tick off their actions.")
    action.done = done
    action.done_at = utcnow() if done else None
    session.add(action)
    audit.record(
        session,
        principal,
        "action.updated",
        object_type="meeting_action",
        object_id=action.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes={"done": done},
    )
    return _actions_public(session, [action])[0]


def _actions_public(session: Session, actions: list[MeetingAction]) -> list[ActionPublic]:
    people = _people(session, {a.owner_id for a in actions})
    weeks = dict(
        session.exec(
            select(Meeting.id, Meeting.occurrence_date).where(
                col(Meeting.id).in_({a.meeting_id for a in actions})
            )
        ).all()
    )
    return [
        ActionPublic.model_validate(
            {**a.model_dump(), "owner": people[a.owner_id], "meeting_date": weeks[a.meeting_id]}
        )
        for a in actions
    ]


def meeting_detail(session: Session, principal: Principal, meeting: Meeting) -> MeetingDetail:
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    public = meetings_public(session, [meeting])[0]
    readable = policy.may_read_record(principal, pairing)
    carried = (
        session.exec(
            select(MeetingAction)
            .join(Meeting, col(Meeting.id) == MeetingAction.meeting_id)
            .where(
                MeetingAction.pairing_id == pairing.id,
                col(MeetingAction.done).is_(False),
                Meeting.starts_at < meeting.starts_at,
            )
            .order_by(Meeting.starts_at, MeetingAction.created_at)
        ).all()
        if readable
        else []
    )
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id, readable)
        .order_by(AgendaItem.created_at)
    ).all()
    people = _people(session, {i.added_by for i in items} | {record_keeper_id(session, pairing)})
    record = session.get(MeetingRecord, meeting.id)
    record_public = None
    if record is not None and readable:
        actions = session.exec(
            select(MeetingAction)
            .where(MeetingAction.meeting_id == meeting.id)
            .order_by(MeetingAction.created_at)
        ).all()
        record_public = RecordPublic.model_validate(
            {**record.model_dump(), "actions": _actions_public(session, list(actions))}
        )
    keeper = record_keeper_id(session, pairing)
    return MeetingDetail.model_validate(
        {
            **public.model_dump(),
            "can": policy.meeting_can(principal, pairing, meeting, keeper, utcnow()),
            "content_visible": readable,
            "record_keeper": people[keeper],
            "carried_actions": _actions_public(session, list(carried)),
            "agenda_items": [
                AgendaItemPublic.model_validate({**i.model_dump(), "added_by": people[i.added_by]})
                for i in items
            ],
            "record": record_public,
        }
    )
