"""Observations as a measure source for entitlements: how many took place per school week
(by the observed date at the school), as the observed mentee and as the observer, by the
observer's role and the kind. One grouped query for every person asked about."""

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, or_

from api.measures.sources import Measure, MeasureAnswer, WeekAmount
from api.observations.models import TOOK_PLACE, Observation, ObservationKind, ObserverRole

RECEIVED = "observations.received"
BY_MENTOR = "observations.received_from_mentor"
FORMAL = "observations.received_formal"
MADE = "observations.made"
PEER_MADE = "observations.peer_made"


class ObservationMeasures:
    name = "observations"
    measures: tuple[Measure, ...] = (
        Measure(RECEIVED, "Observations of the person's teaching", "observations"),
        Measure(BY_MENTOR, "Observations by the person's mentor", "observations"),
        Measure(FORMAL, "Formal observations of the person's teaching", "observations"),
        Measure(MADE, "Observations the person made", "observations"),
        Measure(PEER_MADE, "Peer observations the person made", "observations"),
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
        answer: MeasureAnswer = {m: {} for m in measures}
        if not wanted or not answer:
            return answer
        rows = SASession.execute(
            session,
            sa_select(
                col(Observation.mentee_id),
                col(Observation.observer_id),
                col(Observation.observer_role),
                col(Observation.kind),
                col(Observation.week_start),
                func.count(col(Observation.id)),
            )
            .where(
                or_(
                    col(Observation.mentee_id).in_(wanted),
                    col(Observation.observer_id).in_(wanted),
                ),
                col(Observation.status).in_(TOOK_PLACE),
                col(Observation.observed_on) >= start,
                col(Observation.observed_on) <= end,
            )
            .group_by(
                col(Observation.mentee_id),
                col(Observation.observer_id),
                col(Observation.observer_role),
                col(Observation.kind),
                col(Observation.week_start),
            ),
        ).all()

        def add(measure: str, person: uuid.UUID, week: date, count: int) -> None:
            if measure in answer and person in wanted:
                weeks = answer[measure].setdefault(person, {})
                weeks.setdefault(week, WeekAmount()).delivered += count

        for mentee, observer, role, kind, week, count in rows:
            add(RECEIVED, mentee, week, count)
            if role == ObserverRole.mentor:
                add(BY_MENTOR, mentee, week, count)
            if kind == ObservationKind.formal:
                add(FORMAL, mentee, week, count)
            add(MADE, observer, week, count)
            if kind == ObservationKind.peer:
                add(PEER_MADE, observer, week, count)
        return answer
