"""Health probes, settings that refuse unsafe secrets, and the command line."""

import json

import pytest
from pydantic import ValidationError
from sqlmodel import select

from api.cli import main
from api.config import DEFAULT_SECRET_KEY, Settings
from api.org.models import Membership, Role, TermDate, Trust, User


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "migrations": "at head"}


def test_readiness_fails_when_the_database_is_not_reachable(tmp_path):
    from sqlalchemy import create_engine

    from api.health.service import check_ready

    ready, checks = check_ready(create_engine(f"sqlite:///{tmp_path}/missing/dir/x.db"))
    assert ready is False and checks["database"].startswith("unreachable")
    fresh = create_engine(f"sqlite:///{tmp_path}/empty.db")
    ready, checks = check_ready(fresh)
    assert ready is False and "head is" in checks["migrations"]


@pytest.mark.parametrize("environment", ["production", "test"])
def test_default_or_short_secret_is_refused_outside_development(environment):
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment=environment, secret_key=DEFAULT_SECRET_KEY)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment=environment, secret_key="short")
    assert Settings(environment=environment, secret_key="k" * 40).secret_key == "k" * 40
    development = Settings(environment="development", secret_key=DEFAULT_SECRET_KEY)
    assert development.secret_key == DEFAULT_SECRET_KEY


def test_create_admin_creates_trust_and_admin_once(session, capsys):
    main(["create-admin", "Head@Example.org", "--password", "a-long-password", "--trust", "Oak"])
    user = session.exec(select(User).where(User.email == "head@example.org")).one()
    assert user.must_change_password is True
    membership = session.exec(select(Membership).where(Membership.user_id == user.id)).one()
    assert membership.role == Role.trust_admin
    assert session.get(Trust, user.trust_id).name == "Oak"
    with pytest.raises(SystemExit, match="already exists"):
        main(["create-admin", "head@example.org", "--password", "a-long-password"])
    with pytest.raises(SystemExit, match="at least"):
        main(["create-admin", "x@example.org", "--password", "short"])


def test_seed_demo_is_idempotent_and_prints_logins(session, capsys):
    main(["seed", "--demo"])
    out = capsys.readouterr().out
    for role in ("trust_admin", "school_lead", "mentor", "mentee", "observer"):
        assert role in out
    assert "mentorhub-demo" in out
    main(["seed", "--demo"])
    assert "already there" in capsys.readouterr().out
    assert len(session.exec(select(Trust)).all()) == 1
    assert len(session.exec(select(TermDate)).all()) == 3 * 6


def test_demo_logins_work(client, session):
    main(["seed", "--demo"])
    for email in ("admin", "lead", "mentor", "mentee", "observer"):
        response = client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": f"{email}@demo.mentorhub.test",
                "password": "mentorhub-demo",
            },
        )
        assert response.status_code == 200, email


def test_export_openapi_writes_the_spec(tmp_path):
    target = tmp_path / "spec.json"
    main(["export-openapi", "--output", str(target)])
    assert json.loads(target.read_text())["info"]["title"] == "MentorHub API"


def test_demo_mentoring_is_built_through_the_services(session):
    from api.audit.models import AuditEvent
    from api.core.models import utcnow
    from api.meetings.models import Meeting, MeetingRecord, MeetingStatus, ProtectedSlot
    from api.mentoring.models import MentoringAgreement, Pairing

    main(["seed", "--demo"])
    pairings = session.exec(select(Pairing)).all()
    assert len(pairings) == 2
    for pairing in pairings:
        [agreement] = session.exec(
            select(MentoringAgreement).where(MentoringAgreement.pairing_id == pairing.id)
        ).all()
        assert agreement.mentor_agreed_at and agreement.mentee_agreed_at
        assert (
            len(
                session.exec(
                    select(ProtectedSlot).where(ProtectedSlot.pairing_id == pairing.id)
                ).all()
            )
            == 1
        )
        past = session.exec(
            select(Meeting).where(Meeting.pairing_id == pairing.id, Meeting.starts_at < utcnow())
        ).all()
        held = [m for m in past if m.status == MeetingStatus.held]
        recorded = {r.meeting_id for r in session.exec(select(MeetingRecord)).all()}
        assert {m.id for m in held} <= recorded
        if len(past) >= 6:
            assert len([m for m in past if m.lost]) == 1
            assert len([m for m in past if m.moved_from is not None]) == 1
    actions = {e.action for e in session.exec(select(AuditEvent)).all()}
    # Each step was taken by a service, so each left its audit event.
    assert {"pairing.created", "agreement.agreed", "slot.created"} <= actions


def test_serve_runs_the_asked_number_of_workers_on_uvloop_and_httptools(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    main(["serve", "--port", "8123", "--workers", "3"])
    app, options = calls[0]
    assert app == "api.main:app" and options["workers"] == 3 and options["port"] == 8123
    with pytest.raises(SystemExit, match="reload"):
        main(["serve", "--reload", "--workers", "2"])
    # The server's fast event loop and HTTP parser are installed (uvicorn[standard]).
    import httptools  # noqa: F401
    import uvloop  # noqa: F401
