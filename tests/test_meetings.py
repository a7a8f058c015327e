"""Protected slots and meetings: term weeks only, every occurrence checked for clashes,
protected cancelling, records and agendas."""

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from api.meetings.models import Meeting, MeetingStatus
from tests.conftest import refresh
from tests.helpers_mentoring import autumn_with_half_term, fresh_pairing, weekly_slot


def test_one_meeting_per_term_week_skipping_half_term_across_the_clock_change(
    client, world, session, before_autumn
):
    autumn_with_half_term(session, world)
    pairing_id = fresh_pairing(client, world)
    response = weekly_slot(client, world, pairing_id)
    assert response.status_code == 201, response.text
    starts = [o["starts_at"] for o in response.json()["occurrences"]]
    # Wednesdays 2 September to 16 December, less half-term's 28 October: 15 meetings.
    assert len(starts) == 15
    assert "2026-10-28T" not in " ".join(starts)
    # 15:30 in London is 14:30 UTC in British Summer Time and 15:30 UTC after 25 October.
    assert starts[0] == "2026-09-02T14:30:00Z"
    assert "2026-10-21T14:30:00Z" in starts and "2026-11-04T15:30:00Z" in starts
    assert response.json()["slot"]["meeting_count"] == 15


def test_a_slot_outside_the_pairing_or_term_is_refused(client, world):
    pairing_id = fresh_pairing(client, world)
    outside = weekly_slot(client, world, pairing_id, ends_on="2027-03-01")
    assert outside.status_code == 422
    holiday = weekly_slot(client, world, pairing_id, starts_on="2026-12-19", ends_on="2026-12-18")
    assert holiday.status_code == 422


def test_every_clashing_occurrence_is_listed_and_nothing_is_saved(
    client, world, session, before_autumn
):
    before = len(session.exec(select(Meeting)).all())
    # The world's pair already meets on Wednesdays at 15:30: the 9 September one, and next week.
    url = f"/api/v1/pairings/{world.pairing.id}/slots"
    body = {
        "weekday": 2,
        "start_time": "16:00",
        "location": "Room 1",
        "starts_on": "2026-09-01",
        "ends_on": world.pairing.ends_on.isoformat(),
        "additional": True,  # the pair's second weekly slot, on purpose
    }
    preview = client.post(url + "?dry_run=true", headers=world.headers("mentor"), json=body)
    assert preview.status_code == 200
    clashes = preview.json()["clashes"]
    # Both the mentor's and the mentee's clash is shown, for each of the two weeks.
    assert len(clashes) == 4
    assert {c["clashes_with"]["person"]["full_name"] for c in clashes} == {"Mentor", "Mentee"}
    assert {c["starts_at"][:10] for c in clashes} == {
        "2026-09-09",
        world.next_meeting.occurrence_date.isoformat(),
    }
    refused = client.post(url, headers=world.headers("mentor"), json=body)
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/schedule-clash")
    assert len(refused.json()["clashes"]) == 4
    assert len(session.exec(select(Meeting)).all()) == before
    free = client.post(url, headers=world.headers("mentor"), json=body | {"start_time": "16:30"})
    assert free.status_code == 201


def test_a_slot_starts_at_a_wall_clock_time_at_the_school_written_without_an_offset(
    client, world, before_autumn
):
    url = f"/api/v1/pairings/{world.pairing.id}/slots?dry_run=true"
    body = {
        "weekday": 1,
        "location": "Room 1",
        "starts_on": "2026-09-01",
        "ends_on": "2026-09-30",
        "additional": True,
    }
    for refused in ("16:30Z", "16:30+01:00", 59400, "4:30pm"):
        response = client.post(
            url, headers=world.headers("mentor"), json=body | {"start_time": refused}
        )
        assert response.status_code == 422, refused
        assert response.json()["errors"][0]["field"] == "start_time"
    accepted = client.post(
        url, headers=world.headers("mentor"), json=body | {"start_time": "16:30"}
    )
    assert accepted.status_code == 200


def test_the_mentees_other_commitments_count_too(client, world, session, before_autumn):
    pairing_id = fresh_pairing(client, world)
    assert weekly_slot(client, world, pairing_id).status_code == 201
    # The spare mentee now meets on Wednesdays at 15:30; a lead cannot book them over it.
    refresh(session)
    second = client.post(
        f"/api/v1/pairings/{pairing_id}/slots",
        headers=world.headers("lead"),
        json={
            "weekday": 2,
            "start_time": "16:00",
            "location": "Hall",
            "starts_on": "2026-11-01",
            "ends_on": "2026-11-30",
            "additional": True,
        },
    )
    assert second.status_code == 409
    assert len(second.json()["clashes"]) == 8  # four Wednesdays, mentor and mentee each


def _cancel(client, world, meeting_id, who="mentor", dry_run=False, **body):  # type: ignore[no-untyped-def]
    suffix = "?dry_run=true" if dry_run else ""
    return client.post(
        f"/api/v1/meetings/{meeting_id}/cancel{suffix}",
        headers=world.headers(who),
        json={"reason": "Parents evening"} | body,
    )


def test_cancelling_needs_a_reason_and_a_new_time_or_lost(client, world, session):
    meeting = world.next_meeting
    assert (
        client.post(
            f"/api/v1/meetings/{meeting.id}/cancel",
            headers=world.headers("mentor"),
            json={"outcome": "lost"},
        ).status_code
        == 422
    )
    assert _cancel(client, world, meeting.id, outcome="moved").status_code == 422
    lost = _cancel(client, world, meeting.id, outcome="lost")
    assert lost.status_code == 200 and lost.json()["changed"][0]["new_starts_at"] is None
    refresh(session)
    stored = session.get(Meeting, meeting.id)
    assert stored.status == MeetingStatus.cancelled and stored.lost is True
    assert stored.change_reason == "Parents evening"
    again = _cancel(client, world, meeting.id, outcome="lost")
    assert again.status_code == 409


def test_moving_stays_in_the_school_week(client, world, session):
    meeting = world.next_meeting
    original = meeting.starts_at
    thursday = original + timedelta(days=1)
    moved = _cancel(
        client, world, meeting.id, who="mentee", outcome="moved", new_starts_at=thursday.isoformat()
    )
    assert moved.status_code == 200
    refresh(session)
    stored = session.get(Meeting, meeting.id)
    assert stored.starts_at == thursday and stored.moved_from == original
    assert stored.status == MeetingStatus.scheduled and stored.occurrence_date == (
        meeting.occurrence_date
    )
    next_week = thursday + timedelta(days=7)
    too_far = _cancel(
        client, world, meeting.id, outcome="moved", new_starts_at=next_week.isoformat()
    )
    assert too_far.status_code == 422 and "school week" in too_far.json()["detail"]


def test_a_move_onto_a_clash_is_shown_first_and_refused(client, world, session):
    lead = world.headers("lead")
    # The world's mentor also mentors the spare mentee, on Thursdays at 15:30.
    client.post(
        f"/api/v1/schools/{world.school.id}/mentee-profiles",
        headers=lead,
        json={
            "user_id": str(world.people["spare_mentee"].id),
            "pathway": "itt",
            "starts_on": "2026-09-01",
        },
    )
    second = client.post(
        "/api/v1/pairings",
        headers=lead,
        json={
            "school_id": str(world.school.id),
            "mentor_id": str(world.people["mentor"].id),
            "mentee_id": str(world.people["spare_mentee"].id),
            "kind": "subject_mentor",
            "starts_on": "2026-09-01",
            "ends_on": world.pairing.ends_on.isoformat(),
        },
    ).json()
    first_day = world.next_meeting.occurrence_date + timedelta(days=1)
    slot = client.post(
        f"/api/v1/pairings/{second['id']}/slots",
        headers=lead,
        json={
            "weekday": 3,
            "start_time": "15:30",
            "location": "Lab",
            "starts_on": first_day.isoformat(),
            "ends_on": first_day.isoformat(),
        },
    )
    if slot.status_code == 422:  # not a term day in this run's calendar: make it one
        from api.org.models import TermDate

        session.add(
            TermDate(
                school_id=world.school.id,
                kind="term",
                name="Extra",
                starts_on=first_day,
                ends_on=first_day,
            )
        )
        session.commit()
        slot = client.post(
            f"/api/v1/pairings/{second['id']}/slots",
            headers=lead,
            json={
                "weekday": 3,
                "start_time": "15:30",
                "location": "Lab",
                "starts_on": first_day.isoformat(),
                "ends_on": first_day.isoformat(),
            },
        )
    assert slot.status_code == 201, slot.text
    thursday = world.next_meeting.starts_at + timedelta(days=1)
    preview = _cancel(
        client,
        world,
        world.next_meeting.id,
        dry_run=True,
        outcome="moved",
        new_starts_at=thursday.isoformat(),
    )
    assert preview.status_code == 200
    assert [c["clashes_with"]["person"]["full_name"] for c in preview.json()["clashes"]] == [
        "Mentor"
    ]
    refused = _cancel(
        client, world, world.next_meeting.id, outcome="moved", new_starts_at=thursday.isoformat()
    )
    assert refused.status_code == 409 and len(refused.json()["clashes"]) == 1
    onto_self = _cancel(
        client,
        world,
        world.next_meeting.id,
        dry_run=True,
        outcome="moved",
        new_starts_at=world.next_meeting.starts_at.isoformat(),
    )
    assert onto_self.json()["clashes"] == []  # a meeting never clashes with itself


def test_this_and_all_later_meetings(client, world, session, before_autumn):
    autumn_with_half_term(session, world)
    pairing_id = fresh_pairing(client, world)
    meetings = weekly_slot(client, world, pairing_id).json()["occurrences"]
    eleventh = meetings[10]
    lost = _cancel(
        client, world, eleventh["meeting_id"], who="spare_mentor", outcome="lost", scope="following"
    )
    assert len(lost.json()["changed"]) == 5
    refresh(session)
    rows = session.exec(
        select(Meeting)
        .where(Meeting.pairing_id == uuid.UUID(pairing_id))
        .order_by(Meeting.starts_at)
    ).all()
    assert [m.status for m in rows].count(MeetingStatus.cancelled) == 5
    assert rows[9].status == MeetingStatus.scheduled

    first = meetings[0]
    shifted = _cancel(
        client,
        world,
        first["meeting_id"],
        who="spare_mentee",
        outcome="moved",
        scope="following",
        new_starts_at="2026-09-03T08:00:00+01:00",
    )
    assert shifted.status_code == 200 and len(shifted.json()["changed"]) == 10
    refresh(session)
    moved = session.exec(
        select(Meeting)
        .where(
            Meeting.pairing_id == uuid.UUID(pairing_id),
            Meeting.status == MeetingStatus.scheduled,
        )
        .order_by(Meeting.starts_at)
    ).all()
    # Thursdays at 08:00 London time, in summer and in winter.
    assert moved[0].starts_at == datetime(2026, 9, 3, 7, 0, tzinfo=UTC)
    assert moved[-1].starts_at == datetime(2026, 11, 12, 8, 0, tzinfo=UTC)


def test_only_the_pair_or_a_school_lead_may_cancel(client, world, session):
    session.add(world.people["admin"])
    by_lead = _cancel(client, world, world.next_meeting.id, who="lead", outcome="lost")
    assert by_lead.status_code == 200
    assert (
        _cancel(client, world, world.next_meeting.id, who="admin", outcome="lost").status_code
        == 403
    )


def test_leads_see_every_lost_and_moved_meeting(client, world):
    _cancel(client, world, world.next_meeting.id, outcome="lost")
    lost = client.get(
        f"/api/v1/meetings?school_id={world.school.id}&change=lost", headers=world.headers("lead")
    ).json()
    assert [m["id"] for m in lost["items"]] == [str(world.next_meeting.id)]
    assert lost["items"][0]["change_reason"] == "Parents evening"
    moved = client.get("/api/v1/meetings?change=moved", headers=world.headers("lead")).json()
    assert moved["total"] == 0
    elsewhere = client.get("/api/v1/meetings?change=lost", headers=world.headers("other_lead"))
    assert elsewhere.json()["total"] == 0


def test_records_agenda_and_carried_actions(client, world, before_autumn):
    mentor, mentee = world.headers("mentor"), world.headers("mentee")
    future = client.put(
        f"/api/v1/meetings/{world.next_meeting.id}/record", headers=mentor, json={"status": "held"}
    )
    assert future.status_code == 409
    bad_status = client.put(
        f"/api/v1/meetings/{world.past_meeting.id}/record",
        headers=mentor,
        json={"status": "scheduled"},
    )
    assert bad_status.status_code == 422
    saved = client.put(
        f"/api/v1/meetings/{world.past_meeting.id}/record",
        headers=mentor,
        json={
            "status": "held",
            "notes": "Behaviour routines",
            "targets_reviewed": "TS7",
            "wellbeing_discussed": True,
            "actions": [{"text": "Observe Ms Khan", "owner": "mentee", "due_on": "2026-09-16"}],
        },
    )
    assert saved.status_code == 200
    assert saved.json()["record"]["actions"][0]["owner"]["full_name"] == "Mentee"

    seen = client.get(f"/api/v1/meetings/{world.past_meeting.id}", headers=mentee).json()
    assert seen["record"]["notes"] == "Behaviour routines" and seen["status"] == "held"

    added = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/agenda-items",
        headers=mentee,
        json={"text": "Workload"},
    )
    assert added.status_code == 201
    upcoming = added.json()
    assert [a["text"] for a in upcoming["carried_actions"]] == ["Observe Ms Khan"]
    assert upcoming["agenda_items"][0]["added_by"]["full_name"] == "Mentee"
    assert upcoming["record_keeper"]["full_name"] == "Mentor"

    action_id = upcoming["carried_actions"][0]["id"]
    done = client.patch(f"/api/v1/meeting-actions/{action_id}", headers=mentee, json={"done": True})
    assert done.json()["done"] is True
    after = client.get(f"/api/v1/meetings/{world.next_meeting.id}", headers=mentee).json()
    assert after["carried_actions"] == []
    hidden = client.get(
        f"/api/v1/meetings/{world.past_meeting.id}", headers=world.headers("other_lead")
    )
    assert hidden.status_code == 404 and "Behaviour" not in hidden.text


def test_meeting_lists_are_scoped_and_filtered(client, world):
    mine = client.get("/api/v1/meetings", headers=world.headers("mentee")).json()
    assert mine["total"] == 2
    window = client.get(
        "/api/v1/meetings",
        headers=world.headers("mentee"),
        params={"starts_from": datetime.now(UTC).isoformat()},
    ).json()
    assert [m["id"] for m in window["items"]] == [str(world.next_meeting.id)]
    naive = client.get(
        "/api/v1/meetings?starts_from=2026-01-01T00:00:00", headers=world.headers("mentee")
    )
    assert naive.status_code == 422
    assert date.fromisoformat(mine["items"][0]["occurrence_date"]) == date(2026, 9, 9)


def test_record_content_stays_with_the_pair_and_their_school_leads(client, world):
    url = f"/api/v1/meetings/{world.past_meeting.id}"
    for who in ("mentor", "mentee", "lead"):
        assert client.get(url, headers=world.headers(who)).json()["record"]["notes"] == (
            "Good start"
        )
    overseer = client.get(url, headers=world.headers("admin")).json()
    assert overseer["has_record"] is True and overseer["record"] is None
    assert "Good start" not in str(overseer)


def test_saving_a_record_again_keeps_ticked_actions(client, world):
    url = f"/api/v1/meetings/{world.past_meeting.id}/record"
    mentor = world.headers("mentor")
    first = client.put(
        url,
        headers=mentor,
        json={"status": "held", "actions": [{"text": "Plan a starter", "owner": "mentee"}]},
    ).json()
    action = first["record"]["actions"][0]
    client.patch(
        f"/api/v1/meeting-actions/{action['id']}",
        headers=world.headers("mentee"),
        json={"done": True},
    )
    again = client.put(
        url,
        headers=mentor,
        json={
            "status": "held",
            "notes": "typo fixed",
            "actions": [{"id": action["id"], "text": "Plan a starter activity", "owner": "mentee"}],
        },
    )
    kept = again.json()["record"]["actions"]
    assert [(a["id"], a["done"], a["text"]) for a in kept] == [
        (action["id"], True, "Plan a starter activity")
    ]
    stranger = client.put(
        url,
        headers=mentor,
        json={
            "status": "held",
            "actions": [{"id": str(uuid.uuid4()), "text": "x", "owner": "mentor"}],
        },
    )
    assert stranger.status_code == 422


def test_moving_again_shifts_from_the_slot_day_and_stays_in_term(
    client, world, session, before_autumn
):
    autumn_with_half_term(session, world)
    pairing_id = fresh_pairing(client, world)
    meetings = weekly_slot(client, world, pairing_id).json()["occurrences"]
    headers = world.headers("spare_mentor")

    def move(meeting, when, scope="this"):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/v1/meetings/{meeting['meeting_id']}/cancel",
            headers=headers,
            json={"reason": "Clash", "outcome": "moved", "scope": scope, "new_starts_at": when},
        )

    assert move(meetings[2], "2026-09-17T15:30:00+01:00").status_code == 200  # Wed -> Thu
    assert move(meetings[0], "2026-09-04T15:30:00+01:00", "following").status_code == 200
    refresh(session)
    third = session.get(Meeting, uuid.UUID(meetings[2]["meeting_id"]))
    # Friday of its own week, not Saturday.
    assert third.starts_at == datetime(2026, 9, 18, 14, 30, tzinfo=UTC)
    before_pairing = move(meetings[1], "2026-09-07T09:00:00+01:00")  # Monday, same week
    assert before_pairing.status_code == 200
    weekend = move(meetings[1], "2026-09-12T09:00:00+01:00")
    assert weekend.status_code == 422  # Saturday is outside the school week
    half_term = client.post(
        f"/api/v1/meetings/{meetings[7]['meeting_id']}/cancel",
        headers=headers,
        json={"reason": "Trip", "outcome": "moved", "new_starts_at": "2026-10-26T15:30:00Z"},
    )
    assert half_term.status_code == 422  # the Monday after is half-term


def test_overseers_see_no_actions_or_agenda(client, world):
    client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/agenda-items",
        headers=world.headers("mentee"),
        json={"text": "Workload"},
    )
    seen = client.get(
        f"/api/v1/meetings/{world.next_meeting.id}", headers=world.headers("admin")
    ).json()
    assert seen["carried_actions"] == [] and seen["agenda_items"] == []
    assert "Workload" not in str(seen) and "cold calling" not in str(seen)


def test_hidden_ids_answer_the_same_404(client, world):
    for url, method, body in (
        (f"/api/v1/meeting-actions/{world.action.id}", "PATCH", {"done": True}),
        (f"/api/v1/agreements/{world.agreement.id}/agree", "POST", None),
    ):
        hidden = client.request(method, url, headers=world.headers("other_lead"), json=body)
        assert hidden.status_code == 404
        assert str(world.pairing.id) not in hidden.text
    profile = client.patch(
        f"/api/v1/mentor-profiles/{world.mentor_profile.id}",
        headers=world.headers("other_lead"),
        json={"trained": False},
    )
    assert profile.status_code == 404 and str(world.school.id) not in profile.text


def test_meetings_newest_first_and_actions_name_their_week(client, world):
    newest = client.get("/api/v1/meetings?order=desc", headers=world.headers("mentee")).json()
    assert [m["id"] for m in newest["items"]] == [
        str(world.next_meeting.id),
        str(world.past_meeting.id),
    ]
    detail = client.get(
        f"/api/v1/meetings/{world.next_meeting.id}", headers=world.headers("mentee")
    ).json()
    assert detail["carried_actions"][0]["meeting_date"] == "2026-09-09"
