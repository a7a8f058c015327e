"""Training: course dates and deadlines from providers (the handler's rules, published as the
receiver publishes them), calendar feeds and busy times, clashes with protected meetings on
homes, cover requests and their decisions, mentors' training records and the 20 hours of the
early career teacher entitlement, and who sees what."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import col, select

from api.audit.models import AuditEvent
from api.core.wording import human_day
from api.providers.events import InvalidItem
from api.scheduling import busy
from api.training.models import CoverRequest, CoverStatus, TrainingItem, TrainingItemPerson
from tests.helpers_training import at, deliver, next_weekday

BASE = "/api/v1/training"


def _people(session, item_id):  # type: ignore[no-untyped-def]
    session.rollback()  # a fresh read of what the handler committed
    rows = session.exec(select(TrainingItemPerson).where(TrainingItemPerson.item_id == item_id))
    return {r.user_id: r for r in rows}


def _item(session, external_id="course-1"):  # type: ignore[no-untyped-def]
    session.rollback()  # a fresh read of what the handler committed
    return session.exec(select(TrainingItem).where(TrainingItem.external_id == external_id)).one()


def _course(session, world, *, day=None, start=(9, 0), end=(12, 0), **data):  # type: ignore[no-untyped-def]
    day = day or next_weekday(2)
    return deliver(
        session,
        world,
        starts_at=at(day, *start),
        ends_at=at(day, *end),
        **({"schools": [world.school.urn]} | data),
    )


def _covers(session):  # type: ignore[no-untyped-def]
    """The cover requests of the deliveries a test made (not the world's own)."""
    session.rollback()
    return session.exec(
        select(CoverRequest)
        .join(TrainingItem, col(TrainingItem.id) == CoverRequest.item_id)
        .where(TrainingItem.external_id != "world-course")
    ).all()


def _todos(client, world, who, kind):  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/me/todos", headers=world.headers(who))
    assert response.status_code == 200, response.text
    return [t for t in response.json()["items"] if t["kind"] == kind]


# --- the handler ------------------------------------------------------------------------------


def test_a_course_date_for_a_school_concerns_its_mentors_and_mentees_as_the_audience_says(
    session, world
):
    event = _course(session, world, audience="mentors")
    item = _item(session)
    assert set(_people(session, item.id)) == {world.people["mentor"].id}
    day = next_weekday(2)
    assert event.outcome.ignored_because is None
    assert event.outcome.effects[0] == (
        f'Created course date "Mentor training day" on {human_day(day)} at 09:00 to 12:00.'
    )
    assert "It concerns 1 person at Hillcrest Academy." in event.outcome.effects

    _course(session, world, audience="both", sent_at=datetime.now(UTC) + timedelta(seconds=1))
    assert set(_people(session, item.id)) == {world.people["mentor"].id, world.people["mentee"].id}


def test_participants_are_found_by_trn_within_the_trust_and_unknown_ones_are_noted(session, world):
    foreign_trn = world.people["foreign_admin"].trn
    event = _course(
        session,
        world,
        schools=["100002", "200001", "999999"],
        participants=[
            {"trn": world.people["mentee"].trn, "role": "mentee"},
            {"trn": foreign_trn, "role": "mentor"},
            {"trn": "7654321", "role": "mentor"},
        ],
    )
    people = _people(session, _item(session).id)
    assert set(people) == {world.people["mentee"].id}
    assert people[world.people["mentee"].id].school_id == world.school.id
    assert "No school in this trust has URN 200001, 999999: left out." in event.outcome.effects
    assert f"Nobody in this trust has TRN {foreign_trn}, 7654321: left out." in (
        event.outcome.effects
    )


def test_an_older_update_changes_nothing_and_a_newer_one_moves_the_course(session, world):
    first = datetime.now(UTC)
    _course(session, world, sent_at=first)
    moved = _course(
        session, world, action="updated", start=(13, 0), end=(15, 0), sent_at=first + timedelta(1)
    )
    assert moved.outcome.effects[0].startswith('Moved course date "Mentor training day" to ')
    stale = _course(
        session, world, action="updated", start=(8, 0), end=(9, 0), title="Old", sent_at=first
    )
    assert stale.outcome.ignored_because and "Older than what is stored" in (
        stale.outcome.ignored_because
    )
    item = _item(session)
    assert item.title == "Mentor training day"
    assert item.starts_at.astimezone(LONDON_TZ).hour == 13
    assert item.version == first + timedelta(1)


LONDON_TZ = __import__("zoneinfo").ZoneInfo("Europe/London")


def test_a_cancellation_removes_the_course_and_an_older_create_after_it_is_ignored(session, world):
    now = datetime.now(UTC)
    _course(session, world, requires_release=True, sent_at=now)
    cancelled = deliver(session, world, action="cancelled", sent_at=now + timedelta(1))
    assert cancelled.outcome.effects[0].startswith('Cancelled course date "Mentor training day"')
    assert "Withdrew 2 cover requests." in cancelled.outcome.effects
    assert _item(session).cancelled_at is not None
    late = _course(session, world, sent_at=now + timedelta(hours=1))
    assert late.outcome.ignored_because
    assert _item(session).cancelled_at is not None
    # A cancellation for an item never seen is kept, so its late "created" is ignored too.
    deliver(session, world, id="never-seen", action="cancelled", sent_at=now + timedelta(1))
    assert _course(session, world, id="never-seen", sent_at=now).outcome.ignored_because
    assert _item(session, "never-seen").cancelled_at is not None


@pytest.mark.parametrize(
    ("kind", "data", "reason"),
    [
        (
            "course_date",
            {"starts_at": "2026-12-09T12:00:00Z", "ends_at": "2026-12-09T11:00:00Z"},
            "A course date must end after it starts.",
        ),
        (
            "course_date",
            {"starts_at": "2026-12-09T12:00:00Z"},
            "A course date needs starts_at and ends_at.",
        ),
        (
            "course_date",
            {"starts_at": "2026-12-01T09:00:00Z", "ends_at": "2027-01-09T12:00:00Z"},
            "A course date lasts 14 days at most; send each day on its own.",
        ),
        ("deadline", {}, "A deadline needs due_at."),
        (
            "deadline",
            {"due_at": "2026-12-09T12:00:00Z", "starts_at": "2026-12-09T11:00:00Z"},
            "A deadline has due_at, not starts_at or ends_at.",
        ),
    ],
)
def test_data_that_cannot_be_applied_is_an_invalid_item_and_nothing_is_kept(
    session, world, kind, data, reason
):
    with pytest.raises(InvalidItem) as raised:
        deliver(session, world, kind=kind, schools=[world.school.urn], **data)
    assert raised.value.reason == reason
    session.rollback()  # a fresh read of what the handler committed
    assert (
        session.exec(select(TrainingItem).where(TrainingItem.external_id == "course-1")).all() == []
    )


def test_every_change_is_audited_without_the_provider_in_the_actor(session, world):
    now = datetime.now(UTC)
    _course(session, world, requires_release=True, sent_at=now)
    _course(
        session, world, action="updated", start=(10, 0), end=(12, 0), sent_at=now + timedelta(1)
    )
    deliver(session, world, action="cancelled", sent_at=now + timedelta(2))
    session.rollback()  # a fresh read of what the handler committed
    actions = [
        e.action
        for e in session.exec(
            select(AuditEvent).where(
                col(AuditEvent.object_type).in_(["training_item", "cover_request"])
            )
        )
    ]
    assert actions.count("training_item.created") == 1
    assert actions.count("training_item.updated") == 1
    assert actions.count("training_item.cancelled") == 1
    assert actions.count("cover_request.opened") == 2  # still pending when it moved
    assert actions.count("cover_request.withdrawn") == 2


# --- calendar ---------------------------------------------------------------------------------


def _feed(client, world, who):  # type: ignore[no-untyped-def]
    created = client.post("/api/v1/me/calendar-feed", headers=world.headers(who))
    url = created.json()["url"].removeprefix("http://testserver")
    return Calendar.from_ical(client.get(url).content)


def test_course_dates_make_people_busy_and_appear_in_their_feeds_with_stable_uids(
    client, session, world
):
    _course(session, world, audience="mentors")
    item = _item(session)
    clashes = busy.find_clashes(
        session,
        {world.people["mentor"].id, world.people["mentee"].id},
        [busy.Interval(item.starts_at, item.starts_at + timedelta(minutes=30))],
    )
    assert [(c.busy.source, c.busy.user_id) for c in clashes] == [
        ("training", world.people["mentor"].id)
    ]
    uids = [str(e["UID"]) for e in _feed(client, world, "mentor").walk("VEVENT")]
    assert f"training-{item.id}@mentorhub" in uids
    again = [str(e["UID"]) for e in _feed(client, world, "mentor").walk("VEVENT")]
    assert uids == again
    mentee_uids = [str(e["UID"]) for e in _feed(client, world, "mentee").walk("VEVENT")]
    assert f"training-{item.id}@mentorhub" not in mentee_uids


def test_deadlines_appear_for_the_people_concerned_and_their_leads(client, session, world):
    deliver(
        session,
        world,
        kind="deadline",
        id="portfolio",
        title="Portfolio upload",
        due_at=at(next_weekday(4), 17),
        participants=[{"trn": world.people["mentee"].trn, "role": "mentee"}],
    )
    item = _item(session, "portfolio")
    uid = f"deadline-{item.id}@mentorhub"
    for who, sees in (("mentee", True), ("lead", True), ("mentor", False), ("other_lead", False)):
        uids = [str(e["UID"]) for e in _feed(client, world, who).walk("VEVENT")]
        assert (uid in uids) is sees, who
    listed = client.get(
        f"{BASE}/items?kind=deadline&school_id={world.school.id}", headers=world.headers("lead")
    ).json()
    assert [i["title"] for i in listed["items"]] == ["Portfolio upload"]


# --- clashes ----------------------------------------------------------------------------------


def test_a_course_over_a_protected_meeting_is_a_to_do_for_the_pair_and_their_lead(
    client, session, world
):
    meeting_day = world.next_meeting.starts_at.astimezone(LONDON_TZ).date()
    _course(session, world, day=meeting_day, start=(15, 0), end=(17, 0), audience="mentees")
    item = _item(session)
    for who in ("mentor", "mentee", "lead"):
        todos = _todos(client, world, who, "training.clash")
        assert [t["target_id"] for t in todos] == [str(item.id)], who
        assert "clashes with" in todos[0]["text"] and "15:30" in todos[0]["text"]
    assert (
        "your protected meeting with Mentee"
        in _todos(client, world, "mentor", "training.clash")[0]["text"]
    )
    assert "of Mentor and Mentee" in _todos(client, world, "lead", "training.clash")[0]["text"]
    for who in ("other_lead", "admin", "observer"):
        assert _todos(client, world, who, "training.clash") == [], who
    detail = client.get(f"{BASE}/items/{item.id}", headers=world.headers("lead")).json()
    assert detail["clashes_with_meeting"] is True
    # Moved away from the meeting: no clash any more.
    _course(
        session,
        world,
        action="updated",
        day=meeting_day,
        start=(9, 0),
        end=(10, 0),
        audience="mentees",
        sent_at=datetime.now(UTC) + timedelta(1),
    )
    assert _todos(client, world, "mentor", "training.clash") == []


# --- cover ------------------------------------------------------------------------------------


def test_release_in_the_school_day_asks_the_lead_for_cover(client, session, world):
    event = _course(session, world, requires_release=True)
    assert "Asked for cover for 2 people in the school day." in event.outcome.effects
    item = _item(session)
    rows = session.exec(select(CoverRequest).where(CoverRequest.item_id == item.id)).all()
    assert {r.user_id for r in rows} == {world.people["mentor"].id, world.people["mentee"].id}
    assert {r.status for r in rows} == {CoverStatus.pending}
    todos = _todos(client, world, "lead", "training.cover_to_decide")
    assert len(todos) == 2 and todos[0]["target_type"] == "cover_request"
    assert _todos(client, world, "other_lead", "training.cover_to_decide") == []


@pytest.mark.parametrize(
    ("weekday", "start", "end"),
    [(2, (16, 0), (18, 0)), (2, (7, 0), (8, 30)), (5, (9, 0), (15, 0))],
    ids=["after school", "before school", "saturday"],
)
def test_release_outside_the_school_day_needs_no_cover(session, world, weekday, start, end):
    _course(session, world, day=next_weekday(weekday), start=start, end=end, requires_release=True)
    assert _covers(session) == []


def test_release_in_the_holidays_needs_no_cover(session, world):
    _course(session, world, day=next_weekday(2, 5), requires_release=True)  # after 18 December
    assert _covers(session) == []


def test_the_lead_approves_or_declines_cover_with_a_note(client, session, world):
    _course(session, world, requires_release=True)
    listed = client.get(
        f"{BASE}/cover-requests?status=pending", headers=world.headers("lead")
    ).json()
    by_person = {c["person"]["id"]: c["id"] for c in listed["items"]}
    mentor_cover = by_person[str(world.people["mentor"].id)]
    mentee_cover = by_person[str(world.people["mentee"].id)]
    lead = world.headers("lead")
    assert client.get(f"{BASE}/cover-requests/{mentor_cover}", headers=lead).json()["can"] == {
        "decide": True
    }

    refused = client.put(
        f"{BASE}/cover-requests/{mentee_cover}/decision",
        headers=lead,
        json={"decision": "declined"},
    )
    assert refused.status_code == 422
    declined = client.put(
        f"{BASE}/cover-requests/{mentee_cover}/decision",
        headers=lead,
        json={"decision": "declined", "note": "Mock exams that day"},
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert declined.json()["decision_note"] == "Mock exams that day"
    approved = client.put(
        f"{BASE}/cover-requests/{mentor_cover}/decision",
        headers=lead,
        json={"decision": "approved", "note": "Cover from the science team"},
    )
    assert approved.json()["status"] == "approved" and approved.json()["can"]["decide"] is False
    again = client.put(
        f"{BASE}/cover-requests/{mentor_cover}/decision",
        headers=lead,
        json={"decision": "declined", "note": "x"},
    )
    assert again.status_code == 409

    # The approved release shows on the mentor's week; the lead's to-do has gone.
    week = client.get(
        f"{BASE}/items?person_id={world.people['mentor'].id}", headers=world.headers("mentor")
    ).json()["items"]
    mine = [i for i in week if i["id"] == str(_item(session).id)]
    assert mine[0]["my_release"]["status"] == "approved"
    record = client.get(
        f"{BASE}/records/{world.people['mentor'].id}", headers=world.headers("mentor")
    ).json()
    assert [(b["title"], b["release"]) for b in record["booked"]] == [
        ("Mentor training day", "approved")
    ]
    assert _todos(client, world, "lead", "training.cover_to_decide") == []
    session.rollback()  # a fresh read of what the handler committed
    audit = session.exec(
        select(AuditEvent).where(AuditEvent.action == "cover_request.declined")
    ).one()
    assert "Mock exams" not in str(audit.changes)


def test_only_the_school_lead_decides_cover(client, session, world):
    _course(session, world, requires_release=True)
    cover = _covers(session)[0]
    url = f"{BASE}/cover-requests/{cover.id}/decision"
    body = {"decision": "approved"}
    assert client.put(url, headers=world.headers("other_lead"), json=body).status_code == 404
    assert client.put(url, headers=world.headers("foreign_admin"), json=body).status_code == 404
    assert client.put(url, headers=world.headers("mentor"), json=body).status_code == 403
    read = f"{BASE}/cover-requests/{cover.id}"
    assert client.get(read, headers=world.headers("spare_mentor")).status_code == 404
    assert client.get(read, headers=world.headers("observer")).status_code == 403


# --- the training record ----------------------------------------------------------------------


def _past_course(session, world):  # type: ignore[no-untyped-def]
    day = next_weekday(1, -1)  # last Tuesday
    return _course(
        session, world, id="past", day=day, start=(9, 0), end=(12, 30), audience="mentors"
    )


def test_attendance_is_marked_once_the_course_started_by_the_mentor_or_their_lead(
    client, session, world
):
    _course(session, world, audience="mentors")
    future = _item(session)
    body = {"user_id": str(world.people["mentor"].id), "attended": True, "standards": [2, 4]}
    early = client.put(
        f"{BASE}/items/{future.id}/attendance", headers=world.headers("mentor"), json=body
    )
    assert early.status_code == 409
    _past_course(session, world)
    past = _item(session, "past")
    url = f"{BASE}/items/{past.id}/attendance"
    detail = client.get(f"{BASE}/items/{past.id}", headers=world.headers("mentor")).json()
    assert detail["can"] == {"mark_attendance": True}
    assert client.put(url, headers=world.headers("other_lead"), json=body).status_code == 404
    assert client.put(url, headers=world.headers("mentee"), json=body).status_code in (403, 404)
    marked = client.put(url, headers=world.headers("lead"), json=body)
    assert marked.status_code == 200, marked.text
    assert marked.json()["people"][0]["attended"] is True
    assert marked.json()["people"][0]["standards"] == [2, 4]


def test_the_record_counts_sessions_and_logged_hours_by_provider_kind_and_standard(
    client, session, world
):
    _past_course(session, world)
    past = _item(session, "past")
    mentor = world.people["mentor"]
    client.put(
        f"{BASE}/items/{past.id}/attendance",
        headers=world.headers("mentor"),
        json={
            "user_id": str(mentor.id),
            "attended": True,
            "training_kind": "initial",
            "standards": [2],
        },
    )
    logged = client.post(
        f"{BASE}/records/{mentor.id}/hours",
        headers=world.headers("mentor"),
        json={
            "title": "Reading on feedback",
            "training_kind": "refresher",
            "taken_on": "2026-10-14",
            "minutes": 90,
            "provider_name": "Ambition Institute",
            "standards": [1, 2],
            "evidence": "Notes on the reading, shared with my lead",
            "evidence_url": "https://example.org/notes",
        },
    )
    assert logged.status_code == 201, logged.text
    record = logged.json()
    assert record["total_minutes"] == 210 + 90
    assert {t["key"]: t["minutes"] for t in record["by_kind"]} == {"initial": 210, "refresher": 90}
    assert {t["label"]: t["minutes"] for t in record["by_standard"]} == {
        "1 Personal qualities": 90,
        "2 Teaching": 300,
        "3 Professionalism": 0,
        "4 Self-development and working in partnership": 0,
    }
    assert {t["label"]: t["minutes"] for t in record["by_provider"]} == {
        "Ambition Institute": 90,
        "Northern University": 210,
    }
    assert [e["source"] for e in record["entries"]] == ["session", "logged"]
    bad = client.post(
        f"{BASE}/records/{mentor.id}/hours",
        headers=world.headers("mentor"),
        json={
            "title": "x",
            "training_kind": "initial",
            "taken_on": "2026-10-14",
            "minutes": 30,
            "evidence": "y",
            "standards": [5],
        },
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"


def test_a_mentor_of_an_ect_sees_progress_against_the_20_hours(client, session, world):
    mentor = world.people["mentor"]
    url = f"{BASE}/records/{mentor.id}"
    progress = client.get(url, headers=world.headers("mentor")).json()["ect_entitlement"]
    assert progress["applies"] is True
    assert progress["target_minutes"] == 1200
    assert progress["starts_on"] == "2026-09-01" and progress["ends_on"] == "2027-08-31"
    assert progress["done_minutes"] == 0
    # The autumn term (2 Sept to 18 Dec) has mostly gone: most of its 6 hours 40 are due.
    assert 0 < progress["expected_minutes_by_now"] <= 400
    assert progress["on_track"] is False
    client.post(
        f"{BASE}/records/{mentor.id}/hours",
        headers=world.headers("lead"),
        json={
            "title": "Lead provider session",
            "training_kind": "initial",
            "taken_on": "2026-11-04",
            "minutes": 400,
            "evidence": "Register signed",
        },
    )
    progress = client.get(url, headers=world.headers("mentor")).json()["ect_entitlement"]
    assert progress["done_minutes"] == 400 and progress["on_track"] is True
    assert progress["by_term"] == [
        {"key": str(world.term.id), "label": "Autumn term 2026", "minutes": 400}
    ]
    spare = client.get(
        f"{BASE}/records/{world.people['spare_mentor'].id}", headers=world.headers("lead")
    ).json()
    assert spare["ect_entitlement"]["applies"] is False


def test_records_are_seen_by_the_mentor_their_lead_and_the_trust_only(client, session, world):
    mentor = world.people["mentor"]
    client.post(
        f"{BASE}/records/{mentor.id}/hours",
        headers=world.headers("mentor"),
        json={
            "title": "Secret title",
            "training_kind": "initial",
            "taken_on": "2026-11-04",
            "minutes": 60,
            "evidence": "Register",
        },
    )
    url = f"{BASE}/records/{mentor.id}"
    for who in ("mentor", "lead", "admin"):
        assert client.get(url, headers=world.headers(who)).status_code == 200, who
    for who in ("spare_mentor", "mentee", "other_lead", "foreign_admin"):
        response = client.get(url, headers=world.headers(who))
        assert response.status_code == 404, who
        assert "Secret title" not in response.text
    for who, count in (("lead", 2), ("admin", 2), ("mentor", 1), ("other_lead", 0), ("mentee", 0)):
        listed = client.get(f"{BASE}/records", headers=world.headers(who)).json()
        assert listed["total"] == count, who
    assert (
        client.post(
            f"{BASE}/records/{mentor.id}/hours",
            headers=world.headers("spare_mentor"),
            json={
                "title": "x",
                "training_kind": "initial",
                "taken_on": "2026-11-04",
                "minutes": 60,
                "evidence": "y",
            },
        ).status_code
        == 404
    )


def test_items_are_hidden_from_another_schools_lead_and_another_mentor(client, session, world):
    _course(session, world, audience="mentors", title="Hillcrest only")
    item = _item(session)
    for who in ("other_lead", "spare_mentor", "mentee", "foreign_admin"):
        response = client.get(f"{BASE}/items/{item.id}", headers=world.headers(who))
        assert response.status_code == 404, who
        listed = client.get(f"{BASE}/items", headers=world.headers(who))
        assert "Hillcrest only" not in listed.text, who
    lead = client.get(f"{BASE}/items/{item.id}", headers=world.headers("lead")).json()
    assert [p["person"]["id"] for p in lead["people"]] == [str(world.people["mentor"].id)]


def test_training_to_dos_cost_one_query_however_many_clashes_and_requests(client, session, world):
    from tests.test_todos import counted_queries

    meeting_day = world.next_meeting.starts_at.astimezone(LONDON_TZ).date()

    def count(who):  # type: ignore[no-untyped-def]
        with counted_queries() as statements:
            client.get("/api/v1/me/todos", headers=world.headers(who))
        return len(statements)

    _course(
        session, world, id="a", day=meeting_day, start=(15, 0), end=(16, 0), requires_release=True
    )
    before = {who: count(who) for who in ("mentor", "lead")}
    for n in range(4):
        _course(
            session,
            world,
            id=f"more-{n}",
            day=meeting_day,
            start=(15, 0),
            end=(16, 0),
            requires_release=True,
        )
    assert len(_todos(client, world, "lead", "training.clash")) == 5
    assert len(_todos(client, world, "lead", "training.cover_to_decide")) == 10
    assert {who: count(who) for who in before} == before


def test_an_approved_release_is_asked_again_when_the_course_moves(client, session, world):
    now = datetime.now(UTC)
    _course(session, world, requires_release=True, audience="mentors", sent_at=now)
    cover = _covers(session)[0]
    client.put(
        f"{BASE}/cover-requests/{cover.id}/decision",
        headers=world.headers("lead"),
        json={"decision": "approved"},
    )
    moved = _course(
        session,
        world,
        action="updated",
        start=(13, 0),
        end=(15, 0),
        requires_release=True,
        audience="mentors",
        sent_at=now + timedelta(1),
    )
    assert "Asked again for cover for 1 (the time changed)." in moved.outcome.effects
    assert [c.status for c in _covers(session)] == [CoverStatus.pending]
    # Moved after school: nothing to cover any more.
    _course(
        session,
        world,
        action="updated",
        start=(16, 0),
        end=(18, 0),
        requires_release=True,
        audience="mentors",
        sent_at=now + timedelta(2),
    )
    assert [c.status for c in _covers(session)] == [CoverStatus.withdrawn]


def test_the_demo_has_a_provider_course_dates_a_clash_and_a_pending_cover_request(client):
    from api.cli import main

    main(["seed", "--demo"])

    def sign_in(who):  # type: ignore[no-untyped-def]
        token = client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": f"{who}@demo.mentorhub.test",
                "password": "mentorhub-demo",
            },
        ).json()["access_token"]
        return {"Authorization": f"Bearer {token}"}

    lead, mentor = sign_in("lead"), sign_in("mentor")
    todos = client.get("/api/v1/me/todos", headers=lead).json()["items"]
    kinds = {t["kind"] for t in todos}
    assert {"training.clash", "training.cover_to_decide"} <= kinds
    pending = client.get(f"{BASE}/cover-requests?status=pending", headers=lead).json()
    assert pending["total"] >= 2
    me = client.get("/api/v1/me", headers=mentor).json()["id"]
    record = client.get(f"{BASE}/records/{me}", headers=mentor).json()
    assert record["provider"] == "Northern Teacher Training"
    assert [e["source"] for e in record["entries"]].count("session") == 1
    assert record["ect_entitlement"]["applies"] is True
    items = client.get(f"{BASE}/items", headers=mentor).json()["items"]
    assert any(i["clashes_with_meeting"] for i in items)


# --- through the receiver ---------------------------------------------------------------------


def test_a_signed_delivery_becomes_a_course_date_and_the_log_keeps_its_effects(
    client, session, world
):
    from tests.helpers_providers import payload, sign, webhook_path

    day = next_weekday(2)
    data = {
        "id": "signed-1",
        "title": "Signed course",
        "starts_at": at(day, 9),
        "ends_at": at(day, 12),
        "audience": "both",
        "requires_release": True,
        "schools": [world.school.urn],
    }
    body, headers = sign(world.provider_secret, payload("course_date.created", data))
    answered = client.post(webhook_path(world.provider.id), content=body, headers=headers)
    assert 200 <= answered.status_code < 300, answered.text
    item = _item(session, "signed-1")
    assert set(_people(session, item.id)) == {world.people["mentor"].id, world.people["mentee"].id}
    log = client.get("/api/v1/webhook-deliveries", headers=world.headers("admin")).json()
    mine = [d for d in log["items"] if d["webhook_id"] == headers["webhook-id"]][0]
    assert mine["outcome"] == "processed"
    shown = client.get(f"/api/v1/webhook-deliveries/{mine['id']}", headers=world.headers("admin"))
    assert any("Created course date" in e for e in shown.json()["effects"])

    bad = dict(data, id="signed-2", ends_at=at(day, 8))
    body, headers = sign(world.provider_secret, payload("course_date.created", bad))
    refused = client.post(webhook_path(world.provider.id), content=body, headers=headers)
    assert refused.status_code == 422
    assert "end after it starts" in refused.text
    session.rollback()
    assert (
        session.exec(select(TrainingItem).where(TrainingItem.external_id == "signed-2")).all() == []
    )


def test_each_of_the_pair_sees_the_clash_flag_on_a_course_for_both(client, session, world):
    meeting_day = world.next_meeting.starts_at.astimezone(LONDON_TZ).date()
    _course(session, world, day=meeting_day, start=(15, 0), end=(17, 0), audience="both")
    item = _item(session)
    for who in ("mentor", "mentee", "lead"):
        shown = client.get(f"{BASE}/items/{item.id}", headers=world.headers(who)).json()
        assert shown["clashes_with_meeting"] is True, who


def test_a_new_course_dates_delivery_costs_the_same_statements_however_many_it_names(
    client, session, world
):
    """The receiver's path for a new item is a fixed handful of statements: naming more schools
    and people adds rows to them, not statements."""
    from tests.helpers_providers import payload, sign, webhook_path
    from tests.test_todos import counted_queries

    day = next_weekday(2)

    def send(item_id, schools, people):  # type: ignore[no-untyped-def]
        data = {
            "id": item_id,
            "title": "Counted course",
            "starts_at": at(day, 17),
            "ends_at": at(day, 18),
            "audience": "both",
            "schools": schools,
            "participants": [{"trn": world.people[who].trn, "role": role} for who, role in people],
        }
        body, headers = sign(world.provider_secret, payload("course_date.created", data))
        with counted_queries() as statements:
            answer = client.post(webhook_path(world.provider.id), content=body, headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.json()["outcome"] == "processed"
        return statements

    one = send("counted-1", [world.school.urn], [("mentor", "mentor")])
    many = send(
        "counted-2",
        [world.school.urn, world.other_school.urn, "999999"],
        [
            ("mentor", "mentor"),
            ("spare_mentor", "mentor"),
            ("mentee", "mentee"),
            ("spare_mentee", "mentee"),
        ],
    )
    assert len(many) == len(one), "\n".join(many)
    assert len(one) <= 18, "\n".join(one)
    people = _people(session, _item(session, "counted-2").id)
    assert len(people) == 4
