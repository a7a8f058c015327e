"""HTTP for the resource library, bookmarks, theme prompts and suggestions."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.principals import ResourceKeeper, ResourceReader
from api.core.pagination import Page, PageParams, PageQuery, page_of
from api.core.problems import WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.resources import search, service
from api.resources.models import Audience, ResourceKind, ResourcePhase, Theme
from api.resources.schemas import (
    ResourceCreate,
    ResourceDetail,
    ResourcePublic,
    ResourceUpdate,
    Suggestion,
    ThemePrompts,
)

router = APIRouter(tags=["resources"], route_class=BodyAfterAuthRoute)


def _page(items: list, page: PageParams) -> Page:
    return Page(
        items=items[page.offset : page.offset + page.limit],
        total=len(items),
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/resources",
    operation_id="list_resources",
    summary="Search the library you may read, with filters; the best match first",
    response_model=Page[ResourcePublic],
    responses=WRITE_ERRORS,
)
def list_resources(
    session: SessionDep,
    principal: ResourceReader,
    page: PageQuery,
    q: Annotated[
        str | None,
        Query(
            description="Words to look for in the title, summary and publisher. Any text is "
            f"taken as plain words (no search syntax); the first {search.MAX_INPUT} "
            f"characters and {search.MAX_WORDS} words count.",
        ),
    ] = None,
    kind: ResourceKind | None = None,
    theme: Theme | None = None,
    audience: Audience | None = None,
    phase: ResourcePhase | None = None,
    standard: Annotated[
        int | None, Query(ge=1, le=8, description="A Teachers' Standard (1 to 8)")
    ] = None,
    bookmarked: Annotated[bool, Query(description="Only your bookmarks")] = False,
) -> Page[ResourcePublic]:
    query = service.resources_query(
        session,
        principal,
        q=q,
        kind=kind,
        theme=theme,
        audience=audience,
        phase=phase,
        standard=standard,
        bookmarked=bookmarked,
    )
    return page_of(
        session, query, page, lambda rows: service.resources_public(session, principal, rows)
    )


@router.post(
    "/resources",
    operation_id="create_resource",
    summary="Add a resource: trust-wide (trust admins) or for a school (its leads)",
    status_code=status.HTTP_201_CREATED,
    response_model=ResourceDetail,
    responses=WRITE_ERRORS,
)
def create_resource(
    body: ResourceCreate, session: SessionDep, principal: ResourceKeeper
) -> ResourceDetail:
    resource = service.create_resource(session, principal, body)
    return service.resource_detail(session, principal, resource)


@router.get(
    "/resources/{resource_id}",
    operation_id="get_resource",
    summary="A resource, with what you may do with it",
    response_model=ResourceDetail,
    responses=WRITE_ERRORS,
)
def get_resource(
    resource_id: uuid.UUID, session: SessionDep, principal: ResourceReader
) -> ResourceDetail:
    resource = service.get_resource(session, principal, resource_id)
    return service.resource_detail(session, principal, resource)


@router.patch(
    "/resources/{resource_id}",
    operation_id="update_resource",
    summary="Change a resource you keep",
    response_model=ResourceDetail,
    responses=WRITE_ERRORS,
)
def update_resource(
    resource_id: uuid.UUID, body: ResourceUpdate, session: SessionDep, principal: ResourceKeeper
) -> ResourceDetail:
    resource = service.update_resource(session, principal, resource_id, body)
    return service.resource_detail(session, principal, resource)


@router.delete(
    "/resources/{resource_id}",
    operation_id="delete_resource",
    summary="Remove a resource you keep (and everyone's bookmarks of it)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
def delete_resource(
    resource_id: uuid.UUID, session: SessionDep, principal: ResourceKeeper
) -> Response:
    service.delete_resource(session, principal, resource_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(
    "/resources/{resource_id}/bookmark",
    operation_id="bookmark_resource",
    summary="Bookmark a resource (again changes nothing)",
    response_model=ResourceDetail,
    responses=WRITE_ERRORS,
)
def bookmark_resource(
    resource_id: uuid.UUID, session: SessionDep, principal: ResourceReader
) -> ResourceDetail:
    resource = service.set_bookmark(session, principal, resource_id, on=True)
    return service.resource_detail(session, principal, resource)


@router.delete(
    "/resources/{resource_id}/bookmark",
    operation_id="unbookmark_resource",
    summary="Remove your bookmark of a resource",
    response_model=ResourceDetail,
    responses=WRITE_ERRORS,
)
def unbookmark_resource(
    resource_id: uuid.UUID, session: SessionDep, principal: ResourceReader
) -> ResourceDetail:
    resource = service.set_bookmark(session, principal, resource_id, on=False)
    return service.resource_detail(session, principal, resource)


@router.get(
    "/resource-themes",
    operation_id="list_resource_themes",
    summary="The library's themes, each with three things you can do right now",
    response_model=Page[ThemePrompts],
    responses=WRITE_ERRORS,
)
def list_resource_themes(principal: ResourceReader, page: PageQuery) -> Page[ThemePrompts]:
    return _page(service.theme_prompts(), page)


@router.get(
    "/mentees/{mentee_id}/resource-suggestions",
    operation_id="list_resource_suggestions",
    summary="Resources for a mentee's open targets (the mentee, their mentor, their leads)",
    response_model=Page[Suggestion],
    responses=WRITE_ERRORS,
)
def list_resource_suggestions(
    mentee_id: uuid.UUID, session: SessionDep, principal: ResourceReader, page: PageQuery
) -> Page[Suggestion]:
    return _page(service.suggestions(session, principal, mentee_id), page)
