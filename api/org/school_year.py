"""A typical English school year, used to seed term dates for a new school or the demo."""

from datetime import date, timedelta

from dateutil.easter import easter

from api.org.models import TermKind

MONDAY, WEDNESDAY, FRIDAY = 0, 2, 4


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def academic_year_start(today: date) -> int:
    """The calendar year in which the current academic year began (it turns over in August)."""
    return today.year if today.month >= 8 else today.year - 1


def typical_year(start_year: int) -> list[tuple[TermKind, str, date, date]]:
    """Three terms with their half-terms, on the pattern most English schools follow."""
    y, n = start_year, start_year + 1
    autumn_start = _on_or_after(date(y, 9, 1), WEDNESDAY)
    autumn_half = _on_or_before(date(y, 10, 27), MONDAY)  # last full week of October
    autumn_end = _on_or_before(date(y, 12, 20), FRIDAY)
    spring_start = _on_or_after(date(n, 1, 4), MONDAY)
    spring_half = _on_or_after(date(n, 2, 13), MONDAY)
    good_friday = easter(n) - timedelta(days=2)
    spring_end = good_friday - timedelta(days=1)
    summer_start = easter(n) + timedelta(days=8)  # the Monday a week after Easter Monday
    summer_half = _on_or_before(date(n, 5, 31), MONDAY)  # spring bank holiday week
    summer_end = _on_or_before(date(n, 7, 22), FRIDAY)
    week = timedelta(days=4)
    return [
        (TermKind.term, f"Autumn term {y}", autumn_start, autumn_end),
        (TermKind.closure, "Autumn half-term", autumn_half, autumn_half + week),
        (TermKind.term, f"Spring term {n}", spring_start, spring_end),
        (TermKind.closure, "Spring half-term", spring_half, spring_half + week),
        (TermKind.term, f"Summer term {n}", summer_start, summer_end),
        (TermKind.closure, "Summer half-term", summer_half, summer_half + week),
    ]
