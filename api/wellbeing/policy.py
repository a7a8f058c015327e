"""Who sees wellbeing check-ins, and what of them. Restricted data: the person who checked in;
a mentee's current mentor (the scores and the talk flag, the note only when shared); the
school's wellbeing lead (the school's, the note only when shared). Nobody else: trust admins,
other leads, observers and integration clients see none. Services enforce these rules; check-in
details send them to the web app as `can`."""

import uuid
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, false, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.mentoring.models import Pairing
from api.org.models import Role
from api.wellbeing.models import CheckInRole, WellbeingCheckIn, WellbeingLead
from api.wellbeing.schemas import CheckInCan, Relation

SCOPE = "wellbeing:write"


def wellbeing_lead_schools_query(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    """The schools the principal is named wellbeing lead of and still leads."""
    return select(WellbeingLead.school_id).where(
        WellbeingLead.user_id == principal.id,
        col(WellbeingLead.school_id).in_(principal.school_ids_with(Role.school_lead)),
    )


def wellbeing_lead_schools(session: Session, principal: Principal) -> frozenset[uuid.UUID]:
    lead_of = principal.school_ids_with(Role.school_lead)
    if not principal.is_user or not lead_of or SCOPE not in principal.scopes:
        return frozenset()
    return frozenset(session.exec(wellbeing_lead_schools_query(principal)).all())


def mentors_now(mentor_id: uuid.UUID, today: date) -> ColumnElement[bool]:
    """The check-in is a mentee's, made during a pairing with this mentor that still runs."""
    return and_(
        col(WellbeingCheckIn.subject_role) == CheckInRole.mentee,
        exists().where(
            col(Pairing.mentor_id) == mentor_id,
            col(Pairing.mentee_id) == WellbeingCheckIn.subject_id,
            col(Pairing.school_id) == WellbeingCheckIn.school_id,
            col(Pairing.starts_on) <= WellbeingCheckIn.checked_in_on,
            col(Pairing.ends_on) >= WellbeingCheckIn.checked_in_on,
            col(Pairing.starts_on) <= today,
            col(Pairing.ends_on) >= today,
        ),
    )


def visible_check_ins(
    principal: Principal, today: date, lead_schools: frozenset[uuid.UUID]
) -> ColumnElement[bool]:
    if not principal.is_user or SCOPE not in principal.scopes:
        return false()
    conditions: list[ColumnElement[bool]] = [col(WellbeingCheckIn.subject_id) == principal.id]
    if principal.school_ids_with(Role.mentor):
        conditions.append(mentors_now(principal.id, today))
    if lead_schools:
        conditions.append(col(WellbeingCheckIn.school_id).in_(lead_schools))
    return or_(*conditions)


def relation(
    principal: Principal, check_in: WellbeingCheckIn, lead_schools: frozenset[uuid.UUID]
) -> Relation:
    """How a visible check-in is seen: as one's own, as the wellbeing lead, or as the mentor."""
    if check_in.subject_id == principal.id:
        return "own"
    if check_in.school_id in lead_schools:
        return "wellbeing_lead"
    return "mentor"


def may_read_note(check_in: WellbeingCheckIn, seen_as: Relation) -> bool:
    return seen_as == "own" or check_in.wellbeing_note_shared


def may_share_note(principal: Principal, check_in: WellbeingCheckIn) -> bool:
    return SCOPE in principal.scopes and check_in.subject_id == principal.id


def talk_goes_to(check_in: WellbeingCheckIn) -> Relation:
    """A mentee's request to talk goes to their mentor; a mentor's to the wellbeing lead."""
    return "mentor" if check_in.subject_role == CheckInRole.mentee else "wellbeing_lead"


def may_follow_up(
    principal: Principal, check_in: WellbeingCheckIn, seen_as: Relation, is_mentor: bool
) -> bool:
    if not (check_in.wants_to_talk and check_in.talk_followed_up_at is None):
        return False
    if SCOPE not in principal.scopes or seen_as == "own":
        return False
    if talk_goes_to(check_in) == "mentor":
        return is_mentor
    return seen_as == "wellbeing_lead"


def check_in_can(
    principal: Principal, check_in: WellbeingCheckIn, seen_as: Relation, is_mentor: bool
) -> CheckInCan:
    return CheckInCan(
        share_note=may_share_note(principal, check_in),
        follow_up=may_follow_up(principal, check_in, seen_as, is_mentor),
    )


def may_see_school_summary(lead_schools: frozenset[uuid.UUID], school_id: uuid.UUID) -> bool:
    return school_id in lead_schools


def may_manage_wellbeing_leads(
    principal: Principal, school_id: uuid.UUID, trust_id: uuid.UUID
) -> bool:
    """The school's leads and the trust's admins name its wellbeing leads."""
    return "users:write" in principal.scopes and (
        school_id in principal.school_ids_with(Role.school_lead)
        or trust_id in principal.admin_trust_ids
    )


def check_ins_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    """Audit events about check-ins: the audit log is read by trust admins, who never see a
    check-in, so no event about one is ever shown."""
    return select(WellbeingCheckIn.id).where(false())
