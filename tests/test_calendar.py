"""Calendar feeds, read the way calendar apps read them: parsed with icalendar, expanded with
recurring-ical-events, and compared with the meetings in the database."""

import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar
from sqlmodel import select

from api.core.logging import configure_logging
from api.meetings.models import Meeting, MeetingStatus
from tests.conftest import refresh
from tests.helpers_mentoring import autumn_with_half_term, fresh_pairing, weekly_slot


def _feed_url(client, world, who):  # type: ignore[no-untyped-def]
    created = client.post("/api/v1/me/calendar-feed", headers=world.headers(who))
    assert created.status_code == 201
    return created.json()["url"].removeprefix("http://testserver")


def _expand(ics: bytes):  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(ics)
    events = recurring_ical_events.of(calendar).between(
        datetime(2026, 8, 1, tzinfo=UTC), datetime(2027, 8, 1, tzinfo=UTC)
    )
    return calendar, sorted(events, key=lambda e: e["DTSTART"].dt)


def _live_meetings(session, pairing_id):  # type: ignore[no-untyped-def]
    refresh(session)
    return session.exec(
        select(Meeting)
        .where(
            Meeting.pairing_id == uuid.UUID(pairing_id), Meeting.status != MeetingStatus.cancelled
        )
        .order_by(Meeting.starts_at)
    ).all()


def test_feed_matches_the_meetings_across_half_term_and_the_clock_change(
    client, world, session, before_autumn
):
    autumn_with_half_term(session, world)
    pairing_id = fresh_pairing(client, world)
    occurrences = weekly_slot(client, world, pairing_id).json()["occurrences"]
    url = _feed_url(client, world, "spare_mentee")

    # Lose one week, move another to the Thursday of the same week.
    lost, moved = occurrences[2]["meeting_id"], occurrences[9]["meeting_id"]
    client.post(
        f"/api/v1/meetings/{lost}/cancel",
        headers=world.headers("spare_mentor"),
        json={"reason": "Cover", "outcome": "lost"},
    )
    moved_to = datetime.fromisoformat(occurrences[9]["starts_at"]) + timedelta(days=1)
    client.post(
        f"/api/v1/meetings/{moved}/cancel",
        headers=world.headers("spare_mentor"),
        json={"reason": "Trip", "outcome": "moved", "new_starts_at": moved_to.isoformat()},
    )

    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar, events = _expand(response.content)

    expected = [m.starts_at for m in _live_meetings(session, pairing_id)]
    assert [e["DTSTART"].dt.astimezone(UTC) for e in events] == expected
    assert len(expected) == 14  # 15 term Wednesdays, less one lost (the moved one stays)
    # Wall-clock 15:30 either side of the clock change; the moved one on Thursday.
    local = [e["DTSTART"].dt for e in events]
    assert all(str(d.tzinfo) == "Europe/London" for d in local)
    assert {d.strftime("%H:%M") for d in local} == {"15:30"}
    assert sum(d.weekday() == 3 for d in local) == 1
    assert moved_to in [d.astimezone(UTC) for d in local]

    series = [c for c in calendar.walk("VEVENT") if "RRULE" in c]
    assert len(series) == 1
    assert "RECURRENCE-ID" in [k for c in calendar.walk("VEVENT") for k in c]
    assert series[0]["UID"].startswith("slot-")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert series[0]["SUMMARY"] == "Mentoring with Spare Mentor"


def test_uids_are_stable_and_each_person_gets_their_own_view(client, world, session, before_autumn):
    pairing_id = fresh_pairing(client, world)
    weekly_slot(client, world, pairing_id)
    mentee_url = _feed_url(client, world, "spare_mentee")
    mentor_url = _feed_url(client, world, "spare_mentor")
    first = Calendar.from_ical(client.get(mentee_url).content)
    second = Calendar.from_ical(client.get(mentee_url).content)
    uids = lambda cal: sorted(str(e["UID"]) for e in cal.walk("VEVENT"))  # noqa: E731
    assert uids(first) == uids(second)
    mentor_view = Calendar.from_ical(client.get(mentor_url).content)
    assert uids(mentor_view) == uids(first)
    assert mentor_view.walk("VEVENT")[0]["SUMMARY"] == "Mentoring with Spare Mentee"
    # Nobody else's meetings appear: the world's pair is absent.
    assert "Mentee" not in str(mentor_view.walk("VEVENT")[0]["SUMMARY"]).replace("Spare Mentee", "")


def test_feed_links_rotate_and_revoke(client, world):
    status = client.get("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    assert status == {"active": False, "created_at": None, "last_used_at": None}
    old = _feed_url(client, world, "mentor")
    assert client.get(old).status_code == 200
    new = _feed_url(client, world, "mentor")
    assert new != old
    gone = client.get(old)
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
    active = client.get("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    assert active["active"] is True and active["last_used_at"] is None
    assert (
        client.delete("/api/v1/me/calendar-feed", headers=world.headers("mentor")).status_code
        == 204
    )
    assert client.get(new).status_code == 404
    assert client.get("/api/v1/calendar/mhc_made-up.ics").status_code == 404


def test_feed_of_a_deactivated_person_stops(client, world, session):
    url = _feed_url(client, world, "mentee")
    client.patch(
        f"/api/v1/users/{world.people['mentee'].id}",
        headers=world.headers("lead"),
        json={"active": False},
    )
    assert client.get(url).status_code == 404


def test_feed_secret_is_not_logged(client, world):
    url = _feed_url(client, world, "mentor")
    buffer = io.StringIO()
    configure_logging("INFO", stream=buffer)
    try:
        client.get(url)
    finally:
        configure_logging("WARNING")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    # The test client's own HTTP log is not the server's; every server line is checked.
    server_lines = [
        json.loads(line)
        for line in buffer.getvalue().splitlines()
        if json.loads(line)["logger"] != "httpx"
    ]
    assert token not in json.dumps(server_lines)
    paths = [line.get("path") for line in server_lines]
    assert "/api/v1/calendar/[redacted].ics" in paths


def test_the_world_pair_feed_holds_its_moved_and_held_meetings(client, world):
    url = _feed_url(client, world, "mentor")
    calendar, events = _expand(client.get(url).content)
    starts = [e["DTSTART"].dt.astimezone(UTC) for e in events]
    assert world.past_meeting.starts_at in starts and world.next_meeting.starts_at in starts


def _fetch(client, url, etag=None):  # type: ignore[no-untyped-def]
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(url, headers=headers)


def _changed(client, url, etag):  # type: ignore[no-untyped-def]
    """The next fetch with the tag sent before: a new feed, under a new tag."""
    response = _fetch(client, url, etag)
    assert response.status_code == 200
    assert response.headers["etag"] != etag
    return response


def test_an_unchanged_feed_answers_304_and_any_change_shows_in_the_next_fetch(
    client, world, session, before_autumn
):
    autumn_with_half_term(session, world)
    pairing_id = fresh_pairing(client, world)
    occurrences = weekly_slot(client, world, pairing_id).json()["occurrences"]
    url = _feed_url(client, world, "spare_mentee")

    first = _fetch(client, url)
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = _fetch(client, url)
    assert again.content == first.content and again.headers["etag"] == etag
    unchanged = _fetch(client, url, etag)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag

    # Moved: the next fetch says so.
    moved = occurrences[9]
    moved_to = datetime.fromisoformat(moved["starts_at"]) + timedelta(days=1)
    client.post(
        f"/api/v1/meetings/{moved['meeting_id']}/cancel",
        headers=world.headers("spare_mentor"),
        json={"reason": "Trip", "outcome": "moved", "new_starts_at": moved_to.isoformat()},
    )
    response = _changed(client, url, etag)
    _, events = _expand(response.content)
    assert moved_to in [e["DTSTART"].dt.astimezone(UTC) for e in events]
    etag = response.headers["etag"]

    # Cancelled (lost): gone from the next fetch.
    lost = occurrences[2]
    client.post(
        f"/api/v1/meetings/{lost['meeting_id']}/cancel",
        headers=world.headers("spare_mentor"),
        json={"reason": "Cover", "outcome": "lost"},
    )
    response = _changed(client, url, etag)
    _, events = _expand(response.content)
    starts = [e["DTSTART"].dt.astimezone(UTC) for e in events]
    assert datetime.fromisoformat(lost["starts_at"]) not in starts
    assert starts == [m.starts_at for m in _live_meetings(session, pairing_id)]
    etag = response.headers["etag"]

    # The pairing ends before its meetings: they leave the next fetch.
    ends = datetime.fromisoformat(occurrences[4]["starts_at"]).date()
    ended = client.post(
        f"/api/v1/pairings/{pairing_id}/end",
        headers=world.headers("lead"),
        json={"ends_on": ends.isoformat(), "reason": "Mentee moved school"},
    )
    assert ended.status_code == 200, ended.text
    response = _changed(client, url, etag)
    _, events = _expand(response.content)
    assert len(events) == len(_live_meetings(session, pairing_id)) < len(starts)


def test_a_renamed_partner_and_a_deactivated_person_show_in_the_next_fetch(client, world):
    url = _feed_url(client, world, "mentee")
    first = _fetch(client, url)
    assert b"Mentoring with" in first.content
    renamed = client.patch(
        f"/api/v1/users/{world.people['mentor'].id}",
        headers=world.headers("lead"),
        json={"full_name": "Renamed Mentor"},
    )
    assert renamed.status_code == 200, renamed.text
    response = _changed(client, url, first.headers["etag"])
    assert b"Renamed Mentor" in response.content
    client.patch(
        f"/api/v1/users/{world.people['mentee'].id}",
        headers=world.headers("lead"),
        json={"active": False},
    )
    assert _fetch(client, url, response.headers["etag"]).status_code == 404
