"""Training as a calendar source: a course date makes the people it concerns busy for its length
and is a one-off event in their feeds; a deadline is a short event at its due time in the feeds
of the people it concerns and of the leads of their schools (and of the schools the provider
named), so that internal deadlines can avoid it."""

import uuid
from datetime import datetime, timedelta

from sqlmodel import Session, col, or_, select

from api.org.models import Membership, Role
from api.scheduling.sources import Busy, FeedEvent
from api.training.models import ItemKind, TrainingItem, TrainingItemPerson, TrainingItemSchool
from api.training.service import ZONE

UID_DOMAIN = "mentorhub"
DEADLINE_LENGTH = timedelta(minutes=15)


class TrainingCalendar:
    name = "training"

    def busy(
        self,
        session: Session,
        people: set[uuid.UUID],
        start: datetime,
        end: datetime,
        ignore: set[uuid.UUID],
    ) -> list[Busy]:
        rows = session.exec(
            select(TrainingItem, TrainingItemPerson.user_id)
            .join(TrainingItemPerson, col(TrainingItemPerson.item_id) == TrainingItem.id)
            .where(
                col(TrainingItemPerson.user_id).in_(people),
                TrainingItem.kind == ItemKind.course_date,
                col(TrainingItem.cancelled_at).is_(None),
                col(TrainingItem.starts_at) < end,
                col(TrainingItem.ends_at) > start,
            )
        ).all()
        return [
            Busy(user_id, item.starts_at, item.ends_at, self.name, item.id, item.title)
            for item, user_id in rows
            if item.id not in ignore and item.starts_at and item.ends_at
        ]

    def feed_events(self, session: Session, user_id: uuid.UUID) -> list[FeedEvent]:
        led = select(Membership.school_id).where(
            Membership.user_id == user_id, Membership.role == Role.school_lead
        )
        mine = select(TrainingItemPerson.item_id).where(TrainingItemPerson.user_id == user_id)
        schools_deadlines = or_(
            col(TrainingItem.id).in_(
                select(TrainingItemPerson.item_id).where(col(TrainingItemPerson.school_id).in_(led))
            ),
            col(TrainingItem.id).in_(
                select(TrainingItemSchool.item_id).where(col(TrainingItemSchool.school_id).in_(led))
            ),
        )
        rows = session.exec(
            select(TrainingItem)
            .where(
                col(TrainingItem.cancelled_at).is_(None),
                or_(
                    col(TrainingItem.id).in_(mine),
                    (col(TrainingItem.kind) == ItemKind.deadline) & schools_deadlines,
                ),
            )
            .order_by(col(TrainingItem.starts_at), col(TrainingItem.due_at), col(TrainingItem.id))
        ).all()
        events = []
        for item in rows:
            if item.kind == ItemKind.course_date and item.starts_at and item.ends_at:
                where = item.location or ("Online" if item.online_url else "")
                events.append(
                    FeedEvent(
                        uid=f"training-{item.id}@{UID_DOMAIN}",
                        summary=f"Training: {item.title}",
                        starts_at=item.starts_at.astimezone(ZONE),
                        ends_at=item.ends_at.astimezone(ZONE),
                        location=where,
                        description=item.online_url or "",
                    )
                )
            elif item.kind == ItemKind.deadline and item.due_at:
                due = item.due_at.astimezone(ZONE)
                events.append(
                    FeedEvent(
                        uid=f"deadline-{item.id}@{UID_DOMAIN}",
                        summary=f"Deadline: {item.title}",
                        starts_at=due - DEADLINE_LENGTH,
                        ends_at=due,
                        description=f"Due at {due:%H:%M}"
                        + (f". {item.online_url}" if item.online_url else ""),
                    )
                )
        return events
