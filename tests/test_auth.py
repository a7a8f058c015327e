"""Sign-in: the three grants, refresh rotation and reuse, sign-out, password change, rate limits
and the access-token checks."""

import base64
import time
from datetime import UTC, datetime, timedelta

import pytest
from jose import jwt
from sqlmodel import col, delete, select

from api.audit.models import AuditEvent
from api.auth import passwords
from api.auth.models import ApiClientSchool, RefreshToken
from api.config import get_settings
from tests.conftest import PASSWORD, make_user, refresh

TOKEN_URL = "/api/v1/auth/token"


def sign_in(client, email, password=PASSWORD, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        TOKEN_URL, data={"grant_type": "password", "username": email, "password": password, **extra}
    )


def test_password_grant_issues_a_bearer_jwt_and_refresh_token(client, world):
    response = sign_in(client, "Mentor@Example.org")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == get_settings().access_token_minutes * 60
    assert body["refresh_token"].startswith("mhr_")
    assert "org:read" in body["scope"].split()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["email"] == "mentor@example.org"


def test_unknown_user_and_wrong_password_get_the_same_answer_and_the_same_work(
    client, world, monkeypatch
):
    calls = []
    real_verify = passwords._hasher.verify
    monkeypatch.setattr(
        passwords._hasher, "verify", lambda *a, **k: calls.append(1) or real_verify(*a, **k)
    )
    wrong = sign_in(client, "mentor@example.org", "not-the-password")
    unknown = sign_in(client, "nobody@example.org", "not-the-password")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"] == "invalid_grant"
    # Both paths run one argon2 verification, so neither is measurably faster.
    assert len(calls) == 2


def test_inactive_account_cannot_sign_in(client, world, session):
    user = world.people["mentor"]
    user.active = False
    session.add(user)
    session.commit()
    assert sign_in(client, user.email).json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "invalid_request"),
        ({"grant_type": "password", "username": "x@example.org"}, "invalid_request"),
        ({"grant_type": "authorization_code", "code": "x"}, "unsupported_grant_type"),
        ({"grant_type": "refresh_token"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "mhr_nope"}, "invalid_grant"),
    ],
)
def test_token_errors_follow_rfc_6749(client, world, data, error):
    response = client.post(TOKEN_URL, data=data)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == error
    assert response.json()["status"] == 400


def test_refresh_rotates_and_reuse_revokes_the_whole_family(client, world, session):
    first = sign_in(client, "mentor@example.org").json()["refresh_token"]
    rotated = client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first

    reuse = client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": first})
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    # The newer token, issued from the same sign-in, is revoked along with it.
    after = client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": second})
    assert after.status_code == 400
    refresh(session)
    tokens = session.exec(select(RefreshToken)).all()
    assert tokens and all(t.revoked_at is not None for t in tokens)


def test_reuse_does_not_touch_other_sign_ins(client, world):
    laptop = sign_in(client, "mentor@example.org").json()["refresh_token"]
    phone = sign_in(client, "mentor@example.org").json()["refresh_token"]
    client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": laptop})
    client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": laptop})
    still = client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": phone})
    assert still.status_code == 200


def test_cookie_transport_keeps_the_refresh_token_out_of_the_body(client, world):
    response = sign_in(client, "mentor@example.org", token_transport="cookie")
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    cookie = response.headers["set-cookie"]
    assert "mentorhub_refresh=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie

    refreshed = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "token_transport": "cookie"}
    )
    assert refreshed.status_code == 200
    assert "refresh_token" not in refreshed.json()

    token = refreshed.json()["access_token"]
    out = client.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert out.status_code == 204
    again = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "token_transport": "cookie"}
    )
    assert again.status_code == 400


def test_logout_revokes_the_refresh_token_sent_in_the_body(client, world):
    tokens = sign_in(client, "lead@example.org").json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (
        client.post(
            "/api/v1/auth/logout", headers=headers, json={"refresh_token": tokens["refresh_token"]}
        ).status_code
        == 204
    )
    refresh = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert refresh.json()["error"] == "invalid_grant"


def test_client_credentials_by_basic_and_by_form(client, world):
    basic = base64.b64encode(f"{world.api_client.id}:{world.api_client_secret}".encode()).decode()
    by_basic = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert by_basic.status_code == 200
    assert set(by_basic.json()["scope"].split()) == {"org:read", "observations:read"}
    assert "refresh_token" not in by_basic.json()

    by_form = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": str(world.api_client.id),
            "client_secret": world.api_client_secret,
            "scope": "observations:read",
        },
    )
    assert by_form.status_code == 200 and by_form.json()["scope"] == "observations:read"
    schools = client.get(
        "/api/v1/schools", headers={"Authorization": f"Bearer {by_basic.json()['access_token']}"}
    )
    assert [s["id"] for s in schools.json()["items"]] == [str(world.school.id)]


def test_client_credentials_refusals(client, world, session):
    def grant(**data):  # type: ignore[no-untyped-def]
        return client.post(
            TOKEN_URL,
            data={
                "grant_type": "client_credentials",
                "client_id": str(world.api_client.id),
                **data,
            },
        )

    wrong = grant(client_secret="mhs_wrong")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert wrong.headers["www-authenticate"] == "Basic"
    assert (
        grant(client_secret=world.api_client_secret, scope="users:write").json()["error"]
        == "invalid_scope"
    )

    token = grant(client_secret=world.api_client_secret).json()["access_token"]
    world.api_client.revoked_at = datetime.now(UTC)
    session.add(world.api_client)
    session.commit()
    assert grant(client_secret=world.api_client_secret).status_code == 401
    # A token issued before the revocation stops working at once.
    used = client.get("/api/v1/schools", headers={"Authorization": f"Bearer {token}"})
    assert used.status_code == 401


def _forge(claims_update=None, drop=(), key=None, algorithm="HS256"):  # type: ignore[no-untyped-def]
    settings = get_settings()
    now = int(time.time())
    claims = {
        "sub": "00000000-0000-0000-0000-000000000000",
        "kind": "user",
        "iat": now,
        "exp": now + 300,
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "sv": 0,  # the account's session version: none of these accounts has ended a session
    }
    claims.update(claims_update or {})
    for name in drop:
        claims.pop(name)
    return jwt.encode(claims, key or settings.secret_key, algorithm=algorithm)


def _unsigned(claims_token: str) -> str:
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    payload = claims_token.split(".")[1]
    return f"{header}.{payload}."


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda sub: _unsigned(_forge({"sub": sub})), id="alg-none"),
        pytest.param(lambda sub: _forge({"sub": sub}, algorithm="HS512"), id="wrong-algorithm"),
        pytest.param(lambda sub: _forge({"sub": sub}, key="x" * 48), id="bad-signature"),
        pytest.param(lambda sub: _forge({"sub": sub, "exp": int(time.time()) - 5}), id="expired"),
        pytest.param(lambda sub: _forge({"sub": sub}, drop=("exp",)), id="no-exp"),
        pytest.param(lambda sub: _forge({"sub": sub}, drop=("iat",)), id="no-iat"),
        pytest.param(lambda sub: _forge({"sub": sub, "aud": "another-api"}), id="wrong-audience"),
        pytest.param(lambda sub: _forge({"sub": sub, "iss": "someone-else"}), id="wrong-issuer"),
        pytest.param(lambda sub: _forge({"sub": sub}, drop=("sv",)), id="no-session-version"),
        pytest.param(lambda sub: _forge({"sub": sub, "sv": 1}), id="other-session-version"),
        pytest.param(lambda sub: _forge({"sub": sub, "sv": "0"}), id="session-version-as-text"),
        pytest.param(lambda sub: "not.a.jwt", id="garbage"),
    ],
)
def test_bad_access_tokens_get_401(client, world, make_token):
    good = _forge({"sub": str(world.people["mentor"].id)})
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {good}"}).status_code == 200
    token = make_token(str(world.people["mentor"].id))
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"


def test_a_token_accepted_before_stops_working_when_it_expires(client, world, monkeypatch):
    """A verified token is kept between requests; its expiry is still checked on every one."""
    from api.auth import tokens

    token = _forge({"sub": str(world.people["mentor"].id), "exp": int(time.time()) + 60})
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    later = time.time() + 61
    monkeypatch.setattr(tokens.time, "time", lambda: later)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_token_accepted_before_stops_working_when_the_key_changes(client, world, monkeypatch):
    token = _forge({"sub": str(world.people["mentor"].id)})
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    monkeypatch.setattr(get_settings(), "secret_key", "k" * 48)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_missing_token_gets_401(client, world):
    response = client.get("/api/v1/schools")
    assert response.status_code == 401
    assert response.json()["type"].endswith("/unauthorized")


def test_password_grant_is_rate_limited_per_username(client, world):
    limit = int(get_settings().token_rate_limit_per_username.split("/")[0])
    for _ in range(limit):
        assert sign_in(client, "mentor@example.org", "wrong-password").status_code == 400
    blocked = sign_in(client, "mentor@example.org", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1
    assert blocked.headers["content-type"] == "application/problem+json"
    # Another account from the same address is not locked out by it.
    assert sign_in(client, "lead@example.org").status_code == 200


def test_token_endpoint_is_rate_limited_per_address(client, world):
    limit = int(get_settings().token_rate_limit_per_address.split("/")[0])
    guess = {"grant_type": "client_credentials", "client_id": str(world.api_client.id)}
    for index in range(limit):
        client.post(TOKEN_URL, data=guess | {"client_secret": f"guess-{index}"})
    blocked = client.post(TOKEN_URL, data=guess | {"client_secret": world.api_client_secret})
    assert blocked.status_code == 429 and "retry-after" in blocked.headers
    # Refreshing a session is not a guess, and is not held up by it.
    refresh = client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": "x"})
    assert refresh.status_code == 400


def test_first_sign_in_must_change_the_password(client, world, session):
    newcomer = make_user(session, world.trust, "newcomer", must_change=True)
    session.commit()
    from api.org.models import Membership, Role

    session.add(
        Membership(
            user_id=newcomer.id,
            trust_id=world.trust.id,
            role=Role.mentor,
            school_id=world.school.id,
        )
    )
    session.commit()
    token = sign_in(client, newcomer.email).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).json()["must_change_password"] is True
    blocked = client.get("/api/v1/schools", headers=headers)
    assert blocked.status_code == 403
    assert blocked.json()["type"].endswith("/password-change-required")

    weak = client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "short"},
    )
    assert weak.status_code == 422 and weak.json()["errors"][0]["field"] == "new_password"
    wrong = client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": "nope", "new_password": "a-long-new-password"},
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"

    changed = client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "a-long-new-password"},
    )
    assert changed.status_code == 204
    assert sign_in(client, newcomer.email).status_code == 400
    fresh = sign_in(client, newcomer.email, "a-long-new-password").json()["access_token"]
    schools = client.get("/api/v1/schools", headers={"Authorization": f"Bearer {fresh}"})
    assert schools.status_code == 200


def test_password_change_ends_older_sessions(client, world):
    old = sign_in(client, "mentor@example.org").json()
    headers = {"Authorization": f"Bearer {old['access_token']}"}
    client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "another-long-password"},
    )
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    refresh = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": old["refresh_token"]}
    )
    assert refresh.status_code == 400


def test_no_password_is_stored_or_logged_in_clear(client, world, session, caplog):
    caplog.set_level("DEBUG")
    sign_in(client, "mentor@example.org")
    refresh(session)
    stored = session.get(type(world.people["mentor"]), world.people["mentor"].id)
    assert stored.password_hash.startswith("$argon2")
    assert PASSWORD not in caplog.text


def test_refresh_token_expiry(client, world, session):
    refresh = sign_in(client, "mentor@example.org").json()["refresh_token"]
    for row in session.exec(select(RefreshToken)).all():
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        session.add(row)
    session.commit()
    response = client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert response.json()["error"] == "invalid_grant"
    assert "expired" in response.json()["error_description"]


def test_refresh_token_reuse_is_audited(client, world, session):
    first = sign_in(client, "mentor@example.org").json()["refresh_token"]
    client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": first})
    client.post(TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": first})
    refresh(session)
    events = session.exec(select(AuditEvent).where(AuditEvent.action == "refresh_token.reused"))
    assert [e.object_id for e in events] == [world.people["mentor"].id]


def test_a_removed_role_or_a_deactivation_counts_on_the_very_next_request(client, world):
    lead = world.people["lead"]
    headers = world.headers("lead")  # the same token throughout
    assert client.get("/api/v1/users", headers=headers).status_code == 200
    removed = client.delete(
        f"/api/v1/users/{lead.id}/roles/{world.memberships['lead'].id}",
        headers=world.headers("admin"),
    )
    assert removed.status_code == 204
    assert client.get("/api/v1/users", headers=headers).status_code == 403
    assert client.get("/api/v1/me", headers=headers).json()["roles"] == []

    mentor_headers = world.headers("mentor")
    assert client.get("/api/v1/meetings", headers=mentor_headers).status_code == 200
    client.patch(
        f"/api/v1/users/{world.people['mentor'].id}",
        headers=world.headers("admin"),
        json={"active": False},
    )
    assert client.get("/api/v1/meetings", headers=mentor_headers).status_code == 401


def test_a_client_loses_a_school_or_a_scope_on_the_very_next_request(client, world, session):
    token = client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": str(world.api_client.id),
            "client_secret": world.api_client_secret,
        },
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}  # the same token throughout
    schools = client.get("/api/v1/schools", headers=headers)
    assert [s["id"] for s in schools.json()["items"]] == [str(world.school.id)]

    session.exec(
        delete(ApiClientSchool).where(col(ApiClientSchool.client_id) == world.api_client.id)
    )
    session.commit()
    assert client.get("/api/v1/schools", headers=headers).json()["items"] == []

    world.api_client.scopes = ["observations:read"]
    session.add(world.api_client)
    session.commit()
    assert client.get("/api/v1/schools", headers=headers).status_code == 403


def test_json_sent_to_the_token_endpoint_is_told_to_send_a_form(client, world):
    response = client.post(
        TOKEN_URL,
        json={"grant_type": "password", "username": "mentor@x.test", "password": PASSWORD},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert "application/x-www-form-urlencoded" in body["detail"]
    assert "grant_type=password&username=" in body["detail"]  # an example to copy
    assert body["error_description"] == body["detail"]


def test_a_form_without_grant_type_gets_an_example(client):
    response = client.post(TOKEN_URL, data={"username": "someone@x.test"})
    assert response.status_code == 400
    assert "grant_type=password" in response.json()["detail"]
