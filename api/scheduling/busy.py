"""When people are already busy, from every calendar source: the one place a clash check asks.
Sources (meetings, and later observations and training events) register in
`api.scheduling.sources`.
"""

import uuid
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from api.scheduling.sources import Busy, calendar_sources


@dataclass(frozen=True)
class Interval:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Clash:
    wanted: Interval
    busy: Busy


def find_clashes(
    session: Session,
    people: set[uuid.UUID],
    wanted: Iterable[Interval],
    *,
    ignore: set[uuid.UUID] | None = None,
) -> list[Clash]:
    """Every wanted interval that overlaps something any of `people` is already doing.

    One query per source for the whole span, then a binary search per wanted interval, so a
    year of weekly occurrences costs the same few queries as one.
    """
    wanted = sorted(wanted, key=lambda i: i.starts_at)
    if not wanted or not people:
        return []
    span_start = wanted[0].starts_at
    span_end = max(i.ends_at for i in wanted)
    busy: list[Busy] = []
    for source in calendar_sources():
        busy.extend(source.busy(session, people, span_start, span_end, ignore or set()))
    if not busy:
        return []
    busy.sort(key=lambda b: b.starts_at)
    starts = [b.starts_at for b in busy]
    longest = max(b.ends_at - b.starts_at for b in busy)

    clashes: list[Clash] = []
    for interval in wanted:
        # Only items that start after (interval start - longest item) can still be running.
        low = bisect_left(starts, interval.starts_at - longest)
        high = bisect_left(starts, interval.ends_at)
        clashes.extend(
            Clash(interval, item) for item in busy[low:high] if item.ends_at > interval.starts_at
        )
    return clashes
