"""Entitlement policies through the API: drafted from a template, submitted, approved by the
board (a trust admin records it), adopted by a school, every step audited; an approved version
never changes and a new one supersedes it from its date; and compliance scoped to the asker."""

import csv
import io
from datetime import date

from sqlmodel import col, select

from api.audit.models import AuditEvent
from api.entitlements import service
from api.entitlements.models import EntitlementItem, PolicyAdoption
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing, PairingKind

API = "/api/v1"


def _post(client, world, who, path, body=None):  # type: ignore[no-untyped-def]
    return client.post(f"{API}{path}", headers=world.headers(who), json=body)


def test_a_policy_goes_from_template_to_adoption_with_every_step_audited(client, world, session):
    created = _post(
        client,
        world,
        "admin",
        "/entitlements/policies",
        {"audience": "rqt", "name": "RQT entitlement", "template": "rqt"},
    )
    assert created.status_code == 201, created.text
    policy = created.json()
    assert (policy["status"], policy["version"], policy["supersedes_id"]) == ("draft", 1, None)
    assert [i["measure"] for i in policy["items"]] == [
        "meetings.protected_minutes",
        "observations.received",
    ]
    assert policy["can"] == {
        "edit": True,
        "submit": True,
        "decide": False,
        "retire": False,
        "revise": False,
        "adopt": False,
    }
    assert policy["adopt_for"] == []
    pid = policy["id"]
    # A lead sees no draft; another trust's admin sees nothing of it.
    assert (
        client.get(f"{API}/entitlements/policies/{pid}", headers=world.headers("lead")).status_code
        == 404
    )
    assert (
        client.get(
            f"{API}/entitlements/policies/{pid}", headers=world.headers("foreign_admin")
        ).status_code
        == 404
    )

    assert (
        _post(client, world, "admin", f"/entitlements/policies/{pid}/submit").json()["status"]
        == "submitted"
    )
    # A note is required: what the board decided and when.
    assert (
        _post(
            client, world, "admin", f"/entitlements/policies/{pid}/decision", {"approve": True}
        ).status_code
        == 422
    )
    decided = _post(
        client,
        world,
        "admin",
        f"/entitlements/policies/{pid}/decision",
        {"approve": True, "note": "Headteachers' board, 30 Nov 2026: approved"},
    ).json()
    assert decided["status"] == "approved"
    assert decided["decided_by"]["id"] == str(world.people["admin"].id)
    assert decided["decision_note"] == "Headteachers' board, 30 Nov 2026: approved"
    assert decided["decided_at"]

    adopted = _post(
        client,
        world,
        "lead",
        f"/schools/{world.school.id}/entitlement-adoptions",
        {"policy_id": pid, "adopted_from": "2026-09-01"},
    )
    assert adopted.status_code == 201, adopted.text
    assert (adopted.json()["audience"], adopted.json()["adopted_from"]) == ("rqt", "2026-09-01")
    listed = client.get(
        f"{API}/schools/{world.school.id}/entitlement-adoptions", headers=world.headers("lead")
    ).json()
    assert listed["total"] == 2
    assert {(a["audience"], a["adopted_from"]) for a in listed["items"]} == {
        ("mentor", "2026-09-01"),
        ("rqt", "2026-09-01"),
    }
    again = _post(
        client,
        world,
        "lead",
        f"/schools/{world.school.id}/entitlement-adoptions",
        {"policy_id": pid, "adopted_from": "2026-10-01"},
    )
    assert again.status_code == 409

    session.expire_all()
    actions = session.exec(
        select(AuditEvent.action)
        .where(col(AuditEvent.object_type).in_(["entitlement_policy", "entitlement_adoption"]))
        .order_by(col(AuditEvent.occurred_at))
    ).all()
    assert actions == [
        "entitlement_policy.created",
        "entitlement_policy.submitted",
        "entitlement_policy.approved",
        "entitlement_adoption.created",
    ]


def test_an_approved_version_never_changes_and_a_new_one_supersedes_it(client, world, session):
    approved = world.ect_policy.id
    patch = client.patch(
        f"{API}/entitlements/policies/{approved}",
        headers=world.headers("admin"),
        json={"name": "Changed"},
    )
    assert patch.status_code == 409
    # A draft of an approved policy cannot be adopted, and nor can a submitted one.
    refused = _post(
        client,
        world,
        "lead",
        f"/schools/{world.school.id}/entitlement-adoptions",
        {"policy_id": str(world.draft_policy.id), "adopted_from": "2026-09-01"},
    )
    assert refused.status_code == 422  # a lead does not see drafts at all
    # The mentor policy's v2 draft halves the weekly meeting and supersedes v1 from 4 Jan 2027.
    draft = world.draft_policy.id
    changed = client.patch(
        f"{API}/entitlements/policies/{draft}",
        headers=world.headers("admin"),
        json={
            "items": [
                {
                    "category": "protected_weekly_meeting",
                    "promise": "Half an hour a week for each mentee",
                    "measure": "meetings.protected_minutes",
                    "target": 30,
                    "period": "week",
                }
            ]
        },
    )
    assert changed.status_code == 200, changed.text
    assert (
        _post(client, world, "admin", f"/entitlements/policies/{draft}/submit").status_code == 200
    )
    assert (
        _post(
            client,
            world,
            "admin",
            f"/entitlements/policies/{draft}/decision",
            {"approve": True, "note": "Board, 30 Nov 2026"},
        ).status_code
        == 200
    )
    session.expire_all()
    segments = service._segments(session, {world.school.id}, date(2026, 9, 1), date(2027, 8, 31))[
        (world.school.id, "mentor")
    ]
    assert [(s.starts_on, s.ends_on, [i.target for i in s.items]) for s in segments] == [
        (date(2026, 9, 1), date(2027, 1, 3), [60]),
        (date(2027, 1, 4), date(2027, 8, 31), [30]),
    ]
    # v1's own items are as approved.
    v1_items = session.exec(
        select(EntitlementItem.target).where(
            EntitlementItem.policy_id == world.entitlement_policy.id
        )
    ).all()
    assert v1_items == [60]
    # A new version from the approved one: a draft copy, version 3, superseding v2.
    revised = _post(
        client,
        world,
        "admin",
        f"/entitlements/policies/{draft}/versions",
        {"effective_from": "2027-04-19"},
    ).json()
    assert (revised["version"], revised["status"], revised["supersedes_id"]) == (
        3,
        "draft",
        str(draft),
    )
    assert [i["target"] for i in revised["items"]] == [30]


def test_bad_policies_are_refused_with_the_field_named(client, world):
    bad = _post(
        client,
        world,
        "admin",
        "/entitlements/policies",
        {
            "audience": "mentor",
            "name": "Odd",
            "items": [
                {
                    "category": "socials",  # a mentee category
                    "promise": "Fun",
                    "measure": "meetings.nonsense",
                    "target": 1,
                    "period": "term",
                }
            ],
        },
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"items.0.category", "items.0.measure"}
    wrong = _post(
        client,
        world,
        "admin",
        "/entitlements/policies",
        {"audience": "mentor", "name": "Odd", "template": "ect"},
    )
    assert wrong.status_code == 422
    empty = _post(
        client, world, "admin", "/entitlements/policies", {"audience": "itt", "name": "Empty"}
    ).json()
    assert (
        _post(client, world, "admin", f"/entitlements/policies/{empty['id']}/submit").status_code
        == 409
    )
    negative = _post(
        client,
        world,
        "admin",
        "/entitlements/policies",
        {
            "audience": "itt",
            "name": "Negative",
            "items": [
                {
                    "category": "observations",
                    "promise": "x",
                    "measure": "observations.received",
                    "target": -1,
                    "period": "week",
                }
            ],
        },
    )
    assert negative.status_code == 422


def _second_pair(session, world):  # type: ignore[no-untyped-def]
    """The spare mentor mentors the spare mentee at Hillcrest: not the mentor's business."""
    spare_mentor, spare_mentee = world.people["spare_mentor"], world.people["spare_mentee"]
    session.add_all(
        [
            MentorProfile(
                user_id=spare_mentor.id, school_id=world.school.id, starts_on=date(2026, 9, 1)
            ),
            MenteeProfile(
                user_id=spare_mentee.id,
                school_id=world.school.id,
                pathway="ect",
                induction_year=1,
                starts_on=date(2026, 9, 1),
            ),
            Pairing(
                school_id=world.school.id,
                mentor_id=spare_mentor.id,
                mentee_id=spare_mentee.id,
                kind=PairingKind.induction_mentor,
                starts_on=date(2026, 9, 1),
                ends_on=date(2027, 7, 16),
            ),
            PolicyAdoption(
                school_id=world.school.id,
                policy_id=world.ect_policy.id,
                adopted_from=date(2026, 9, 1),
                adopted_by=world.people["lead"].id,
            ),
        ]
    )
    session.commit()


RANGE = "from=2026-09-01&to=2026-12-18&as_of=2026-12-01"


def _people(client, world, who):  # type: ignore[no-untyped-def]
    answer = client.get(
        f"{API}/schools/{world.school.id}/entitlement-compliance?{RANGE}",
        headers=world.headers(who),
    )
    assert answer.status_code == 200, answer.text
    return {(p["person"]["full_name"], p["role"]) for p in answer.json()["people"]}


def test_compliance_is_scoped_to_the_asker(client, world, session):
    _second_pair(session, world)
    everyone = {
        ("Mentor", "mentor"),
        ("Mentee", "mentee"),
        ("Spare Mentor", "mentor"),
        ("Spare Mentee", "mentee"),
    }
    assert _people(client, world, "lead") == everyone
    assert _people(client, world, "admin") == everyone
    assert _people(client, world, "mentor") == {("Mentor", "mentor"), ("Mentee", "mentee")}
    assert _people(client, world, "mentee") == {("Mentee", "mentee")}
    for who in ("other_lead", "foreign_admin"):
        path = f"{API}/schools/{world.school.id}/entitlement-compliance?{RANGE}"
        hidden = client.get(path, headers=world.headers(who))
        assert hidden.status_code == 404
        assert "Mentee" not in hidden.text
    spare = world.people["spare_mentee"].id
    person = f"{API}/people/{spare}/entitlement-compliance?{RANGE}"
    assert client.get(person, headers=world.headers("lead")).status_code == 200
    for who in ("mentor", "mentee", "other_lead", "foreign_admin"):
        assert client.get(person, headers=world.headers(who)).status_code == 404, who
    own = client.get(
        f"{API}/people/{world.people['mentee'].id}/entitlement-compliance?{RANGE}",
        headers=world.headers("mentor"),
    ).json()
    assert [p["role"] for p in own["people"]] == ["mentee"]
    item = own["people"][0]["items"][0]
    assert item["category"] == "mentoring_time"
    assert item["periods"]  # week by week, for the drill-down
    # The trust view: admins see both of the trust's schools; a lead only their own.
    trust = client.get(f"{API}/entitlements/compliance?{RANGE}", headers=world.headers("admin"))
    assert [s["school_name"] for s in trust.json()["schools"]] == [
        "Hillcrest Academy",
        "Riverside Primary",
    ]
    led = client.get(f"{API}/entitlements/compliance?{RANGE}", headers=world.headers("lead"))
    assert [s["school_name"] for s in led.json()["schools"]] == ["Hillcrest Academy"]
    cells = {c["category"]: c for c in led.json()["schools"][0]["cells"]}
    assert sum(cells["mentoring_time"]["counts"].values()) == 2


def test_the_csv_export_streams_the_same_figures(client, world, session):
    _second_pair(session, world)
    answer = client.get(
        f"{API}/schools/{world.school.id}/entitlement-compliance/export?{RANGE}",
        headers=world.headers("mentor"),
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert {r["full_name"] for r in rows} == {"Mentor", "Mentee"}
    detail = client.get(
        f"{API}/people/{world.people['mentee'].id}/entitlement-compliance?{RANGE}",
        headers=world.headers("mentor"),
    ).json()
    periods = detail["people"][0]["items"][0]["periods"]
    mine = [r for r in rows if r["full_name"] == "Mentee"]
    assert [(r["starts_on"], float(r["promised"]), r["status"]) for r in mine] == [
        (p["starts_on"], p["promised"], p["status"]) for p in periods
    ]
    # No wellbeing or record content rides along.
    assert "zebra" not in answer.text and "Good start" not in answer.text


def test_provisions_are_recorded_by_a_lead_with_evidence(client, world):
    path = f"/schools/{world.school.id}/entitlement-provisions"
    body = {
        "user_id": str(world.people["mentor"].id),
        "kind": "job_description",
        "amount": 1,
        "effective_from": "2026-09-01",
        "evidence": "Signed copy in the HR file",
    }
    recorded = _post(client, world, "lead", path, body)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["recorded_by"]["id"] == str(world.people["lead"].id)
    assert recorded.json()["evidence"] == "Signed copy in the HR file"
    # Someone with no profile at the school: refused, with the field named.
    stranger = _post(
        client, world, "lead", path, body | {"user_id": str(world.people["observer"].id)}
    )
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"] == "user_id"
    # The mentee sees only their own provisions (none).
    mine = client.get(f"{API}{path}", headers=world.headers("mentee")).json()
    assert mine["items"] == [] and mine["total"] == 0


def test_the_demo_has_approved_policies_and_a_mixed_record(session):
    from api.demo.service import seed_demo
    from api.org.models import School

    seed_demo(session)
    session.commit()
    hillcrest = session.exec(select(School).where(School.name == "Hillcrest Academy")).one()
    first, last = service.default_range(date.today())
    results = service.compute(session, {hillcrest.id}, None, first, last, date.today())
    statuses = {i.status for r in results for i in r.items}
    assert "met" in statuses
    assert statuses & {"at_risk", "missed"}
    events = session.exec(
        select(AuditEvent.action).where(col(AuditEvent.action).startswith("entitlement_policy."))
    ).all()
    assert sorted(set(events)) == [
        "entitlement_policy.approved",
        "entitlement_policy.created",
        "entitlement_policy.submitted",
    ]


def test_a_lead_sets_a_part_time_mentors_fte(client, world):
    path = f"{API}/mentor-profiles/{world.mentor_profile.id}"
    changed = client.patch(path, headers=world.headers("lead"), json={"fte": 0.6})
    assert changed.status_code == 200, changed.text
    assert changed.json()["fte"] == 0.6
    for bad in (0, 1.5, "0.6", True):
        refused = client.patch(path, headers=world.headers("lead"), json={"fte": bad})
        assert refused.status_code == 422, bad
