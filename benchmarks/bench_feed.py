"""A calendar feed for a person with 5 weekly series and 200 one-off meetings: the median
time to build it."""

from datetime import UTC, datetime, time, timedelta

from common import fresh_database, mentees_for, session, timed
from icalendar import Calendar

from api.auth.principals import load_user_principal
from api.calendar.service import render_calendar
from api.demo.service import seed_demo
from api.meetings.models import Meeting
from api.meetings.schemas import SlotCreate
from api.meetings.slots import schedule_slot


def main() -> None:
    fresh_database()
    with session() as db:
        seed_demo(db)
        mentor, existing, extra = mentees_for(db, "mentor@demo.mentorhub.test", 4, "feed")
        pairings = [existing, *extra]
        for n, pairing in enumerate(extra):
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
        calendar = Calendar.from_ical(render_calendar(db, mentor).body)
        events = calendar.walk("VEVENT")
        print(
            f"feed: {sum('RRULE' in e for e in events)} series, "
            f"{sum('RRULE' not in e and 'RECURRENCE-ID' not in e for e in events)} one-offs, "
            f"{sum('RECURRENCE-ID' in e for e in events)} moved"
        )
        timed("calendar feed", lambda: render_calendar(db, mentor), 30)


if __name__ == "__main__":
    main()
