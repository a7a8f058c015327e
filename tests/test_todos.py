"""What each home says to do next: the to-dos of mentors, mentees and school leads, how they
are grouped and worded, who sees them, and what they cost to answer."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.engine.base import OptionEngine

from api.core.wording import human_time
from api.db import get_engine, get_read_engine
from api.meetings.models import Meeting, MeetingRecord, MeetingStatus, ProtectedSlot
from api.mentoring.models import Pairing, PairingKind
from api.org.models import Membership, Role, User
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
AGREEMENT = {
    "meeting_frequency": "weekly",
    "meeting_day": 2,
    "meeting_time": "15:30",
    "meeting_location": "Room 12",
    "feedback_timing": "same_day",
    "mentor_prepares": "Lesson notes",
    "mentee_prepares": "A reflection",
    "record_keeper": "mentor",
    "agenda_setting": "Together",
    "feedback_approach": "Strengths first",
    "wellbeing_frequency": "every meeting",
    "concern_route": "Speak to the induction tutor",
}


def _todos(client, world, who):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/me/todos", headers=world.headers(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _kinds(client, world, who, kind):  # type: ignore[no-untyped-def]
    return [t for t in _todos(client, world, who) if t["kind"] == kind]


def _meeting(session, pairing_id, starts: datetime, **fields) -> Meeting:  # type: ignore[no-untyped-def]
    meeting = Meeting(
        pairing_id=pairing_id,
        occurrence_date=starts.astimezone(LONDON).date(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        location="Room 12",
        **fields,
    )
    session.add(meeting)
    session.commit()
    return meeting


def _pairing(session, world, mentor: User, mentee: User, **dates) -> Pairing:  # type: ignore[no-untyped-def]
    """A current pairing at the world's school, with no agreement and no slot."""
    today = date.today()
    start = dates.get("starts_on", today - timedelta(days=30))
    pairing = Pairing(
        school_id=world.school.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        kind=PairingKind.subject_mentor,
        starts_on=start,
        ends_on=dates.get("ends_on", today + timedelta(days=200)),
    )
    session.add(pairing)
    session.commit()
    return pairing


def _spare_pairing(session, world, **dates) -> Pairing:  # type: ignore[no-untyped-def]
    return _pairing(
        session, world, world.people["spare_mentor"], world.people["spare_mentee"], **dates
    )


def _local(value: datetime) -> datetime:
    return value.astimezone(LONDON)


def _at(days: int, hour: int = 10) -> datetime:
    """`days` from today at `hour` school time (negative days are in the past)."""
    day = datetime.now(LONDON).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=LONDON)


# --- mentees and mentors -----------------------------------------------------------------------


def test_a_new_agreement_version_waits_for_the_mentee_until_they_agree_it(client, world):
    mentee, mentor = world.headers("mentee"), world.headers("mentor")
    assert client.post(f"/api/v1/agreements/{world.agreement.id}/agree", headers=mentee).is_success
    assert _kinds(client, world, "mentee", "agreement.to_agree") == []
    url = f"/api/v1/pairings/{world.pairing.id}/agreements"
    proposed = client.post(url, headers=mentor, json=AGREEMENT | {"meeting_location": "Lab 3"})
    assert proposed.status_code == 201, proposed.text

    waiting = _kinds(client, world, "mentee", "agreement.to_agree")
    assert [(t["text"], t["target_type"], t["target_id"], t["group"]) for t in waiting] == [
        (
            "Read and agree version 2 of your agreement with Mentor.",
            "pairing",
            str(world.pairing.id),
            "to_do",
        )
    ]
    # The mentor proposed it, so agreed it; nothing waits for them.
    assert _kinds(client, world, "mentor", "agreement.to_agree") == []
    agreed = client.post(f"/api/v1/agreements/{proposed.json()['id']}/agree", headers=mentee)
    assert agreed.status_code == 200
    assert _kinds(client, world, "mentee", "agreement.to_agree") == []


def test_a_pair_with_no_agreement_is_asked_to_set_one_up_at_their_first_meeting(
    client, world, session
):
    pairing = _spare_pairing(session, world)
    for who, partner in (("spare_mentor", "Spare Mentee"), ("spare_mentee", "Spare Mentor")):
        assert [(t["kind"], t["text"], t["target_id"]) for t in _todos(client, world, who)] == [
            (
                "agreement.to_set_up",
                f"Set up your mentoring agreement with {partner} at your first meeting.",
                str(pairing.id),
            )
        ]


def test_an_unwritten_record_is_overdue_from_the_day_after_the_meeting(client, world, session):
    earlier = _meeting(session, world.pairing.id, _at(-3, 15))
    today = datetime.now(UTC)
    if _local(today).hour >= 1:  # a meeting that ended earlier today, when there was time for one
        _meeting(
            session,
            world.pairing.id,
            _local(today).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1),
        )
    to_record = _kinds(client, world, "mentor", "meeting.to_record")
    assert to_record[0]["target_id"] == str(earlier.id)
    assert to_record[0]["group"] == "overdue"
    assert to_record[0]["text"] == (
        f"Write the record of your meeting with Mentee on {human_time(_local(earlier.starts_at))}."
    )
    assert all(t["group"] == "to_do" for t in to_record[1:])


def test_the_meeting_this_week_is_coming_up_in_school_time_words(client, world, session):
    soon = _meeting(session, world.pairing.id, _at(2, 15))
    for who, partner in (("mentor", "Mentee"), ("mentee", "Mentor")):
        upcoming = [
            t
            for t in _kinds(client, world, who, "meeting.upcoming")
            if t["target_id"] == str(soon.id)
        ]
        assert [(t["text"], t["group"], t["due_on"]) for t in upcoming] == [
            (
                f"Your meeting with {partner} this week is on "
                f"{human_time(_local(soon.starts_at))}.",
                "coming_up",
                soon.occurrence_date.isoformat(),
            )
        ]


def test_overdue_first_then_what_to_do_then_what_is_coming_up(client, world, session):
    _meeting(session, world.pairing.id, _at(-2, 15))
    _meeting(session, world.pairing.id, _at(1, 15))
    _pairing(session, world, world.people["mentor"], world.people["spare_mentee"])
    groups = [t["group"] for t in _todos(client, world, "mentor")]
    assert groups == sorted(groups, key=["overdue", "to_do", "coming_up"].index)
    assert set(groups) == {"overdue", "to_do", "coming_up"}


# --- school leads ------------------------------------------------------------------------------


def test_a_lead_sees_the_pairings_of_their_school_with_no_weekly_slot(client, world, session):
    pairing = _spare_pairing(session, world)
    ended = _pairing(
        session,
        world,
        make_user(session, world.trust, "old_mentor"),
        make_user(session, world.trust, "old_mentee"),
        starts_on=date.today() - timedelta(days=100),
        ends_on=date.today() - timedelta(days=1),
    )
    no_slot = _kinds(client, world, "lead", "slot.missing")
    assert [(t["target_type"], t["target_id"], t["group"]) for t in no_slot] == [
        ("pairing", str(pairing.id), "to_do")
    ]
    assert no_slot[0]["text"] == (
        "Set up a weekly slot for Spare Mentor and Spare Mentee: "
        "they have no protected meeting time."
    )
    assert str(ended.id) not in {t["target_id"] for t in no_slot}
    # A slot that has run out is no slot.
    session.add(
        ProtectedSlot(
            pairing_id=pairing.id,
            weekday=1,
            start_time=time(9, 0),
            location="Room 4",
            starts_on=date.today() - timedelta(days=20),
            ends_on=date.today() - timedelta(days=1),
            created_by=world.people["lead"].id,
        )
    )
    session.commit()
    assert len(_kinds(client, world, "lead", "slot.missing")) == 1
    session.add(
        ProtectedSlot(
            pairing_id=pairing.id,
            weekday=1,
            start_time=time(9, 0),
            location="Room 4",
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=100),
            created_by=world.people["lead"].id,
        )
    )
    session.commit()
    assert _kinds(client, world, "lead", "slot.missing") == []


def test_a_lead_sees_this_weeks_meetings_that_were_lost_missed_or_not_recorded(
    client, world, session
):
    pairing = world.pairing.id
    unrecorded = _meeting(session, pairing, _at(-1, 12))
    lost = _meeting(session, pairing, _at(-2, 12), status=MeetingStatus.cancelled, lost=True)
    missed = _meeting(session, pairing, _at(-3, 12), status=MeetingStatus.missed)
    # Not for the lead: moved away, held and recorded, still to come, or weeks ago.
    _meeting(session, pairing, _at(-4, 12), status=MeetingStatus.cancelled)
    held = _meeting(session, pairing, _at(-5, 12), status=MeetingStatus.held)
    session.add(MeetingRecord(meeting_id=held.id, notes="", recorded_by=world.people["mentor"].id))
    session.commit()
    _meeting(session, pairing, _at(1, 12))
    _meeting(session, pairing, _at(-12, 12))

    found = {
        t["target_id"]: t for t in _todos(client, world, "lead") if t["target_type"] == "meeting"
    }
    assert set(found) == {str(unrecorded.id), str(lost.id), str(missed.id)}
    assert found[str(unrecorded.id)]["kind"] == "meeting.unrecorded"
    assert found[str(unrecorded.id)]["text"] == (
        f"The meeting of Mentor and Mentee on {human_time(_local(unrecorded.starts_at))} "
        "has no record yet: Mentor keeps it."
    )
    assert found[str(lost.id)]["kind"] == "meeting.lost"
    assert found[str(lost.id)]["text"] == (
        f"The meeting of Mentor and Mentee on {human_time(_local(lost.starts_at))} "
        "was called off with no new time."
    )
    assert found[str(missed.id)]["kind"] == "meeting.missed"
    assert "did not happen" in found[str(missed.id)]["text"]
    assert found[str(lost.id)]["due_on"] == lost.occurrence_date.isoformat()


def test_another_schools_lead_and_the_trust_admin_see_none_of_a_schools_to_dos(
    client, world, session
):
    _spare_pairing(session, world)
    _meeting(session, world.pairing.id, _at(-1, 12))
    _meeting(session, world.pairing.id, _at(-2, 12), status=MeetingStatus.cancelled, lost=True)
    assert {t["kind"] for t in _todos(client, world, "lead")} >= {
        "slot.missing",
        "meeting.unrecorded",
        "meeting.lost",
    }
    for who in ("other_lead", "admin", "foreign_admin", "observer"):
        assert _todos(client, world, who) == [], who
    # The pair themselves are not sent the lead's to-dos.
    assert not {"slot.missing", "meeting.unrecorded", "meeting.lost"} & {
        t["kind"] for t in _todos(client, world, "mentor") + _todos(client, world, "mentee")
    }


def test_a_lead_who_leads_two_schools_sees_both(client, world, session):
    session.add(
        Membership(
            user_id=world.people["other_lead"].id,
            trust_id=world.trust.id,
            role=Role.school_lead,
            school_id=world.school.id,
        )
    )
    session.commit()
    pairing = _spare_pairing(session, world)
    assert [t["target_id"] for t in _kinds(client, world, "other_lead", "slot.missing")] == [
        str(pairing.id)
    ]


# --- cost -------------------------------------------------------------------------------------


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Every SQL statement the app runs while the block runs."""
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    # Reads go through the reading engine: its own on SQLite, the same engine with options
    # (whose events are the main engine's) on PostgreSQL.
    engines = [get_engine()]
    if not isinstance(get_read_engine(), OptionEngine):
        engines.append(get_read_engine())
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)


def _queries_for(client, world, who) -> int:  # type: ignore[no-untyped-def]
    headers = world.headers(who)
    with counted_queries() as statements:
        assert client.get("/api/v1/me/todos", headers=headers).status_code == 200
    return len(statements)


def test_the_to_do_list_costs_the_same_few_queries_however_much_there_is(client, world, session):
    mentor = world.people["mentor"]

    def more(index: int) -> None:
        """One more pairing for the mentor and one more elsewhere in the school, each with a
        meeting to record, a lost one and one coming up."""
        mine = _pairing(session, world, mentor, make_user(session, world.trust, f"mine_{index}"))
        theirs = _pairing(
            session,
            world,
            make_user(session, world.trust, f"mentor_{index}"),
            make_user(session, world.trust, f"mentee_{index}"),
        )
        for pairing in (mine, theirs):
            _meeting(session, pairing.id, _at(-1, 9 + index))
            _meeting(session, pairing.id, _at(-2, 9 + index), status="cancelled", lost=True)
            _meeting(session, pairing.id, _at(2, 9 + index))

    more(0)
    first = {who: _queries_for(client, world, who) for who in ("mentor", "lead")}
    for index in range(1, 5):
        more(index)
    assert len(_todos(client, world, "mentor")) >= 15
    assert len(_todos(client, world, "lead")) >= 20
    assert {who: _queries_for(client, world, who) for who in first} == first
    # Signing in, two queries for agreements, three for meetings, one for closure days, two
    # for observations, one for supervision, one for requests to talk and one for training
    # (course dates over protected meetings and, for a lead, cover to decide, as one UNION);
    # a lead has four lists more (no slot, the week's meetings, accounts, and the entitlements'
    # early warnings).
    assert first["mentor"] <= 12, first
    assert first["lead"] <= 16, first
