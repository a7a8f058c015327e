"""Wellbeing check-ins are restricted data. Who sees what, role by role and for an integration
client, by the API; the note nowhere it should not be (answers, to-dos, the audit log, the
logs, calendar feeds); a school's figures only in groups of five or more."""

import logging
import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import select

from api.audit.models import AuditEvent
from api.mentoring.models import Pairing
from api.org.models import Membership, Role
from api.wellbeing.models import CheckInRole, WellbeingCheckIn
from tests.conftest import make_user, mint_user_token, refresh
from tests.helpers_wellbeing import SECRET_NOTE, SUPERVISION_SECRET

CHECK_INS = "/api/v1/wellbeing/check-ins"
NEW_NOTE = "quokka-99 I feel I am drowning in planning"
SCORES = ("wellbeing_score", "workload_score", "wants_to_talk")


@pytest.fixture
def people(client, world, session):  # type: ignore[no-untyped-def]
    """Headers for every role the rules name: the world's, plus a lead of the school who is
    not its wellbeing lead."""
    plain_lead = make_user(session, world.trust, "plain_lead")
    session.add(
        Membership(
            user_id=plain_lead.id,
            trust_id=world.trust.id,
            school_id=world.school.id,
            role=Role.school_lead,
        )
    )
    session.commit()
    headers = {
        who: world.headers(key)
        for who, key in {
            "trust_admin": "admin",
            "wellbeing_lead": "lead",
            "mentor_of_mentee": "mentor",
            "another_mentor": "spare_mentor",
            "mentee": "mentee",
            "another_mentee": "spare_mentee",
            "observer": "observer",
            "other_school_lead": "other_lead",
            "client": "client",
        }.items()
    }
    token = mint_user_token(plain_lead, {Role.school_lead})
    headers["school_lead"] = {"Authorization": f"Bearer {token}"}
    return headers


# who -> (status of the mentee's check-in, whether the unshared note is shown)
SEES = {
    "mentee": (200, True),
    "mentor_of_mentee": (200, False),
    "wellbeing_lead": (200, False),
    "school_lead": (404, None),
    "another_mentor": (404, None),
    "another_mentee": (404, None),
    "other_school_lead": (404, None),
    "trust_admin": (403, None),
    "observer": (403, None),
    "client": (403, None),
}


def test_each_role_sees_what_it_may_of_a_mentees_check_in(client, world, people):
    path = f"{CHECK_INS}/{world.check_in.id}"
    for who, (status, note_shown) in SEES.items():
        answer = client.get(path, headers=people[who])
        assert answer.status_code == status, (who, answer.text)
        assert SECRET_NOTE not in answer.text or note_shown, who
        listed = client.get(CHECK_INS, headers=people[who])
        ids = [c["id"] for c in listed.json()["items"]] if listed.status_code == 200 else []
        assert (str(world.check_in.id) in ids) == (status == 200), who
        assert SECRET_NOTE not in listed.text or note_shown, who
        if status != 200:
            assert "Mentee" not in answer.text, who
            continue
        body = answer.json()
        # Whoever sees it sees the scores and the talk flag.
        assert (body["wellbeing_score"], body["workload_score"], body["wants_to_talk"]) == (
            2,
            5,
            True,
        )
        assert body["note_shown"] is note_shown, who
        assert body["wellbeing_note"] == (SECRET_NOTE if note_shown else None), who
        assert (
            body["relation"]
            == {
                "mentee": "own",
                "mentor_of_mentee": "mentor",
                "wellbeing_lead": "wellbeing_lead",
            }[who]
        )


def test_a_shared_note_is_read_by_the_mentor_and_the_wellbeing_lead_only(client, world, people):
    path = f"{CHECK_INS}/{world.check_in.id}"
    shared = client.patch(path, headers=people["mentee"], json={"wellbeing_note_shared": True})
    assert shared.status_code == 200 and shared.json()["wellbeing_note_shared"] is True
    for who, (status, _) in SEES.items():
        answer = client.get(path, headers=people[who])
        assert answer.status_code == status, who
        assert (SECRET_NOTE in answer.text) == (status == 200), who
        if status == 200 and who != "mentee":
            # Whether it is shared is the mentee's business; the others just read it.
            assert answer.json()["wellbeing_note_shared"] is None
    # Only the mentee decides.
    for who in ("mentor_of_mentee", "wellbeing_lead"):
        refused = client.patch(path, headers=people[who], json={"wellbeing_note_shared": False})
        assert refused.status_code == 403, who
    unshared = client.patch(path, headers=people["mentee"], json={"wellbeing_note_shared": False})
    assert unshared.json()["wellbeing_note_shared"] is False
    assert SECRET_NOTE not in client.get(path, headers=people["mentor_of_mentee"]).text


def test_a_mentor_sees_only_check_ins_made_while_they_mentor_and_while_they_still_do(
    client, world, people, session
):
    path = f"{CHECK_INS}/{world.check_in.id}"
    pairing = session.get(Pairing, world.pairing.id)
    pairing.starts_on = world.check_in.checked_in_on + timedelta(days=1)
    session.add(pairing)
    session.commit()
    assert client.get(path, headers=people["mentor_of_mentee"]).status_code == 404
    pairing.starts_on = date(2026, 9, 1)
    pairing.ends_on = date.today() - timedelta(days=1)
    session.add(pairing)
    session.commit()
    assert client.get(path, headers=people["mentor_of_mentee"]).status_code == 404
    assert client.get(path, headers=people["mentee"]).status_code == 200


def test_a_talk_request_is_a_to_do_for_the_mentor_then_for_nobody_once_followed_up(
    client, world, people
):
    def talks(who: str) -> list[dict]:
        todos = client.get("/api/v1/me/todos", headers=people[who])
        assert SECRET_NOTE not in todos.text
        assert "workload" not in todos.text.lower() and "score" not in todos.text.lower()
        return [t for t in todos.json()["items"] if t["kind"] == "wellbeing.to_talk"]

    assert talks("mentor_of_mentee") == [
        {
            "kind": "wellbeing.to_talk",
            "text": "Mentee would like to talk (checked in on 14 Sept 2026).",
            "due_on": "2026-09-14",
            "target_type": "wellbeing_check_in",
            "target_id": str(world.check_in.id),
            "group": "to_do",
        }
    ]
    for who in ("wellbeing_lead", "school_lead", "mentee", "another_mentor", "trust_admin"):
        assert talks(who) == [], who
    # The wellbeing lead cannot close the mentor's to-do; the mentor can, once.
    path = f"{CHECK_INS}/{world.check_in.id}/follow-up"
    assert client.post(path, headers=people["wellbeing_lead"]).status_code == 403
    done = client.post(path, headers=people["mentor_of_mentee"])
    assert done.status_code == 200 and done.json()["talk_followed_up_at"]
    assert client.post(path, headers=people["mentor_of_mentee"]).status_code == 409
    assert talks("mentor_of_mentee") == []


def test_a_mentors_talk_request_goes_to_the_wellbeing_lead_not_to_other_leads(
    client, world, people
):
    made = client.post(
        CHECK_INS,
        headers=people["mentor_of_mentee"],
        json={"wellbeing_score": 2, "workload_score": 4, "wants_to_talk": True},
    )
    assert made.status_code == 201, made.text
    assert made.json()["subject_role"] == "mentor"

    def talk_ids(who: str) -> list[str]:
        todos = client.get("/api/v1/me/todos", headers=people[who]).json()["items"]
        return [t["target_id"] for t in todos if t["kind"] == "wellbeing.to_talk"]

    assert talk_ids("wellbeing_lead") == [made.json()["id"]]
    assert talk_ids("school_lead") == []
    assert talk_ids("other_school_lead") == []
    path = f"{CHECK_INS}/{made.json()['id']}"
    assert client.get(path, headers=people["wellbeing_lead"]).json()["can"]["follow_up"] is True
    assert client.get(path, headers=people["school_lead"]).status_code == 404
    followed = client.post(path + "/follow-up", headers=people["wellbeing_lead"])
    assert followed.status_code == 200
    assert talk_ids("wellbeing_lead") == []


def test_the_wellbeing_lead_designation_is_managed_by_leads_and_admins_and_audited(
    client, world, people, session
):
    plain = session.exec(
        select(Membership.user_id).where(
            Membership.school_id == world.school.id,
            Membership.role == Role.school_lead,
            Membership.user_id != world.people["lead"].id,
        )
    ).one()
    path = f"/api/v1/schools/{world.school.id}/wellbeing-leads/{plain}"
    assert client.get(CHECK_INS, headers=people["school_lead"]).json()["total"] == 0
    named = client.put(path, headers=people["trust_admin"])
    assert named.status_code == 200, named.text
    assert client.get(CHECK_INS, headers=people["school_lead"]).json()["total"] == 1
    not_a_lead = f"/api/v1/schools/{world.school.id}/wellbeing-leads/{world.people['mentor'].id}"
    refused = client.put(not_a_lead, headers=people["wellbeing_lead"])
    assert refused.status_code == 422 and "lead" in refused.json()["detail"]
    assert client.delete(path, headers=people["wellbeing_lead"]).status_code == 204
    assert client.get(CHECK_INS, headers=people["school_lead"]).json()["total"] == 0
    events = client.get(
        "/api/v1/audit-events?object_type=wellbeing_lead", headers=people["trust_admin"]
    ).json()["items"]
    assert [e["action"] for e in events] == ["wellbeing_lead.removed", "wellbeing_lead.designated"]
    # A designated lead who stops leading the school stops seeing its check-ins at once.
    refresh(session)
    lead_membership = session.exec(
        select(Membership).where(
            Membership.user_id == world.people["lead"].id, Membership.role == Role.school_lead
        )
    ).one()
    session.delete(lead_membership)
    session.add(
        Membership(
            user_id=world.people["lead"].id,
            trust_id=world.trust.id,
            school_id=world.school.id,
            role=Role.mentor,
        )
    )
    session.commit()
    headers = {"Authorization": f"Bearer {mint_user_token(world.people['lead'], {Role.mentor})}"}
    assert client.get(f"{CHECK_INS}/{world.check_in.id}", headers=headers).status_code == 404


def test_the_note_is_never_in_the_audit_log_the_logs_or_a_calendar_feed(
    client, world, people, session, caplog
):
    caplog.set_level(logging.DEBUG)
    made = client.post(
        CHECK_INS,
        headers=people["mentee"],
        json={
            "wellbeing_score": 1,
            "workload_score": 5,
            "wellbeing_note": NEW_NOTE,
            "wellbeing_note_shared": True,
            "wants_to_talk": True,
        },
    )
    assert made.status_code == 201, made.text
    check_in_id = made.json()["id"]
    client.patch(
        f"{CHECK_INS}/{check_in_id}",
        headers=people["mentee"],
        json={"wellbeing_note_shared": False},
    )
    client.post(f"{CHECK_INS}/{check_in_id}/follow-up", headers=people["mentor_of_mentee"])
    supervision = f"/api/v1/supervision/sessions/{world.supervision.id}/record"
    recorded = client.put(
        supervision,
        headers=people["wellbeing_lead"],
        json={"held": True, "supervision_note": SUPERVISION_SECRET},
    )
    assert recorded.status_code == 200, recorded.text
    # A refused write says nothing of what it was sent either.
    bad = client.post(
        CHECK_INS,
        headers=people["mentee"],
        json={"wellbeing_score": 9, "workload_score": 5, "wellbeing_note": NEW_NOTE},
    )
    assert bad.status_code == 422
    assert NEW_NOTE not in bad.text
    secrets = (NEW_NOTE, SECRET_NOTE, SUPERVISION_SECRET)

    # The audit log: every event, as stored, and as the trust admin reads it.
    refresh(session)
    events = session.exec(select(AuditEvent)).all()
    about = [e for e in events if e.object_type == "wellbeing_check_in"]
    assert {e.action for e in about} == {
        "wellbeing_check_in.created",
        "wellbeing_check_in.updated",
        "wellbeing_check_in.followed_up",
    }
    for event in events:
        stored = repr(event.changes) + event.action
        assert not any(s in stored for s in secrets), event.action
        assert not set(SCORES) & set(event.changes), event.action
        assert "wellbeing_note" not in repr(event.changes), event.action
    seen = client.get("/api/v1/audit-events?limit=200", headers=people["trust_admin"])
    assert seen.status_code == 200
    assert not any(s in seen.text for s in secrets)
    assert check_in_id not in seen.text  # the admin is not even told a check-in happened

    # The logs, every logger and level.
    assert not any(s in caplog.text for s in secrets)
    for record in caplog.records:
        assert not any(s in str(record.__dict__) for s in secrets)

    # Calendar feeds: everyone's, the supervision session in the mentor's and the lead's.
    for who in ("mentee", "mentor", "lead", "observer"):
        feed = client.post("/api/v1/me/calendar-feed", headers=world.headers(who)).json()
        ics = client.get(feed["url"].removeprefix("http://testserver")).text
        assert not any(s in ics for s in secrets), who
        assert "wellbeing" not in ics.lower(), who
        if who in ("mentor", "lead"):
            assert f"supervision-{world.supervision.id}@mentorhub" in ics

    # Integration clients: refused every wellbeing and supervision route.
    for path in (
        CHECK_INS,
        f"{CHECK_INS}/{check_in_id}",
        f"/api/v1/schools/{world.school.id}/wellbeing-summary",
        "/api/v1/supervision/sessions",
        "/api/v1/mentor-network",
    ):
        answer = client.get(path, headers=people["client"])
        assert answer.status_code == 403, path
        assert not any(s in answer.text for s in secrets)


def _check_ins(session, world, group: CheckInRole, people: int, week: date, score: int):  # type: ignore[no-untyped-def]
    for index in range(people):
        person = make_user(session, world.trust, f"{group.value}_{week.isoformat()}_{index}")
        session.add(
            WellbeingCheckIn(
                subject_id=person.id,
                school_id=world.school.id,
                subject_role=group,
                checked_in_on=week,
                week_start=week,
                wellbeing_score=score,
                workload_score=3,
                wants_to_talk=index == 0,
            )
        )
    session.commit()


def test_a_schools_figures_hide_every_group_of_fewer_than_five(client, world, people, session):
    week = date(2026, 10, 5)
    _check_ins(session, world, CheckInRole.mentee, 5, week, 4)
    _check_ins(session, world, CheckInRole.mentor, 4, week, 2)
    path = f"/api/v1/schools/{world.school.id}/wellbeing-summary?from=2026-09-01&to=2026-10-31"
    answer = client.get(path, headers=people["wellbeing_lead"])
    assert answer.status_code == 200, answer.text
    rows = {(r["week_start"], r["group"]): r for r in answer.json()["items"]}
    assert rows[("2026-10-05", "mentee")] == {
        "week_start": "2026-10-05",
        "group": "mentee",
        "hidden": False,
        "people": 5,
        "check_ins": 5,
        "mean_wellbeing": 4.0,
        "mean_workload": 3.0,
        "talk_requests": 1,
    }
    for key in (("2026-10-05", "mentor"), ("2026-09-14", "mentee")):
        assert rows[key]["hidden"] is True
        assert [rows[key][f] for f in ("people", "check_ins", "mean_wellbeing")] == [None] * 3
        assert rows[key]["talk_requests"] is None
    # No whole-school row, from which a hidden group would follow.
    assert {r["group"] for r in answer.json()["items"]} == {"mentee", "mentor"}
    assert answer.json()["minimum_group"] == 5
    for who in ("school_lead", "mentor_of_mentee", "mentee"):
        assert client.get(path, headers=people[who]).status_code == 403, who
    for who in ("trust_admin", "observer", "client"):
        assert client.get(path, headers=people[who]).status_code == 403, who
    assert client.get(path, headers=people["other_school_lead"]).status_code == 404
    backwards = path.replace("from=2026-09-01&to=2026-10-31", "from=2026-10-31&to=2026-09-01")
    refused = client.get(backwards, headers=people["wellbeing_lead"])
    assert refused.status_code == 422 and refused.json()["detail"]


def test_bad_check_ins_are_refused_in_plain_words_and_nothing_is_saved(
    client, world, people, session
):
    cases = [
        {"wellbeing_score": 0, "workload_score": 3},
        {"wellbeing_score": 3, "workload_score": 6},
        {"wellbeing_score": "3", "workload_score": 3},
        {"wellbeing_score": 3},
        {"wellbeing_score": 3, "workload_score": 3, "wellbeing_note": "x" * 2001},
        {"wellbeing_score": 3, "workload_score": 3, "school_id": str(world.other_school.id)},
        {"wellbeing_score": 3, "workload_score": 3, "school_id": str(uuid.uuid4())},
        {"wellbeing_score": 3, "workload_score": 3, "mood": "fine"},
    ]
    for body in cases:
        answer = client.post(CHECK_INS, headers=people["mentee"], json=body)
        assert answer.status_code == 422, body
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["detail"], body
    refresh(session)
    assert len(session.exec(select(WellbeingCheckIn)).all()) == 1  # the world's
    assert (
        client.post(
            CHECK_INS,
            headers=people["wellbeing_lead"],
            json={"wellbeing_score": 3, "workload_score": 3},
        ).json()["detail"]
        == "Check-ins are for mentees and mentors."
    )
