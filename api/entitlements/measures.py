"""Recorded provisions as a measure source: what a lead recorded (a timetable reduction in per
cent, a TLR in pounds a year, a device issued, a job description on file), each a standing
value from the week it took effect. Every record up to the end of the range counts, so a
reduction recorded last year still stands."""

import uuid
from collections.abc import Collection
from datetime import date

from sqlmodel import Session, col, select

from api.entitlements.models import Provision, ProvisionKind
from api.measures.sources import Measure, MeasureAnswer, WeekAmount, among, week_of

PREFIX = "recorded."
UNITS = {
    ProvisionKind.timetable_reduction: ("Timetable reduction recorded", "per cent"),
    ProvisionKind.tlr_payment: ("TLR payment recorded", "pounds a year"),
    ProvisionKind.device: ("Device issued", "yes or no"),
    ProvisionKind.job_description: ("Job description on file", "yes or no"),
}


class RecordedProvisions:
    name = "recorded"
    measures: tuple[Measure, ...] = tuple(
        Measure(PREFIX + kind.value, label, unit, kind="level")
        for kind, (label, unit) in UNITS.items()
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
        kinds = [ProvisionKind(m.removeprefix(PREFIX)) for m in answer]
        if not wanted or not kinds:
            return answer
        rows = session.exec(
            select(
                col(Provision.user_id),
                col(Provision.kind),
                col(Provision.effective_from),
                col(Provision.amount),
            )
            .where(
                among(session, col(Provision.user_id), wanted),
                col(Provision.kind).in_(kinds),
                col(Provision.effective_from) <= end,
            )
            .order_by(col(Provision.effective_from), col(Provision.created_at))
        ).all()
        for person, kind, effective_from, amount in rows:
            # The latest record in a week stands for that week.
            weeks = answer[PREFIX + kind].setdefault(person, {})
            weeks[week_of(effective_from)] = WeekAmount(delivered=amount)
        return answer
