"""HTTP for training providers: their registration, secrets and linked people (trust admins),
the delivery log, and the receiver of their signed webhooks (no sign-in: the signature is the
credential)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response, status
from fastapi.responses import JSONResponse

from api.auth.principals import ProviderManager
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS, PayloadTooLarge, error_responses, problem_response
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.providers import service
from api.providers.models import DeliveryOutcome
from api.providers.schemas import (
    DeliveryAnswer,
    DeliveryDetail,
    DeliveryPublic,
    LinkedPerson,
    ProviderCreate,
    ProviderCreated,
    ProviderDetail,
    ProviderLinkCreate,
    ProviderPublic,
    ProviderUpdate,
    SecretRotate,
    SecretRotated,
)

router = APIRouter(tags=["providers"], route_class=BodyAfterAuthRoute)
receiver = APIRouter(tags=["provider webhooks"], route_class=BodyAfterAuthRoute)


def _base(request: Request) -> str:
    return str(request.base_url)


@router.get(
    "/providers",
    operation_id="list_providers",
    summary="Training providers of your trust",
    response_model=Page[ProviderPublic],
    responses=WRITE_ERRORS,
)
def list_providers(
    request: Request, session: SessionDep, principal: ProviderManager, page: PageQuery
) -> Page[ProviderPublic]:
    return page_of(
        session,
        service.providers_query(principal),
        page,
        lambda rows: service.to_public(session, rows, _base(request)),
    )


@router.post(
    "/providers",
    operation_id="create_provider",
    summary="Register a provider; answers its webhook URL and signing secret, the secret once",
    status_code=status.HTTP_201_CREATED,
    response_model=ProviderCreated,
    responses=WRITE_ERRORS,
)
def create_provider(
    body: ProviderCreate, request: Request, session: SessionDep, principal: ProviderManager
) -> ProviderCreated:
    provider, secret = service.create_provider(session, principal, body.name, body.kind)
    detail = service.provider_detail(session, principal, provider, _base(request))
    return ProviderCreated(provider=detail, signing_secret=secret)


@router.get(
    "/providers/{provider_id}",
    operation_id="get_provider",
    summary="A provider: its webhook URL and which secrets still verify (never their values)",
    response_model=ProviderDetail,
    responses=WRITE_ERRORS,
)
def get_provider(
    provider_id: uuid.UUID, request: Request, session: SessionDep, principal: ProviderManager
) -> ProviderDetail:
    provider = service.get_provider(session, principal, provider_id)
    return service.provider_detail(session, principal, provider, _base(request))


@router.patch(
    "/providers/{provider_id}",
    operation_id="update_provider",
    summary="Rename a provider or change its kind",
    response_model=ProviderDetail,
    responses=WRITE_ERRORS,
)
def update_provider(
    provider_id: uuid.UUID,
    body: ProviderUpdate,
    request: Request,
    session: SessionDep,
    principal: ProviderManager,
) -> ProviderDetail:
    provider = service.update_provider(session, principal, provider_id, body.changes())
    return service.provider_detail(session, principal, provider, _base(request))


@router.post(
    "/providers/{provider_id}/rotate-secret",
    operation_id="rotate_provider_secret",
    summary="A new signing secret, shown once; the old one keeps verifying for the overlap",
    response_model=SecretRotated,
    responses=WRITE_ERRORS,
)
def rotate_provider_secret(
    provider_id: uuid.UUID,
    body: SecretRotate,
    request: Request,
    session: SessionDep,
    principal: ProviderManager,
) -> SecretRotated:
    provider, secret, previous = service.rotate_secret(
        session, principal, provider_id, body.overlap_hours
    )
    detail = service.provider_detail(session, principal, provider, _base(request))
    return SecretRotated(provider=detail, signing_secret=secret, previous_expires_at=previous)


@router.post(
    "/providers/{provider_id}/disable",
    operation_id="disable_provider",
    summary="Disable a provider: every delivery from it is refused (401) until enabled",
    response_model=ProviderDetail,
    responses=WRITE_ERRORS,
)
def disable_provider(
    provider_id: uuid.UUID, request: Request, session: SessionDep, principal: ProviderManager
) -> ProviderDetail:
    provider = service.set_disabled(session, principal, provider_id, True)
    return service.provider_detail(session, principal, provider, _base(request))


@router.post(
    "/providers/{provider_id}/enable",
    operation_id="enable_provider",
    summary="Enable a disabled provider again",
    response_model=ProviderDetail,
    responses=WRITE_ERRORS,
)
def enable_provider(
    provider_id: uuid.UUID, request: Request, session: SessionDep, principal: ProviderManager
) -> ProviderDetail:
    provider = service.set_disabled(session, principal, provider_id, False)
    return service.provider_detail(session, principal, provider, _base(request))


@router.get(
    "/providers/{provider_id}/people",
    operation_id="list_provider_people",
    summary="The mentors and mentees linked to a provider",
    response_model=Page[LinkedPerson],
    responses=WRITE_ERRORS,
)
def list_provider_people(
    provider_id: uuid.UUID, session: SessionDep, principal: ProviderManager, page: PageQuery
) -> Page[LinkedPerson]:
    query = service.links_query(session, principal, provider_id)
    return page_of(session, query, page, lambda rows: service.linked_people(session, rows))


@router.post(
    "/providers/{provider_id}/people",
    operation_id="link_provider_people",
    summary="Link mentors and mentees to a provider (one provider per person)",
    response_model=list[LinkedPerson],
    responses=WRITE_ERRORS,
)
def link_provider_people(
    provider_id: uuid.UUID,
    body: ProviderLinkCreate,
    session: SessionDep,
    principal: ProviderManager,
) -> list[LinkedPerson]:
    links = service.link_people(session, principal, provider_id, body.user_ids)
    return service.linked_people(session, links)


@router.delete(
    "/providers/{provider_id}/people/{user_id}",
    operation_id="unlink_provider_person",
    summary="Unlink a person from a provider",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
def unlink_provider_person(
    provider_id: uuid.UUID, user_id: uuid.UUID, session: SessionDep, principal: ProviderManager
) -> Response:
    service.unlink(session, principal, provider_id, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/webhook-deliveries",
    operation_id="list_webhook_deliveries",
    summary="Every delivery from your trust's providers, newest first",
    response_model=Page[DeliveryPublic],
    responses=WRITE_ERRORS,
)
def list_webhook_deliveries(
    session: SessionDep,
    principal: ProviderManager,
    page: PageQuery,
    provider_id: uuid.UUID | None = None,
    outcome: DeliveryOutcome | None = None,
) -> Page[DeliveryPublic]:
    query = service.deliveries_query(principal, provider_id=provider_id, outcome=outcome)
    return page_of(session, query, page, lambda rows: service.deliveries_public(session, rows))


@router.get(
    "/webhook-deliveries/{delivery_id}",
    operation_id="get_webhook_delivery",
    summary="A delivery: its payload, outcome and the effects it had",
    response_model=DeliveryDetail,
    responses=WRITE_ERRORS,
)
def get_webhook_delivery(
    delivery_id: uuid.UUID, session: SessionDep, principal: ProviderManager
) -> DeliveryDetail:
    delivery, provider = service.get_delivery(session, principal, delivery_id)
    return service.delivery_detail(principal, delivery, provider)


@router.post(
    "/webhook-deliveries/{delivery_id}/reprocess",
    operation_id="reprocess_webhook_delivery",
    summary="Process a rejected or failed delivery again, once",
    response_model=DeliveryDetail,
    responses=WRITE_ERRORS,
)
def reprocess_webhook_delivery(
    delivery_id: uuid.UUID, session: SessionDep, principal: ProviderManager
) -> DeliveryDetail:
    delivery, provider = service.reprocess(session, principal, delivery_id)
    return service.delivery_detail(principal, delivery, provider)


# --- the receiver ------------------------------------------------------------------------


async def delivery_body(request: Request) -> bytes:
    """The raw body, read before the database turn, refused past the cap."""
    limit = service.MAX_DELIVERY_BYTES
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"A delivery is at most {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"A delivery is at most {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


SIGNED_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
_DELIVERY_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Signed per Standard Webhooks: headers webhook-id, webhook-timestamp "
        "and webhook-signature (v1, HMAC-SHA256 over id.timestamp.body).",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["type", "timestamp", "data"],
                    "properties": {
                        "type": {
                            "type": "string",
                            "examples": ["course_date.created"],
                            "description": "course_date.created|updated|cancelled or "
                            "deadline.created|updated|cancelled; others are recorded as "
                            "ignored",
                        },
                        "timestamp": {"type": "string", "format": "date-time"},
                        "data": {"type": "object"},
                    },
                }
            }
        },
    },
    "parameters": [
        {"name": name, "in": "header", "required": True, "schema": {"type": "string"}}
        for name in SIGNED_HEADERS
    ],
}


@receiver.post(
    "/webhooks/providers/{provider_id}",
    operation_id="receive_provider_delivery",
    summary="A provider's signed delivery of a course date or a deadline",
    description="Processed once per webhook-id: a repeat answers 200 with outcome "
    "`duplicate`. An unknown type answers 200 `ignored`; invalid data for a known type 422; "
    "anything that cannot be verified 401, whatever the reason. See docs/providers.md.",
    response_model=DeliveryAnswer,
    responses={
        202: {
            "model": DeliveryAnswer,
            "description": "Recorded, but not applied because of an error on our side; it "
            "will be processed again once fixed (outcome `failed`)",
        },
        **error_responses(
            401,
            413,
            422,
            e401="Not verified: a missing, malformed or wrong signature, a timestamp more "
            "than five minutes away, or an unknown or disabled provider",
            e413=f"The body is over {service.MAX_DELIVERY_BYTES} bytes",
            e422="Invalid data for a known type; recorded as rejected with the reason",
        ),
    },
    openapi_extra=_DELIVERY_SCHEMA,
)
def receive_provider_delivery(
    provider_id: Annotated[str, Path(description="The provider's id, from its webhook URL")],
    request: Request,
    body: Annotated[bytes, Depends(delivery_body)],
    session: SessionDep,
) -> Any:
    headers = {name: request.headers[name] for name in SIGNED_HEADERS if name in request.headers}
    delivery = service.receive(session, provider_id, headers, body)
    answer = DeliveryAnswer(
        delivery_id=delivery.id, outcome=delivery.outcome, reason=delivery.reason
    )
    if delivery.outcome == DeliveryOutcome.rejected:
        return problem_response(
            422,
            slug="delivery-rejected",
            detail=delivery.reason,
            instance=request.url.path,
            delivery_id=str(delivery.id),
        )
    code = 202 if delivery.outcome == DeliveryOutcome.failed else 200
    return JSONResponse(answer.model_dump(mode="json"), status_code=code)
