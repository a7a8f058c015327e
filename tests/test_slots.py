"""Protected weekly slots as a school expects them: a free time proposed, clashes summarised,
one slot per pair unless a second is asked for, nothing back-dated by accident, and a slot
changed from a date or ended with its later meetings following."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from api.audit.models import AuditEvent
from api.meetings.models import Meeting, MeetingStatus, ProtectedSlot
from api.org.models import TermDate
from tests.conftest import refresh

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    return datetime.now(UTC).astimezone(LONDON).date()


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7)


def pair_from_today(client, world, session, *, back: int = 0) -> str:  # type: ignore[no-untyped-def]
    """The spare pair, from `back` weeks ago to 20 weeks ahead, with a term covering it all."""
    first = today() - timedelta(weeks=back)
    session.add(
        TermDate(
            school_id=world.school.id,
            kind="term",
            name="This term",
            starts_on=first - timedelta(days=7),
            ends_on=today() + timedelta(weeks=21),
        )
    )
    session.commit()
    lead, school = world.headers("lead"), world.school.id
    for kind, person in (("mentor", "spare_mentor"), ("mentee", "spare_mentee")):
        extra = {"pathway": "itt"} if kind == "mentee" else {}
        client.post(
            f"/api/v1/schools/{school}/{kind}-profiles",
            headers=lead,
            json={"user_id": str(world.people[person].id), "starts_on": "2026-09-01"} | extra,
        )
    response = client.post(
        "/api/v1/pairings",
        headers=lead,
        json={
            "school_id": str(school),
            "mentor_id": str(world.people["spare_mentor"].id),
            "mentee_id": str(world.people["spare_mentee"].id),
            "kind": "subject_mentor",
            "starts_on": first.isoformat(),
            "ends_on": (today() + timedelta(weeks=20)).isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def slot_body(**overrides):  # type: ignore[no-untyped-def]
    return {
        "weekday": 2,
        "start_time": "15:30",
        "location": "Room 4",
        "starts_on": (today() + timedelta(days=1)).isoformat(),
        "ends_on": (today() + timedelta(weeks=20)).isoformat(),
    } | overrides


def post_slot(client, world, pairing_id, who="spare_mentor", dry_run=False, **overrides):  # type: ignore[no-untyped-def]
    suffix = "?dry_run=true" if dry_run else ""
    return client.post(
        f"/api/v1/pairings/{pairing_id}/slots{suffix}",
        headers=world.headers(who),
        json=slot_body(**overrides),
    )


# --- 1. a free time proposed; clashes summarised ------------------------------------------------


def test_the_proposed_time_is_the_agreed_one_when_free_and_never_a_busy_one(client, world, session):
    url = f"/api/v1/pairings/{world.pairing.id}/slots/free-times"
    response = client.get(url, headers=world.headers("mentor"))
    assert response.status_code == 200, response.text
    first = response.json()["items"][0]
    # The agreement says Wednesdays at 15:30, but next week's meeting is there: the search
    # starts at the agreed time and proposes the first hour after it that is free every week.
    assert (first["weekday"], first["start_time"]) == (2, "16:30:00")
    assert first["duration_minutes"] == 60 and first["meetings"] > 0

    fresh = pair_from_today(client, world, session)
    free = client.get(
        f"/api/v1/pairings/{fresh}/slots/free-times", headers=world.headers("spare_mentor")
    )
    # No agreement yet: the first hour of the school week.
    assert (free.json()["items"][0]["weekday"], free.json()["items"][0]["start_time"]) == (
        0,
        "08:00:00",
    )
    created = post_slot(client, world, fresh, weekday=0, start_time="08:00")
    assert created.status_code == 201, created.text
    again = client.get(
        f"/api/v1/pairings/{fresh}/slots/free-times", headers=world.headers("spare_mentor")
    )
    assert again.json()["items"][0]["start_time"] == "09:00:00"
    hidden = client.get(url, headers=world.headers("other_lead"))
    assert hidden.status_code == 404


def test_the_clash_check_counts_weeks_in_plain_words(client, world, session):
    pairing_id = pair_from_today(client, world, session)
    created = post_slot(client, world, pairing_id)
    assert created.status_code == 201
    weeks = len(created.json()["occurrences"])
    check = post_slot(client, world, pairing_id, dry_run=True, start_time="16:00", additional=True)
    assert check.status_code == 200, check.text
    [group] = check.json()["clash_summary"]
    assert group["weeks"] == weeks
    assert group["summary"] == (
        f"{weeks} Wednesdays clash with your existing weekly slot (Wednesdays at 15:30)"
    )
    # Each detail line says what it clashes with; both people are busy, one line each.
    assert len(check.json()["clashes"]) == 2 * weeks
    assert {c["description"] for c in check.json()["clashes"]} == {group["description"]}
    refused = post_slot(client, world, pairing_id, start_time="16:00", additional=True)
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith(f"{weeks} Wednesdays clash with your existing")
    assert refused.json()["clash_summary"][0]["weeks"] == weeks


# --- 2. one weekly slot per pair unless a second is asked for -----------------------------------


def test_a_second_weekly_slot_needs_asking_for_on_purpose(client, world, session):
    pairing_id = pair_from_today(client, world, session)
    assert post_slot(client, world, pairing_id).status_code == 201
    second = post_slot(client, world, pairing_id, weekday=3, start_time="09:00")
    assert second.status_code == 409
    problem = second.json()
    assert problem["type"].endswith("/slot-exists")
    assert "already has a weekly slot: Wednesdays at 15:30 in Room 4" in problem["detail"]
    assert '"additional": true' in problem["detail"]
    assert "20" not in problem["detail"].split("Room 4, ")[1][:3]  # a date in words, not ISO
    checked = post_slot(client, world, pairing_id, dry_run=True, weekday=3, start_time="09:00")
    assert checked.status_code == 409
    on_purpose = post_slot(
        client, world, pairing_id, weekday=3, start_time="09:00", additional=True
    )
    assert on_purpose.status_code == 201, on_purpose.text
    listed = client.get(
        f"/api/v1/pairings/{pairing_id}/slots", headers=world.headers("spare_mentee")
    )
    assert len(listed.json()["items"]) == 2


# --- 3. nothing starts in the past by accident --------------------------------------------------


def test_only_a_lead_back_fills_past_meetings_and_says_why(client, world, session):
    pairing_id = pair_from_today(client, world, session, back=6)
    past_start = (today() - timedelta(weeks=5)).isoformat()
    mentor = post_slot(client, world, pairing_id, starts_on=past_start)
    assert mentor.status_code == 422
    assert mentor.json()["errors"][0]["field"] == "starts_on"
    assert "starts today" in mentor.json()["detail"]
    assert today().isoformat() not in mentor.json()["detail"]
    no_reason = post_slot(client, world, pairing_id, who="lead", starts_on=past_start)
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "backfill_reason"
    reason = "Paper records from the first half-term"
    backfilled = post_slot(
        client, world, pairing_id, who="lead", starts_on=past_start, backfill_reason=reason
    )
    assert backfilled.status_code == 201, backfilled.text
    refresh(session)
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "slot.created")).one()
    assert event.changes["backfill_reason"] == reason
    assert event.changes["past_meetings"] >= 4
    future = post_slot(
        client, world, world.pairing.id, who="lead", additional=True, backfill_reason=reason
    )
    assert future.status_code == 422  # a reason is only for the past, so nothing slips in


def test_past_meetings_do_not_move_and_say_so(client, world, session):
    pairing_id = pair_from_today(client, world, session, back=3)
    created = post_slot(
        client,
        world,
        pairing_id,
        who="lead",
        starts_on=(today() - timedelta(weeks=3)).isoformat(),
        backfill_reason="Catching up the register",
    )
    past = created.json()["occurrences"][0]
    detail = client.get(f"/api/v1/meetings/{past['meeting_id']}", headers=world.headers("mentor"))
    detail = client.get(
        f"/api/v1/meetings/{past['meeting_id']}", headers=world.headers("spare_mentor")
    )
    assert detail.json()["can"]["move"] is False
    assert detail.json()["can"]["cancel"] is True  # it can still be marked lost
    moved = client.post(
        f"/api/v1/meetings/{past['meeting_id']}/cancel",
        headers=world.headers("spare_mentor"),
        json={
            "reason": "Cover",
            "outcome": "moved",
            "new_starts_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat(),
        },
    )
    assert moved.status_code == 409
    assert "has started cannot move" in moved.json()["detail"]
    upcoming = client.get(
        f"/api/v1/meetings/{world.next_meeting.id}", headers=world.headers("mentor")
    )
    assert upcoming.json()["can"]["move"] is True
    into_the_past = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel",
        headers=world.headers("mentor"),
        json={
            "reason": "Cover",
            "outcome": "moved",
            "new_starts_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
        },
    )
    assert into_the_past.status_code == 422


def test_an_action_is_not_due_in_the_past(client, world):
    url = f"/api/v1/meetings/{world.past_meeting.id}/record"
    body = {"status": "held", "notes": "Behaviour"}
    old = {"text": "Read the policy", "owner": "mentee", "due_on": "2020-01-10"}
    refused = client.put(url, headers=world.headers("mentor"), json=body | {"actions": [old]})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "actions.0.due_on"
    assert "10 Jan 2020" in refused.json()["detail"]
    soon = old | {"due_on": (today() + timedelta(days=7)).isoformat()}
    saved = client.put(url, headers=world.headers("mentor"), json=body | {"actions": [soon]})
    assert saved.status_code == 200, saved.text


# --- 4. a slot changed from a date, or ended ----------------------------------------------------


def _backfilled_with_one_held(client, world, session):  # type: ignore[no-untyped-def]
    pairing_id = uuid.UUID(pair_from_today(client, world, session, back=2))
    created = post_slot(
        client,
        world,
        pairing_id,
        who="lead",
        starts_on=(today() - timedelta(weeks=2)).isoformat(),
        backfill_reason="Catching up the register",
    )
    assert created.status_code == 201, created.text
    first = created.json()["occurrences"][0]["meeting_id"]
    meeting = session.get(Meeting, uuid.UUID(first))
    meeting.status = MeetingStatus.held
    session.add(meeting)
    session.commit()
    return pairing_id, created.json()["slot"]["id"]


def _meetings(session, pairing_id):  # type: ignore[no-untyped-def]
    refresh(session)
    return session.exec(
        select(Meeting).where(Meeting.pairing_id == pairing_id).order_by(Meeting.occurrence_date)  # type: ignore[arg-type]
    ).all()


def test_changing_a_slot_from_a_date_moves_later_meetings_only(client, world, session):
    pairing_id, slot_id = _backfilled_with_one_held(client, world, session)
    before = _meetings(session, pairing_id)
    from_date = next_weekday(2, today() + timedelta(days=1))
    change = {
        "from_date": from_date.isoformat(),
        "start_time": "16:00",
        "location": "Library",
        "reason": "New timetable",
    }
    url = f"/api/v1/slots/{slot_id}/change"
    preview = client.post(url + "?dry_run=true", headers=world.headers("spare_mentee"), json=change)
    assert preview.status_code == 200, preview.text
    following = [m for m in before if m.occurrence_date >= from_date]
    assert preview.json()["meetings_changed"] == len(following)
    assert from_date.isoformat() not in preview.json()["summary"]
    assert _meetings(session, pairing_id)[-1].location == "Room 4"  # a dry run changes nothing

    done = client.post(url, headers=world.headers("spare_mentee"), json=change)
    assert done.status_code == 200, done.text
    after = _meetings(session, pairing_id)
    for old, new in zip(before, after, strict=True):
        if old.occurrence_date >= from_date:
            assert new.starts_at.astimezone(LONDON).time() == time(16, 0)
            assert (new.location, new.ends_at - new.starts_at) == ("Library", timedelta(hours=1))
            assert str(new.slot_id) == done.json()["slot"]["id"]
        else:
            assert (new.starts_at, new.location, new.status) == (
                old.starts_at,
                old.location,
                old.status,
            )
            assert str(new.slot_id) == slot_id
    assert after[0].status == MeetingStatus.held
    slots = client.get(f"/api/v1/pairings/{pairing_id}/slots", headers=world.headers("lead"))
    old_slot, new_slot = slots.json()["items"]
    assert old_slot["ends_on"] == (from_date - timedelta(days=1)).isoformat()
    assert (new_slot["starts_on"], new_slot["start_time"]) == (from_date.isoformat(), "16:00:00")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "slot.changed")).one()
    assert event.changes["reason"] == "New timetable"
    assert event.changes["meetings"] == len(following)
    # A change cannot reach back before today.
    back = client.post(
        f"/api/v1/slots/{new_slot['id']}/change",
        headers=world.headers("spare_mentor"),
        json=change | {"from_date": (today() - timedelta(days=7)).isoformat()},
    )
    assert back.status_code == 422


def test_a_change_onto_a_clash_is_refused_and_changes_nothing(client, world, session):
    pairing_id, slot_id = _backfilled_with_one_held(client, world, session)
    other = post_slot(client, world, pairing_id, weekday=2, start_time="17:00", additional=True)
    assert other.status_code == 201, other.text
    before = [(m.starts_at, m.location) for m in _meetings(session, pairing_id)]
    refused = client.post(
        f"/api/v1/slots/{slot_id}/change",
        headers=world.headers("spare_mentor"),
        json={"from_date": today().isoformat(), "start_time": "16:30", "reason": "Timetable"},
    )
    assert refused.status_code == 409
    assert (
        "Wednesdays clash with your existing weekly slot (Wednesdays at 17:00)"
        in (refused.json()["detail"])
    )
    assert [(m.starts_at, m.location) for m in _meetings(session, pairing_id)] == before
    assert session.exec(select(ProtectedSlot).where(ProtectedSlot.pairing_id == pairing_id)).all()


def test_ending_a_slot_calls_off_later_meetings_and_keeps_held_ones(client, world, session):
    pairing_id, slot_id = _backfilled_with_one_held(client, world, session)
    last = next_weekday(2, today() + timedelta(days=1))
    url = f"/api/v1/slots/{slot_id}/end"
    body = {"last_date": last.isoformat(), "reason": "Mentee moves school at Christmas"}
    preview = client.post(url + "?dry_run=true", headers=world.headers("lead"), json=body)
    assert preview.status_code == 200, preview.text
    expected = [m for m in _meetings(session, pairing_id) if m.occurrence_date > last]
    assert preview.json()["meetings_changed"] == len(expected) > 0
    done = client.post(url, headers=world.headers("lead"), json=body)
    assert done.status_code == 200, done.text
    meetings = _meetings(session, pairing_id)
    assert meetings[0].status == MeetingStatus.held
    for m in meetings:
        if m.occurrence_date > last:
            assert m.status == MeetingStatus.cancelled and m.lost is False
            assert m.change_reason == "Weekly slot ended: Mentee moves school at Christmas"
        else:
            assert m.status != MeetingStatus.cancelled
    assert done.json()["slot"]["ends_on"] == last.isoformat()
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "slot.ended")).one()
    assert event.changes["meetings"] == len(expected)
    past = client.post(
        url,
        headers=world.headers("lead"),
        json=body | {"last_date": (today() - timedelta(days=8)).isoformat()},
    )
    assert past.status_code == 422
    hidden = client.post(url, headers=world.headers("other_lead"), json=body)
    assert hidden.status_code == 404
    overseer = client.post(url, headers=world.headers("observer"), json=body)
    assert overseer.status_code in (403, 404)
