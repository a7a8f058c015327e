"""The plug-in points every domain uses: events, calendar sources and to-do sources."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import select

from api.core import events
from api.meetings.models import Meeting, MeetingStatus
from api.meetings.service import stop_after_pairing_end
from api.mentoring.events import PairingEnded
from api.org.models import TermDate
from api.scheduling import sources
from api.scheduling.sources import Busy, FeedEvent
from tests.conftest import refresh

LONDON = ZoneInfo("Europe/London")


# --- events ------------------------------------------------------------------------------


def test_start_up_registers_the_handlers_explicitly(app):
    assert stop_after_pairing_end in events.handlers_for(PairingEnded)


def test_a_failing_handler_undoes_the_change_that_published_the_event(client, world, session):
    def refuse(_session, _event):  # type: ignore[no-untyped-def]
        raise RuntimeError("a handler failed")

    events.subscribe(PairingEnded, refuse)
    try:
        response = client.post(
            f"/api/v1/pairings/{world.pairing.id}/end",
            headers=world.headers("lead"),
            json={"ends_on": date.today().isoformat(), "reason": "Mentor left"},
        )
    finally:
        events._handlers[PairingEnded].remove(refuse)
    assert response.status_code == 500
    refresh(session)
    assert session.get(type(world.pairing), world.pairing.id).ended_early_reason is None
    assert session.get(Meeting, world.next_meeting.id).status == MeetingStatus.scheduled


def test_events_reach_only_handlers_of_their_own_type(session):
    seen: list[object] = []

    @dataclass_event
    class Something:
        value: int

    def note(_session, event):  # type: ignore[no-untyped-def]
        seen.append(event)

    events.subscribe(Something, note)
    events.subscribe(Something, note)  # start-up running twice registers it once
    events.publish(session, Something(1))
    events.publish(session, object())
    assert seen == [Something(1)]


def dataclass_event(cls):  # type: ignore[no-untyped-def]
    from dataclasses import dataclass

    return dataclass(frozen=True)(cls)


# --- calendar sources --------------------------------------------------------------------


class TrainingDay:
    """A stand-in domain: the mentor is on a course next Thursday morning."""

    name = "test-training"

    def __init__(self, mentor_id: uuid.UUID, day: date) -> None:
        self.mentor_id = mentor_id
        self.starts = datetime.combine(day, time(9, 0), tzinfo=LONDON)
        self.id = uuid.uuid4()

    def busy(self, session, people, start, end, ignore):  # type: ignore[no-untyped-def]
        inside = start < self.starts + timedelta(hours=6) and end > self.starts
        if self.mentor_id in people and inside:
            return [
                Busy(
                    self.mentor_id,
                    self.starts,
                    self.starts + timedelta(hours=6),
                    self.name,
                    self.id,
                    "Mentor course",
                )
            ]
        return []

    def feed_events(self, session, user_id):  # type: ignore[no-untyped-def]
        if user_id != self.mentor_id:
            return []
        return [
            FeedEvent(
                uid=f"training-{self.id}@mentorhub",
                summary="Mentor course",
                starts_at=self.starts,
                ends_at=self.starts + timedelta(hours=6),
            )
        ]


@pytest.fixture
def training_source(world):  # type: ignore[no-untyped-def]
    today = date.today()
    thursday = today + timedelta(days=(3 - today.weekday()) % 7 + 7)
    source = TrainingDay(world.people["mentor"].id, thursday)
    sources.register_calendar_source(source)
    yield source
    sources._sources.pop(source.name)


def test_a_registered_source_is_asked_by_the_clash_check(client, world, training_source):
    day = training_source.starts.date()
    body = {
        "weekday": 3,
        "start_time": "10:00",
        "location": "Room 1",
        "starts_on": day.isoformat(),
        "ends_on": day.isoformat(),
        "additional": True,  # the pair has its weekly slot already
    }
    with_term(world, client, day)
    preview = client.post(
        f"/api/v1/pairings/{world.pairing.id}/slots?dry_run=true",
        headers=world.headers("mentor"),
        json=body,
    )
    assert preview.status_code == 200
    [clash] = preview.json()["clashes"]
    assert clash["clashes_with"]["source"] == "test-training"
    assert clash["clashes_with"]["title"] == "Mentor course"


def test_a_registered_source_fills_the_feed_of_its_people_only(client, world, training_source):
    def feed(who: str) -> Calendar:
        link = client.post("/api/v1/me/calendar-feed", headers=world.headers(who)).json()
        return Calendar.from_ical(client.get(link["url"].removeprefix("http://testserver")).content)

    mentor = [str(e["summary"]) for e in feed("mentor").walk("VEVENT")]
    mentee = [str(e["summary"]) for e in feed("mentee").walk("VEVENT")]
    assert "Mentor course" in mentor
    assert "Mentor course" not in mentee
    assert any(s.startswith("Mentoring with") for s in mentee)


def with_term(world, client, day: date) -> None:  # type: ignore[no-untyped-def]
    """Makes sure `day` is a term day at the world's school (the world's term ends in
    December)."""
    from api.db import new_session

    with new_session() as db:
        db.add(
            TermDate(
                school_id=world.school.id,
                kind="term",
                name="Test term",
                starts_on=day,
                ends_on=day,
            )
        )
        db.commit()


# --- to-do sources -----------------------------------------------------------------------


def _todos(client, world, who):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/me/todos", headers=world.headers(who))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return body["items"]


def _meeting(session, world, starts: datetime) -> Meeting:  # type: ignore[no-untyped-def]
    meeting = Meeting(
        pairing_id=world.pairing.id,
        occurrence_date=starts.date(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        location="Room 12",
    )
    session.add(meeting)
    session.commit()
    return meeting


def test_an_agreement_waiting_for_the_mentee_is_on_their_list_only(client, world):
    waiting = [t for t in _todos(client, world, "mentee") if t["kind"] == "agreement.to_agree"]
    assert [(t["target_type"], t["target_id"]) for t in waiting] == [
        ("pairing", str(world.pairing.id))
    ]
    assert "version 1" in waiting[0]["text"] and "Mentor" in waiting[0]["text"]
    assert not [t for t in _todos(client, world, "mentor") if t["kind"] == "agreement.to_agree"]
    agreed = client.post(
        f"/api/v1/agreements/{world.agreement.id}/agree", headers=world.headers("mentee")
    )
    assert agreed.status_code == 200
    assert not [t for t in _todos(client, world, "mentee") if t["kind"] == "agreement.to_agree"]


def test_a_record_to_write_goes_to_the_record_keeper(client, world, session):
    yesterday = datetime.now(UTC) - timedelta(days=1)
    meeting = _meeting(session, world, yesterday)
    to_record = [t for t in _todos(client, world, "mentor") if t["kind"] == "meeting.to_record"]
    assert [t["target_id"] for t in to_record] == [str(meeting.id)]
    assert to_record[0]["due_on"] == meeting.occurrence_date.isoformat()
    # The agreement names the mentor to keep the record; the mentee has nothing to write.
    assert not [t for t in _todos(client, world, "mentee") if t["kind"] == "meeting.to_record"]


def test_the_coming_weeks_meetings_are_on_both_lists_soonest_first(client, world, session):
    soon = _meeting(session, world, datetime.now(UTC) + timedelta(days=2))
    sooner = _meeting(session, world, datetime.now(UTC) + timedelta(hours=3))
    for who in ("mentor", "mentee"):
        upcoming = [t for t in _todos(client, world, who) if t["kind"] == "meeting.upcoming"]
        assert [t["target_id"] for t in upcoming][:2] == [str(sooner.id), str(soon.id)]
    dated = [t["due_on"] for t in _todos(client, world, "mentee") if t["due_on"]]
    assert dated == sorted(dated)


def test_nobody_sees_another_persons_to_dos(client, world, session):
    meeting = _meeting(session, world, datetime.now(UTC) - timedelta(days=1))
    for who in ("admin", "observer", "other_lead", "foreign_admin", "spare_mentor"):
        assert _todos(client, world, who) == [], who
    # The school's lead is told the meeting has no record, as a lead; not asked to write it.
    # (The lead's other to-dos, such as the entitlement's early warning that the world's mentee
    # has not been observed for three weeks, are the lead's own and tested where they are made.)
    about_meetings = [t for t in _todos(client, world, "lead") if t["kind"].startswith("meeting.")]
    assert [(t["kind"], t["target_id"]) for t in about_meetings] == [
        ("meeting.unrecorded", str(meeting.id))
    ]
    assert client.get("/api/v1/me/todos", headers=world.headers("client")).status_code == 403


def test_cancelled_and_recorded_meetings_ask_for_nothing(client, world, session):
    meeting = _meeting(session, world, datetime.now(UTC) - timedelta(days=1))
    meeting.status = MeetingStatus.cancelled
    session.add(meeting)
    session.commit()
    kinds = {t["kind"] for t in _todos(client, world, "mentor")}
    assert "meeting.to_record" not in kinds
    assert session.exec(select(Meeting).where(Meeting.id == meeting.id)).one()


# --- the events each domain publishes ----------------------------------------------------


@pytest.fixture
def published():  # type: ignore[no-untyped-def]
    """Every event of the published kinds, as handlers receive them."""
    from api.meetings.events import MeetingRecorded, MeetingsLost
    from api.org.events import ClosureAdded, PersonDeactivated

    seen: list[object] = []

    def note(_session, event):  # type: ignore[no-untyped-def]
        seen.append(event)

    kinds = (ClosureAdded, PersonDeactivated, MeetingsLost, MeetingRecorded, PairingEnded)
    for kind in kinds:
        events.subscribe(kind, note)
    yield seen
    for kind in kinds:
        events._handlers[kind].remove(note)


def test_a_closure_added_is_published_and_a_term_is_not(client, world, published):
    url = f"/api/v1/schools/{world.school.id}/term-dates"
    inset = {"kind": "closure", "name": "INSET", "starts_on": "2026-11-02", "ends_on": "2026-11-02"}
    assert client.post(url, headers=world.headers("lead"), json=inset).status_code == 201
    term = {"kind": "term", "name": "Spring", "starts_on": "2027-01-04", "ends_on": "2027-03-26"}
    assert client.post(url, headers=world.headers("lead"), json=term).status_code == 201
    [event] = published
    assert type(event).__name__ == "ClosureAdded"
    assert (event.school_id, event.starts_on.isoformat()) == (world.school.id, "2026-11-02")


def test_a_deactivation_a_lost_meeting_and_a_record_are_published(client, world, published):
    deactivated = client.patch(
        f"/api/v1/users/{world.people['observer'].id}",
        headers=world.headers("lead"),
        json={"active": False},
    )
    assert deactivated.status_code == 200
    lost = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel",
        headers=world.headers("mentor"),
        json={"reason": "Cover", "outcome": "lost"},
    )
    assert lost.status_code == 200
    recorded = client.put(
        f"/api/v1/meetings/{world.past_meeting.id}/record",
        headers=world.headers("mentor"),
        json={"status": "missed", "notes": ""},
    )
    assert recorded.status_code == 200
    names = [type(e).__name__ for e in published]
    assert names == ["PersonDeactivated", "MeetingsLost", "MeetingRecorded"]
    person, gone, record = published
    assert person.user_id == world.people["observer"].id
    assert gone.meeting_ids == (world.next_meeting.id,)
    assert (record.meeting_id, record.held) == (world.past_meeting.id, False)


def test_a_dry_run_publishes_nothing(client, world, published):
    preview = client.post(
        f"/api/v1/meetings/{world.next_meeting.id}/cancel?dry_run=true",
        headers=world.headers("mentor"),
        json={"reason": "Cover", "outcome": "lost"},
    )
    assert preview.status_code == 200 and published == []
