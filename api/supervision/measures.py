"""Supervision as a measure source for entitlements: sessions held per school week, by the
date each was held at the school. What was said never leaves this domain."""

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.measures.sources import Measure, MeasureAnswer, WeekAmount, among, week_of
from api.supervision.models import SupervisionSession, SupervisionStatus

SESSIONS = "supervision.sessions"


class SupervisionMeasures:
    name = "supervision"
    measures: tuple[Measure, ...] = (
        Measure(SESSIONS, "Supervision sessions held", "sessions", whole=True),
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
        answer: MeasureAnswer = {m: {} for m in measures if m == SESSIONS}
        if not wanted or not answer:
            return answer
        rows = session.exec(
            select(
                col(SupervisionSession.mentor_id),
                col(SupervisionSession.held_on),
                func.count(col(SupervisionSession.id)),
            )
            .where(
                among(session, col(SupervisionSession.mentor_id), wanted),
                SupervisionSession.status == SupervisionStatus.held,
                col(SupervisionSession.held_on) >= start,
                col(SupervisionSession.held_on) <= end,
            )
            .group_by(col(SupervisionSession.mentor_id), col(SupervisionSession.held_on))
        ).all()
        for person, held_on, count in rows:
            assert held_on is not None
            weeks = answer[SESSIONS].setdefault(person, {})
            weeks.setdefault(week_of(held_on), WeekAmount()).delivered += count
        return answer
