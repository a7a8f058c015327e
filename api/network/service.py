"""The mentor network: the mentors of one's school and trust, with their subjects, phase and
how many mentees they have, never who. No HTTP here."""

import uuid
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Forbidden
from api.mentoring.models import MentorProfile, Pairing
from api.network import policy
from api.network.schemas import NetworkMentor, NetworkSchool
from api.org import people as org_people
from api.org.models import Membership, Role, School, User

LONDON = ZoneInfo("Europe/London")


def _today() -> date:
    return utcnow().astimezone(LONDON).date()


def network_query(
    principal: Principal, *, school_id: uuid.UUID | None = None, subject: str | None = None
) -> SelectOfScalar[MentorProfile]:
    """Each mentor's current profile at a school of the trust."""
    if not policy.may_see_network(principal):
        raise Forbidden("The mentor network is for mentors and school leads.")
    today = _today()
    query = (
        select(MentorProfile)
        .join(School, col(School.id) == MentorProfile.school_id)
        .join(User, col(User.id) == MentorProfile.user_id)
        .where(
            policy.visible_network_schools(principal),
            col(School.active).is_(True),
            col(User.active).is_(True),
            col(MentorProfile.starts_on) <= today,
            (col(MentorProfile.ends_on).is_(None)) | (col(MentorProfile.ends_on) >= today),
            # Still holds the mentor role there.
            col(MentorProfile.user_id).in_(
                select(Membership.user_id).where(
                    Membership.role == Role.mentor, Membership.school_id == MentorProfile.school_id
                )
            ),
        )
    )
    if school_id:
        query = query.where(MentorProfile.school_id == school_id)
    rows_order = [col(School.name), col(User.full_name), col(MentorProfile.id)]
    if subject:
        # Subjects are a short JSON list, matched as its text: a subject that starts so.
        pattern = '%"' + subject.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        query = query.where(func.lower(cast(MentorProfile.subjects, String)).like(pattern))
    return query.order_by(*rows_order)


def network_public(session: Session, rows: Sequence[MentorProfile]) -> list[NetworkMentor]:
    schools = {
        s.id: s
        for s in session.exec(
            select(School).where(col(School.id).in_({p.school_id for p in rows}))
        ).all()
    }
    profiles = [(p, schools[p.school_id]) for p in rows]
    today = _today()
    counts: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    if profiles:
        counts = {
            (mentor, school): n
            for mentor, school, n in session.exec(
                select(
                    Pairing.mentor_id,
                    Pairing.school_id,
                    func.count(func.distinct(Pairing.mentee_id)),
                )
                .where(
                    col(Pairing.mentor_id).in_({p.user_id for p, _ in profiles}),
                    col(Pairing.starts_on) <= today,
                    col(Pairing.ends_on) >= today,
                )
                .group_by(col(Pairing.mentor_id), col(Pairing.school_id))
            ).all()
        }
    people = org_people.people_refs(session, {p.user_id for p, _ in profiles})
    return [
        NetworkMentor(
            person=people[p.user_id],
            school=NetworkSchool(id=s.id, name=s.name, phase=s.phase),
            subjects=p.subjects,
            phase=p.phase,
            trained=p.trained,
            mentee_count=counts.get((p.user_id, s.id), 0),
        )
        for p, s in profiles
    ]
