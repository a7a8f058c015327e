"""Supervision sessions (scheduled with clash checks, recorded with a private note, counted)
and the mentor network (colleagues, never their mentees' names)."""

from datetime import date

from sqlmodel import select

from api.audit.models import AuditEvent
from api.db import new_session
from api.mentoring.models import MentorProfile
from api.org.models import Membership, Role
from api.supervision import service as supervision
from tests.conftest import make_user, refresh
from tests.helpers_wellbeing import SUPERVISION_SECRET

SESSIONS = "/api/v1/supervision/sessions"


def _body(world, **extra):  # type: ignore[no-untyped-def]
    return {
        "mentor_id": str(world.people["mentor"].id),
        "school_id": str(world.school.id),
        "starts_at": "2027-03-04T16:00:00Z",
        "ends_at": "2027-03-04T17:00:00Z",
        "location": "Meeting room 2",
    } | extra


def test_a_lead_schedules_a_series_at_the_same_wall_clock_time_checked_for_clashes(client, world):
    lead = world.headers("lead")
    # Next week the mentor has their protected meeting.
    meeting = world.next_meeting.starts_at
    clash = client.post(
        SESSIONS,
        headers=lead,
        json=_body(
            world, starts_at=meeting.isoformat(), ends_at=world.next_meeting.ends_at.isoformat()
        ),
    )
    assert clash.status_code == 409, clash.text
    assert clash.json()["clashes"][0]["source"] == "meeting"
    assert "Choose another time" in clash.json()["detail"]
    # Across the clock change (28 March 2027): 16:00 in London both times.
    series = client.post(SESSIONS, headers=lead, json=_body(world, every_weeks=4, times=2))
    assert series.status_code == 201, series.text
    starts = [s["starts_at"] for s in series.json()["items"]]
    assert starts == ["2027-03-04T16:00:00Z", "2027-04-01T15:00:00Z"]
    # The new sessions clash with what comes after them.
    again = client.post(SESSIONS, headers=lead, json=_body(world))
    assert again.status_code == 409 and again.json()["clashes"][0]["source"] == "supervision"
    refused = client.post(
        SESSIONS, headers=lead, json=_body(world, mentor_id=str(world.people["mentee"].id))
    )
    assert refused.status_code == 422 and "mentor of this school" in refused.json()["detail"]


def test_recorded_held_with_a_private_note_for_the_lead_and_the_mentor_only(client, world, session):
    path = f"{SESSIONS}/{world.supervision.id}"
    recorded = client.put(
        path + "/record",
        headers=world.headers("lead"),
        json={"held": True, "supervision_note": SUPERVISION_SECRET},
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["status"] == "held"
    assert recorded.json()["held_on"] == "2026-09-15"
    assert recorded.json()["can"]["record"] is False
    mentor = client.get(path, headers=world.headers("mentor")).json()
    assert mentor["supervision_note"] == SUPERVISION_SECRET
    admin = client.get(path, headers=world.headers("admin")).json()
    assert admin["status"] == "held" and admin["supervision_note"] is None
    assert SUPERVISION_SECRET not in client.get(SESSIONS, headers=world.headers("admin")).text
    for who in ("other_lead", "foreign_admin"):
        assert client.get(path, headers=world.headers(who)).status_code == 404
    for who in ("mentee", "observer", "client"):
        assert client.get(path, headers=world.headers(who)).status_code == 403
    refresh(session)
    for event in session.exec(select(AuditEvent)).all():
        assert SUPERVISION_SECRET not in repr(event.changes)
    with new_session(read_only=True) as reading:
        counts = supervision.held_counts(
            reading, {world.people["mentor"].id}, date(2026, 9, 1), date(2026, 9, 30)
        )
        assert counts == {world.people["mentor"].id: 1}
        assert (
            supervision.held_counts(
                reading, {world.people["mentor"].id}, date(2026, 10, 1), date(2026, 10, 31)
            )
            == {}
        )


def test_a_session_not_held_is_counted_as_such_and_leaves_the_calendars(client, world):
    path = f"{SESSIONS}/{world.supervision.id}"
    bad = client.put(
        path + "/record",
        headers=world.headers("lead"),
        json={"held": False, "held_on": "2026-09-15"},
    )
    assert bad.status_code == 422
    recorded = client.put(
        path + "/record",
        headers=world.headers("lead"),
        json={"held": False, "not_held_reason": "Cover for an absent colleague"},
    )
    assert recorded.json()["status"] == "not_held" and recorded.json()["held_on"] is None
    assert (
        client.put(path + "/record", headers=world.headers("lead"), json={"held": True}).status_code
        == 409
    )
    feed = client.post("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    ics = client.get(feed["url"].removeprefix("http://testserver")).text
    assert f"supervision-{world.supervision.id}" not in ics


def test_the_lead_is_asked_to_record_and_both_see_the_coming_session(client, world):
    from datetime import UTC, datetime, timedelta

    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    soon = soon.replace(hour=7, minute=0, second=0)
    made = client.post(
        SESSIONS,
        headers=world.headers("lead"),
        json=_body(
            world,
            starts_at=soon.isoformat(),
            ends_at=(soon + timedelta(hours=1)).isoformat(),
            confirm_clash=True,
        ),
    )
    assert made.status_code == 201, made.text
    for who, other in (("lead", "Mentor"), ("mentor", "Lead")):
        todos = client.get("/api/v1/me/todos", headers=world.headers(who)).json()["items"]
        upcoming = [t for t in todos if t["kind"] == "supervision.upcoming"]
        assert len(upcoming) == 1 and upcoming[0]["text"].startswith(f"Supervision with {other}")
        assert upcoming[0]["group"] == "coming_up"
    assert not [
        t
        for t in client.get("/api/v1/me/todos", headers=world.headers("mentee")).json()["items"]
        if t["kind"].startswith("supervision")
    ]


def test_the_network_shows_the_trusts_mentors_without_their_mentees(client, world, session):
    colleague = make_user(session, world.trust, "riverside_mentor")
    session.add(
        Membership(
            user_id=colleague.id,
            trust_id=world.trust.id,
            school_id=world.other_school.id,
            role=Role.mentor,
        )
    )
    session.flush()
    session.add(
        MentorProfile(
            user_id=colleague.id,
            school_id=world.other_school.id,
            subjects=["History", "Geography"],
            starts_on=date(2026, 9, 1),
        )
    )
    session.commit()
    answer = client.get("/api/v1/mentor-network", headers=world.headers("mentor"))
    assert answer.status_code == 200, answer.text
    rows = {r["person"]["full_name"]: r for r in answer.json()["items"]}
    assert set(rows) == {"Mentor", "Riverside Mentor"}
    assert rows["Mentor"]["mentee_count"] == 1 and rows["Mentor"]["subjects"] == ["Science"]
    assert rows["Riverside Mentor"]["school"]["name"] == "Riverside Primary"
    assert rows["Riverside Mentor"]["mentee_count"] == 0
    assert "Mentee" not in answer.text and world.people["mentee"].email not in answer.text
    only = client.get(
        f"/api/v1/mentor-network?school_id={world.school.id}", headers=world.headers("mentor")
    )
    assert [r["person"]["full_name"] for r in only.json()["items"]] == ["Mentor"]
    history = client.get("/api/v1/mentor-network?subject=hist", headers=world.headers("lead"))
    assert [r["person"]["full_name"] for r in history.json()["items"]] == ["Riverside Mentor"]
    odd = client.get('/api/v1/mentor-network?subject=%25"_\\', headers=world.headers("lead"))
    assert odd.status_code == 200 and odd.json()["total"] == 0
    assert (
        client.get("/api/v1/mentor-network", headers=world.headers("foreign_admin")).status_code
        == 403
    )
    assert client.get("/api/v1/mentor-network", headers=world.headers("mentee")).status_code == 403
