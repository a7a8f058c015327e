"""Integration clients: created by trust admins, secret shown once, revocable; and what they
read (observation counts, as JSON pages or as one CSV streamed from a server-side cursor)."""

import csv
import hashlib
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from pydantic_core import to_json
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.models import ApiClient, ApiClientSchool
from api.auth.principals import Principal
from api.auth.tokens import hash_secret, new_secret
from api.core.caching import etag_of, strong_etag
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, NotFound, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date
from api.db import new_session
from api.integrations.schemas import (
    ApiClientCreate,
    ApiClientPublic,
    MenteeCount,
    MentorCount,
    ObservationCountItem,
    ObservationCounts,
    ObservationsByKind,
    ObserverRoleCount,
    SchoolCount,
    WeekCount,
)
from api.observations import counts
from api.observations.counts import GROUP_FIELDS, KINDS, CountQuery, CountRow, GroupBy
from api.org import service as org_service

# The longest span one request counts over: a school year, leap day included.
MAX_COUNT_DAYS = 366


def clients_query(principal: Principal) -> SelectOfScalar[ApiClient]:
    return (
        select(ApiClient)
        .where(col(ApiClient.trust_id).in_(principal.admin_trust_ids))
        .order_by(col(ApiClient.created_at).desc(), col(ApiClient.id))
    )


def get_client(session: Session, principal: Principal, client_id: uuid.UUID) -> ApiClient:
    return first_visible(
        session,
        clients_query(principal).where(ApiClient.id == client_id),
        "integration client",
        client_id,
    )


def to_public(session: Session, clients: list[ApiClient]) -> list[ApiClientPublic]:
    links = session.exec(
        select(ApiClientSchool).where(col(ApiClientSchool.client_id).in_([c.id for c in clients]))
    ).all()
    schools: dict[uuid.UUID, list[uuid.UUID]] = {c.id: [] for c in clients}
    for link in links:
        schools[link.client_id].append(link.school_id)
    return [
        ApiClientPublic.model_validate({**c.model_dump(), "school_ids": schools[c.id]})
        for c in clients
    ]


def create_client(
    session: Session, principal: Principal, body: ApiClientCreate
) -> tuple[ApiClient, str]:
    for school_id in body.school_ids:
        org_service.get_managed_school(session, principal, school_id)
    if body.expires_at is not None and body.expires_at <= utcnow():
        message = "The expiry date is in the past; choose a later one."
        raise Conflict(message, errors=[FieldProblem(field="expires_at", detail=message)])
    secret = new_secret("mhs_")
    client = ApiClient(
        trust_id=principal.trust_id,
        name=body.name,
        secret_hash=hash_secret(secret),
        scopes=body.scopes,
        expires_at=body.expires_at,
        created_by=principal.id,
    )
    session.add(client)
    session.add_all(
        ApiClientSchool(client_id=client.id, school_id=s) for s in dict.fromkeys(body.school_ids)
    )
    audit.record(
        session,
        principal,
        "api_client.created",
        object_type="api_client",
        object_id=client.id,
        trust_id=client.trust_id,
        changes=body.model_dump(mode="json"),
    )
    return client, secret


def revoke_client(session: Session, principal: Principal, client_id: uuid.UUID) -> ApiClient:
    client = get_client(session, principal, client_id)
    if client.revoked_at is None:
        client.revoked_at = utcnow()
        session.add(client)
        audit.record(
            session,
            principal,
            "api_client.revoked",
            object_type="api_client",
            object_id=client.id,
            trust_id=client.trust_id,
        )
    return client


def observation_count_query(
    principal: Principal,
    *,
    group_by: GroupBy,
    from_: date,
    to: date,
    school_id: uuid.UUID | None,
    updated_since: datetime | None,
) -> CountQuery:
    """What a client asks to count, checked: the dates in order and at most a year apart, and
    a school it may read (any other answers 404, whether or not it exists)."""
    if from_ > to:
        message = f"from ({human_date(from_)}) is after to ({human_date(to)}); swap them."
        raise Unprocessable(message, errors=[FieldProblem(field="from", detail=message)])
    days = (to - from_).days + 1
    if days > MAX_COUNT_DAYS:
        message = (
            f"from {human_date(from_)} to {human_date(to)} is {days} days; ask for at most "
            f"{MAX_COUNT_DAYS} days at a time."
        )
        raise Unprocessable(message, errors=[FieldProblem(field="to", detail=message)])
    schools = principal.client_school_ids
    if school_id is not None:
        if school_id not in schools:
            raise NotFound(f"No school with id {school_id} is visible to you.")
        schools = frozenset({school_id})
    return CountQuery(
        school_ids=schools,
        group_by=group_by,
        from_=from_,
        to=to,
        updated_since=updated_since,
    )


_ITEM_MODELS: dict[GroupBy, type[ObservationCountItem]] = {
    GroupBy.school: SchoolCount,
    GroupBy.mentee: MenteeCount,
    GroupBy.mentor: MentorCount,
    GroupBy.observer_role: ObserverRoleCount,
    GroupBy.week: WeekCount,
}


def _item(group_by: GroupBy, row: CountRow) -> ObservationCountItem:
    model = _ITEM_MODELS[group_by]
    return model.model_validate(
        {**row.fields(group_by), "by_kind": ObservationsByKind.model_validate(row.by_kind)}
    )


def counts_page(
    query: CountQuery, rows: list[CountRow], total: int, limit: int, offset: int
) -> ObservationCounts:
    """The page as the schema validates it (what `counts_page_json` must equal)."""
    return ObservationCounts(
        from_=query.from_,
        to=query.to,
        group_by=query.group_by,
        total=total,
        limit=limit,
        offset=offset,
        items=[_item(query.group_by, row) for row in rows],
    )


def counts_page_json(
    query: CountQuery, rows: list[CountRow], total: int, limit: int, offset: int
) -> bytes:
    """The page's JSON bytes straight from the rows read, byte for byte what the schema
    serialises (`counts_page`): the rows come from the database in the schema's own types
    (ids, dates, roles, integers), so validating up to a page of models again on every request
    would only repeat what the statement guarantees."""
    group_by = query.group_by
    return to_json(
        {
            "from": query.from_,
            "to": query.to,
            "group_by": group_by,
            "total": total,
            "limit": limit,
            "offset": offset,
            "items": [{**row.fields(group_by), "by_kind": row.by_kind} for row in rows],
        }
    )


@dataclass(frozen=True)
class Representation:
    body: bytes
    etag: str


def observation_counts_json(
    session: Session, query: CountQuery, limit: int, offset: int
) -> Representation:
    """One page of counts as JSON bytes, with the strong tag of exactly those bytes."""
    rows, total = counts.count_page(session, query, limit, offset)
    body = counts_page_json(query, rows, total, limit, offset)
    return Representation(body=body, etag=etag_of(body))


def csv_columns(group_by: GroupBy) -> list[str]:
    """The JSON item's fields, with by_kind flattened to one column per kind."""
    return [*GROUP_FIELDS[group_by], "count", *(f"by_kind.{kind.value}" for kind in KINDS)]


def _csv_chunks(session: Session, query: CountQuery) -> Iterator[bytes]:
    """The CSV a chunk of rows at a time: a header, then every group."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns(query.group_by))
    written = 1
    for row in counts.count_rows(session, query):
        fields = row.fields(query.group_by)
        writer.writerow(
            [
                "" if value is None else getattr(value, "value", value)
                for value in (*fields.values(), *row.by_kind.values())
            ]
        )
        written += 1
        if written >= counts.STREAM_CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            written = 0
    if buffer.tell():
        yield buffer.getvalue().encode()


class CsvExport:
    """Every group as CSV, from its own reading session held open while the response streams.

    The strong tag is known before the first byte is sent: a first pass reads every group and
    hashes the CSV without keeping it, and a second streams the same bytes. Both read one
    snapshot (one SQLite read transaction; REPEATABLE READ on PostgreSQL), so the tag is
    always the tag of what is sent. A conditional request whose tag still matches needs only
    the first pass.
    """

    def __init__(self, query: CountQuery) -> None:
        self.query = query
        self.session = new_session(read_only=True)
        try:
            if self.session.get_bind().dialect.name == "postgresql":
                self.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            digest = hashlib.sha256()
            for chunk in _csv_chunks(self.session, query):
                digest.update(chunk)
            self.etag = strong_etag(digest)
        except BaseException:
            self.close()
            raise

    def chunks(self) -> Iterator[bytes]:
        try:
            yield from _csv_chunks(self.session, self.query)
        finally:
            self.close()

    def close(self) -> None:
        self.session.rollback()
        self.session.close()
