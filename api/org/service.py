"""Rules for trusts, schools and term dates. People and roles are in `people.py`. Knows
nothing of HTTP."""

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.access import managed_school_ids, visible_schools
from api.auth.principals import Principal
from api.core import events
from api.core.problems import Conflict, FieldProblem, Forbidden, NotFound
from api.core.queries import first_visible
from api.core.wording import human_range
from api.org import policy
from api.org.events import ClosureAdded
from api.org.models import Phase, School, TermDate, TermKind, Trust
from api.org.schemas import (
    SchoolCreate,
    SchoolDetail,
    SchoolUpdate,
    TermDateCreate,
    TermDateUpdate,
    TrustDetail,
    TrustUpdate,
)

# --- trusts ------------------------------------------------------------------------------------


def trusts_query(principal: Principal) -> SelectOfScalar[Trust]:
    """The trusts you can see: your own."""
    return select(Trust).where(Trust.id == principal.trust_id).order_by(col(Trust.id))


def get_trust(session: Session, principal: Principal, trust_id: uuid.UUID) -> Trust:
    trust = session.get(Trust, trust_id)
    if trust is None or trust.id != principal.trust_id:
        raise NotFound(f"No trust with id {trust_id} is visible to you.")
    return trust


def update_trust(
    session: Session, principal: Principal, trust_id: uuid.UUID, body: TrustUpdate
) -> Trust:
    trust = get_trust(session, principal, trust_id)
    if not policy.may_edit_trust(principal, trust):
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
        query = query.where(or_(func.lower(School.name).like(pattern), col(School.urn) == q))
    if phase:
        query = query.where(School.phase == phase)
    if active is not None:
        query = query.where(School.active == active)
    return query.order_by(col(School.name), col(School.id))


def get_school(session: Session, principal: Principal, school_id: uuid.UUID) -> School:
    return first_visible(
        session,
        select(School).where(School.id == school_id, visible_schools(principal)),
        "school",
        school_id,
    )


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
    refuse_duplicate(session, School, School.urn, body.urn, None, f"URN {body.urn}")
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
    if not policy.may_edit_school(principal, school):
        raise Forbidden("Only trust admins can change schools.")
    changes = body.changes()
    if "urn" in changes:
        refuse_duplicate(
            session, School, School.urn, changes["urn"], school.id, f"URN {changes['urn']}"
        )
    audit.apply_changes(
        session, principal, school, changes, object_type="school", trust_id=school.trust_id
    )
    return school


# --- term dates --------------------------------------------------------------------------------


def term_dates_query(
    session: Session, principal: Principal, school_id: uuid.UUID
) -> SelectOfScalar[TermDate]:
    """A school's terms and closures in date order (a term before a closure on its first day)."""
    get_school(session, principal, school_id)
    return (
        select(TermDate)
        .where(TermDate.school_id == school_id)
        .order_by(col(TermDate.starts_on), col(TermDate.kind).desc(), col(TermDate.id))
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
    _closure_added(session, principal, term_date)
    return term_date


def _closure_added(session: Session, principal: Principal, term_date: TermDate) -> None:
    if term_date.kind == TermKind.closure:
        event = ClosureAdded(
            term_date.school_id, term_date.id, term_date.starts_on, term_date.ends_on, principal
        )
        events.publish(session, event)


def _get_term_date(session: Session, principal: Principal, term_date_id: uuid.UUID) -> TermDate:
    return first_visible(
        session,
        select(TermDate)
        .join(School, col(School.id) == TermDate.school_id)
        .where(TermDate.id == term_date_id, visible_schools(principal)),
        "term date",
        term_date_id,
    )


def update_term_date(
    session: Session, principal: Principal, term_date_id: uuid.UUID, body: TermDateUpdate
) -> TermDate:
    term_date = _get_term_date(session, principal, term_date_id)
    school = get_managed_school(session, principal, term_date.school_id)
    audit.apply_changes(
        session,
        principal,
        term_date,
        body.changes(),
        object_type="term_date",
        trust_id=school.trust_id,
    )
    if term_date.ends_on < term_date.starts_on:
        raise Conflict(
            "ends_on would fall before starts_on.",
            errors=[FieldProblem(field="ends_on", detail="is before starts_on")],
        )
    _refuse_overlapping_terms(session, school.id, [term_date], ignore_ids={term_date.id})
    _closure_added(session, principal, term_date)  # its days may be new ones
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
    originals = list(session.exec(term_dates_query(session, principal, source.id)).all())
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
                message = (
                    f"{new.name} ({human_range(new.starts_on, new.ends_on)}) overlaps "
                    f"{old.name} ({human_range(old.starts_on, old.ends_on)}){where}."
                )
                # Named field: a form shows the message at the dates it is about.
                raise Conflict(message, errors=[FieldProblem(field="starts_on", detail=message)])


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


# --- people and roles --------------------------------------------------------------------------


def trust_detail(principal: Principal, trust: Trust) -> TrustDetail:
    return TrustDetail.model_validate(
        {**trust.model_dump(), "can": policy.trust_can(principal, trust)}
    )


def school_detail(principal: Principal, school: School) -> SchoolDetail:
    return SchoolDetail.model_validate(
        {**school.model_dump(), "can": policy.school_can(principal, school)}
    )


def refuse_duplicate(session, model, column, value, own_id, label) -> None:
    clash = session.exec(select(model.id).where(column == value)).first()
    if clash is not None and clash != own_id:
        message = f"{label} already exists."
        raise Conflict(message, errors=[FieldProblem(field=column.key, detail=message)])
