"""The audit log: written in the same transaction as every change, readable by trust admins,
and never changed or deleted."""

import pytest
from sqlmodel import select

from api.audit.models import AuditEvent


def test_writes_leave_events_with_actor_object_and_changes(client, world):
    client.post(
        "/api/v1/schools",
        headers=world.headers("admin"),
        json={"name": "Oak School", "urn": "100010", "phase": "primary"},
    )
    events = client.get(
        "/api/v1/audit-events?object_type=school", headers=world.headers("admin")
    ).json()["items"]
    assert events[0]["action"] == "school.created"
    assert events[0]["actor_id"] == str(world.people["admin"].id)
    assert events[0]["actor_kind"] == "user"
    assert events[0]["changes"]["urn"] == "100010"
    assert events[0]["occurred_at"].endswith("Z")


def test_failed_writes_leave_no_event(client, world, session):
    client.post(
        "/api/v1/schools",
        headers=world.headers("admin"),
        json={"name": "Dup", "urn": "100001", "phase": "primary"},
    )
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "school.created")).all() == []


def test_filters_and_trust_scoping(client, world):
    client.patch(
        f"/api/v1/schools/{world.school.id}",
        headers=world.headers("admin"),
        json={"name": "Renamed"},
    )
    admin = world.headers("admin")
    assert (
        client.get("/api/v1/audit-events?action=school.updated", headers=admin).json()["total"] == 1
    )
    assert client.get("/api/v1/audit-events?action=nothing", headers=admin).json()["total"] == 0
    by_object = client.get(f"/api/v1/audit-events?object_id={world.school.id}", headers=admin)
    assert by_object.json()["total"] == 1
    future = client.get("/api/v1/audit-events?since=2199-01-01T00:00:00Z", headers=admin)
    assert future.json()["total"] == 0
    naive = client.get("/api/v1/audit-events?since=2020-01-01T00:00:00", headers=admin)
    assert naive.status_code == 422
    other_trust = client.get("/api/v1/audit-events", headers=world.headers("foreign_admin"))
    assert other_trust.json()["total"] == 0


def test_passwords_and_secrets_never_reach_the_log(client, world, session):
    client.post(
        "/api/v1/auth/password",
        headers=world.headers("mentor"),
        json={"current_password": "correct-horse-battery", "new_password": "a-new-long-password"},
    )
    for event in session.exec(select(AuditEvent)).all():
        assert "a-new-long-password" not in str(event.changes)
        assert "correct-horse-battery" not in str(event.changes)


def test_events_cannot_be_changed_or_deleted(client, world, session):
    client.patch(
        f"/api/v1/schools/{world.school.id}",
        headers=world.headers("admin"),
        json={"name": "Renamed"},
    )
    event = session.exec(select(AuditEvent)).first()
    event.action = "tampered"
    session.add(event)
    with pytest.raises(RuntimeError, match="append-only"):
        session.flush()
    session.rollback()
    event = session.exec(select(AuditEvent)).first()
    session.delete(event)
    with pytest.raises(RuntimeError, match="append-only"):
        session.flush()
    session.rollback()


def test_events_name_their_actor(client, world):
    client.patch(
        f"/api/v1/schools/{world.school.id}",
        headers=world.headers("admin"),
        json={"name": "Renamed"},
    )
    event = client.get("/api/v1/audit-events", headers=world.headers("admin")).json()["items"][0]
    assert event["actor_name"] == "Admin"


def test_an_event_written_at_once_is_the_row_record_writes(world, session):
    """The hot paths' one-statement insert writes the same columns and values as `record`,
    restricted and secret-looking fields left out or redacted alike."""
    from datetime import UTC, datetime

    from api.audit import service as audit
    from api.auth.principals import Principal
    from api.core.logging import request_id_var
    from api.org.models import Role

    actor = Principal(
        kind="user",
        id=world.people["admin"].id,
        trust_id=world.trust.id,
        scopes=frozenset(),
    )
    changes = {
        "school_id": world.school.id,
        "when": datetime(2026, 12, 2, 10, 30, tzinfo=UTC),
        "outcome": Role.mentor,
        "signing_secret": "whsec_not-for-the-log",
        "token_hash": "abc",
        "note": "kept out",
        "nested": {"strengths": "restricted words", "ids": [world.school.id]},
        "count": 3,
    }
    token = request_id_var.set("req-audit-at-once")
    try:
        for actor_or_none, action in ((actor, "thing.one"), (None, "thing.two")):
            kept = audit.record(
                session,
                actor_or_none,
                action,
                object_type="school",
                object_id=world.school.id,
                trust_id=world.trust.id,
                changes=changes,
            )
            session.flush()
            written = audit.write(
                session,
                actor_or_none,
                action,
                object_type="school",
                object_id=world.school.id,
                trust_id=world.trust.id,
                changes=changes,
            )
            session.expire_all()
            by_orm = session.get(AuditEvent, kept.id)
            at_once = session.get(AuditEvent, written)
            assert by_orm is not None and at_once is not None
            columns = [c for c in AuditEvent.model_fields if c not in ("id", "occurred_at")]
            assert {c: getattr(at_once, c) for c in columns} == {
                c: getattr(by_orm, c) for c in columns
            }
            assert at_once.occurred_at >= by_orm.occurred_at
            assert at_once.request_id == "req-audit-at-once"
            assert "whsec_not-for-the-log" not in str(at_once.changes)
            assert "restricted words" not in str(at_once.changes)
    finally:
        request_id_var.reset(token)
    session.rollback()
