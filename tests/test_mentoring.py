"""Profiles, pairings and agreements: the rules and who sees what."""

from datetime import date, timedelta

from sqlmodel import select

from api.meetings.models import Meeting, MeetingStatus
from tests.conftest import refresh


def _pair(client, world, who="lead", **overrides):  # type: ignore[no-untyped-def]
    body = {
        "school_id": str(world.school.id),
        "mentor_id": str(world.people["mentor"].id),
        "mentee_id": str(world.people["mentee"].id),
        "kind": "subject_mentor",
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-18",
    } | overrides
    return client.post("/api/v1/pairings", headers=world.headers(who), json=body)


def test_profiles_need_the_role_and_are_unique(client, world):
    url = f"/api/v1/schools/{world.school.id}/mentor-profiles"
    not_a_mentor = client.post(
        url,
        headers=world.headers("lead"),
        json={"user_id": str(world.people["observer"].id), "starts_on": "2026-09-01"},
    )
    assert not_a_mentor.status_code == 422
    assert not_a_mentor.json()["errors"][0]["field"] == "user_id"
    again = client.post(
        url,
        headers=world.headers("lead"),
        json={"user_id": str(world.people["mentor"].id), "starts_on": "2026-09-01"},
    )
    assert again.status_code == 409
    listed = client.get(url, headers=world.headers("lead")).json()["items"]
    assert [p["user"]["full_name"] for p in listed] == ["Mentor"]


def test_ect_profiles_need_an_induction_year(client, world):
    url = f"/api/v1/schools/{world.school.id}/mentee-profiles"
    body = {
        "user_id": str(world.people["spare_mentee"].id),
        "pathway": "ect",
        "starts_on": "2026-09-01",
    }
    assert client.post(url, headers=world.headers("lead"), json=body).status_code == 422
    created = client.post(url, headers=world.headers("lead"), json=body | {"induction_year": 2})
    assert created.status_code == 201 and created.json()["induction_year"] == 2
    itt_with_year = client.patch(
        f"/api/v1/mentee-profiles/{created.json()['id']}",
        headers=world.headers("lead"),
        json={"pathway": "itt"},
    )
    assert itt_with_year.status_code == 422


def test_nobody_mentors_themselves(client, world):
    response = _pair(client, world, mentee_id=str(world.people["mentor"].id))
    assert response.status_code == 422 and "themselves" in response.json()["detail"]


def test_both_people_need_a_profile_at_the_school(client, world):
    response = _pair(client, world, mentee_id=str(world.people["spare_mentee"].id))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mentee_id"


def test_pairings_of_one_kind_never_overlap(client, world):
    overlap = _pair(client, world, kind="induction_mentor")
    assert overlap.status_code == 409
    assert overlap.json()["clashing_pairing_id"] == str(world.pairing.id)
    other_kind = _pair(client, world)
    assert other_kind.status_code == 201
    assert other_kind.json()["mentor"]["full_name"] == "Mentor"


def test_pairing_dates_fall_inside_both_peoples_time(client, world, session):
    world.mentor_profile.ends_on = date(2026, 10, 31)
    session.add(world.mentor_profile)
    session.commit()
    response = _pair(client, world)
    assert response.status_code == 422 and "mentor's time" in response.json()["detail"]
    early = _pair(client, world, starts_on="2026-08-01")
    assert early.status_code == 422


def test_ending_early_keeps_history_and_cancels_later_meetings(client, world, session):
    ends = date.today()
    response = client.post(
        f"/api/v1/pairings/{world.pairing.id}/end",
        headers=world.headers("lead"),
        json={"ends_on": ends.isoformat(), "reason": "Mentor left"},
    )
    assert response.status_code == 200
    assert response.json()["ends_on"] == ends.isoformat()
    assert response.json()["ended_early_reason"] == "Mentor left"
    refresh(session)
    past = session.get(Meeting, world.past_meeting.id)
    later = session.get(Meeting, world.next_meeting.id)
    assert past.status == MeetingStatus.held
    assert later.status == MeetingStatus.cancelled and later.lost is False
    too_late = client.post(
        f"/api/v1/pairings/{world.pairing.id}/end",
        headers=world.headers("lead"),
        json={"ends_on": (ends + timedelta(days=999)).isoformat(), "reason": "x" * 5},
    )
    assert too_late.status_code == 422


def test_people_see_only_their_own_pairings(client, world):
    mine = client.get("/api/v1/pairings", headers=world.headers("mentee")).json()
    assert [p["id"] for p in mine["items"]] == [str(world.pairing.id)]
    other = client.get("/api/v1/pairings", headers=world.headers("other_lead")).json()
    assert other["total"] == 0
    hidden = client.get(f"/api/v1/pairings/{world.pairing.id}", headers=world.headers("other_lead"))
    assert hidden.status_code == 404 and "Mentee" not in hidden.text


AGREEMENT = {
    "meeting_frequency": "weekly",
    "meeting_day": 2,
    "meeting_time": "15:30",
    "meeting_location": "Room 12",
    "feedback_timing": "after_reflection",
    "reflection_interval_hours": 24,
    "mentor_prepares": "Lesson notes",
    "mentee_prepares": "A reflection",
    "record_keeper": "mentee",
    "agenda_setting": "Mentee sends it the day before",
    "feedback_approach": "Ask first",
    "wellbeing_frequency": "every meeting",
    "concern_route": "Speak to the induction tutor",
}


def test_agreement_versions_are_agreed_by_both_sides(client, world):
    url = f"/api/v1/pairings/{world.pairing.id}/agreements"
    missing_interval = client.post(
        url, headers=world.headers("mentor"), json=AGREEMENT | {"reflection_interval_hours": None}
    )
    assert missing_interval.status_code == 422
    proposed = client.post(url, headers=world.headers("mentor"), json=AGREEMENT)
    assert proposed.status_code == 201
    v2 = proposed.json()
    assert v2["version"] == 2 and v2["mentor_agreed_at"] and not v2["mentee_agreed_at"]
    assert v2["agreed"] is False

    old = client.post(
        f"/api/v1/agreements/{world.agreement.id}/agree", headers=world.headers("mentee")
    )
    assert old.status_code == 409
    agreed = client.post(f"/api/v1/agreements/{v2['id']}/agree", headers=world.headers("mentee"))
    assert agreed.json()["agreed"] is True and agreed.json()["mentee_agreed_at"]
    lead = client.post(f"/api/v1/agreements/{v2['id']}/agree", headers=world.headers("lead"))
    assert lead.status_code == 403
    versions = client.get(url, headers=world.headers("mentee")).json()["items"]
    assert [(v["version"], v["current"]) for v in versions] == [(2, True), (1, False)]


def test_record_keeper_follows_the_agreed_version_only(client, world):
    proposed = client.post(
        f"/api/v1/pairings/{world.pairing.id}/agreements",
        headers=world.headers("mentee"),
        json=AGREEMENT,
    ).json()
    url = f"/api/v1/meetings/{world.past_meeting.id}/record"
    body = {"status": "held", "notes": "Talked about marking."}
    # Proposed by the mentee but not yet agreed by the mentor: the mentor still keeps it.
    assert client.put(url, headers=world.headers("mentee"), json=body).status_code == 403
    client.post(f"/api/v1/agreements/{proposed['id']}/agree", headers=world.headers("mentor"))
    assert client.put(url, headers=world.headers("mentor"), json=body).status_code == 403
    saved = client.put(url, headers=world.headers("mentee"), json=body)
    assert saved.status_code == 200
    assert saved.json()["record"]["recorded_by"] == str(world.people["mentee"].id)


def test_pairing_lists_filter(client, world, session):
    headers = world.headers("admin")
    assert client.get("/api/v1/pairings?kind=subject_mentor", headers=headers).json()["total"] == 0
    assert (
        client.get(
            f"/api/v1/pairings?person_id={world.people['mentee'].id}", headers=headers
        ).json()["total"]
        == 1
    )
    assert client.get("/api/v1/pairings?active_on=2020-01-01", headers=headers).json()["total"] == 0
    assert session.exec(select(Meeting)).all()


def test_a_pairing_clash_names_the_field_it_concerns(client, world):
    # The form links the message to the mentee it is about, so the problem says which field.
    overlap = _pair(client, world, kind="induction_mentor")
    assert overlap.status_code == 409
    [problem] = overlap.json()["errors"]
    assert problem["field"] == "mentee_id"
    assert "already has an induction mentor" in problem["detail"]


def test_profiles_come_in_pages_by_name_and_only_for_schools_in_sight(client, world):
    lead = world.headers("lead")
    for kind, spare, extra in (
        ("mentor", "spare_mentor", {}),
        ("mentee", "spare_mentee", {"pathway": "itt"}),
    ):
        url = f"/api/v1/schools/{world.school.id}/{kind}-profiles"
        body = {"user_id": str(world.people[spare].id), "starts_on": "2026-09-01"} | extra
        assert client.post(url, headers=lead, json=body).status_code == 201
        first = client.get(f"{url}?limit=1", headers=lead).json()
        assert (first["total"], first["limit"], first["offset"]) == (2, 1, 0)
        second = client.get(f"{url}?limit=1&offset=1", headers=lead).json()
        names = [p["user"]["full_name"] for p in first["items"] + second["items"]]
        assert names == [kind.title(), f"Spare {kind.title()}"]
        assert client.get(f"{url}?limit=201", headers=lead).status_code == 422
        foreign = f"/api/v1/schools/{world.foreign_school.id}/{kind}-profiles"
        hidden = client.get(foreign, headers=lead)
        assert hidden.status_code == 404 and "items" not in hidden.json()


def test_agreement_versions_come_in_pages_and_the_newest_is_current_on_any_page(client, world):
    url = f"/api/v1/pairings/{world.pairing.id}/agreements"
    mentor = world.headers("mentor")
    assert client.post(url, headers=mentor, json=AGREEMENT).status_code == 201
    first = client.get(f"{url}?limit=1", headers=mentor).json()
    second = client.get(f"{url}?limit=1&offset=1", headers=mentor).json()
    assert (first["total"], second["total"], second["offset"]) == (2, 2, 1)
    versions = [(v["version"], v["current"]) for v in first["items"] + second["items"]]
    assert versions == [(2, True), (1, False)]
    hidden = client.get(url, headers=world.headers("foreign_admin"))
    assert hidden.status_code == 404 and "items" not in hidden.json()
