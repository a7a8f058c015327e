"""Schools, term dates, people and roles: rules and scoping."""

from sqlmodel import select

from api.audit.models import AuditEvent
from api.org.models import Membership, TermDate, User
from tests.conftest import refresh


def test_lists_are_scoped_and_paginated(client, world):
    admin = client.get("/api/v1/schools", headers=world.headers("admin")).json()
    assert admin["total"] == 2 and {s["urn"] for s in admin["items"]} == {"100001", "100002"}
    lead = client.get("/api/v1/schools", headers=world.headers("lead")).json()
    assert [s["urn"] for s in lead["items"]] == ["100001"]
    foreign = client.get("/api/v1/schools", headers=world.headers("foreign_admin")).json()
    assert [s["urn"] for s in foreign["items"]] == ["200001"]

    page = client.get("/api/v1/schools?limit=1&offset=1", headers=world.headers("admin")).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["offset"] == 1
    largest = client.get("/api/v1/schools?limit=200", headers=world.headers("admin")).json()
    assert largest["limit"] == 200
    too_many = client.get("/api/v1/schools?limit=201", headers=world.headers("admin"))
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "limit"
    assert client.get("/api/v1/schools?limit=0", headers=world.headers("admin")).status_code == 422


def test_the_trust_list_is_a_page_holding_only_your_own_trust(client, world):
    mine = client.get("/api/v1/trusts", headers=world.headers("mentee")).json()
    assert (mine["total"], mine["limit"], mine["offset"]) == (1, 50, 0)
    assert [t["id"] for t in mine["items"]] == [str(world.trust.id)]
    foreign = client.get("/api/v1/trusts", headers=world.headers("foreign_admin")).json()
    assert [t["name"] for t in foreign["items"]] == ["Southern Trust"]
    past_the_end = client.get("/api/v1/trusts?offset=1", headers=world.headers("admin")).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == 1
    assert client.get("/api/v1/trusts?limit=201", headers=world.headers("admin")).status_code == 422


def test_school_filters(client, world):
    headers = world.headers("admin")
    assert client.get("/api/v1/schools?q=hill", headers=headers).json()["total"] == 1
    assert client.get("/api/v1/schools?q=100002", headers=headers).json()["total"] == 1
    assert client.get("/api/v1/schools?phase=primary", headers=headers).json()["total"] == 1


def test_create_school_validates_and_refuses_duplicate_urn(client, world, session):
    headers = world.headers("admin")
    bad = client.post(
        "/api/v1/schools",
        headers=headers,
        json={"name": "X", "urn": "12345", "phase": "big", "timezone": "Mars/Base"},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"urn", "phase", "timezone"}
    duplicate = client.post(
        "/api/v1/schools",
        headers=headers,
        json={"name": "Copy", "urn": "200001", "phase": "primary"},
    )
    assert duplicate.status_code == 409 and "200001" in duplicate.json()["detail"]
    created = client.post(
        "/api/v1/schools",
        headers=headers,
        json={"name": "Brook School", "urn": "100009", "phase": "primary"},
    )
    assert created.status_code == 201 and created.json()["timezone"] == "Europe/London"
    assert created.json()["created_at"].endswith("Z")


def test_update_school_refuses_null_and_deactivates(client, world):
    headers = world.headers("admin")
    url = f"/api/v1/schools/{world.school.id}"
    assert client.patch(url, headers=headers, json={"name": None}).status_code == 422
    off = client.patch(url, headers=headers, json={"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    listed = client.get("/api/v1/schools?active=false", headers=headers).json()
    assert [s["id"] for s in listed["items"]] == [str(world.school.id)]


def test_terms_do_not_overlap_but_closures_may(client, world):
    url = f"/api/v1/schools/{world.school.id}/term-dates"
    headers = world.headers("lead")
    clash = client.post(
        url,
        headers=headers,
        json={"kind": "term", "name": "Extra", "starts_on": "2026-12-01", "ends_on": "2027-01-10"},
    )
    assert clash.status_code == 409 and "Autumn term" in clash.json()["detail"]
    backwards = client.post(
        url,
        headers=headers,
        json={"kind": "term", "name": "Back", "starts_on": "2027-02-01", "ends_on": "2027-01-10"},
    )
    assert backwards.status_code == 422
    half_term = client.post(
        url,
        headers=headers,
        json={
            "kind": "closure",
            "name": "Half-term",
            "starts_on": "2026-10-26",
            "ends_on": "2026-10-30",
        },
    )
    assert half_term.status_code == 201
    listed = client.get(url, headers=headers).json()
    assert [t["name"] for t in listed["items"]] == ["Autumn term", "Half-term"]


def test_term_date_update_cannot_end_before_it_starts(client, world):
    url = f"/api/v1/term-dates/{world.term.id}"
    response = client.patch(url, headers=world.headers("lead"), json={"ends_on": "2026-01-01"})
    assert response.status_code == 409
    assert (
        client.get(
            f"/api/v1/schools/{world.school.id}/term-dates", headers=world.headers("lead")
        ).json()["items"][0]["ends_on"]
        == "2026-12-18"
    )


def test_copy_term_dates_is_all_or_nothing(client, world, session):
    # The foreign school is not the admin's; a school of theirs with a clashing term is.
    session.add(
        TermDate(
            school_id=world.other_school.id,
            kind="term",
            name="Own autumn",
            starts_on=world.term.starts_on,
            ends_on=world.term.ends_on,
        )
    )
    session.commit()
    url = f"/api/v1/schools/{world.school.id}/term-dates/copy"
    headers = world.headers("admin")
    clash = client.post(
        url, headers=headers, json={"target_school_ids": [str(world.other_school.id)]}
    )
    assert clash.status_code == 409
    replaced = client.post(
        url,
        headers=headers,
        json={"target_school_ids": [str(world.other_school.id)], "replace": True},
    )
    assert replaced.status_code == 200 and replaced.json()["copied"] == 1
    names = session.exec(
        select(TermDate.name).where(TermDate.school_id == world.other_school.id)
    ).all()
    assert names == ["Autumn term"]
    foreign = client.post(
        url, headers=headers, json={"target_school_ids": [str(world.foreign_school.id)]}
    )
    assert foreign.status_code == 404


def test_create_user_shows_initial_password_once_and_enforces_uniqueness(client, world, session):
    headers = world.headers("lead")
    body = {
        "email": "New.Teacher@Example.org",
        "full_name": "New Teacher",
        "trn": "7654321",
        "roles": [{"role": "mentee", "school_id": str(world.school.id)}],
    }
    created = client.post("/api/v1/users", headers=headers, json=body)
    assert created.status_code == 201
    password = created.json()["initial_password"]
    assert len(password) >= 12
    assert created.json()["user"]["email"] == "new.teacher@example.org"
    assert created.json()["user"]["must_change_password"] is True
    user_id = created.json()["user"]["id"]
    assert "initial_password" not in client.get(f"/api/v1/users/{user_id}", headers=headers).json()

    same_email = client.post(
        "/api/v1/users",
        headers=headers,
        json=body | {"email": "NEW.TEACHER@example.org", "trn": None},
    )
    assert same_email.status_code == 409
    same_trn = client.post(
        "/api/v1/users", headers=headers, json=body | {"email": "other@example.org"}
    )
    assert same_trn.status_code == 409 and "7654321" in same_trn.json()["detail"]
    bad_trn = client.post(
        "/api/v1/users", headers=headers, json=body | {"email": "x@example.org", "trn": "12AB"}
    )
    assert bad_trn.status_code == 422

    signed_in = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "new.teacher@example.org",
            "password": password,
        },
    )
    assert signed_in.status_code == 200
    events = session.exec(select(AuditEvent).where(AuditEvent.action == "user.created")).all()
    assert events and password not in str(events[0].changes)


def test_leads_cannot_grant_roles_beyond_their_school_or_make_admins(client, world):
    headers = world.headers("lead")
    elsewhere = client.post(
        "/api/v1/users",
        headers=headers,
        json={
            "email": "a@example.org",
            "full_name": "A",
            "roles": [{"role": "mentor", "school_id": str(world.other_school.id)}],
        },
    )
    assert elsewhere.status_code == 404
    admin = client.post(
        "/api/v1/users",
        headers=headers,
        json={"email": "b@example.org", "full_name": "B", "roles": [{"role": "trust_admin"}]},
    )
    assert admin.status_code == 403
    mismatched = client.post(
        "/api/v1/users",
        headers=headers,
        json={"email": "c@example.org", "full_name": "C", "roles": [{"role": "mentor"}]},
    )
    assert mismatched.status_code == 422


def test_lead_cannot_change_someone_with_roles_at_other_schools(client, world, session):
    mentor = world.people["mentor"]
    session.add(
        Membership(
            user_id=mentor.id,
            trust_id=world.trust.id,
            role="mentor",
            school_id=world.other_school.id,
        )
    )
    session.commit()
    response = client.patch(
        f"/api/v1/users/{mentor.id}", headers=world.headers("lead"), json={"full_name": "Changed"}
    )
    assert response.status_code == 403
    assert (
        client.patch(
            f"/api/v1/users/{mentor.id}",
            headers=world.headers("admin"),
            json={"full_name": "Changed"},
        ).status_code
        == 200
    )


def test_deactivate_ends_sessions_and_protects_the_last_admin(client, world, session):
    mentee = world.people["mentee"]
    tokens = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": mentee.email,
            "password": "correct-horse-battery",
        },
    ).json()
    off = client.patch(
        f"/api/v1/users/{mentee.id}", headers=world.headers("lead"), json={"active": False}
    )
    assert off.status_code == 200 and off.json()["active"] is False
    assert (
        client.get(
            "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        ).status_code
        == 401
    )
    assert (
        client.post(
            "/api/v1/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        ).status_code
        == 400
    )

    admin = world.people["admin"]
    self_off = client.patch(
        f"/api/v1/users/{admin.id}", headers=world.headers("admin"), json={"active": False}
    )
    assert self_off.status_code == 409
    membership = world.memberships["admin"]
    last = client.delete(
        f"/api/v1/users/{admin.id}/roles/{membership.id}", headers=world.headers("admin")
    )
    assert last.status_code == 409


def test_reset_password_forces_a_change(client, world, session):
    mentee = world.people["mentee"]
    reset = client.post(f"/api/v1/users/{mentee.id}/reset-password", headers=world.headers("lead"))
    assert reset.status_code == 200
    refresh(session)
    assert session.get(User, mentee.id).must_change_password is True
    assert (
        client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": mentee.email,
                "password": reset.json()["initial_password"],
            },
        ).status_code
        == 200
    )


def test_nobody_resets_their_own_password_past_the_current_password_check(client, world, session):
    # A stolen access token must not be enough to take the account over with a new password.
    for who in ("admin", "lead"):
        me = world.people[who]
        own = client.post(f"/api/v1/users/{me.id}/reset-password", headers=world.headers(who))
        assert own.status_code == 409
        assert "/api/v1/auth/password" in own.json()["detail"]
        refresh(session)
        assert session.get(User, me.id).must_change_password is False
        assert client.get("/api/v1/me", headers=world.headers(who)).status_code == 200


def test_a_demo_person_saves_back_unchanged(client, world):
    # The demo's addresses are under .test, the name reserved for testing.
    person = world.people["spare_mentor"]
    body = {"email": "sarah.evans@demo.mentorhub.test", "full_name": person.full_name}
    saved = client.patch(f"/api/v1/users/{person.id}", headers=world.headers("admin"), json=body)
    assert saved.status_code == 200
    again = client.patch(f"/api/v1/users/{person.id}", headers=world.headers("admin"), json=body)
    assert again.status_code == 200 and again.json()["email"] == body["email"]
    invalid = client.patch(
        f"/api/v1/users/{person.id}", headers=world.headers("admin"), json={"email": "a@b@c.org"}
    )
    assert invalid.status_code == 422


def test_roles_are_added_once_and_removed(client, world):
    mentee = world.people["mentee"]
    url = f"/api/v1/users/{mentee.id}/roles"
    body = {"role": "observer", "school_id": str(world.school.id)}
    added = client.post(url, headers=world.headers("lead"), json=body)
    assert added.status_code == 201
    assert client.post(url, headers=world.headers("lead"), json=body).status_code == 409
    roles = client.get(f"/api/v1/users/{mentee.id}", headers=world.headers("lead")).json()["roles"]
    assert {r["role"] for r in roles} == {"mentee", "observer"}
    removed = client.delete(f"{url}/{added.json()['id']}", headers=world.headers("lead"))
    assert removed.status_code == 204
    missing = client.delete(f"{url}/{added.json()['id']}", headers=world.headers("lead"))
    assert missing.status_code == 404


def test_user_filters(client, world):
    headers = world.headers("admin")
    by_role = client.get("/api/v1/users?role=observer", headers=headers).json()
    assert [u["email"] for u in by_role["items"]] == ["observer@example.org"]
    by_school = client.get(
        f"/api/v1/users?school_id={world.other_school.id}", headers=headers
    ).json()
    assert [u["email"] for u in by_school["items"]] == ["other_lead@example.org"]
    by_q = client.get("/api/v1/users?q=OBSERV", headers=headers).json()
    assert by_q["total"] == 1
    lead_view = client.get("/api/v1/users", headers=world.headers("lead")).json()
    assert {u["email"] for u in lead_view["items"]} == {
        "lead@example.org",
        "mentor@example.org",
        "mentee@example.org",
        "observer@example.org",
        "spare_mentor@example.org",
        "spare_mentee@example.org",
    }


def test_integration_clients_secret_once_and_revoke(client, world):
    headers = world.headers("admin")
    created = client.post(
        "/api/v1/integration-clients",
        headers=headers,
        json={
            "name": "SIMS",
            "scopes": ["observations:read"],
            "school_ids": [str(world.school.id)],
        },
    )
    assert created.status_code == 201
    secret = created.json()["client_secret"]
    client_id = created.json()["client"]["id"]
    shown = client.get(f"/api/v1/integration-clients/{client_id}", headers=headers).json()
    assert secret not in str(shown)
    bad_scope = client.post(
        "/api/v1/integration-clients",
        headers=headers,
        json={"name": "X", "scopes": ["users:write"], "school_ids": [str(world.school.id)]},
    )
    assert bad_scope.status_code == 422
    past = client.post(
        "/api/v1/integration-clients",
        headers=headers,
        json={
            "name": "X",
            "scopes": ["org:read"],
            "school_ids": [str(world.school.id)],
            "expires_at": "2001-01-01T00:00:00Z",
        },
    )
    assert past.status_code == 409
    naive = client.post(
        "/api/v1/integration-clients",
        headers=headers,
        json={
            "name": "X",
            "scopes": ["org:read"],
            "school_ids": [str(world.school.id)],
            "expires_at": "2030-01-01T00:00:00",
        },
    )
    assert naive.status_code == 422

    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    ).json()
    assert token["scope"] == "observations:read"
    revoked = client.post(f"/api/v1/integration-clients/{client_id}/revoke", headers=headers)
    assert revoked.json()["revoked_at"] is not None
    assert (
        client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": secret,
            },
        ).status_code
        == 401
    )


def test_the_term_dates_list_is_paged_like_every_list(client, world):
    url = f"/api/v1/schools/{world.school.id}/term-dates"
    headers = world.headers("lead")
    inset = {"kind": "closure", "name": "INSET", "starts_on": "2026-11-02", "ends_on": "2026-11-02"}
    assert client.post(url, headers=headers, json=inset).status_code == 201
    listed = client.get(url, headers=headers).json()
    assert set(listed) == {"items", "total", "limit", "offset"}
    assert [t["name"] for t in listed["items"]] == ["Autumn term", "INSET"]
    assert (listed["total"], listed["limit"], listed["offset"]) == (2, 50, 0)
    second = client.get(url, headers=headers, params={"limit": 1, "offset": 1}).json()
    assert [t["name"] for t in second["items"]] == ["INSET"] and second["total"] == 2


def test_overlapping_terms_name_the_field_they_concern(client, world):
    clash = client.post(
        f"/api/v1/schools/{world.school.id}/term-dates",
        headers=world.headers("lead"),
        json={"kind": "term", "name": "Extra", "starts_on": "2026-12-01", "ends_on": "2027-01-10"},
    )
    assert clash.status_code == 409
    assert clash.json()["errors"][0]["field"] == "starts_on"
