"""Bulk onboarding from CSV: every bad row by line and column, then all or nothing."""

from sqlmodel import select

from api.audit.models import AuditEvent
from api.cli import main
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.org.models import Membership, User
from tests.conftest import refresh

HEADER = (
    "email,full_name,trn,mis_staff_code,role,starts_on,ends_on,subjects,phase,"
    "mentor_trained,pathway,programme,induction_year,provider,subject,mentor_email,"
    "pairing_kind\n"
)
GOOD = HEADER + (
    "ann.lee@example.org,Ann Lee,3000001,ALE,mentor,2026-09-01,,Maths;Physics,secondary,yes,"
    ",,,,,,\n"
    "ben.ode@example.org,Ben Ode,3000002,BOD,mentee,2026-09-01,2027-07-21,,secondary,,ect,"
    "ECF,1,Ambition Institute,Maths,ann.lee@example.org,induction_mentor\n"
    "cat.ray@example.org,Cat Ray,,,observer,2026-09-01,,,,,,,,,,,\n"
)


def _post(client, world, text, dry_run, who="lead"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/schools/{world.school.id}/imports?dry_run={str(dry_run).lower()}",
        headers=world.headers(who) | {"content-type": "text/csv"},
        content=text.encode(),
    )


def test_template_downloads_with_every_column(client, world):
    response = client.get("/api/v1/imports/template.csv", headers=world.headers("lead"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == HEADER.strip()


def test_dry_run_reports_every_bad_row_by_line_and_column_and_writes_nothing(
    client, world, session
):
    bad = HEADER + (
        "not-an-email,Ann Lee,123,,mentor,2026-09-01,,,,maybe,,,,,,,\n"
        "ben@example.org,Ben,,,mentee,2026-13-01,,,secondary,,ect,,,,,,\n"
        "cat@example.org,Cat,,,headteacher,2026-09-01,,,,,,,,,,,\n"
        "dan@example.org,Dan,,,mentee,2026-09-01,,,,,itt,,,,,nobody@example.org,"
        "induction_mentor\n"
    )
    users_before = len(session.exec(select(User)).all())
    report = _post(client, world, bad, dry_run=True)
    assert report.status_code == 200
    errors = {(e["line"], e["column"]) for e in report.json()["errors"]}
    assert errors == {
        (2, "email"),
        (2, "trn"),
        (2, "mentor_trained"),
        (3, "starts_on"),
        (3, "induction_year"),
        (4, "role"),
        (5, "ends_on"),
    }
    refused = _post(client, world, bad, dry_run=False)
    assert refused.status_code == 422
    assert len(refused.json()["import_errors"]) == 7
    assert len(session.exec(select(User)).all()) == users_before


def test_a_clean_file_imports_people_roles_profiles_and_pairings_at_once(client, world, session):
    dry = _post(client, world, GOOD, dry_run=True).json()
    assert dry["errors"] == [] and dry["people_created"] == 3 and dry["pairings"] == 1
    assert session.exec(select(User).where(User.email == "ann.lee@example.org")).first() is None

    done = _post(client, world, GOOD, dry_run=False)
    assert done.status_code == 200, done.text
    assert done.json()["mentor_profiles"] == 1 and done.json()["mentee_profiles"] == 1
    refresh(session)
    ann = session.exec(select(User).where(User.email == "ann.lee@example.org")).one()
    assert ann.must_change_password and ann.password_hash is None
    profile = session.exec(select(MentorProfile).where(MentorProfile.user_id == ann.id)).one()
    assert profile.subjects == ["Maths", "Physics"] and profile.trained is True
    ben = session.exec(select(User).where(User.email == "ben.ode@example.org")).one()
    assert (
        session.exec(select(MenteeProfile).where(MenteeProfile.user_id == ben.id))
        .one()
        .induction_year
        == 1
    )
    pairing = session.exec(select(Pairing).where(Pairing.mentee_id == ben.id)).one()
    assert pairing.mentor_id == ann.id and pairing.kind == "induction_mentor"
    assert (
        session.exec(select(AuditEvent).where(AuditEvent.action == "import.committed"))
        .one()
        .changes["people_created"]
        == 3
    )

    # The same file again finds everything already there.
    again = _post(client, world, GOOD, dry_run=True).json()
    assert again["people_created"] == 0 and again["roles_added"] == 0
    assert again["errors"] == [
        {
            "line": 3,
            "column": "pairing_kind",
            "detail": "this mentee already has such a pairing for those dates",
        }
    ]


def test_rows_clashing_with_the_file_or_the_database(client, world):
    text = HEADER + (
        "ann.lee@example.org,Ann Lee,3000001,,mentor,2026-09-01,,,,,,,,,,,\n"
        "ann.lee@example.org,Ann Lee,3000001,,mentor,2026-09-01,,,,,,,,,,,\n"
        "zed@example.org,Zed,1000002,,observer,2026-09-01,,,,,,,,,,,\n"
        "foreign_admin@example.org,Foreign,,,observer,2026-09-01,,,,,,,,,,,\n"
    )
    errors = _post(client, world, text, dry_run=True).json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(3, "email"), (4, "trn"), (5, "email")]


def test_missing_or_unknown_columns_and_bad_encoding(client, world):
    errors = _post(client, world, "email,name\n", dry_run=True).json()["errors"]
    assert {(e["line"], e["column"]) for e in errors} >= {(1, "full_name"), (1, "name")}
    latin1 = client.post(
        f"/api/v1/schools/{world.school.id}/imports",
        headers=world.headers("lead") | {"content-type": "text/csv"},
        content="email\nJos\xe9".encode("latin-1"),
    )
    assert latin1.status_code == 422


def test_a_request_without_a_file_is_invalid_even_as_a_dry_run(client, world):
    for dry_run in (True, False):
        response = _post(client, world, "", dry_run=dry_run)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"] == [
            {"field": "body", "detail": "Send the CSV file as the request body", "type": "missing"}
        ]
    unauthorised = client.post(f"/api/v1/schools/{world.school.id}/imports?dry_run=true")
    assert unauthorised.status_code == 401


def test_command_line_import_with_progress(client, world, session, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    main(
        ["import", str(path), "--school", world.school.urn, "--as", "lead@example.org", "--dry-run"]
    )
    assert "Would import 3 rows: 3 new people" in capsys.readouterr().out
    main(["import", str(path), "--school", world.school.urn, "--as", "lead@example.org"])
    assert "Imported 3 rows" in capsys.readouterr().out
    roles = session.exec(
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(User.email == "cat.ray@example.org")
    ).all()
    assert [r.role for r in roles] == ["observer"]


def test_a_lead_cannot_pull_in_people_they_cannot_manage(client, world, session):
    text = HEADER + "other_lead@example.org,Other Lead,,,observer,2026-09-01,,,,,,,,,,,\n"
    report = _post(client, world, text, dry_run=True).json()
    assert [(e["line"], e["column"]) for e in report["errors"]] == [(2, "email")]
    assert "cannot manage" in report["errors"][0]["detail"]
    hidden = client.get(
        f"/api/v1/users/{world.people['other_lead'].id}", headers=world.headers("lead")
    )
    assert hidden.status_code == 404


def test_a_mentee_can_be_paired_with_a_mentor_already_at_the_school(client, world, session):
    text = HEADER + (
        "newbie@example.org,New Bie,,,mentee,2026-09-01,2027-07-21,,,,itt,,,,,"
        "mentor@example.org,subject_mentor\n"
    )
    done = _post(client, world, text, dry_run=False)
    assert done.status_code == 200 and done.json()["pairings"] == 1, done.text


def test_overlong_values_and_unreadable_files_are_reported_not_crashed(client, world):
    long_code = HEADER + f"x@example.org,X,,{'C' * 40},observer,2026-09-01,,,,,,,,,,,\n"
    errors = _post(client, world, long_code, dry_run=True).json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(2, "mis_staff_code")]
    huge = HEADER + "x@example.org," + "N" * 200_000 + ",,,observer,2026-09-01\n"
    response = _post(client, world, huge, dry_run=True)
    assert response.status_code == 200 and response.json()["errors"][0]["line"] == 2
