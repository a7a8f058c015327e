"""Calendar feeds (RFC 5545): one series per protected slot, EXDATE for weeks with no meeting
(holidays, cancellations), RECURRENCE-ID overrides for moved meetings. No HTTP here."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlmodel import Session, col, or_, select, update

from api.audit import service as audit
from api.auth.principals import Principal
from api.auth.tokens import hash_secret, new_secret
from api.calendar.models import CalendarFeed
from api.core.models import utcnow
from api.core.problems import NotFound
from api.meetings.models import Meeting, MeetingStatus, ProtectedSlot
from api.mentoring.models import Pairing
from api.org.models import School, User

PRODID = "-//MentorHub//Mentoring calendar//EN"
UID_DOMAIN = "mentorhub"


def active_feed(session: Session, user_id: uuid.UUID) -> CalendarFeed | None:
    return session.exec(
        select(CalendarFeed).where(
            CalendarFeed.user_id == user_id, col(CalendarFeed.revoked_at).is_(None)
        )
    ).first()


def rotate_feed(session: Session, principal: Principal) -> tuple[CalendarFeed, str]:
    """A new secret link; any earlier link stops working."""
    _revoke(session, principal)
    token = new_secret("mhc_")
    feed = CalendarFeed(user_id=principal.id, token_hash=hash_secret(token))
    session.add(feed)
    audit.record(
        session,
        principal,
        "calendar_feed.created",
        object_type="calendar_feed",
        object_id=feed.id,
        trust_id=principal.trust_id,
    )
    return feed, token


def revoke_feed(session: Session, principal: Principal) -> None:
    _revoke(session, principal)


def _revoke(session: Session, principal: Principal) -> CalendarFeed | None:
    feed = active_feed(session, principal.id)
    if feed is not None:
        feed.revoked_at = utcnow()
        session.add(feed)
        audit.record(
            session,
            principal,
            "calendar_feed.revoked",
            object_type="calendar_feed",
            object_id=feed.id,
            trust_id=principal.trust_id,
        )
    return feed


# Calendar apps fetch a feed every few minutes to hours. Noting every fetch would make each one
# a write; the last use is kept to within this much instead.
FEED_USE_RESOLUTION = timedelta(minutes=15)


def feed_owner(session: Session, token: str) -> tuple[CalendarFeed, User]:
    feed = session.exec(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == hash_secret(token), col(CalendarFeed.revoked_at).is_(None)
        )
    ).first()
    user = session.get(User, feed.user_id) if feed else None
    if feed is None or user is None or not user.active:
        raise NotFound("No calendar at this address; it may have been replaced or revoked.")
    return feed, user


def note_feed_used(session: Session, feed: CalendarFeed) -> None:
    now = utcnow()
    if feed.last_used_at is None or now - feed.last_used_at >= FEED_USE_RESOLUTION:
        session.exec(
            update(CalendarFeed).where(col(CalendarFeed.id) == feed.id).values(last_used_at=now)
        )


def render_calendar(session: Session, user: User) -> bytes:
    pairings = session.exec(
        select(Pairing).where(or_(Pairing.mentor_id == user.id, Pairing.mentee_id == user.id))
    ).all()
    pairing_by_id = {p.id: p for p in pairings}
    others = {
        u.id: u.full_name
        for u in session.exec(
            select(User).where(
                col(User.id).in_({p.mentor_id for p in pairings} | {p.mentee_id for p in pairings})
            )
        )
    }
    zones = {
        s.id: ZoneInfo(s.timezone)
        for s in session.exec(
            select(School).where(col(School.id).in_({p.school_id for p in pairings}))
        )
    }
    slots = session.exec(
        select(ProtectedSlot).where(col(ProtectedSlot.pairing_id).in_(pairing_by_id))
    ).all()
    meetings = session.exec(
        select(Meeting)
        .where(col(Meeting.pairing_id).in_(pairing_by_id))
        .order_by(Meeting.occurrence_date)
    ).all()
    by_slot: dict[uuid.UUID | None, list[Meeting]] = {}
    for meeting in meetings:
        by_slot.setdefault(meeting.slot_id, []).append(meeting)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"MentorHub: {user.full_name}")
    stamp = utcnow()

    def title(pairing: Pairing) -> str:
        partner = pairing.mentee_id if pairing.mentor_id == user.id else pairing.mentor_id
        return f"Mentoring with {others.get(partner, 'your partner')}"

    for slot in slots:
        pairing = pairing_by_id[slot.pairing_id]
        for component in _slot_series(
            slot, by_slot.get(slot.id, []), zones[pairing.school_id], title(pairing), stamp
        ):
            calendar.add_component(component)
    for meeting in by_slot.get(None, []):
        if meeting.status != MeetingStatus.cancelled:
            pairing = pairing_by_id[meeting.pairing_id]
            event = _event(
                f"meeting-{meeting.id}@{UID_DOMAIN}",
                title(pairing),
                meeting.starts_at.astimezone(zones[pairing.school_id]),
                meeting.ends_at - meeting.starts_at,
                meeting.location,
                stamp,
            )
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _slot_series(
    slot: ProtectedSlot, meetings: list[Meeting], zone: ZoneInfo, summary: str, stamp: datetime
) -> list[Event]:
    if not meetings:
        return []
    first, last = meetings[0].occurrence_date, meetings[-1].occurrence_date
    length = timedelta(minutes=slot.duration_minutes)
    uid = f"slot-{slot.id}@{UID_DOMAIN}"

    def at(day):  # type: ignore[no-untyped-def]
        return datetime.combine(day, slot.start_time, tzinfo=zone)

    series = _event(uid, summary, at(first), length, slot.location, stamp)
    series.add("rrule", {"freq": "weekly", "until": at(last).astimezone(UTC)})
    happening = {m.occurrence_date for m in meetings if m.status != MeetingStatus.cancelled}
    weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    skipped = [at(day) for day in weeks if day not in happening]
    if skipped:
        series.add("exdate", skipped)
    events = [series]
    for meeting in meetings:
        if meeting.status != MeetingStatus.cancelled and meeting.moved_from is not None:
            moved = _event(
                uid,
                summary,
                meeting.starts_at.astimezone(zone),
                meeting.ends_at - meeting.starts_at,
                meeting.location,
                stamp,
            )
            moved.add("recurrence-id", at(meeting.occurrence_date))
            if meeting.change_reason:
                moved.add("description", f"Moved: {meeting.change_reason}")
            events.append(moved)
    return events


def _event(
    uid: str, summary: str, starts: datetime, length: timedelta, location: str, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts)
    event.add("dtend", starts + length)
    event.add("summary", summary)
    event.add("location", location)
    return event
