"""Supervision as a calendar source: the mentor and the lead are busy for its length (unless it
did not take place), and it is a one-off event in both their feeds. Never the note."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.org.models import School, User
from api.scheduling.sources import Busy, FeedEvent
from api.supervision.models import SupervisionSession, SupervisionStatus

UID_DOMAIN = "mentorhub"
TITLE = "Supervision"


class SupervisionCalendar:
    name = "supervision"

    def busy(
        self,
        session: Session,
        people: set[uuid.UUID],
        start: datetime,
        end: datetime,
        ignore: set[uuid.UUID],
    ) -> list[Busy]:
        rows = session.exec(
            select(SupervisionSession).where(
                or_(
                    col(SupervisionSession.mentor_id).in_(people),
                    col(SupervisionSession.supervisor_id).in_(people),
                ),
                SupervisionSession.status != SupervisionStatus.not_held,
                SupervisionSession.starts_at < end,
                SupervisionSession.ends_at > start,
            )
        ).all()
        return [
            Busy(person, s.starts_at, s.ends_at, self.name, s.id, TITLE)
            for s in rows
            if s.id not in ignore
            for person in {s.mentor_id, s.supervisor_id} & people
        ]

    def feed_events(self, session: Session, user_id: uuid.UUID) -> list[FeedEvent]:
        rows = session.exec(
            select(SupervisionSession, School.timezone)
            .join(School, col(School.id) == SupervisionSession.school_id)
            .where(
                or_(
                    SupervisionSession.mentor_id == user_id,
                    SupervisionSession.supervisor_id == user_id,
                ),
                SupervisionSession.status != SupervisionStatus.not_held,
            )
            .order_by(col(SupervisionSession.starts_at))
        ).all()
        others = {s.mentor_id if s.supervisor_id == user_id else s.supervisor_id for s, _ in rows}
        names = dict(
            session.exec(select(User.id, User.full_name).where(col(User.id).in_(others))).all()
        )
        events = []
        for s, timezone in rows:
            zone = ZoneInfo(timezone)
            other = s.mentor_id if s.supervisor_id == user_id else s.supervisor_id
            events.append(
                FeedEvent(
                    uid=f"supervision-{s.id}@{UID_DOMAIN}",
                    summary=f"Supervision with {names.get(other, 'a colleague')}",
                    starts_at=s.starts_at.astimezone(zone),
                    ends_at=s.ends_at.astimezone(zone),
                    location=s.location,
                )
            )
        return events
