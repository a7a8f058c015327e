"""Training as a measure source for entitlements: hours of training per school week and days of
release from school for it.

Hours: the course dates a person attended (as marked by the provider or a lead; a cancelled
one never counts), each in the week it started at the school, for as long as it ran, at most
7 hours 30 a day as on the training record; and the hours a mentor logged by hand, in the week
they were taken. Release days: of the course dates attended, those the person's school released
them for (their cover approved), one for each weekday the course ran. Two queries for every
person asked about: course dates attended, hours logged.
"""

import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col

from api.measures.sources import Decoder, Measure, MeasureAnswer, WeekAmount, among, raw_id, week_of
from api.training.models import (
    CoverRequest,
    CoverStatus,
    ItemKind,
    TrainingHours,
    TrainingItem,
    TrainingItemPerson,
)
from api.training.records import _course_minutes
from api.training.service import ZONE

HOURS = "training.hours"
RELEASE_DAYS = "training.release_days"


def _weekdays(first: date, last: date) -> int:
    return sum(1 for n in range((last - first).days + 1) if (first + timedelta(n)).weekday() < 5)


class TrainingMeasures:
    name = "training"
    measures: tuple[Measure, ...] = (
        Measure(HOURS, "Training hours attended or logged", "hours"),
        Measure(RELEASE_DAYS, "Days released from school for training", "days"),
    )

    def delivered(
        self,
        session: Session,
        measures: Collection[str],
        people: Collection[uuid.UUID],
        start: date,
        end: date,
    ) -> MeasureAnswer:
        wanted = set(people)
        answer: MeasureAnswer = {m: {} for m in measures if m in (HOURS, RELEASE_DAYS)}
        if not wanted or not answer:
            return answer
        decode = Decoder(wanted)
        hours, release = answer.get(HOURS), answer.get(RELEASE_DAYS)

        def add(weeks: dict, person: uuid.UUID, day: date, amount: float) -> None:
            by_week = weeks.setdefault(person, {})
            by_week.setdefault(week_of(day), WeekAmount()).delivered += amount

        # A day either side of the range: a course's date at the school is decided below.
        since = datetime.combine(start - timedelta(days=1), time(), tzinfo=UTC)
        until = datetime.combine(end + timedelta(days=2), time(), tzinfo=UTC)
        attended = SASession.execute(
            session,
            sa_select(
                raw_id(col(TrainingItemPerson.user_id)),
                col(TrainingItem.starts_at),
                col(TrainingItem.ends_at),
                col(CoverRequest.status),
            )
            .join(TrainingItem, col(TrainingItem.id) == TrainingItemPerson.item_id)
            .outerjoin(
                CoverRequest,
                and_(
                    col(CoverRequest.item_id) == TrainingItemPerson.item_id,
                    col(CoverRequest.user_id) == TrainingItemPerson.user_id,
                ),
            )
            .where(
                among(session, col(TrainingItemPerson.user_id), wanted),
                col(TrainingItemPerson.attended).is_(True),
                col(TrainingItem.kind) == ItemKind.course_date,
                col(TrainingItem.cancelled_at).is_(None),
                col(TrainingItem.starts_at).is_not(None),
                col(TrainingItem.ends_at).is_not(None),
                col(TrainingItem.starts_at) >= since,
                col(TrainingItem.starts_at) < until,
            ),
        ).all()
        for raw_person, starts_at, ends_at, cover in attended:
            first = starts_at.astimezone(ZONE).date()
            if not start <= first <= end:
                continue
            person = decode.id(raw_person)
            if hours is not None:
                add(hours, person, first, _course_minutes(starts_at, ends_at) / 60)
            if release is not None and cover == CoverStatus.approved:
                add(release, person, first, _weekdays(first, ends_at.astimezone(ZONE).date()))
        if hours is not None:
            logged = SASession.execute(
                session,
                sa_select(
                    raw_id(col(TrainingHours.mentor_id)),
                    col(TrainingHours.taken_on),
                    col(TrainingHours.minutes),
                ).where(
                    among(session, col(TrainingHours.mentor_id), wanted),
                    col(TrainingHours.taken_on) >= start,
                    col(TrainingHours.taken_on) <= end,
                ),
            ).all()
            for raw_person, taken_on, minutes in logged:
                add(hours, decode.id(raw_person), taken_on, minutes / 60)
        return answer
