"""Building a fresh pairing through the API, for tests that schedule from scratch."""

from datetime import date

from api.org.models import TermDate

AUTUMN = ("2026-09-02", "2026-12-18")
HALF_TERM = ("2026-10-26", "2026-10-30")


def autumn_with_half_term(session, world) -> None:  # type: ignore[no-untyped-def]
    """The world's school has the autumn term; add its October half-term."""
    session.add(
        TermDate(
            school_id=world.school.id,
            kind="closure",
            name="Half-term",
            starts_on=date.fromisoformat(HALF_TERM[0]),
            ends_on=date.fromisoformat(HALF_TERM[1]),
        )
    )
    session.commit()


def fresh_pairing(client, world) -> str:  # type: ignore[no-untyped-def]
    """The spare mentor and spare mentee, paired for the autumn term."""
    lead = world.headers("lead")
    school = world.school.id
    client.post(
        f"/api/v1/schools/{school}/mentor-profiles",
        headers=lead,
        json={"user_id": str(world.people["spare_mentor"].id), "starts_on": "2026-09-01"},
    )
    client.post(
        f"/api/v1/schools/{school}/mentee-profiles",
        headers=lead,
        json={
            "user_id": str(world.people["spare_mentee"].id),
            "pathway": "itt",
            "starts_on": "2026-09-01",
        },
    )
    response = client.post(
        "/api/v1/pairings",
        headers=lead,
        json={
            "school_id": str(school),
            "mentor_id": str(world.people["spare_mentor"].id),
            "mentee_id": str(world.people["spare_mentee"].id),
            "kind": "subject_mentor",
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-18",
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def weekly_slot(client, world, pairing_id, who="spare_mentor", **overrides):  # type: ignore[no-untyped-def]
    body = {
        "weekday": 2,
        "start_time": "15:30",
        "location": "Room 4",
        "starts_on": "2026-09-01",
        "ends_on": "2026-12-18",
    } | overrides
    return client.post(
        f"/api/v1/pairings/{pairing_id}/slots", headers=world.headers(who), json=body
    )
