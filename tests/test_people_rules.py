"""One email rule for every way an address comes in; imports that report every problem at
once and take UK dates and uploaded files; messages that write dates as the web app does; and
an audit log that names people."""

from datetime import date

from sqlmodel import select

from api.core.schemas import EMAIL_MESSAGE, email_problem
from api.demo.service import PEOPLE, seed_demo
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.org.models import User
from tests.conftest import refresh
from tests.test_import import GOOD, HEADER


def _import(client, world, text, dry_run=True, who="lead"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run={str(dry_run).lower()}",
        headers=world.headers(who) | {"content-type": "text/csv"},
        content=text.encode(),
    )


# --- one email rule ------------------------------------------------------------------------


def test_every_demo_address_passes_the_one_rule():
    assert all(email_problem(email) is None for email, *_ in PEOPLE)


def test_a_lead_saves_a_demo_person_after_editing_them(client, session):
    seed_demo(session, today=date(2026, 9, 7))
    lead_login = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "lead@demo.mentorhub.test",
            "password": "mentorhub-demo",
        },
    )
    headers = {"Authorization": f"Bearer {lead_login.json()['access_token']}"}
    mentor = session.exec(select(User).where(User.email == "mentor@demo.mentorhub.test")).one()
    saved = client.patch(
        f"/api/v1/users/{mentor.id}",
        headers=headers,
        json={"full_name": "Sarah Evans-Jones", "email": "Mentor@Demo.MentorHub.test"},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["email"] == "mentor@demo.mentorhub.test"


def test_a_bad_address_is_refused_in_plain_words_on_every_path(client, world, session):
    person = world.people["spare_mentor"]
    for bad in ("a@b@c.org", "name@localhost", "name@school.local", "no-at-sign"):
        edited = client.patch(
            f"/api/v1/users/{person.id}", headers=world.headers("lead"), json={"email": bad}
        )
        assert edited.status_code == 422
        assert edited.json()["errors"] == [
            {"field": "email", "detail": EMAIL_MESSAGE, "type": "email"}
        ]
        created = client.post(
            "/api/v1/users",
            headers=world.headers("lead"),
            json={
                "email": bad,
                "full_name": "New Person",
                "roles": [{"role": "observer", "school_id": str(world.school.id)}],
            },
        )
        assert created.status_code == 422
        assert created.json()["errors"][0]["detail"] == EMAIL_MESSAGE
        imported = _import(client, world, HEADER + f"{bad},Sam,,,observer,2026-09-01,,,,,,,,,,,\n")
        assert imported.json()["errors"] == [
            {"line": 2, "column": "email", "detail": EMAIL_MESSAGE}
        ]
    assert EMAIL_MESSAGE == "Enter an email address like name@school.org.uk"
    refresh(session)
    assert session.get(User, person.id).email == "spare_mentor@example.org"


def test_an_import_takes_the_same_addresses_as_a_form(client, world):
    text = HEADER + "sam@new.school.test,Sam,,,observer,2026-09-01,,,,,,,,,,,\n"
    assert _import(client, world, text).json()["errors"] == []


def test_sign_in_looks_addresses_up_as_they_are_stored(client, world):
    signed_in = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "  Mentor@Example.ORG ",
            "password": "correct-horse-battery",
        },
    )
    assert signed_in.status_code == 200


# --- imports -------------------------------------------------------------------------------


def test_a_bad_row_does_not_hide_the_problems_of_the_rows_after_it(client, world):
    text = HEADER + (
        "ann.lee@example.org,Ann Lee,,,mentor,2026-13-01,,,,,,,,,,,\n"
        "ben.ode@example.org,Ben Ode,,,mentee,2026-09-01,2027-07-21,,,,itt,,,,,"
        "nobody@example.org,subject_mentor\n"
        "cat.ray@example.org,Cat Ray,,,observer,2026-09-01,,,,,,,,,,,\n"
    )
    errors = _import(client, world, text).json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(2, "starts_on"), (3, "mentor_email")]


def test_a_mentor_whose_own_row_is_bad_is_not_reported_as_missing(client, world):
    text = HEADER + (
        "ann.lee@example.org,Ann Lee,,,mentor,2026-13-01,,,,,,,,,,,\n"
        "ben.ode@example.org,Ben Ode,,,mentee,2026-09-01,2027-07-21,,,,itt,,,,,"
        "ann.lee@example.org,subject_mentor\n"
    )
    errors = _import(client, world, text).json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(2, "starts_on")]


def test_a_report_with_problems_says_what_the_good_rows_would_add(client, world, session):
    text = GOOD + "dan@example.org,Dan,,,observer,someday,,,,,,,,,,,\n"
    report = _import(client, world, text).json()
    assert report["rows"] == 4 and report["rows_with_problems"] == 1
    assert report["people_created"] == 3 and report["pairings"] == 1
    assert session.exec(select(User).where(User.email == "ann.lee@example.org")).first() is None
    refused = _import(client, world, text, dry_run=False)
    assert refused.status_code == 422
    assert session.exec(select(User).where(User.email == "ann.lee@example.org")).first() is None


def test_uk_dates_are_read_as_day_month_year(client, world, session):
    text = HEADER + (
        "ann.lee@example.org,Ann Lee,,,mentor,02/09/2026,,,,,,,,,,,\n"
        "ben.ode@example.org,Ben Ode,,,mentee,2/9/2026,21/07/2027,,,,itt,,,,,"
        "ann.lee@example.org,subject_mentor\n"
    )
    done = _import(client, world, text, dry_run=False)
    assert done.status_code == 200, done.text
    refresh(session)
    ann = session.exec(select(User).where(User.email == "ann.lee@example.org")).one()
    profile = session.exec(select(MentorProfile).where(MentorProfile.user_id == ann.id)).one()
    assert profile.starts_on == date(2026, 9, 2)
    pairing = session.exec(select(Pairing).where(Pairing.mentor_id == ann.id)).one()
    assert (pairing.starts_on, pairing.ends_on) == (date(2026, 9, 2), date(2027, 7, 21))
    ben = session.exec(select(User).where(User.email == "ben.ode@example.org")).one()
    assert session.exec(select(MenteeProfile).where(MenteeProfile.user_id == ben.id)).one()


def test_a_date_that_is_not_one_says_both_ways_to_write_it(client, world):
    for written in ("31/02/2027", "2027-02-31", "09/31/2026", "next week"):
        text = HEADER + f"sam@example.org,Sam,,,observer,{written},,,,,,,,,,,\n"
        errors = _import(client, world, text).json()["errors"]
        assert errors == [
            {
                "line": 2,
                "column": "starts_on",
                "detail": "is not a date: write it as 2026-09-01 or 01/09/2026",
            }
        ], written


def test_a_file_uploaded_as_a_form_is_read_as_the_file(client, world, session):
    # What `curl -F file=@people.csv` sends: multipart/form-data with a boundary.
    response = client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run=false",
        headers=world.headers("lead"),
        files={"file": ("people.csv", GOOD.encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    assert response.json()["errors"] == [] and response.json()["people_created"] == 3
    refresh(session)
    assert session.exec(select(User).where(User.email == "cat.ray@example.org")).one()


def test_a_form_without_a_file_is_refused_in_plain_words(client, world):
    response = client.post(
        f"/api/v1/schools/{world.school.id}/imports",
        headers=world.headers("lead"),
        files={"other": ("notes.txt", b"hello", "text/plain")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


def test_a_broken_form_upload_is_invalid_input_not_a_bad_request(client, world):
    response = client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run=true",
        headers=world.headers("lead")
        | {"content-type": "multipart/form-data; boundary=0d37f771f3609e9baf6be26654101f5f"},
        content=b"--0d37f771f3609e9baf6be26654101f5f\r\nTrue--0d37f771f3609e9baf6be26654101f5f--\r\n",
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "file"


# --- dates in messages ---------------------------------------------------------------------


def test_a_pairing_outside_the_mentors_dates_says_which_dates(client, world, session):
    mentor = world.people["spare_mentor"]
    mentee = world.people["spare_mentee"]
    for user_id, path in ((mentor.id, "mentor-profiles"), (mentee.id, "mentee-profiles")):
        body = {"user_id": str(user_id), "starts_on": "2026-09-01", "ends_on": "2027-07-18"}
        if path == "mentee-profiles":
            body |= {"pathway": "itt"}
        made = client.post(
            f"/api/v1/schools/{world.school.id}/{path}", headers=world.headers("lead"), json=body
        )
        assert made.status_code == 201, made.text
    response = client.post(
        "/api/v1/pairings",
        headers=world.headers("lead"),
        json={
            "school_id": str(world.school.id),
            "mentor_id": str(mentor.id),
            "mentee_id": str(mentee.id),
            "kind": "subject_mentor",
            "starts_on": "2026-08-20",
            "ends_on": "2027-07-01",
        },
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "The mentor's dates at this school are 1 Sept 2026 to 18 Jul 2027" in detail
    assert "2026-09-01" not in detail


def test_ending_a_pairing_outside_it_names_its_dates_as_the_app_does(client, world):
    pairing = world.pairing
    response = client.post(
        f"/api/v1/pairings/{pairing.id}/end",
        headers=world.headers("lead"),
        json={"ends_on": "2000-01-03", "reason": "Moved school"},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert pairing.starts_on.isoformat() not in detail
    assert f"{pairing.starts_on.day} " in detail


def test_overlapping_terms_are_named_with_dates_as_the_app_writes_them(client, world):
    response = client.post(
        f"/api/v1/schools/{world.school.id}/term-dates",
        headers=world.headers("lead"),
        json={
            "kind": "term",
            "name": "Extra term",
            "starts_on": "2026-12-01",
            "ends_on": "2027-01-10",
        },
    )
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "1 Dec 2026 to 10 Jan 2027" in detail and "2 Sept 2026 to 18 Dec 2026" in detail


# --- names in the audit log ----------------------------------------------------------------


def test_the_audit_log_names_the_person_acted_on(client, world):
    person = world.people["spare_mentor"]
    client.patch(
        f"/api/v1/users/{person.id}",
        headers=world.headers("lead"),
        json={"full_name": "Spare Mentor Renamed"},
    )
    client.patch(
        f"/api/v1/schools/{world.school.id}", headers=world.headers("admin"), json={"name": "Hill"}
    )
    events = client.get("/api/v1/audit-events", headers=world.headers("admin")).json()["items"]
    by_action = {e["action"]: e for e in events}
    assert by_action["user.updated"]["object_name"] == "Spare Mentor Renamed"
    assert by_action["user.updated"]["actor_name"] == "Lead"
    assert by_action["school.updated"]["object_name"] == "Hill"


def test_the_audit_log_names_only_people_of_the_readers_trust(client, world, session):
    # An event about someone the reader cannot see carries no name.
    from api.audit import service as audit

    foreign = world.people["foreign_admin"]
    audit.record(
        session,
        None,
        "user.updated",
        object_type="user",
        object_id=foreign.id,
        trust_id=world.trust.id,
    )
    session.commit()
    events = client.get(
        "/api/v1/audit-events?action=user.updated", headers=world.headers("admin")
    ).json()["items"]
    assert [e["object_name"] for e in events] == [None]


def test_the_command_line_takes_addresses_by_the_same_rule(session):
    import pytest

    from api.cli import main

    with pytest.raises(SystemExit, match="like name@school.org.uk"):
        main(["create-admin", "head@school.local", "--password", "a-long-password"])
    assert session.exec(select(User).where(User.email == "head@school.local")).first() is None
