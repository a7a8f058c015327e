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
