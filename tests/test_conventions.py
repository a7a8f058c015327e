"""Conventions every route shares: problem+json, unknown fields, body caps, request ids,
security headers, JSON logs and one transaction per request."""

import io
import json
import uuid

from fastapi.testclient import TestClient
from sqlmodel import select

from api.core.logging import configure_logging
from api.core.problems import ProblemError
from api.db import SessionDep
from api.main import create_app
from api.org.models import TermDate, Trust


def test_unknown_paths_and_methods_are_problems(client, world):
    missing = client.get("/api/v1/no-such-thing", headers=world.headers("admin"))
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["title"] == "Not found"
    wrong_method = client.put("/api/v1/schools", headers=world.headers("admin"))
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "GET, POST"
    assert wrong_method.headers["content-type"] == "application/problem+json"
    unknown_id = client.get(f"/api/v1/schools/{uuid.uuid4()}", headers=world.headers("admin"))
    assert unknown_id.status_code == 404
    bad_id = client.get("/api/v1/schools/not-a-uuid", headers=world.headers("admin"))
    assert bad_id.status_code == 422 and bad_id.json()["errors"][0]["field"] == "school_id"


def test_every_unsupported_method_lists_all_the_methods_of_its_path(client, world):
    headers = world.headers("admin")
    cases = [
        ("OPTIONS", f"/api/v1/schools/{world.school.id}", "GET, PATCH"),
        ("OPTIONS", f"/api/v1/trusts/{world.trust.id}", "GET, PATCH"),
        ("OPTIONS", f"/api/v1/users/{world.people['mentor'].id}", "GET, PATCH"),
        ("OPTIONS", "/api/v1/me/calendar-feed", "DELETE, GET, POST"),
        ("TRACE", "/api/v1/me/calendar-feed", "DELETE, GET, POST"),
        ("HEAD", "/api/v1/schools", "GET, POST"),
    ]
    for method, path, allowed in cases:
        response = client.request(method, path, headers=headers)
        assert response.status_code == 405, (method, path)
        assert response.headers["allow"] == allowed, (method, path)


def test_unknown_fields_are_refused(client, world):
    response = client.patch(
        f"/api/v1/schools/{world.school.id}",
        headers=world.headers("admin"),
        json={"name": "Fine", "owner": "me"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "owner", "detail": "Extra inputs are not permitted", "type": "extra_forbidden"}
    ]


def test_malformed_json_is_a_problem(client, world):
    response = client.post(
        "/api/v1/schools",
        headers=world.headers("admin") | {"content-type": "application/json"},
        content=b"{not json",
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_body_that_is_not_json_is_checked_after_sign_in_and_scope_and_says_where(client, world):
    json_type = {"content-type": "application/json"}
    for body in (b'{"name": "Hillcrest" "urn": 1}', b"\x0f\xff\xfe"):
        anonymous = client.post("/api/v1/schools", headers=json_type, content=body)
        assert anonymous.status_code == 401
        no_scope = client.post(
            "/api/v1/schools", headers=world.headers("mentor") | json_type, content=body
        )
        assert no_scope.status_code == 403
    not_json = client.post(
        "/api/v1/schools",
        headers=world.headers("admin") | json_type,
        content=b'{"name": "Hillcrest" "urn": 1}',
    )
    assert not_json.status_code == 422
    assert not_json.json()["errors"] == [
        {
            "field": "body",
            "detail": "not valid JSON: Expecting ',' delimiter at line 1, column 22 (character 21)",
            "type": "json_invalid",
        }
    ]
    not_text = client.post(
        "/api/v1/schools", headers=world.headers("admin") | json_type, content=b"\x0f\xff\xfe"
    )
    assert not_text.status_code == 422
    assert not_text.json()["errors"][0]["field"] == "body"
    assert not_text.json()["errors"][0]["detail"] == "not UTF-8 text: byte 0xff at position 1"
    optional_body = client.post(
        "/api/v1/auth/logout", headers=world.headers("mentor") | json_type, content=b"[1,"
    )
    assert optional_body.status_code == 422
    assert [e["field"] for e in optional_body.json()["errors"]] == ["body"]


def test_every_api_route_reads_its_body_after_sign_in_and_scope(app):
    from api.core.routing import BodyAfterAuthRoute
    from api.main import api_routes

    for context in api_routes(app):
        assert isinstance(context.original_route, BodyAfterAuthRoute), context.path


def test_dates_are_text_in_the_years_the_schema_declares(client, world):
    url = f"/api/v1/schools/{world.school.id}/term-dates"
    body = {"kind": "closure", "name": "Inset day", "ends_on": "2026-10-02"}
    for refused in (20261002, "2026-10-02T00:00:00", "1999-10-02"):
        response = client.post(
            url, headers=world.headers("admin"), json=body | {"starts_on": refused}
        )
        assert response.status_code == 422, refused
        assert response.json()["errors"][0]["field"] == "starts_on"


def test_oversized_bodies_get_413_with_or_without_content_length(client, world):
    headers = world.headers("admin") | {"content-type": "application/json"}
    big = b'{"name": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    declared = client.post("/api/v1/schools", headers=headers, content=big)
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"

    def chunks():  # type: ignore[no-untyped-def]
        for start in range(0, len(big), 64 * 1024):
            yield big[start : start + 64 * 1024]

    streamed = client.post("/api/v1/schools", headers=headers, content=chunks())
    assert streamed.status_code == 413
    assert streamed.json()["status"] == 413


def test_request_id_is_taken_or_made_and_echoed(client, world):
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    hostile = client.get("/healthz", headers={"X-Request-ID": "<script>" * 30})
    assert hostile.headers["x-request-id"] != "<script>" * 30


def test_writes_record_the_request_id_in_the_audit_log(client, world):
    client.patch(
        f"/api/v1/schools/{world.school.id}",
        headers=world.headers("admin") | {"X-Request-ID": "req-77"},
        json={"name": "Hillcrest College"},
    )
    events = client.get(
        "/api/v1/audit-events?action=school.updated", headers=world.headers("admin")
    ).json()["items"]
    assert events[0]["request_id"] == "req-77"
    assert events[0]["changes"] == {"name": "Hillcrest College"}


def test_security_headers(client, world):
    api = client.get("/api/v1/schools", headers=world.headers("admin"))
    assert api.headers["cache-control"] == "no-store"
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in api.headers["content-security-policy"]
    assert api.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_app_pages_get_a_strict_csp_and_spa_fallback(tmp_path, world):
    (tmp_path / "index.html").write_text("<!doctype html><title>MentorHub</title>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    from api.config import get_settings

    settings = get_settings().model_copy(update={"serve_frontend": True, "frontend_dist": tmp_path})
    with TestClient(create_app(settings)) as spa:
        page = spa.get("/schools/123")
        assert page.status_code == 200 and "MentorHub" in page.text
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        asset = spa.get("/assets/app.js")
        assert "immutable" in asset.headers["cache-control"]
        for escape in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "/assets/../../api/db.py"):
            assert "[project]" not in spa.get(escape).text
            assert "import" not in spa.get(escape).text
        api_miss = spa.get("/api/v1/nowhere")
        assert api_miss.status_code == 404
        assert api_miss.headers["content-type"] == "application/problem+json"


def test_logs_are_json_with_the_request_id(client, world):
    buffer = io.StringIO()
    configure_logging("INFO", stream=buffer)
    try:
        client.get("/healthz", headers={"X-Request-ID": "log-check-1"})
    finally:
        configure_logging("WARNING")
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    access = [line for line in lines if line.get("request_id") == "log-check-1"]
    assert access and access[0]["path"] == "/healthz" and access[0]["status"] == 200


def test_a_failing_request_leaves_no_partial_rows(world, session):
    """One transaction per request: rows written before an error are rolled back."""
    from api.config import get_settings

    app = create_app(get_settings())

    @app.post("/test-only/half-write")
    def half_write(db: SessionDep) -> None:
        db.add(Trust(name="Half-written Trust"))
        db.flush()  # the row is in the database, inside the request's transaction
        raise ProblemError("Failing on purpose after a write.")

    @app.post("/test-only/crash")
    def crash(db: SessionDep) -> None:
        db.add(Trust(name="Crashed Trust"))
        db.flush()
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert test_client.post("/test-only/half-write").status_code == 400
        crashed = test_client.post("/test-only/crash")
        assert crashed.status_code == 500
        assert crashed.headers["content-type"] == "application/problem+json"
        assert "boom" not in crashed.text
    names = session.exec(select(Trust.name)).all()
    assert "Half-written Trust" not in names and "Crashed Trust" not in names


def test_a_conflict_midway_through_a_copy_changes_nothing(client, world, session):
    """A real route: the copy writes to the first school, then meets a clash at the second."""
    third = client.post(
        "/api/v1/schools",
        headers=world.headers("admin"),
        json={"name": "Third", "urn": "100003", "phase": "primary"},
    ).json()
    session.add(
        TermDate(
            school_id=uuid.UUID(third["id"]),
            kind="term",
            name="Clash",
            starts_on=world.term.starts_on,
            ends_on=world.term.ends_on,
        )
    )
    session.commit()
    response = client.post(
        f"/api/v1/schools/{world.school.id}/term-dates/copy",
        headers=world.headers("admin"),
        json={"target_school_ids": [str(world.other_school.id), third["id"]]},
    )
    assert response.status_code == 409
    copied = session.exec(select(TermDate).where(TermDate.school_id == world.other_school.id)).all()
    assert copied == []


def test_a_race_caught_by_a_database_constraint_is_a_409(world):
    from api.config import get_settings

    app = create_app(get_settings())

    @app.post("/test-only/duplicate-urn")
    def duplicate(db: SessionDep) -> None:
        from api.org.models import School

        db.add(School(trust_id=world.trust.id, name="Twin", urn=world.school.urn, phase="primary"))

    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.post("/test-only/duplicate-urn")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


def test_extreme_values_are_refused_not_crashed(client, world):
    headers = world.headers("admin")
    for url in (
        "/api/v1/meetings?starts_from=9999-12-31T23:00:00-05:00",
        "/api/v1/audit-events?since=0001-01-01T00:30:00%2B01:00",
        "/api/v1/meetings?offset=99999999999999999999",
    ):
        assert client.get(url, headers=headers).status_code == 422, url
    far = client.post(
        f"/api/v1/schools/{world.school.id}/term-dates",
        headers=headers,
        json={"kind": "term", "name": "Far", "starts_on": "9999-01-01", "ends_on": "9999-12-31"},
    )
    assert far.status_code == 422
    basic = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": "Basic 6ek="},
    )
    assert basic.status_code == 401


def test_development_logs_are_readable_lines_and_production_logs_json(client, world):
    from api.config import Settings

    assert Settings(environment="development").readable_logs is True
    assert Settings(environment="development", log_format="json").readable_logs is False
    production = Settings(environment="production", secret_key="s" * 40)
    assert production.readable_logs is False
    buffer = io.StringIO()
    configure_logging("INFO", stream=buffer, readable=True)
    try:
        client.get("/api/v1/me", headers=world.headers("mentor") | {"X-Request-ID": "abc123456789"})
    finally:
        configure_logging("WARNING")
    [line] = [entry for entry in buffer.getvalue().splitlines() if "GET /api/v1/me " in entry]
    assert "GET /api/v1/me -> 200 in" in line and line.endswith("[abc12345]")
    assert not line.startswith("{")


def test_every_list_answers_a_page_not_a_bare_array(app):
    spec = app.openapi()
    schemas = spec["components"]["schemas"]

    def resolved(schema: dict) -> dict:
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    bare, paged = [], 0
    for path, methods in spec["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        for media_type, body in operation["responses"]["200"].get("content", {}).items():
            if not media_type.endswith("json"):
                continue  # files and feeds (CSV, iCalendar) are not JSON lists
            schema = resolved(body["schema"])
            if schema.get("type") == "array":
                bare.append(path)
            if {"items", "total", "limit", "offset"} <= set(schema.get("properties", {})):
                paged += 1
                params = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
                assert {"limit", "offset"} <= params, path
                assert set(schema["required"]) >= {"items", "total", "limit", "offset"}, path
    assert bare == [], f"lists answering a bare array, not {{items, total, limit, offset}}: {bare}"
    assert paged >= 10
