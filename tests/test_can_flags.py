"""Every `can` flag a detail response sends agrees with what the matching action route really
does, for every principal of the permission matrix: a true flag means the action succeeds, a
false one that it is refused (403, 404 or 409). A detail route with flags missing here fails."""

import pytest

from api.main import create_app
from tests.test_permissions import PRINCIPALS, matrix_request, world_ids

# detail route, the ids it is read with -> {flag: the action route it stands for}
CAN_FLAGS = {
    ("/api/v1/trusts/{trust_id}", ()): {"edit": ("PATCH", "/api/v1/trusts/{trust_id}")},
    ("/api/v1/schools/{school_id}", ()): {
        "edit": ("PATCH", "/api/v1/schools/{school_id}"),
        "add_term_date": ("POST", "/api/v1/schools/{school_id}/term-dates"),
    },
    ("/api/v1/users/{user_id}", ()): {
        "edit": ("PATCH", "/api/v1/users/{user_id}"),
        "reset_password": ("POST", "/api/v1/users/{user_id}/reset-password"),
        "invite": ("POST", "/api/v1/users/{user_id}/invitations"),
        "add_role": ("POST", "/api/v1/users/{user_id}/roles"),
    },
    ("/api/v1/pairings/{pairing_id}", ()): {
        "schedule_slot": ("POST", "/api/v1/pairings/{pairing_id}/slots"),
        "propose_agreement": ("POST", "/api/v1/pairings/{pairing_id}/agreements"),
        "agree": ("POST", "/api/v1/agreements/{agreement_id}/agree"),
        "end": ("POST", "/api/v1/pairings/{pairing_id}/end"),
    },
    # Next week's meeting (scheduled, not started) and the past one (held, recorded).
    **{
        ("/api/v1/meetings/{meeting_id}", which): {
            "record": ("PUT", "/api/v1/meetings/{meeting_id}/record"),
            "cancel": ("POST", "/api/v1/meetings/{meeting_id}/cancel"),
            "move": ("POST", "/api/v1/meetings/{meeting_id}/cancel"),
            "add_agenda_item": ("POST", "/api/v1/meetings/{meeting_id}/agenda-items"),
            "tick_actions": ("PATCH", "/api/v1/meeting-actions/{action_id}"),
        }
        for which in ((("meeting_id", "meeting_id"),), (("meeting_id", "past_meeting_id"),))
    },
    # Next week's observation (scheduled), the recorded one and the shared one.
    **{
        ("/api/v1/observations/{observation_id}", which): {
            "record": ("PUT", "/api/v1/observations/{observation_id}/record"),
            "amend": ("POST", "/api/v1/observations/{observation_id}/amendments"),
            "share": ("POST", "/api/v1/observations/{observation_id}/share"),
            "cancel": ("POST", "/api/v1/observations/{observation_id}/cancel"),
            "reflect": ("PUT", "/api/v1/observations/{observation_id}/reflection"),
            "set_target": ("POST", "/api/v1/targets"),
        }
        for which in (
            (("observation_id", "observation_id"),),
            (("observation_id", "past_observation_id"),),
            (("observation_id", "shared_observation_id"),),
        )
    },
    # A school's resource (kept by its leads) and a trust-wide one (kept by trust admins).
    **{
        ("/api/v1/resources/{resource_id}", which): {
            "edit": ("PATCH", "/api/v1/resources/{resource_id}"),
            "delete": ("DELETE", "/api/v1/resources/{resource_id}"),
            "bookmark": ("PUT", "/api/v1/resources/{resource_id}/bookmark"),
        }
        for which in ((), (("resource_id", "trust_resource_id"),))
    },
    ("/api/v1/wellbeing/check-ins/{check_in_id}", ()): {
        "share_note": ("PATCH", "/api/v1/wellbeing/check-ins/{check_in_id}"),
        "follow_up": ("POST", "/api/v1/wellbeing/check-ins/{check_in_id}/follow-up"),
    },
    # The approved ECT policy, the mentor policy's draft successor and the submitted ECT version.
    **{
        ("/api/v1/entitlements/policies/{policy_id}", which): {
            "edit": ("PATCH", "/api/v1/entitlements/policies/{policy_id}"),
            "submit": ("POST", "/api/v1/entitlements/policies/{policy_id}/submit"),
            "decide": ("POST", "/api/v1/entitlements/policies/{policy_id}/decision"),
            "retire": ("POST", "/api/v1/entitlements/policies/{policy_id}/retire"),
            "revise": ("POST", "/api/v1/entitlements/policies/{policy_id}/versions"),
        }
        for which in (
            (("policy_id", "ect_policy_id"),),
            (("policy_id", "draft_policy_id"),),
            (("policy_id", "submitted_policy_id"),),
        )
    },
    ("/api/v1/supervision/sessions/{supervision_id}", ()): {
        "record": ("PUT", "/api/v1/supervision/sessions/{supervision_id}/record"),
    },
    # A live provider and a disabled one (named each time: the matrix enables the disabled one).
    **{
        ("/api/v1/providers/{provider_id}", which): {
            "edit": ("PATCH", "/api/v1/providers/{provider_id}"),
            "rotate_secret": ("POST", "/api/v1/providers/{provider_id}/rotate-secret"),
            "disable": ("POST", "/api/v1/providers/{provider_id}/disable"),
            "enable": ("POST", "/api/v1/providers/{provider_id}/enable"),
            "link_people": ("POST", "/api/v1/providers/{provider_id}/people"),
        }
        for which in ((("provider_id", "provider_id"),), (("provider_id", "disabled_provider_id"),))
    },
    # The world's course date last Tuesday, the mentor's cover for it, the mentor's record.
    ("/api/v1/training/items/{training_item_id}", ()): {
        "mark_attendance": ("PUT", "/api/v1/training/items/{training_item_id}/attendance"),
    },
    ("/api/v1/training/cover-requests/{cover_request_id}", ()): {
        "decide": ("PUT", "/api/v1/training/cover-requests/{cover_request_id}/decision"),
    },
    ("/api/v1/training/records/{mentor_id}", ()): {
        "log_hours": ("POST", "/api/v1/training/records/{mentor_id}/hours"),
    },
    ("/api/v1/webhook-deliveries/{delivery_id}", ()): {
        "reprocess": ("POST", "/api/v1/webhook-deliveries/{delivery_id}/reprocess"),
    },
}

# Flags whose action depends on more than the detail's ids, each with its own test below.
CHECKED_ON_THEIR_OWN = {("/api/v1/entitlements/policies/{policy_id}", "adopt")}

CASES = [
    (detail, which, flag, who)
    for (detail, which), flags in CAN_FLAGS.items()
    for flag in flags
    for who in PRINCIPALS
]


def test_every_detail_route_with_can_flags_is_checked():
    spec = create_app().openapi()
    schemas = spec["components"]["schemas"]

    def properties(ref: str) -> dict:
        return schemas[ref.split("/")[-1]].get("properties", {})

    documented = {}
    for path, operations in spec["paths"].items():
        content = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        ref = content.get("application/json", {}).get("schema", {}).get("$ref")
        if ref and "can" in properties(ref):
            documented[path] = set(properties(properties(ref)["can"]["$ref"]))
    checked = {detail: set(flags) for (detail, _), flags in CAN_FLAGS.items()}
    for detail, flag in CHECKED_ON_THEIR_OWN:
        checked[detail].add(flag)
    assert documented == checked


@pytest.mark.parametrize(
    ("detail", "which", "flag", "who"),
    CASES,
    ids=[f"{d} {dict(w) or ''} can.{f} as {p}" for d, w, f, p in CASES],
)
def test_can_flag_agrees_with_the_action_route(client, world, detail, which, flag, who):
    overrides = dict(which)
    shown = client.get(detail.format(**world_ids(world, **overrides)), headers=world.headers(who))
    allowed = shown.status_code == 200 and shown.json()["can"][flag]
    if shown.status_code == 200:
        own = {flag for path, flag in CHECKED_ON_THEIR_OWN if path == detail}
        assert set(shown.json()["can"]) == set(CAN_FLAGS[(detail, which)]) | own, "flags drifted"
    method, path = CAN_FLAGS[(detail, which)][flag]
    acted = matrix_request(client, world, method, path, who, **overrides)
    if allowed:
        assert 200 <= acted.status_code < 300, acted.text
    else:
        assert acted.status_code in (401, 403, 404, 409), acted.text


def test_flags_differ_by_person_and_by_the_meetings_state(client, world):
    def can(path: str, who: str) -> dict:
        return client.get(path, headers=world.headers(who)).json()["can"]

    pairing = f"/api/v1/pairings/{world.pairing.id}"
    assert can(pairing, "lead") == dict.fromkeys(CAN_FLAGS[(pairing_path(), ())], True) | {
        "agree": False
    }
    assert can(pairing, "admin") == {
        "schedule_slot": False,
        "propose_agreement": False,
        "agree": False,
        "end": True,
    }
    past, upcoming = world.past_meeting.id, world.next_meeting.id
    assert can(f"/api/v1/meetings/{past}", "mentor")["record"] is True
    assert can(f"/api/v1/meetings/{past}", "mentor")["cancel"] is False
    assert can(f"/api/v1/meetings/{upcoming}", "mentor")["record"] is False
    assert can(f"/api/v1/meetings/{upcoming}", "mentee")["cancel"] is True
    assert can(f"/api/v1/meetings/{upcoming}", "mentee")["move"] is True
    assert can(f"/api/v1/meetings/{past}", "lead")["move"] is False
    assert can(f"/api/v1/meetings/{upcoming}", "lead")["add_agenda_item"] is False


def pairing_path() -> str:
    return "/api/v1/pairings/{pairing_id}"


def test_a_lead_may_not_change_someone_shared_with_another_school(client, world, session):
    from api.org.models import Membership, Role

    mentee = world.people["mentee"]
    session.add(
        Membership(
            user_id=mentee.id,
            trust_id=world.trust.id,
            role=Role.observer,
            school_id=world.other_school.id,
        )
    )
    session.commit()
    path = f"/api/v1/users/{mentee.id}"
    assert client.get(path, headers=world.headers("lead")).json()["can"] == {
        "edit": False,
        "reset_password": False,
        "invite": False,
        "add_role": False,
    }
    refused = client.patch(path, headers=world.headers("lead"), json={"full_name": "X"})
    assert refused.status_code == 403
    assert client.get(path, headers=world.headers("admin")).json()["can"]["edit"] is True


# The record form offers the targets to review when the meeting's `record` flag is true: the
# same person may write the target reviews (the record keeper), once the meeting is recorded.
REVIEW_CASES = [(which, who) for which in ("meeting_id", "past_meeting_id") for who in PRINCIPALS]


@pytest.mark.parametrize(
    ("which", "who"), REVIEW_CASES, ids=[f"{w} as {p}" for w, p in REVIEW_CASES]
)
def test_the_meetings_record_flag_stands_for_reviewing_its_targets(client, world, which, who):
    shown = client.get(f"/api/v1/meetings/{world_ids(world)[which]}", headers=world.headers(who))
    allowed = shown.status_code == 200 and shown.json()["can"]["record"]
    acted = matrix_request(
        client, world, "PUT", "/api/v1/meetings/{meeting_id}/target-reviews", who, meeting_id=which
    )
    if allowed:
        assert 200 <= acted.status_code < 300, acted.text
    else:
        assert acted.status_code in (401, 403, 404, 409), acted.text


# A policy's `adopt` flag: true when the version is approved and some school the person may adopt
# for (one they lead; any of the trust's for a trust admin) has not adopted it yet; the detail
# names those schools. Adopting is tried for each such school, or else for the school they lead.
POLICY_CASES = [
    (which, who)
    for which in ("policy_id", "ect_policy_id", "draft_policy_id", "submitted_policy_id")
    for who in PRINCIPALS
]


@pytest.mark.parametrize(
    ("which", "who"), POLICY_CASES, ids=[f"{w} as {p}" for w, p in POLICY_CASES]
)
def test_the_policy_adopt_flag_agrees_with_adopting_it(client, world, which, who):
    policy_id = world_ids(world)[which]
    shown = client.get(f"/api/v1/entitlements/policies/{policy_id}", headers=world.headers(who))
    allowed = shown.status_code == 200 and shown.json()["can"]["adopt"]
    led = world.other_school.id if who == "other_lead" else world.school.id
    schools = [s["id"] for s in shown.json()["adopt_for"]] if shown.status_code == 200 else []
    assert bool(schools) == allowed, "the flag and the schools named disagree"

    def adopt(school_id):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/v1/schools/{school_id}/entitlement-adoptions",
            headers=world.headers(who),
            json={"policy_id": str(policy_id), "adopted_from": "2026-09-01"},
        )

    if allowed:
        for school_id in schools:
            acted = adopt(school_id)
            assert acted.status_code == 201, acted.text
        again = client.get(f"/api/v1/entitlements/policies/{policy_id}", headers=world.headers(who))
        assert again.json()["can"]["adopt"] is False and again.json()["adopt_for"] == []
    else:
        acted = adopt(led)
        # A policy the person cannot see at all is a bad reference in the body (422).
        refused = (401, 403, 404, 409) if shown.status_code == 200 else (401, 403, 404, 409, 422)
        assert acted.status_code in refused, acted.text


def test_the_adopt_flag_names_the_schools_each_person_may_adopt_for(client, world):
    path = f"/api/v1/entitlements/policies/{world.ect_policy.id}"

    def named(who: str) -> set[str]:
        return {s["name"] for s in client.get(path, headers=world.headers(who)).json()["adopt_for"]}

    assert named("lead") == {world.school.name}
    assert named("other_lead") == {world.other_school.name}
    assert named("admin") == {world.school.name, world.other_school.name}
    assert named("mentor") == set()
    # Hillcrest follows the mentor policy already: only Riverside may still adopt it.
    mentor_policy = f"/api/v1/entitlements/policies/{world.entitlement_policy.id}"
    lead_view = client.get(mentor_policy, headers=world.headers("lead")).json()
    assert lead_view["can"]["adopt"] is False
    admin_view = client.get(mentor_policy, headers=world.headers("admin")).json()
    assert [s["name"] for s in admin_view["adopt_for"]] == [world.other_school.name]
