"""The organisation's to-dos: for a lead, people in their schools who cannot sign in with a
password of their own yet."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.org.models import Membership, Role, School, User
from api.todos.sources import Todo


def account_todos(session: Session, principal: Principal) -> list[Todo]:
    """One to-do per school the person leads where someone active has not set up their
    account: they are sent a set-up link from the people page."""
    lead_of = principal.school_ids_with(Role.school_lead)
    if not principal.is_user or not lead_of:
        return []
    rows = session.exec(
        select(School.id, School.name, func.count(func.distinct(User.id)))
        .join(Membership, col(Membership.school_id) == School.id)
        .join(User, col(User.id) == Membership.user_id)
        .where(
            col(School.id).in_(lead_of),
            col(User.active).is_(True),
            col(User.must_change_password).is_(True),
        )
        .group_by(col(School.id), col(School.name))
        .order_by(col(School.name))
    ).all()
    todos = []
    for school_id, name, count in rows:
        people = "1 person" if count == 1 else f"{count} people"
        verb = "has" if count == 1 else "have"
        text = f"{people} in {name} {verb} not set up their account yet."
        todos.append(Todo("people.not_set_up", text, "school", school_id))
    return todos
