"""Input types shared by every domain: dates and times within a range the calendar can hold."""

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def _sensible_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must fall between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def _sensible_datetime(value: datetime) -> datetime:
    # Checked before any conversion to UTC, which overflows at the ends of the calendar.
    if not 1900 <= value.year <= 2200:
        raise ValueError("must fall between the years 1900 and 2200")
    return value


SchoolDate = Annotated[date, AfterValidator(_sensible_date)]
Timestamp = Annotated[AwareDatetime, AfterValidator(_sensible_datetime)]
