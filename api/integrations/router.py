"""HTTP for integration clients."""

import uuid

from fastapi import APIRouter, status

from api.auth.principals import ClientManager
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.integrations import service
from api.integrations.schemas import ApiClientCreate, ApiClientCreated, ApiClientPublic

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
