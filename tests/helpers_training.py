"""Course dates and deadlines as the providers domain hands them over: a verified delivery's
event, published in a session of its own and committed, as the receiver does."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.core import events
from api.db import new_session
from api.providers.events import ItemData, ProviderItemReceived
from api.training.models import (
    ConcernRole,
    CoverRequest,
    ItemKind,
    TrainingItem,
    TrainingItemPerson,
    TrainingItemSchool,
)

LONDON = ZoneInfo("Europe/London")


def provider_id_for(session: Session, world: Any) -> uuid.UUID:
    """The world's provider, Northern University."""
    return world.provider.id


def deliver(
    session: Session,
    world: Any,
    *,
    kind: str = "course_date",
    action: str = "created",
    sent_at: datetime | None = None,
    provider_id: uuid.UUID | None = None,
    **data: Any,
) -> ProviderItemReceived:
    """Publishes one delivery's event and commits what its handlers did; raises what they raise
    (after rolling back)."""
    event = ProviderItemReceived(
        provider_id=provider_id or provider_id_for(session, world),
        trust_id=world.trust.id,
        delivery_id=uuid.uuid4(),
        kind=kind,  # type: ignore[arg-type]
        action=action,  # type: ignore[arg-type]
        sent_at=sent_at or datetime.now(UTC),
        data=ItemData.model_validate({"id": "course-1", "title": "Mentor training day"} | data),
    )
    with new_session() as own:
        try:
            events.publish(own, event)
            own.commit()
        except Exception:
            own.rollback()
            raise
    return event


def at(day: date, hh: int, mm: int = 0) -> str:
    return datetime.combine(day, time(hh, mm), tzinfo=LONDON).isoformat()


def next_weekday(weekday: int, weeks_ahead: int = 1) -> date:
    today = date.today()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def training_world(session: Session, school: Any, people: dict, provider: Any) -> dict:
    """Northern University's course date last Tuesday morning for Hillcrest's mentor and mentee
    (so attendance can be marked), with the mentor's cover still waiting for the lead."""
    day = next_weekday(1, -1)
    item = TrainingItem(
        trust_id=school.trust_id,
        provider_id=provider.id,
        kind=ItemKind.course_date,
        external_id="world-course",
        title="Mentor training: feedback that sticks",
        starts_at=datetime.combine(day, time(9, 0), tzinfo=LONDON),
        ends_at=datetime.combine(day, time(12, 30), tzinfo=LONDON),
        location="Northern University, room 4.12",
        requires_release=True,
        version=datetime.now(UTC) - timedelta(days=14),
    )
    people_rows = [
        TrainingItemPerson(
            item_id=item.id, user_id=people[who].id, school_id=school.id, role=ConcernRole(who)
        )
        for who in ("mentor", "mentee")
    ]
    cover = CoverRequest(item_id=item.id, user_id=people["mentor"].id, school_id=school.id)
    session.add(item)
    session.flush()
    session.add_all([*people_rows, TrainingItemSchool(item_id=item.id, school_id=school.id)])
    session.flush()
    session.add(cover)
    return {"training_item": item, "cover_request": cover}
