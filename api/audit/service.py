"""Writing and reading the audit log. Every write in every service calls `record` in the same
transaction as the change it describes.

Two rules keep the log from showing more than the things it is about:
- restricted content (every column marked with `restricted_field`: what a meeting record says,
  wellbeing) never enters an event, however a caller spells its changes;
- an event about an object is read under that object's own visibility: a domain whose objects
  are narrower than the trust registers which of them a principal can see.
"""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Table, and_, event, or_
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit.models import AuditEvent
from api.audit.schemas import AuditEventPublic
from api.auth.principals import Principal
from api.core.logging import request_id_var
from api.core.models import utcnow

# Field names whose values never reach the audit log, only the fact that they changed.
_SECRET_MARKERS = ("password", "secret", "token", "hash", "note")


_restricted_names: dict[int, frozenset[str]] = {}


def restricted_field_names() -> frozenset[str]:
    """The names of every column marked restricted, in any table (worked out again only when
    the number of tables changes: every write asks)."""
    tables = SQLModel.metadata.tables
    known = _restricted_names.get(len(tables))
    if known is None:
        known = frozenset(
            column.name
            for table in tables.values()
            for column in table.columns
            if column.info.get("restricted")
        )
        _restricted_names.clear()
        _restricted_names[len(tables)] = known
    return known


def _without_restricted(changes: dict[str, Any], restricted: frozenset[str]) -> dict[str, Any]:
    return {k: _safe_value(k, v, restricted) for k, v in changes.items() if k not in restricted}


@lru_cache(maxsize=4096)
def _looks_secret(key: str) -> bool:
    return any(marker in key for marker in _SECRET_MARKERS)


def _safe_value(key: str, value: Any, restricted: frozenset[str]) -> Any:
    if _looks_secret(key):
        return "[redacted]"
    if isinstance(value, dict):
        return _without_restricted(value, restricted)
    if isinstance(value, uuid.UUID | date | datetime):
        return value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return [_safe_value(key, v, restricted) for v in value]
    return value


def record(
    session: Session,
    actor: Principal | None,
    action: str,
    *,
    object_type: str,
    object_id: uuid.UUID | None,
    trust_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    event_row = AuditEvent(
        trust_id=trust_id,
        actor_kind=actor.kind if actor else "system",
        actor_id=actor.id if actor else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        changes=_without_restricted(changes or {}, restricted_field_names()),
        request_id=request_id_var.get(),
    )
    session.add(event_row)
    return event_row


_EVENTS = cast(Table, AuditEvent.__table__)  # type: ignore[attr-defined]
_INSERT_EVENT = _EVENTS.insert()


def write(
    target: Session | Connection,
    actor: Principal | None,
    action: str,
    *,
    object_type: str,
    object_id: uuid.UUID | None,
    trust_id: uuid.UUID | None,
    changes: dict[str, Any] | None = None,
) -> uuid.UUID:
    """The event `record` would add, inserted at once with one prepared Core statement (no
    ORM object, no flush): the same columns and values, restricted content left out alike.
    For hot paths whose rows are written with Core too: every row the event names must be in
    the database already (`record` waits for the flush). Written on the session's connection
    (or the connection given). Answers the event's id."""
    event_id = uuid.uuid4()
    connection = target.connection() if isinstance(target, Session) else target
    connection.execute(
        _INSERT_EVENT,
        {
            "id": event_id,
            "occurred_at": utcnow(),
            "trust_id": trust_id,
            "actor_kind": actor.kind if actor else "system",
            "actor_id": actor.id if actor else None,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "changes": _without_restricted(changes or {}, restricted_field_names()),
            "request_id": request_id_var.get(),
        },
    )
    return event_id


def apply_changes(
    session: Session,
    actor: Principal,
    row: Any,
    changes: dict[str, Any],
    *,
    object_type: str,
    trust_id: uuid.UUID | None,
) -> None:
    """The one way a partial update is written: each changed field set, `updated_at` stamped
    where the row has one, and `<object_type>.updated` recorded with the changes, all in the
    caller's transaction (a check that fails afterwards rolls the whole of it back)."""
    for name, value in changes.items():
        setattr(row, name, value)
    if hasattr(row, "updated_at"):
        row.updated_at = utcnow()
    session.add(row)
    record(
        session,
        actor,
        f"{object_type}.updated",
        object_type=object_type,
        object_id=row.id,
        trust_id=trust_id,
        changes=changes,
    )


# object_type -> the ids of those objects a principal can see (a select of one column).
VisibleIds = Callable[[Principal], SelectOfScalar[uuid.UUID]]
_visible_objects: dict[str, VisibleIds] = {}


def register_visibility(object_type: str, visible_ids: VisibleIds) -> None:
    """Events about this kind of object are read only by those who can see the object."""
    _visible_objects[object_type] = visible_ids


def visible_events(principal: Principal) -> ColumnElement[bool]:
    """Events of the trusts the principal administers, each about an object they can see."""
    # Loud, not open: with nothing registered every event would be readable by trust admins.
    if not _visible_objects:
        raise RuntimeError("No audit visibility: call api.domains.register_domains() at start-up.")
    in_trust = col(AuditEvent.trust_id).in_(principal.admin_trust_ids)
    narrower = [
        and_(
            col(AuditEvent.object_type) == object_type,
            col(AuditEvent.object_id).in_(ids(principal)),
        )
        for object_type, ids in _visible_objects.items()
    ]
    return and_(
        in_trust, or_(col(AuditEvent.object_type).not_in(list(_visible_objects)), *narrower)
    )


def list_query(
    principal: Principal,
    *,
    action: str | None = None,
    object_type: str | None = None,
    object_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> SelectOfScalar[AuditEvent]:
    query = select(AuditEvent).where(visible_events(principal))
    if action:
        query = query.where(AuditEvent.action == action)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if object_id:
        query = query.where(AuditEvent.object_id == object_id)
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if since:
        query = query.where(AuditEvent.occurred_at >= since)
    if until:
        query = query.where(AuditEvent.occurred_at < until)
    return query.order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id))


def with_names(
    session: Session, principal: Principal, events: list[AuditEvent]
) -> list[AuditEventPublic]:
    """Events with the names of who acted and what they acted on, as the reader may see them:
    a person outside the reader's view, or a client of another trust, stays unnamed. A few
    queries for the page, however many events."""
    from api.auth.access import visible_schools
    from api.auth.models import ApiClient
    from api.org.models import Membership, School, Trust, User
    from api.org.policy import visible_users

    people = {e.actor_id for e in events if e.actor_id} | {
        e.object_id for e in events if e.object_type == "user" and e.object_id
    }
    memberships = {e.object_id for e in events if e.object_type == "membership" and e.object_id}
    schools = {e.object_id for e in events if e.object_type == "school" and e.object_id}
    trusts = {e.object_id for e in events if e.object_type == "trust" and e.object_id}
    names: dict[uuid.UUID, str] = {}
    if people:
        names |= dict(
            session.exec(
                select(User.id, User.full_name).where(
                    col(User.id).in_(people), visible_users(principal)
                )
            ).all()
        )
        names |= dict(
            session.exec(
                select(ApiClient.id, ApiClient.name).where(
                    col(ApiClient.id).in_(people),
                    col(ApiClient.trust_id).in_(principal.admin_trust_ids),
                )
            ).all()
        )
    if memberships:
        names |= dict(
            session.exec(
                select(Membership.id, User.full_name)
                .join(User, col(User.id) == Membership.user_id)
                .where(col(Membership.id).in_(memberships), visible_users(principal))
            ).all()
        )
    if schools:
        names |= dict(
            session.exec(
                select(School.id, School.name).where(
                    col(School.id).in_(schools), visible_schools(principal)
                )
            ).all()
        )
    if trusts:
        names |= dict(
            session.exec(
                select(Trust.id, Trust.name).where(
                    col(Trust.id).in_(trusts), col(Trust.id).in_(principal.admin_trust_ids)
                )
            ).all()
        )
    named_types = {"user", "membership", "school", "trust"}
    return [
        AuditEventPublic.model_validate(
            {
                **e.model_dump(),
                "actor_name": names.get(e.actor_id) if e.actor_id else None,
                "object_name": names.get(e.object_id)
                if e.object_id and e.object_type in named_types
                else None,
            }
        )
        for e in events
    ]


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session, _flush_context, _instances):
    """The log is append-only: no code path may update or delete an event."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent):
            raise RuntimeError("audit events are append-only")
