"""People and their roles: who sees whom (a lead only their own schools' part of a person);
creating, changing, deactivating, resetting passwords, granting and removing roles. No HTTP here.
"""

import uuid

from sqlalchemy import func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth import invitations
from api.auth import service as auth_service
from api.auth.access import managed_school_ids
from api.auth.principals import Principal
from api.auth.tokens import new_secret
from api.core import events
from api.core.problems import Conflict, Forbidden, NotFound
from api.core.queries import first_visible
from api.core.schemas import email_problem, normalize_email
from api.org import policy
from api.org import service as schools
from api.org.events import PersonDeactivated
from api.org.models import Membership, Role, School, Trust, User
from api.org.schemas import (
    AccountStatus,
    MembershipCreate,
    MembershipPublic,
    PersonRef,
    UserCreate,
    UserDetail,
    UserPublic,
    UserUpdate,
)


def users_query(
    session: Session,
    principal: Principal,
    *,
    q: str | None = None,
    school_id: uuid.UUID | None = None,
    role: Role | None = None,
    active: bool | None = None,
    account_status: AccountStatus | None = None,
) -> SelectOfScalar[User]:
    if school_id:
        _require_people_school(session, principal, school_id)
    query = select(User).where(policy.visible_users(principal))
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(User.full_name).like(pattern),
                col(User.email).like(pattern),
                col(User.trn) == q,
            )
        )
    if school_id or role:
        # Only roles the principal sees: a lead's filter never matches a role elsewhere.
        held = select(Membership.user_id).where(policy.visible_memberships(principal))
        if school_id:
            held = held.where(Membership.school_id == school_id)
        if role:
            held = held.where(Membership.role == role)
        query = query.where(col(User.id).in_(held))
    if active is not None:
        query = query.where(User.active == active)
    if account_status == AccountStatus.set_up:
        query = query.where(col(User.must_change_password).is_(False))
    elif account_status == AccountStatus.invited:
        query = query.where(
            col(User.must_change_password).is_(True), invitations.pending_condition()
        )
    elif account_status == AccountStatus.not_set_up:
        query = query.where(
            col(User.must_change_password).is_(True), ~invitations.pending_condition()
        )
    return query.order_by(col(User.full_name), col(User.id))


def _require_people_school(session: Session, principal: Principal, school_id: uuid.UUID) -> None:
    """The school must be one whose people the principal sees (a trust admin's, or one they
    lead); any other answers as a school that does not exist."""
    found = session.exec(
        select(School.id).where(School.id == school_id, managed_school_ids(principal))
    ).first()
    if found is None:
        raise NotFound(f"No school with id {school_id} has people visible to you.")


def get_user(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    return first_visible(
        session,
        select(User).where(User.id == user_id, policy.visible_users(principal)),
        "person",
        user_id,
    )


def to_public(session: Session, principal: Principal, users: list[User]) -> list[UserPublic]:
    """Users with the roles the principal sees and those roles' school names, in three queries
    however many."""
    memberships = session.exec(
        select(Membership).where(
            col(Membership.user_id).in_([u.id for u in users]),
            policy.visible_memberships(principal),
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
    invited = invitations.pending_user_ids(session, [u.id for u in users if u.must_change_password])
    return [
        UserPublic.model_validate(
            {**u.model_dump(), "roles": by_user[u.id], "account_status": account_status(u, invited)}
        )
        for u in users
    ]


def account_status(user: User, invited: set[uuid.UUID]) -> AccountStatus:
    if not user.must_change_password:
        return AccountStatus.set_up
    return AccountStatus.invited if user.id in invited else AccountStatus.not_set_up


def create_user(session: Session, principal: Principal, body: UserCreate) -> tuple[User, str]:
    for grant in body.roles:
        _check_can_grant(session, principal, grant)
    email = str(body.email).lower()
    schools.refuse_duplicate(session, User, User.email, email, None, f"An account for {email}")
    if body.trn:
        schools.refuse_duplicate(session, User, User.trn, body.trn, None, f"TRN {body.trn}")
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
        schools.refuse_duplicate(
            session,
            User,
            User.email,
            changes["email"],
            user.id,
            f"An account for {changes['email']}",
        )
    if changes.get("trn"):
        schools.refuse_duplicate(
            session, User, User.trn, changes["trn"], user.id, f"TRN {changes['trn']}"
        )
    if changes.get("active") is False:
        if user.id == principal.id:
            raise Conflict("You cannot deactivate your own account.")
        _refuse_removing_last_admin(session, user.id, user.trust_id)
        auth_service.end_all_sessions(session, user)
        events.publish(session, PersonDeactivated(user.id, user.trust_id, principal))
    audit.apply_changes(
        session, principal, user, changes, object_type="user", trust_id=user.trust_id
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


def issue_invitation(
    session: Session, principal: Principal, user_id: uuid.UUID
) -> invitations.IssuedLink:
    """A one-time set-up link for a person the principal manages; any earlier link stops
    working."""
    user = get_managed_user(session, principal, user_id)
    if user.id == principal.id:
        raise Conflict("You cannot invite yourself; change your password with your current one.")
    if not user.active:
        raise Conflict(f"{user.full_name} is deactivated; reactivate them first.")
    return invitations.issue_links(session, principal, [user])[0]


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
            policy.visible_memberships(principal),
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
    if not policy.may_manage_user(principal, user, _all_grants(session, user)):
        raise Forbidden(
            f"{user.full_name} has roles beyond the schools you lead; ask a trust admin."
        )
    return user


def _all_grants(session: Session, user: User) -> list[Membership]:
    """Every role the person holds, seen or not: what decides whether a lead may change them."""
    return list(session.exec(select(Membership).where(Membership.user_id == user.id)).all())


def user_detail(session: Session, principal: Principal, user: User) -> UserDetail:
    public = to_public(session, principal, [user])[0]
    can = policy.user_can(principal, user, _all_grants(session, user))
    return UserDetail.model_validate({**public.model_dump(), "can": can})


def _check_can_grant(session: Session, principal: Principal, grant: MembershipCreate) -> None:
    if grant.role == Role.trust_admin:
        if principal.trust_id not in principal.admin_trust_ids:
            raise Forbidden("Only trust admins can make trust admins.")
        return
    assert grant.school_id is not None
    school = session.get(School, grant.school_id)
    if school is None or school.trust_id != principal.trust_id:
        raise NotFound(f"No school with id {grant.school_id} is visible to you.")
    schools.get_managed_school(session, principal, grant.school_id)


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


def new_initial_password() -> str:
    return new_secret(nbytes=12)


def create_first_admin(session: Session, email: str, password: str, trust_name: str) -> User:
    """For the command line: a trust admin, and the trust when it does not exist yet."""
    email = normalize_email(email)
    problem = email_problem(email)
    if problem:
        raise ValueError(f"{problem}.")
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


def people_refs(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, PersonRef]:
    """How other records name these people, by id. Three columns, not whole accounts: lists
    name a person on every row."""
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.full_name, User.email).where(col(User.id).in_(ids)))
    return {uid: PersonRef(id=uid, full_name=name, email=email) for uid, name, email in rows}
