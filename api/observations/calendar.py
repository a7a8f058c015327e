"""Observations as a calendar source: the observer and the mentee are busy for its length
(unless it was cancelled), and it is a one-off event in both their feeds."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from api.observations.models import Observation, ObservationStatus
from api.org.models import School, User
from api.scheduling.sources import Busy, FeedEvent

UID_DOMAIN = "mentorhub"
TITLE = "Lesson observation"


class ObservationCalendar:
    name = "observation"

    def busy(
        self,
        session: Session,
        people: set[uuid.UUID],
        start: datetime,
        end: datetime,
        ignore: set[uuid.UUID],
    ) -> list[Busy]:
        rows = session.exec(
            select(Observation).where(
                or_(
                    col(Observation.observer_id).in_(people), col(Observation.mentee_id).in_(people)
                ),
                Observation.status != ObservationStatus.cancelled,
                Observation.starts_at < end,
                Observation.ends_at > start,
            )
        ).all()
        return [
            Busy(person, o.starts_at, o.ends_at, self.name, o.id, TITLE)
            for o in rows
            if o.id not in ignore
            for person in {o.observer_id, o.mentee_id} & people
        ]

    def feed_events(self, session: Session, user_id: uuid.UUID) -> list[FeedEvent]:
        rows = session.exec(
            select(Observation, School.timezone)
            .join(School, col(School.id) == Observation.school_id)
            .where(
                or_(Observation.observer_id == user_id, Observation.mentee_id == user_id),
                Observation.status != ObservationStatus.cancelled,
            )
            .order_by(col(Observation.starts_at))
        ).all()
        others = {o.mentee_id if o.observer_id == user_id else o.observer_id for o, _ in rows}
        names = dict(
            session.exec(select(User.id, User.full_name).where(col(User.id).in_(others))).all()
        )
        events = []
        for o, timezone in rows:
            zone = ZoneInfo(timezone)
            if o.observer_id == user_id:
                summary = f"Observe {names.get(o.mentee_id, 'a mentee')}"
            else:
                summary = f"Observed by {names.get(o.observer_id, 'a colleague')}"
            events.append(
                FeedEvent(
                    uid=f"observation-{o.id}@{UID_DOMAIN}",
                    summary=f"{summary}: {o.subject}, {o.class_name}",
                    starts_at=o.starts_at.astimezone(zone),
                    ends_at=o.ends_at.astimezone(zone),
                    location=o.class_name,
                    description=f"{o.kind.value.replace('_', ' ').capitalize()} observation, "
                    f"{o.year_group}",
                )
            )
        return events
