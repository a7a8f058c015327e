"""A calendar feed for a person with 5 weekly series and 200 one-off meetings: the median
time to build it."""

from datetime import UTC, datetime, time, timedelta

from common import fresh_database, session, timed
from icalendar import Calendar
from sqlmodel import select

from api.auth.principals import load_user_principal
from api.calendar.service import render_calendar
from api.demo.service import seed_demo
from api.meetings.models import Meeting
from api.meetings.schemas import SlotCreate
from api.meetings.service import schedule_slot
from api.mentoring.models import MenteeProfile, Pairing, PairingKind
from api.org.models import Membership, Role, School, User


def main() -> None:
    fresh_database()
    with session() as db:
        seed_demo(db)
        school = db.exec(select(School).where(School.urn == "900002")).one()
        mentor = db.exec(select(User).where(User.email == "mentor@demo.mentorhub.test")).one()
        existing = db.exec(select(Pairing).where(Pairing.mentor_id == mentor.id)).one()
        pairings = [existing]
        for n in range(4):
            mentee = User(
                trust_id=school.trust_id,
                email=f"feed{n}@bench.example",
                full_name=f"Feed Mentee {n}",
            )
            db.add(mentee)
            db.add(
                Membership(
                    user_id=mentee.id,
                    trust_id=school.trust_id,
                    school_id=school.id,
                    role=Role.mentee,
                )
            )
            db.add(
                MenteeProfile(
                    user_id=mentee.id,
                    school_id=school.id,
                    pathway="itt",
                    starts_on=existing.starts_on,
                    ends_on=existing.ends_on,
                )
            )
            pairing = Pairing(
                school_id=school.id,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                kind=PairingKind.subject_mentor,
                starts_on=existing.starts_on,
                ends_on=existing.ends_on,
            )
            db.add(pairing)
            db.flush()
            pairings.append(pairing)
            schedule_slot(
                db,
                load_user_principal(db, mentor),
                pairing.id,
                SlotCreate(
                    weekday=n,
                    start_time=time(8, 0),
                    location="Room",
                    starts_on=existing.starts_on,
                    ends_on=existing.ends_on,
                ),
                dry_run=False,
            )
        first = datetime.combine(existing.starts_on, time(12, 0), tzinfo=UTC)
        for n in range(200):
            starts = first + timedelta(days=n, hours=n % 3)
            db.add(
                Meeting(
                    pairing_id=pairings[n % 5].id,
                    occurrence_date=starts.date(),
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=30),
                    location="Drop-in",
                )
            )
        db.commit()
        calendar = Calendar.from_ical(render_calendar(db, mentor))
        events = calendar.walk("VEVENT")
        print(
            f"feed: {sum('RRULE' in e for e in events)} series, "
            f"{sum('RRULE' not in e and 'RECURRENCE-ID' not in e for e in events)} one-offs, "
            f"{sum('RECURRENCE-ID' in e for e in events)} moved"
        )
        timed("calendar feed", lambda: render_calendar(db, mentor), 30)


if __name__ == "__main__":
    main()
