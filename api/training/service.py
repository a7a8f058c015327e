"""Training items (course dates and deadlines) as providers send them, who they concern, the
cover they need, and who attended. No HTTP here.

`apply_provider_item` handles the providers domain's `ProviderItemReceived` in the receiver's
transaction: it upserts the item keyed by (provider, kind, the provider's id), keeps the
delivery's timestamp as the item's version (an older delivery changes nothing), resolves who it
concerns within the provider's trust, opens or withdraws cover requests, and writes one audit
event per change. It reports in plain words through the event's `outcome`. Deliveries of one
item at the same moment take turns on its row: a new item is inserted unless a concurrent
delivery has just inserted it (then this one updates it, or changes nothing when older), and
the row stays locked until the delivery's transaction ends.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Connection, Insert, Select, Table, and_, bindparam, func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.upserts import insert_unless_taken
from api.core.wording import human_day, human_time
from api.meetings.models import Meeting, MeetingStatus
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.org import people as org_people
from api.org.models import Membership, Role, School, User
from api.providers.events import InvalidItem, ProviderItemReceived
from api.scheduling.terms import term_calendar
from api.training import policy
from api.training.models import (
    ConcernRole,
    CoverRequest,
    CoverStatus,
    ItemKind,
    TrainingAudience,
    TrainingItem,
    TrainingItemPerson,
    TrainingItemSchool,
)
from api.training.schemas import (
    AttendanceWrite,
    ConcernedPerson,
    CoverDecision,
    CoverRequestCan,
    CoverRequestDetail,
    CoverRequestPublic,
    MyRelease,
    TrainingItemCan,
    TrainingItemDetail,
    TrainingItemPublic,
)

ZONE = ZoneInfo("Europe/London")
# The school day a course date needs release from: a term day's teaching hours, school time.
SCHOOL_DAY_STARTS, SCHOOL_DAY_ENDS = time(8, 30), time(16, 0)
# A course date longer than this is a mistake in the provider's data.
LONGEST_COURSE = timedelta(days=14)
KIND_WORDS = {ItemKind.course_date: "course date", ItemKind.deadline: "deadline"}
OPEN_COVER = (CoverStatus.pending, CoverStatus.approved)


# --- the handler --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Concern:
    user_id: uuid.UUID
    school_id: uuid.UUID | None
    role: ConcernRole


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _when(item: "TrainingItem | _Item") -> str:
    if item.kind == ItemKind.deadline:
        assert item.due_at is not None
        return f"due {human_time(item.due_at.astimezone(ZONE))}"
    assert item.starts_at is not None and item.ends_at is not None
    starts, ends = item.starts_at.astimezone(ZONE), item.ends_at.astimezone(ZONE)
    if starts.date() == ends.date():
        return f"on {human_time(starts)} to {ends:%H:%M}"
    return f"from {human_time(starts)} to {human_time(ends)}"


def _check(event: ProviderItemReceived) -> None:
    data = event.data
    if event.action == "cancelled":
        return
    if event.kind == "course_date":
        if data.starts_at is None or data.ends_at is None:
            raise InvalidItem("A course date needs starts_at and ends_at.")
        if data.ends_at <= data.starts_at:
            raise InvalidItem("A course date must end after it starts.")
        if data.ends_at - data.starts_at > LONGEST_COURSE:
            raise InvalidItem("A course date lasts 14 days at most; send each day on its own.")
        if data.due_at is not None:
            raise InvalidItem("A course date has starts_at and ends_at, not due_at.")
    else:
        if data.due_at is None:
            raise InvalidItem("A deadline needs due_at.")
        if data.starts_at is not None or data.ends_at is not None:
            raise InvalidItem("A deadline has due_at, not starts_at or ends_at.")


# The handler reads and writes with prepared Core statements on the session's connection (no
# ORM objects, no flushes: the receiver's hot path), built once so each delivery reuses their
# compiled form. The item is read locked (PostgreSQL; SQLite takes one writer at a time): a
# concurrent delivery of the same item waits, then reads what this one stored.
_ITEMS = cast(Table, TrainingItem.__table__)  # type: ignore[attr-defined]
_ITEM_SCHOOLS = cast(Table, TrainingItemSchool.__table__)  # type: ignore[attr-defined]
_ITEM_PEOPLE = cast(Table, TrainingItemPerson.__table__)  # type: ignore[attr-defined]
_COVER = cast(Table, CoverRequest.__table__)  # type: ignore[attr-defined]
_SCHOOLS = cast(Table, School.__table__)  # type: ignore[attr-defined]
_USERS = cast(Table, User.__table__)  # type: ignore[attr-defined]
_MEMBERSHIPS = cast(Table, Membership.__table__)  # type: ignore[attr-defined]

_ITEM_OF_PROVIDER = (
    sa_select(_ITEMS)
    .where(
        _ITEMS.c.provider_id == bindparam("provider_id"),
        _ITEMS.c.kind == bindparam("kind"),
        _ITEMS.c.external_id == bindparam("external_id"),
    )
    .with_for_update()
)
# The SET clause is the parameters given (every one but `b_id`).
_UPDATE_ITEM = _ITEMS.update().where(_ITEMS.c.id == bindparam("b_id"))
_SCHOOLS_BY_URN = sa_select(_SCHOOLS.c.id, _SCHOOLS.c.urn, _SCHOOLS.c.name).where(
    _SCHOOLS.c.urn.in_(bindparam("urns", expanding=True)),
    _SCHOOLS.c.trust_id == bindparam("trust_id"),
)
_PEOPLE_BY_TRN = sa_select(_USERS.c.trn, _USERS.c.id).where(
    _USERS.c.trn.in_(bindparam("trns", expanding=True)),
    _USERS.c.trust_id == bindparam("trust_id"),
    _USERS.c.active.is_(True),
)


def _current_profiles(profile: type[MentorProfile] | type[MenteeProfile]) -> Select:
    """Who holds a current (or coming) profile at the given schools, and where."""
    table = cast(Table, profile.__table__)  # type: ignore[union-attr]
    return (
        sa_select(table.c.user_id, table.c.school_id)
        .join(_USERS, _USERS.c.id == table.c.user_id)
        .where(
            table.c.school_id.in_(bindparam("school_ids", expanding=True)),
            _USERS.c.active.is_(True),
            table.c.starts_on <= bindparam("starts_by"),
            or_(table.c.ends_on.is_(None), table.c.ends_on >= bindparam("today")),
        )
    )


_PROFILES = {
    ConcernRole.mentor: _current_profiles(MentorProfile),
    ConcernRole.mentee: _current_profiles(MenteeProfile),
}
_ROLE_SCHOOLS = (
    sa_select(_MEMBERSHIPS.c.user_id, _MEMBERSHIPS.c.role, _MEMBERSHIPS.c.school_id)
    .where(
        _MEMBERSHIPS.c.user_id.in_(bindparam("user_ids", expanding=True)),
        _MEMBERSHIPS.c.role.in_([Role.mentor, Role.mentee]),
        _MEMBERSHIPS.c.school_id.is_not(None),
    )
    .order_by(_MEMBERSHIPS.c.created_at)
)
_SCHOOLS_OF_ITEM = sa_select(_ITEM_SCHOOLS.c.school_id).where(
    _ITEM_SCHOOLS.c.item_id == bindparam("b_item_id")
)
_INSERT_ITEM_SCHOOL = _ITEM_SCHOOLS.insert()
_DELETE_ITEM_SCHOOLS = _ITEM_SCHOOLS.delete().where(
    _ITEM_SCHOOLS.c.item_id == bindparam("b_item_id"),
    _ITEM_SCHOOLS.c.school_id.in_(bindparam("b_school_ids", expanding=True)),
)
_PEOPLE_OF_ITEM = sa_select(
    _ITEM_PEOPLE.c.user_id, _ITEM_PEOPLE.c.school_id, _ITEM_PEOPLE.c.role
).where(_ITEM_PEOPLE.c.item_id == bindparam("b_item_id"))
_COUNT_PEOPLE = (
    sa_select(func.count())
    .select_from(_ITEM_PEOPLE)
    .where(_ITEM_PEOPLE.c.item_id == bindparam("b_item_id"))
)
_INSERT_PERSON = _ITEM_PEOPLE.insert()
_UPDATE_PERSON = (
    _ITEM_PEOPLE.update()
    .where(
        _ITEM_PEOPLE.c.item_id == bindparam("b_item_id"),
        _ITEM_PEOPLE.c.user_id == bindparam("b_user_id"),
    )
    .values(school_id=bindparam("b_school_id"), role=bindparam("b_role"))
)
_DELETE_PEOPLE = _ITEM_PEOPLE.delete().where(
    _ITEM_PEOPLE.c.item_id == bindparam("b_item_id"),
    _ITEM_PEOPLE.c.user_id.in_(bindparam("b_user_ids", expanding=True)),
)
_COVER_OF_ITEM = sa_select(_COVER.c.id, _COVER.c.user_id, _COVER.c.status).where(
    _COVER.c.item_id == bindparam("b_item_id")
)
_INSERT_COVER = _COVER.insert()
# The SET clause is the parameters given (every one but `b_id`).
_UPDATE_COVER = _COVER.update().where(_COVER.c.id == bindparam("b_id"))


@dataclass
class _Item:
    """A training item's row as the handler reads and writes it."""

    id: uuid.UUID
    trust_id: uuid.UUID
    provider_id: uuid.UUID
    kind: ItemKind
    external_id: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    due_at: datetime | None
    audience: TrainingAudience
    location: str | None
    online_url: str | None
    requires_release: bool
    version: datetime
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime | None


_ITEM_FIELDS = tuple(column.name for column in _ITEMS.columns)


@dataclass(frozen=True)
class _SchoolRef:
    id: uuid.UUID
    urn: str
    name: str


def _resolve(
    connection: Connection, event: ProviderItemReceived, effects: list[str]
) -> tuple[list[_SchoolRef], list[_Concern]]:
    """The schools (by URN) and people (by TRN) the item names, within the provider's trust;
    for each school its current mentors and/or mentees, as the audience says."""
    data = event.data
    urns = sorted(set(data.schools))
    schools = (
        [
            _SchoolRef(*row)
            for row in connection.execute(
                _SCHOOLS_BY_URN, {"urns": urns, "trust_id": event.trust_id}
            )
        ]
        if urns
        else []
    )
    unknown = [u for u in urns if u not in {s.urn for s in schools}]
    if unknown:
        effects.append(f"No school in this trust has URN {', '.join(unknown)}: left out.")
    concerns: dict[uuid.UUID, _Concern] = {}
    today = utcnow().astimezone(ZONE).date()
    school_ids = [s.id for s in schools]
    wanted: list[ConcernRole] = []
    if data.audience in (TrainingAudience.mentors, TrainingAudience.both):
        wanted.append(ConcernRole.mentor)
    if data.audience in (TrainingAudience.mentees, TrainingAudience.both):
        wanted.append(ConcernRole.mentee)
    for role in wanted if school_ids else []:
        rows = connection.execute(
            _PROFILES[role],
            {
                "school_ids": school_ids,
                "starts_by": today + timedelta(days=366),
                "today": today,
            },
        ).all()
        for user_id, school_id in rows:
            concerns.setdefault(user_id, _Concern(user_id, school_id, role))
    trns = sorted({p.trn for p in data.participants})
    if trns:
        users = dict(
            connection.execute(_PEOPLE_BY_TRN, {"trns": trns, "trust_id": event.trust_id}).all()
        )
        missing = [t for t in trns if t not in users]
        if missing:
            effects.append(f"Nobody in this trust has TRN {', '.join(missing)}: left out.")
        role_of = {p.trn: ConcernRole(p.role) for p in data.participants}
        found = {users[t]: role_of[t] for t in trns if t in users}
        school_of = _schools_of(connection, found)
        for user_id, role in found.items():
            concerns[user_id] = _Concern(user_id, school_of.get((user_id, role)), role)
    return schools, list(concerns.values())


def _schools_of(
    connection: Connection, people: dict[uuid.UUID, ConcernRole]
) -> dict[tuple[uuid.UUID, ConcernRole], uuid.UUID]:
    """The school each person is a mentor or mentee of (their role's membership)."""
    if not people:
        return {}
    rows = connection.execute(_ROLE_SCHOOLS, {"user_ids": list(people)}).all()
    found: dict[tuple[uuid.UUID, ConcernRole], uuid.UUID] = {}
    for user_id, role, school_id in rows:
        if school_id is not None:
            found.setdefault((user_id, ConcernRole(str(role))), school_id)
    return found


def in_school_day(starts_at: datetime, ends_at: datetime, is_term_day: "TermDayCheck") -> bool:
    """Whether [starts_at, ends_at) overlaps 08:30 to 16:00 school time on a term day."""
    day = starts_at.astimezone(ZONE).date()
    last = ends_at.astimezone(ZONE).date()
    while day <= last:
        if day.weekday() < 5 and is_term_day(day):
            opens = datetime.combine(day, SCHOOL_DAY_STARTS, tzinfo=ZONE)
            closes = datetime.combine(day, SCHOOL_DAY_ENDS, tzinfo=ZONE)
            if starts_at < closes and ends_at > opens:
                return True
        day += timedelta(days=1)
    return False


class TermDayCheck:
    """Whether a day is a term day at a school; a school with no term dates counts every
    weekday."""

    def __init__(self, session: Session, school_id: uuid.UUID) -> None:
        self.calendar = term_calendar(session, school_id)

    def __call__(self, day: date) -> bool:
        if not self.calendar.terms:
            return True
        return self.calendar.is_term_day(day)


@cache
def _claim_statement(dialect: str) -> Insert:
    """The new item's insert: it does nothing when a concurrent delivery has inserted the same
    (provider, kind, provider's id) first; on PostgreSQL it waits for that one to end."""
    return insert_unless_taken(dialect, _ITEMS, ("provider_id", "kind", "external_id")).returning(
        _ITEMS.c.id
    )


def _locked_item(connection: Connection, event: ProviderItemReceived) -> _Item | None:
    row = connection.execute(
        _ITEM_OF_PROVIDER,
        {
            "provider_id": event.provider_id,
            "kind": ItemKind(event.kind),
            "external_id": event.data.id,
        },
    ).first()
    return None if row is None else _Item(**row._asdict())


def _fill(item: TrainingItem | _Item, event: ProviderItemReceived) -> None:
    data = event.data
    item.title = data.title
    item.starts_at, item.ends_at, item.due_at = data.starts_at, data.ends_at, data.due_at
    item.audience = TrainingAudience(data.audience)
    item.location = data.location
    item.online_url = str(data.online_url) if data.online_url else None
    item.requires_release = data.requires_release
    item.version = event.sent_at


def _as_stored(value: Any) -> Any:
    """A value as the database hands it back: times in UTC."""
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def _claim_new(
    connection: Connection, event: ProviderItemReceived, now: datetime
) -> tuple[_Item, bool]:
    """The item, inserted from the event (cancelled, for a cancellation) unless a concurrent
    delivery inserted it first; and whether this one did. Either way the row is locked."""
    new = _Item(
        id=uuid.uuid4(),
        trust_id=event.trust_id,
        provider_id=event.provider_id,
        kind=ItemKind(event.kind),
        external_id=event.data.id,
        title=event.data.title,
        starts_at=None,
        ends_at=None,
        due_at=None,
        audience=TrainingAudience.both,
        location=None,
        online_url=None,
        requires_release=False,
        version=event.sent_at,
        cancelled_at=None,
        created_at=utcnow(),
        updated_at=None,
    )
    if event.action == "cancelled":
        new.cancelled_at = now
    else:
        _fill(new, event)
    values = {name: getattr(new, name) for name in _ITEM_FIELDS}
    created = connection.execute(_claim_statement(connection.dialect.name), values).first()
    if created is not None:
        return _Item(**{name: _as_stored(value) for name, value in values.items()}), True
    item = _locked_item(connection, event)
    if item is None:  # the key was taken, so the item exists
        raise RuntimeError("a training item's row could not be found after its insert")
    return item, False


def _update_item(connection: Connection, item: _Item, **changes: Any) -> None:
    for name, value in changes.items():
        setattr(item, name, value)
    connection.execute(_UPDATE_ITEM, {"b_id": item.id, **changes})


def apply_provider_item(session: Session, event: ProviderItemReceived) -> None:
    connection = session.connection()
    data, effects = event.data, event.outcome.effects
    kind = ItemKind(event.kind)
    words = KIND_WORDS[kind]
    item = _locked_item(connection, event)
    created = False
    if item is None:
        _check(event)
        item, created = _claim_new(connection, event, utcnow())
    if not created and event.sent_at < item.version:
        event.outcome.ignored_because = (
            f"Older than what is stored: this {words} was last changed by a delivery sent "
            f"{human_time(item.version.astimezone(ZONE))}."
        )
        return
    _check(event)
    now = utcnow()
    if event.action == "cancelled":
        _cancel(connection, event, item, now, created=created)
        return
    before = None
    if not created:
        before = (item.starts_at, item.ends_at, item.due_at)
        item.updated_at = now
    was_cancelled = item.cancelled_at is not None
    _fill(item, event)
    item.cancelled_at = None
    if not created:
        _update_item(
            connection,
            item,
            title=item.title,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            due_at=item.due_at,
            audience=item.audience,
            location=item.location,
            online_url=item.online_url,
            requires_release=item.requires_release,
            version=item.version,
            cancelled_at=None,
            updated_at=now,
        )
    moved = before is not None and before != (item.starts_at, item.ends_at, item.due_at)

    schools, concerns = _resolve(connection, event, effects)
    # A new item has no schools, people or cover yet: nothing to read before writing them.
    _set_schools(connection, item, {s.id for s in schools}, new=created)
    added, removed = _set_people(connection, item, concerns, new=created)
    if created or was_cancelled:
        effects.insert(
            0, f'{"Created" if created else "Restored"} {words} "{item.title}" {_when(item)}.'
        )
    elif moved:
        effects.insert(0, f'Moved {words} "{item.title}" to {_when(item)}.')
    else:
        effects.insert(0, f'Updated {words} "{item.title}" ({_when(item)}).')
    names = ", ".join(s.name for s in schools)
    effects.append(
        f"It concerns {len(concerns)} {'person' if len(concerns) == 1 else 'people'}"
        + (f" at {names}" if names else "")
        + (
            f" ({added} added, {removed} no longer concerned)"
            if not created and (added or removed)
            else ""
        )
        + "."
    )
    cover = _sync_cover(session, connection, item, concerns, moved, new=created)
    effects.extend(cover)
    if kind == ItemKind.course_date and concerns:  # a clash needs someone it concerns
        clashes = len({c.meeting_id for c in meeting_clashes(session, [item.id])})
        if clashes:
            effects.append(
                f"It overlaps {clashes} protected mentoring "
                f"{'meeting' if clashes == 1 else 'meetings'}: the pairs and their leads are told."
            )
    audit.write(
        connection,
        None,
        f"training_item.{'created' if created else 'updated'}",
        object_type="training_item",
        object_id=item.id,
        trust_id=item.trust_id,
        changes={
            "provider_id": event.provider_id,
            "delivery_id": event.delivery_id,
            "kind": kind,
            "external_id": data.id,
            "title": item.title,
            "starts_at": item.starts_at,
            "ends_at": item.ends_at,
            "due_at": item.due_at,
            "requires_release": item.requires_release,
            "version": item.version,
            "people": len(concerns),
            "schools": [s.id for s in schools],
        },
    )


def _cancel(
    connection: Connection,
    event: ProviderItemReceived,
    item: _Item,
    now: datetime,
    *,
    created: bool,
) -> None:
    words = KIND_WORDS[ItemKind(event.kind)]
    if created:
        # Kept as cancelled (inserted so), so that an older "created" arriving late changes
        # nothing.
        event.outcome.effects.append(
            f'Noted that {words} "{item.title}" is cancelled; it was not on record.'
        )
    elif item.cancelled_at is not None:
        _update_item(connection, item, version=event.sent_at)
        event.outcome.effects.append(f'{words.capitalize()} "{item.title}" was already cancelled.')
        return
    else:
        _update_item(connection, item, cancelled_at=now, version=event.sent_at, updated_at=now)
        people = connection.execute(_COUNT_PEOPLE, {"b_item_id": item.id}).scalar_one()
        event.outcome.effects.append(
            f'Cancelled {words} "{item.title}"; it no longer shows for '
            f"{_count(people, 'person', 'people')}."
        )
        withdrawn = _withdraw_cover(connection, item, now)
        if withdrawn:
            event.outcome.effects.append(
                f"Withdrew {withdrawn} cover {'request' if withdrawn == 1 else 'requests'}."
            )
    audit.write(
        connection,
        None,
        "training_item.cancelled",
        object_type="training_item",
        object_id=item.id,
        trust_id=item.trust_id,
        changes={
            "provider_id": event.provider_id,
            "delivery_id": event.delivery_id,
            "external_id": event.data.id,
            "version": item.version,
        },
    )


def _set_schools(
    connection: Connection, item: _Item, school_ids: set[uuid.UUID], *, new: bool = False
) -> None:
    current: set[uuid.UUID] = (
        set()
        if new
        else set(connection.execute(_SCHOOLS_OF_ITEM, {"b_item_id": item.id}).scalars())
    )
    gone = current - school_ids
    if gone:
        connection.execute(_DELETE_ITEM_SCHOOLS, {"b_item_id": item.id, "b_school_ids": list(gone)})
    added = school_ids - current
    if added:
        connection.execute(
            _INSERT_ITEM_SCHOOL, [{"item_id": item.id, "school_id": s} for s in added]
        )


def _set_people(
    connection: Connection, item: _Item, concerns: list[_Concern], *, new: bool = False
) -> tuple[int, int]:
    """Keeps the people still concerned (with their attendance), adds the new, drops the rest."""
    current: dict[uuid.UUID, tuple[uuid.UUID | None, ConcernRole]] = (
        {}
        if new
        else {
            user_id: (school_id, role)
            for user_id, school_id, role in connection.execute(
                _PEOPLE_OF_ITEM, {"b_item_id": item.id}
            )
        }
    )
    wanted = {c.user_id: c for c in concerns}
    gone = [user_id for user_id in current if user_id not in wanted]
    if gone:
        connection.execute(_DELETE_PEOPLE, {"b_item_id": item.id, "b_user_ids": gone})
    changed = [
        {
            "b_item_id": item.id,
            "b_user_id": user_id,
            "b_school_id": wanted[user_id].school_id,
            "b_role": wanted[user_id].role,
        }
        for user_id, held in current.items()
        if user_id in wanted and held != (wanted[user_id].school_id, wanted[user_id].role)
    ]
    if changed:
        connection.execute(_UPDATE_PERSON, changed)
    new_rows: list[dict[str, Any]] = [
        {
            "item_id": item.id,
            "user_id": user_id,
            "school_id": concern.school_id,
            "role": concern.role,
            "attended": None,
            "training_kind": None,
            "standards": [],
            "attendance_marked_by": None,
            "attendance_marked_at": None,
        }
        for user_id, concern in wanted.items()
        if user_id not in current
    ]
    if new_rows:
        connection.execute(_INSERT_PERSON, new_rows)
    return len(wanted.keys() - current.keys()), len(current.keys() - wanted.keys())


def _cover_opened(
    connection: Connection,
    item: _Item,
    cover_id: uuid.UUID,
    user_id: uuid.UUID,
    school_id: uuid.UUID,
) -> None:
    audit.write(
        connection,
        None,
        "cover_request.opened",
        object_type="cover_request",
        object_id=cover_id,
        trust_id=item.trust_id,
        changes={"item_id": item.id, "user_id": user_id, "school_id": school_id},
    )


def _cover_withdrawn(
    connection: Connection, item: _Item, cover_id: uuid.UUID, now: datetime
) -> None:
    connection.execute(
        _UPDATE_COVER, {"b_id": cover_id, "status": CoverStatus.withdrawn, "updated_at": now}
    )
    audit.write(
        connection,
        None,
        "cover_request.withdrawn",
        object_type="cover_request",
        object_id=cover_id,
        trust_id=item.trust_id,
        changes={"item_id": item.id, "status": CoverStatus.withdrawn},
    )


def _sync_cover(
    session: Session,
    connection: Connection,
    item: _Item,
    concerns: list[_Concern],
    moved: bool,
    *,
    new: bool = False,
) -> list[str]:
    """Cover for each person released during their school's day: opened when needed, asked
    again when the course moved, withdrawn when no longer needed."""
    now = utcnow()
    existing: dict[uuid.UUID, tuple[uuid.UUID, CoverStatus]] = (
        {}
        if new
        else {
            user_id: (cover_id, status)
            for cover_id, user_id, status in connection.execute(
                _COVER_OF_ITEM, {"b_item_id": item.id}
            )
        }
    )
    needed: dict[uuid.UUID, uuid.UUID] = {}
    if item.kind == ItemKind.course_date and item.requires_release:
        assert item.starts_at is not None and item.ends_at is not None
        checks: dict[uuid.UUID, bool] = {}
        for concern in concerns:
            if concern.school_id is None:
                continue
            if concern.school_id not in checks:
                checks[concern.school_id] = in_school_day(
                    item.starts_at, item.ends_at, TermDayCheck(session, concern.school_id)
                )
            if checks[concern.school_id]:
                needed[concern.user_id] = concern.school_id
    opened = asked_again = withdrawn = 0
    for user_id, school_id in needed.items():
        held = existing.get(user_id)
        if held is None:
            cover_id = uuid.uuid4()
            connection.execute(
                _INSERT_COVER,
                {
                    "id": cover_id,
                    "item_id": item.id,
                    "user_id": user_id,
                    "school_id": school_id,
                    "status": CoverStatus.pending,
                    "decision_note": None,
                    "decided_by": None,
                    "decided_at": None,
                    "created_at": utcnow(),
                    "updated_at": None,
                },
            )
            opened += 1
        else:
            cover_id, status = held
            if not (status == CoverStatus.withdrawn or (moved and status != CoverStatus.pending)):
                continue
            connection.execute(
                _UPDATE_COVER,
                {
                    "b_id": cover_id,
                    "status": CoverStatus.pending,
                    "decided_by": None,
                    "decided_at": None,
                    "decision_note": None,
                    "school_id": school_id,
                    "updated_at": now,
                },
            )
            asked_again += 1
        _cover_opened(connection, item, cover_id, user_id, school_id)
    for user_id, (cover_id, status) in existing.items():
        if user_id not in needed and status in OPEN_COVER:
            _cover_withdrawn(connection, item, cover_id, now)
            withdrawn += 1
    said = []
    if opened:
        said.append(f"Asked for cover for {_count(opened, 'person', 'people')} in the school day.")
    if asked_again:
        said.append(f"Asked again for cover for {asked_again} (the time changed).")
    if withdrawn:
        said.append(f"Withdrew {withdrawn} cover {'request' if withdrawn == 1 else 'requests'}.")
    return said


def _withdraw_cover(connection: Connection, item: _Item, now: datetime) -> int:
    open_now = [
        cover_id
        for cover_id, _user_id, status in connection.execute(_COVER_OF_ITEM, {"b_item_id": item.id})
        if status in OPEN_COVER
    ]
    for cover_id in open_now:
        _cover_withdrawn(connection, item, cover_id, now)
    return len(open_now)


# --- clashes with protected meetings ------------------------------------------------------------


@dataclass(frozen=True)
class MeetingClash:
    item_id: uuid.UUID
    title: str
    item_starts_at: datetime | None
    meeting_id: uuid.UUID
    meeting_starts_at: datetime
    school_id: uuid.UUID
    mentor_id: uuid.UUID
    mentee_id: uuid.UUID
    concerned_id: uuid.UUID


def meeting_clashes(
    session: Session, item_ids: Sequence[uuid.UUID] | None = None, *conditions: ColumnElement[bool]
) -> list[MeetingClash]:
    """Course dates (not cancelled) that overlap a scheduled protected meeting of a pair one
    of whose people the course concerns: one query however many there are."""
    query = (
        sa_select(
            col(TrainingItem.id),
            col(TrainingItem.title),
            col(TrainingItem.starts_at),
            col(Meeting.id),
            col(Meeting.starts_at),
            col(Pairing.school_id),
            col(Pairing.mentor_id),
            col(Pairing.mentee_id),
            col(TrainingItemPerson.user_id),
        )
        .join(TrainingItemPerson, col(TrainingItemPerson.item_id) == TrainingItem.id)
        .join(
            Pairing,
            or_(
                col(Pairing.mentor_id) == TrainingItemPerson.user_id,
                col(Pairing.mentee_id) == TrainingItemPerson.user_id,
            ),
        )
        .join(
            Meeting,
            and_(
                col(Meeting.pairing_id) == Pairing.id,
                col(Meeting.slot_id).is_not(None),
                col(Meeting.status) == MeetingStatus.scheduled,
                col(Meeting.starts_at) < TrainingItem.ends_at,
                col(Meeting.ends_at) > TrainingItem.starts_at,
            ),
        )
        .where(
            col(TrainingItem.kind) == ItemKind.course_date,
            col(TrainingItem.cancelled_at).is_(None),
            *conditions,
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id), col(TrainingItemPerson.user_id))
    )
    if item_ids is not None:
        query = query.where(col(TrainingItem.id).in_(list(item_ids)))
    # One row per course, meeting and person concerned in the pair (both, if both are).
    return list(dict.fromkeys(MeetingClash(*row) for row in SASession.execute(session, query)))


# --- reading items ----------------------------------------------------------------------------


def items_query(
    principal: Principal,
    *,
    kind: ItemKind | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    include_cancelled: bool = False,
) -> SelectOfScalar[TrainingItem]:
    query = select(TrainingItem).where(policy.visible_items(principal))
    when = func.coalesce(TrainingItem.starts_at, TrainingItem.due_at)
    if kind:
        query = query.where(TrainingItem.kind == kind)
    if school_id:
        query = query.where(
            or_(
                col(TrainingItem.id).in_(
                    select(TrainingItemPerson.item_id).where(
                        TrainingItemPerson.school_id == school_id
                    )
                ),
                col(TrainingItem.id).in_(
                    select(TrainingItemSchool.item_id).where(
                        TrainingItemSchool.school_id == school_id
                    )
                ),
            )
        )
    if person_id:
        query = query.where(
            col(TrainingItem.id).in_(
                select(TrainingItemPerson.item_id).where(TrainingItemPerson.user_id == person_id)
            )
        )
    if starts_from:
        query = query.where(func.coalesce(TrainingItem.ends_at, TrainingItem.due_at) >= starts_from)
    if starts_before:
        query = query.where(when < starts_before)
    if not include_cancelled:
        query = query.where(col(TrainingItem.cancelled_at).is_(None))
    return query.order_by(when, col(TrainingItem.id))


def get_item(session: Session, principal: Principal, item_id: uuid.UUID) -> TrainingItem:
    return first_visible(
        session,
        select(TrainingItem).where(TrainingItem.id == item_id, policy.visible_items(principal)),
        "course date or deadline",
        item_id,
    )


def _visible_people_of(
    session: Session, principal: Principal, items: Sequence[TrainingItem]
) -> dict[uuid.UUID, list[TrainingItemPerson]]:
    found: dict[uuid.UUID, list[TrainingItemPerson]] = {i.id: [] for i in items}
    by_trust: dict[uuid.UUID, list[uuid.UUID]] = {}
    for item in items:
        by_trust.setdefault(item.trust_id, []).append(item.id)
    for trust_id, ids in by_trust.items():
        for row in session.exec(
            select(TrainingItemPerson).where(
                col(TrainingItemPerson.item_id).in_(ids), policy.visible_people(principal, trust_id)
            )
        ).all():
            found[row.item_id].append(row)
    return found


def items_public(
    session: Session, principal: Principal, items: Sequence[TrainingItem]
) -> list[TrainingItemPublic]:
    if not items:
        return []
    return [
        _public(principal, i, *rest)
        for i, rest in zip(items, _context(session, principal, items), strict=True)
    ]


def _context(
    session: Session, principal: Principal, items: Sequence[TrainingItem]
) -> list[tuple[list[TrainingItemPerson], MyRelease | None, bool]]:
    ids = [i.id for i in items]
    people = _visible_people_of(session, principal, items)
    releases = {
        item_id: MyRelease(cover_request_id=rid, status=status)
        for item_id, rid, status in session.exec(
            select(CoverRequest.item_id, CoverRequest.id, CoverRequest.status).where(
                col(CoverRequest.item_id).in_(ids), CoverRequest.user_id == principal.id
            )
        ).all()
    }
    clashes = meeting_clashes(session, ids)
    clashing = {
        c.item_id for c in clashes if any(p.user_id == c.concerned_id for p in people[c.item_id])
    }
    return [(people[i.id], releases.get(i.id), i.id in clashing) for i in items]


def _public(
    principal: Principal,
    item: TrainingItem,
    people: list[TrainingItemPerson],
    release: MyRelease | None,
    clashing: bool,
) -> TrainingItemPublic:
    mine = next((p for p in people if p.user_id == principal.id), None)
    return TrainingItemPublic(
        id=item.id,
        provider_id=item.provider_id,
        kind=item.kind,
        title=item.title,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        due_at=item.due_at,
        audience=item.audience,
        location=item.location,
        online_url=item.online_url,
        requires_release=item.requires_release,
        cancelled=item.cancelled_at is not None,
        people_count=len(people),
        my_role=mine.role if mine else None,
        my_release=release,
        clashes_with_meeting=clashing,
    )


def item_detail(session: Session, principal: Principal, item: TrainingItem) -> TrainingItemDetail:
    people, release, clashing = _context(session, principal, [item])[0]
    refs = org_people.people_refs(session, {p.user_id for p in people})
    now = utcnow()
    public = _public(principal, item, people, release, clashing)
    return TrainingItemDetail(
        **public.model_dump(),
        people=[
            ConcernedPerson(
                person=refs[p.user_id],
                role=p.role,
                school_id=p.school_id,
                attended=p.attended,
                training_kind=p.training_kind,
                standards=p.standards,
            )
            for p in sorted(people, key=lambda p: refs[p.user_id].full_name)
        ],
        can=TrainingItemCan(
            mark_attendance=any(
                policy.may_mark_attendance_for(principal, item, p, now) for p in people
            )
        ),
    )


def mark_attendance(
    session: Session, principal: Principal, item_id: uuid.UUID, body: AttendanceWrite
) -> TrainingItem:
    item = get_item(session, principal, item_id)
    person = session.exec(
        select(TrainingItemPerson).where(
            TrainingItemPerson.item_id == item.id,
            TrainingItemPerson.user_id == body.user_id,
            policy.visible_people(principal, item.trust_id),
        )
    ).first()
    if person is None or person.role != ConcernRole.mentor:
        raise Unprocessable(
            "Attendance is marked for a mentor this course date concerns.",
            errors=[FieldProblem(field="user_id", detail="not a mentor this course concerns")],
        )
    now = utcnow()
    if not policy.may_mark_attendance_for(principal, item, person, now):
        if item.kind != ItemKind.course_date or item.cancelled_at is not None:
            raise Conflict("Attendance is marked for a course date that takes place.")
        if item.starts_at is not None and item.starts_at > now:
            raise Conflict(
                f"This course starts {human_time(item.starts_at.astimezone(ZONE))}: mark "
                "attendance once it has started."
            )
        raise Forbidden("A mentor marks their own attendance, or a lead their school's mentors'.")
    person.attended, person.training_kind, person.standards = (
        body.attended,
        body.training_kind,
        body.standards,
    )
    person.attendance_marked_by, person.attendance_marked_at = principal.id, now
    session.add(person)
    audit.record(
        session,
        principal,
        "training_item.attendance_marked",
        object_type="training_item",
        object_id=item.id,
        trust_id=item.trust_id,
        changes={
            "user_id": body.user_id,
            "attended": body.attended,
            "training_kind": body.training_kind,
            "standards": body.standards,
        },
    )
    session.flush()
    return item


# --- cover requests -----------------------------------------------------------------------------


def cover_query(
    principal: Principal,
    *,
    status: CoverStatus | None = None,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> SelectOfScalar[CoverRequest]:
    query = (
        select(CoverRequest)
        .join(TrainingItem, col(TrainingItem.id) == CoverRequest.item_id)
        .where(policy.visible_cover(principal))
    )
    if status:
        query = query.where(CoverRequest.status == status)
    if school_id:
        query = query.where(CoverRequest.school_id == school_id)
    if person_id:
        query = query.where(CoverRequest.user_id == person_id)
    return query.order_by(col(TrainingItem.starts_at), col(CoverRequest.id))


def get_cover(session: Session, principal: Principal, cover_id: uuid.UUID) -> CoverRequest:
    return first_visible(
        session,
        select(CoverRequest).where(CoverRequest.id == cover_id, policy.visible_cover(principal)),
        "cover request",
        cover_id,
    )


def cover_public(session: Session, rows: Sequence[CoverRequest]) -> list[CoverRequestPublic]:
    if not rows:
        return []
    items = {
        i.id: i
        for i in session.exec(
            select(TrainingItem).where(col(TrainingItem.id).in_({r.item_id for r in rows}))
        ).all()
    }
    roles = {
        (p.item_id, p.user_id): p.role
        for p in session.exec(
            select(TrainingItemPerson).where(
                col(TrainingItemPerson.item_id).in_(set(items)),
                col(TrainingItemPerson.user_id).in_({r.user_id for r in rows}),
            )
        ).all()
    }
    refs = org_people.people_refs(
        session, {r.user_id for r in rows} | {r.decided_by for r in rows if r.decided_by}
    )
    out = []
    for r in rows:
        item = items[r.item_id]
        assert item.starts_at is not None and item.ends_at is not None
        out.append(
            CoverRequestPublic(
                id=r.id,
                item_id=r.item_id,
                title=item.title,
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                location=item.location,
                person=refs[r.user_id],
                role=roles.get((r.item_id, r.user_id), ConcernRole.mentor),
                school_id=r.school_id,
                status=r.status,
                decision_note=r.decision_note,
                decided_by=refs[r.decided_by] if r.decided_by else None,
                decided_at=r.decided_at,
                created_at=r.created_at,
            )
        )
    return out


def _trust_of(session: Session, school_id: uuid.UUID) -> uuid.UUID:
    trust_id = session.exec(select(School.trust_id).where(School.id == school_id)).one()
    return trust_id


def cover_detail(session: Session, principal: Principal, row: CoverRequest) -> CoverRequestDetail:
    public = cover_public(session, [row])[0]
    return CoverRequestDetail(
        **public.model_dump(),
        can=CoverRequestCan(
            decide=policy.may_decide(principal, row, _trust_of(session, row.school_id))
        ),
    )


def decide_cover(
    session: Session, principal: Principal, cover_id: uuid.UUID, body: CoverDecision
) -> CoverRequest:
    row = get_cover(session, principal, cover_id)
    trust_id = _trust_of(session, row.school_id)
    if not policy.may_decide(principal, row, trust_id):
        if row.status != CoverStatus.pending and policy.may_decide(
            principal, row.model_copy(update={"status": CoverStatus.pending}), trust_id
        ):
            raise Conflict(f"This cover request is already {row.status.value}.")
        raise Forbidden("A lead of the school approves or declines its cover requests.")
    if body.decision == "declined" and not body.note:
        raise Unprocessable(
            "Say why cover is declined, for the person who asked.",
            errors=[FieldProblem(field="note", detail="needed when declining")],
        )
    now = utcnow()
    row.status = CoverStatus(body.decision)
    row.decision_note = body.note or None
    row.decided_by, row.decided_at, row.updated_at = principal.id, now, now
    session.add(row)
    audit.record(
        session,
        principal,
        f"cover_request.{body.decision}",
        object_type="cover_request",
        object_id=row.id,
        trust_id=trust_id,
        changes={"status": row.status, "decision_note": body.note},
    )
    session.flush()
    return row


def course_day(item: TrainingItem) -> str:
    assert item.starts_at is not None
    return human_day(item.starts_at.astimezone(ZONE).date())
