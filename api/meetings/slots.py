"""Protected weekly slots: one meeting per term week at the school's wall-clock time, every
occurrence checked for clashes before anything is saved; free times to propose; a slot changed
from a date onward, or ended. No HTTP here.

A pair has one weekly slot at a time unless a second is asked for on purpose, and slots start
today or later: past meetings count as delivered once recorded, so only a school lead adds them,
with a reason that goes in the audit log.

The slot owns the room its meetings are in. The agreement's `meeting_location` is what the pair
agreed in words; changing it does not move anyone silently (a meeting's room is what people
walk to). The web app offers to change the slot from a date when the two differ, and that is
the one way meetings change room.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date, human_range
from api.meetings import policy
from api.meetings.models import (
    Meeting,
    MeetingStatus,
    ProtectedSlot,
)
from api.meetings.schemas import (
    BusyPublic,
    ClashGroup,
    ClashPublic,
    FreeTime,
    FreeTimes,
    OccurrencePublic,
    SchedulePlan,
    SlotChange,
    SlotChangeResult,
    SlotCreate,
    SlotEnd,
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
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# School hours searched for free times: starts from 08:00, on the half hour, ending by 17:30.
SCHOOL_DAY_STARTS, SCHOOL_DAY_ENDS, STEP_MINUTES = time(8, 0), time(17, 30), 30
SUGGESTIONS = 3


def school_zone(session: Session, pairing: Pairing) -> ZoneInfo:
    school = session.get(School, pairing.school_id)
    assert school is not None
    return ZoneInfo(school.timezone)


def school_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(zone).date()


def weekly_words(weekday: int, start_time: time, location: str | None = None) -> str:
    """Wednesdays at 15:30 (in Room 12)."""
    words = f"{DAY_NAMES[weekday]}s at {start_time:%H:%M}"
    return f"{words} in {location}" if location else words


# --- clashes, said in plain words ---------------------------------------------------------------


def _describe(session: Session, pairing: Pairing | None, clashes: list[busy.Clash]) -> list[str]:
    """What each clash is with: the pair's own slot or meetings, or what someone else has on."""
    names = org_people.people_refs(session, {c.busy.user_id for c in clashes})
    meeting_ids = {c.busy.source_id for c in clashes if c.busy.source == "meeting"}
    meetings = {
        m.id: m for m in session.exec(select(Meeting).where(col(Meeting.id).in_(meeting_ids)))
    }
    slot_ids = {m.slot_id for m in meetings.values() if m.slot_id is not None}
    slots = {
        s.id: s
        for s in session.exec(select(ProtectedSlot).where(col(ProtectedSlot.id).in_(slot_ids)))
    }
    words = []
    for clash in clashes:
        person = names[clash.busy.user_id].full_name
        meeting = meetings.get(clash.busy.source_id) if clash.busy.source == "meeting" else None
        if meeting is not None and pairing is not None and meeting.pairing_id == pairing.id:
            slot = slots.get(meeting.slot_id) if meeting.slot_id else None
            if slot is not None:
                when = weekly_words(slot.weekday, slot.start_time)
                words.append(f"your existing weekly slot ({when})")
            else:
                words.append("another meeting of yours together")
        elif meeting is not None:
            words.append(f"{person}'s mentoring meeting with someone else")
        else:
            words.append(f"{person}'s {clash.busy.title}")
    return words


def clashes_public(
    session: Session, clashes: list[busy.Clash], pairing: Pairing | None = None
) -> list[ClashPublic]:
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
            description=words,
        )
        for c, words in zip(clashes, _describe(session, pairing, clashes), strict=True)
    ]


def clash_summary(listed: list[ClashPublic], zone: ZoneInfo) -> list[ClashGroup]:
    """One line per thing clashed with, counted in weeks: "28 Wednesdays clash with ..."."""
    weeks: dict[str, set[datetime]] = defaultdict(set)
    for clash in listed:
        weeks[clash.description].add(clash.starts_at)
    groups = []
    for description, starts in weeks.items():
        days = {s.astimezone(zone).weekday() for s in starts}
        count = len(starts)
        if len(days) == 1:
            unit = DAY_NAMES[days.pop()] + ("s" if count != 1 else "")
        else:
            unit = "week" if count == 1 else "weeks"
        verb = "clashes" if count == 1 else "clash"
        groups.append(
            ClashGroup(
                description=description,
                weeks=count,
                summary=f"{count} {unit} {verb} with {description}",
            )
        )
    return sorted(groups, key=lambda g: -g.weeks)


def clash_problem(
    session: Session, clashes: list[busy.Clash], pairing: Pairing | None = None
) -> Conflict:
    listed = clashes_public(session, clashes, pairing)
    zone = school_zone(session, pairing) if pairing is not None else ZoneInfo("Europe/London")
    groups = clash_summary(listed, zone)
    return Conflict(
        "; ".join(g.summary for g in groups) + ". Choose another time, then check again.",
        slug="schedule-clash",
        clashes=[c.model_dump(mode="json") for c in listed],
        clash_summary=[g.model_dump(mode="json") for g in groups],
    )


# --- planning a slot ----------------------------------------------------------------------------


@dataclass
class PlannedMeeting:
    occurrence_date: date
    starts_at: datetime
    ends_at: datetime


def plan_slot(session: Session, pairing: Pairing, body: SlotCreate) -> list[PlannedMeeting]:
    """One meeting per term week from starts_on to ends_on, at the school's wall-clock time."""
    if body.starts_on < pairing.starts_on or body.ends_on > pairing.ends_on:
        raise Unprocessable(
            "The slot must fall inside the pairing "
            f"({human_range(pairing.starts_on, pairing.ends_on)}).",
            errors=[FieldProblem(field="starts_on", detail="outside the pairing")],
        )
    zone = school_zone(session, pairing)
    days = term_calendar(session, pairing.school_id).weekly_dates(
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


def _check_start(principal: Principal, pairing: Pairing, body: SlotCreate, today: date) -> None:
    if body.starts_on >= today:
        if body.backfill_reason is not None:
            raise Unprocessable(
                "A reason for back-filling is only for a slot that starts before today; "
                "leave it out.",
                errors=[FieldProblem(field="backfill_reason", detail="only for past dates")],
            )
        return
    if not policy.may_backfill(principal, pairing):
        raise Unprocessable(
            f"A weekly slot starts today ({human_date(today)}) or later. Past meetings can "
            "only be added by a school lead, with a reason.",
            errors=[FieldProblem(field="starts_on", detail="before today")],
        )
    if body.backfill_reason is None:
        raise Unprocessable(
            f"This slot starts before today ({human_date(today)}), so it adds meetings that "
            "are already past. Say why in backfill_reason; it is kept in the audit log.",
            errors=[FieldProblem(field="backfill_reason", detail="required for past dates")],
        )


def _check_one_slot(session: Session, pairing: Pairing, body: SlotCreate) -> None:
    if body.additional:
        return
    existing = session.exec(
        select(ProtectedSlot)
        .where(
            ProtectedSlot.pairing_id == pairing.id,
            ProtectedSlot.ends_on >= body.starts_on,
            ProtectedSlot.starts_on <= body.ends_on,
        )
        .order_by(col(ProtectedSlot.starts_on))
    ).first()
    if existing is None:
        return
    when = weekly_words(existing.weekday, existing.start_time, existing.location)
    raise Conflict(
        f"This pair already has a weekly slot: {when}, "
        f"{human_range(existing.starts_on, existing.ends_on)}. To move it, change that slot "
        "from a date; to add a second weekly slot on purpose, ask for an additional slot "
        '("additional": true).',
        slug="slot-exists",
    )


def schedule_slot(
    session: Session,
    principal: Principal,
    pairing_id: uuid.UUID,
    body: SlotCreate,
    *,
    dry_run: bool,
    as_of: datetime | None = None,
) -> SchedulePlan | tuple[ProtectedSlot, list[Meeting]]:
    """`as_of` is for seeding history (the demo): the slot as it was scheduled back then."""
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    if not policy.may_change(principal, pairing):
        raise Forbidden("Only the mentor, the mentee or a school lead can do this.")
    zone = school_zone(session, pairing)
    today = school_today(zone, as_of)
    _check_start(principal, pairing, body, today)
    _check_one_slot(session, pairing, body)
    planned = plan_slot(session, pairing, body)
    clashes = busy.find_clashes(
        session,
        {pairing.mentor_id, pairing.mentee_id},
        [busy.Interval(p.starts_at, p.ends_at) for p in planned],
    )
    if dry_run:
        listed = clashes_public(session, clashes, pairing)
        return SchedulePlan(
            occurrences=[
                OccurrencePublic(starts_at=p.starts_at, ends_at=p.ends_at) for p in planned
            ],
            clashes=listed,
            clash_summary=clash_summary(listed, zone),
        )
    if clashes:
        raise clash_problem(session, clashes, pairing)
    slot = ProtectedSlot(
        pairing_id=pairing.id,
        created_by=principal.id,
        **body.model_dump(exclude={"additional", "backfill_reason"}),
    )
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
    past = sum(1 for p in planned if p.occurrence_date < today)
    audit.record(
        session,
        principal,
        "slot.created",
        object_type="protected_slot",
        object_id=slot.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes=body.model_dump(mode="json", exclude_none=True)
        | {"meetings": len(meetings), "past_meetings": past},
    )
    return slot, meetings


# --- free times ---------------------------------------------------------------------------------


def _school_times(duration_minutes: int) -> list[time]:
    times = []
    minutes = SCHOOL_DAY_STARTS.hour * 60 + SCHOOL_DAY_STARTS.minute
    last = SCHOOL_DAY_ENDS.hour * 60 + SCHOOL_DAY_ENDS.minute - duration_minutes
    while minutes <= last:
        times.append(time(minutes // 60, minutes % 60))
        minutes += STEP_MINUTES
    return times


def free_times(
    session: Session,
    principal: Principal,
    pairing_id: uuid.UUID,
    *,
    duration_minutes: int,
    starts_on: date | None,
    ends_on: date | None,
) -> FreeTimes:
    """The first weekly times in school hours when neither person has anything on in any term
    week of the range, starting the search at the agreement's day and time, so the agreed time
    comes first whenever it is free."""
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    zone = school_zone(session, pairing)
    first = max(starts_on or school_today(zone), pairing.starts_on)
    last = min(ends_on or pairing.ends_on, pairing.ends_on)
    times = _school_times(duration_minutes)
    grid = [(weekday, t) for weekday in range(5) for t in times]
    # The newest version, agreed or not yet: its time is what the pair has in mind.
    agreement = mentoring.current_agreement(session, pairing.id)
    start = 0
    if agreement is not None and agreement.meeting_day < 5:
        wanted = (agreement.meeting_day, agreement.meeting_time.replace(tzinfo=None))
        start = next((i for i, cell in enumerate(grid) if cell >= wanted), 0)
    ordered = grid[start:] + grid[:start]
    calendar = term_calendar(session, pairing.school_id)
    length = timedelta(minutes=duration_minutes)
    wanted_by_cell: dict[tuple[int, time], list[busy.Interval]] = {}
    for weekday, t in ordered:
        intervals = []
        for day in calendar.weekly_dates(weekday, first, last) if first <= last else []:
            starts = datetime.combine(day, t, tzinfo=zone).astimezone(UTC)
            intervals.append(busy.Interval(starts, starts + length))
        wanted_by_cell[(weekday, t)] = intervals
    # One clash check for every candidate at once: the same few queries as for one slot.
    clashing = {
        c.wanted
        for c in busy.find_clashes(
            session,
            {pairing.mentor_id, pairing.mentee_id},
            [i for intervals in wanted_by_cell.values() for i in intervals],
        )
    }
    items = []
    for (weekday, t), intervals in wanted_by_cell.items():
        if intervals and not clashing.intersection(intervals):
            items.append(
                FreeTime(
                    weekday=weekday,
                    start_time=t,
                    duration_minutes=duration_minutes,
                    meetings=len(intervals),
                )
            )
            if len(items) == SUGGESTIONS:
                break
    return FreeTimes(
        items=items,
        starts_on=first,
        ends_on=last,
        searched=f"Monday to Friday, {SCHOOL_DAY_STARTS:%H:%M} to {SCHOOL_DAY_ENDS:%H:%M}, "
        "every term week",
    )


# --- listing ------------------------------------------------------------------------------------


def slots_query(
    session: Session, principal: Principal, pairing_id: uuid.UUID
) -> SelectOfScalar[ProtectedSlot]:
    """The pairing's slots, oldest first; 404 unless the person asking sees the pairing."""
    pairing = mentoring.get_pairing(session, principal, pairing_id)
    return (
        select(ProtectedSlot)
        .where(ProtectedSlot.pairing_id == pairing.id)
        .order_by(col(ProtectedSlot.starts_on), col(ProtectedSlot.id))
    )


def slots_public(session: Session, slots: Sequence[ProtectedSlot]) -> list[SlotPublic]:
    counts = _meeting_counts(session, [s.id for s in slots])
    return [slot_public(s, counts.get(s.id, 0)) for s in slots]


def _meeting_counts(session: Session, slot_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    counts: dict[uuid.UUID, int] = {}
    for slot_id in session.exec(
        select(Meeting.slot_id).where(
            col(Meeting.slot_id).in_(slot_ids), col(Meeting.status).in_(ACTIVE)
        )
    ).all():
        if slot_id is not None:
            counts[slot_id] = counts.get(slot_id, 0) + 1
    return counts


def slot_public(slot: ProtectedSlot, meeting_count: int) -> SlotPublic:
    return SlotPublic.model_validate({**slot.model_dump(), "meeting_count": meeting_count})


# --- changing from a date, and ending -----------------------------------------------------------


def get_slot(
    session: Session, principal: Principal, slot_id: uuid.UUID
) -> tuple[ProtectedSlot, Pairing]:
    found: tuple[ProtectedSlot, Pairing] = first_visible(
        session,
        select(ProtectedSlot, Pairing)
        .join(Pairing, col(Pairing.id) == ProtectedSlot.pairing_id)
        .where(ProtectedSlot.id == slot_id, policy.visible_meetings(principal)),
        "slot",
        slot_id,
    )
    slot, pairing = found
    if not policy.may_change(principal, pairing):
        raise Forbidden("Only the mentor, the mentee or a school lead can do this.")
    return found


def _later_meetings(session: Session, slot: ProtectedSlot, after: date) -> list[Meeting]:
    return list(
        session.exec(
            select(Meeting)
            .where(Meeting.slot_id == slot.id, Meeting.occurrence_date >= after)
            .order_by(col(Meeting.occurrence_date))
        ).all()
    )


def _follows(meeting: Meeting, now: datetime) -> bool:
    """Later meetings follow a change only while nothing has happened in them."""
    return meeting.status == MeetingStatus.scheduled and meeting.starts_at > now


def change_slot(
    session: Session,
    principal: Principal,
    slot_id: uuid.UUID,
    body: SlotChange,
    *,
    dry_run: bool,
) -> SlotChangeResult:
    """New time, length or room from a date onward. The slot splits there, so past meetings keep
    the slot they happened in (and the calendar feed keeps their series); the scheduled
    meetings from the date move to the new slot and its time, in one transaction. A meeting
    that was moved on its own keeps its moved time and takes the new length and room."""
    slot, pairing = get_slot(session, principal, slot_id)
    zone = school_zone(session, pairing)
    today, now = school_today(zone), utcnow()
    if body.from_date < today:
        raise Unprocessable(
            f"A change starts today ({human_date(today)}) or later; past meetings stay as "
            "they were.",
            errors=[FieldProblem(field="from_date", detail="before today")],
        )
    if body.from_date > slot.ends_on:
        raise Unprocessable(
            f"This slot ends on {human_date(slot.ends_on)}; choose a date on or before it.",
            errors=[FieldProblem(field="from_date", detail="after the slot ends")],
        )
    start_time = body.start_time or slot.start_time
    duration = body.duration_minutes or slot.duration_minutes
    location = body.location or slot.location
    if (start_time, duration, location) == (slot.start_time, slot.duration_minutes, slot.location):
        raise Unprocessable(
            f"The slot already meets {weekly_words(slot.weekday, start_time, location)} "
            f"for {duration} minutes; nothing would change.",
            errors=[FieldProblem(field="start_time", detail="nothing changes")],
        )
    later = _later_meetings(session, slot, body.from_date)
    following = [m for m in later if _follows(m, now)]
    untouched = [m for m in later if m.status != MeetingStatus.cancelled and not _follows(m, now)]
    length = timedelta(minutes=duration)
    new_times = {
        m.id: (
            m.starts_at
            if m.moved_from is not None
            else datetime.combine(m.occurrence_date, start_time, tzinfo=zone).astimezone(UTC)
        )
        for m in following
    }
    changed_times = [
        busy.Interval(new_times[m.id], new_times[m.id] + length)
        for m in following
        if (new_times[m.id], new_times[m.id] + length) != (m.starts_at, m.ends_at)
    ]
    clashes = busy.find_clashes(
        session,
        {pairing.mentor_id, pairing.mentee_id},
        changed_times,
        ignore={m.id for m in following},
    )
    after = weekly_words(slot.weekday, start_time, location)
    summary = (
        f"From {human_date(body.from_date)}, the slot meets {after} for {duration} minutes: "
        f"{_count(following, 'scheduled meeting')} follow"
        + ("s" if len(following) == 1 else "")
        + (f"; {_count(untouched, 'meeting')} already held or started stay." if untouched else ".")
    )
    listed = clashes_public(session, clashes, pairing)
    if dry_run or clashes:
        if clashes and not dry_run:
            raise clash_problem(session, clashes, pairing)
        preview = slot.model_copy(
            update={"start_time": start_time, "duration_minutes": duration, "location": location}
        )
        return SlotChangeResult(
            slot=slot_public(preview, len(following) + len(untouched)),
            summary=summary,
            meetings_changed=len(following),
            meetings_untouched=len(untouched),
            clashes=listed,
            clash_summary=clash_summary(listed, zone),
            dry_run=True,
        )
    before = {
        "start_time": slot.start_time.isoformat(timespec="minutes"),
        "duration_minutes": slot.duration_minutes,
        "location": slot.location,
    }
    current = slot
    if body.from_date > slot.starts_on:
        current = ProtectedSlot(
            pairing_id=slot.pairing_id,
            weekday=slot.weekday,
            start_time=start_time,
            duration_minutes=duration,
            location=location,
            starts_on=body.from_date,
            ends_on=slot.ends_on,
            created_by=principal.id,
        )
        slot.ends_on = body.from_date - timedelta(days=1)
        session.add_all([slot, current])
        session.flush()
    else:
        slot.start_time, slot.duration_minutes, slot.location = start_time, duration, location
        session.add(slot)
    for meeting in later:
        if meeting in following:
            meeting.starts_at = new_times[meeting.id]
            meeting.ends_at = new_times[meeting.id] + length
            meeting.location = location
        if meeting in following or meeting.status == MeetingStatus.cancelled:
            meeting.slot_id = current.id  # the week's history goes with the slot now in force
            session.add(meeting)
    audit.record(
        session,
        principal,
        "slot.changed",
        object_type="protected_slot",
        object_id=slot.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes={
            "from_date": body.from_date.isoformat(),
            "before": before,
            "after": {
                "start_time": start_time.isoformat(timespec="minutes"),
                "duration_minutes": duration,
                "location": location,
            },
            "reason": body.reason,
            "meetings": len(following),
            "slot_from_date": str(current.id),
        },
    )
    session.flush()
    return SlotChangeResult(
        slot=slot_public(current, _meeting_counts(session, [current.id]).get(current.id, 0)),
        summary=summary,
        meetings_changed=len(following),
        meetings_untouched=len(untouched),
        clashes=[],
        clash_summary=[],
        dry_run=False,
    )


def end_slot(
    session: Session,
    principal: Principal,
    slot_id: uuid.UUID,
    body: SlotEnd,
    *,
    dry_run: bool,
) -> SlotChangeResult:
    """The slot's last week is `last_date`; its scheduled meetings after that are called off
    (cancelled, not lost: nobody missed them), and held or started ones stay."""
    slot, pairing = get_slot(session, principal, slot_id)
    zone = school_zone(session, pairing)
    today, now = school_today(zone), utcnow()
    yesterday = today - timedelta(days=1)
    if body.last_date < yesterday:
        raise Unprocessable(
            f"The last date is yesterday ({human_date(yesterday)}) or later; meetings that "
            "already happened stay as they were.",
            errors=[FieldProblem(field="last_date", detail="in the past")],
        )
    if body.last_date >= slot.ends_on:
        raise Unprocessable(
            f"This slot already ends on {human_date(slot.ends_on)}; choose an earlier last date.",
            errors=[FieldProblem(field="last_date", detail="not before the slot's end")],
        )
    later = _later_meetings(session, slot, body.last_date + timedelta(days=1))
    called_off = [m for m in later if _follows(m, now)]
    untouched = [m for m in later if m.status != MeetingStatus.cancelled and not _follows(m, now)]
    summary = (
        f"The slot's last date is {human_date(body.last_date)}: "
        f"{_count(called_off, 'later scheduled meeting')} called off"
        + (f"; {_count(untouched, 'meeting')} already held or started stay." if untouched else ".")
    )
    if not dry_run:
        slot.ends_on = max(slot.starts_on, body.last_date)
        session.add(slot)
        for meeting in called_off:
            meeting.status = MeetingStatus.cancelled
            meeting.lost = False
            meeting.change_reason = f"Weekly slot ended: {body.reason}"[:500]
            meeting.changed_by = principal.id
            meeting.changed_at = now
            session.add(meeting)
        audit.record(
            session,
            principal,
            "slot.ended",
            object_type="protected_slot",
            object_id=slot.id,
            trust_id=mentoring.trust_id_of(session, pairing),
            changes={
                "last_date": body.last_date.isoformat(),
                "reason": body.reason,
                "meetings": len(called_off),
            },
        )
        session.flush()
    preview = slot if not dry_run else slot.model_copy(update={"ends_on": body.last_date})
    counts = _meeting_counts(session, [slot.id]).get(slot.id, 0)
    return SlotChangeResult(
        slot=slot_public(preview, counts - (len(called_off) if dry_run else 0)),
        summary=summary,
        meetings_changed=len(called_off),
        meetings_untouched=len(untouched),
        clashes=[],
        clash_summary=[],
        dry_run=dry_run,
    )


def _count(items: list[Meeting], noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")
