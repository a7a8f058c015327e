"""Wellbeing as a measure source for entitlements: how many check-ins each person made per
school week. The count only: no score, note or request to talk leaves this file."""

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.measures.sources import Decoder, Measure, MeasureAnswer, WeekAmount, among, raw, raw_id
from api.wellbeing.models import WellbeingCheckIn

CHECK_INS = "wellbeing.check_ins"


class WellbeingMeasures:
    name = "wellbeing"
    measures: tuple[Measure, ...] = (
        Measure(CHECK_INS, "Wellbeing check-ins made", "check-ins", whole=True),
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
        answer: MeasureAnswer = {m: {} for m in measures if m == CHECK_INS}
        if not wanted or not answer:
            return answer
        rows = session.exec(
            select(
                raw_id(col(WellbeingCheckIn.subject_id)),
                raw(col(WellbeingCheckIn.week_start)),
                func.count(col(WellbeingCheckIn.id)),
            )
            .where(
                among(session, col(WellbeingCheckIn.subject_id), wanted),
                col(WellbeingCheckIn.checked_in_on) >= start,
                col(WellbeingCheckIn.checked_in_on) <= end,
            )
            .group_by(col(WellbeingCheckIn.subject_id), col(WellbeingCheckIn.week_start))
        ).all()
        decode = Decoder(wanted)
        for person, week, count in rows:
            weeks = answer[CHECK_INS].setdefault(decode.id(person), {})
            weeks[decode.day(week)] = WeekAmount(delivered=count)
        return answer
