"""HTTP for calendar feeds: the secret link (create, rotate, revoke) and the feed itself."""

from fastapi import APIRouter, Request, Response, status

from api.auth.principals import CurrentPerson
from api.calendar import service
from api.calendar.schemas import FeedCreated, FeedStatus
from api.core.answers import keep_answer
from api.core.caching import none_match
from api.core.problems import Problem, error_responses
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep, WriteSessionDep

router = APIRouter(tags=["calendar"], route_class=BodyAfterAuthRoute)
_ERRORS = error_responses(401, 403, e403="Integration clients have no calendar")


@router.get(
    "/me/calendar-feed",
    operation_id="get_calendar_feed",
    summary="Whether you have a calendar feed link",
    response_model=FeedStatus,
    responses=_ERRORS,
)
def get_calendar_feed(session: SessionDep, principal: CurrentPerson) -> FeedStatus:
    feed = service.active_feed(session, principal.id)
    return FeedStatus(
        active=feed is not None,
        created_at=feed.created_at if feed else None,
        last_used_at=feed.last_used_at if feed else None,
    )


@router.post(
    "/me/calendar-feed",
    operation_id="rotate_calendar_feed",
    summary="Make a new secret feed link (the old one stops working); shown once",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedCreated,
    responses=_ERRORS,
)
def rotate_calendar_feed(
    request: Request, session: SessionDep, principal: CurrentPerson
) -> FeedCreated:
    feed, token = service.rotate_feed(session, principal)
    url = str(request.url_for("calendar_feed", feed_token=token))
    return FeedCreated(url=url, created_at=feed.created_at)


@router.delete(
    "/me/calendar-feed",
    operation_id="revoke_calendar_feed",
    summary="Turn your calendar feed link off (nothing to do when there is none)",
    status_code=204,
    responses=_ERRORS,
)
def revoke_calendar_feed(session: SessionDep, principal: CurrentPerson) -> Response:
    service.revoke_feed(session, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/{feed_token}.ics",
    name="calendar_feed",
    operation_id="calendar_feed",
    summary="A person's calendar (RFC 5545); the secret in the address is the credential",
    response_class=Response,
    responses={
        200: {
            "description": "The calendar",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        404: {"model": Problem, "description": "Unknown or revoked link"},
    },
)
def calendar_feed(
    feed_token: str, request: Request, session: SessionDep, writer: WriteSessionDep
) -> Response:
    feed, user = service.feed_owner(session, feed_token)
    # A revoked or rotated link is a write, so a kept copy of this answer is never given for it.
    keep_answer(request.scope)
    rendered = service.render_calendar(session, user)
    service.note_feed_used(writer, feed)  # last, so any write lock is held only briefly
    # Calendar apps that send the tag back are told nothing changed (RFC 9110 15.4.5).
    headers = {"ETag": rendered.etag, "Cache-Control": "private, no-cache"}
    if none_match(request.headers.get("If-None-Match"), rendered.etag):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(
        rendered.body,
        media_type="text/calendar; charset=utf-8",
        headers={**headers, "Content-Disposition": 'inline; filename="mentorhub.ics"'},
    )
