"""The receiver of providers' webhooks (contract 4): signatures checked with the standardwebhooks
library as a provider signs, 401 with nothing stored for anything unverified, once per
webhook-id, unknown types ignored, invalid data rejected with a reason, and what handlers of
`ProviderItemReceived` say kept in the delivery log."""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, func, select

from api.audit.models import AuditEvent
from api.core import events
from api.providers.events import InvalidItem, ProviderItemReceived
from api.providers.models import DeliveryOutcome, ProviderSecret, WebhookDelivery
from api.providers.service import MAX_DELIVERY_BYTES, new_signing_secret
from tests.conftest import refresh
from tests.helpers_providers import course_date, payload, sign, webhook_path


@pytest.fixture(autouse=True)
def receiver_alone():  # type: ignore[no-untyped-def]
    """The receiver on its own: the handlers registered at start-up (the training domain's) are
    set aside, so these tests see only what they subscribe. tests/test_training.py covers the
    training domain's handler behind the receiver."""
    handlers = events._handlers[ProviderItemReceived]
    saved = list(handlers)
    handlers.clear()
    yield
    handlers[:] = saved


@pytest.fixture
def received():  # type: ignore[no-untyped-def]
    """A test handler of ProviderItemReceived, doing what the test sets in `behaviour`."""
    seen: list[ProviderItemReceived] = []
    behaviour: dict = {}

    def handler(session: Session, event: ProviderItemReceived) -> None:
        seen.append(event)
        if "raise" in behaviour:
            raise behaviour["raise"]
        if "ignore" in behaviour:
            event.outcome.ignored_because = behaviour["ignore"]
        event.outcome.effects.extend(behaviour.get("effects", []))
        if "audit" in behaviour:  # a write of the handler's own, to see it roll back
            session.add(AuditEvent(actor_kind="system", action="test.effect", object_type="x"))

    events.subscribe(ProviderItemReceived, handler)
    yield seen, behaviour
    events._handlers[ProviderItemReceived].remove(handler)


def deliveries(session: Session) -> list[WebhookDelivery]:
    refresh(session)
    return list(session.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.received_at))))


def stored_count(session: Session) -> tuple[int, int]:
    refresh(session)
    return (
        session.exec(select(func.count()).select_from(WebhookDelivery)).one(),
        session.exec(select(func.count()).select_from(AuditEvent)).one(),
    )


def post(client, world, body, headers, provider_id=None):  # type: ignore[no-untyped-def]
    return client.post(
        webhook_path(provider_id or world.provider.id), content=body, headers=headers
    )


def test_a_signed_delivery_is_processed_once_and_published(client, world, session, received):
    seen, _ = received
    body, headers = sign(world.provider_secret, payload())
    answer = post(client, world, body, headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["outcome"] == "processed"
    [event] = seen
    assert event.provider_id == world.provider.id and event.trust_id == world.trust.id
    assert (event.kind, event.action) == ("course_date", "created")
    assert event.data.id == "cd-1" and event.data.participants[0].trn == "1000002"
    assert str(event.delivery_id) == answer.json()["delivery_id"]

    again = post(client, world, body, headers)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert len(seen) == 1, "a repeated webhook-id is not handed on again"
    rows = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert [r.outcome for r in rows] == [DeliveryOutcome.processed, DeliveryOutcome.duplicate]
    assert rows[1].duplicate_of == rows[0].id
    assert rows[0].body == body.decode()


def test_with_no_handler_a_delivery_is_processed_with_no_effects(client, world, session):
    body, headers = sign(world.provider_secret, payload("deadline.created"))
    answer = post(client, world, body, headers)
    assert answer.status_code == 200 and answer.json()["outcome"] == "processed"
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.effects == [] and row.type == "deadline.created" and row.sent_at is not None
    audit = session.exec(
        select(AuditEvent).where(AuditEvent.action == "webhook_delivery.received")
    ).one()
    assert audit.object_id == row.id and audit.trust_id == world.trust.id
    assert world.provider_secret not in json.dumps(audit.changes)


def _signed_bytes(secret: str, raw: bytes) -> tuple[bytes, dict[str, str]]:
    """Signed over bytes that are not UTF-8 (the library signs text only)."""
    msg_id, stamp = "msg_bytes", str(int(datetime.now(UTC).timestamp()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{stamp}.".encode() + raw, hashlib.sha256).digest()
    signature = "v1," + base64.b64encode(digest).decode()
    return raw, {"webhook-id": msg_id, "webhook-timestamp": stamp, "webhook-signature": signature}


def _garbled(good: dict[str, str]) -> dict[str, dict[str, str]]:
    """The headers of a good delivery, each garbled one way."""
    cases = [
        ("no signature", {k: v for k, v in good.items() if k != "webhook-signature"}),
        ("no id", {k: v for k, v in good.items() if k != "webhook-id"}),
        ("no timestamp", {k: v for k, v in good.items() if k != "webhook-timestamp"}),
        ("signature without version", good | {"webhook-signature": "abc"}),
        ("signature with many commas", good | {"webhook-signature": "v1,a,b"}),
        ("signature not base64", good | {"webhook-signature": "v1,@@@not base64@@@"}),
        (
            "unknown version only",
            good | {"webhook-signature": "v9," + good["webhook-signature"][3:]},
        ),
        ("timestamp not a number", good | {"webhook-timestamp": "yesterday"}),
        ("timestamp infinite", good | {"webhook-timestamp": "inf"}),
        ("timestamp nan", good | {"webhook-timestamp": "nan"}),
        ("timestamp huge", good | {"webhook-timestamp": "9" * 400}),
        ("empty signature", good | {"webhook-signature": ""}),
        ("id too long", good | {"webhook-id": "x" * 300}),
        ("latin-1 junk", good | {"webhook-signature": b"v1,\xff\xfe"}),  # type: ignore[dict-item]
    ]
    return dict(cases)


def test_anything_unverified_is_the_same_401_with_nothing_stored(client, world, session):
    before = stored_count(session)
    body, good = sign(world.provider_secret, payload())
    now = datetime.now(UTC)
    other_secret = new_signing_secret()
    attempts = {
        "stale": sign(world.provider_secret, payload(), when=now - timedelta(minutes=6)),
        "future": sign(world.provider_secret, payload(), when=now + timedelta(minutes=6)),
        "tampered": (body.replace(b"Mentor training", b"Mentor tr4ining"), good),
        "wrong secret": sign(other_secret, payload()),
        "unsigned": (body, {"content-type": "application/json"}),
        "not utf-8": _signed_bytes(world.provider_secret, b"\xff\xfe{}"),
    }
    attempts |= {f"garbled: {name}": (body, headers) for name, headers in _garbled(good).items()}
    attempts["garbled, right secret"] = (body, good | {"webhook-signature": "v1,AAAA v1"})
    details = set()
    for name, (attempt_body, headers) in attempts.items():
        answer = post(client, world, attempt_body, headers)
        assert answer.status_code == 401, (name, answer.text)
        assert answer.headers["content-type"] == "application/problem+json", name
        details.add(answer.json()["detail"])
    # Unknown, disabled and not-even-an-id providers look the same.
    for provider_id in ("not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00"):
        answer = post(client, world, body, good, provider_id=provider_id)
        assert answer.status_code == 401, (provider_id, answer.text)
        details.add(answer.json()["detail"])
    disabled_body, disabled_headers = sign(world.provider_secret, payload())
    answer = post(client, world, disabled_body, disabled_headers, world.disabled_provider.id)
    assert answer.status_code == 401
    details.add(answer.json()["detail"])
    assert details == {"The delivery could not be verified."}, "no hint which check failed"
    assert stored_count(session) == before, "nothing stored"


def test_a_disabled_provider_is_refused_even_with_its_own_secret(client, world, session):
    secret = new_signing_secret()
    session.add(ProviderSecret(provider_id=world.disabled_provider.id, signing_secret=secret))
    session.commit()
    body, headers = sign(secret, payload())
    assert post(client, world, body, headers, world.disabled_provider.id).status_code == 401
    admin = world.headers("admin")
    enabled = client.post(f"/api/v1/providers/{world.disabled_provider.id}/enable", headers=admin)
    assert enabled.status_code == 200
    assert post(client, world, body, headers, world.disabled_provider.id).status_code == 200
    client.post(f"/api/v1/providers/{world.disabled_provider.id}/disable", headers=admin)
    body, headers = sign(secret, payload())
    assert post(client, world, body, headers, world.disabled_provider.id).status_code == 401


def test_several_signatures_pass_when_one_matches(client, world):
    body, headers = sign(world.provider_secret, payload())
    stranger = "v1," + base64.b64encode(b"x" * 32).decode()
    headers["webhook-signature"] = f"{stranger} {headers['webhook-signature']}"
    assert post(client, world, body, headers).status_code == 200
    body, headers = sign(world.provider_secret, payload())
    headers["webhook-signature"] = f"garbage v2,abc v1,@@ {headers['webhook-signature']} v1"
    assert post(client, world, body, headers).status_code == 200, "a garbled one beside"


def test_rotation_overlap_then_only_the_new_secret(client, world, session):
    admin = world.headers("admin")
    rotated = client.post(
        f"/api/v1/providers/{world.provider.id}/rotate-secret",
        headers=admin,
        json={"overlap_hours": 24},
    )
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["signing_secret"]
    assert new.startswith("whsec_") and len(base64.b64decode(new[6:])) >= 24
    statuses = [s["status"] for s in rotated.json()["provider"]["secrets"]]
    assert sorted(statuses) == ["current", "retiring"]
    for secret in (world.provider_secret, new):
        body, headers = sign(secret, payload())
        assert post(client, world, body, headers).status_code == 200, "both work in the overlap"

    # The overlap ends: move the old secret's expiry into the past.
    refresh(session)
    old = session.exec(
        select(ProviderSecret).where(
            ProviderSecret.provider_id == world.provider.id,
            col(ProviderSecret.expires_at).is_not(None),
        )
    ).one()
    old.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    session.add(old)
    session.commit()
    body, headers = sign(world.provider_secret, payload())
    assert post(client, world, body, headers).status_code == 401, "the old one stops"
    body, headers = sign(new, payload())
    assert post(client, world, body, headers).status_code == 200, "the new one goes on"
    detail = client.get(f"/api/v1/providers/{world.provider.id}", headers=admin).json()
    assert [s["status"] for s in detail["secrets"]] == ["current"]
    assert new not in json.dumps(detail) and world.provider_secret not in json.dumps(detail)


def test_rotation_with_no_overlap_stops_the_old_secret_at_once(client, world):
    rotated = client.post(
        f"/api/v1/providers/{world.provider.id}/rotate-secret",
        headers=world.headers("admin"),
        json={"overlap_hours": 0},
    )
    body, headers = sign(world.provider_secret, payload())
    assert post(client, world, body, headers).status_code == 401
    body, headers = sign(rotated.json()["signing_secret"], payload())
    assert post(client, world, body, headers).status_code == 200


def test_an_unknown_type_is_accepted_and_recorded_as_ignored(client, world, session, received):
    seen, _ = received
    body, headers = sign(world.provider_secret, {"type": "cohort.created", "data": {"x": 1}})
    answer = post(client, world, body, headers)
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"
    assert seen == []
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.outcome == DeliveryOutcome.ignored and "cohort.created" in row.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (payload(data=course_date(title="")), "data.title"),
        (payload(data=course_date(participants=[{"trn": "12", "role": "mentor"}])), "trn"),
        (payload(data=course_date(audience="parents")), "data.audience"),
        (payload(data=course_date(starts_at="next tuesday")), "data.starts_at"),
        (payload(data=course_date(starts_at="2027-03-04T09:00:00")), "data.starts_at"),
        (payload(data="a string"), "data"),
        (payload(timestamp="not a time"), "timestamp"),
        ({"type": "deadline.updated", "data": course_date()}, "timestamp"),
        ([1, 2, 3], "JSON object"),
        ("not json at all", "not JSON"),
        ({"type": 5}, "JSON object"),
    ],
)
def test_invalid_data_for_a_known_type_is_422_and_recorded(
    client, world, session, received, body, reason
):
    seen, _ = received
    raw, headers = sign(world.provider_secret, body if isinstance(body, str) else json.dumps(body))
    answer = post(client, world, raw, headers)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert reason in answer.json()["detail"]
    assert seen == []
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.outcome == DeliveryOutcome.rejected and reason in row.reason
    assert answer.json()["delivery_id"] == str(row.id)


def test_a_handlers_invalid_item_rolls_back_its_effects_but_keeps_the_rejection(
    client, world, session, received
):
    _, behaviour = received
    behaviour.update(
        {"audit": True, "raise": InvalidItem("The course date ends before it starts.")}
    )
    body, headers = sign(world.provider_secret, payload())
    answer = post(client, world, body, headers)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "The course date ends before it starts."
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.outcome == DeliveryOutcome.rejected
    assert row.reason == "The course date ends before it starts."
    effects = session.exec(select(AuditEvent).where(AuditEvent.action == "test.effect")).all()
    assert effects == [], "the handler's writes rolled back"


def test_a_handler_that_breaks_leaves_a_failed_delivery_to_reprocess(
    client, world, session, received
):
    seen, behaviour = received
    behaviour.update({"audit": True, "raise": RuntimeError("bug")})
    body, headers = sign(world.provider_secret, payload())
    answer = post(client, world, body, headers)
    assert answer.status_code == 202 and answer.json()["outcome"] == "failed"
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.outcome == DeliveryOutcome.failed

    behaviour.clear()
    behaviour["effects"] = ["Added to 2 calendars"]
    admin = world.headers("admin")
    again = client.post(f"/api/v1/webhook-deliveries/{row.id}/reprocess", headers=admin)
    assert again.status_code == 200, again.text
    assert again.json()["outcome"] == "processed"
    assert again.json()["effects"] == ["Added to 2 calendars"]
    assert again.json()["can"]["reprocess"] is False
    assert len(seen) == 2
    once = client.post(f"/api/v1/webhook-deliveries/{row.id}/reprocess", headers=admin)
    assert once.status_code == 409
    assert len(seen) == 2


def test_an_older_update_is_handed_on_and_the_handler_ignores_it(client, world, session, received):
    """The version check belongs to the handler (training): the receiver hands every update on
    with its payload timestamp and records the handler's decision."""
    seen, behaviour = received
    newer = datetime.now(UTC)
    older = newer - timedelta(hours=1)
    body, headers = sign(
        world.provider_secret, payload("course_date.updated", timestamp=newer.isoformat())
    )
    assert post(client, world, body, headers).json()["outcome"] == "processed"
    behaviour["ignore"] = "An older update than the one stored; nothing changed."
    body, headers = sign(
        world.provider_secret, payload("course_date.updated", timestamp=older.isoformat())
    )
    answer = post(client, world, body, headers)
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"
    assert [e.sent_at for e in seen] == [newer, older]
    [row] = [d for d in deliveries(session) if d.webhook_id == headers["webhook-id"]]
    assert row.outcome == DeliveryOutcome.ignored and row.reason.startswith("An older update")


def test_effects_are_kept_in_the_log(client, world, received):
    _, behaviour = received
    behaviour["effects"] = ["Course date added for Mentor", "Unknown TRN 7654321"]
    body, headers = sign(world.provider_secret, payload())
    delivery_id = post(client, world, body, headers).json()["delivery_id"]
    detail = client.get(f"/api/v1/webhook-deliveries/{delivery_id}", headers=world.headers("admin"))
    assert detail.json()["effects"] == ["Course date added for Mentor", "Unknown TRN 7654321"]
    assert detail.json()["outcome"] == "processed"


def test_a_body_over_the_cap_is_413(client, world, session):
    before = stored_count(session)
    big = payload(data=course_date(location="x" * 100)) | {"padding": "x" * MAX_DELIVERY_BYTES}
    body, headers = sign(world.provider_secret, big)
    answer = post(client, world, body, headers)
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"

    def chunks():  # type: ignore[no-untyped-def]
        yield body[: len(body) // 2]
        yield body[len(body) // 2 :]

    streamed = client.post(
        webhook_path(world.provider.id),
        content=chunks(),
        headers={k: v for k, v in headers.items() if k != "content-length"},
    )
    assert streamed.status_code == 413
    assert stored_count(session) == before


def test_the_same_webhook_id_from_another_provider_is_its_own_delivery(client, world, session):
    created = client.post(
        "/api/v1/providers", headers=world.headers("admin"), json={"name": "B", "kind": "other"}
    ).json()
    body, headers = sign(world.provider_secret, payload(), msg_id="msg_shared")
    assert post(client, world, body, headers).json()["outcome"] == "processed"
    body, headers = sign(created["signing_secret"], payload(), msg_id="msg_shared")
    answer = post(client, world, body, headers, created["provider"]["id"])
    assert answer.json()["outcome"] == "processed"


def test_no_sign_in_is_needed_and_a_token_is_not_a_signature(client, world):
    body, headers = sign(world.provider_secret, payload())
    bearer = world.headers("admin")
    unsigned = {"content-type": "application/json"} | bearer
    assert post(client, world, body, unsigned).status_code == 401
    assert post(client, world, body, headers).status_code == 200
