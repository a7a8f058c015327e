"""Bulk onboarding from CSV: people with their roles, mentor and mentee profiles, and pairings.

A dry run reports every bad row by line and column; a commit writes all rows or none. Rows are
checked against what the school already has with a handful of queries, then written with bulk
inserts, so ten thousand rows take seconds.
"""

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy import insert
from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.access import visible_users
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Problem, Unprocessable
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
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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


class RowProblem(BaseModel):
    line: int
    column: str
    detail: str


class ImportProblem(Problem):
    """422 when a commit meets bad rows: nothing was written."""

    import_errors: list[RowProblem] | None = Field(
        default=None, description="Every bad row; absent when the request itself is invalid"
    )


class ImportReport(BaseModel):
    dry_run: bool
    rows: int
    people_created: int
    roles_added: int
    mentor_profiles: int
    mentee_profiles: int
    pairings: int
    errors: list[RowProblem]


def template_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return buffer.getvalue()


@dataclass
class _Row:
    line: int
    email: str
    full_name: str
    trn: str | None
    mis_staff_code: str | None
    role: Role
    starts_on: date
    ends_on: date | None
    values: dict[str, str]


@dataclass
class _Plan:
    users: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    mentor_profiles: list[dict] = field(default_factory=list)
    mentee_profiles: list[dict] = field(default_factory=list)
    pairings: list[dict] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)


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
    rows, plan = _parse(text, progress)
    if not plan.errors:
        _plan_rows(session, principal, school.id, rows, plan)
    report = ImportReport(
        dry_run=dry_run,
        rows=len(rows),
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
    audit.record(
        session,
        principal,
        "import.committed",
        object_type="school",
        object_id=school.id,
        trust_id=school.trust_id,
        changes=report.model_dump(exclude={"errors", "dry_run"}),
    )
    return report


def _parse(text: str, progress: Callable[[int], None] | None) -> tuple[list[_Row], _Plan]:
    plan = _Plan()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("email", "full_name", "role", "starts_on") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    for column in missing:
        plan.errors.append(RowProblem(line=1, column=column, detail="required column missing"))
    for column in unknown:
        plan.errors.append(RowProblem(line=1, column=column, detail="unknown column"))
    if plan.errors:
        return [], plan
    rows = []
    line = 1
    try:
        for index, raw in enumerate(reader):
            line = index + 2
            values = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
            row = _parse_row(line, values, plan.errors)
            if row is not None:
                rows.append(row)
            if progress and index % 500 == 0:
                progress(index)
    except csv.Error as exc:  # e.g. a field past the CSV reader's size limit
        plan.errors.append(RowProblem(line=line + 1, column="", detail=f"unreadable: {exc}"))
        return [], plan
    if not rows and not plan.errors:
        plan.errors.append(RowProblem(line=2, column="email", detail="the file has no rows"))
    return rows, plan


def _parse_row(line: int, values: dict[str, str], errors: list[RowProblem]) -> _Row | None:
    before = len(errors)

    def problem(column: str, detail: str) -> None:
        errors.append(RowProblem(line=line, column=column, detail=detail))

    email = values.get("email", "").lower()
    if not _EMAIL.match(email) or len(email) > MAX_LENGTHS["email"]:
        problem("email", "is not an email address")
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
    return _Row(
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


def _check_mentee(values: dict[str, str], ends_on: date | None, problem) -> None:  # type: ignore[no-untyped-def]
    pathway = values.get("pathway", "")
    if pathway not in {p.value for p in Pathway}:
        problem("pathway", "must be itt, ect or rqt")
    year = values.get("induction_year", "")
    if pathway == "ect" and year not in ("1", "2"):
        problem("induction_year", "must be 1 or 2 for an ECT")
    if pathway != "ect" and year:
        problem("induction_year", "is only for ECTs")
    if values.get("mentor_email"):
        if values.get("pairing_kind") not in {k.value for k in PairingKind}:
            problem("pairing_kind", "must be subject_mentor or induction_mentor")
        if ends_on is None:
            problem("ends_on", "is required for a mentee who is paired")


def _date(text: str, column: str, problem, *, required: bool) -> date | None:  # type: ignore[no-untyped-def]
    if not text:
        if required:
            problem(column, "is required (YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem(column, "is not a date (YYYY-MM-DD)")
        return None


def _plan_rows(
    session: Session, principal: Principal, school_id: uuid.UUID, rows: list[_Row], plan: _Plan
) -> None:
    emails = {r.email for r in rows} | {
        r.values["mentor_email"].lower() for r in rows if r.values.get("mentor_email")
    }
    existing = {
        u.email: u
        for u in _in_chunks(
            emails, lambda chunk: session.exec(select(User).where(col(User.email).in_(chunk))).all()
        )
    }
    trns = {
        u.trn: u.email
        for u in _in_chunks(
            {r.trn for r in rows if r.trn},
            lambda chunk: session.exec(select(User).where(col(User.trn).in_(chunk))).all(),
        )
    }
    held = set(
        session.exec(
            select(Membership.user_id, Membership.role).where(Membership.school_id == school_id)
        ).all()
    )
    mentor_profiles = set(
        session.exec(
            select(MentorProfile.user_id).where(MentorProfile.school_id == school_id)
        ).all()
    )
    mentee_profiles = set(
        session.exec(
            select(MenteeProfile.user_id).where(MenteeProfile.school_id == school_id)
        ).all()
    )
    # Existing people the importer may manage; anyone else is refused without saying more.
    manageable = set(
        _in_chunks(
            [u.id for u in existing.values()],
            lambda chunk: session.exec(
                select(User.id).where(col(User.id).in_(chunk), visible_users(principal))
            ).all(),
        )
    )
    # Pairings anywhere in the trust: a mentee's pairings of one kind never overlap.
    paired: dict[uuid.UUID, list[tuple[PairingKind, date, date]]] = {}
    for mentee_id, kind, starts, ends in _in_chunks(
        [u.id for u in existing.values()],
        lambda chunk: session.exec(
            select(Pairing.mentee_id, Pairing.kind, Pairing.starts_on, Pairing.ends_on).where(
                col(Pairing.mentee_id).in_(chunk)
            )
        ).all(),
    ):
        paired.setdefault(mentee_id, []).append((kind, starts, ends))

    now = utcnow()
    user_ids: dict[str, uuid.UUID] = {}
    seen_lines: dict[tuple[str, Role], int] = {}
    mentor_rows: dict[str, _Row] = {}

    def problem(row: _Row, column: str, detail: str) -> None:
        plan.errors.append(RowProblem(line=row.line, column=column, detail=detail))

    for row in rows:
        if (row.email, row.role) in seen_lines:
            problem(row, "email", f"repeats line {seen_lines[(row.email, row.role)]}")
            continue
        seen_lines[(row.email, row.role)] = row.line
        user = existing.get(row.email)
        if user is not None and user.id not in manageable:
            problem(row, "email", "belongs to an account you cannot manage; ask a trust admin")
            continue
        if row.trn and trns.get(row.trn, row.email) != row.email:
            problem(row, "trn", "belongs to another account")
            continue
        user_id = user.id if user else user_ids.get(row.email)
        if user_id is None:
            user_id = uuid.uuid4()
            plan.users.append(
                {
                    "id": user_id,
                    "trust_id": principal.trust_id,
                    "email": row.email,
                    "full_name": row.full_name,
                    "trn": row.trn,
                    "mis_staff_code": row.mis_staff_code,
                    "active": True,
                    "password_hash": None,
                    "must_change_password": True,
                    "created_at": now,
                }
            )
            if row.trn:
                trns[row.trn] = row.email
        user_ids[row.email] = user_id
        if (user_id, row.role) not in held:
            held.add((user_id, row.role))
            plan.memberships.append(
                {
                    "id": uuid.uuid4(),
                    "user_id": user_id,
                    "trust_id": principal.trust_id,
                    "school_id": school_id,
                    "role": row.role,
                    "created_at": now,
                }
            )
        if row.role == Role.mentor:
            mentor_rows[row.email] = row
            if user_id not in mentor_profiles:
                mentor_profiles.add(user_id)
                plan.mentor_profiles.append(_mentor_profile(row, user_id, school_id, now))
        elif row.role == Role.mentee and user_id not in mentee_profiles:
            mentee_profiles.add(user_id)
            plan.mentee_profiles.append(_mentee_profile(row, user_id, school_id, now))

    for row in rows:
        mentor_email = row.values.get("mentor_email", "").lower()
        if row.role != Role.mentee or not mentor_email or row.email not in user_ids:
            continue
        kind = PairingKind(row.values["pairing_kind"])
        mentor_row = mentor_rows.get(mentor_email)
        mentor_id = user_ids.get(mentor_email)
        if mentor_id is None and mentor_email in existing:
            known = existing[mentor_email].id
            mentor_id = known if known in manageable else None
        if mentor_id is None or mentor_row is None and mentor_id not in mentor_profiles:
            problem(row, "mentor_email", "is not a mentor in this file or at this school")
            continue
        if mentor_id == user_ids[row.email]:
            problem(row, "mentor_email", "is the mentee: nobody mentors themselves")
            continue
        ends_on = row.ends_on or row.starts_on
        if any(
            k == kind and s <= ends_on and row.starts_on <= e
            for k, s, e in paired.get(user_ids[row.email], [])
        ):
            problem(row, "pairing_kind", "this mentee already has such a pairing for those dates")
            continue
        if mentor_row and row.starts_on < mentor_row.starts_on:
            problem(row, "starts_on", "is before the mentor starts at the school")
            continue
        paired.setdefault(user_ids[row.email], []).append((kind, row.starts_on, ends_on))
        plan.pairings.append(
            {
                "id": uuid.uuid4(),
                "school_id": school_id,
                "mentor_id": mentor_id,
                "mentee_id": user_ids[row.email],
                "kind": kind,
                "starts_on": row.starts_on,
                "ends_on": row.ends_on,
                "created_at": now,
            }
        )


def _mentor_profile(row: _Row, user_id: uuid.UUID, school_id: uuid.UUID, now) -> dict:  # type: ignore[no-untyped-def]
    subjects = [s.strip() for s in row.values.get("subjects", "").split(";") if s.strip()]
    return {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "school_id": school_id,
        "subjects": subjects,
        "phase": row.values.get("phase") or None,
        "trained": row.values.get("mentor_trained") == "yes",
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "created_at": now,
    }


def _mentee_profile(row: _Row, user_id: uuid.UUID, school_id: uuid.UUID, now) -> dict:  # type: ignore[no-untyped-def]
    values = row.values
    return {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "school_id": school_id,
        "pathway": values["pathway"],
        "programme": values.get("programme") or None,
        "induction_year": int(values["induction_year"]) if values.get("induction_year") else None,
        "provider": values.get("provider") or None,
        "subject": values.get("subject") or None,
        "phase": values.get("phase") or None,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "created_at": now,
    }


def _in_chunks(values: Iterable, query, size: int = 500) -> list:  # type: ignore[no-untyped-def]
    """Runs `query` over slices of `values`, keeping IN lists a size every database takes."""
    items = list(values)
    found: list = []
    for start in range(0, len(items), size):
        found.extend(query(items[start : start + size]))
    return found
