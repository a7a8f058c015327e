"""Invitation links: a lead (or an import) issues a one-time link; the person opens it, sees
their name, sets their own password and is signed in. Links are stored hashed, expire, work
once, are audited without the token, and a new one cancels the old."""

import hashlib
from datetime import timedelta

from sqlmodel import select

from api.audit.models import AuditEvent
from api.auth import ratelimit
from api.auth.models import Invitation
from api.core.models import utcnow
from api.org.models import Membership, Role, User
from tests.conftest import make_user, refresh
from tests.test_import import GOOD, HEADER

NEW_PASSWORD = "my-own-long-password"


def _issue(client, world, who="lead", person="spare_mentor"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/users/{world.people[person].id}/invitations", headers=world.headers(who)
    )


def _accept(client, token, password=NEW_PASSWORD, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/invitations/accept", json={"token": token, "new_password": password, **extra}
    )


def _sign_in(client, email, password):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )


def test_a_lead_issues_a_link_and_the_person_sets_their_password_and_is_signed_in(
    client, world, session
):
    person = world.people["spare_mentor"]
    issued = _issue(client, world)
    assert issued.status_code == 201, issued.text
    body = issued.json()
    token = body["token"]
    assert len(token) >= 22  # at least 128 random bits
    assert body["path"] == f"/welcome#{token}"
    assert body["full_name"] == person.full_name and body["email"] == person.email
    stored = session.exec(select(Invitation).where(Invitation.user_id == person.id)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(stored.model_dump())
    assert stored.expires_at - utcnow() > timedelta(days=13)

    opened = client.post("/api/v1/invitations/lookup", json={"token": token})
    assert opened.status_code == 200
    assert opened.json()["full_name"] == person.full_name
    assert opened.json()["email"] == person.email

    accepted = _accept(client, token)
    assert accepted.status_code == 200, accepted.text
    access = accepted.json()["access_token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"})
    assert me.json()["id"] == str(person.id) and me.json()["must_change_password"] is False
    assert _sign_in(client, person.email, NEW_PASSWORD).status_code == 200

    refresh(session)
    actions = [
        e.action
        for e in session.exec(
            select(AuditEvent)
            .where(AuditEvent.object_id == person.id)
            .order_by(AuditEvent.occurred_at)
        ).all()
    ]
    assert "invitation.issued" in actions and "invitation.used" in actions
    for event in session.exec(select(AuditEvent)).all():
        assert token not in str(event.changes)
        assert NEW_PASSWORD not in str(event.changes)


def test_a_link_works_once(client, world, session):
    token = _issue(client, world).json()["token"]
    assert _accept(client, token).status_code == 200
    again = _accept(client, token, password="another-long-password")
    assert again.status_code == 410
    assert again.headers["content-type"] == "application/problem+json"
    assert "already been used" in again.json()["detail"]
    assert _sign_in(client, world.people["spare_mentor"].email, NEW_PASSWORD).status_code == 200
    looked_up = client.post("/api/v1/invitations/lookup", json={"token": token})
    assert looked_up.status_code == 410


def test_an_expired_link_changes_nothing(client, world, session):
    token = _issue(client, world).json()["token"]
    stored = session.exec(select(Invitation)).one()
    stored.expires_at = utcnow() - timedelta(minutes=1)
    session.add(stored)
    session.commit()
    response = _accept(client, token)
    assert response.status_code == 410
    assert "expired" in response.json()["detail"] and "ask" in response.json()["detail"]
    assert _sign_in(client, world.people["spare_mentor"].email, NEW_PASSWORD).status_code == 400
    refresh(session)
    assert session.exec(select(Invitation)).one().used_at is None


def test_issuing_again_cancels_the_old_link(client, world, session):
    first = _issue(client, world).json()["token"]
    second = _issue(client, world).json()["token"]
    assert first != second
    old = _accept(client, first)
    assert old.status_code == 410 and "newer link" in old.json()["detail"]
    assert _accept(client, second).status_code == 200
    refresh(session)
    actions = [e.action for e in session.exec(select(AuditEvent)).all()]
    assert actions.count("invitation.issued") == 1 and actions.count("invitation.reissued") == 1


def test_an_unknown_or_malformed_token_is_refused_plainly(client):
    for token in ("x" * 43, "", "not a token"):
        response = _accept(client, token)
        assert 400 <= response.status_code < 500
        assert response.headers["content-type"] == "application/problem+json"
    unknown = client.post("/api/v1/invitations/lookup", json={"token": "y" * 43})
    assert unknown.status_code == 404
    assert "not recognised" in unknown.json()["detail"]


def test_a_weak_password_is_refused_and_the_link_still_works(client, world, session):
    token = _issue(client, world).json()["token"]
    weak = _accept(client, token, password="short")
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["field"] == "new_password"
    refresh(session)
    assert session.exec(select(Invitation)).one().used_at is None
    assert _accept(client, token).status_code == 200


def test_only_someone_who_manages_the_person_issues_a_link(client, world, session):
    hidden = _issue(client, world, who="other_lead")
    assert hidden.status_code == 404
    assert world.people["spare_mentor"].email not in hidden.text
    assert _issue(client, world, who="foreign_admin").status_code == 404
    assert _issue(client, world, who="mentor").status_code == 403
    assert _issue(client, world, who="admin").status_code == 201
    own = _issue(client, world, who="lead", person="lead")
    assert own.status_code == 409
    assert len(session.exec(select(Invitation)).all()) == 1


def test_a_deactivated_person_gets_no_link_and_their_link_stops_working(client, world, session):
    token = _issue(client, world).json()["token"]
    person = world.people["spare_mentor"]
    client.patch(
        f"/api/v1/users/{person.id}", headers=world.headers("lead"), json={"active": False}
    )
    assert _accept(client, token).status_code == 410
    assert _issue(client, world).status_code == 409


def test_guessing_tokens_is_rate_limited(client, world):
    ratelimit.reset_all()
    statuses = [
        client.post("/api/v1/invitations/lookup", json={"token": f"{n:043d}"}).status_code
        for n in range(40)
    ]
    assert statuses[0] == 404 and statuses[-1] == 429
    ratelimit.reset_all()


def test_people_list_shows_who_has_not_set_up_their_account(client, world, session):
    never = make_user(session, world.trust, "never_set_up")
    never.password_hash, never.must_change_password = None, True
    session.add(
        Membership(
            user_id=never.id, trust_id=world.trust.id, school_id=world.school.id, role=Role.observer
        )
    )
    session.commit()
    _issue(client, world)  # the spare mentor is invited (and already has a password)
    spare = world.people["spare_mentor"]
    spare.must_change_password = True
    session.add(spare)
    session.commit()
    listed = client.get(
        f"/api/v1/users?school_id={world.school.id}&limit=200", headers=world.headers("lead")
    ).json()["items"]
    status = {p["email"]: p["account_status"] for p in listed}
    assert status["never_set_up@example.org"] == "not_set_up"
    assert status["spare_mentor@example.org"] == "invited"
    assert status["mentor@example.org"] == "set_up"
    for wanted, emails in (
        ("not_set_up", {"never_set_up@example.org"}),
        ("invited", {"spare_mentor@example.org"}),
    ):
        filtered = client.get(
            f"/api/v1/users?account_status={wanted}", headers=world.headers("lead")
        ).json()["items"]
        assert {p["email"] for p in filtered} == emails


def test_a_lead_is_told_how_many_people_have_not_set_up_their_account(client, world, session):
    for key in ("new_one", "new_two"):
        user = make_user(session, world.trust, key, must_change=True)
        from api.org.models import Membership, Role

        session.add(
            Membership(
                user_id=user.id,
                trust_id=world.trust.id,
                school_id=world.school.id,
                role=Role.mentor,
            )
        )
    session.commit()
    todos = client.get("/api/v1/me/todos", headers=world.headers("lead")).json()["items"]
    setup = [t for t in todos if t["kind"] == "people.not_set_up"]
    assert [(t["text"], t["target_type"], t["target_id"]) for t in setup] == [
        (
            "2 people in Hillcrest Academy have not set up their account yet.",
            "school",
            str(world.school.id),
        )
    ]
    other = client.get("/api/v1/me/todos", headers=world.headers("other_lead")).json()["items"]
    assert [t for t in other if t["kind"] == "people.not_set_up"] == []


def test_an_import_issues_links_for_the_people_it_creates(client, world, session):
    done = client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run=false",
        headers=world.headers("lead") | {"content-type": "text/csv"},
        content=GOOD.encode(),
    )
    assert done.status_code == 200, done.text
    links = done.json()["invitations"]
    assert {i["email"] for i in links} == {
        "ann.lee@example.org",
        "ben.ode@example.org",
        "cat.ray@example.org",
    }
    ann = next(i for i in links if i["email"] == "ann.lee@example.org")
    assert ann["full_name"] == "Ann Lee" and ann["path"] == f"/welcome#{ann['token']}"
    assert _accept(client, ann["token"]).status_code == 200
    assert _sign_in(client, "ann.lee@example.org", NEW_PASSWORD).status_code == 200
    # A dry run issues nothing; a second import of the same people creates nobody to invite.
    dry = client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run=true",
        headers=world.headers("lead") | {"content-type": "text/csv"},
        content=(HEADER + "dan@example.org,Dan,,,observer,2026-09-01,,,,,,,,,,,\n").encode(),
    )
    assert dry.json()["invitations"] == []
    refresh(session)
    assert len(session.exec(select(Invitation)).all()) == 3
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "invitation.issued")).all()
    assert len(event) == 3
    assert all(ann["token"] not in str(e.changes) for e in event)
    user = session.exec(select(User).where(User.email == "cat.ray@example.org")).one()
    assert user.password_hash is None
