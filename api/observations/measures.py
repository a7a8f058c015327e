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

from api.measures.sources import Decoder, Measure, MeasureAnswer, WeekAmount, among, raw, raw_id
from api.observations.models import TOOK_PLACE, Observation, ObservationKind, ObserverRole

RECEIVED = "observations.received"
BY_MENTOR = "observations.received_from_mentor"
FORMAL = "observations.received_formal"
MADE = "observations.made"
PEER_MADE = "observations.peer_made"


class ObservationMeasures:
    name = "observations"
    measures: tuple[Measure, ...] = (
        Measure(RECEIVED, "Observations of the person's teaching", "observations", whole=True),
        Measure(BY_MENTOR, "Observations by the person's mentor", "observations", whole=True),
        Measure(FORMAL, "Formal observations of the person's teaching", "observations", whole=True),
        Measure(MADE, "Observations the person made", "observations", whole=True),
        Measure(PEER_MADE, "Peer observations the person made", "observations", whole=True),
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
                raw_id(col(Observation.mentee_id)),
                raw_id(col(Observation.observer_id)),
                raw(col(Observation.observer_role)),
                raw(col(Observation.kind)),
                raw(col(Observation.week_start)),
                func.count(col(Observation.id)),
            )
            .where(
                or_(
                    among(session, col(Observation.mentee_id), wanted),
                    among(session, col(Observation.observer_id), wanted),
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

        decode = Decoder(wanted)
        received, by_mentor = answer.get(RECEIVED), answer.get(BY_MENTOR)
        formal, made, peer_made = answer.get(FORMAL), answer.get(MADE), answer.get(PEER_MADE)
        mentor, formal_kind = ObserverRole.mentor, ObservationKind.formal
        peer = ObservationKind.peer
        weeks_by_raw: dict[object, date] = {}

        def add(weeks: dict, person: uuid.UUID, week: date, count: int) -> None:
            by_week = weeks.get(person)
            if by_week is None:
                by_week = weeks[person] = {}
            amount = by_week.get(week)
            if amount is None:
                by_week[week] = WeekAmount(delivered=count)
            else:
                amount.delivered += count

        for raw_mentee, raw_observer, role, kind, raw_week, count in rows:
            week = weeks_by_raw.get(raw_week)
            if week is None:
                week = weeks_by_raw[raw_week] = decode.day(raw_week)
            mentee, observer = decode.id(raw_mentee), decode.id(raw_observer)
            if mentee in wanted:
                if received is not None:
                    add(received, mentee, week, count)
                if by_mentor is not None and role == mentor:
                    add(by_mentor, mentee, week, count)
                if formal is not None and kind == formal_kind:
                    add(formal, mentee, week, count)
            if observer in wanted:
                if made is not None:
                    add(made, observer, week, count)
                if peer_made is not None and kind == peer:
                    add(peer_made, observer, week, count)
        return answer
