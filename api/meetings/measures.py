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

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, or_

from api.core.wording import human_date
from api.measures.sources import (
    Decoder,
    Measure,
    MeasureAnswer,
    WeekAmount,
    among,
    raw,
    raw_id,
    week_of,
)
from api.meetings.models import CancelReason, Meeting, MeetingStatus
from api.mentoring.models import Pairing

MINUTES = "meetings.protected_minutes"
HELD = "meetings.held"


class MeetingMeasures:
    name = "meetings"
    measures: tuple[Measure, ...] = (
        Measure(MINUTES, "Protected meeting minutes held", "minutes", per_pairing=True),
        Measure(HELD, "Mentoring meetings held", "meetings", per_pairing=True, whole=True),
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
        decode = Decoder(wanted)
        starts, ends = col(Meeting.starts_at), col(Meeting.ends_at)
        if session.get_bind().dialect.name == "postgresql":
            span = func.extract("epoch", ends - starts) / 60
        else:
            span = (func.julianday(ends) - func.julianday(starts)) * 1440
        rows = SASession.execute(
            session,
            sa_select(
                raw_id(col(Pairing.mentor_id)),
                raw_id(col(Pairing.mentee_id)),
                raw(col(Meeting.occurrence_date)),
                func.round(span),
                raw(col(Meeting.status)),
                raw(col(Meeting.cancel_reason)),
            )
            .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
            .where(
                or_(
                    among(session, col(Pairing.mentor_id), wanted),
                    among(session, col(Pairing.mentee_id), wanted),
                ),
                col(Meeting.occurrence_date) >= start,
                col(Meeting.occurrence_date) <= end,
            ),
        ).all()
        today = date.today()
        closed_reasons = (CancelReason.school_closed, CancelReason.pairing_ended)
        held_status, cancelled, missed = (
            MeetingStatus.held,
            MeetingStatus.cancelled,
            MeetingStatus.missed,
        )
        # measure -> person -> week: one dict per person, found once per person not per row.
        per_person: dict[object, list[tuple[dict[date, WeekAmount], bool]]] = {}
        wanted_measures = list(answer.items())

        def weeks_of(raw_person: object) -> list[tuple[dict[date, WeekAmount], bool]] | None:
            found = per_person.get(raw_person)
            if found is None:
                person = decode.id(raw_person)
                if person not in wanted:
                    found = per_person[raw_person] = []
                else:
                    found = per_person[raw_person] = [
                        (weeks.setdefault(person, {}), measure == MINUTES)
                        for measure, weeks in wanted_measures
                    ]
            return found

        weeks_by_day: dict[object, tuple[date, date]] = {}
        for raw_mentor, raw_mentee, raw_day, minutes, status, reason in rows:
            found_day = weeks_by_day.get(raw_day)
            if found_day is None:
                day = decode.day(raw_day)
                found_day = weeks_by_day[raw_day] = (day, week_of(day))
            day, week = found_day
            # What this meeting means, worked out once for both people and every measure.
            held = status == held_status
            if held:
                got = float(minutes)
                for raw_person in (raw_mentor, raw_mentee):
                    for by_week, in_minutes in weeks_of(raw_person) or ():
                        amount = by_week.get(week)
                        if amount is None:
                            amount = by_week[week] = WeekAmount()
                        amount.delivered += got if in_minutes else 1.0
                continue
            excused = status == cancelled and reason in closed_reasons
            lost = not excused and status != MeetingStatus.scheduled
            note = None
            if excused:
                why = (
                    "the school was closed"
                    if reason == CancelReason.school_closed
                    else "the pairing had ended"
                )
                note = f"The meeting on {human_date(day)}: {why}."
            elif status == cancelled:
                note = f"The meeting on {human_date(day)} was called off."
            elif status == missed:
                note = f"The meeting on {human_date(day)} did not take place."
            elif day < today:
                note = f"The meeting on {human_date(day)} is not recorded."
            for raw_person in (raw_mentor, raw_mentee):
                for by_week, _ in weeks_of(raw_person) or ():
                    amount = by_week.get(week)
                    if amount is None:
                        amount = by_week[week] = WeekAmount()
                    if excused:
                        amount.excused = True
                    if lost:
                        amount.lost += 1
                    if note:
                        amount.notes.append(note)
        return answer
