"""Lesson observations: scheduling against every calendar, the observer's record, sharing,
the mentee's reflection, amendments that keep their history, who sees what, and targets."""

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from api.audit.models import AuditEvent
from api.observations.models import Observation, ObservationAmendment, ObservationStatus
from api.org.models import Membership, Role
from api.scheduling.sources import calendar_sources
from tests.conftest import make_user, refresh
from tests.helpers_mentoring import fresh_pairing, weekly_slot


def _schedule(client, world, who="lead", **overrides):  # type: ignore[no-untyped-def]
    body = {
        "pairing_id": str(world.pairing.id),
        "observer_id": str(world.people["observer"].id),
        "observer_role": "senco",
        "kind": "formal",
        "starts_at": "2026-11-05T10:00:00Z",
        "ends_at": "2026-11-05T11:00:00Z",
        "class_name": "8B2",
        "subject": "Science",
        "year_group": "Year 8",
    } | overrides
    # The lead writes up one that has already happened, saying why (the rule has its own tests).
    if who == "lead" and datetime.fromisoformat(body["starts_at"]) < datetime.now(UTC):
        body.setdefault("backfill_reason", "Written up from the observer's paper notes")
    return client.post("/api/v1/observations", headers=world.headers(who), json=body)


def _get(client, world, observation_id, who):  # type: ignore[no-untyped-def]
    return client.get(f"/api/v1/observations/{observation_id}", headers=world.headers(who))


RECORD = {
    "focus_standards": [7, 5, 2],
    "strengths": "Warm, firm routines at the door",
    "points_to_develop": "Check understanding before independent work",
    "feedback_given_at": "2026-11-05T12:00:00Z",
}


def test_a_lead_schedules_and_the_observed_date_is_the_schools_local_date(client, world):
    # 00:30 British Summer Time on 11 June is 23:30 UTC on 10 June.
    response = _schedule(
        client,
        world,
        starts_at="2027-06-10T23:30:00Z",
        ends_at="2027-06-11T00:15:00Z",
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["observed_on"] == "2027-06-11"
    assert body["status"] == "scheduled"
    assert body["observer"]["id"] == str(world.people["observer"].id)
    assert body["observer_role"] == "senco" and body["kind"] == "formal"
    assert body["record"] is None
    assert body["can"]["record"] is False  # not started yet


def test_scheduling_over_a_protected_meeting_is_refused_in_plain_words_unless_confirmed(
    client, world, session, before_autumn
):
    pairing_id = fresh_pairing(client, world)
    assert weekly_slot(client, world, pairing_id).status_code == 201
    refresh(session)
    wanted = dict(
        pairing_id=pairing_id,
        starts_at="2026-11-11T15:45:00Z",
        ends_at="2026-11-11T16:15:00Z",
    )
    refused = _schedule(client, world, **wanted)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["detail"] == (
        "This time clashes with Spare Mentee's mentoring meeting on Wednesday 11 Nov 2026 at "
        "15:30. Choose another time, or confirm the clash to schedule it anyway."
    )
    assert problem["clashes"][0]["source"] == "meeting"
    refresh(session)
    assert session.exec(select(Observation).where(Observation.class_name == "8B2")).all() == [
        o for o in session.exec(select(Observation)).all() if o.pairing_id != uuid.UUID(pairing_id)
    ]
    confirmed = _schedule(client, world, confirm_clash=True, **wanted)
    assert confirmed.status_code == 201, confirmed.text


def test_a_new_slot_over_an_observation_is_found_by_the_meetings_clash_check(
    client, world, session, before_autumn
):
    pairing_id = fresh_pairing(client, world)
    observation = _schedule(
        client,
        world,
        pairing_id=pairing_id,
        starts_at="2026-11-04T15:00:00Z",
        ends_at="2026-11-04T16:00:00Z",
    )
    assert observation.status_code == 201, observation.text
    refused = weekly_slot(client, world, pairing_id)
    assert refused.status_code == 409, refused.text
    clashes = refused.json()["clashes"]
    assert [c["clashes_with"]["source"] for c in clashes] == ["observation"]
    assert clashes[0]["clashes_with"]["person"]["full_name"] == "Spare Mentee"
    # Once cancelled, it is no longer in the way.
    cancel = client.post(
        f"/api/v1/observations/{observation.json()['id']}/cancel",
        headers=world.headers("lead"),
        json={"reason": "Mock exams that week"},
    )
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    assert cancel.json()["cancel_reason"] == "Mock exams that week"
    assert weekly_slot(client, world, pairing_id).status_code == 201


def test_the_observer_records_the_mentor_shares_the_mentee_reflects(client, world, session):
    observation_id = _schedule(client, world).json()["id"]
    # Recorded by the observer; nobody else writes it.
    assert (
        client.put(
            f"/api/v1/observations/{observation_id}/record",
            headers=world.headers("mentor"),
            json=RECORD,
        ).status_code
        == 403
    )
    recorded = client.put(
        f"/api/v1/observations/{observation_id}/record",
        headers=world.headers("observer"),
        json=RECORD,
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["status"] == "completed"
    assert recorded.json()["record"]["focus_standards"] == [2, 5, 7]
    # The mentee sees that it happened, not what it says, until it is shared.
    before = _get(client, world, observation_id, "mentee").json()
    assert before["content_visible"] is False and before["record"] is None
    assert RECORD["strengths"] not in _get(client, world, observation_id, "mentee").text
    assert _get(client, world, observation_id, "mentor").json()["record"]["strengths"]
    shared = client.post(
        f"/api/v1/observations/{observation_id}/share", headers=world.headers("mentor")
    )
    assert shared.status_code == 200 and shared.json()["status"] == "shared"
    mentee_view = _get(client, world, observation_id, "mentee").json()
    assert mentee_view["record"]["strengths"] == RECORD["strengths"]
    assert mentee_view["can"]["reflect"] is True
    reflected = client.put(
        f"/api/v1/observations/{observation_id}/reflection",
        headers=world.headers("mentee"),
        json={"reflection": "  I will use mini whiteboards.  "},
    )
    assert reflected.status_code == 200
    assert _get(client, world, observation_id, "mentor").json()["reflection"] == (
        "I will use mini whiteboards."
    )
    # Once shared, the record is amended, not rewritten; the shared version is kept.
    rewrite = client.put(
        f"/api/v1/observations/{observation_id}/record",
        headers=world.headers("observer"),
        json=RECORD,
    )
    assert rewrite.status_code == 409 and "amend" in rewrite.json()["detail"]
    amended = client.post(
        f"/api/v1/observations/{observation_id}/amendments",
        headers=world.headers("observer"),
        json=RECORD | {"strengths": "Warm routines; clear modelling", "reason": "Missed a note"},
    )
    assert amended.status_code == 201, amended.text
    record = amended.json()["record"]
    assert record["strengths"] == "Warm routines; clear modelling"
    assert [a["strengths"] for a in record["amendments"]] == [RECORD["strengths"]]
    assert record["amendments"][0]["reason"] == "Missed a note"
    # Overseers see the observation, never its content; nor does the audit log hold it.
    admin_view = _get(client, world, observation_id, "admin").json()
    assert admin_view["record"] is None and admin_view["reflection"] is None
    refresh(session)
    events = session.exec(
        select(AuditEvent).where(AuditEvent.object_id == uuid.UUID(observation_id))
    ).all()
    assert [e.action for e in events] == [
        "observation.scheduled",
        "observation.recorded",
        "observation.shared",
        "observation.reflected",
        "observation.amended",
    ] or {e.action for e in events} == {
        "observation.scheduled",
        "observation.recorded",
        "observation.shared",
        "observation.reflected",
        "observation.amended",
    }
    logged = repr([e.changes for e in events])
    for secret in ("Warm", "mini whiteboards", "Missed a note", "Check understanding"):
        assert secret not in logged
    assert len(session.exec(select(ObservationAmendment)).all()) == 1


def test_bad_input_is_refused_in_plain_words_and_nothing_is_saved(client, world, session):
    refresh(session)
    before = len(session.exec(select(Observation)).all())
    mentor_as_role = _schedule(client, world, observer_role="mentor")
    assert mentor_as_role.status_code == 422
    assert "own mentor" in mentor_as_role.json()["detail"]
    mentee_observes = _schedule(client, world, observer_id=str(world.people["mentee"].id))
    assert mentee_observes.status_code == 422
    foreign = _schedule(client, world, observer_id=str(world.people["other_lead"].id))
    assert foreign.status_code == 422 and "school" in foreign.json()["detail"]
    backwards = _schedule(client, world, ends_at="2026-11-05T09:00:00Z")
    assert backwards.status_code == 422
    before_pairing = _schedule(
        client, world, starts_at="2026-08-20T10:00:00Z", ends_at="2026-08-20T11:00:00Z"
    )
    assert before_pairing.status_code == 422
    assert "1 Sept 2026" in before_pairing.json()["detail"]
    twice = client.put(
        f"/api/v1/observations/{world.past_observation.id}/record",
        headers=world.headers("observer"),
        json=RECORD | {"focus_standards": [3, 3]},
    )
    assert twice.status_code == 422
    nine = client.put(
        f"/api/v1/observations/{world.past_observation.id}/record",
        headers=world.headers("observer"),
        json=RECORD | {"focus_standards": [9]},
    )
    assert nine.status_code == 422
    early_feedback = client.put(
        f"/api/v1/observations/{world.past_observation.id}/record",
        headers=world.headers("observer"),
        json=RECORD | {"feedback_given_at": "2026-09-01T08:00:00Z"},
    )
    assert early_feedback.status_code == 422
    refresh(session)
    assert len(session.exec(select(Observation)).all()) == before


def test_out_of_scope_people_get_404_and_no_data(client, world, session):
    stranger = make_user(session, world.trust, "stranger_observer", trn="1999999")
    session.add(
        Membership(
            user_id=stranger.id,
            trust_id=world.trust.id,
            role=Role.observer,
            school_id=world.school.id,
        )
    )
    session.commit()
    world.people["stranger_observer"] = stranger
    world.memberships["stranger_observer"] = session.exec(
        select(Membership).where(Membership.user_id == stranger.id)
    ).one()
    observation_id = world.past_observation.id
    for who in ("other_lead", "spare_mentor", "spare_mentee", "stranger_observer"):
        shown = _get(client, world, observation_id, who)
        assert shown.status_code == 404, who
        assert "Calm start" not in shown.text and "Mentee" not in shown.text
        listed = client.get("/api/v1/observations", headers=world.headers(who))
        assert listed.status_code == 200 and listed.json()["items"] == [], who
        targets = client.get("/api/v1/targets", headers=world.headers(who))
        assert targets.json()["items"] == [], who
        for action, body in (("share", None), ("cancel", {"reason": "No longer needed"})):
            acted = client.post(
                f"/api/v1/observations/{observation_id}/{action}",
                headers=world.headers(who),
                json=body,
            )
            assert acted.status_code == 404, (who, action)
    # Someone whose only role is observer sees just the observations they were asked to make.
    mine = client.get("/api/v1/observations", headers=world.headers("observer")).json()
    assert {o["id"] for o in mine["items"]} == {
        str(world.observation.id),
        str(world.past_observation.id),
        str(world.shared_observation.id),
    }


def test_observations_are_in_the_observers_and_the_mentees_feeds(client, world):
    source = next(s for s in calendar_sources() if s.name == "observation")
    from api.db import new_session

    with new_session(read_only=True) as session:
        observer = source.feed_events(session, world.people["observer"].id)
        mentee = source.feed_events(session, world.people["mentee"].id)
        mentor = source.feed_events(session, world.people["mentor"].id)
    assert len(observer) == len(mentee) == 3
    assert mentor == []
    assert observer[0].summary == "Observe Mentee: Science, 8B2"
    assert mentee[0].summary == "Observed by Observer: Science, 8B2"
    assert {e.uid for e in observer} == {e.uid for e in mentee}
    feed = client.post("/api/v1/me/calendar-feed", headers=world.headers("observer")).json()
    ics = client.get(feed["url"].removeprefix("http://testserver"))
    assert ics.status_code == 200
    assert f"observation-{world.observation.id}@mentorhub" in ics.text


def test_a_pairing_that_ends_cancels_the_observations_after_it(client, world, session):
    day = (date.today() + timedelta(days=20)).isoformat()
    later = _schedule(client, world, starts_at=f"{day}T08:00:00Z", ends_at=f"{day}T08:45:00Z")
    assert later.status_code == 201
    ended = client.post(
        f"/api/v1/pairings/{world.pairing.id}/end",
        headers=world.headers("lead"),
        json={"ends_on": (date.today() + timedelta(days=3)).isoformat(), "reason": "Moving school"},
    )
    assert ended.status_code == 200, ended.text
    shown = _get(client, world, later.json()["id"], "lead").json()
    assert shown["status"] == "cancelled"
    assert shown["cancel_reason"] == "Pairing ended: Moving school"
    assert _get(client, world, world.past_observation.id, "lead").json()["status"] == ("completed")


def test_todos_ask_the_observer_to_record_the_mentor_to_share_the_mentee_to_reflect(client, world):
    def kinds(who: str) -> set[str]:
        items = client.get("/api/v1/me/todos", headers=world.headers(who)).json()["items"]
        return {i["kind"] for i in items if i["target_type"] == "observation"}

    overdue = _schedule(
        client,
        world,
        starts_at=(date.today() - timedelta(days=2)).isoformat() + "T09:00:00Z",
        ends_at=(date.today() - timedelta(days=2)).isoformat() + "T09:45:00Z",
    )
    assert overdue.status_code == 201, overdue.text
    soon = (date.today() + timedelta(days=3)).isoformat()
    upcoming = _schedule(client, world, starts_at=f"{soon}T08:00:00Z", ends_at=f"{soon}T08:30:00Z")
    assert upcoming.status_code == 201, upcoming.text
    recorded = client.put(
        f"/api/v1/observations/{overdue.json()['id']}/record",
        headers=world.headers("observer"),
        json=RECORD | {"feedback_given_at": None},
    )
    assert recorded.status_code == 200, recorded.text
    assert "observation.to_share" in kinds("mentor")
    assert {"observation.to_share", "observation.upcoming"} <= kinds("observer")
    assert kinds("mentee") == {"observation.upcoming"}  # the record is not shared yet
    client.post(
        f"/api/v1/observations/{overdue.json()['id']}/share", headers=world.headers("mentor")
    )
    assert kinds("mentee") == {"observation.upcoming", "observation.to_reflect"}


# --- targets ------------------------------------------------------------------------------


def _target(client, world, who="mentor", **overrides):  # type: ignore[no-untyped-def]
    body = {
        "source_type": "observation",
        "source_id": str(world.past_observation.id),
        "standards": [5, 2],
        "text": "Plan a hinge question for each lesson",
        "due_on": (date.today() + timedelta(days=14)).isoformat(),
    } | overrides
    return client.post("/api/v1/targets", headers=world.headers(who), json=body)


def test_targets_from_an_observation_and_a_meeting_record(client, world):
    from_observation = _target(client, world)
    assert from_observation.status_code == 201, from_observation.text
    assert from_observation.json()["standards"] == [2, 5]
    assert from_observation.json()["mentee"]["id"] == str(world.people["mentee"].id)
    from_meeting = _target(
        client,
        world,
        who="mentee",
        source_type="meeting",
        source_id=str(world.past_meeting.id),
        text="Try cold calling every lesson",
    )
    assert from_meeting.status_code == 201, from_meeting.text
    not_held = _target(client, world, source_type="meeting", source_id=str(world.next_meeting.id))
    assert not_held.status_code == 409
    past_due = _target(client, world, due_on="2026-09-01")
    assert past_due.status_code == 422
    assert "or later" in past_due.json()["detail"] and "2026-" not in past_due.json()["detail"]
    not_recorded = _target(client, world, source_id=str(world.observation.id))
    assert not_recorded.status_code == 409
    unknown = _target(client, world, source_id=str(uuid.uuid4()))
    assert unknown.status_code == 404
    # The mentee works on it: achieved, with evidence.
    updated = client.patch(
        f"/api/v1/targets/{from_observation.json()['id']}",
        headers=world.headers("mentee"),
        json={"status": "achieved", "evidence": "Hinge questions in five lessons"},
    )
    assert updated.status_code == 200 and updated.json()["status"] == "achieved"
    mine = client.get("/api/v1/targets", headers=world.headers("mentee")).json()
    assert mine["total"] == 3  # with the one the world's observer set


def test_the_target_board_shows_the_schools_targets_without_names(client, world):
    assert _target(client, world).status_code == 201
    board = client.get(
        f"/api/v1/schools/{world.school.id}/target-board", headers=world.headers("spare_mentor")
    )
    assert board.status_code == 200, board.text
    texts = {t["text"] for t in board.json()["items"]}
    assert "Plan a hinge question for each lesson" in texts
    for name in ("Mentee", "mentee@example.org", str(world.people["mentee"].id)):
        assert name not in board.text
    assert set(board.json()["items"][0]) == {
        "standards",
        "text",
        "due_on",
        "status",
        "source_type",
        "set_on",
    }
    # Read-only for other mentors: the target itself stays out of their sight.
    target_id = client.get("/api/v1/targets", headers=world.headers("mentor")).json()["items"][0][
        "id"
    ]
    other_mentor = client.patch(
        f"/api/v1/targets/{target_id}",
        headers=world.headers("spare_mentor"),
        json={"status": "dropped"},
    )
    assert other_mentor.status_code == 404
    assert (
        client.get(
            f"/api/v1/schools/{world.school.id}/target-board", headers=world.headers("mentee")
        ).status_code
        == 403
    )


def test_status_values_are_the_contracts():
    assert [s.value for s in ObservationStatus] == ["scheduled", "completed", "shared", "cancelled"]


# --- scheduled from now on, unless a lead back-fills with a reason --------------------------


def test_an_observation_is_scheduled_from_now_on_unless_a_lead_back_fills_it(
    client, world, session, monkeypatch
):
    now = datetime(2026, 11, 10, 12, tzinfo=UTC)
    monkeypatch.setattr("api.observations.service.utcnow", lambda: now)
    past = {"starts_at": "2026-11-09T10:00:00Z", "ends_at": "2026-11-09T11:00:00Z"}
    by_mentor = _schedule(client, world, who="mentor", **past)
    assert by_mentor.status_code == 422, by_mentor.text
    assert by_mentor.json()["detail"] == (
        "An observation is scheduled from now (Tuesday 10 Nov 2026 at 12:00) on. One that has "
        "already happened can only be added by a school lead, with a reason."
    )
    assert by_mentor.json()["errors"][0]["field"] == "starts_at"
    no_reason = client.post(
        "/api/v1/observations",
        headers=world.headers("lead"),
        json={
            "pairing_id": str(world.pairing.id),
            "observer_id": str(world.people["observer"].id),
            "observer_role": "senco",
            "kind": "formal",
            "class_name": "8B2",
            "subject": "Science",
            "year_group": "Year 8",
        }
        | past,
    )
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "backfill_reason"
    assert "already happened" in no_reason.json()["detail"]
    future_with_reason = _schedule(
        client,
        world,
        starts_at="2026-11-12T10:00:00Z",
        ends_at="2026-11-12T11:00:00Z",
        backfill_reason="Not needed",
    )
    assert future_with_reason.status_code == 422
    assert future_with_reason.json()["errors"][0]["field"] == "backfill_reason"
    refresh(session)
    assert len(session.exec(select(Observation)).all()) == 3  # the world's, nothing new
    backfilled = _schedule(client, world, backfill_reason="Written up from paper notes", **past)
    assert backfilled.status_code == 201, backfilled.text
    refresh(session)
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == "observation.scheduled")
    ).one()
    assert event.changes["backfill_reason"] == "Written up from paper notes"
    # A lesson that began a moment ago is still "now" (a phone's clock may be a little out).
    just_now = _schedule(
        client,
        world,
        who="mentor",
        starts_at="2026-11-10T11:58:00Z",
        ends_at="2026-11-10T12:30:00Z",
    )
    assert just_now.status_code == 201, just_now.text


# --- targets reviewed at a meeting, by reference ----------------------------------------------


def _review(client, world, reviews, who="mentor", meeting=None):  # type: ignore[no-untyped-def]
    meeting_id = (meeting or world.past_meeting).id
    return client.put(
        f"/api/v1/meetings/{meeting_id}/target-reviews",
        headers=world.headers(who),
        json={"reviews": reviews},
    )


def test_the_record_keeper_reviews_the_mentees_open_targets_by_reference(client, world, session):
    target_id = str(world.target.id)
    saved = _review(
        client,
        world,
        [
            {
                "target_id": target_id,
                "note": "Used whiteboards in three lessons",
                "status": "achieved",
            }
        ],
    )
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["total"] == 1
    review = body["items"][0]
    assert review["target"]["id"] == target_id and review["target"]["status"] == "achieved"
    assert review["status_set"] == "achieved" and review["note"].startswith("Used")
    listed = client.get(
        f"/api/v1/meetings/{world.past_meeting.id}/target-reviews",
        headers=world.headers("mentee"),
    )
    assert listed.status_code == 200 and listed.json()["items"][0]["id"] == review["id"]
    assert (
        client.get(
            f"/api/v1/meetings/{world.past_meeting.id}/target-reviews",
            headers=world.headers("lead"),
        ).status_code
        == 200
    )
    # Trust admins see that the meeting happened, not what it said.
    admin = client.get(
        f"/api/v1/meetings/{world.past_meeting.id}/target-reviews",
        headers=world.headers("admin"),
    )
    assert admin.status_code == 403
    refresh(session)
    target = session.get(type(world.target), world.target.id)
    assert target is not None and target.status == "achieved"
    events = session.exec(select(AuditEvent)).all()
    assert {"meeting.targets_reviewed", "target.updated"} <= {e.action for e in events}
    for event in events:
        assert "whiteboards in three" not in str(event.changes)
    # Saving again keeps the review (the target is achieved now, by this very review) and a
    # list without it removes it.
    again = _review(client, world, [{"target_id": target_id, "note": "Still going well"}])
    assert again.status_code == 200, again.text
    assert again.json()["items"][0]["status_set"] == "achieved"
    assert _review(client, world, []).json()["total"] == 0


def test_target_reviews_are_refused_in_plain_words_and_nothing_is_saved(client, world, session):
    target_id = str(world.target.id)
    # Only the record keeper (the mentor here) writes them.
    not_keeper = _review(client, world, [{"target_id": target_id}], who="mentee")
    assert not_keeper.status_code == 403
    # A meeting still to come has reviewed nothing yet.
    ahead = _review(client, world, [{"target_id": target_id}], meeting=world.next_meeting)
    assert ahead.status_code == 409
    unknown = _review(client, world, [{"target_id": str(uuid.uuid4())}])
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "reviews.0.target_id"
    twice = _review(client, world, [{"target_id": target_id}, {"target_id": target_id}])
    assert twice.status_code == 422
    open_status = _review(client, world, [{"target_id": target_id, "status": "open"}])
    assert open_status.status_code == 422
    refresh(session)
    from api.observations.models import TargetReview

    assert session.exec(select(TargetReview)).all() == []


def test_a_mentor_of_another_pairing_cannot_review_this_mentees_targets(client, world, session):
    from api.meetings.models import Meeting, MeetingStatus

    pairing_id = uuid.UUID(fresh_pairing(client, world))
    refresh(session)
    theirs = Meeting(
        pairing_id=pairing_id,
        occurrence_date=date(2026, 9, 16),
        starts_at=datetime(2026, 9, 16, 14, 30, tzinfo=UTC),
        ends_at=datetime(2026, 9, 16, 15, 30, tzinfo=UTC),
        location="Room 3",
        status=MeetingStatus.held,
    )
    session.add(theirs)
    session.commit()
    # This pair's meeting is out of their sight...
    hidden = _review(client, world, [{"target_id": str(world.target.id)}], who="spare_mentor")
    assert hidden.status_code == 404
    # ...and this mentee's target cannot be reviewed in their own pair's meeting.
    wrong_mentee = _review(
        client, world, [{"target_id": str(world.target.id)}], who="spare_mentor", meeting=theirs
    )
    assert wrong_mentee.status_code == 422, wrong_mentee.text
    assert "not one of this mentee's" in wrong_mentee.json()["detail"]
    refresh(session)
    target = session.get(type(world.target), world.target.id)
    assert target is not None and target.status == "open"
