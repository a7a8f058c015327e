"""Providers for trust admins: registration with a secret shown once, the webhook URL, edits,
rotation, disabling, linked people, the delivery log and reprocessing; all scoped to the admin's
trust and audited without secrets."""

import base64
import json

from sqlmodel import Session, col, select

from api.audit.models import AuditEvent
from api.providers import service
from api.providers.models import DeliveryOutcome, ProviderLink, WebhookDelivery
from tests.conftest import refresh
from tests.helpers_providers import payload, sign, webhook_path

PROVIDERS = "/api/v1/providers"


def create(client, world, who="admin", **body):  # type: ignore[no-untyped-def]
    return client.post(
        PROVIDERS, headers=world.headers(who), json={"name": "Leeds SCITT", "kind": "scitt"} | body
    )


def audit_text(session: Session) -> str:
    refresh(session)
    return json.dumps([e.model_dump(mode="json") for e in session.exec(select(AuditEvent)).all()])


def test_create_shows_the_secret_once_and_the_webhook_url(client, world, session):
    answer = create(client, world)
    assert answer.status_code == 201, answer.text
    created = answer.json()
    secret = created["signing_secret"]
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) >= 24
    provider = created["provider"]
    assert provider["kind"] == "scitt" and provider["trust_id"] == str(world.trust.id)
    assert provider["webhook_url"] == (
        f"http://testserver/api/v1/webhooks/providers/{provider['id']}"
    )
    assert [s["status"] for s in provider["secrets"]] == ["current"]
    shown = client.get(f"{PROVIDERS}/{provider['id']}", headers=world.headers("admin"))
    listed = client.get(PROVIDERS, headers=world.headers("admin"))
    for later in (shown, listed):
        assert later.status_code == 200
        assert secret not in later.text and "whsec_" not in later.text
    assert secret not in audit_text(session)
    assert "provider.created" in audit_text(session)
    # The secret it showed is the one that verifies.
    body, headers = sign(secret, payload())
    posted = client.post(webhook_path(provider["id"]), content=body, headers=headers)
    assert posted.status_code == 200


def test_two_secrets_are_never_the_same():
    assert len({service.new_signing_secret() for _ in range(50)}) == 50


def test_list_edit_and_another_trusts_provider_is_hidden(client, world, session):
    admin = world.headers("admin")
    listed = client.get(PROVIDERS, headers=admin).json()
    assert {p["name"] for p in listed["items"]} == {"Northern University", "Old SCITT"}
    assert listed["total"] == 2 and listed["limit"] == 50 and listed["offset"] == 0
    northern = next(p for p in listed["items"] if p["name"] == "Northern University")
    assert northern["linked_people"] == 1

    edited = client.patch(
        f"{PROVIDERS}/{world.provider.id}", headers=admin, json={"name": "Northern Uni"}
    )
    assert edited.status_code == 200 and edited.json()["name"] == "Northern Uni"
    assert "provider.updated" in audit_text(session)
    refused = client.patch(f"{PROVIDERS}/{world.provider.id}", headers=admin, json={"kind": "x"})
    assert refused.status_code == 422

    foreign = world.headers("foreign_admin")
    assert client.get(PROVIDERS, headers=foreign).json()["items"] == []
    for method, path in [
        ("GET", f"{PROVIDERS}/{world.provider.id}"),
        ("POST", f"{PROVIDERS}/{world.provider.id}/rotate-secret"),
        ("POST", f"{PROVIDERS}/{world.provider.id}/disable"),
        ("GET", f"{PROVIDERS}/{world.provider.id}/people"),
        ("GET", f"/api/v1/webhook-deliveries/{world.delivery.id}"),
    ]:
        answer = client.request(method, path, headers=foreign, json={})
        assert answer.status_code == 404, (method, path)
        assert "Northern" not in answer.text
    assert client.get("/api/v1/webhook-deliveries", headers=foreign).json()["total"] == 0


def test_rotate_says_when_the_old_secret_stops_and_audits_no_secret(client, world, session):
    rotated = client.post(
        f"{PROVIDERS}/{world.provider.id}/rotate-secret", headers=world.headers("admin"), json={}
    )
    assert rotated.status_code == 200
    body = rotated.json()
    assert body["previous_expires_at"] is not None
    retiring = [s for s in body["provider"]["secrets"] if s["status"] == "retiring"]
    assert retiring[0]["expires_at"] == body["previous_expires_at"]
    text = audit_text(session)
    assert "provider.secret_rotated" in text
    assert body["signing_secret"] not in text and world.provider_secret not in text
    # A second rotation in the overlap never lengthens the first secret's life.
    again = client.post(
        f"{PROVIDERS}/{world.provider.id}/rotate-secret",
        headers=world.headers("admin"),
        json={"overlap_hours": 48},
    ).json()
    expiries = sorted(s["expires_at"] for s in again["provider"]["secrets"] if s["expires_at"])
    assert expiries[0] == body["previous_expires_at"]
    too_long = client.post(
        f"{PROVIDERS}/{world.provider.id}/rotate-secret",
        headers=world.headers("admin"),
        json={"overlap_hours": 1000},
    )
    assert too_long.status_code == 422


def test_disable_then_enable(client, world, session):
    admin = world.headers("admin")
    disabled = client.post(f"{PROVIDERS}/{world.provider.id}/disable", headers=admin)
    assert disabled.status_code == 200
    assert disabled.json()["disabled_at"] is not None
    assert disabled.json()["can"] | {} == {
        "edit": True,
        "rotate_secret": True,
        "disable": False,
        "enable": True,
        "link_people": True,
    }
    assert client.post(f"{PROVIDERS}/{world.provider.id}/disable", headers=admin).status_code == 409
    body, headers = sign(world.provider_secret, payload())
    assert (
        client.post(webhook_path(world.provider.id), content=body, headers=headers).status_code
        == 401
    )
    assert client.post(f"{PROVIDERS}/{world.provider.id}/enable", headers=admin).status_code == 200
    body, headers = sign(world.provider_secret, payload())
    assert (
        client.post(webhook_path(world.provider.id), content=body, headers=headers).status_code
        == 200
    )
    assert "provider.disabled" in audit_text(session) and "provider.enabled" in audit_text(session)


def test_people_are_linked_listed_moved_and_unlinked(client, world, session):
    admin = world.headers("admin")
    people = f"{PROVIDERS}/{world.provider.id}/people"
    listed = client.get(people, headers=admin).json()
    assert [p["full_name"] for p in listed["items"]] == ["Mentee"]
    assert listed["items"][0]["roles"] == ["mentee"]

    linked = client.post(
        people,
        headers=admin,
        json={"user_ids": [str(world.people["mentor"].id), str(world.people["mentee"].id)]},
    )
    assert linked.status_code == 200, linked.text
    assert {p["full_name"] for p in linked.json()} == {"Mentor", "Mentee"}
    assert client.get(people, headers=admin).json()["total"] == 2

    # Only mentors and mentees of the trust: a lead, an observer or another trust's person are
    # refused, and nothing changes.
    for who in ("lead", "observer", "foreign_admin"):
        refused = client.post(people, headers=admin, json={"user_ids": [str(world.people[who].id)]})
        assert refused.status_code == 422, who
        assert world.people[who].email not in refused.text
    refused = client.post(
        people,
        headers=admin,
        json={"user_ids": [str(world.people["spare_mentor"].id), str(world.people["lead"].id)]},
    )
    assert refused.status_code == 422
    assert client.get(people, headers=admin).json()["total"] == 2

    # One provider per person: linking to another moves them.
    other = create(client, world).json()["provider"]["id"]
    moved = client.post(
        f"{PROVIDERS}/{other}/people",
        headers=admin,
        json={"user_ids": [str(world.people["mentor"].id)]},
    )
    assert moved.status_code == 200
    refresh(session)
    assert service.provider_of(session, world.people["mentor"].id).id.hex == other.replace("-", "")
    assert client.get(people, headers=admin).json()["total"] == 1

    gone = client.delete(f"{people}/{world.people['mentee'].id}", headers=admin)
    assert gone.status_code == 204
    assert client.get(people, headers=admin).json()["total"] == 0
    assert client.delete(f"{people}/{world.people['mentee'].id}", headers=admin).status_code == 404
    refresh(session)
    assert (
        session.exec(
            select(ProviderLink).where(ProviderLink.provider_id == world.provider.id)
        ).all()
        == []
    )
    text = audit_text(session)
    assert "provider_link.created" in text and "provider_link.removed" in text


def test_the_delivery_log_pages_filters_and_shows_no_secret(client, world, session):
    admin = world.headers("admin")
    for _ in range(3):
        body, headers = sign(world.provider_secret, payload())
        client.post(webhook_path(world.provider.id), content=body, headers=headers)
    body, headers = sign(world.provider_secret, {"type": "cohort.created"})
    client.post(webhook_path(world.provider.id), content=body, headers=headers)
    client.post(webhook_path(world.provider.id), content=body, headers=headers)

    log = client.get("/api/v1/webhook-deliveries?limit=2", headers=admin).json()
    assert log["total"] == 6 and len(log["items"]) == 2 and log["limit"] == 2
    assert log["items"][0]["provider_name"] == "Northern University"
    assert log["items"][0]["received_at"] >= log["items"][1]["received_at"]

    def outcomes(outcome: str) -> list[str]:
        page = client.get(f"/api/v1/webhook-deliveries?outcome={outcome}", headers=admin).json()
        return [d["outcome"] for d in page["items"]]

    assert outcomes("processed") == ["processed"] * 3
    assert outcomes("ignored") == ["ignored"]
    assert outcomes("duplicate") == ["duplicate"]
    assert outcomes("rejected") == ["rejected"]
    assert client.get("/api/v1/webhook-deliveries?outcome=lost", headers=admin).status_code == 422
    by_provider = client.get(
        f"/api/v1/webhook-deliveries?provider_id={world.disabled_provider.id}", headers=admin
    ).json()
    assert by_provider["total"] == 0
    everything = client.get("/api/v1/webhook-deliveries?limit=100", headers=admin).text
    assert world.provider_secret not in everything


def test_reprocess_once_and_only_rejected_or_failed(client, world, session):
    admin = world.headers("admin")
    path = f"/api/v1/webhook-deliveries/{world.delivery.id}"
    detail = client.get(path, headers=admin).json()
    assert detail["outcome"] == "rejected" and detail["can"] == {"reprocess": True}
    again = client.post(f"{path}/reprocess", headers=admin)
    assert again.status_code == 200, again.text
    assert again.json()["outcome"] == "processed" and again.json()["reprocessed_at"]
    assert again.json()["reason"] is None
    assert client.post(f"{path}/reprocess", headers=admin).status_code == 409
    assert "webhook_delivery.reprocessed" in audit_text(session)

    body, headers = sign(world.provider_secret, payload())
    processed = client.post(webhook_path(world.provider.id), content=body, headers=headers)
    delivery_id = processed.json()["delivery_id"]
    assert client.get(f"/api/v1/webhook-deliveries/{delivery_id}", headers=admin).json()["can"] == {
        "reprocess": False
    }
    refused = client.post(f"/api/v1/webhook-deliveries/{delivery_id}/reprocess", headers=admin)
    assert refused.status_code == 409


def test_reprocessing_invalid_data_rejects_it_again_with_the_reason(client, world, session):
    refresh(session)
    row = session.exec(
        select(WebhookDelivery).where(col(WebhookDelivery.id) == world.delivery.id)
    ).one()
    row.body = json.dumps(payload(data={"id": "x"}))
    session.add(row)
    session.commit()
    again = client.post(
        f"/api/v1/webhook-deliveries/{world.delivery.id}/reprocess", headers=world.headers("admin")
    )
    assert again.status_code == 200
    assert again.json()["outcome"] == DeliveryOutcome.rejected
    assert "data.title" in again.json()["reason"]
    assert again.json()["can"]["reprocess"] is False


def test_create_provider_for_other_domains(session, world):
    """The service other domains (and the demo) use: a provider and its first secret."""
    from api.auth.principals import load_user_principal

    principal = load_user_principal(session, world.people["admin"])
    provider, secret = service.create_provider(session, principal, "Ambition", "ecte_lead_provider")
    session.commit()
    assert provider.trust_id == world.trust.id and secret.startswith("whsec_")
