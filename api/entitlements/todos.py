"""Early warnings on a lead's home, for schools that have adopted an entitlement policy: a
pairing whose protected meetings were lost twice in four weeks, and a mentee not observed for
three weeks. One query however many pairings: the pairings of the lead's adopting schools with
two correlated counts (meetings and observations are joined by their models, as domains may)."""

from datetime import timedelta

from sqlalchemy import exists, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as SASession
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_date, plural
from api.entitlements.models import PolicyAdoption
from api.meetings.models import Meeting, MeetingStatus
from api.mentoring.models import Pairing
from api.observations.models import TOOK_PLACE, Observation
from api.org.models import Role, User
from api.todos.sources import Todo

LOST_WINDOW, LOST_LIMIT = timedelta(days=28), 2
UNOBSERVED = timedelta(days=21)


def entitlement_todos(session: Session, principal: Principal) -> list[Todo]:
    lead_of = principal.school_ids_with(Role.school_lead)
    if not principal.is_user or "entitlements:read" not in principal.scopes or not lead_of:
        return []
    today = utcnow().date()
    lost_since, observed_since = today - LOST_WINDOW, today - UNOBSERVED
    mentor, mentee = aliased(User), aliased(User)
    lost = (
        select(func.count(col(Meeting.id)))
        .where(
            col(Meeting.pairing_id) == col(Pairing.id),
            or_(col(Meeting.lost).is_(True), col(Meeting.status) == MeetingStatus.missed),
            col(Meeting.occurrence_date) >= lost_since,
            col(Meeting.occurrence_date) <= today,
        )
        .scalar_subquery()
    )
    observed = exists().where(
        col(Observation.mentee_id) == col(Pairing.mentee_id),
        col(Observation.status).in_(TOOK_PLACE),
        col(Observation.observed_on) > observed_since,
        col(Observation.observed_on) <= today,
    )
    adopted = exists().where(
        col(PolicyAdoption.school_id) == col(Pairing.school_id),
        col(PolicyAdoption.adopted_from) <= today,
    )
    rows = SASession.execute(
        session,
        sa_select(Pairing, col(mentor.full_name), col(mentee.full_name), lost, observed)
        .join(mentor, col(mentor.id) == Pairing.mentor_id)
        .join(mentee, col(mentee.id) == Pairing.mentee_id)
        .where(
            col(Pairing.school_id).in_(lead_of),
            col(Pairing.starts_on) <= today,
            col(Pairing.ends_on) >= today,
            adopted,
        )
        .order_by(col(Pairing.starts_on), col(Pairing.id)),
    ).all()
    todos = []
    for p, mentor_name, mentee_name, lost_count, was_observed in rows:
        if lost_count >= LOST_LIMIT:
            todos.append(
                Todo(
                    "entitlement.meetings_lost",
                    f"{mentee_name}'s protected meetings with {mentor_name} were lost "
                    f"{plural(lost_count, 'time')} since {human_date(lost_since)}: their "
                    "entitlement is at risk.",
                    "pairing",
                    p.id,
                    today,
                )
            )
        if p.starts_on <= observed_since and not was_observed:
            todos.append(
                Todo(
                    "entitlement.not_observed",
                    f"Nobody has observed {mentee_name} since {human_date(observed_since)}: "
                    "their entitlement is at risk.",
                    "pairing",
                    p.id,
                    today,
                )
            )
    return todos
