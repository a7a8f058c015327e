"""Rules for trusts, schools, term dates, people and roles. Knows nothing of HTTP."""

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth import service as auth_service
from api.auth.access import (
    managed_school_ids,
    visible_memberships,
    visible_schools,
    visible_users,
)
from api.auth.principals import Principal
from api.auth.tokens import new_secret
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, NotFound
from api.org.models import Membership, Phase, Role, School, TermDate, TermKind, Trust, User
from api.org.schemas import (
    MembershipCreate,
    MembershipPublic,
    SchoolCreate,
    SchoolUpdate,
    TermDateCreate,
    TermDateUpdate,
    TrustUpdate,
    UserCreate,
    UserPublic,
    UserUpdate,
)

# --- trusts ------------------------------------------------------------------------------------


def list_trusts(session: Session, principal: Principal) -> list[Trust]:
    return list(session.exec(select(Trust).where(Trust.id == principal.trust_id)).all())


def get_trust(session: Session, principal: Principal, trust_id: uuid.UUID) -> Trust:
    trust = session.get(Trust, trust_id)
    if trust is None or trust.id != principal.trust_id:
        raise NotFound(f"No trust with id {trust_id} is visible to you.")
    return trust


def update_trust(
    session: Session, principal: Principal, trust_id: uuid.UUID, body: TrustUpdate
) -> Trust:
    trust = get_trust(session, principal, trust_id)
    if trust_id not in principal.admin_trust_ids:
        raise Forbidden("Only the trust's admins can rename it.")
    # Two trusts may share a name: refusing one would tell its admins the other exists.
    trust.name = body.name
    session.add(trust)
    audit.record(
        session,
        principal,
        "trust.updated",
        object_type="trust",
        object_id=trust.id,
        trust_id=trust.id,
        changes={"name": body.name},
    )
    return trust


# --- schools -----------------------------------------------------------------------------------


def schools_query(
    principal: Principal,
    *,
    q: str | None = None,
    phase: Phase | None = None,
    active: bool | None = None,
) -> SelectOfScalar[School]:
    query = select(School).where(visible_schools(principal))
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(or_(func.lower(School.name).like(pattern), School.urn == q))
    if phase:
        query = query.where(School.phase == phase)
    if active is not None:
        query = query.where(School.active == active)
    return query.order_by(School.name, School.id)


def get_school(session: Session, principal: Principal, school_id: uuid.UUID) -> School:
    school = session.exec(
        select(School).where(School.id == school_id, visible_schools(principal))
    ).first()
    if school is None:
        raise NotFound(f"No school with id {school_id} is visible to you.")
    return school


def get_managed_school(session: Session, principal: Principal, school_id: uuid.UUID) -> School:
    """A school the principal can see and change; 403 when they can only see it."""
    school = get_school(session, principal, school_id)
    managed = session.exec(
        select(School.id).where(School.id == school_id, managed_school_ids(principal))
    ).first()
    if managed is None:
        raise Forbidden("You can see this school but not change it.")
    return school


def create_school(session: Session, principal: Principal, body: SchoolCreate) -> School:
    if principal.trust_id not in principal.admin_trust_ids:
        raise Forbidden("Only trust admins can add schools.")
    _refuse_duplicate(session, School, School.urn, body.urn, None, f"URN {body.urn}")
    school = School(trust_id=principal.trust_id, **body.model_dump())
    session.add(school)
    audit.record(
        session,
        principal,
        "school.created",
        object_type="school",
        object_id=school.id,
        trust_id=school.trust_id,
        changes=body.model_dump(),
    )
    return school


def update_school(
    session: Session, principal: Principal, school_id: uuid.UUID, body: SchoolUpdate
) -> School:
    school = get_school(session, principal, school_id)
    if school.trust_id not in principal.admin_trust_ids:
        raise Forbidden("Only trust admins can change schools.")
    changes = body.changes()
    if "urn" in changes:
        _refuse_duplicate(
            session, School, School.urn, changes["urn"], school.id, f"URN {changes['urn']}"
        )
    for name, value in changes.items():
        setattr(school, name, value)
    school.updated_at = utcnow()
    session.add(school)
    audit.record(
        session,
        principal,
        "school.updated",
        object_type="school",
        object_id=school.id,
        trust_id=school.trust_id,
        changes=changes,
    )
    return school


# --- term dates --------------------------------------------------------------------------------


def list_term_dates(session: Session, principal: Principal, school_id: uuid.UUID) -> list[TermDate]:
    get_school(session, principal, school_id)
    return list(
        session.exec(
            select(TermDate)
            .where(TermDate.school_id == school_id)
            .order_by(TermDate.starts_on, TermDate.kind.desc())  # type: ignore[attr-defined]
        ).all()
    )


def create_term_date(
    session: Session, principal: Principal, school_id: uuid.UUID, body: TermDateCreate
) -> TermDate:
    school = get_managed_school(session, principal, school_id)
    term_date = TermDate(school_id=school.id, **body.model_dump())
    _refuse_overlapping_terms(session, school.id, [term_date])
    session.add(term_date)
    audit.record(
        session,
        principal,
        "term_date.created",
        object_type="term_date",
        object_id=term_date.id,
        trust_id=school.trust_id,
        changes={"school_id": school.id, **body.model_dump()},
    )
    return term_date


def _get_term_date(session: Session, principal: Principal, term_date_id: uuid.UUID) -> TermDate:
    term_date = session.exec(
        select(TermDate)
        .join(School, col(School.id) == TermDate.school_id)
        .where(TermDate.id == term_date_id, visible_schools(principal))
    ).first()
    if term_date is None:
        raise NotFound(f"No term date with id {term_date_id} is visible to you.")
    return term_date


def update_term_date(
    session: Session, principal: Principal, term_date_id: uuid.UUID, body: TermDateUpdate
) -> TermDate:
    term_date = _get_term_date(session, principal, term_date_id)
    school = get_managed_school(session, principal, term_date.school_id)
    changes = body.changes()
    for name, value in changes.items():
        setattr(term_date, name, value)
    if term_date.ends_on < term_date.starts_on:
        raise Conflict(
            "ends_on would fall before starts_on.",
            errors=[FieldProblem(field="ends_on", detail="is before starts_on")],
        )
    _refuse_overlapping_terms(session, school.id, [term_date], ignore_ids={term_date.id})
    session.add(term_date)
    audit.record(
        session,
        principal,
        "term_date.updated",
        object_type="term_date",
        object_id=term_date.id,
        trust_id=school.trust_id,
        changes=changes,
    )
    return term_date


def delete_term_date(session: Session, principal: Principal, term_date_id: uuid.UUID) -> None:
    term_date = _get_term_date(session, principal, term_date_id)
    school = get_managed_school(session, principal, term_date.school_id)
    session.delete(term_date)
    audit.record(
        session,
        principal,
        "term_date.deleted",
        object_type="term_date",
        object_id=term_date.id,
        trust_id=school.trust_id,
        changes={
            "name": term_date.name,
            "starts_on": term_date.starts_on,
            "ends_on": term_date.ends_on,
        },
    )


def copy_term_dates(
    session: Session,
    principal: Principal,
    source_school_id: uuid.UUID,
    target_school_ids: Iterable[uuid.UUID],
    *,
    replace: bool,
) -> int:
    """Copies every term date of one school to others, all or nothing."""
    source = get_school(session, principal, source_school_id)
    originals = list_term_dates(session, principal, source.id)
    targets = [get_managed_school(session, principal, t) for t in dict.fromkeys(target_school_ids)]
    if any(t.id == source.id for t in targets):
        raise Conflict("A school cannot copy term dates to itself.")
    copied = 0
    for target in targets:
        if replace:
            session.exec(delete(TermDate).where(col(TermDate.school_id) == target.id))
        copies = [
            TermDate(
                school_id=target.id,
                kind=o.kind,
                name=o.name,
                starts_on=o.starts_on,
                ends_on=o.ends_on,
            )
            for o in originals
        ]
        _refuse_overlapping_terms(session, target.id, copies, school_name=target.name)
        session.add_all(copies)
        copied += len(copies)
        audit.record(
            session,
            principal,
            "term_dates.copied",
            object_type="school",
            object_id=target.id,
            trust_id=target.trust_id,
            changes={"from_school_id": source.id, "count": len(copies), "replace": replace},
        )
    return copied


def _refuse_overlapping_terms(
    session: Session,
    school_id: uuid.UUID,
    candidates: list[TermDate],
    *,
    ignore_ids: set[uuid.UUID] | None = None,
    school_name: str | None = None,
) -> None:
    """Terms of one school never overlap; closures may sit anywhere."""
    new_terms = [c for c in candidates if c.kind == TermKind.term]
    if not new_terms:
        return
    session.flush()
    existing = session.exec(
        select(TermDate).where(TermDate.school_id == school_id, TermDate.kind == TermKind.term)
    ).all()
    existing = [t for t in existing if t.id not in (ignore_ids or set())]
    for new in new_terms:
        for old in existing:
            if _overlaps(new.starts_on, new.ends_on, old.starts_on, old.ends_on):
                where = f" at {school_name}" if school_name else ""
                raise Conflict(
                    f"{new.name} ({new.starts_on} to {new.ends_on}) overlaps {old.name} "
                    f"({old.starts_on} to {old.ends_on}){where}."
                )


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


# --- people and roles --------------------------------------------------------------------------


def users_query(
    session: Session,
    principal: Principal,
    *,
    q: str | None = None,
    school_id: uuid.UUID | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> SelectOfScalar[User]:
    if school_id:
        _require_people_school(session, principal, school_id)
    query = select(User).where(visible_users(principal))
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(User.full_name).like(pattern),
                User.email.like(pattern),  # type: ignore[attr-defined]
                User.trn == q,
            )
        )
    if school_id or role:
        # Only roles the principal sees: a lead's filter never matches a role elsewhere.
        held = select(Membership.user_id).where(visible_memberships(principal))
        if school_id:
            held = held.where(Membership.school_id == school_id)
        if role:
            held = held.where(Membership.role == role)
        query = query.where(col(User.id).in_(held))
    if active is not None:
        query = query.where(User.active == active)
    return query.order_by(User.full_name, User.id)


def _require_people_school(session: Session, principal: Principal, school_id: uuid.UUID) -> None:
    """The school must be one whose people the principal sees (a trust admin's, or one they
    lead); any other answers as a school that does not exist."""
    found = session.exec(
        select(School.id).where(School.id == school_id, managed_school_ids(principal))
    ).first()
    if found is None:
        raise NotFound(f"No school with id {school_id} has people visible to you.")


def get_user(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    user = session.exec(select(User).where(User.id == user_id, visible_users(principal))).first()
    if user is None:
        raise NotFound(f"No person with id {user_id} is visible to you.")
    return user


def to_public(session: Session, principal: Principal, users: list[User]) -> list[UserPublic]:
    """Users with the roles the principal sees and those roles' school names, in three queries
    however many."""
    memberships = session.exec(
        select(Membership).where(
            col(Membership.user_id).in_([u.id for u in users]), visible_memberships(principal)
        )
    ).all()
    school_names = dict(
        session.exec(
            select(School.id, School.name).where(
                col(School.id).in_({m.school_id for m in memberships if m.school_id})
            )
        ).all()
    )
    by_user: dict[uuid.UUID, list[MembershipPublic]] = {u.id: [] for u in users}
    for m in memberships:
        public = MembershipPublic.model_validate(m, from_attributes=True)
        public.school_name = school_names.get(m.school_id) if m.school_id else None
        by_user[m.user_id].append(public)
    return [UserPublic.model_validate({**u.model_dump(), "roles": by_user[u.id]}) for u in users]


def create_user(session: Session, principal: Principal, body: UserCreate) -> tuple[User, str]:
    for grant in body.roles:
        _check_can_grant(session, principal, grant)
    email = str(body.email).lower()
    _refuse_duplicate(session, User, User.email, email, None, f"An account for {email}")
    if body.trn:
        _refuse_duplicate(session, User, User.trn, body.trn, None, f"TRN {body.trn}")
    user = User(
        trust_id=principal.trust_id,
        email=email,
        full_name=body.full_name,
        trn=body.trn,
        mis_staff_code=body.mis_staff_code,
    )
    password = new_initial_password()
    auth_service.set_password(session, user, password, must_change=True)
    for grant in _unique_grants(body.roles):
        session.add(
            Membership(
                user_id=user.id, trust_id=user.trust_id, school_id=grant.school_id, role=grant.role
            )
        )
    audit.record(
        session,
        principal,
        "user.created",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
        changes=body.model_dump(mode="json", exclude={"email"}) | {"email": email},
    )
    return user, password


def update_user(
    session: Session, principal: Principal, user_id: uuid.UUID, body: UserUpdate
) -> User:
    user = get_managed_user(session, principal, user_id)
    changes = body.changes()
    if "email" in changes:
        changes["email"] = str(changes["email"]).lower()
        _refuse_duplicate(
            session,
            User,
            User.email,
            changes["email"],
            user.id,
            f"An account for {changes['email']}",
        )
    if changes.get("trn"):
        _refuse_duplicate(session, User, User.trn, changes["trn"], user.id, f"TRN {changes['trn']}")
    if changes.get("active") is False:
        if user.id == principal.id:
            raise Conflict("You cannot deactivate your own account.")
        _refuse_removing_last_admin(session, user.id, user.trust_id)
        auth_service.end_all_sessions(session, user)
    for name, value in changes.items():
        setattr(user, name, value)
    user.updated_at = utcnow()
    session.add(user)
    audit.record(
        session,
        principal,
        "user.updated",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
        changes=changes,
    )
    return user


def reset_password(session: Session, principal: Principal, user_id: uuid.UUID) -> str:
    user = get_managed_user(session, principal, user_id)
    if user.id == principal.id:
        # Changing one's own password asks for the current one; a reset would not, so an
        # access token alone could take the account over.
        raise Conflict(
            "You cannot reset your own password; change it with POST /api/v1/auth/password."
        )
    password = new_initial_password()
    auth_service.set_password(session, user, password, must_change=True)
    audit.record(
        session,
        principal,
        "user.password_reset",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
    )
    return password


def add_membership(
    session: Session, principal: Principal, user_id: uuid.UUID, body: MembershipCreate
) -> Membership:
    user = get_user(session, principal, user_id)
    _check_can_grant(session, principal, body)
    existing = session.exec(
        select(Membership).where(
            Membership.user_id == user.id,
            Membership.role == body.role,
            Membership.school_id == body.school_id
            if body.school_id
            else col(Membership.school_id).is_(None),
        )
    ).first()
    if existing is not None:
        raise Conflict(f"{user.full_name} already holds that role there.")
    membership = Membership(
        user_id=user.id, trust_id=user.trust_id, school_id=body.school_id, role=body.role
    )
    session.add(membership)
    audit.record(
        session,
        principal,
        "membership.created",
        object_type="membership",
        object_id=membership.id,
        trust_id=user.trust_id,
        changes={"user_id": user.id, "role": body.role, "school_id": body.school_id},
    )
    return membership


def remove_membership(
    session: Session, principal: Principal, user_id: uuid.UUID, membership_id: uuid.UUID
) -> None:
    user = get_user(session, principal, user_id)
    membership = session.exec(
        select(Membership).where(
            Membership.id == membership_id,
            Membership.user_id == user.id,
            visible_memberships(principal),
        )
    ).first()
    if membership is None:
        raise NotFound(f"No role with id {membership_id} for this person.")
    _check_can_grant(
        session,
        principal,
        MembershipCreate.model_construct(role=membership.role, school_id=membership.school_id),
    )
    if membership.role == Role.trust_admin:
        _refuse_removing_last_admin(session, user.id, user.trust_id)
    session.delete(membership)
    audit.record(
        session,
        principal,
        "membership.deleted",
        object_type="membership",
        object_id=membership.id,
        trust_id=user.trust_id,
        changes={"user_id": user.id, "role": membership.role, "school_id": membership.school_id},
    )


def get_managed_user(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    """A person the principal may change: trust admins anyone in the trust; a lead only people
    whose every role is at schools they lead."""
    user = get_user(session, principal, user_id)
    if user.trust_id in principal.admin_trust_ids:
        return user
    lead_of = principal.school_ids_with(Role.school_lead)
    grants = session.exec(select(Membership).where(Membership.user_id == user.id)).all()
    if not grants or any(m.school_id not in lead_of for m in grants):
        raise Forbidden(
            f"{user.full_name} has roles beyond the schools you lead; ask a trust admin."
        )
    return user


def _check_can_grant(session: Session, principal: Principal, grant: MembershipCreate) -> None:
    if grant.role == Role.trust_admin:
        if principal.trust_id not in principal.admin_trust_ids:
            raise Forbidden("Only trust admins can make trust admins.")
        return
    assert grant.school_id is not None
    school = session.get(School, grant.school_id)
    if school is None or school.trust_id != principal.trust_id:
        raise NotFound(f"No school with id {grant.school_id} is visible to you.")
    get_managed_school(session, principal, grant.school_id)


def _unique_grants(grants: list[MembershipCreate]) -> list[MembershipCreate]:
    return list({(g.role, g.school_id): g for g in grants}.values())


def _refuse_removing_last_admin(session: Session, user_id: uuid.UUID, trust_id: uuid.UUID) -> None:
    admins = session.exec(
        select(Membership.user_id)
        .join(User, col(User.id) == Membership.user_id)
        .where(
            Membership.trust_id == trust_id,
            Membership.role == Role.trust_admin,
            col(User.active).is_(True),
        )
    ).all()
    if set(admins) == {user_id}:
        raise Conflict("This is the trust's last active admin; make another admin first.")


def _refuse_duplicate(session, model, column, value, own_id, label) -> None:  # type: ignore[no-untyped-def]
    clash = session.exec(select(model.id).where(column == value)).first()
    if clash is not None and clash != own_id:
        raise Conflict(f"{label} already exists.")


def new_initial_password() -> str:
    return new_secret(nbytes=12)


def create_first_admin(session: Session, email: str, password: str, trust_name: str) -> User:
    """For the command line: a trust admin, and the trust when it does not exist yet."""
    email = email.strip().lower()
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise ValueError(f"An account for {email} already exists.")
    named = session.exec(select(Trust).where(Trust.name == trust_name).limit(2)).all()
    if len(named) > 1:
        raise ValueError(
            f"Several trusts are called {trust_name}; an admin of the right one can add "
            "another through the API."
        )
    trust = named[0] if named else None
    if trust is None:
        trust = Trust(name=trust_name)
        session.add(trust)
    user = User(trust_id=trust.id, email=email, full_name=email.split("@")[0])
    auth_service.set_password(session, user, password, must_change=True)
    session.add(Membership(user_id=user.id, trust_id=trust.id, role=Role.trust_admin))
    audit.record(
        session,
        None,
        "user.created",
        object_type="user",
        object_id=user.id,
        trust_id=trust.id,
        changes={"email": email, "role": Role.trust_admin},
    )
    return user
