"""Meetings as a measure source for entitlements: protected minutes held per school week.

A meeting counts in the week of its slot's date (`occurrence_date`), so one moved to another
day still fills its own week and never counts against anyone. Held: its minutes count. Called
off ahead of time, or did not take place: nothing delivered and the loss counts against the
entitlement. Cancelled because the school closed that day, or because the pairing ended: the
week is not owed. One query for every person asked about.
"""

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, or_

from api.core.wording import human_date
from api.measures.sources import Measure, MeasureAnswer, WeekAmount, week_of
from api.meetings.models import CancelReason, Meeting, MeetingStatus
from api.mentoring.models import Pairing

MINUTES = "meetings.protected_minutes"
HELD = "meetings.held"


class MeetingMeasures:
    name = "meetings"
    measures: tuple[Measure, ...] = (
        Measure(MINUTES, "Protected meeting minutes held", "minutes", per_pairing=True),
        Measure(HELD, "Mentoring meetings held", "meetings", per_pairing=True),
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
                col(Pairing.mentor_id),
                col(Pairing.mentee_id),
                col(Meeting.occurrence_date),
                col(Meeting.starts_at),
                col(Meeting.ends_at),
                col(Meeting.status),
                col(Meeting.cancel_reason),
            )
            .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
            .where(
                or_(col(Pairing.mentor_id).in_(wanted), col(Pairing.mentee_id).in_(wanted)),
                col(Meeting.occurrence_date) >= start,
                col(Meeting.occurrence_date) <= end,
            ),
        ).all()
        today = date.today()
        for mentor_id, mentee_id, day, starts_at, ends_at, status, reason in rows:
            week = week_of(day)
            minutes = (ends_at - starts_at).total_seconds() / 60
            for person in (mentor_id, mentee_id):
                if person not in wanted:
                    continue
                for measure, weeks in answer.items():
                    amount = weeks.setdefault(person, {}).setdefault(week, WeekAmount())
                    if status == MeetingStatus.held:
                        amount.delivered += minutes if measure == MINUTES else 1
                    elif status == MeetingStatus.cancelled and reason in (
                        CancelReason.school_closed,
                        CancelReason.pairing_ended,
                    ):
                        amount.excused = True
                        closed = reason == CancelReason.school_closed
                        why = "the school was closed" if closed else "the pairing had ended"
                        amount.notes.append(f"The meeting on {human_date(day)}: {why}.")
                    elif status == MeetingStatus.cancelled:
                        amount.lost += 1
                        amount.notes.append(f"The meeting on {human_date(day)} was called off.")
                    elif status == MeetingStatus.missed:
                        amount.lost += 1
                        amount.notes.append(f"The meeting on {human_date(day)} did not take place.")
                    elif day < today:
                        amount.notes.append(f"The meeting on {human_date(day)} is not recorded.")
        return answer
