"""Calendar feeds (RFC 5545): per-person secret links, and the feed itself built from every
registered calendar source (`api.scheduling.sources`). No HTTP here."""

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, Timezone
from sqlmodel import Session, col, select, update

from api.audit import service as audit
from api.auth.principals import Principal
from api.auth.tokens import hash_secret, new_secret
from api.calendar.models import CalendarFeed
from api.core.caching import etag_of
from api.core.models import utcnow
from api.core.problems import NotFound
from api.org.models import User
from api.scheduling.sources import FeedEvent, calendar_sources

PRODID = "-//MentorHub//Mentoring calendar//EN"


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


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str


# The last feed rendered for each person, with what it was rendered from. A feed is fetched
# again and again unchanged, so when every source gives the same events (and the same names)
# the bytes, and with them DTSTAMP and the entity tag, are the ones sent before: no rendering,
# and a calendar app that sends the tag back gets 304. The sources are read on every fetch,
# so any change (a meeting moved or cancelled, a pairing lost) shows in the very next one.
_FEEDS_KEPT = 1024
_rendered: OrderedDict[uuid.UUID, tuple[tuple, RenderedFeed]] = OrderedDict()
_rendered_lock = threading.Lock()


def _zones(event: FeedEvent) -> tuple[str, ...]:
    """The zones the event's times are in: equal instants in another zone render differently."""
    times = (event.starts_at, event.ends_at, event.weekly_until, event.recurrence_id)
    return tuple(str(t.tzinfo) for t in (*times, *event.excluded) if t is not None)


def render_calendar(session: Session, user: User) -> RenderedFeed:
    """The person's feed: every calendar source's events for them, in one VCALENDAR."""
    events = [
        event for source in calendar_sources() for event in source.feed_events(session, user.id)
    ]
    key = (user.full_name, tuple((event, _zones(event)) for event in events))
    with _rendered_lock:
        kept = _rendered.get(user.id)
        if kept is not None and kept[0] == key:
            _rendered.move_to_end(user.id)
            return kept[1]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"MentorHub: {user.full_name}")
    stamp = utcnow()
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    _add_timezones(calendar)
    body = calendar.to_ical()
    rendered = RenderedFeed(body, etag_of(body))
    with _rendered_lock:
        _rendered[user.id] = (key, rendered)
        _rendered.move_to_end(user.id)
        while len(_rendered) > _FEEDS_KEPT:
            _rendered.popitem(last=False)
    return rendered


def _add_timezones(calendar: Calendar) -> None:
    """calendar.add_missing_timezones(), with each zone's VTIMEZONE built once per process
    (building one walks decades of transitions: most of a small feed's time)."""
    existing = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids(), reverse=True):
        timezone = _vtimezone(tzid)
        if timezone is not None:
            calendar.subcomponents.insert(existing, timezone)


@lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> Timezone | None:
    """A zone's VTIMEZONE, shared by every feed that needs it (rendering only reads it)."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _vevent(event: FeedEvent, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.summary)
    vevent.add("location", event.location)
    if event.weekly_until is not None:
        vevent.add("rrule", {"freq": "weekly", "until": event.weekly_until})
    if event.excluded:
        vevent.add("exdate", list(event.excluded))
    if event.recurrence_id is not None:
        vevent.add("recurrence-id", event.recurrence_id)
    if event.description:
        vevent.add("description", event.description)
    return vevent
