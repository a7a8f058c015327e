"""Dates and times in messages, written the way the web app shows them ("2 Sept 2026").

Problem details and to-dos are read by people, so they never show ISO dates. The web app formats
dates with the en-GB locale's short month ("Sept" for September); these match it.
"""

from datetime import date, datetime

# en-GB's short month names, as the browser's Intl.DateTimeFormat writes them.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def human_date(value: date) -> str:
    """2 Sept 2026."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def human_day(value: date) -> str:
    """Wednesday 2 Sept 2026."""
    return f"{value:%A} {human_date(value)}"


def human_time(value: datetime) -> str:
    """Wednesday 2 Sept 2026 at 15:30, in the zone the value carries."""
    return f"{human_day(value)} at {value:%H:%M}"


def human_range(starts_on: date, ends_on: date | None) -> str:
    """2 Sept 2026 to 18 July 2027, or "from 2 Sept 2026, with no end date"."""
    if ends_on is None:
        return f"from {human_date(starts_on)}, with no end date"
    return f"{human_date(starts_on)} to {human_date(ends_on)}"


def plural(count: float, one: str, many: str | None = None) -> str:
    """1 observation, 2 observations, 0.5 observations (many defaults to one with an s)."""
    shown = f"{count:g}"
    return f"{shown} {one if shown == '1' else (many or one + 's')}"
