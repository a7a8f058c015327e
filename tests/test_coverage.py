"""Coverage for the leads: who observed whom week by week, the mentees nobody has observed for
a while, and the CSV export; scoped to the lead's school or the admin's trust."""

import csv
import io
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.mentoring.models import Pairing, PairingKind
from api.observations.models import (
    Observation,
    ObservationKind,
    ObservationStatus,
    ObserverRole,
)
from tests.conftest import make_user

SEPTEMBER = {"from": "2026-09-01", "to": "2026-09-30"}


def _observation(world, day, *, school=None, status=ObservationStatus.shared, **extra):  # type: ignore[no-untyped-def]
    london = ZoneInfo("Europe/London")
    values = dict(
        school_id=(school or world.school).id,
        pairing_id=world.pairing.id,
        mentee_id=world.people["mentee"].id,
        mentor_id=world.people["mentor"].id,
        observer_id=world.people["mentor"].id,
        observer_role=ObserverRole.mentor,
        kind=ObservationKind.drop_in,
        starts_at=datetime.combine(day, time(9, 0), tzinfo=london),
        ends_at=datetime.combine(day, time(9, 20), tzinfo=london),
        observed_on=day,
        week_start=day - timedelta(days=day.weekday()),
        class_name="7A",
        subject="Science",
        year_group="Year 7",
        scheduled_by=world.people["lead"].id,
        status=status,
    )
    return Observation(**(values | extra))


def _more(session, world):  # type: ignore[no-untyped-def]
    """Besides the world's two September observations by the SENCO: the mentor's drop-in in the
    second week, a cancelled one and a scheduled one that do not count, and observations at
    the trust's other school and in another trust."""
    session.add_all(
        [
            _observation(world, date(2026, 9, 16)),
            _observation(world, date(2026, 9, 15), status=ObservationStatus.cancelled),
            _observation(world, date(2026, 9, 22), status=ObservationStatus.scheduled),
            _observation(world, date(2026, 9, 23), school=world.other_school),
            _observation(world, date(2026, 9, 24), school=world.foreign_school),
        ]
    )
    session.commit()


def _get(client, world, who, path="", **params):  # type: ignore[no-untyped-def]
    return client.get(
        f"/api/v1/observation-coverage{path}",
        headers=world.headers(who),
        params=SEPTEMBER | params if path != "/unobserved" else params,
    )


def test_a_lead_sees_who_observed_whom_week_by_week_in_their_school(client, world, session):
    _more(session, world)
    response = _get(client, world, "lead")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == 3 and set(body) == {"items", "total", "limit", "offset"}
    rows = [
        (r["week_start"], r["observer"]["full_name"], r["observer_role"], r["kind"], r["count"])
        for r in body["items"]
    ]
    assert sorted(rows) == [
        ("2026-09-07", "Observer", "senco", "formal", 1),
        ("2026-09-14", "Mentor", "mentor", "drop_in", 1),
        ("2026-09-14", "Observer", "senco", "formal", 1),
    ]
    assert {r["mentee"]["full_name"] for r in body["items"]} == {"Mentee"}
    assert {r["school_id"] for r in body["items"]} == {str(world.school.id)}
    # Content of the record never appears.
    assert "Calm start" not in response.text and "strengths" not in response.text
    # Paged like every list.
    second = _get(client, world, "lead", limit=1, offset=1).json()
    assert second["total"] == 3 and len(second["items"]) == 1
    assert second["items"][0] == body["items"][1]


def test_from_and_to_are_inclusive_by_the_date_at_school(client, world, session):
    _more(session, world)
    only_the_tenth = _get(client, world, "lead", **{"from": "2026-09-10", "to": "2026-09-10"})
    assert [r["week_start"] for r in only_the_tenth.json()["items"]] == ["2026-09-07"]
    backwards = _get(client, world, "lead", **{"from": "2026-09-10", "to": "2026-09-09"})
    assert backwards.status_code == 422
    assert "before it starts" in backwards.json()["detail"]
    assert "2026-" not in backwards.json()["detail"]
    too_long = _get(client, world, "lead", **{"from": "2026-09-01", "to": "2027-09-30"})
    assert too_long.status_code == 422


def test_a_trust_admin_sees_the_trust_and_can_pick_one_school(client, world, session):
    _more(session, world)
    everything = _get(client, world, "admin").json()
    assert {r["school_id"] for r in everything["items"]} == {
        str(world.school.id),
        str(world.other_school.id),
    }
    one = _get(client, world, "admin", school_id=str(world.other_school.id)).json()
    assert one["total"] == 1 and one["items"][0]["school_id"] == str(world.other_school.id)
    foreign = _get(client, world, "admin", school_id=str(world.foreign_school.id))
    assert foreign.status_code == 404


def test_another_schools_lead_sees_none_of_it_and_mentors_see_no_coverage(client, world, session):
    _more(session, world)
    theirs = _get(client, world, "other_lead").json()
    assert {r["school_id"] for r in theirs["items"]} == {str(world.other_school.id)}
    for path in ("", "/weeks", "/export"):
        asked = _get(client, world, "other_lead", path, school_id=str(world.school.id))
        assert asked.status_code == 404, (path, asked.text)
        assert "Mentee" not in asked.text
    unobserved = _get(client, world, "other_lead", "/unobserved", school_id=str(world.school.id))
    assert unobserved.status_code == 404
    foreign = _get(client, world, "foreign_admin").json()["items"]
    assert {r["school_id"] for r in foreign} == {str(world.foreign_school.id)}
    for who in ("mentor", "mentee", "observer"):
        for path in ("", "/weeks", "/export", "/unobserved"):
            refused = _get(client, world, who, path)
            assert refused.status_code == 403, (who, path, refused.text)
            assert refused.json()["detail"] == "Coverage is for school leads and trust admins."
        with_school = _get(client, world, who, school_id=str(world.school.id))
        assert with_school.status_code == 403
    assert _get(client, world, "client").status_code == 403
    assert _get(client, world, "anon").status_code == 401


def test_each_week_of_the_range_by_observer_role_with_empty_weeks(client, world, session):
    _more(session, world)
    response = _get(client, world, "lead", "/weeks")
    assert response.status_code == 200, response.text
    weeks = response.json()["items"]
    assert [w["week_start"] for w in weeks] == [
        "2026-08-31",
        "2026-09-07",
        "2026-09-14",
        "2026-09-21",
        "2026-09-28",
    ]
    assert [w["total"] for w in weeks] == [0, 1, 2, 0, 0]
    assert weeks[2]["by_role"] == {
        "mentor": 1,
        "subject_colleague": 0,
        "senco": 1,
        "eal_specialist": 0,
        "senior_leader": 0,
        "peer": 0,
        "external": 0,
    }
    assert _get(client, world, "admin", "/weeks").json()["items"][3]["total"] == 1


def test_mentees_not_observed_for_the_weeks_chosen_are_flagged(client, world, session):
    spare = Pairing(
        school_id=world.school.id,
        mentor_id=world.people["spare_mentor"].id,
        mentee_id=world.people["spare_mentee"].id,
        kind=PairingKind.subject_mentor,
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 12, 18),
    )
    session.add(spare)
    session.commit()

    def flagged(**params):  # type: ignore[no-untyped-def]
        response = _get(client, world, "lead", "/unobserved", **params)
        assert response.status_code == 200, response.text
        return [
            (m["mentee"]["full_name"], m["last_observed_on"], m["weeks_since"])
            for m in response.json()["items"]
        ]

    # The SENCO last saw the mentee on 17 September; the spare mentee never.
    assert flagged(on="2026-10-01", weeks=2) == [
        ("Spare Mentee", None, None),
        ("Mentee", "2026-09-17", 2),
    ]
    assert flagged(on="2026-09-30", weeks=2) == [("Spare Mentee", None, None)]
    assert flagged(on="2026-10-01", weeks=3) == [("Spare Mentee", None, None)]
    # Before the pairings began there is nobody to flag; a cancelled one does not count.
    assert flagged(on="2026-08-20", weeks=1) == []
    session.add(_observation(world, date(2026, 9, 29), status=ObservationStatus.cancelled))
    session.commit()
    assert flagged(on="2026-10-01", weeks=2)[1] == ("Mentee", "2026-09-17", 2)
    one = _get(client, world, "lead", "/unobserved", on="2026-10-01", weeks=2).json()["items"][1]
    assert one["school_name"] == "Hillcrest Academy"
    assert [m["full_name"] for m in one["mentors"]] == ["Mentor"]
    assert _get(client, world, "lead", "/unobserved", weeks=0).status_code == 422
    other = _get(client, world, "other_lead", "/unobserved", on="2026-10-01").json()
    assert other["total"] == 0


def test_the_csv_has_the_same_rows_as_the_list_and_names_but_no_content(client, world, session):
    _more(session, world)
    # A name that a spreadsheet would take for a formula stays text.
    sly = make_user(session, world.trust, "sly")
    sly.full_name = '=HYPERLINK("http://evil")'
    session.commit()
    session.add(_observation(world, date(2026, 9, 18), observer_id=sly.id))
    session.commit()
    response = _get(client, world, "lead", "/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert (
        "observation-coverage-2026-09-01-to-2026-09-30.csv"
        in response.headers["content-disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = _get(client, world, "lead", limit=100).json()["items"]
    assert len(rows) == len(listed) == 4
    for row, item in zip(rows, listed, strict=True):
        assert row["week_start"] == item["week_start"]
        assert row["mentee_id"] == item["mentee"]["id"]
        assert row["mentee_name"] == item["mentee"]["full_name"]
        assert row["observer_id"] == item["observer"]["id"]
        assert row["observer_role"] == item["observer_role"]
        assert row["kind"] == item["kind"]
        assert int(row["count"]) == item["count"]
        assert row["school_name"] == "Hillcrest Academy"
    assert "'=HYPERLINK" in response.text
    for content in ("Calm start", "High expectations", "Pace in the middle"):
        assert content not in response.text
    empty = _get(
        client, world, "other_lead", "/export", **{"from": "2026-01-05", "to": "2026-01-09"}
    )
    assert empty.text.splitlines() == [
        "week_start,school_id,school_name,mentee_id,mentee_name,observer_id,observer_name,"
        "observer_role,kind,count"
    ]
    assert uuid.UUID(rows[0]["school_id"]) == world.school.id
