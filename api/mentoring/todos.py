"""Mentoring's to-dos: agreements that wait for the person asking."""

import uuid
from datetime import date

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from api.auth.principals import Principal
from api.mentoring.models import MentoringAgreement, Pairing
from api.org.models import User
from api.todos.sources import Todo

Mentor = aliased(User)
Mentee = aliased(User)


def agreement_todos(session: Session, principal: Principal) -> list[Todo]:
    """For each of your current pairings: set up the agreement when there is none, or agree
    the newest version when the other side has proposed it. Two queries however many."""
    if not principal.is_user:
        return []
    today = date.today()
    pairings = session.exec(
        select(Pairing, Mentor.full_name, Mentee.full_name)
        .join(Mentor, col(Mentor.id) == Pairing.mentor_id)
        .join(Mentee, col(Mentee.id) == Pairing.mentee_id)
        .where(
            or_(Pairing.mentor_id == principal.id, Pairing.mentee_id == principal.id),
            Pairing.starts_on <= today,
            Pairing.ends_on >= today,
        )
        .order_by(col(Pairing.starts_on), col(Pairing.id))
    ).all()
    if not pairings:
        return []
    newest: dict[uuid.UUID, MentoringAgreement] = {}
    for agreement in session.exec(
        select(MentoringAgreement)
        .where(col(MentoringAgreement.pairing_id).in_([p.id for p, _, _ in pairings]))
        .order_by(col(MentoringAgreement.version).desc())
    ):
        newest.setdefault(agreement.pairing_id, agreement)
    todos = []
    for pairing, mentor_name, mentee_name in pairings:
        partner = mentee_name if pairing.mentor_id == principal.id else mentor_name
        current = newest.get(pairing.id)
        if current is None:
            kind = "agreement.to_set_up"
            text = f"Set up your mentoring agreement with {partner} at your first meeting."
        elif not _has_agreed(current, pairing, principal):
            kind = "agreement.to_agree"
            text = f"Read and agree version {current.version} of your agreement with {partner}."
        else:
            continue
        todos.append(Todo(kind, text, "pairing", pairing.id, group="to_do"))
    return todos


def _has_agreed(agreement: MentoringAgreement, pairing: Pairing, principal: Principal) -> bool:
    if principal.id == pairing.mentor_id:
        return agreement.mentor_agreed_at is not None
    return agreement.mentee_agreed_at is not None
