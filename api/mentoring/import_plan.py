"""Planning an import against what the school already has: which people, roles, profiles and
pairings the rows add, and every row that cannot be imported and why. A handful of queries for
the whole file, however many rows; nothing is written here."""

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing, PairingKind
from api.org import policy as org_policy
from api.org.models import Membership, Role, User


class RowProblem(BaseModel):
    line: int
    column: str
    detail: str


@dataclass
class ImportRow:
    """One row of the file that passed its own checks."""

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
class Plan:
    """What the import will write (rows for bulk inserts), and every problem found."""

    users: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    mentor_profiles: list[dict] = field(default_factory=list)
    mentee_profiles: list[dict] = field(default_factory=list)
    pairings: list[dict] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    # The people of rows with problems of their own: their other rows are not blamed for it.
    bad_emails: set[str] = field(default_factory=set)

    def problem(self, row: ImportRow, column: str, detail: str) -> None:
        self.errors.append(RowProblem(line=row.line, column=column, detail=detail))


@dataclass
class _Known:
    """What the school and the trust already hold that the rows may touch."""

    users: dict[str, User]  # by email
    trns: dict[str, str]  # TRN -> email
    held: set[tuple[uuid.UUID, Role]]  # roles at this school
    mentor_profiles: set[uuid.UUID]
    mentee_profiles: set[uuid.UUID]
    manageable: set[uuid.UUID]  # existing people the importer may manage
    paired: dict[uuid.UUID, list[tuple[PairingKind, date, date]]]  # a mentee's pairings


@dataclass
class _Placed:
    """What the first pass decided, for the pairings pass."""

    user_ids: dict[str, uuid.UUID]
    mentor_rows: dict[str, ImportRow]


def plan_rows(
    session: Session, principal: Principal, school_id: uuid.UUID, rows: list[ImportRow], plan: Plan
) -> None:
    known = _load_known(session, principal, school_id, rows)
    placed = _plan_people(principal, school_id, rows, known, plan, utcnow())
    _plan_pairings(school_id, rows, known, placed, plan, utcnow())


def _load_known(
    session: Session, principal: Principal, school_id: uuid.UUID, rows: list[ImportRow]
) -> _Known:
    emails = {r.email for r in rows} | {
        r.values["mentor_email"].lower() for r in rows if r.values.get("mentor_email")
    }
    users = {
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
    user_ids = [u.id for u in users.values()]
    return _Known(
        users=users,
        trns=trns,
        held={
            (user_id, Role(role))
            for user_id, role in session.exec(
                select(Membership.user_id, Membership.role).where(Membership.school_id == school_id)
            )
        },
        mentor_profiles=set(
            session.exec(
                select(MentorProfile.user_id).where(MentorProfile.school_id == school_id)
            ).all()
        ),
        mentee_profiles=set(
            session.exec(
                select(MenteeProfile.user_id).where(MenteeProfile.school_id == school_id)
            ).all()
        ),
        # Anyone the importer may not manage is refused without saying more.
        manageable=set(
            _in_chunks(
                user_ids,
                lambda chunk: session.exec(
                    select(User.id).where(
                        col(User.id).in_(chunk), org_policy.visible_users(principal)
                    )
                ).all(),
            )
        ),
        paired=_pairings_of(session, user_ids),
    )


def _pairings_of(
    session: Session, mentee_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[PairingKind, date, date]]]:
    """Pairings anywhere in the trust: a mentee's pairings of one kind never overlap."""
    paired: dict[uuid.UUID, list[tuple[PairingKind, date, date]]] = {}
    for mentee_id, kind, starts, ends in _in_chunks(
        mentee_ids,
        lambda chunk: session.exec(
            select(
                col(Pairing.mentee_id),
                col(Pairing.kind),
                col(Pairing.starts_on),
                col(Pairing.ends_on),
            ).where(col(Pairing.mentee_id).in_(chunk))
        ).all(),
    ):
        paired.setdefault(mentee_id, []).append((kind, starts, ends))
    return paired


def _plan_people(
    principal: Principal,
    school_id: uuid.UUID,
    rows: list[ImportRow],
    known: _Known,
    plan: Plan,
    now: datetime,
) -> _Placed:
    """Each row's person (new or existing), role and profile."""
    placed = _Placed(user_ids={}, mentor_rows={})
    seen_lines: dict[tuple[str, Role], int] = {}
    for row in rows:
        if (row.email, row.role) in seen_lines:
            plan.problem(row, "email", f"repeats line {seen_lines[(row.email, row.role)]}")
            continue
        seen_lines[(row.email, row.role)] = row.line
        user = known.users.get(row.email)
        if user is not None and user.id not in known.manageable:
            plan.problem(row, "email", "belongs to an account you cannot manage; ask a trust admin")
            continue
        if row.trn and known.trns.get(row.trn, row.email) != row.email:
            plan.problem(row, "trn", "belongs to another account")
            continue
        user_id = user.id if user else placed.user_ids.get(row.email)
        if user_id is None:
            user_id = uuid.uuid4()
            plan.users.append(_new_user(principal, row, user_id, now))
            if row.trn:
                known.trns[row.trn] = row.email
        placed.user_ids[row.email] = user_id
        _plan_role_and_profile(school_id, row, user_id, principal, known, placed, plan, now)
    return placed


def _plan_role_and_profile(
    school_id: uuid.UUID,
    row: ImportRow,
    user_id: uuid.UUID,
    principal: Principal,
    known: _Known,
    placed: _Placed,
    plan: Plan,
    now: datetime,
) -> None:
    if (user_id, row.role) not in known.held:
        known.held.add((user_id, row.role))
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
        placed.mentor_rows[row.email] = row
        if user_id not in known.mentor_profiles:
            known.mentor_profiles.add(user_id)
            plan.mentor_profiles.append(_mentor_profile(row, user_id, school_id, now))
    elif row.role == Role.mentee and user_id not in known.mentee_profiles:
        known.mentee_profiles.add(user_id)
        plan.mentee_profiles.append(_mentee_profile(row, user_id, school_id, now))


def _plan_pairings(
    school_id: uuid.UUID,
    rows: list[ImportRow],
    known: _Known,
    placed: _Placed,
    plan: Plan,
    now: datetime,
) -> None:
    """Each mentee row that names a mentor: the pairing, under the same rules as one made by
    hand."""
    for row in rows:
        mentor_email = row.values.get("mentor_email", "").lower()
        mentee_id = placed.user_ids.get(row.email)
        if row.role != Role.mentee or not mentor_email or mentee_id is None:
            continue
        if mentor_email in plan.bad_emails and mentor_email not in placed.mentor_rows:
            continue  # the mentor's own row has a problem, reported on its line
        mentor_id = _mentor_for(mentor_email, known, placed)
        problem = _pairing_problem(row, mentor_email, mentor_id, mentee_id, known, placed)
        if problem:
            plan.problem(row, *problem)
            continue
        kind = PairingKind(row.values["pairing_kind"])
        ends_on = row.ends_on or row.starts_on
        known.paired.setdefault(mentee_id, []).append((kind, row.starts_on, ends_on))
        plan.pairings.append(
            {
                "id": uuid.uuid4(),
                "school_id": school_id,
                "mentor_id": mentor_id,
                "mentee_id": mentee_id,
                "kind": kind,
                "starts_on": row.starts_on,
                "ends_on": row.ends_on,
                "created_at": now,
            }
        )


def _mentor_for(mentor_email: str, known: _Known, placed: _Placed) -> uuid.UUID | None:
    """The mentor named: one in this file, or an existing person the importer may manage."""
    mentor_id = placed.user_ids.get(mentor_email)
    if mentor_id is None and mentor_email in known.users:
        existing = known.users[mentor_email].id
        mentor_id = existing if existing in known.manageable else None
    return mentor_id


def _pairing_problem(
    row: ImportRow,
    mentor_email: str,
    mentor_id: uuid.UUID | None,
    mentee_id: uuid.UUID,
    known: _Known,
    placed: _Placed,
) -> tuple[str, str] | None:
    """Why this row's pairing cannot be made, as (column, detail), or None."""
    mentor_row = placed.mentor_rows.get(mentor_email)
    if mentor_id is None or mentor_row is None and mentor_id not in known.mentor_profiles:
        return "mentor_email", "is not a mentor in this file or at this school"
    if mentor_id == mentee_id:
        return "mentor_email", "is the mentee: nobody mentors themselves"
    kind = PairingKind(row.values["pairing_kind"])
    ends_on = row.ends_on or row.starts_on
    if any(
        k == kind and s <= ends_on and row.starts_on <= e
        for k, s, e in known.paired.get(mentee_id, [])
    ):
        return "pairing_kind", "this mentee already has such a pairing for those dates"
    if mentor_row and row.starts_on < mentor_row.starts_on:
        return "starts_on", "is before the mentor starts at the school"
    return None


def _new_user(principal: Principal, row: ImportRow, user_id: uuid.UUID, now: datetime) -> dict:
    return {
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


def _mentor_profile(
    row: ImportRow, user_id: uuid.UUID, school_id: uuid.UUID, now: datetime
) -> dict:
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


def _mentee_profile(
    row: ImportRow, user_id: uuid.UUID, school_id: uuid.UUID, now: datetime
) -> dict:
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


def _in_chunks(values: Iterable, query: Callable[[list], Sequence], size: int = 500) -> list:
    """Runs `query` over slices of `values`, keeping IN lists a size every database takes."""
    items = list(values)
    found: list = []
    for start in range(0, len(items), size):
        found.extend(query(items[start : start + size]))
    return found
