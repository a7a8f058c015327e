"""Input types shared by every domain: dates, times and timestamps within a range the calendar
can hold, described in the OpenAPI schema exactly as they are checked."""

import re
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, WithJsonSchema

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
EARLIEST_TIMESTAMP_YEAR, LATEST_TIMESTAMP_YEAR = 1900, 2200


def _written_as(shape: str, example: str) -> BeforeValidator:
    """Text of this shape only: the parser alone would also take numbers (seconds) and
    spellings the schema's format does not allow."""
    pattern = re.compile(shape)

    def check(value: Any) -> Any:
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f"must be written like {example}")
        if isinstance(value, int | float):
            raise ValueError(f"must be text written like {example}")
        return value

    return BeforeValidator(check)


def _sensible_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must fall between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def _sensible_datetime(value: datetime) -> datetime:
    # Checked before any conversion to UTC, which overflows at the ends of the calendar.
    if not EARLIEST_TIMESTAMP_YEAR <= value.year <= LATEST_TIMESTAMP_YEAR:
        raise ValueError(
            f"must fall between the years {EARLIEST_TIMESTAMP_YEAR} and {LATEST_TIMESTAMP_YEAR}"
        )
    return value


SchoolDate = Annotated[
    date,
    _written_as("[0-9]{4}-[0-9]{2}-[0-9]{2}", "2026-09-01"),
    AfterValidator(_sensible_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": "^(20[0-9]{2}|2100)-",
            "description": f"A date from {EARLIEST_YEAR} to {LATEST_YEAR}",
        }
    ),
]
Timestamp = Annotated[
    AwareDatetime,
    _written_as("[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt].*", "2026-09-01T15:30:00Z"),
    AfterValidator(_sensible_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-",
            "description": "A time with its offset (Z or +01:00), "
            f"from the year {EARLIEST_TIMESTAMP_YEAR} to {LATEST_TIMESTAMP_YEAR}",
        }
    ),
]
# A time of day at the school, with no offset: JSON Schema's `format: time` requires one.
WALL_CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?"
WallClockTime = Annotated[
    time,
    _written_as(WALL_CLOCK, "15:30"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{WALL_CLOCK}$",
            "description": "Wall-clock time at the school, without an offset, e.g. 15:30",
            "examples": ["15:30"],
        }
    ),
]
