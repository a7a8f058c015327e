"""HTTP for integration clients: registering them, and what they read."""

import functools
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from api.auth import ratelimit
from api.auth.principals import ClientManager, ObservationCountReader
from api.config import get_settings
from api.core.answers import on_every_repeat
from api.core.caching import none_match
from api.core.negotiation import preferred
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS, error_responses
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate, Timestamp
from api.db import SessionDep
from api.integrations import service
from api.integrations.schemas import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientPublic,
    ObservationCounts,
)
from api.observations.counts import CountQuery, GroupBy

router = APIRouter(tags=["integration clients"], route_class=BodyAfterAuthRoute)


@router.get(
    "/integration-clients",
    operation_id="list_api_clients",
    summary="Integration clients of your trust",
    response_model=Page[ApiClientPublic],
    responses=WRITE_ERRORS,
)
def list_api_clients(
    session: SessionDep, principal: ClientManager, page: PageQuery
) -> Page[ApiClientPublic]:
    query = service.clients_query(principal)
    return page_of(session, query, page, lambda rows: service.to_public(session, rows))


@router.post(
    "/integration-clients",
    operation_id="create_api_client",
    summary="Register a client; answers its secret once",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiClientCreated,
    responses=WRITE_ERRORS,
)
def create_api_client(
    body: ApiClientCreate, session: SessionDep, principal: ClientManager
) -> ApiClientCreated:
    client, secret = service.create_client(session, principal, body)
    session.flush()
    return ApiClientCreated(client=service.to_public(session, [client])[0], client_secret=secret)


@router.get(
    "/integration-clients/{client_id}",
    operation_id="get_api_client",
    summary="An integration client",
    response_model=ApiClientPublic,
    responses=WRITE_ERRORS,
)
def get_api_client(
    client_id: uuid.UUID, session: SessionDep, principal: ClientManager
) -> ApiClientPublic:
    return service.to_public(session, [service.get_client(session, principal, client_id)])[0]


@router.post(
    "/integration-clients/{client_id}/revoke",
    operation_id="revoke_api_client",
    summary="Revoke a client: its tokens stop working at once",
    response_model=ApiClientPublic,
    responses=WRITE_ERRORS,
)
def revoke_api_client(
    client_id: uuid.UUID, session: SessionDep, principal: ClientManager
) -> ApiClientPublic:
    return service.to_public(session, [service.revoke_client(session, principal, client_id)])[0]


JSON, CSV = "application/json", "text/csv"
# The representation depends on what is accepted and on who asks (their schools); only the
# client itself may keep it, and must check it is still current before using it again.
_CACHING = {"Vary": "Accept, Authorization", "Cache-Control": "private, no-cache"}
_CACHE_HEADERS: dict[str, Any] = {
    "ETag": {
        "description": "A strong tag of this representation (JSON and CSV differ); send it "
        "back in If-None-Match",
        "schema": {"type": "string"},
    },
    "Vary": {"schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
}


@router.get(
    "/integrations/observation-counts",
    tags=["integrations"],
    operation_id="count_observations",
    summary="Observation counts for a school's MIS: JSON pages, or every group as CSV",
    description=(
        "Counts the observations that took place (completed or shared; not scheduled or "
        "cancelled) in the client's schools, by the date they were observed in the school's "
        "timezone, from `from` to `to` inclusive (at most 366 days), grouped by `group_by`. "
        "Each group has its count and one count per kind, every kind present (zero "
        "included). With `updated_since`, only the groups in which an observation was "
        "created, changed or cancelled after that moment, each with its full current counts "
        "(0 when all were cancelled). `Accept: text/csv` answers every group (no paging) as "
        "CSV with the same columns, `by_kind` flattened to `by_kind.<kind>`. Send the ETag "
        "back as If-None-Match to get 304 while nothing changed. Rate-limited per client."
    ),
    response_model=ObservationCounts,
    responses={
        200: {
            "description": "The counts: a page as JSON, or every group as CSV",
            "content": {CSV: {"schema": {"type": "string"}}},
            "headers": _CACHE_HEADERS,
        },
        304: {
            "description": "Not modified: the representation still has the tag sent in "
            "If-None-Match (no body)",
            "headers": _CACHE_HEADERS,
        },
        **error_responses(
            401,
            403,
            404,
            422,
            429,
            e403="Not an integration client with the scope observations:read",
            e404="The school is not one this client may read",
            e422="Invalid input, `from` after `to`, or more than 366 days",
        ),
    },
)
def count_observations(
    request: Request,
    session: SessionDep,
    principal: ObservationCountReader,
    page: PageQuery,
    from_: Annotated[
        SchoolDate, Query(alias="from", description="The first observed date counted")
    ],
    to: Annotated[SchoolDate, Query(description="The last observed date counted (inclusive)")],
    group_by: Annotated[GroupBy, Query(description="What each row counts for")] = GroupBy.mentee,
    school_id: Annotated[
        uuid.UUID | None, Query(description="One of the client's schools only")
    ] = None,
    updated_since: Annotated[
        Timestamp | None,
        Query(
            description="Only the groups with an observation created, changed or cancelled "
            "after this moment"
        ),
    ] = None,
    if_none_match: Annotated[
        str | None, Header(description="The ETag of the copy held", max_length=1000)
    ] = None,
) -> Response:
    count_request = functools.partial(
        ratelimit.hit_or_raise,
        get_settings().integration_rate_limit_per_client,
        "integration-client",
        str(principal.id),
        what="requests from this integration client",
    )
    count_request()
    # A repeat answered from memory still counts against the client's limit (in a worker
    # thread: the counters may be in Redis).
    on_every_repeat(request.scope, count_request, in_thread=True)
    query = service.observation_count_query(
        principal,
        group_by=group_by,
        from_=from_,
        to=to,
        school_id=school_id,
        updated_since=updated_since,
    )
    if preferred(request.headers.get("accept"), [JSON, CSV]) == CSV:
        return _csv(query, if_none_match)
    answer = service.observation_counts_json(session, query, page.limit, page.offset)
    headers = {"ETag": answer.etag, **_CACHING}
    if none_match(if_none_match, answer.etag):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(answer.body, media_type=JSON, headers=headers)


def _csv(query: CountQuery, if_none_match: str | None) -> Response:
    export = service.CsvExport(query)
    headers = {"ETag": export.etag, **_CACHING}
    if none_match(if_none_match, export.etag):
        export.close()
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    name = f"observation-counts-{query.group_by.value}-{query.from_}-{query.to}.csv"
    headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return StreamingResponse(export.chunks(), media_type=CSV, headers=headers)
