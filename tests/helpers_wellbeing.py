"""The world's wellbeing and supervision: the lead is Hillcrest's wellbeing lead; the mentee
checked in in September asking to talk, with a note they did not share; the lead had a
supervision session with the mentor in September, not recorded yet."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.org.models import School, User
from api.supervision.models import SupervisionSession
from api.wellbeing.models import CheckInRole, WellbeingCheckIn, WellbeingLead

SECRET_NOTE = "zebra-crossing-7 I cannot sleep before observations"
SUPERVISION_SECRET = "kestrel-42 worried about the mentee's marking load"


def wellbeing_world(session: Session, school: School, people: dict[str, User]) -> dict:
    session.flush()  # the people and the school first: these rows name them
    london = ZoneInfo("Europe/London")
    day = date(2026, 9, 14)
    wellbeing_lead = WellbeingLead(
        school_id=school.id, user_id=people["lead"].id, designated_by=people["lead"].id
    )
    check_in = WellbeingCheckIn(
        subject_id=people["mentee"].id,
        school_id=school.id,
        subject_role=CheckInRole.mentee,
        checked_in_on=day,
        week_start=day,
        wellbeing_score=2,
        workload_score=5,
        wellbeing_note=SECRET_NOTE,
        wants_to_talk=True,
    )
    supervision = SupervisionSession(
        school_id=school.id,
        mentor_id=people["mentor"].id,
        supervisor_id=people["lead"].id,
        starts_at=datetime.combine(date(2026, 9, 15), time(16, 0), tzinfo=london),
        ends_at=datetime.combine(date(2026, 9, 15), time(17, 0), tzinfo=london),
        location="Head's office",
        supervision_note="",
        created_by=people["lead"].id,
    )
    session.add_all([wellbeing_lead, check_in, supervision])
    return dict(check_in=check_in, supervision=supervision, wellbeing_lead=wellbeing_lead)
