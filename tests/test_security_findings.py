"""Attacks tried against the API, each as the requests an attacker (or a curious integrator)
would send, with the answer the API must give. docs/security.md maps them to the OWASP API
Security Top 10."""

import ast
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

import api
from api.audit import service as audit
from api.audit.models import AuditEvent
from api.org.models import Membership, Role, Trust, User
from tests.conftest import PASSWORD, refresh

TOKEN_URL = "/api/v1/auth/token"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _sign_in(client, email: str, password: str = PASSWORD) -> dict:  # type: ignore[no-untyped-def]
    response = client.post(
        TOKEN_URL, data={"grant_type": "password", "username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return response.json()


def _refresh(client, refresh_token: str):  # type: ignore[no-untyped-def]
    return client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": refresh_token}
    )


@pytest.fixture
def stopped_clock(monkeypatch):  # type: ignore[no-untyped-def]
    """Every clock the sign-in code reads shows one instant, so signing in, refreshing and
    changing a password all happen in the same second (and the same microsecond)."""
    instant = datetime.now(UTC)

    class Stopped(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return instant if tz else instant.replace(tzinfo=None)

    monkeypatch.setattr("api.auth.tokens.datetime", Stopped)
    monkeypatch.setattr("api.auth.service.utcnow", lambda: instant)
    return instant


# --- ending sessions is exact, whatever the clock ------------------------------------------------


def test_tokens_from_the_same_second_as_a_password_change_stop_working(
    client, world, stopped_clock
):
    signed_in = _sign_in(client, "mentor@example.org")
    # The attacker refreshes often, so always holds an access token minted moments ago.
    stolen = _refresh(client, signed_in["refresh_token"]).json()
    changed = client.post(
        "/api/v1/auth/password",
        headers=_bearer(signed_in["access_token"]),
        json={"current_password": PASSWORD, "new_password": "a-brand-new-password"},
    )
    assert changed.status_code == 204
    for token in (signed_in["access_token"], stolen["access_token"]):
        response = client.get("/api/v1/me", headers=_bearer(token))
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert _refresh(client, stolen["refresh_token"]).json()["error"] == "invalid_grant"
    # Signing in again with the new password, in that same second, works.
    fresh = _sign_in(client, "mentor@example.org", "a-brand-new-password")
    assert client.get("/api/v1/me", headers=_bearer(fresh["access_token"])).status_code == 200


def test_tokens_from_the_same_second_as_a_password_reset_stop_working(client, world, stopped_clock):
    mentee = _sign_in(client, "mentee@example.org")
    reset = client.post(
        f"/api/v1/users/{world.people['mentee'].id}/reset-password",
        headers=world.headers("lead"),
    )
    assert reset.status_code == 200
    assert client.get("/api/v1/me", headers=_bearer(mentee["access_token"])).status_code == 401
    assert _refresh(client, mentee["refresh_token"]).json()["error"] == "invalid_grant"


def test_a_refresh_token_from_before_a_password_change_cannot_mint_an_access_token(
    client, world, session
):
    """A refresh that read its token just before the change committed must not carry the old
    session into the new one: here the revocation is undone to stand for that moment."""
    from api.auth.models import RefreshToken

    signed_in = _sign_in(client, "mentor@example.org")
    client.post(
        "/api/v1/auth/password",
        headers=_bearer(signed_in["access_token"]),
        json={"current_password": PASSWORD, "new_password": "a-brand-new-password"},
    )
    refresh(session)
    for row in session.exec(select(RefreshToken)).all():
        row.revoked_at = None
        session.add(row)
    session.commit()
    minted = _refresh(client, signed_in["refresh_token"])
    assert minted.status_code == 400 and minted.json()["error"] == "invalid_grant"


def test_one_refresh_token_presented_twice_at_once_ends_its_family(client, world, session):
    """Two requests with one refresh token at the same moment: the one that read the token
    before the other spent it must still count as reuse, not mint a second session."""
    from api.auth import service as auth_service
    from api.auth.models import RefreshToken

    signed_in = _sign_in(client, "mentor@example.org")
    as_read = session.exec(select(RefreshToken)).one()  # this copy stays as read: unused
    session.commit()
    assert _refresh(client, signed_in["refresh_token"]).status_code == 200  # the other request
    assert as_read.used_at is None  # what this request saw, a moment before
    with pytest.raises(auth_service.OAuthFailure, match="already been used"):
        auth_service.refresh_grant(session, signed_in["refresh_token"])
    refresh(session)
    assert all(t.revoked_at is not None for t in session.exec(select(RefreshToken)).all())


def test_deactivating_someone_ends_their_sessions_for_good(client, world):
    mentee = _sign_in(client, "mentee@example.org")
    url = f"/api/v1/users/{world.people['mentee'].id}"
    lead = world.headers("lead")
    assert client.patch(url, headers=lead, json={"active": False}).status_code == 200
    assert client.patch(url, headers=lead, json={"active": True}).status_code == 200
    # Back in, but the access token from before stays dead.
    assert client.get("/api/v1/me", headers=_bearer(mentee["access_token"])).status_code == 401


# --- the audit log shows no more than the things it is about -------------------------------------


def _record_past_meeting(client, world):  # type: ignore[no-untyped-def]
    saved = client.put(
        f"/api/v1/meetings/{world.past_meeting.id}/record",
        headers=world.headers("mentor"),
        json={
            "status": "held",
            "notes": "Talked about sleep and stress",
            "targets_reviewed": "TS7 routines",
            "wellbeing_discussed": True,
            "actions": [
                {"text": "See the GP", "owner": "mentee"},
                {"text": "Book a rest day", "owner": "mentor"},
            ],
        },
    )
    assert saved.status_code == 200, saved.text


def test_audit_events_about_a_meeting_record_hold_none_of_its_content(client, world, session):
    _record_past_meeting(client, world)
    found = client.get(
        "/api/v1/audit-events",
        headers=world.headers("admin"),
        params={"action": "meeting.recorded", "object_id": str(world.past_meeting.id)},
    ).json()
    assert found["total"] == 1
    # The trust admin learns that the meeting was held and recorded, as the meeting shows them.
    assert found["items"][0]["changes"] == {"status": "held"}
    refresh(session)
    stored = session.exec(select(AuditEvent).where(AuditEvent.action == "meeting.recorded")).one()
    assert stored.changes == {"status": "held"}


def test_audit_events_about_agenda_items_and_actions_follow_the_record_rules(
    client, world, session
):
    mentee = world.headers("mentee")
    added = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/agenda-items",
        headers=mentee,
        json={"text": "Workload"},
    )
    assert added.status_code == 201
    ticked = client.patch(
        f"/api/v1/meeting-actions/{world.action.id}", headers=mentee, json={"done": True}
    )
    assert ticked.status_code == 200
    content_events = {"agenda_item.added", "action.updated"}

    admin = client.get("/api/v1/audit-events", headers=world.headers("admin")).json()
    assert not content_events & {e["action"] for e in admin["items"]}
    by_id = client.get(
        f"/api/v1/audit-events?object_id={world.action.id}", headers=world.headers("admin")
    )
    assert by_id.json()["total"] == 0

    # A trust admin who also leads the pair's school reads the record, so reads these too.
    session.add(
        Membership(
            user_id=world.people["admin"].id,
            trust_id=world.trust.id,
            role=Role.school_lead,
            school_id=world.school.id,
        )
    )
    session.commit()
    admin_and_lead = world.token("admin")
    leading = client.get("/api/v1/audit-events", headers=_bearer(admin_and_lead)).json()
    assert content_events <= {e["action"] for e in leading["items"]}


def test_restricted_columns_never_enter_the_audit_log(session, world):
    restricted = audit.restricted_field_names()
    # What a meeting record, an agenda item and an action say is restricted content.
    assert {"notes", "targets_reviewed", "wellbeing_discussed", "text"} <= restricted
    changes = {name: "something private" for name in restricted} | {
        "status": "held",
        "nested": {"notes": "private", "kept": 1},
        "rows": [{"text": "private", "kept": 2}],
    }
    event = audit.record(
        session,
        None,
        "test.written",
        object_type="meeting",
        object_id=uuid.uuid4(),
        trust_id=world.trust.id,
        changes=changes,
    )
    assert event.changes == {"status": "held", "nested": {"kept": 1}, "rows": [{"kept": 2}]}
    session.rollback()


# --- a lead sees their own school's part of a person --------------------------------------------


@pytest.fixture
def shared_mentor(world, session):  # type: ignore[no-untyped-def]
    """The mentor also observes at Riverside, the other school of the trust."""
    mentor = world.people["mentor"]
    session.add(
        Membership(
            user_id=mentor.id,
            trust_id=world.trust.id,
            role=Role.observer,
            school_id=world.other_school.id,
        )
    )
    session.commit()
    return mentor


def test_a_lead_sees_only_their_schools_roles_of_a_shared_person(client, world, shared_mentor):
    lead = world.headers("lead")
    listed = client.get("/api/v1/users", headers=lead).json()["items"]
    roles = next(u["roles"] for u in listed if u["id"] == str(shared_mentor.id))
    assert [(r["role"], r["school_id"]) for r in roles] == [("mentor", str(world.school.id))]
    one = client.get(f"/api/v1/users/{shared_mentor.id}", headers=lead)
    assert one.status_code == 200
    assert "Riverside" not in one.text and str(world.other_school.id) not in one.text
    # The trust admin sees the whole person.
    whole = client.get(f"/api/v1/users/{shared_mentor.id}", headers=world.headers("admin"))
    assert {r["school_name"] for r in whole.json()["roles"]} == {
        "Hillcrest Academy",
        "Riverside Primary",
    }


def test_people_filters_name_only_schools_whose_people_you_see(client, world, shared_mentor):
    lead = world.headers("lead")
    ids = [world.other_school.id, world.foreign_school.id, uuid.uuid4()]
    answers = [client.get("/api/v1/users", headers=lead, params={"school_id": str(i)}) for i in ids]
    assert [a.status_code for a in answers] == [404, 404, 404]
    # One answer for a school of the trust, another trust's school and no school at all.
    assert (
        len({a.json()["detail"].replace(str(i), "{id}") for a, i in zip(answers, ids, strict=True)})
        == 1
    )
    own = client.get("/api/v1/users", headers=lead, params={"school_id": str(world.school.id)})
    assert own.status_code == 200 and own.json()["total"] == 6
    # Filtering by a role matches only the roles held at the lead's schools.
    observers = client.get("/api/v1/users?role=observer", headers=lead).json()["items"]
    assert [u["email"] for u in observers] == ["observer@example.org"]


def test_a_lead_cannot_reach_a_shared_persons_role_at_another_school(
    client, world, session, shared_mentor
):
    elsewhere = session.exec(
        select(Membership).where(
            Membership.user_id == shared_mentor.id,
            Membership.school_id == world.other_school.id,
        )
    ).one()
    response = client.delete(
        f"/api/v1/users/{shared_mentor.id}/roles/{elsewhere.id}", headers=world.headers("lead")
    )
    assert response.status_code == 404
    assert str(world.other_school.id) not in response.text


# --- nothing about another trust can be learnt from an answer -------------------------------------


def test_a_trust_may_share_its_name_with_another_trust(client, world, session):
    renamed = client.patch(
        f"/api/v1/trusts/{world.trust.id}",
        headers=world.headers("admin"),
        json={"name": "Southern Trust"},
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Southern Trust"
    refresh(session)
    assert len(session.exec(select(Trust).where(Trust.name == "Southern Trust")).all()) == 2


def test_national_identifier_conflicts_name_no_other_trust(client, world):
    foreign_admin = world.people["foreign_admin"]
    answers = [
        client.post(
            "/api/v1/users",
            headers=world.headers("lead"),
            json={
                "email": foreign_admin.email,
                "full_name": "Someone",
                "roles": [{"role": "mentor", "school_id": str(world.school.id)}],
            },
        ),
        client.post(
            "/api/v1/users",
            headers=world.headers("lead"),
            json={
                "email": "someone.new@example.org",
                "full_name": "Someone",
                "trn": foreign_admin.trn,
                "roles": [{"role": "mentor", "school_id": str(world.school.id)}],
            },
        ),
        client.patch(
            f"/api/v1/schools/{world.school.id}",
            headers=world.headers("admin"),
            json={"urn": world.foreign_school.urn},
        ),
    ]
    for answer in answers:
        assert answer.status_code == 409
        for secret in ("Southern", "Seaside", "Foreign", str(world.foreign_school.id)):
            assert secret not in answer.text


def test_create_admin_refuses_a_trust_name_that_two_trusts_share(world, session):
    from api.cli import main

    name = world.trust.name
    session.add(Trust(name=name))
    session.commit()
    with pytest.raises(SystemExit, match="Several trusts are called Northern Trust"):
        main(["create-admin", "head@example.org", "--password", "pw-long-enough", "--trust", name])
    refresh(session)
    assert session.exec(select(User).where(User.email == "head@example.org")).first() is None


def test_list_filters_naming_what_you_cannot_see_answer_404(client, world):
    """An id in a filter is an id like any other: out of scope, it answers 404, the same as
    an id that does not exist."""
    riverside = world.headers("other_lead")
    for url, name in (
        ("/api/v1/pairings", "school_id"),
        ("/api/v1/meetings", "school_id"),
        ("/api/v1/meetings", "pairing_id"),
    ):
        hidden = world.pairing.id if name == "pairing_id" else world.school.id
        ids = [hidden, uuid.uuid4()] + ([world.foreign_school.id] if name == "school_id" else [])
        answers = [client.get(url, headers=riverside, params={name: str(i)}) for i in ids]
        assert {a.status_code for a in answers} == {404}, (url, name)
        details = {
            a.json()["detail"].replace(str(i), "{id}") for a, i in zip(answers, ids, strict=True)
        }
        assert len(details) == 1, details
    own = {"school_id": str(world.other_school.id)}
    assert client.get("/api/v1/pairings", headers=riverside, params=own).status_code == 200
    assert client.get("/api/v1/meetings", headers=riverside, params=own).status_code == 200
    pair = {"pairing_id": str(world.pairing.id)}
    assert (
        client.get("/api/v1/meetings", headers=world.headers("mentee"), params=pair).json()["total"]
        == 2
    )


def test_a_meeting_action_is_out_of_sight_for_whoever_cannot_read_the_record(
    client, world, session
):
    """Trust admins see that a meeting was recorded, not its actions: even the id of one answers
    as if it did not exist. (This admin also mentors at Riverside, so may tick actions off.)"""
    session.add(
        Membership(
            user_id=world.people["admin"].id,
            trust_id=world.trust.id,
            role=Role.mentor,
            school_id=world.other_school.id,
        )
    )
    session.commit()
    admin = world.headers("admin")
    hidden = client.patch(
        f"/api/v1/meeting-actions/{world.action.id}", headers=admin, json={"done": True}
    )
    unknown = client.patch(
        f"/api/v1/meeting-actions/{uuid.uuid4()}", headers=admin, json={"done": True}
    )
    assert hidden.status_code == unknown.status_code == 404
    # A lead of the school reads the record, so is told plainly that ticking is the pair's.
    lead = client.patch(
        f"/api/v1/meeting-actions/{world.action.id}",
        headers=world.headers("lead"),
        json={"done": True},
    )
    assert lead.status_code == 403


# --- the service calls out to nothing ------------------------------------------------------------

# Modules that open connections to other hosts. The database driver is the one exception, and
# its address comes from the settings, never from a request.
_OUTBOUND = {"httpx", "requests", "aiohttp", "urllib3", "urllib.request", "http.client"}
_OUTBOUND |= {"socket", "smtplib", "ftplib", "xmlrpc.client"}


def test_the_service_opens_no_outbound_connections():
    """Nothing a request carries (a link, a host) can make the server call out: no module of
    the service imports a network client. A feature that needs one is reviewed for request
    forgery first, and this list changes with it."""
    found = []
    for path in Path(api.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            found += [(path.name, n) for n in names if n in _OUTBOUND]
    assert found == []
