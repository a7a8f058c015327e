"""Meetings on days the school is closed: a closure (an INSET day, a holiday made longer) added
after the meetings were planned leaves them scheduled on a day nobody is in. The lead sees them
(a to-do, the meeting lists' `on_closure_day` filter) and moves each one to another day of its
week or lets them go: cancelled with the reason `school_closed`, which counts against nobody.

Which meetings fall on a closure is a query over the school's term dates, so it stays right when
a closure is added, changed or removed; `ClosureAdded` only notes the meetings in the audit log.
No HTTP here."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, Forbidden, NotFound
from api.core.wording import human_date, human_range, human_time
from api.meetings import policy
from api.meetings.models import CancelReason, Meeting, MeetingStatus
from api.meetings.schemas import CancelResult, LetGo, MeetingChange
from api.mentoring.models import Pairing
from api.org import service as org_service
from api.org.events import ClosureAdded
from api.org.models import Role, School, TermDate, TermKind
from api.todos.sources import Todo


@dataclass(frozen=True)
class ClosureWindow:
    """A closure as the instants it covers: from its first day's midnight at the school to the
    midnight after its last day."""

    school_id: uuid.UUID
    term_date_id: uuid.UUID
    name: str
    starts_on: date
    ends_on: date
    starts_at: datetime
    ends_before: datetime

    @property
    def dates(self) -> str:
        if self.starts_on == self.ends_on:
            return human_date(self.starts_on)
        return human_range(self.starts_on, self.ends_on)

    def covers(self, school_id: uuid.UUID, instant: datetime) -> bool:
        return school_id == self.school_id and self.starts_at <= instant < self.ends_before


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)


def closure_windows(
    session: Session,
    school_ids: Iterable[uuid.UUID] | ColumnElement | None,
    *,
    term_date_id: uuid.UUID | None = None,
) -> list[ClosureWindow]:
    """The closures of these schools (ids, or a subquery of them)."""
    query = (
        select(TermDate, School.timezone)
        .join(School, col(School.id) == TermDate.school_id)
        .where(TermDate.kind == TermKind.closure)
    )
    if school_ids is not None:
        query = query.where(col(TermDate.school_id).in_(school_ids))
    if term_date_id is not None:
        query = query.where(TermDate.id == term_date_id)
    windows = []
    for closure, zone_name in session.exec(query.order_by(col(TermDate.starts_on))).all():
        zone = ZoneInfo(zone_name)
        windows.append(
            ClosureWindow(
                closure.school_id,
                closure.id,
                closure.name,
                closure.starts_on,
                closure.ends_on,
                _midnight(closure.starts_on, zone),
                _midnight(closure.ends_on + timedelta(days=1), zone),
            )
        )
    return windows


def on_closure(windows: list[ClosureWindow]) -> ColumnElement[bool]:
    """Scheduled meetings that start inside one of `windows` (the query joins `Pairing`)."""
    if not windows:
        return false()
    return and_(
        col(Meeting.status) == MeetingStatus.scheduled,
        or_(
            *(
                and_(
                    col(Pairing.school_id) == w.school_id,
                    col(Meeting.starts_at) >= w.starts_at,
                    col(Meeting.starts_at) < w.ends_before,
                )
                for w in windows
            )
        ),
    )


def on_closure_day_filter(
    session: Session, principal: Principal, school_id: uuid.UUID | None
) -> ColumnElement[bool]:
    """The meeting lists' `on_closure_day` filter: the closures of the schools whose pairings
    the principal sees (or of the one school asked for)."""
    schools: Iterable[uuid.UUID] | ColumnElement = (
        [school_id]
        if school_id
        else select(Pairing.school_id).where(policy.visible_meetings(principal)).scalar_subquery()
    )
    return on_closure(closure_windows(session, schools))


class _Dated(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def status(self) -> MeetingStatus: ...
    @property
    def starts_at(self) -> datetime: ...


def closed_days(
    session: Session, meetings: Sequence[tuple[_Dated, uuid.UUID]]
) -> dict[uuid.UUID, ClosureWindow]:
    """For scheduled meetings (with their school), the closure each one falls on, if any."""
    scheduled = [(m, school) for m, school in meetings if m.status == MeetingStatus.scheduled]
    if not scheduled:
        return {}
    windows = closure_windows(session, {school for _, school in scheduled})
    found = {}
    for meeting, school in scheduled:
        window = next((w for w in windows if w.covers(school, meeting.starts_at)), None)
        if window:
            found[meeting.id] = window
    return found


def _meetings_in(session: Session, window: ClosureWindow) -> int:
    return session.exec(
        select(func.count())
        .select_from(Meeting)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .where(on_closure([window]))
    ).one()


def _count(n: int) -> str:
    return "1 meeting falls" if n == 1 else f"{n} meetings fall"


def closure_todos(session: Session, principal: Principal) -> list[Todo]:
    """A lead's to-do for each closure of their schools with meetings still scheduled on it."""
    led = principal.school_ids_with(Role.school_lead) if principal.is_user else frozenset()
    if not led:
        return []
    todos = []
    for window in closure_windows(session, led):
        count = _meetings_in(session, window)
        if count == 0:
            continue
        where = (
            f"on the {window.name} of {window.dates}"
            if window.starts_on == window.ends_on
            else f"in the {window.name}, {window.dates}"
        )
        them = "it" if count == 1 else "them"
        todos.append(
            Todo(
                "meetings.on_closure_day",
                f"{_count(count)} {where}: move {them} or let {them} go.",
                "school",
                window.school_id,
                window.starts_on,
            )
        )
    return todos


def note_meetings_on_new_closure(session: Session, event: ClosureAdded) -> None:
    """A new closure with meetings on it: the audit log says how many wait for the lead."""
    session.flush()
    windows = closure_windows(session, [event.school_id], term_date_id=event.term_date_id)
    count = _meetings_in(session, windows[0]) if windows else 0
    if count == 0:
        return
    school = session.get(School, event.school_id)
    assert school is not None
    audit.record(
        session,
        event.actor,
        "meetings.on_new_closure",
        object_type="school",
        object_id=event.school_id,
        trust_id=school.trust_id,
        changes={"term_date_id": str(event.term_date_id), "meetings": count},
    )


def let_go(
    session: Session, principal: Principal, school_id: uuid.UUID, body: LetGo
) -> CancelResult:
    """Cancels meetings that fall on a day the school is closed, with the reason
    `school_closed`: they will not happen and count against nobody. Every meeting named must be
    one of this school's, scheduled, on a closure day; otherwise nothing changes."""
    org_service.get_school(session, principal, school_id)
    if not policy.may_let_go(principal, school_id):
        raise Forbidden("Only a lead of this school can let meetings go for a closure.")
    wanted = list(dict.fromkeys(body.meeting_ids))
    rows = {
        m.id: m
        for m in session.exec(
            select(Meeting)
            .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
            .where(
                col(Meeting.id).in_(wanted),
                Pairing.school_id == school_id,
                policy.visible_meetings(principal),
            )
        ).all()
    }
    for meeting_id in wanted:
        if meeting_id not in rows:
            raise NotFound(f"No meeting with id {meeting_id} is visible to you at this school.")
    zone = ZoneInfo(session.get(School, school_id).timezone)  # type: ignore[union-attr]
    days = closed_days(session, [(m, school_id) for m in rows.values()])
    for meeting in rows.values():
        when = human_time(meeting.starts_at.astimezone(zone))
        if meeting.status != MeetingStatus.scheduled:
            raise Conflict(f"The meeting on {when} is {meeting.status.value}; nothing changed.")
        if meeting.id not in days:
            raise Conflict(
                f"The school is open on the day of the meeting on {when}: move it or call it "
                "off from its own page. Nothing changed."
            )
    now = utcnow()
    changes = []
    for meeting_id in wanted:
        meeting, window = rows[meeting_id], days[meeting_id]
        meeting.status = MeetingStatus.cancelled
        meeting.lost = False
        meeting.cancel_reason = CancelReason.school_closed
        meeting.change_reason = f"School closed: {window.name}, {window.dates}"
        meeting.changed_by = principal.id
        meeting.changed_at = now
        session.add(meeting)
        audit.record(
            session,
            principal,
            "meeting.let_go",
            object_type="meeting",
            object_id=meeting.id,
            trust_id=principal.trust_id,
            changes={"cancel_reason": CancelReason.school_closed.value},
        )
        changes.append(
            MeetingChange(meeting_id=meeting.id, starts_at=meeting.starts_at, new_starts_at=None)
        )
    return CancelResult(changed=changes, clashes=[], dry_run=False)
