"""Which days are term days at a school: inside a term and outside every closure."""

import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from api.org.models import TermDate, TermKind


@dataclass(frozen=True)
class TermCalendar:
    terms: tuple[tuple[date, date], ...]
    closures: tuple[tuple[date, date], ...]

    def is_term_day(self, day: date) -> bool:
        return _covered(self.terms, day) and not _covered(self.closures, day)

    def weekly_dates(self, weekday: int, starts_on: date, ends_on: date) -> list[date]:
        """Every `weekday` from starts_on to ends_on that falls on a term day."""
        first = starts_on + timedelta(days=(weekday - starts_on.weekday()) % 7)
        days = []
        day = first
        while day <= ends_on:
            if self.is_term_day(day):
                days.append(day)
            day += timedelta(days=7)
        return days


def _covered(ranges: tuple[tuple[date, date], ...], day: date) -> bool:
    # Ranges are sorted by start; any range starting on or before `day` may cover it.
    index = bisect_right(ranges, (day, date.max))
    return any(start <= day <= end for start, end in ranges[:index])


def term_calendar(session: Session, school_id: uuid.UUID) -> TermCalendar:
    rows = session.exec(
        select(col(TermDate.kind), col(TermDate.starts_on), col(TermDate.ends_on)).where(
            TermDate.school_id == school_id
        )
    ).all()
    terms = sorted((s, e) for k, s, e in rows if k == TermKind.term)
    closures = sorted((s, e) for k, s, e in rows if k == TermKind.closure)
    return TermCalendar(tuple(terms), tuple(closures))


def school_week(day: date) -> tuple[date, date]:
    """Monday to Friday of the week `day` falls in: when protected time can happen."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=4)
