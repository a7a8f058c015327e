"""openapi/openapi.json is generated, current, and describes every route fully."""

import json
import re
import uuid

import jsonschema_rs
import pytest
from pydantic import ValidationError

from api.cli import OPENAPI_PATH
from api.integrations.schemas import ApiClientCreate
from api.main import create_app
from api.meetings.schemas import AgendaItemCreate, MeetingCancel, RecordWrite, SlotCreate
from api.mentoring.schemas import AgreementTerms, MenteeProfileCreate, MenteeProfileUpdate
from api.org.schemas import MembershipCreate, SchoolUpdate, UserUpdate

# The feed is public by design: the secret in its address is the credential.
PUBLIC_OPERATIONS = {
    "healthz",
    "readyz",
    "issue_token",
    "calendar_feed",
    # The invitation link is the credential.
    "open_invitation",
    "accept_invitation",
    # A provider's delivery: its Standard Webhooks signature is the credential.
    "receive_provider_delivery",
}


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


def _walk(node):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_the_schema_uses_only_json_schema_keywords_for_ranges():
    # Pydantic writes its own ge/le into a schema when it cannot place them.
    assert not [n for n in _walk(_spec()) if {"ge", "le", "gt", "lt"} & set(n)]


def test_times_of_day_are_described_as_sent_without_an_offset():
    spec = _spec()
    assert not [n for n in _walk(spec) if n.get("format") == "time"]
    schemas = spec["components"]["schemas"]
    for model, field in [
        ("SlotCreate", "start_time"),
        ("SlotPublic", "start_time"),
        ("AgreementTerms", "meeting_time"),
        ("AgreementPublic", "meeting_time"),
    ]:
        pattern = re.compile(schemas[model]["properties"][field]["pattern"])
        assert pattern.search("15:30") and pattern.search("15:30:00"), model
        assert not pattern.search("15:30:00Z") and not pattern.search("15:30+01:00"), model


def test_the_years_a_date_or_timestamp_may_fall_in_are_in_the_schema():
    schemas = _spec()["components"]["schemas"]
    school_date = schemas["TermDateCreate"]["properties"]["starts_on"]
    pattern = re.compile(school_date["pattern"])
    assert pattern.search("2000-01-01") and pattern.search("2100-12-31")
    assert not pattern.search("1999-12-31") and not pattern.search("2101-01-01")
    expires = schemas["ApiClientCreate"]["properties"]["expires_at"]["anyOf"][0]
    pattern = re.compile(expires["pattern"])
    assert pattern.search("1900-01-01T00:00:00Z") and pattern.search("2200-12-31T23:59:59Z")
    assert not pattern.search("1899-12-31T00:00:00Z") and not pattern.search("2201-01-01T00:00Z")


def _schema_validator(name: str):  # type: ignore[no-untyped-def]
    text = json.dumps(
        {"$defs": _spec()["components"]["schemas"], "$ref": f"#/components/schemas/{name}"}
    )
    return jsonschema_rs.Draft202012Validator(
        json.loads(text.replace("#/components/schemas/", "#/$defs/"))
    )


SOMEONE = str(uuid.uuid4())
MENTEE = {"user_id": SOMEONE, "starts_on": "2026-09-01"}
CANCEL = {"reason": "Parents' evening"}
SLOT = {
    "start_time": "15:30",
    "location": "Room 1",
    "starts_on": "2026-09-01",
    "ends_on": "2026-09-30",
}
TERMS = {
    "meeting_frequency": "weekly",
    "meeting_day": 2,
    "meeting_time": "15:30",
    "meeting_location": "Room 12",
    "mentor_prepares": "Notes",
    "mentee_prepares": "Reflections",
    "record_keeper": "mentor",
    "agenda_setting": "Together",
    "feedback_approach": "Strengths first",
    "wellbeing_frequency": "weekly",
    "concern_route": "Tell the induction tutor",
}
# (model, body, whether the server takes it): the schema must say the same of each.
AGREEMENT_CASES = [
    (MenteeProfileCreate, MENTEE | {"pathway": "ect", "induction_year": 1}, True),
    (MenteeProfileCreate, MENTEE | {"pathway": "ect"}, False),
    (MenteeProfileCreate, MENTEE | {"pathway": "ect", "induction_year": None}, False),
    (MenteeProfileCreate, MENTEE | {"pathway": "itt"}, True),
    (MenteeProfileCreate, MENTEE | {"pathway": "itt", "induction_year": 2}, False),
    (MembershipCreate, {"role": "trust_admin"}, True),
    (MembershipCreate, {"role": "trust_admin", "school_id": SOMEONE}, False),
    (MembershipCreate, {"role": "mentee"}, False),
    (MembershipCreate, {"role": "observer", "school_id": None}, False),
    (MembershipCreate, {"role": "observer", "school_id": SOMEONE}, True),
    (MeetingCancel, CANCEL | {"outcome": "moved", "new_starts_at": "2026-09-10T10:00:00Z"}, True),
    (MeetingCancel, CANCEL | {"outcome": "moved"}, False),
    (MeetingCancel, CANCEL | {"outcome": "lost", "new_starts_at": "2026-09-10T10:00:00Z"}, False),
    (MeetingCancel, CANCEL | {"outcome": "lost", "new_starts_at": None}, True),
    (AgreementTerms, TERMS | {"feedback_timing": "same_day"}, True),
    (AgreementTerms, TERMS | {"feedback_timing": "after_reflection"}, False),
    (
        AgreementTerms,
        TERMS | {"feedback_timing": "after_reflection", "reflection_interval_hours": 24},
        True,
    ),
    (
        AgreementTerms,
        TERMS | {"feedback_timing": "same_day", "reflection_interval_hours": 1},
        False,
    ),
    (SchoolUpdate, {}, True),
    (SchoolUpdate, {"name": None}, False),
    (SchoolUpdate, {"active": 0}, False),
    (UserUpdate, {"trn": None, "mis_staff_code": None}, True),
    (UserUpdate, {"email": None}, False),
    (MenteeProfileUpdate, {"ends_on": None, "induction_year": None}, True),
    (MenteeProfileUpdate, {"pathway": None}, False),
    (ApiClientCreate, {"name": "MIS", "scopes": [""], "school_ids": [SOMEONE]}, False),
    (ApiClientCreate, {"name": "MIS", "scopes": ["org:read"], "school_ids": [SOMEONE]}, True),
    (RecordWrite, {"status": "scheduled"}, False),
    (RecordWrite, {"status": "held", "wellbeing_discussed": 1}, False),
    (SlotCreate, SLOT | {"weekday": 2}, True),
    (SlotCreate, SLOT | {"weekday": 2.0}, True),
    (SlotCreate, SLOT | {"weekday": 2.5}, False),
    (SlotCreate, SLOT | {"weekday": "2"}, False),
    (SlotCreate, SLOT | {"weekday": True}, False),
    (MeetingCancel, {"reason": "  ab  ", "outcome": "lost"}, False),
    (MeetingCancel, {"reason": "  Ill  ", "outcome": "lost"}, True),
    (AgendaItemCreate, {"text": " \u3000 "}, False),
    (AgendaItemCreate, {"text": "\u3000x"}, True),
    (SchoolUpdate, {"urn": "\u0661\u0662\u0663\u0664\u0665\u0666"}, False),
    (SchoolUpdate, {"name": "x" * 200 + " "}, False),
    (SchoolUpdate, {"phase": " primary"}, False),
]


@pytest.mark.parametrize(("model", "body", "taken"), AGREEMENT_CASES)
def test_the_schema_and_the_server_agree_on_what_a_body_may_hold(model, body, taken):  # type: ignore[no-untyped-def]
    try:
        model.model_validate(body)
        server_takes = True
    except ValidationError:
        server_takes = False
    assert server_takes == taken
    assert _schema_validator(model.__name__).is_valid(body) == taken


def test_every_weekday_says_that_0_is_monday():
    found = []
    for name, schema in _spec()["components"]["schemas"].items():
        for field, prop in (schema.get("properties") or {}).items():
            # A day of the week is a whole number; `closed_day` and the like are objects or dates.
            is_number = prop.get("type") == "integer" or any(
                option.get("type") == "integer" for option in prop.get("anyOf", [])
            )
            if (field == "weekday" or field.endswith("_day")) and is_number:
                found.append(f"{name}.{field}")
                assert "0 is Monday" in prop.get("description", ""), f"{name}.{field}"
                assert prop.get("examples"), f"{name}.{field} has no example"
    assert {"SlotCreate.weekday", "SlotPublic.weekday", "AgreementPublic.meeting_day"} <= set(found)
