"""Counting observations for schools' management information systems: one aggregate query per
page, over the columns the observations table keeps for it (school, mentee, mentor, observer
role, kind, the observed date in the school's timezone and that date's school week), read
through the indexes that start with the school and the observed date.

Only observations that took place count (completed or shared). Each group carries its count and
one count per kind, every kind always present (zero included), so the JSON and the CSV always
have the same fields. With `updated_since`, the groups are those in which any observation
observed inside the dates was created, changed or cancelled after that moment, each with its
full current counts, zero included when all its observations were cancelled. (An observation's
school, people, role, kind and date are fixed when it is scheduled, so a change never moves it
from one group to another.)
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import (
    CTE,
    BindParameter,
    ColumnElement,
    Date,
    Integer,
    Select,
    Subquery,
    and_,
    bindparam,
    case,
    func,
    select,
)
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col

from api.core.models import UTCDateTime
from api.observations.models import TOOK_PLACE, Observation, ObservationKind
from api.org.models import User

KINDS: tuple[ObservationKind, ...] = tuple(ObservationKind)
# Rows a server-side cursor hands over at a time when every group is read (the CSV).
STREAM_CHUNK = 1000


class GroupBy(StrEnum):
    school = "school"
    mentee = "mentee"
    mentor = "mentor"
    observer_role = "observer_role"
    week = "week"


# The group's own fields, as the contract names them (a TRN beside a person's id).
GROUP_FIELDS: dict[GroupBy, tuple[str, ...]] = {
    GroupBy.school: ("school_id",),
    GroupBy.mentee: ("mentee_id", "trn"),
    GroupBy.mentor: ("mentor_id", "trn"),
    GroupBy.observer_role: ("observer_role",),
    GroupBy.week: ("week_start",),
}

_KEYS: dict[GroupBy, Any] = {
    GroupBy.school: Observation.school_id,
    GroupBy.mentee: Observation.mentee_id,
    GroupBy.mentor: Observation.mentor_id,
    GroupBy.observer_role: Observation.observer_role,
    GroupBy.week: Observation.week_start,
}


@dataclass(frozen=True)
class CountQuery:
    school_ids: frozenset[uuid.UUID]  # what the client may read, narrowed to one when asked
    group_by: GroupBy
    from_: date
    to: date
    updated_since: datetime | None = None


@dataclass(frozen=True)
class CountRow:
    key: Any  # the group's id, role or week
    trn: str | None
    count: int
    by_kind: dict[str, int]

    def fields(self, group_by: GroupBy) -> dict[str, Any]:
        """The group's fields, then the counts, as the contract orders them."""
        names = GROUP_FIELDS[group_by]
        values = (self.key, self.trn)[: len(names)]
        return {**dict(zip(names, values, strict=True)), "count": self.count}


# Each statement is built once per grouping and kind of question, and run with its values
# bound: building a statement costs more than running it on one school's term.
_SCHOOLS: BindParameter[list[uuid.UUID]] = bindparam("school_ids", expanding=True)
_FROM = bindparam("from_date", type_=Date())
_TO = bindparam("to_date", type_=Date())
_SINCE = bindparam("updated_since", type_=UTCDateTime())
_LIMIT = bindparam("page_limit", type_=Integer())
_OFFSET = bindparam("page_offset", type_=Integer())


def _grouped(group_by: GroupBy, changed: bool) -> Select:
    """The groups and their counts, unordered; `changed`: only those with an observation
    updated after `updated_since`, zero counts included."""
    key = _KEYS[group_by]
    took_place = col(Observation.status).in_(TOOK_PLACE)
    in_scope: list[ColumnElement[bool]] = [
        col(Observation.school_id).in_(_SCHOOLS),
        col(Observation.observed_on) >= _FROM,
        col(Observation.observed_on) <= _TO,
    ]
    if not changed:
        # Only what took place: the index range holds nothing else to add up.
        in_scope.append(took_place)

        def counted(condition: ColumnElement[bool] | None) -> ColumnElement[Any]:
            return func.count() if condition is None else func.count(case((condition, 1)))

    else:
        # Every observation of the group, so a group whose observations were all cancelled
        # still answers (with zero); only those that took place add up.

        def counted(condition: ColumnElement[bool] | None) -> ColumnElement[Any]:
            taken = took_place if condition is None else and_(took_place, condition)
            return func.count(case((taken, 1)))

    columns = [
        key.label("key"),
        counted(None).label("count"),
        *(counted(col(Observation.kind) == kind).label(f"kind_{kind.value}") for kind in KINDS),
    ]
    grouped = select(*columns).where(*in_scope).group_by(key)
    if changed:
        grouped = grouped.having(func.max(Observation.updated_at) > _SINCE)
    return grouped


def _groups(group_by: GroupBy, changed: bool) -> CTE:
    """The groups, worked out first: materialised, so that PostgreSQL never answers a page by
    walking a whole index in the order of the groups (an index on the mentee or the mentor
    looks cheap for a LIMIT, but the window count needs every group anyway)."""
    grouped = _grouped(group_by, changed)
    return grouped.cte("groups").prefix_with("MATERIALIZED", dialect="postgresql")


def _with_trn(group_by: GroupBy, groups: Subquery | CTE) -> Select:
    """The groups in order, with a person's TRN looked up once per group shown (by primary
    key, however many people the database holds)."""
    columns: list[Any] = [*groups.c]
    if group_by in (GroupBy.mentee, GroupBy.mentor):
        trn = select(col(User.trn)).where(col(User.id) == groups.c.key).scalar_subquery()
        columns.append(trn.label("trn"))
    return select(*columns).order_by(groups.c.key)


@cache
def _every_group(group_by: GroupBy, changed: bool) -> Select:
    return _with_trn(group_by, _groups(group_by, changed))


@cache
def _one_page(group_by: GroupBy, changed: bool) -> Select:
    """One page of groups, each with the number of all groups (a window count)."""
    groups = _groups(group_by, changed)
    page = (
        select(*groups.c, func.count().over().label("total"))
        .order_by(groups.c.key)
        .limit(_LIMIT)
        .offset(_OFFSET)
        .subquery("page")
    )
    return _with_trn(group_by, page)


@cache
def _group_count(group_by: GroupBy, changed: bool) -> Select:
    return select(func.count()).select_from(_grouped(group_by, changed).subquery())


def _values(query: CountQuery) -> dict[str, Any]:
    values: dict[str, Any] = {
        "school_ids": sorted(query.school_ids),
        "from_date": query.from_,
        "to_date": query.to,
    }
    if query.updated_since is not None:
        values["updated_since"] = query.updated_since
    return values


def _row(mapping: Any) -> CountRow:
    return CountRow(
        key=mapping["key"],
        trn=mapping.get("trn"),
        count=mapping["count"],
        by_kind={kind.value: mapping[f"kind_{kind.value}"] for kind in KINDS},
    )


def count_page(
    session: Session, query: CountQuery, limit: int, offset: int
) -> tuple[list[CountRow], int]:
    """One page of groups and the number of all groups, in one query (the number rides on
    every row as a window count; only a page past the end counts apart)."""
    if not query.school_ids:
        return [], 0
    changed = query.updated_since is not None
    values = _values(query) | {"page_limit": limit, "page_offset": offset}
    # Straight to the request's connection: a plain statement needs none of the ORM's
    # execution machinery, which costs more than the statement itself on one school's term.
    connection = session.connection()
    rows = connection.execute(_one_page(query.group_by, changed), values).mappings().all()
    if rows:
        return [_row(row) for row in rows], rows[0]["total"]
    if offset == 0:
        return [], 0
    total = connection.execute(_group_count(query.group_by, changed), _values(query)).scalar_one()
    return [], total


def count_rows(session: Session, query: CountQuery) -> Iterator[CountRow]:
    """Every group, read from a server-side cursor a chunk at a time (bounded memory)."""
    if not query.school_ids:
        return
    result = SASession.execute(
        session,
        _every_group(query.group_by, query.updated_since is not None),
        _values(query),
        execution_options={"yield_per": STREAM_CHUNK},
    )
    try:
        for chunk in result.mappings().partitions():
            for row in chunk:
                yield _row(row)
    finally:
        result.close()
