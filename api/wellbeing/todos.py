"""Wellbeing's to-dos: a request to talk, on the home of whoever it goes to (a mentee's mentor;
for a mentor, the school's wellbeing lead), until they follow it up. The text names the person
and the day; never their scores or note. One query."""

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from api.auth.principals import Principal
from api.core.wording import human_date
from api.org.models import Role, User
from api.todos.sources import Todo
from api.wellbeing import policy, service
from api.wellbeing.models import CheckInRole, WellbeingCheckIn


def wellbeing_todos(session: Session, principal: Principal) -> list[Todo]:
    if not principal.is_user or policy.SCOPE not in principal.scopes:
        return []
    goes_to_me: list[ColumnElement[bool]] = []
    if principal.school_ids_with(Role.mentor):
        goes_to_me.append(policy.mentors_now(principal.id, service.today()))
    if principal.school_ids_with(Role.school_lead):
        goes_to_me.append(
            and_(
                col(WellbeingCheckIn.subject_role) == CheckInRole.mentor,
                col(WellbeingCheckIn.school_id).in_(policy.wellbeing_lead_schools_query(principal)),
            )
        )
    if not goes_to_me:
        return []
    rows = session.exec(
        select(  # type: ignore[call-overload]
            WellbeingCheckIn.id, WellbeingCheckIn.checked_in_on, User.full_name
        )
        .join(User, col(User.id) == WellbeingCheckIn.subject_id)
        .where(
            or_(*goes_to_me),
            WellbeingCheckIn.subject_id != principal.id,
            col(WellbeingCheckIn.wants_to_talk).is_(True),
            col(WellbeingCheckIn.talk_followed_up_at).is_(None),
        )
        .order_by(col(WellbeingCheckIn.checked_in_on), col(WellbeingCheckIn.id))
    ).all()
    return [
        Todo(
            "wellbeing.to_talk",
            f"{name} would like to talk (checked in on {human_date(on)}).",
            "wellbeing_check_in",
            check_in_id,
            on,
        )
        for check_in_id, on, name in rows
    ]
