"""Early warnings on a lead's home, for schools that have adopted an entitlement policy: a
pairing whose protected meetings were lost twice in four weeks, and a mentee not observed for
three weeks. Asked through the measure sources, in four queries however many pairings."""

from datetime import timedelta

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.wording import human_date
from api.entitlements.models import PolicyAdoption
from api.measures.sources import source_of
from api.mentoring.models import Pairing
from api.org.models import Role, User
from api.todos.sources import Todo

LOST = "meetings.protected_minutes"
OBSERVED = "observations.received"
LOST_WINDOW, LOST_LIMIT = timedelta(days=28), 2
UNOBSERVED = timedelta(days=21)


def entitlement_todos(session: Session, principal: Principal) -> list[Todo]:
    lead_of = principal.school_ids_with(Role.school_lead)
    if not principal.is_user or "entitlements:read" not in principal.scopes or not lead_of:
        return []
    today = utcnow().date()
    adopted = set(
        session.exec(
            select(PolicyAdoption.school_id).where(
                col(PolicyAdoption.school_id).in_(lead_of), PolicyAdoption.adopted_from <= today
            )
        ).all()
    )
    if not adopted:
        return []
    mentor, mentee = aliased(User), aliased(User)
    pairings = session.exec(
        select(Pairing, mentor.full_name, mentee.full_name)
        .join(mentor, col(mentor.id) == Pairing.mentor_id)
        .join(mentee, col(mentee.id) == Pairing.mentee_id)
        .where(
            col(Pairing.school_id).in_(adopted),
            col(Pairing.starts_on) <= today,
            col(Pairing.ends_on) >= today,
        )
        .order_by(col(Pairing.starts_on), col(Pairing.id))
    ).all()
    if not pairings:
        return []
    mentees = {p.mentee_id for p, _, _ in pairings}
    todos = []
    meetings, observations = source_of(LOST), source_of(OBSERVED)
    if meetings is not None:
        since = today - LOST_WINDOW
        lost = meetings.delivered(session, [LOST], mentees, since, today).get(LOST, {})
        for p, mentor_name, mentee_name in pairings:
            count = sum(w.lost for w in lost.get(p.mentee_id, {}).values())
            if count >= LOST_LIMIT:
                todos.append(
                    Todo(
                        "entitlement.meetings_lost",
                        f"{mentee_name}'s protected meetings with {mentor_name} were lost "
                        f"{count} times since {human_date(since)}: their entitlement is at risk.",
                        "pairing",
                        p.id,
                        today,
                    )
                )
    if observations is not None:
        since = today - UNOBSERVED
        seen = observations.delivered(session, [OBSERVED], mentees, since, today).get(OBSERVED, {})
        for p, _, mentee_name in pairings:
            if p.starts_on <= since and not any(
                w.delivered for w in seen.get(p.mentee_id, {}).values()
            ):
                todos.append(
                    Todo(
                        "entitlement.not_observed",
                        f"Nobody has observed {mentee_name} since {human_date(since)}: "
                        "their entitlement is at risk.",
                        "pairing",
                        p.id,
                        today,
                    )
                )
    return todos
