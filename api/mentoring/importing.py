"""Bulk onboarding from CSV: people with their roles, mentor and mentee profiles, and pairings.

A dry run reports every bad row by line and column; a commit writes all rows or none. Rows are
checked against what the school already has with a handful of queries, then written with bulk
inserts, so ten thousand rows take seconds.
"""

import csv
import io
import re
import uuid
from collections.abc import Callable
from datetime import date, datetime

from pydantic import BaseModel, Field
from sqlalchemy import insert
from sqlmodel import Session

from api.audit import service as audit
from api.auth import invitations
from api.auth.principals import Principal
from api.core.problems import Problem, Unprocessable
from api.core.schemas import EMAIL_MESSAGE, email_problem, normalize_email
from api.mentoring.import_plan import ImportRow, Plan, RowProblem, plan_rows
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing, PairingKind, Pathway
from api.org import service as org_service
from api.org.models import Membership, Phase, Role, User

COLUMNS = [
    "email",
    "full_name",
    "trn",
    "mis_staff_code",
    "role",
    "starts_on",
    "ends_on",
    "subjects",
    "phase",
    "mentor_trained",
    "pathway",
    "programme",
    "induction_year",
    "provider",
    "subject",
    "mentor_email",
    "pairing_kind",
]
IMPORTABLE_ROLES = {Role.school_lead, Role.mentor, Role.mentee, Role.observer}
TEMPLATE_ROWS = [
    [
        "sarah.evans@school.example",
        "Sarah Evans",
        "1234567",
        "SEV",
        "mentor",
        "2026-09-01",
        "",
        "Science;Maths",
        "secondary",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "james.patel@school.example",
        "James Patel",
        "2345678",
        "JPA",
        "mentee",
        "2026-09-01",
        "2027-07-21",
        "",
        "secondary",
        "",
        "ect",
        "ECF full induction",
        "1",
        "Ambition Institute",
        "Science",
        "sarah.evans@school.example",
        "induction_mentor",
    ],
]
DATE_HINT = "write it as 2026-09-01 or 01/09/2026"
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# The same limits as the columns (and the API's own schemas).
MAX_LENGTHS = {
    "email": 254,
    "full_name": 200,
    "mis_staff_code": 32,
    "programme": 200,
    "provider": 200,
    "subject": 100,
    "subjects": 1000,
}


class ImportProblem(Problem):
    """422 when a commit meets bad rows: nothing was written."""

    import_errors: list[RowProblem] | None = Field(
        default=None, description="Every bad row; absent when the request itself is invalid"
    )


class ImportedInvitation(BaseModel):
    user_id: uuid.UUID
    full_name: str
    email: str
    token: str
    path: str = Field(description="The web app's page for it: join it to the app's address")
    expires_at: datetime


class ImportReport(BaseModel):
    """What the file adds. With problems, the counts are what the file adds at least once they
    are fixed: what every part without a problem adds (a row whose own values are wrong adds
    nothing yet; a row whose pairing cannot be made still adds its person)."""

    dry_run: bool
    rows: int
    rows_with_problems: int = Field(description="Rows (lines) with at least one problem")
    people_created: int
    roles_added: int
    mentor_profiles: int
    mentee_profiles: int
    pairings: int
    errors: list[RowProblem]
    invitations: list[ImportedInvitation] = Field(
        default=[],
        description="A one-time set-up link for each person the import created (a commit "
        "only); shown once: send each person theirs",
    )


def template_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return buffer.getvalue()


def import_csv(
    session: Session,
    principal: Principal,
    school_id: uuid.UUID,
    text: str,
    *,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    school = org_service.get_managed_school(session, principal, school_id)
    rows, plan, total = _parse(text, progress)
    if rows:
        # Even when other rows have problems: every problem is reported at once.
        plan_rows(session, principal, school.id, rows, plan)
    plan.errors.sort(key=lambda e: e.line)
    report = ImportReport(
        dry_run=dry_run,
        rows=total,
        rows_with_problems=len({e.line for e in plan.errors}),
        people_created=len(plan.users),
        roles_added=len(plan.memberships),
        mentor_profiles=len(plan.mentor_profiles),
        mentee_profiles=len(plan.mentee_profiles),
        pairings=len(plan.pairings),
        errors=plan.errors,
    )
    if dry_run:
        return report
    if plan.errors:
        raise Unprocessable(
            f"{len(plan.errors)} problem(s) in the file; nothing was imported.",
            slug="import-invalid",
            import_errors=[e.model_dump() for e in plan.errors],
        )
    for model, rows_to_write in (
        (User, plan.users),
        (Membership, plan.memberships),
        (MentorProfile, plan.mentor_profiles),
        (MenteeProfile, plan.mentee_profiles),
        (Pairing, plan.pairings),
    ):
        for start in range(0, len(rows_to_write), 1000):
            session.execute(insert(model), rows_to_write[start : start + 1000])
    # Everyone new chooses their own password through a link of their own.
    links = invitations.issue_links(
        session, principal, [User.model_validate(row) for row in plan.users]
    )
    report.invitations = [
        ImportedInvitation(
            user_id=link.user_id,
            full_name=link.full_name,
            email=link.email,
            token=link.token,
            path=link.path,
            expires_at=link.expires_at,
        )
        for link in links
    ]
    audit.record(
        session,
        principal,
        "import.committed",
        object_type="school",
        object_id=school.id,
        trust_id=school.trust_id,
        changes=report.model_dump(exclude={"errors", "dry_run", "invitations"})
        | {"invitations_issued": len(links)},
    )
    return report


def _parse(text: str, progress: Callable[[int], None] | None) -> tuple[list[ImportRow], Plan, int]:
    """The rows without problems of their own, the plan holding every problem found, and how
    many rows the file has."""
    plan = Plan()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("email", "full_name", "role", "starts_on") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    for column in missing:
        plan.errors.append(RowProblem(line=1, column=column, detail="required column missing"))
    for column in unknown:
        plan.errors.append(RowProblem(line=1, column=column, detail="unknown column"))
    if plan.errors:
        return [], plan, 0
    rows = []
    line = 1
    try:
        for index, raw in enumerate(reader):
            line = index + 2
            values = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
            row = _parse_row(line, values, plan.errors)
            if row is not None:
                rows.append(row)
            else:
                plan.bad_emails.add(normalize_email(values.get("email", "")))
            if progress and index % 500 == 0:
                progress(index)
    except csv.Error as exc:  # e.g. a field past the CSV reader's size limit
        plan.errors.append(RowProblem(line=line + 1, column="", detail=f"unreadable: {exc}"))
        return [], plan, line - 1
    if not rows and not plan.errors:
        plan.errors.append(RowProblem(line=2, column="email", detail="the file has no rows"))
    return rows, plan, line - 1


def _parse_row(line: int, values: dict[str, str], errors: list[RowProblem]) -> ImportRow | None:
    before = len(errors)

    def problem(column: str, detail: str) -> None:
        errors.append(RowProblem(line=line, column=column, detail=detail))

    email = normalize_email(values.get("email", ""))
    if email_problem(email):
        problem("email", EMAIL_MESSAGE)
    for column, limit in MAX_LENGTHS.items():
        if column != "email" and len(values.get(column, "")) > limit:
            problem(column, f"is longer than {limit} characters")
    full_name = values.get("full_name", "")
    if not full_name:
        problem("full_name", "is required")
    trn = values.get("trn") or None
    if trn and not re.fullmatch(r"\d{7}", trn):
        problem("trn", "must be 7 digits")
    role_text = values.get("role", "")
    role = Role(role_text) if role_text in {r.value for r in IMPORTABLE_ROLES} else None
    if role is None:
        problem("role", "must be one of mentor, mentee, observer, school_lead")
    starts_on = _date(values.get("starts_on", ""), "starts_on", problem, required=True)
    ends_on = _date(values.get("ends_on", ""), "ends_on", problem, required=False)
    if starts_on and ends_on and ends_on < starts_on:
        problem("ends_on", "is before starts_on")
    if values.get("phase") and values["phase"] not in {p.value for p in Phase}:
        problem("phase", f"must be one of {', '.join(p.value for p in Phase)}")
    if role == Role.mentor and values.get("mentor_trained", "") not in ("", "yes", "no"):
        problem("mentor_trained", "must be yes or no")
    if role == Role.mentee:
        _check_mentee(values, ends_on, problem)
    elif values.get("mentor_email") or values.get("pairing_kind"):
        problem("mentor_email", "only mentee rows name a mentor")
    if len(errors) > before or role is None or starts_on is None:
        return None
    return ImportRow(
        line,
        email,
        full_name,
        trn,
        values.get("mis_staff_code") or None,
        role,
        starts_on,
        ends_on,
        values,
    )


def _check_mentee(values: dict[str, str], ends_on: date | None, problem) -> None:
    pathway = values.get("pathway", "")
    if pathway not in {p.value for p in Pathway}:
        problem("pathway", "must be itt, ect or rqt")
    year = values.get("induction_year", "")
    if pathway == "ect" and year not in ("1", "2"):
        problem("induction_year", "must be 1 or 2 for an ECT")
    if pathway != "ect" and year:
        problem("induction_year", "is only for ECTs")
    if values.get("mentor_email"):
        if email_problem(normalize_email(values["mentor_email"])):
            problem("mentor_email", EMAIL_MESSAGE)
        if values.get("pairing_kind") not in {k.value for k in PairingKind}:
            problem("pairing_kind", "must be subject_mentor or induction_mentor")
        if ends_on is None:
            problem("ends_on", "is required for a mentee who is paired")


def _date(text: str, column: str, problem, *, required: bool) -> date | None:
    """A date as 2026-09-01, or as a spreadsheet saved in the UK writes it: 01/09/2026
    (day first)."""
    if not text:
        if required:
            problem(column, f"is required: {DATE_HINT}")
        return None
    try:
        uk = _UK_DATE.match(text)
        if uk:
            day, month, year = (int(part) for part in uk.groups())
            return date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        pass
    problem(column, f"is not a date: {DATE_HINT}")
    return None
