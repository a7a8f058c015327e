"""Measure sources: the one interface through which a domain says how much of something each
person got, school week by school week, for the entitlements' compliance.

Each domain registers one `MeasureSource` at start-up (`api.domains`), naming the measures it
answers. The compliance engine asks a source once for every person and measure it needs over a
date range (one batch, never a query per person) and knows nothing of meetings, observations or
any other domain. A new measure (training hours, say) is one new source registered by its
domain's plug-in; nothing else changes.
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from sqlalchemy import String, TypeDecorator, Uuid, any_, bindparam, cast, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

# `sum`: amounts add up over weeks (minutes, sessions, observations). `level`: the amount is a
# standing value in effect from the week it was recorded (a timetable reduction, a TLR).
MeasureKind = Literal["sum", "level"]


@dataclass(frozen=True)
class Measure:
    name: str  # "meetings.protected_minutes": the domain, then what is counted
    label: str  # in plain words, for the policy editor
    unit: str  # "minutes", "sessions", "observations", "per cent", "pounds", "yes or no"
    kind: MeasureKind = "sum"
    # Promised per pairing: a mentor of two mentees is owed the weekly meeting with each.
    per_pairing: bool = False
    # Delivered one at a time (observations, sessions, check-ins): part way through a period,
    # a person is behind only once a whole one is owed, not a fraction of one.
    whole: bool = False


@dataclass(slots=True)
class WeekAmount:
    """What one person got in one school week (keyed by its Monday)."""

    delivered: float = 0.0
    # Not owed this week (a meeting the school cancelled for a closure): the week drops out.
    excused: bool = False
    # How many times it was lost in a way that counts against the entitlement (early warnings).
    lost: int = 0
    notes: list[str] = field(default_factory=list)  # why a week fell short, in plain words


# measure name -> person -> Monday of the week -> amount
MeasureAnswer = dict[str, dict[uuid.UUID, dict[date, WeekAmount]]]


class MeasureSource(Protocol):
    name: str
    measures: tuple[Measure, ...]

    def delivered(
        self,
        session: Session,
        measures: Collection[str],
        people: Collection[uuid.UUID],
        start: date,
        end: date,
    ) -> MeasureAnswer:
        """For these measures (only names this source answers) and people, what was delivered
        in each school week from start to end inclusive. Weeks with nothing may be absent."""
        ...


_sources: dict[str, MeasureSource] = {}


def register_measure_source(source: MeasureSource) -> None:
    _sources[source.name] = source


def measure_sources() -> tuple[MeasureSource, ...]:
    # Loud, not empty: compliance computed with no sources would call everything missed.
    if not _sources:
        raise RuntimeError("No measure sources: call api.domains.register_domains() at start-up.")
    return tuple(_sources.values())


def measures() -> dict[str, Measure]:
    """Every registered measure by name."""
    return {m.name: m for source in measure_sources() for m in source.measures}


def source_of(measure: str) -> MeasureSource | None:
    for source in measure_sources():
        if any(m.name == measure for m in source.measures):
            return source
    return None


class Decoder:
    """Turns the raw values of a batch query into ids and dates without SQLAlchemy's per-value
    processing (select the columns through `raw()`): on SQLite ids arrive as hex text and dates
    as ISO text, on PostgreSQL the driver has decoded them already. Each distinct value is
    decoded once, which is what makes a year of a trust's rows cheap to read."""

    def __init__(self, people: Collection[uuid.UUID]) -> None:
        self.ids: dict[object, uuid.UUID] = {}
        for person in people:
            self.ids[person.hex] = self.ids[str(person)] = self.ids[person] = person
        self.dates: dict[object, date] = {}

    def id(self, raw: object) -> uuid.UUID:
        found = self.ids.get(raw)
        if found is None:
            found = raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
            self.ids[raw] = found
        return found

    def day(self, raw: object) -> date:
        found = self.dates.get(raw)
        if found is None:
            found = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
            self.dates[raw] = found
        return found


def raw(column: Any) -> Any:
    """A selected column as the driver answers it, without SQLAlchemy's result processing."""
    return type_coerce(column, _Raw())


class _Raw(TypeDecorator):
    impl = String
    cache_ok = True

    def result_processor(self, dialect: Any, coltype: Any) -> None:
        return None


def raw_id(column: Any) -> Any:
    """An id column selected as text: decoded by `Decoder.id` through a dict of strings, which
    is cheaper than the driver building a UUID per row and hashing it in Python."""
    return type_coerce(cast(column, String), _Raw())


def among(session: Session, column: Any, ids: Collection[uuid.UUID]) -> Any:
    """`column IN ids`; on PostgreSQL as `column = ANY(array)`, one parameter however many ids
    (a trust's people are hundreds, each otherwise a parameter rendered and sent)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Uuid())))
    return column.in_(list(ids))


def week_of(day: date) -> date:
    """The Monday of the week `day` falls in: how every source keys its weeks."""
    return date.fromordinal(day.toordinal() - day.weekday())
