"""Calendar sources: the one interface through which a domain says when people are busy (for
clash checks) and what goes in their calendar feed.

Each domain implements `CalendarSource` once and registers it at start-up (`api.domains`).
`api.scheduling.busy.find_clashes` asks every source for busy intervals; the iCalendar feed
(`api.calendar`) asks every source for its feed events. Neither knows which domains exist.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlmodel import Session


@dataclass(frozen=True)
class Busy:
    user_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    source: str  # the source's name: "meeting", "observation", "training", ...
    source_id: uuid.UUID
    title: str


@dataclass(frozen=True)
class FeedEvent:
    """One VEVENT, said without iCalendar's vocabulary. Times are aware and in the zone the
    event should be shown in (the school's), so a weekly series keeps its wall-clock time
    across the clock change."""

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    description: str = ""
    weekly_until: datetime | None = None  # a weekly series, up to and including this start
    excluded: tuple[datetime, ...] = ()  # starts of the series that do not happen
    recurrence_id: datetime | None = None  # this event replaces that start of series `uid`


class CalendarSource(Protocol):
    name: str

    def busy(
        self,
        session: Session,
        people: set[uuid.UUID],
        start: datetime,
        end: datetime,
        ignore: set[uuid.UUID],
    ) -> list[Busy]:
        """What these people are doing between start and end, apart from the `ignore` items."""
        ...

    def feed_events(self, session: Session, user_id: uuid.UUID) -> list[FeedEvent]:
        """What goes in this person's own calendar feed."""
        ...


_sources: dict[str, CalendarSource] = {}


def register_calendar_source(source: CalendarSource) -> None:
    _sources[source.name] = source


def calendar_sources() -> tuple[CalendarSource, ...]:
    # Loud, not empty: a clash check that silently asked nobody would let every clash through.
    if not _sources:
        raise RuntimeError("No calendar sources: call api.domains.register_domains() at start-up.")
    return tuple(_sources.values())
