"""Wellbeing check-ins: made by mentees and mentors, read under the rules in `policy`, followed
up when someone asked to talk, and summed up for a school's wellbeing lead in groups of five or
more. Nothing here logs, and the audit log records only that a check-in happened (its scores,
note and talk flag are restricted columns, never recorded). No HTTP here."""

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date
from api.mentoring.models import Pairing
from api.org import people as org_people
from api.org import service as org_service
from api.org.models import Membership, Role, School
from api.wellbeing import policy
from api.wellbeing.models import CheckInRole, WellbeingCheckIn, WellbeingLead
from api.wellbeing.schemas import (
    MINIMUM_GROUP,
    CheckInCreate,
    CheckInDetail,
    CheckInPublic,
    CheckInUpdate,
    SchoolSummary,
    SummaryRow,
    WellbeingLeadPublic,
)

LONDON = ZoneInfo("Europe/London")
MAX_SUMMARY_DAYS = 366


def today() -> date:
    return utcnow().astimezone(LONDON).date()


def _school(session: Session, school_id: uuid.UUID) -> School:
    school = session.get(School, school_id)
    assert school is not None
    return school


# --- checking in ----------------------------------------------------------------------------


def _where_and_as(
    principal: Principal, school_id: uuid.UUID | None
) -> tuple[uuid.UUID, CheckInRole]:
    mentee_at = principal.school_ids_with(Role.mentee)
    mentor_at = principal.school_ids_with(Role.mentor)
    schools = mentee_at | mentor_at
    if not schools:
        raise Forbidden("Check-ins are for mentees and mentors.")
    if school_id is None:
        if len(schools) > 1:
            raise Unprocessable(
                "You mentor or are mentored at more than one school: say which one.",
                errors=[FieldProblem(field="school_id", detail="needed: more than one school")],
            )
        (school_id,) = schools
    elif school_id not in schools:
        raise Unprocessable(
            "Check in at a school where you mentor or are mentored.",
            errors=[FieldProblem(field="school_id", detail="not one of your schools")],
        )
    return school_id, CheckInRole.mentee if school_id in mentee_at else CheckInRole.mentor


def check_in(session: Session, principal: Principal, body: CheckInCreate) -> WellbeingCheckIn:
    school_id, role = _where_and_as(principal, body.school_id)
    school = _school(session, school_id)
    on = utcnow().astimezone(ZoneInfo(school.timezone)).date()
    row = WellbeingCheckIn(
        subject_id=principal.id,
        school_id=school_id,
        subject_role=role,
        checked_in_on=on,
        week_start=on - timedelta(days=on.weekday()),
        wellbeing_score=body.wellbeing_score,
        workload_score=body.workload_score,
        wellbeing_note=body.wellbeing_note,
        wellbeing_note_shared=body.wellbeing_note_shared and bool(body.wellbeing_note),
        wants_to_talk=body.wants_to_talk,
    )
    session.add(row)
    # That a check-in happened, and where; never what it says (see the module's docstring).
    audit.record(
        session,
        principal,
        "wellbeing_check_in.created",
        object_type="wellbeing_check_in",
        object_id=row.id,
        trust_id=school.trust_id,
        changes={"school_id": school_id, "subject_role": role},
    )
    session.flush()
    return row


# --- reading --------------------------------------------------------------------------------


class Viewer:
    """What the principal's view of check-ins rests on, read once per request."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.principal = principal
        self.today = today()
        self.lead_schools = policy.wellbeing_lead_schools(session, principal)
        self.mentees: set[tuple[uuid.UUID, uuid.UUID]] = set()
        if principal.is_user and principal.school_ids_with(Role.mentor):
            self.mentees = {
                (mentee, school)
                for mentee, school in session.exec(
                    select(Pairing.mentee_id, Pairing.school_id).where(
                        Pairing.mentor_id == principal.id,
                        col(Pairing.starts_on) <= self.today,
                        col(Pairing.ends_on) >= self.today,
                    )
                ).all()
            }

    def visible(self) -> ColumnElement[bool]:
        return policy.visible_check_ins(self.principal, self.today, self.lead_schools)

    def is_mentor(self, row: WellbeingCheckIn) -> bool:
        return (
            row.subject_role == CheckInRole.mentee
            and (row.subject_id, row.school_id) in self.mentees
        )


def check_ins_query(
    viewer: Viewer,
    *,
    subject_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    open_talk_requests: bool = False,
) -> SelectOfScalar[WellbeingCheckIn]:
    query = select(WellbeingCheckIn).where(viewer.visible())
    if subject_id:
        query = query.where(WellbeingCheckIn.subject_id == subject_id)
    if school_id:
        query = query.where(WellbeingCheckIn.school_id == school_id)
    if open_talk_requests:
        query = query.where(
            col(WellbeingCheckIn.wants_to_talk).is_(True),
            col(WellbeingCheckIn.talk_followed_up_at).is_(None),
        )
    return query.order_by(col(WellbeingCheckIn.created_at).desc(), col(WellbeingCheckIn.id))


def _public(viewer: Viewer, row: WellbeingCheckIn, people: dict) -> dict:
    seen_as = policy.relation(viewer.principal, row, viewer.lead_schools)
    shown = policy.may_read_note(row, seen_as)
    return {
        "id": row.id,
        "subject": people[row.subject_id],
        "school_id": row.school_id,
        "subject_role": row.subject_role,
        "checked_in_on": row.checked_in_on,
        "created_at": row.created_at,
        "wellbeing_score": row.wellbeing_score,
        "workload_score": row.workload_score,
        "wants_to_talk": row.wants_to_talk,
        "talk_followed_up_at": row.talk_followed_up_at,
        "relation": seen_as,
        "note_shown": shown,
        "wellbeing_note": row.wellbeing_note if shown else None,
        "wellbeing_note_shared": row.wellbeing_note_shared if seen_as == "own" else None,
    }


def check_ins_public(
    session: Session, viewer: Viewer, rows: Sequence[WellbeingCheckIn]
) -> list[CheckInPublic]:
    people = org_people.people_refs(session, {r.subject_id for r in rows})
    return [CheckInPublic.model_validate(_public(viewer, r, people)) for r in rows]


def get_check_in(session: Session, viewer: Viewer, check_in_id: uuid.UUID) -> WellbeingCheckIn:
    return first_visible(
        session,
        select(WellbeingCheckIn).where(WellbeingCheckIn.id == check_in_id, viewer.visible()),
        "check-in",
        check_in_id,
    )


def check_in_detail(session: Session, viewer: Viewer, row: WellbeingCheckIn) -> CheckInDetail:
    people = org_people.people_refs(session, {row.subject_id})
    data = _public(viewer, row, people)
    can = policy.check_in_can(viewer.principal, row, data["relation"], viewer.is_mentor(row))
    return CheckInDetail.model_validate(data | {"can": can})


def update_check_in(
    session: Session, viewer: Viewer, check_in_id: uuid.UUID, body: CheckInUpdate
) -> WellbeingCheckIn:
    row = get_check_in(session, viewer, check_in_id)
    if not policy.may_share_note(viewer.principal, row):
        raise Forbidden("Only the person who checked in decides who reads their note.")
    changes = body.changes()
    if changes.get("wellbeing_note_shared") and not row.wellbeing_note:
        raise Unprocessable(
            "There is no note to share on this check-in.",
            errors=[FieldProblem(field="wellbeing_note_shared", detail="no note")],
        )
    # The change itself is restricted; the event says only that the check-in changed.
    audit.apply_changes(
        session,
        viewer.principal,
        row,
        changes,
        object_type="wellbeing_check_in",
        trust_id=_school(session, row.school_id).trust_id,
    )
    session.flush()
    return row


def follow_up(session: Session, viewer: Viewer, check_in_id: uuid.UUID) -> WellbeingCheckIn:
    row = get_check_in(session, viewer, check_in_id)
    seen_as = policy.relation(viewer.principal, row, viewer.lead_schools)
    if not policy.may_follow_up(viewer.principal, row, seen_as, viewer.is_mentor(row)):
        if not row.wants_to_talk:
            raise Conflict("This check-in did not ask to talk.")
        if row.talk_followed_up_at is not None:
            when = human_date(row.talk_followed_up_at.date())
            raise Conflict(f"This request to talk was followed up on {when}.")
        raise Forbidden(
            "A mentee's request to talk is followed up by their mentor; a mentor's by the "
            "school's wellbeing lead."
        )
    row.talk_followed_up_at = utcnow()
    row.talk_followed_up_by = viewer.principal.id
    row.updated_at = row.talk_followed_up_at
    session.add(row)
    audit.record(
        session,
        viewer.principal,
        "wellbeing_check_in.followed_up",
        object_type="wellbeing_check_in",
        object_id=row.id,
        trust_id=_school(session, row.school_id).trust_id,
    )
    session.flush()
    return row


# --- the school's figures -------------------------------------------------------------------


def school_summary(
    session: Session,
    viewer: Viewer,
    school_id: uuid.UUID,
    from_: date | None = None,
    to: date | None = None,
) -> SchoolSummary:
    """Each week's figures for the school's mentees and its mentors; a group of fewer than
    five people is hidden. There is no whole-school row: with one, a hidden group's figures
    would follow from the other group's."""
    org_service.get_school(session, viewer.principal, school_id)
    if not policy.may_see_school_summary(viewer.lead_schools, school_id):
        raise Forbidden("A school's wellbeing figures are for its wellbeing lead.")
    to = to or viewer.today
    from_ = from_ or to - timedelta(weeks=12)
    if to < from_:
        raise Unprocessable(
            "The period ends before it starts.",
            errors=[FieldProblem(field="to", detail="before from")],
        )
    if (to - from_).days > MAX_SUMMARY_DAYS:
        raise Unprocessable(
            "Ask for a year at most.", errors=[FieldProblem(field="to", detail="over a year")]
        )
    c = WellbeingCheckIn
    rows = session.exec(
        select(  # type: ignore[call-overload]
            c.week_start,
            c.subject_role,
            func.count(func.distinct(col(c.subject_id))),
            func.count(col(c.id)),
            func.avg(c.wellbeing_score),
            func.avg(c.workload_score),
            func.sum(case((col(c.wants_to_talk).is_(True), 1), else_=0)),
        )
        .where(c.school_id == school_id, c.checked_in_on >= from_, c.checked_in_on <= to)
        .group_by(c.week_start, c.subject_role)
        .order_by(col(c.week_start), col(c.subject_role))
    ).all()
    items = []
    for week, group, people, count, wellbeing, workload, talks in rows:
        hidden = people < MINIMUM_GROUP
        items.append(
            SummaryRow(
                week_start=week,
                group=group,
                hidden=hidden,
                people=None if hidden else people,
                check_ins=None if hidden else count,
                mean_wellbeing=None if hidden else round(float(wellbeing), 2),
                mean_workload=None if hidden else round(float(workload), 2),
                talk_requests=None if hidden else int(talks or 0),
            )
        )
    return SchoolSummary(
        school_id=school_id,
        from_=from_,
        to=to,
        minimum_group=MINIMUM_GROUP,
        items=items,
        total=len(items),
    )


# --- wellbeing leads ------------------------------------------------------------------------


def _managed_school(session: Session, principal: Principal, school_id: uuid.UUID) -> School:
    school = org_service.get_school(session, principal, school_id)
    if not policy.may_manage_wellbeing_leads(principal, school.id, school.trust_id):
        raise Forbidden("The school's leads and the trust's admins name its wellbeing leads.")
    return school


def wellbeing_leads_query(
    session: Session, principal: Principal, school_id: uuid.UUID
) -> SelectOfScalar[WellbeingLead]:
    _managed_school(session, principal, school_id)
    return (
        select(WellbeingLead)
        .where(WellbeingLead.school_id == school_id)
        .order_by(col(WellbeingLead.created_at), col(WellbeingLead.id))
    )


def wellbeing_leads_public(
    session: Session, rows: Sequence[WellbeingLead]
) -> list[WellbeingLeadPublic]:
    people = org_people.people_refs(
        session, {p for r in rows for p in (r.user_id, r.designated_by)}
    )
    return [
        WellbeingLeadPublic(
            id=r.id,
            school_id=r.school_id,
            person=people[r.user_id],
            designated_by=people[r.designated_by],
            created_at=r.created_at,
        )
        for r in rows
    ]


def designate(
    session: Session, principal: Principal, school_id: uuid.UUID, user_id: uuid.UUID
) -> WellbeingLead:
    school = _managed_school(session, principal, school_id)
    leads_here = session.exec(
        select(Membership.id).where(
            Membership.user_id == user_id,
            Membership.school_id == school_id,
            Membership.role == Role.school_lead,
        )
    ).first()
    if leads_here is None:
        raise Unprocessable(
            "A wellbeing lead is one of the school's leads: give them that role first.",
            errors=[FieldProblem(field="user_id", detail="not a lead of this school")],
        )
    existing = session.exec(
        select(WellbeingLead).where(
            WellbeingLead.school_id == school_id, WellbeingLead.user_id == user_id
        )
    ).first()
    if existing is not None:
        return existing
    row = WellbeingLead(school_id=school_id, user_id=user_id, designated_by=principal.id)
    session.add(row)
    audit.record(
        session,
        principal,
        "wellbeing_lead.designated",
        object_type="wellbeing_lead",
        object_id=row.id,
        trust_id=school.trust_id,
        changes={"school_id": school_id, "user_id": user_id},
    )
    session.flush()
    return row


def undesignate(
    session: Session, principal: Principal, school_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    school = _managed_school(session, principal, school_id)
    row = first_visible(
        session,
        select(WellbeingLead).where(
            WellbeingLead.user_id == user_id, WellbeingLead.school_id == school_id
        ),
        "wellbeing lead",
        user_id,
    )
    audit.record(
        session,
        principal,
        "wellbeing_lead.removed",
        object_type="wellbeing_lead",
        object_id=row.id,
        trust_id=school.trust_id,
        changes={"school_id": school_id, "user_id": row.user_id},
    )
    session.delete(row)
    session.flush()
