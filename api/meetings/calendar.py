"""Meetings as a calendar source: busy times for clash checks, and for each person's feed one
weekly series per protected slot (weeks without a meeting excluded, moved meetings as
overrides) plus the one-off meetings."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.meetings.models import Meeting, MeetingStatus, ProtectedSlot
from api.mentoring.models import Pairing
from api.org.models import School, User
from api.scheduling.sources import Busy, FeedEvent

UID_DOMAIN = "mentorhub"
BUSY_STATUSES = (MeetingStatus.scheduled, MeetingStatus.held)


class MeetingCalendar:
    name = "meeting"

    def busy(
        self,
        session: Session,
        people: set[uuid.UUID],
        start: datetime,
        end: datetime,
        ignore: set[uuid.UUID],
    ) -> list[Busy]:
        rows = session.exec(
            select(Meeting, Pairing)
            .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
            .where(
                or_(col(Pairing.mentor_id).in_(people), col(Pairing.mentee_id).in_(people)),
                col(Meeting.status).in_(BUSY_STATUSES),
                Meeting.starts_at < end,
                Meeting.ends_at > start,
            )
        ).all()
        return [
            Busy(
                person,
                meeting.starts_at,
                meeting.ends_at,
                self.name,
                meeting.id,
                "Mentoring meeting",
            )
            for meeting, pairing in rows
            if meeting.id not in ignore
            for person in {pairing.mentor_id, pairing.mentee_id} & people
        ]

    def feed_events(self, session: Session, user_id: uuid.UUID) -> list[FeedEvent]:
        pairings = {
            p.id: p
            for p in session.exec(
                select(Pairing).where(
                    or_(Pairing.mentor_id == user_id, Pairing.mentee_id == user_id)
                )
            )
        }
        if not pairings:
            return []
        titles = _titles(session, user_id, list(pairings.values()))
        zones = {
            s.id: ZoneInfo(s.timezone)
            for s in session.exec(
                select(School).where(col(School.id).in_({p.school_id for p in pairings.values()}))
            )
        }
        by_slot: dict[uuid.UUID | None, list[Meeting]] = {}
        for meeting in session.exec(
            select(Meeting)
            .where(col(Meeting.pairing_id).in_(pairings))
            .order_by(col(Meeting.occurrence_date))
        ):
            by_slot.setdefault(meeting.slot_id, []).append(meeting)

        events: list[FeedEvent] = []
        for slot in session.exec(
            select(ProtectedSlot).where(col(ProtectedSlot.pairing_id).in_(pairings))
        ):
            pairing = pairings[slot.pairing_id]
            events += _slot_series(
                slot, by_slot.get(slot.id, []), zones[pairing.school_id], titles[pairing.id]
            )
        for meeting in by_slot.get(None, []):
            if meeting.status != MeetingStatus.cancelled:
                pairing = pairings[meeting.pairing_id]
                events.append(
                    FeedEvent(
                        uid=f"meeting-{meeting.id}@{UID_DOMAIN}",
                        summary=titles[pairing.id],
                        starts_at=meeting.starts_at.astimezone(zones[pairing.school_id]),
                        ends_at=meeting.ends_at.astimezone(zones[pairing.school_id]),
                        location=meeting.location,
                    )
                )
        return events


def _titles(session: Session, user_id: uuid.UUID, pairings: list[Pairing]) -> dict[uuid.UUID, str]:
    """ "Mentoring with <the other person>" for each pairing."""
    partner = {p.id: p.mentee_id if p.mentor_id == user_id else p.mentor_id for p in pairings}
    names = dict(
        session.exec(
            select(User.id, User.full_name).where(col(User.id).in_(partner.values()))
        ).all()
    )
    return {pid: f"Mentoring with {names.get(uid, 'your partner')}" for pid, uid in partner.items()}


def _slot_series(
    slot: ProtectedSlot, meetings: list[Meeting], zone: ZoneInfo, summary: str
) -> list[FeedEvent]:
    if not meetings:
        return []
    first, last = meetings[0].occurrence_date, meetings[-1].occurrence_date
    length = timedelta(minutes=slot.duration_minutes)
    uid = f"slot-{slot.id}@{UID_DOMAIN}"

    def at(day):
        return datetime.combine(day, slot.start_time, tzinfo=zone)

    happening = {m.occurrence_date for m in meetings if m.status != MeetingStatus.cancelled}
    weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    series = FeedEvent(
        uid=uid,
        summary=summary,
        starts_at=at(first),
        ends_at=at(first) + length,
        location=slot.location,
        weekly_until=at(last).astimezone(UTC),
        excluded=tuple(at(day) for day in weeks if day not in happening),
    )
    moved = [
        FeedEvent(
            uid=uid,
            summary=summary,
            starts_at=m.starts_at.astimezone(zone),
            ends_at=m.ends_at.astimezone(zone),
            location=m.location,
            description=f"Moved: {m.change_reason}" if m.change_reason else "",
            recurrence_id=at(m.occurrence_date),
        )
        for m in meetings
        if m.status != MeetingStatus.cancelled and m.moved_from is not None
    ]
    return [series, *moved]
