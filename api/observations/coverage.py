"""Coverage for the leads: who observed whom, week by week, by observer role and kind, and the
mentees nobody has observed for a while. Observations that took place count, by the date at
the school. A lead reads their schools, a trust admin the trust. No HTTP here."""

import csv
import io
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.pagination import Page, PageParams
from api.core.problems import FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date
from api.mentoring.models import Pairing
from api.observations import policy
from api.observations.models import TOOK_PLACE, Observation, ObservationKind, ObserverRole
from api.observations.schemas import CoverageRow, CoverageWeek, UnobservedMentee
from api.org import people as org_people
from api.org.models import School

# A school year and a little: the longest range one request covers.
MAX_DAYS = 371
LONDON = ZoneInfo("Europe/London")
CSV_COLUMNS = (
    "week_start",
    "school_id",
    "school_name",
    "mentee_id",
    "mentee_name",
    "observer_id",
    "observer_name",
    "observer_role",
    "kind",
    "count",
)

CoverageSelect = Select[date, uuid.UUID, uuid.UUID, uuid.UUID, ObserverRole, ObservationKind, int]


@dataclass(frozen=True)
class Scope:
    school_ids: list[uuid.UUID]
    names: dict[uuid.UUID, str]


def scope(session: Session, principal: Principal, school_id: uuid.UUID | None) -> Scope:
    """The schools asked about: 403 for people who read no coverage, 404 for a school outside
    the principal's coverage."""
    if not policy.may_read_coverage(principal):
        raise Forbidden("Coverage is for school leads and trust admins.")
    query = select(School).where(policy.coverage_schools(principal))
    if school_id is not None:
        first_visible(session, query.where(School.id == school_id), "school", school_id)
        query = query.where(School.id == school_id)
    schools = session.exec(query).all()
    return Scope([s.id for s in schools], {s.id: s.name for s in schools})


def date_range(from_: date | None, to: date | None) -> tuple[date, date]:
    """The range asked for; by default the twelve school weeks up to today."""
    last = to or utcnow().astimezone(LONDON).date()
    first = from_ or last - timedelta(days=last.weekday(), weeks=11)
    check_range(first, last)
    return first, last


def check_range(from_: date, to: date) -> None:
    if to < from_:
        raise Unprocessable(
            f"The range ends ({human_date(to)}) before it starts ({human_date(from_)}).",
            errors=[FieldProblem(field="to", detail="before from")],
        )
    if (to - from_).days > MAX_DAYS:
        raise Unprocessable(
            "Ask about a school year at most at a time (53 weeks).",
            errors=[FieldProblem(field="to", detail="more than 53 weeks after from")],
        )


def _took_place(where: Scope, from_: date, to: date) -> tuple[ColumnElement[bool], ...]:
    return (
        col(Observation.school_id).in_(where.school_ids),
        col(Observation.status).in_(TOOK_PLACE),
        col(Observation.observed_on) >= from_,
        col(Observation.observed_on) <= to,
    )


def _rows_query(where: Scope, from_: date, to: date) -> CoverageSelect:
    count = func.count(col(Observation.id))
    return (
        sa_select(
            col(Observation.week_start),
            col(Observation.school_id),
            col(Observation.mentee_id),
            col(Observation.observer_id),
            col(Observation.observer_role),
            col(Observation.kind),
            count,
        )
        .where(*_took_place(where, from_, to))
        .group_by(
            col(Observation.week_start),
            col(Observation.school_id),
            col(Observation.mentee_id),
            col(Observation.observer_id),
            col(Observation.observer_role),
            col(Observation.kind),
        )
        .order_by(
            col(Observation.week_start),
            col(Observation.school_id),
            col(Observation.mentee_id),
            col(Observation.observer_id),
            col(Observation.observer_role),
            col(Observation.kind),
        )
    )


def _rows_public(session: Session, rows: Sequence[Any]) -> list[CoverageRow]:
    people = org_people.people_refs(session, {p for r in rows for p in (r[2], r[3])})
    return [
        CoverageRow(
            week_start=week,
            school_id=school_id,
            mentee=people[mentee_id],
            observer=people[observer_id],
            observer_role=role,
            kind=kind,
            count=count,
        )
        for week, school_id, mentee_id, observer_id, role, kind, count in rows
    ]


def rows_page(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    from_: date | None,
    to: date | None,
    school_id: uuid.UUID | None = None,
) -> Page[CoverageRow]:
    from_, to = date_range(from_, to)
    where = scope(session, principal, school_id)
    query = _rows_query(where, from_, to)
    counted = query.add_columns(func.count().over()).limit(page.limit).offset(page.offset)
    # SQLAlchemy's own execute keeps every column of each row (SQLModel's keeps the first).
    found = SASession.execute(session, counted).all()
    if found:
        total = found[0][-1]
    else:
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
    items = _rows_public(session, [tuple(r)[:-1] for r in found])
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


def _weeks(from_: date, to: date) -> list[date]:
    first = from_ - timedelta(days=from_.weekday())
    return [first + timedelta(weeks=n) for n in range((to - first).days // 7 + 1)]


def weeks_page(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    from_: date | None,
    to: date | None,
    school_id: uuid.UUID | None = None,
) -> Page[CoverageWeek]:
    """Every week of the range, weeks without any observation included, by observer role."""
    from_, to = date_range(from_, to)
    where = scope(session, principal, school_id)
    counts: dict[date, dict[ObserverRole, int]] = defaultdict(dict)
    for week, role, count in session.exec(
        select(col(Observation.week_start), col(Observation.observer_role), func.count())
        .where(*_took_place(where, from_, to))
        .group_by(col(Observation.week_start), col(Observation.observer_role))
    ):
        counts[week][role] = count
    weeks = [
        CoverageWeek(
            week_start=week,
            total=sum(counts[week].values()),
            by_role={role: counts[week].get(role, 0) for role in ObserverRole},
        )
        for week in _weeks(from_, to)
    ]
    chosen = weeks[page.offset : page.offset + page.limit]
    return Page(items=chosen, total=len(weeks), limit=page.limit, offset=page.offset)


def unobserved_page(
    session: Session,
    principal: Principal,
    page: PageParams,
    *,
    weeks: int,
    on: date | None = None,
    school_id: uuid.UUID | None = None,
) -> Page[UnobservedMentee]:
    """The mentees in a pairing on the day (today at the school by default) with no
    observation in the `weeks` weeks up to it: never observed first, then the longest gap."""
    where = scope(session, principal, school_id)
    day = on or utcnow().astimezone(LONDON).date()
    pairings = session.exec(
        select(Pairing)
        .where(
            col(Pairing.school_id).in_(where.school_ids),
            Pairing.starts_on <= day,
            Pairing.ends_on >= day,
        )
        .order_by(col(Pairing.starts_on))
    ).all()
    mentees: dict[tuple[uuid.UUID, uuid.UUID], list[uuid.UUID]] = defaultdict(list)
    for pairing in pairings:
        mentees[(pairing.school_id, pairing.mentee_id)].append(pairing.mentor_id)
    last: dict[tuple[uuid.UUID, uuid.UUID], date] = {
        (school, mentee): latest
        for school, mentee, latest in session.exec(
            select(
                col(Observation.school_id),
                col(Observation.mentee_id),
                func.max(Observation.observed_on),
            )
            .where(
                col(Observation.school_id).in_(where.school_ids),
                col(Observation.status).in_(TOOK_PLACE),
                Observation.observed_on <= day,
            )
            .group_by(col(Observation.school_id), col(Observation.mentee_id))
        )
    }
    flagged = [
        (key, last.get(key))
        for key in mentees
        if key not in last or (day - last[key]).days >= 7 * weeks
    ]
    people = org_people.people_refs(
        session, {m for key, _ in flagged for m in (key[1], *mentees[key])}
    )
    flagged.sort(
        key=lambda item: (
            item[1] is not None,
            item[1] or date.min,
            people[item[0][1]].full_name,
            item[0][1],
        )
    )
    items = [
        UnobservedMentee(
            mentee=people[mentee_id],
            school_id=school,
            school_name=where.names[school],
            mentors=[people[m] for m in dict.fromkeys(mentees[(school, mentee_id)])],
            last_observed_on=latest,
            weeks_since=None if latest is None else (day - latest).days // 7,
        )
        for (school, mentee_id), latest in flagged[page.offset : page.offset + page.limit]
    ]
    return Page(items=items, total=len(flagged), limit=page.limit, offset=page.offset)


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: names starting =, +, - or @ are not formulas."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows_csv(
    session: Session,
    principal: Principal,
    *,
    from_: date,
    to: date,
    school_id: uuid.UUID | None = None,
) -> str:
    """Every row of the JSON list, in its order, as CSV (names, never record content)."""
    check_range(from_, to)
    where = scope(session, principal, school_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = SASession.execute(session, _rows_query(where, from_, to)).all()
    for row in _rows_public(session, [tuple(r) for r in rows]):
        writer.writerow(
            [
                row.week_start.isoformat(),
                row.school_id,
                _cell(where.names[row.school_id]),
                row.mentee.id,
                _cell(row.mentee.full_name),
                row.observer.id,
                _cell(row.observer.full_name),
                row.observer_role.value,
                row.kind.value,
                row.count,
            ]
        )
    return out.getvalue()
