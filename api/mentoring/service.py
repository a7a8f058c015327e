"""Rules for mentor and mentee profiles, pairings and mentoring agreements. No HTTP here."""

import uuid
from datetime import date
from typing import cast

from pydantic import ValidationError
from sqlalchemy import func
from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.access import visible_schools
from api.auth.principals import Principal
from api.core import events
from api.core.pagination import Page, PageParams, page_of
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_range
from api.mentoring import policy
from api.mentoring.events import PairingEnded
from api.mentoring.models import (
    MenteeProfile,
    MentoringAgreement,
    MentorProfile,
    Pairing,
    PairingKind,
)
from api.mentoring.schemas import (
    MenteeProfileCreate,
    MenteeProfilePublic,
    MenteeProfileUpdate,
    MentorProfileCreate,
    MentorProfilePublic,
    MentorProfileUpdate,
    PairingCan,
    PairingCreate,
    PairingDetail,
    PairingPublic,
    PersonRef,
)
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import Membership, Role, School, User

# --- profiles ----------------------------------------------------------------------------------

ProfileModel = type[MentorProfile] | type[MenteeProfile]


def _require_role_at_school(
    session: Session, user_id: uuid.UUID, school_id: uuid.UUID, role: Role
) -> User:
    user = session.get(User, user_id)
    held = session.exec(
        select(Membership.id).where(
            Membership.user_id == user_id,
            Membership.school_id == school_id,
            Membership.role == role,
        )
    ).first()
    if user is None or held is None:
        raise Unprocessable(
            f"That person is not a {role.value} at this school; give them the role first.",
            errors=[FieldProblem(field="user_id", detail=f"is not a {role.value} here")],
        )
    return user


def profiles_query(
    session: Session, principal: Principal, model: ProfileModel, school_id: uuid.UUID
) -> SelectOfScalar:
    """A school's mentor (or mentee) profiles, by the person's name."""
    org_service.get_school(session, principal, school_id)  # 404 when out of sight
    return (
        select(model)
        .join(User, col(User.id) == model.user_id)
        .where(model.school_id == school_id)
        .order_by(col(User.full_name), col(model.id))
    )


def profiles_public(session: Session, profiles: list[MentorProfile | MenteeProfile]) -> list:
    people = org_people.people_refs(session, {p.user_id for p in profiles})
    return [_profile_ref_public(profile, people[profile.user_id]) for profile in profiles]


def _profile_public(profile: MentorProfile | MenteeProfile, user: User):
    return _profile_ref_public(profile, PersonRef.model_validate(user, from_attributes=True))


def _profile_ref_public(profile: MentorProfile | MenteeProfile, person: PersonRef):
    schema = MentorProfilePublic if isinstance(profile, MentorProfile) else MenteeProfilePublic
    return schema.model_validate({**profile.model_dump(), "user": person})


def create_profile(
    session: Session,
    principal: Principal,
    school_id: uuid.UUID,
    body: MentorProfileCreate | MenteeProfileCreate,
):
    school = org_service.get_managed_school(session, principal, school_id)
    is_mentor = isinstance(body, MentorProfileCreate)
    model: ProfileModel = MentorProfile if is_mentor else MenteeProfile
    user = _require_role_at_school(
        session, body.user_id, school.id, Role.mentor if is_mentor else Role.mentee
    )
    exists = session.exec(
        select(model.id).where(model.user_id == user.id, model.school_id == school.id)
    ).first()
    if exists is not None:
        message = f"{user.full_name} already has that profile at {school.name}."
        raise Conflict(message, errors=[FieldProblem(field="user_id", detail=message)])
    profile = model(school_id=school.id, **body.model_dump())
    session.add(profile)
    kind = "mentor_profile" if is_mentor else "mentee_profile"
    audit.record(
        session,
        principal,
        f"{kind}.created",
        object_type=kind,
        object_id=profile.id,
        trust_id=school.trust_id,
        changes=body.model_dump(mode="json"),
    )
    return _profile_public(profile, user)


def update_profile(
    session: Session,
    principal: Principal,
    model: ProfileModel,
    profile_id: uuid.UUID,
    body: MentorProfileUpdate | MenteeProfileUpdate,
):
    # select() over a union of two table classes is typed as their base class, SQLModel.
    profile = cast(
        MentorProfile | MenteeProfile,
        first_visible(
            session,
            select(model)
            .join(School, col(School.id) == model.school_id)
            .where(model.id == profile_id, visible_schools(principal)),
            "profile",
            profile_id,
        ),
    )
    school = org_service.get_managed_school(session, principal, profile.school_id)
    kind = "mentor_profile" if model is MentorProfile else "mentee_profile"
    audit.apply_changes(
        session, principal, profile, body.changes(), object_type=kind, trust_id=school.trust_id
    )
    if profile.ends_on is not None and profile.ends_on < profile.starts_on:
        raise Unprocessable("ends_on must be on or after starts_on.")
    if isinstance(profile, MenteeProfile):
        _recheck_mentee(profile)
    user = session.get(User, profile.user_id)
    assert user is not None  # a profile's person is never deleted
    return _profile_public(profile, user)


def _recheck_mentee(profile: MenteeProfile) -> None:
    """A partial change must still leave a whole profile that passes the creation rules."""
    try:
        MenteeProfileCreate.model_validate(
            profile.model_dump(exclude={"id", "school_id", "created_at", "updated_at"})
        )
    except ValidationError as exc:
        messages = [e["msg"].removeprefix("Value error, ") for e in exc.errors()]
        raise Unprocessable("; ".join(messages) + ".") from exc


# --- pairings ----------------------------------------------------------------------------------


def pairings_query(
    session: Session,
    principal: Principal,
    *,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    kind: PairingKind | None = None,
    active_on: date | None = None,
) -> SelectOfScalar[Pairing]:
    query = select(Pairing).where(policy.visible_pairings(principal))
    if school_id:
        org_service.get_school(session, principal, school_id)  # 404 when out of sight
        query = query.where(Pairing.school_id == school_id)
    if person_id:
        query = query.where(or_(Pairing.mentor_id == person_id, Pairing.mentee_id == person_id))
    if kind:
        query = query.where(Pairing.kind == kind)
    if active_on:
        query = query.where(Pairing.starts_on <= active_on, Pairing.ends_on >= active_on)
    return query.order_by(col(Pairing.starts_on).desc(), col(Pairing.id))


def get_pairing(session: Session, principal: Principal, pairing_id: uuid.UUID) -> Pairing:
    return first_visible(
        session,
        select(Pairing).where(Pairing.id == pairing_id, policy.visible_pairings(principal)),
        "pairing",
        pairing_id,
    )


def pairings_public(session: Session, pairings: list[Pairing]) -> list[PairingPublic]:
    people = org_people.people_refs(
        session, {p.mentor_id for p in pairings} | {p.mentee_id for p in pairings}
    )
    schools = dict(
        session.exec(
            select(School.id, School.name).where(
                col(School.id).in_({p.school_id for p in pairings})
            )
        ).all()
    )
    return [
        PairingPublic.model_validate(
            {
                **p.model_dump(),
                "school_name": schools[p.school_id],
                "mentor": people[p.mentor_id],
                "mentee": people[p.mentee_id],
            }
        )
        for p in pairings
    ]


# A list page reads plain columns, the school's name beside them (from its own alias, so that
# the visibility rule's subquery of schools stays uncorrelated), with the count of the whole
# list, in one query; no ORM objects.
_pairings = Pairing.__table__  # type: ignore[attr-defined]
_listed_school = School.__table__.alias("listed_school")  # type: ignore[attr-defined]
_PUBLIC_COLUMNS = (
    "id",
    "school_id",
    "kind",
    "starts_on",
    "ends_on",
    "ended_early_reason",
    "created_at",
)
_LIST_COLUMNS = (
    *(_pairings.c[name] for name in _PUBLIC_COLUMNS),
    _pairings.c.mentor_id,
    _pairings.c.mentee_id,
    _listed_school.c.name.label("school_name"),
)


def pairings_page(
    session: Session, query: SelectOfScalar[Pairing], page: PageParams
) -> Page[PairingPublic]:
    """One page of `pairings_query`, made public: the same answer as `pairings_public` gives
    for its rows, from one query of columns and one of names."""
    counted = (
        query.with_only_columns(*_LIST_COLUMNS, func.count().over(), maintain_column_froms=True)
        .join(_listed_school, _listed_school.c.id == _pairings.c.school_id)
        .limit(page.limit)
        .offset(page.offset)
    )
    rows = session.connection().execute(counted).all()
    if not rows:
        return page_of(session, query, page, lambda pairings: pairings_public(session, pairings))
    people = org_people.people_refs(
        session, {person for row in rows for person in (row.mentor_id, row.mentee_id)}
    )
    items = []
    for row in rows:
        item = {name: row._mapping[name] for name in _PUBLIC_COLUMNS}
        item.update(
            school_name=row.school_name, mentor=people[row.mentor_id], mentee=people[row.mentee_id]
        )
        items.append(PairingPublic.model_validate(item))
    return Page(items=items, total=rows[0][-1], limit=page.limit, offset=page.offset)


def create_pairing(session: Session, principal: Principal, body: PairingCreate) -> Pairing:
    if body.mentor_id == body.mentee_id:
        raise Unprocessable(
            "Nobody can mentor themselves.",
            errors=[FieldProblem(field="mentee_id", detail="is the mentor")],
        )
    school = org_service.get_managed_school(session, principal, body.school_id)
    mentor = _profile_at(session, MentorProfile, body.mentor_id, school.id, "mentor_id")
    mentee = _profile_at(session, MenteeProfile, body.mentee_id, school.id, "mentee_id")
    ends_on = body.ends_on or mentee.ends_on
    if ends_on is None:
        raise Unprocessable(
            "Give ends_on: the mentee's profile has no end date.",
            errors=[FieldProblem(field="ends_on", detail="is required")],
        )
    if ends_on < body.starts_on:
        raise Unprocessable("ends_on must be on or after starts_on.")
    for label, profile in (("mentor", mentor), ("mentee", mentee)):
        if body.starts_on < profile.starts_on or (profile.ends_on and ends_on > profile.ends_on):
            raise Unprocessable(
                f"The pairing must fall inside the {label}'s time at the school. The {label}'s "
                f"dates at this school are {human_range(profile.starts_on, profile.ends_on)}.",
                errors=[FieldProblem(field="starts_on", detail=f"outside the {label}'s dates")],
            )
    clash = session.exec(
        select(Pairing).where(
            Pairing.mentee_id == body.mentee_id,
            Pairing.kind == body.kind,
            Pairing.starts_on <= ends_on,
            Pairing.ends_on >= body.starts_on,
        )
    ).first()
    if clash is not None:
        kind = (
            "an induction mentor"
            if body.kind == PairingKind.induction_mentor
            else ("a subject mentor")
        )
        if clash.school_id != school.id:
            # Another school's pairing: say that it exists, not what it is.
            message = f"This mentee already has {kind} at another school for those dates."
            raise Conflict(message, errors=[FieldProblem(field="mentee_id", detail=message)])
        message = (
            f"This mentee already has {kind} from "
            f"{human_range(clash.starts_on, clash.ends_on)}; end that pairing first."
        )
        raise Conflict(
            message,
            errors=[FieldProblem(field="mentee_id", detail=message)],
            clashing_pairing_id=str(clash.id),
        )
    pairing = Pairing(
        school_id=school.id,
        mentor_id=body.mentor_id,
        mentee_id=body.mentee_id,
        kind=body.kind,
        starts_on=body.starts_on,
        ends_on=ends_on,
    )
    session.add(pairing)
    audit.record(
        session,
        principal,
        "pairing.created",
        object_type="pairing",
        object_id=pairing.id,
        trust_id=school.trust_id,
        changes=body.model_dump(mode="json") | {"ends_on": ends_on.isoformat()},
    )
    return pairing


def _profile_at(session, model, user_id, school_id, field):
    profile = session.exec(
        select(model).where(model.user_id == user_id, model.school_id == school_id)
    ).first()
    if profile is None:
        role = "mentor" if model is MentorProfile else "mentee"
        raise Unprocessable(
            f"That person has no {role} profile at this school; add one first.",
            errors=[FieldProblem(field=field, detail=f"has no {role} profile here")],
        )
    return profile


def end_pairing(
    session: Session, principal: Principal, pairing_id: uuid.UUID, ends_on: date, reason: str
) -> Pairing:
    """Ends a pairing early. Its history stays; whatever was planned after the new end is
    called off by the domains that planned it (they handle `PairingEnded`)."""
    pairing = get_pairing(session, principal, pairing_id)
    trust_id = trust_id_of(session, pairing)
    if not policy.may_end(principal, pairing, trust_id):
        raise Forbidden("You can see this pairing but not end it; a lead of its school can.")
    if not pairing.starts_on <= ends_on <= pairing.ends_on:
        raise Unprocessable(
            "The new end must fall inside the pairing: "
            f"{human_range(pairing.starts_on, pairing.ends_on)}.",
            errors=[FieldProblem(field="ends_on", detail="is outside the pairing")],
        )
    pairing.ends_on = ends_on
    pairing.ended_early_reason = reason
    session.add(pairing)
    audit.record(
        session,
        principal,
        "pairing.ended",
        object_type="pairing",
        object_id=pairing.id,
        trust_id=trust_id,
        changes={"ends_on": ends_on, "reason": reason},
    )
    events.publish(session, PairingEnded(pairing.id, ends_on, reason, principal))
    return pairing


# --- agreements --------------------------------------------------------------------------------


def pairing_detail(session: Session, principal: Principal, pairing: Pairing) -> PairingDetail:
    public = pairings_public(session, [pairing])[0]
    can = PairingCan(
        schedule_slot=policy.may_act_on(principal, pairing),
        propose_agreement=policy.may_act_on(principal, pairing),
        agree=policy.may_agree(principal, pairing, current_agreement(session, pairing.id)),
        end=policy.may_end(principal, pairing, trust_id_of(session, pairing)),
    )
    return PairingDetail.model_validate({**public.model_dump(), "can": can})


def agreed_agreement(session: Session, pairing_id: uuid.UUID) -> MentoringAgreement | None:
    """The newest version both sides have agreed: the one in force."""
    return session.exec(
        select(MentoringAgreement)
        .where(
            MentoringAgreement.pairing_id == pairing_id,
            col(MentoringAgreement.mentor_agreed_at).is_not(None),
            col(MentoringAgreement.mentee_agreed_at).is_not(None),
        )
        .order_by(col(MentoringAgreement.version).desc())
    ).first()


def current_agreement(session: Session, pairing_id: uuid.UUID) -> MentoringAgreement | None:
    return session.exec(
        select(MentoringAgreement)
        .where(MentoringAgreement.pairing_id == pairing_id)
        .order_by(col(MentoringAgreement.version).desc())
    ).first()


def trust_id_of(session: Session, pairing: Pairing) -> uuid.UUID:
    school = session.get(School, pairing.school_id)
    assert school is not None
    return school.trust_id
