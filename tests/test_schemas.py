"""The patterns that describe dates, timestamps and times match exactly what the server takes."""

import re
from datetime import date, timedelta

import pytest
from pydantic import TypeAdapter, ValidationError

from api.core.schemas import (
    SCHOOL_DATE,
    TIMESTAMP,
    WALL_CLOCK,
    SchoolDate,
    Timestamp,
    WallClockTime,
)


def _every_day(first_year: int, last_year: int):  # type: ignore[no-untyped-def]
    day = date(first_year, 1, 1)
    while day.year <= last_year:
        yield day
        day += timedelta(days=1)


def test_the_date_pattern_matches_every_real_day_from_2000_to_2100_and_nothing_else():
    pattern = re.compile(SCHOOL_DATE)
    for day in _every_day(1995, 2105):
        assert bool(pattern.fullmatch(day.isoformat())) == (2000 <= day.year <= 2100), day
    for unreal in ("2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10"):
        assert not pattern.fullmatch(unreal), unreal


def test_the_timestamp_pattern_matches_every_real_day_from_1900_to_2200_with_an_offset():
    pattern = re.compile(TIMESTAMP)
    for day in _every_day(1895, 2205):
        stamp = f"{day.isoformat()}T15:30:00Z"
        assert bool(pattern.fullmatch(stamp)) == (1900 <= day.year <= 2200), stamp
    for unreal in ("1900-02-29", "2100-02-29", "2200-02-29", "2026-06-31"):
        assert not pattern.fullmatch(f"{unreal}T15:30:00Z"), unreal
    for stamp in ("2026-09-01T15:30:00+01:00", "2026-09-01t15:30:00.123456z"):
        assert pattern.fullmatch(stamp), stamp
    for stamp in ("2026-09-01T15:30:00", "2026-09-01 15:30:00Z", "2026-09-01T15:30Z"):
        assert not pattern.fullmatch(stamp), stamp


@pytest.mark.parametrize(
    ("kind", "accepted", "refused"),
    [
        (SchoolDate, ["2026-09-01", "2000-02-29"], ["2026-9-1", "2026-09-01T00:00:00", 20260901]),
        (
            Timestamp,
            ["2026-09-01T15:30:00Z", "2026-09-01T15:30:00.5-05:00"],
            ["2026-09-01T15:30Z", "2026-09-01T15:30:00", 1788000000, "2026-09-01T15:30:00+0100"],
        ),
        (WallClockTime, ["15:30", "09:05:30"], ["15:30Z", "9:05", "15:30:00+01:00", 55800]),
    ],
)
def test_the_server_takes_exactly_what_the_pattern_matches(kind, accepted, refused):  # type: ignore[no-untyped-def]
    adapter = TypeAdapter(kind)
    pattern = re.compile(adapter.json_schema()["pattern"])
    for value in accepted:
        assert pattern.search(value)
        adapter.validate_python(value)
    for value in refused:
        assert not isinstance(value, str) or not pattern.search(value)
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_wall_clock_times_are_times_of_day():
    pattern = re.compile(WALL_CLOCK)
    assert pattern.fullmatch("23:59:59.999999") and not pattern.fullmatch("24:00")
