"""openapi/openapi.json is generated, current, and describes every route fully."""

import json

from api.cli import OPENAPI_PATH
from api.main import create_app

# The feed is public by design: the secret in its address is the credential.
PUBLIC_OPERATIONS = {"healthz", "readyz", "issue_token", "calendar_feed"}


def _spec() -> dict:
    return create_app().openapi()


def test_committed_openapi_is_current():
    committed = json.loads(OPENAPI_PATH.read_text())
    assert committed == _spec(), "openapi/openapi.json is stale: run `mentorhub export-openapi`"


def test_every_operation_has_a_clean_id_summary_errors_and_security():
    seen = set()
    for path, methods in _spec()["paths"].items():
        for method, operation in methods.items():
            op_id = operation["operationId"]
            assert op_id.isidentifier() and op_id.islower() and op_id not in seen, op_id
            seen.add(op_id)
            assert operation.get("summary"), f"{method} {path} has no summary"
            if op_id in PUBLIC_OPERATIONS:
                continue
            assert operation.get("security"), f"{method} {path} shows no security"
            assert {"401", "403"} <= operation["responses"].keys(), f"{method} {path}"


def test_scopes_show_on_the_operations_that_need_them():
    spec = _spec()
    create_school = spec["paths"]["/api/v1/schools"]["post"]
    assert create_school["security"] == [{"OAuth2": ["org:write"]}]
    flows = spec["components"]["securitySchemes"]["OAuth2"]["flows"]
    assert set(flows) == {"password", "clientCredentials"}
    assert "observations:read" in flows["clientCredentials"]["scopes"]


def _operations(spec: dict):  # type: ignore[no-untyped-def]
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_is_documented_as_the_problem_media_type_the_server_sends():
    spec = _spec()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    for label, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            if operation["operationId"] == "readyz":
                assert set(response["content"]) == {"application/json"}, label
                continue
            if operation["operationId"] == "issue_token" and status in ("400", "401"):
                # RFC 6749 section 5.2: the token endpoint's own errors are application/json.
                assert set(response["content"]) == {"application/json"}, label
                continue
            assert set(response["content"]) == {"application/problem+json"}, (label, status)
            ref = response["content"]["application/problem+json"]["schema"]["$ref"]
            problem = schemas[ref.rsplit("/", 1)[-1]]
            assert {"type", "title", "status"} <= set(problem["required"]), (label, status)


def test_a_validation_error_is_documented_on_every_operation_that_takes_input():
    for label, operation in _operations(_spec()):
        if operation.get("parameters") or operation.get("requestBody"):
            problem = operation["responses"]["422"]["content"]["application/problem+json"]
            assert problem["schema"]["$ref"].endswith("Problem"), label


def test_every_list_declares_the_largest_page_it_answers():
    lists = 0
    for label, operation in _operations(_spec()):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "limit":
                lists += 1
                assert parameter["schema"]["maximum"] == 200, label
                assert parameter["schema"]["minimum"] == 1, label
    assert lists >= 6
