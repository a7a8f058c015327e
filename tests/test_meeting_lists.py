"""Meeting lists a school can filter, the words for meetings that did not happen, and meetings
on a day the school closes after they were planned."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from api.audit.models import AuditEvent
from api.core.wording import human_date
from api.meetings.models import CancelReason, Meeting, MeetingStatus
from tests.conftest import refresh

LONDON = ZoneInfo("Europe/London")


def _meetings(client, world, who="lead", **params):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/meetings", headers=world.headers(who), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _add_meeting(session, world, day, status=MeetingStatus.scheduled):  # type: ignore[no-untyped-def]
    meeting = Meeting(
        pairing_id=world.pairing.id,
        occurrence_date=day,
        starts_at=datetime.combine(day, time(8, 0), tzinfo=LONDON),
        ends_at=datetime.combine(day, time(9, 0), tzinfo=LONDON),
        location="Library",
        status=status,
    )
    session.add(meeting)
    session.commit()
    return meeting


def _inset(client, world, day, who="lead"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/schools/{world.school.id}/term-dates",
        headers=world.headers(who),
        json={
            "kind": "closure",
            "name": "INSET day",
            "starts_on": day.isoformat(),
            "ends_on": day.isoformat(),
        },
    )


# --- one vocabulary -------------------------------------------------------------------------


def test_called_off_and_did_not_take_place_are_told_apart(client, world, session):
    called_off = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel",
        headers=world.headers("mentor"),
        json={"reason": "Parents evening", "outcome": "lost"},
    )
    assert called_off.status_code == 200
    item = _meetings(client, world, pairing_id=str(world.pairing.id), status="cancelled")
    assert [m["cancel_reason"] for m in item["items"]] == ["called_off"]
    assert item["items"][0]["lost"] is True
    listed = _meetings(client, world, cancel_reason="called_off")
    assert [m["id"] for m in listed["items"]] == [str(world.next_meeting.id)]


def test_the_status_words_are_explained_in_the_api_description(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    status = schemas["MeetingStatus"]["description"]
    for words in ("Called off", "Did not take place", "School closed", "counted against nobody"):
        assert words in status
    assert "school_closed" in schemas["CancelReason"]["enum"]
    assert (
        "count against nobody"
        in schemas["MeetingPublic"]["properties"]["cancel_reason"]["description"]
    )


# --- lists ----------------------------------------------------------------------------------


def test_a_lead_filters_the_schools_meetings(client, world, session):
    past_unrecorded = _add_meeting(
        session, world, world.past_meeting.occurrence_date + timedelta(7)
    )
    school = str(world.school.id)
    everything = _meetings(client, world, school_id=school, limit=200)
    assert everything["total"] == 3 and everything["limit"] == 200
    to_record = _meetings(client, world, school_id=school, not_recorded=True)
    assert [m["id"] for m in to_record["items"]] == [str(past_unrecorded.id)]
    held = _meetings(client, world, school_id=school, status="held")
    assert [m["id"] for m in held["items"]] == [str(world.past_meeting.id)]
    by_mentee = _meetings(client, world, school_id=school, person_id=str(world.people["mentee"].id))
    assert by_mentee["total"] == 3
    nobody = _meetings(
        client, world, school_id=school, person_id=str(world.people["spare_mentee"].id)
    )
    assert nobody["total"] == 0
    week_start = datetime.combine(world.next_meeting.occurrence_date, time(0), tzinfo=LONDON)
    this_week = _meetings(
        client,
        world,
        school_id=school,
        starts_from=week_start.isoformat(),
        starts_before=(week_start + timedelta(days=5)).isoformat(),
    )
    assert [m["id"] for m in this_week["items"]] == [str(world.next_meeting.id)]
    paged = _meetings(client, world, pairing_id=str(world.pairing.id), limit=1, offset=1)
    assert paged["total"] == 3 and len(paged["items"]) == 1
    assert (
        client.get("/api/v1/meetings?limit=201", headers=world.headers("lead")).status_code == 422
    )


def test_school_meeting_lists_are_scoped(client, world, session):
    _add_meeting(session, world, world.past_meeting.occurrence_date + timedelta(7))
    school = str(world.school.id)
    hidden = client.get(
        "/api/v1/meetings", headers=world.headers("other_lead"), params={"school_id": school}
    )
    assert hidden.status_code == 404 and "Mentee" not in hidden.text
    foreign = client.get(
        "/api/v1/meetings", headers=world.headers("foreign_admin"), params={"school_id": school}
    )
    assert foreign.status_code == 404
    assert _meetings(client, world, "other_lead", not_recorded=True)["total"] == 0
    assert _meetings(client, world, "other_lead", on_closure_day=True)["total"] == 0
    mine = _meetings(client, world, "mentee", not_recorded=True)
    assert mine["total"] == 1
    assert client.get("/api/v1/meetings", headers=world.headers("observer")).status_code == 403


# --- closures -------------------------------------------------------------------------------


def test_a_new_inset_day_shows_its_meetings_to_the_lead(client, world, session):
    day = world.next_meeting.occurrence_date
    assert _inset(client, world, day).status_code == 201
    school = str(world.school.id)
    on_closure = _meetings(client, world, school_id=school, on_closure_day=True)
    assert [m["id"] for m in on_closure["items"]] == [str(world.next_meeting.id)]
    assert on_closure["items"][0]["closed_day"] == f"INSET day, {human_date(day)}"
    assert on_closure["items"][0]["status"] == "scheduled"

    todos = client.get("/api/v1/me/todos", headers=world.headers("lead")).json()["items"]
    closure = [t for t in todos if t["kind"] == "meetings.on_closure_day"]
    assert [t["text"] for t in closure] == [
        f"1 meeting falls on the INSET day of {human_date(day)}: move it or let it go."
    ]
    assert closure[0]["target_type"] == "school" and closure[0]["target_id"] == school
    # Only the lead of that school is asked.
    for who in ("other_lead", "mentor", "admin"):
        theirs = client.get("/api/v1/me/todos", headers=world.headers(who)).json()["items"]
        assert all(t["kind"] != "meetings.on_closure_day" for t in theirs)
    refresh(session)
    noted = session.exec(
        select(AuditEvent).where(AuditEvent.action == "meetings.on_new_closure")
    ).one()
    assert noted.changes["meetings"] == 1


def test_letting_meetings_go_for_a_closure_counts_against_nobody(client, world, session):
    day = world.next_meeting.occurrence_date
    _inset(client, world, day)
    url = f"/api/v1/schools/{world.school.id}/closure-meetings/let-go"
    body = {"meeting_ids": [str(world.next_meeting.id)]}
    assert client.post(url, headers=world.headers("mentor"), json=body).status_code == 403
    assert client.post(url, headers=world.headers("other_lead"), json=body).status_code == 404
    let_go = client.post(url, headers=world.headers("lead"), json=body)
    assert let_go.status_code == 200, let_go.text
    assert [c["meeting_id"] for c in let_go.json()["changed"]] == body["meeting_ids"]
    refresh(session)
    stored = session.get(Meeting, world.next_meeting.id)
    assert stored.status == MeetingStatus.cancelled and stored.lost is False
    assert stored.cancel_reason == CancelReason.school_closed
    assert stored.change_reason == f"School closed: INSET day, {human_date(day)}"
    closed = _meetings(client, world, cancel_reason="school_closed")
    assert closed["total"] == 1
    assert _meetings(client, world, change="lost")["total"] == 0
    assert _meetings(client, world, on_closure_day=True)["total"] == 0
    todos = client.get("/api/v1/me/todos", headers=world.headers("lead")).json()["items"]
    assert all(t["kind"] != "meetings.on_closure_day" for t in todos)
    again = client.post(url, headers=world.headers("lead"), json=body)
    assert again.status_code == 409


def test_only_meetings_on_a_closed_day_can_be_let_go(client, world, session):
    url = f"/api/v1/schools/{world.school.id}/closure-meetings/let-go"
    open_day = client.post(
        url, headers=world.headers("lead"), json={"meeting_ids": [str(world.next_meeting.id)]}
    )
    assert open_day.status_code == 409
    assert "The school is open" in open_day.json()["detail"]
    assert "2026-" not in open_day.json()["detail"]
    refresh(session)
    assert session.get(Meeting, world.next_meeting.id).status == MeetingStatus.scheduled
    other_school = client.post(
        f"/api/v1/schools/{world.other_school.id}/closure-meetings/let-go",
        headers=world.headers("other_lead"),
        json={"meeting_ids": [str(world.next_meeting.id)]},
    )
    assert other_school.status_code == 404 and "Mentee" not in other_school.text


def test_a_meeting_on_a_closed_day_moves_to_another_day_of_its_week(client, world, session):
    day = world.next_meeting.occurrence_date
    _inset(client, world, day)
    moved = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel",
        headers=world.headers("lead"),
        json={
            "reason": "INSET day",
            "outcome": "moved",
            "new_starts_at": datetime.combine(day + timedelta(1), time(15, 30), tzinfo=LONDON)
            .astimezone(UTC)
            .isoformat(),
        },
    )
    assert moved.status_code == 200, moved.text
    assert _meetings(client, world, on_closure_day=True)["total"] == 0
    onto_closure = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel",
        headers=world.headers("lead"),
        json={
            "reason": "Back again",
            "outcome": "moved",
            "new_starts_at": datetime.combine(day, time(15, 30), tzinfo=LONDON).isoformat(),
        },
    )
    assert onto_closure.status_code == 422
