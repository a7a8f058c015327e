"""Contract 4 as a provider meets it: `mentorhub serve` on a free loopback port over the test
run's own database (an SQLite file, or PostgreSQL when the tests run there), deliveries signed
with the standardwebhooks library and sent over HTTP, some of them at the same moment."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Barrier

import httpx
import pytest
from sqlmodel import Session, col, func, select

from api.audit.models import AuditEvent
from api.providers.models import DeliveryOutcome, Provider, ProviderSecret, WebhookDelivery
from api.providers.service import new_signing_secret
from api.training.models import ItemKind, TrainingItem
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL, refresh
from tests.helpers_providers import course_date, payload, sign, webhook_path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AT_ONCE = 20


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(database, real_clock, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The server, on the database the tests already migrated, on the real clock (it keeps real
    time, and signatures are checked against it); stopped by its process id."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("webhooks-live") / "server.log").open("w")
    env = dict(os.environ) | {"MENTORHUB_DATABASE_URL": TEST_DATABASE_URL}
    process = subprocess.Popen(  # noqa: S603  (our own command, no shell)
        [str(BIN / "mentorhub"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the server stopped; see {log.name}"
            assert time.monotonic() < deadline, "the server was not ready in 60 s"
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def http(server) -> Iterator[httpx.Client]:  # type: ignore[no-untyped-def]
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def _rows(session: Session, webhook_id: str | None = None) -> list[WebhookDelivery]:
    refresh(session)
    query = select(WebhookDelivery).order_by(col(WebhookDelivery.received_at))
    if webhook_id:
        query = query.where(WebhookDelivery.webhook_id == webhook_id)
    return list(session.exec(query))


def _stored(session: Session) -> tuple[int, int]:
    refresh(session)
    return (
        session.exec(select(func.count()).select_from(WebhookDelivery)).one(),
        session.exec(select(func.count()).select_from(AuditEvent)).one(),
    )


def test_the_database_is_the_one_the_run_uses(server):
    assert TEST_DATABASE_URL.startswith("postgresql") == IS_POSTGRES


def test_twenty_identical_deliveries_at_once_are_processed_once(server, world, session):
    body, headers = sign(world.provider_secret, payload(), msg_id="msg_at_once")
    url = server + webhook_path(world.provider.id)
    start = Barrier(AT_ONCE)

    def send(_: int) -> httpx.Response:
        with httpx.Client(timeout=30) as client:
            start.wait()
            return client.post(url, content=body, headers=headers)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        answers = list(pool.map(send, range(AT_ONCE)))
    assert [a.status_code for a in answers] == [200] * AT_ONCE, [a.text for a in answers]
    outcomes = sorted(a.json()["outcome"] for a in answers)
    assert outcomes == ["duplicate"] * (AT_ONCE - 1) + ["processed"]
    rows = _rows(session, "msg_at_once")
    processed = [r for r in rows if r.outcome == DeliveryOutcome.processed]
    assert len(processed) == 1 and len(rows) == AT_ONCE
    assert {r.duplicate_of for r in rows if r is not processed[0]} == {processed[0].id}


def test_deliveries_of_one_new_item_at_once_create_it_once_and_keep_the_newest(
    server, world, session
):
    """Different deliveries (each its own webhook-id, so none is a duplicate) of one item the
    receiver has not seen, sent at the same moment: one creates the item, the others update it
    or, when older than what is stored by then, change nothing. None fails."""
    url = server + webhook_path(world.provider.id)
    base = datetime.now(UTC) - timedelta(minutes=1)
    deliveries = [
        sign(
            world.provider_secret,
            payload(
                "course_date.created" if i == 0 else "course_date.updated",
                data=course_date("cd-race", title=f"Mentor training, version {i}"),
                timestamp=(base + timedelta(seconds=i)).isoformat(),
            ),
            msg_id=f"msg_race_{i}",
        )
        for i in range(AT_ONCE // 2)
    ]
    start = Barrier(len(deliveries))

    def send(i: int) -> httpx.Response:
        body, headers = deliveries[i]
        with httpx.Client(timeout=30) as client:
            start.wait()
            return client.post(url, content=body, headers=headers)

    with ThreadPoolExecutor(len(deliveries)) as pool:
        answers = list(pool.map(send, range(len(deliveries))))
    assert [a.status_code for a in answers] == [200] * len(deliveries), [a.text for a in answers]
    assert {a.json()["outcome"] for a in answers} <= {"processed", "ignored"}
    rows = [r for r in _rows(session) if r.webhook_id.startswith("msg_race_")]
    assert len(rows) == len(deliveries)
    assert [r.reason for r in rows if r.outcome == DeliveryOutcome.failed] == []
    assert {r.outcome for r in rows} <= {DeliveryOutcome.processed, DeliveryOutcome.ignored}
    [item] = session.exec(
        select(TrainingItem).where(
            TrainingItem.provider_id == world.provider.id,
            TrainingItem.kind == ItemKind.course_date,
            TrainingItem.external_id == "cd-race",
        )
    ).all()
    newest = len(deliveries) - 1
    assert item.title == f"Mentor training, version {newest}"
    assert item.version == base + timedelta(seconds=newest)
    assert item.cancelled_at is None


def test_stale_future_tampered_wrong_secret_and_garbled_are_401_with_nothing_stored(
    http, world, session
):
    before = _stored(session)
    now = datetime.now(UTC)
    body, good = sign(world.provider_secret, payload())
    attempts = {
        "stale": sign(
            world.provider_secret, payload(), when=now - timedelta(minutes=5, seconds=30)
        ),
        "future": sign(
            world.provider_secret, payload(), when=now + timedelta(minutes=5, seconds=30)
        ),
        "tampered": (body.replace(b"Mentor training", b"Mentor tr4ining"), good),
        "wrong secret": sign(new_signing_secret(), payload()),
        "garbled signature": (body, good | {"webhook-signature": "v1,,,=== v1"}),
        "garbled timestamp": (body, good | {"webhook-timestamp": "1e999"}),
        "garbled id": (body, good | {"webhook-id": ""}),
        "no headers": (body, {"content-type": "application/json"}),
    }
    for name, (attempt, headers) in attempts.items():
        answer = http.post(webhook_path(world.provider.id), content=attempt, headers=headers)
        assert answer.status_code == 401, (name, answer.text)
        assert answer.json()["detail"] == "The delivery could not be verified.", name
    for provider_id in ("nope", world.disabled_provider.id):
        answer = http.post(webhook_path(provider_id), content=body, headers=good)
        assert answer.status_code == 401
    assert _stored(session) == before
    # The good one still goes through afterwards.
    assert http.post(webhook_path(world.provider.id), content=body, headers=good).status_code == 200


def test_rotation_both_secrets_in_the_overlap_then_only_the_new(http, world, session):
    rotated = http.post(
        f"/api/v1/providers/{world.provider.id}/rotate-secret",
        headers=world.headers("admin"),
        json={"overlap_hours": 24},
    )
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["signing_secret"]
    for secret in (world.provider_secret, new):
        body, headers = sign(secret, payload())
        answer = http.post(webhook_path(world.provider.id), content=body, headers=headers)
        assert answer.status_code == 200, answer.text
    refresh(session)
    old = session.exec(
        select(ProviderSecret).where(
            ProviderSecret.provider_id == world.provider.id,
            col(ProviderSecret.expires_at).is_not(None),
        )
    ).one()
    old.expires_at = datetime.now(UTC) - timedelta(seconds=1)  # the overlap is over
    session.add(old)
    session.commit()
    body, headers = sign(world.provider_secret, payload())
    assert (
        http.post(webhook_path(world.provider.id), content=body, headers=headers).status_code == 401
    )
    body, headers = sign(new, payload())
    assert (
        http.post(webhook_path(world.provider.id), content=body, headers=headers).status_code == 200
    )


def test_an_older_update_after_a_newer_one_is_still_answered_2xx(http, world, session):
    newer = datetime.now(UTC)
    for when in (newer, newer - timedelta(hours=2)):
        body, headers = sign(
            world.provider_secret, payload("course_date.updated", timestamp=when.isoformat())
        )
        answer = http.post(webhook_path(world.provider.id), content=body, headers=headers)
        assert answer.status_code == 200, answer.text
    sent = [r.sent_at for r in _rows(session) if r.type == "course_date.updated"]
    assert sent == [newer, newer - timedelta(hours=2)]


def test_unknown_types_and_invalid_data_over_http(http, world, session):
    body, headers = sign(world.provider_secret, {"type": "cohort.created", "data": {}})
    answer = http.post(webhook_path(world.provider.id), content=body, headers=headers)
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"
    body, headers = sign(world.provider_secret, payload(data={"id": "x"}))
    answer = http.post(webhook_path(world.provider.id), content=body, headers=headers)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    [row] = _rows(session, headers["webhook-id"])
    assert row.outcome == DeliveryOutcome.rejected and "data.title" in (row.reason or "")


def test_a_disable_committed_elsewhere_stops_the_next_delivery(http, world, session):
    """The receiver reads the provider afresh on every delivery: a disable or an enable written
    by another process (here the test's own session) holds from the next delivery on."""

    def deliver() -> int:
        body, headers = sign(world.provider_secret, payload())
        return http.post(webhook_path(world.provider.id), content=body, headers=headers).status_code

    assert deliver() == 200
    refresh(session)
    provider = session.get(Provider, world.provider.id)
    assert provider is not None
    provider.disabled_at = datetime.now(UTC)
    session.add(provider)
    session.commit()
    before = _stored(session)
    assert deliver() == 401
    assert _stored(session) == before
    provider.disabled_at = None
    session.add(provider)
    session.commit()
    assert deliver() == 200
