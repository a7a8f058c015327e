"""Integration clients: created by trust admins, secret shown once, revocable."""

import uuid

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.models import ApiClient, ApiClientSchool
from api.auth.principals import Principal
from api.auth.tokens import hash_secret, new_secret
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem
from api.core.queries import first_visible
from api.integrations.schemas import ApiClientCreate, ApiClientPublic
from api.org import service as org_service


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
