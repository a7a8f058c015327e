"""Demo data for looking after mentors: Hillcrest's lead is its wellbeing lead; the mentee and
the mentors have a few weeks of check-ins (the mentee's latest asks to talk); the lead has
supervision with each mentor, the past ones held. Through the services where a rule applies
(naming the wellbeing lead, checking in today, scheduling), as people would."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.auth.principals import load_user_principal
from api.core.models import utcnow
from api.org.models import School, User
from api.supervision import service as supervision
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.supervision.schemas import SupervisionCreate
from api.wellbeing import service as wellbeing
from api.wellbeing.models import CheckInRole, WellbeingCheckIn
from api.wellbeing.schemas import CheckInCreate

# (person, weeks ago, wellbeing, workload) for the weeks before today.
HISTORY = [
    ("mentee", 4, 4, 2),
    ("mentee", 3, 4, 3),
    ("mentee", 2, 3, 4),
    ("mentee", 1, 3, 4),
    ("mentor", 3, 4, 3),
    ("mentor", 1, 3, 4),
    ("daniel.brooks", 2, 4, 3),
]


def seed_support(session: Session, school: School, users: dict[str, User]) -> None:
    lead = load_user_principal(session, users["lead"])
    wellbeing.designate(session, lead, school.id, lead.id)
    zone = ZoneInfo(school.timezone)
    today = utcnow().astimezone(zone).date()
    for key, weeks, score, workload in HISTORY:
        on = today - timedelta(weeks=weeks)
        session.add(
            WellbeingCheckIn(
                subject_id=users[key].id,
                school_id=school.id,
                subject_role=CheckInRole.mentee if key == "mentee" else CheckInRole.mentor,
                checked_in_on=on,
                week_start=on - timedelta(days=on.weekday()),
                wellbeing_score=score,
                workload_score=workload,
                created_at=datetime.combine(on, time(17, 0), tzinfo=zone).astimezone(UTC),
            )
        )
    mentee = load_user_principal(session, users["mentee"])
    wellbeing.check_in(
        session,
        mentee,
        CheckInCreate(
            wellbeing_score=2,
            workload_score=5,
            wellbeing_note="Marking and planning are taking every evening this week.",
            wants_to_talk=True,
        ),
    )
    for index, key in enumerate(("mentor", "daniel.brooks")):
        mentor = users[key]
        held_day = _school_day(today - timedelta(weeks=3 + index))
        starts = datetime.combine(held_day, time(16, 0), tzinfo=zone)
        session.add(
            SupervisionSession(
                school_id=school.id,
                mentor_id=mentor.id,
                supervisor_id=lead.id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                location="Meeting room 2",
                status=SupervisionStatus.held,
                held_on=held_day,
                supervision_note="Talked through workload and the next observation cycle.",
                recorded_at=starts + timedelta(hours=2),
                created_by=lead.id,
            )
        )
        next_day = _school_day(today + timedelta(days=10 + index))
        # An hour apart, so the lead is never in two sessions at once.
        first = datetime.combine(next_day, time(16 + index, 0), tzinfo=zone)
        supervision.schedule(
            session,
            lead,
            SupervisionCreate(
                mentor_id=mentor.id,
                school_id=school.id,
                starts_at=first,
                ends_at=first + timedelta(hours=1),
                location="Meeting room 2",
                every_weeks=4,
                times=3,
                confirm_clash=True,
            ),
        )
    session.flush()


def _school_day(day: date) -> date:
    """The day itself, or the Monday after a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day
